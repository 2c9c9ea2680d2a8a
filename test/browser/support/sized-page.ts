// A page of a given viewport size for a layout test: the test page itself where the engine can size
// its window, else a same-origin iframe of that size (WebKitGTK's MiniBrowser is never narrower than
// its toolbar). The frame's document has a real viewport of that size (its media queries, `vw` and
// scroll width are the same as a window's), the element defined in it, and the Stripe stand-in.
import { expect, fixture } from '@open-wc/testing';
import type { AxeResults, RunOptions } from 'axe-core';
import { resizeTo } from './engine.ts';
import { sandboxUrl } from './sandbox.ts';

export interface SizedPage {
  window: Window & typeof globalThis;
  document: Document;
  /** 'window': the test page itself, sized; 'frame': an iframe of that size (see sizedPage). */
  by: 'window' | 'frame';
  /** Why the window could not take the size, when sizedPage answered with a frame. */
  reason?: string;
  /** Puts `element` (made in `document`) on the page: as a fixture on the test page, in the frame's body. */
  mount<T extends Element>(element: T): Promise<T>;
  /**
   * Fails unless axe finds no violation in `element`, as `expect(element).to.be.accessible()` does
   * (that one, on the test page; in a frame, axe-core run by the frame's own window).
   */
  expectAccessible(element: Element): Promise<void>;
  /** Removes the frame (nothing for the test page). */
  close(): void;
}

type AxeWindow = Window & typeof globalThis & { axe?: { run(context: Element, options: RunOptions): Promise<AxeResults> } };

function loaded(target: EventTarget, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    target.addEventListener('load', () => resolve(), { once: true });
    target.addEventListener('error', () => reject(new Error(`${what} did not load`)), { once: true });
  });
}

/** Adds a script to the frame's document, run in the frame; resolves once it has run. */
async function runScript(document: Document, src: string, type?: 'module'): Promise<void> {
  const script = document.createElement('script');
  if (type) script.type = type;
  script.src = src;
  const done = loaded(script, src);
  document.body.append(script);
  await done;
}

/**
 * A page whose viewport is `viewport` (CSS pixels): the test page, resized, where the engine can;
 * else a frame of that size on it, with <paid-checkout> and <recording-checkout> defined and the
 * Stripe stand-in loaded as the test page has them. A test lays out in `page.document` and stubs
 * `page.window.fetch` (the element in a frame fetches with the frame's). Call `close()` after.
 */
export async function sizedPage(viewport: { width: number; height: number }): Promise<SizedPage> {
  const resized = await resizeTo(viewport);
  if (resized.ok) {
    return {
      window,
      document,
      by: 'window',
      mount: (element) => fixture(element),
      expectAccessible: async (element) => {
        await expect(element).to.be.accessible();
      },
      close() {},
    };
  }

  return framedPage(viewport, resized.reason);
}

/**
 * A document of its own, loaded now, in a same-origin iframe of `viewport` on the test page, with
 * the element and the Stripe stand-in as sizedPage's frame has them: what a page opened after a
 * setting changed sees (a fresh document evaluates every media query at its load). Call `close()` after.
 */
export async function framedPage(viewport: { width: number; height: number }, reason?: string): Promise<SizedPage> {
  const frame = document.createElement('iframe');
  frame.title = 'A page of its own size';
  frame.style.cssText = `display: block; border: 0; width: ${viewport.width}px; height: ${viewport.height}px`;
  frame.src = new URL('./sized-page.html', import.meta.url).href;
  const frameLoaded = loaded(frame, 'the sized page');
  document.body.append(frame);
  try {
    await frameLoaded;
    const frameWindow = frame.contentWindow as (Window & typeof globalThis) | null;
    const frameDocument = frame.contentDocument;
    if (!frameWindow || !frameDocument) throw new Error('the sized page is not same-origin');
    frameWindow.__PAID_SANDBOX_URL__ = sandboxUrl;
    await runScript(frameDocument, `${sandboxUrl}/sandbox/stripe-standin.js`);
    await runScript(frameDocument, new URL('./sized-page-frame.ts', import.meta.url).href, 'module');
    const axe = (frameWindow as AxeWindow).axe;
    if (!frameWindow.customElements.get('recording-checkout') || !axe) throw new Error('the element or axe-core did not load in the sized page');
    // The frame is the viewport asked for, or the test would check another size than it says.
    const size = [frameWindow.innerWidth, frameWindow.innerHeight];
    if (size[0] !== viewport.width || size[1] !== viewport.height) throw new Error(`the sized page is ${size.join('×')}, not ${viewport.width}×${viewport.height}`);
    return {
      window: frameWindow,
      document: frameDocument,
      by: 'frame',
      reason,
      mount: async (element) => frameDocument.body.appendChild(element),
      expectAccessible: async (element) => {
        const { violations } = await axe.run(element, {});
        const found = violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
        expect(found, 'Accessibility Violations').to.deep.equal([]);
      },
      close: () => frame.remove(),
    };
  } catch (error) {
    frame.remove();
    throw error;
  }
}
