// Row 2: no waterfall. The session answer is held back D ms (a delaying proxy in front of the
// sandbox: api-base …/delay/D), Stripe.js S ms (the stand-in, served as
// https://js.stripe.com/endive/stripe.js through CDP request interception) and the checkout chunk
// C ms (the script is loaded from …/delay/C/, so the chunks it fetches are as late, as from a
// distant CDN). The element must show its products about D ms after it is connected and its
// payment fields about max(D, S) ms after, never D + S nor D + C: the chunk is fetched at connect,
// beside the session. D, S and C are also read back from Resource Timing (when each answer
// actually reached the page), so that a slow loaded machine's own latency is not blamed on the
// element.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { newPage, sleep } from './lib/browser.ts';
import { benchPage, stripeProbeSource } from './lib/pages.ts';
import { createCheckout, repoRoot, type BenchServer } from './lib/server.ts';
import { median, ms, ratio } from './lib/stats.ts';
import type { Row } from './lib/table.ts';

const STRIPE_JS_URL = 'https://js.stripe.com/endive/stripe.js';
const cases = [
  { session: 200, stripe: 400 },
  { session: 400, stripe: 200 },
] as const;
const RUNS = 5;
/** The checkout chunk's latency: a CDN nearer than the API, as usual. */
const CHUNK_MS = 150;

interface Timings {
  products: number;
  payment: number;
  /** When the session answer, Stripe.js and the checkout chunk had fully arrived (responseEnd), from connect. */
  sessionArrived: number;
  stripeArrived: number;
  chunkArrived: number;
  /** When the session and the checkout chunk were asked for (startTime), from connect. */
  sessionRequested: number;
  chunkRequested: number;
  /** The stand-in's own share: from the element's mount() call to its `ready` event. */
  standInMountToReady: number;
}

async function once(browser: Browser, server: BenchServer, checkoutId: string, session: number, stripe: number): Promise<Timings> {
  const { page, cdp, errors } = await newPage(browser);
  try {
    const standIn = `${readFileSync(`${repoRoot}sandbox/stripe-standin.js`, 'utf8')}\n${stripeProbeSource}`;
    // CDP's Fetch domain with a pattern pauses only Stripe.js. (Playwright's route() pauses every
    // request of the page to match it, which held the session request back by 30–170 ms here.)
    const body = Buffer.from(standIn).toString('base64');
    cdp.on('Fetch.requestPaused', ({ requestId }) => {
      void sleep(stripe).then(() =>
        cdp.send('Fetch.fulfillRequest', {
          requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'content-type', value: 'text/javascript' }],
          body,
        }),
      );
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: STRIPE_JS_URL }] });
    await page.goto(`${server.url}/bench/plain.html`);
    await page.waitForFunction(() => (window as unknown as { __benchReady?: boolean }).__benchReady === true);
    const timings = await page.evaluate(
      ({ id, apiBase }) =>
        new Promise<Timings>((resolve, reject) => {
          const element = document.createElement('paid-checkout');
          element.setAttribute('checkout-id', id);
          element.setAttribute('api-base', apiBase);
          const seen: { products?: number; payment?: number } = {};
          const entry = (part: string) =>
            (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((each) => each.name.includes(part) && each.startTime >= start)!;
          const arrived = (part: string) => entry(part).responseEnd - start;
          const requested = (part: string) => entry(part).startTime - start;
          const look = () => {
            const root = element.shadowRoot;
            if (!root) return;
            const now = performance.now() - start;
            if (seen.products === undefined && root.querySelector('.product')) seen.products = now;
            if (seen.payment === undefined && root.querySelector('.payment-fields:not(.pending)')) seen.payment = now;
            if (seen.products !== undefined && seen.payment !== undefined) {
              observer.disconnect();
              const probe = (window as unknown as { __stripeProbe: { mountedAt: number[]; readyAt: number[] } }).__stripeProbe;
              resolve({
                products: seen.products,
                payment: seen.payment,
                sessionArrived: arrived('/api/public/checkout/'),
                stripeArrived: arrived('js.stripe.com'),
                chunkArrived: arrived('/checkout-chunk-'),
                sessionRequested: requested('/api/public/checkout/'),
                chunkRequested: requested('/checkout-chunk-'),
                standInMountToReady: probe.readyAt[0]! - probe.mountedAt[0]!,
              });
            }
          };
          const observer = new MutationObserver(look);
          setTimeout(() => reject(new Error(`not ready after 10 s: ${JSON.stringify(seen)}`)), 10_000);
          const start = performance.now();
          document.body.append(element);
          observer.observe(element.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
        }),
      { id: checkoutId, apiBase: `${server.url}/delay/${session}` },
    );
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return timings;
  } finally {
    await page.close();
  }
}

