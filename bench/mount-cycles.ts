// Row 5: 1,000 mount and unmount cycles of a real session (read from the sandbox over HTTP, its
// Payment Element mounted each time). Heap after a forced GC (CDP), listeners on window and
// document (CDP DOMDebugger), and Payment Elements created vs destroyed (the probe around the
// Stripe stand-in) are compared with the state after a short warm-up.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { newPage } from './lib/browser.ts';
import { benchPage } from './lib/pages.ts';
import { createCheckout, type BenchServer } from './lib/server.ts';
import { kb } from './lib/stats.ts';
import type { Row } from './lib/table.ts';

const CYCLES = 1000;
const WARM_UP = 20;
const HEAP_GOAL = 1_000_000;

async function usedHeap(cdp: CDPSession): Promise<number> {
  // Twice: a first collection can leave garbage that finalizers only release for the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

async function listeners(cdp: CDPSession, expression: 'window' | 'document'): Promise<string[]> {
  const { result } = await cdp.send('Runtime.evaluate', { expression });
  const { listeners: found } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
  await cdp.send('Runtime.releaseObject', { objectId: result.objectId! });
  return found.map((listener) => listener.type).sort();
}

/** Mounts, waits for the payment fields, unmounts; `count` times. */
function cycle(page: Page, count: number, checkoutId: string, apiBase: string): Promise<number> {
  return page.evaluate(
    async ({ count, id, apiBase }) => {
      const started = performance.now();
      for (let index = 0; index < count; index += 1) {
        const element = document.createElement('paid-checkout');
        element.setAttribute('checkout-id', id);
        element.setAttribute('api-base', apiBase);
        document.body.append(element);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`cycle ${index}: payment fields not ready after 5 s`)), 5000);
          const look = () => {
            if (element.shadowRoot?.querySelector('.payment-fields:not(.pending)')) {
              clearTimeout(timer);
              observer.disconnect();
              resolve();
            }
          };
          const observer = new MutationObserver(look);
          observer.observe(element.shadowRoot!, { subtree: true, childList: true, attributes: true });
          look();
        });
        element.remove();
      }
      return performance.now() - started;
    },
    { count, id: checkoutId, apiBase },
  );
}

export async function mountCycleRows(browser: Browser, server: BenchServer): Promise<Row[]> {
  server.page('/bench/standin.html', benchPage({ standIn: true }));
  const checkoutId = await createCheckout(server, ['prod_analytics', 'prod_seats']);
  const { page, cdp, errors } = await newPage(browser);
  try {
    await page.goto(`${server.url}/bench/standin.html`);
    await page.waitForFunction(() => (window as unknown as { __benchReady?: boolean }).__benchReady === true);
    const windowBefore = await listeners(cdp, 'window');
    const documentBefore = await listeners(cdp, 'document');
    await cycle(page, WARM_UP, checkoutId, server.url);
    const heapBefore = await usedHeap(cdp);
    const elapsed = await cycle(page, CYCLES, checkoutId, server.url);
    const heapAfter = await usedHeap(cdp);
    const windowAfter = await listeners(cdp, 'window');
    const documentAfter = await listeners(cdp, 'document');
    const counts = await page.evaluate(() => {
      const probe = (window as unknown as { __stripeProbe: { created: number; destroyed: number } }).__stripeProbe;
      return {
        created: probe.created,
        destroyed: probe.destroyed,
        containers: document.querySelectorAll('.paid-checkout-payment, .__PrivateStripeElement').length,
        elements: document.querySelectorAll('paid-checkout').length,
      };
    });
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const growth = heapAfter - heapBefore;
    const extraWindow = windowAfter.length - windowBefore.length;
    const extraDocument = documentAfter.length - documentBefore.length;
    const allDestroyed = counts.created === CYCLES + WARM_UP && counts.destroyed === counts.created && counts.containers === 0;
    const pass = Math.abs(growth) <= HEAP_GOAL && extraWindow === 0 && extraDocument === 0 && allDestroyed;
    return [
      {
        what: `5. ${CYCLES} mount/unmount cycles (each: session read over HTTP, payment fields mounted, removed)`,
        measured: `heap after GC ${kb(heapBefore)} → ${kb(heapAfter)} (${growth >= 0 ? '+' : ''}${kb(growth)}); listeners left: window ${extraWindow} [${windowAfter.join(', ')}], document ${extraDocument}; Payment Elements created ${counts.created}, destroyed ${counts.destroyed}, left in DOM ${counts.containers}; ${(elapsed / CYCLES).toFixed(1)} ms a cycle`,
        goal: 'heap within 1 MB; 0 listeners left; every element destroyed',
        verdict: pass ? 'pass' : 'FAIL',
      },
    ];
  } finally {
    await page.close();
  }
}
