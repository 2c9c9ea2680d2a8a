// Rows 3 and 4: the first render of a session with 50 products × 4 tiers, and a tier or
// quantity change to the updated summary and Stripe amount. Timed inside the page around the
// element's Lit `update()` (render and DOM commit), plus the style and layout that follow.
import type { Browser, Page } from 'playwright-core';
import { newPage } from './lib/browser.ts';
import { benchPage } from './lib/pages.ts';
import { largeSession } from './lib/session-fixture.ts';
import type { BenchServer } from './lib/server.ts';
import { median, ms, ratio } from './lib/stats.ts';
import type { Row } from './lib/table.ts';
import {
  floorInPage,
  instrumentUpdates,
  readFirstRender,
  showSessionInPage,
  timeChanges,
  type Change,
  type FirstRender,
} from './lib/render-page.ts';

export type { Change } from './lib/render-page.ts';

const PRODUCTS = 50;
const FIRST_RENDER_RUNS = 7;
const CHANGES = 24;

/** Instruments the page: update() timings, the session fetch, and layout after each update. */
async function instrument(page: Page): Promise<void> {
  await page.evaluate(instrumentUpdates);
}

/** Appends an element for the session and waits until its payment fields are ready and every product is rendered. */
export async function showSession(page: Page, checkoutId: string, apiBase: string): Promise<void> {
  await page.evaluate(showSessionInPage, { id: checkoutId, apiBase });
}

/**
 * A fresh page whose session answers are served from memory, with the element's class
 * instrumented (each update timed and followed by a forced layout) unless `instrumented` is false.
 */
export async function openPage(
  browser: Browser,
  server: BenchServer,
  checkoutId: string,
  answer: string,
  instrumented = true,
): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newPage(browser);
  await page.route(`${server.url}/api/public/checkout/${checkoutId}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: answer }),
  );
  await page.goto(`${server.url}/bench/standin.html`);
  await page.waitForFunction(() => (window as unknown as { __benchReady?: boolean }).__benchReady === true);
  if (instrumented) await instrument(page);
  return { page, errors };
}

/** The first frame with a form of the element on the page, read after every product is rendered. */
function firstRender(page: Page): Promise<FirstRender> {
  return page.evaluate(readFirstRender);
}

/** The browser alone: `markup` into a shadow root with the same stylesheet, then layout. */
function floorOnPage(page: Page, render: FirstRender): Promise<number> {
  return page.evaluate(floorInPage, { markup: render.markup, css: render.css });
}

/** The floor on a fresh page, where the browser too pays its first style, layout and fonts. */
async function coldFloor(browser: Browser, server: BenchServer, render: FirstRender): Promise<number> {
  const { page } = await newPage(browser);
  try {
    await page.goto(`${server.url}/bench/blank.html`);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    return await floorOnPage(page, render);
  } finally {
    await page.close();
  }
}

/** `count` clicks alternating a tier radio and a quantity "+" across the list, each timed. */
export function changes(page: Page, count = CHANGES): Promise<Change[]> {
  return page.evaluate(timeChanges, count);
}

export async function renderRows(browser: Browser, server: BenchServer): Promise<Row[]> {
  server.page('/bench/standin.html', benchPage({ standIn: true }));
  server.page('/bench/blank.html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body style="margin:0;width:1200px"></body></html>');
  const session = await largeSession(server, PRODUCTS);
  const answer = JSON.stringify(session);
  const cold: Array<FirstRender & { floor: number }> = [];
  const warm: Array<FirstRender & { floor: number }> = [];
  let changeResults: Change[] = [];
  for (let run = 0; run < FIRST_RENDER_RUNS; run += 1) {
    const { page, errors } = await openPage(browser, server, session.id, answer);
    try {
      await showSession(page, session.id, server.url);
      const fresh = await firstRender(page);
      cold.push({ ...fresh, floor: await coldFloor(browser, server, fresh) });
      // The same session again on the same page: the page's one-time costs are paid.
      await showSession(page, session.id, server.url);
      const again = await firstRender(page);
      warm.push({ ...again, floor: await floorOnPage(page, again) });
      // The changes are timed once, on the last page, after its first renders have been measured.
      if (run === FIRST_RENDER_RUNS - 1) changeResults = await changes(page);
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    } finally {
      await page.close();
    }
  }

  const summary = (renders: Array<FirstRender & { floor: number }>) => ({
    total: median(renders.map((render) => render.total)),
    script: median(renders.map((render) => render.script)),
    floor: median(renders.map((render) => render.floor)),
    ratio: median(renders.map((render) => render.total / render.floor)),
    fromAnswer: median(renders.map((render) => render.fromAnswer)),
    whole: median(renders.map((render) => render.whole)),
    productsShown: median(renders.map((render) => render.productsShown)),
  });
  const fresh = summary(cold);
  const again = summary(warm);
  const rows: Row[] = [
    {
      what: `3. first render, ${PRODUCTS} products × 4 tiers (median of ${FIRST_RENDER_RUNS} pages)`,
      measured:
        `first frame: ${again.productsShown} of ${PRODUCTS} products and the form around them; the rest fill in a step a frame. ` +
        `Warm (the session shown again on the same page): ${ms(again.total)} render + commit + style/layout (${ms(again.script)} render + commit), ratio ${ratio(again.ratio)} to the browser building that DOM from HTML (${ms(again.floor)}); all products laid out ${ms(again.whole)} after the first frame began. ` +
        `Fresh page (the page's first form: code compiled, first Intl, style, layout and fonts): ${ms(fresh.total)} (${ms(fresh.script)} render + commit; ${ms(fresh.fromAnswer)} from the fetch resolving), ratio ${ratio(fresh.ratio)} to the browser building that DOM on a fresh page (${ms(fresh.floor)})`,
      goal: '< 16 ms warm; ratio ≤ 2 warm and fresh',
      verdict: again.total < 16 && again.ratio <= 2 && fresh.ratio <= 2 ? 'pass' : 'FAIL',
    },
  ];

  const changeTotal = median(changeResults.map((change) => change.total));
  const tier = median(changeResults.filter((change) => change.kind === 'tier').map((change) => change.total));
  const quantity = median(changeResults.filter((change) => change.kind === 'quantity').map((change) => change.total));
  const complete = changeResults.every((change) => change.stripeUpdated && change.summaryChanged);
  const changeRatio = changeTotal / again.total;
  rows.push({
    what: `4. tier or quantity change → summary and Stripe amount (median of ${changeResults.length}, same session)`,
    measured: `${ms(changeTotal)} click to laid-out summary (tier ${ms(tier)}, quantity ${ms(quantity)}); elements.update called and total changed every time: ${complete ? 'yes' : 'NO'}. Ratio to the warm first render: ${ratio(changeRatio)}`,
    goal: '< 4 ms; ratio ≤ 0.25 (4 / 16)',
    verdict: changeTotal < 4 && changeRatio <= 0.25 && complete ? 'pass' : 'FAIL',
  });
  const touched = changeResults.map((change) => change.productsTouched);
  rows.push({
    what: '4b. products whose DOM a change touches (MutationObserver)',
    measured: `median ${median(touched)}, max ${Math.max(...touched)} of ${PRODUCTS}`,
    goal: 'only the product changed (1)',
    verdict: Math.max(...touched) <= 1 ? 'pass' : 'FAIL',
  });
  return rows;
}