/** Three elements on one page without Stripe.js: what the page fetched and what it was hinted. */
async function fastPathRow(browser: Browser, server: BenchServer, checkoutId: string): Promise<Row> {
  const { page, cdp, errors } = await newPage(browser);
  try {
    const standIn = `${readFileSync(`${repoRoot}sandbox/stripe-standin.js`, 'utf8')}\n${stripeProbeSource}`;
    let stripeRequests = 0;
    cdp.on('Fetch.requestPaused', ({ requestId }) => {
      stripeRequests += 1;
      void cdp.send('Fetch.fulfillRequest', {
        requestId,
        responseCode: 200,
        responseHeaders: [{ name: 'content-type', value: 'text/javascript' }],
        body: Buffer.from(standIn).toString('base64'),
      });
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'https://js.stripe.com/*' }] });
    await page.goto(`${server.url}/bench/plain.html`);
    await page.waitForFunction(() => (window as unknown as { __benchReady?: boolean }).__benchReady === true);
    const seen = await page.evaluate(
      async ({ id, apiBase }) => {
        const elements = [0, 1, 2].map(() => {
          const element = document.createElement('paid-checkout');
          element.setAttribute('checkout-id', id);
          element.setAttribute('api-base', apiBase);
          document.body.append(element);
          return element;
        });
        const preconnects = [...document.querySelectorAll<HTMLLinkElement>('link[rel="preconnect"]')].map((link) => new URL(link.href).origin);
        await new Promise<void>((resolve) => {
          const look = () => (elements.every((element) => element.shadowRoot?.querySelector('.payment-fields:not(.pending)')) ? resolve() : setTimeout(look, 10));
          look();
        });
        const probe = (window as unknown as { __stripeProbe: { created: number } }).__stripeProbe;
        return { preconnects, scriptTags: document.querySelectorAll('script[src^="https://js.stripe.com"]').length, paymentElements: probe.created };
      },
      { id: checkoutId, apiBase: server.url },
    );
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const wanted = ['https://js.stripe.com', 'https://api.stripe.com', 'https://m.stripe.network'];
    const hinted = wanted.every((origin) => seen.preconnects.includes(origin));
    return {
      what: '2c. fast path by default: three elements on a page without Stripe.js',
      measured: `Stripe.js requested ${stripeRequests}×, ${seen.scriptTags} script tag, ${seen.paymentElements} Payment Elements; preconnect hints at connect: ${seen.preconnects.join(', ') || 'none'}`,
      goal: "Stripe.js once per page; preconnect to Stripe's origins",
      verdict: stripeRequests === 1 && seen.scriptTags === 1 && seen.paymentElements === 3 && hinted ? 'pass' : 'FAIL',
    };
  } finally {
    await page.close();
  }
}

