// The one way the cross-engine journeys touch a browser: a page that opens URLs, fills and clicks
// by CSS (inside <paid-checkout>'s shadow root or in the page's own document), reads text and
// waits by condition. Each engine implements it with its own automation library.

import type { EngineName } from '../../../../scripts/engines.ts';

export type { EngineName };

/**
 * An element: by `css` inside <paid-checkout>'s shadow root (`in: 'element'`) or in the page's own
 * document (`in: 'page'`: Stripe's fields, the 3-D Secure dialog, the merchant's markup). With
 * `text`, the first match whose text (whitespace collapsed) the pattern finds.
 */
export interface Target {
  in: 'element' | 'page';
  css: string;
  text?: RegExp;
}

/** What the page's watcher (./watch.ts) saw: uncaught errors and `securitypolicyviolation` events. */
export interface PageWatch {
  errors: string[];
  violations: string[];
}

export interface EnginePage {
  readonly engine: EngineName;
  /** Navigates and waits for the load event. */
  open(url: string): Promise<void>;
  url(): Promise<string>;
  /** Waits until the page's URL starts with `prefix`; returns the URL. */
  waitForUrl(prefix: string, timeoutMs?: number): Promise<string>;
  /** Waits until the target is shown and enabled, then replaces its value by typing `value`. */
  fill(target: Target, value: string): Promise<void>;
  /** Waits until the target is shown and enabled, then clicks it as a pointer does. */
  click(target: Target): Promise<void>;
  /** Waits until the target exists; returns its text, whitespace collapsed. */
  text(target: Target, timeoutMs?: number): Promise<string>;
  /** Whether the target exists and is shown now (no wait). */
  isVisible(target: Target): Promise<boolean>;
  /** The JSON value of a JavaScript expression evaluated in the page (synchronous expressions only). */
  evaluate<T>(expression: string): Promise<T>;
  /** What the watcher recorded on the current document (empty lists when it is not installed). */
  watch(): Promise<PageWatch>;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: EngineName;
  /** A page in a fresh browsing context (no cookies or storage from another page). */
  newPage(): Promise<EnginePage>;
  close(): Promise<void>;
}

export const defaultTimeoutMs = 20_000;

/** The text a target's pattern is tested against: `textContent` with whitespace collapsed. */
export function normalizeText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** `target` as one line, for error messages. */
export function describeTarget(target: Target): string {
  return `${target.in === 'element' ? '<paid-checkout> shadow root' : 'page'} ${target.css}${target.text ? ` with text ${target.text}` : ''}`;
}