export async function waterfallRows(browser: Browser, server: BenchServer): Promise<Row[]> {
  server.page('/bench/plain.html', benchPage({ standIn: false, scriptBase: `/delay/${CHUNK_MS}/` }));
  const checkoutId = await createCheckout(server, ['prod_analytics', 'prod_seats']);
  const chunkCells: string[] = [];
  let chunkPass = true;
  const productCells: string[] = [];
  const paymentCells: string[] = [];
  let productsPass = true;
  let paymentPass = true;
  for (const { session, stripe } of cases) {
    const runs: Timings[] = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await once(browser, server, checkoutId, session, stripe));
    const products = median(runs.map((run) => run.products));
    const payment = median(runs.map((run) => run.payment));
    // What the page saw: the delays plus loopback and route() latency.
    const d = median(runs.map((run) => run.sessionArrived));
    const s = median(runs.map((run) => run.stripeArrived));
    const c = median(runs.map((run) => run.chunkArrived));
    // Asked for at connect, beside the session: never after its answer.
    const chunkAfterSessionAsked = median(runs.map((run) => run.chunkRequested - run.sessionRequested));
    chunkPass &&= runs.every((run) => run.chunkRequested < run.sessionArrived) && Math.abs(chunkAfterSessionAsked) <= 20;
    chunkCells.push(
      `D=${session} C=${CHUNK_MS}: chunk asked for ${ms(median(runs.map((run) => run.chunkRequested)))} after connect (session ${ms(median(runs.map((run) => run.sessionRequested)))}), arrived at ${ms(c)}; the session's answer at ${ms(d)}`,
    );
    // The element's own time after each answer, per run, then the median.
    const afterSession = median(runs.map((run) => run.products - run.sessionArrived));
    const afterBoth = median(runs.map((run) => run.payment - Math.max(run.sessionArrived, run.stripeArrived)));
    // The stand-in builds its fields in the page (real Stripe.js does it in its own iframe):
    // that part of the wait is the stand-in's, not the element's.
    const elementsShare = median(runs.map((run) => run.payment - Math.max(run.sessionArrived, run.stripeArrived) - run.standInMountToReady));
    // Products must not wait for Stripe.js: their time beyond D as a share of S.
    const productsRatio = afterSession / s;
    // 0 = the two loads overlap fully; 1 = one waits for the other (D + S).
    const overlapRatio = afterBoth / Math.min(d, s);
    const elementsRatio = elementsShare / Math.min(d, s);
    productsPass &&= afterSession <= 50 && productsRatio < 0.25;
    paymentPass &&= elementsShare <= 100 && elementsRatio < 0.25;
    const standIn = median(runs.map((run) => run.standInMountToReady));
    const label = `D=${session} S=${stripe} C=${CHUNK_MS} (arrived ${Math.round(d)}/${Math.round(s)}/${Math.round(c)})`;
    productCells.push(`${label}: ${ms(products)} = D + ${ms(afterSession)}; ratio ${ratio(productsRatio)}`);
    paymentCells.push(
      `${label}: ${ms(payment)} = max + ${ms(afterBoth)}, ratio ${ratio(overlapRatio)}; without the stand-in's own mount→ready (${ms(standIn)}): max + ${ms(elementsShare)}, ratio ${ratio(elementsRatio)}`,
    );
  }
  return [
    await fastPathRow(browser, server, checkoutId),
    {
      what: `2d. the checkout chunk is fetched at connect, beside the session (median of ${RUNS} fresh pages)`,
      measured: chunkCells.join('\n'),
      goal: 'asked for within 20 ms of the session, before its answer (no waterfall)',
      verdict: chunkPass ? 'pass' : 'FAIL',
    },
    {
      what: `2a. products shown, from connect (median of ${RUNS} fresh pages)`,
      measured: productCells.join('\n'),
      goal: '≤ D + 50 ms; ratio (t − D) / S < 0.25 (never waits for Stripe.js)',
      verdict: productsPass ? 'pass' : 'FAIL',
    },
    {
      what: `2b. payment fields ready, from connect (median of ${RUNS} fresh pages)`,
      measured: paymentCells.join('\n'),
      goal: "≤ max(D,S) + 100 ms; ratio (t − max) / min < 0.25 (D + S would be 1); judged without the stand-in's own time",
      verdict: paymentPass ? 'pass' : 'FAIL',
    },
  ];
}
