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

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 50);
const FIRST_RENDER_RUNS = 7;
const CHANGES = 24;

interface FirstRender {
  /** Lit's update: render() and the DOM commit. */
  script: number;
  /** The same, plus the style and layout it causes. */
  total: number;
  /** From the session's fetch resolving (JSON, validation, pricing) to laid out. */
  fromAnswer: number;
  /** The browser alone building and laying out the same markup from an HTML string. */
  floor: number;
  /** Products in that first frame. */
  productsShown: number;
  /** From the first update's start until every product is rendered and laid out. */
  whole: number;
}

interface Change {
  kind: 'tier' | 'quantity';
  total: number;
  stripeUpdated: boolean;
  summaryChanged: boolean;
  productsTouched: number;
}

/** Instruments the page: update() timings, the session fetch, and layout after each update. */
async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    const bench = window as unknown as {
      PaidCheckout: { prototype: { update(changed: unknown): void } };
      __updates: Array<{ start: number; rendered: number; laidOut: number; form: boolean; products: number }>;
      __answered: number;
      __firstFormMarkup?: string;
    };
    bench.__updates = [];
    const proto = bench.PaidCheckout.prototype;
    const original = proto.update;
    proto.update = function (this: HTMLElement & { renderRoot: ShadowRoot }, changed: unknown) {
      const start = performance.now();
      original.call(this, changed);
      const rendered = performance.now();
      const form = this.renderRoot.querySelector('form');
      (form ?? this).getBoundingClientRect();
      const laidOut = performance.now();
      const products = this.renderRoot.querySelectorAll('article.product').length;
      bench.__updates.push({ start, rendered, laidOut, form: form !== null, products });
      // What the first frame holds, for the browser-alone floor (taken after the timing).
      if (form && bench.__firstFormMarkup === undefined) bench.__firstFormMarkup = this.renderRoot.innerHTML;
    };
    const fetchOriginal = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const response = await fetchOriginal(input, init);
      if (String(input instanceof Request ? input.url : input).includes('/api/public/checkout/')) bench.__answered = performance.now();
      return response;
    };
  });
}

/** A fresh page showing the session (its answer served from memory) with its payment fields ready. */
async function openSession(browser: Browser, server: BenchServer, checkoutId: string, answer: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newPage(browser);
  await page.route(`${server.url}/api/public/checkout/${checkoutId}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: answer }),
  );
  await page.goto(`${server.url}/bench/standin.html`);
  await page.waitForFunction(() => (window as unknown as { __benchReady?: boolean }).__benchReady === true);
  await instrument(page);
  await page.evaluate(
    ({ id, apiBase }) => {
      const element = document.createElement('paid-checkout');
      element.setAttribute('checkout-id', id);
      element.setAttribute('api-base', apiBase);
      document.body.append(element);
    },
    { id: checkoutId, apiBase: server.url },
  );
  await page.waitForFunction(() => document.querySelector('paid-checkout')?.shadowRoot?.querySelector('.payment-fields:not(.pending)'));
  return { page, errors };
}

async function firstRender(page: Page): Promise<FirstRender> {
  return page.evaluate(() => {
    const bench = window as unknown as {
      __updates: Array<{ start: number; rendered: number; laidOut: number; form: boolean; products: number }>;
      __answered: number;
      __firstFormMarkup: string;
    };
    const first = bench.__updates.find((update) => update.form)!;
    const element = document.querySelector('paid-checkout')!;
    const total = element.shadowRoot!.querySelectorAll('article.product').length;
    const whole = bench.__updates.find((update) => update.products === total)!;
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = element.shadowRoot!.adoptedStyleSheets;
    const markup = bench.__firstFormMarkup;
    const floorStart = performance.now();
    shadow.innerHTML = markup;
    shadow.querySelector('form')!.getBoundingClientRect();
    const floor = performance.now() - floorStart;
    host.remove();
    return {
      script: first.rendered - first.start,
      total: first.laidOut - first.start,
      fromAnswer: first.laidOut - bench.__answered,
      floor,
      productsShown: first.products,
      whole: whole.laidOut - first.start,
    };
  });
}

async function changes(page: Page): Promise<Change[]> {
  return page.evaluate(async (count) => {
    const element = document.querySelector('paid-checkout') as HTMLElement & { updateComplete: Promise<boolean> };
    const root = element.shadowRoot!;
    const probe = (window as unknown as { __stripeProbe: { updates: Array<{ at: number }> } }).__stripeProbe;
    const articles = [...root.querySelectorAll<HTMLElement>('article.product')];
    const touched = new Set<Element>();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const node = record.target instanceof Element ? record.target : record.target.parentElement;
        const article = node?.closest('article.product');
        if (article) touched.add(article);
      }
    });
    observer.observe(root.querySelector('section.products')!, { subtree: true, childList: true, attributes: true, characterData: true });
    const results: Array<{ kind: 'tier' | 'quantity'; total: number; stripeUpdated: boolean; summaryChanged: boolean; productsTouched: number }> = [];
    for (let index = 0; index < count; index += 1) {
      const kind = index % 2 === 0 ? 'tier' : 'quantity';
      // Flat products are even, per-seat products odd; walk across the list.
      const article = articles[(kind === 'tier' ? 0 : 1) + ((index * 2) % articles.length)]!;
      const target =
        kind === 'tier'
          ? [...article.querySelectorAll<HTMLInputElement>('input[type=radio]')].find((radio) => !radio.checked)!
          : article.querySelectorAll<HTMLButtonElement>('button.step')[1]!;
      const dueBefore = root.querySelector('[data-testid=due-today] .amount')!.textContent;
      const updatesBefore = probe.updates.length;
      touched.clear();
      const start = performance.now();
      target.click();
      await element.updateComplete;
      root.querySelector('[data-testid=due-today]')!.getBoundingClientRect();
      const total = performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 0));
      results.push({
        kind,
        total,
        stripeUpdated: probe.updates.length > updatesBefore,
        summaryChanged: root.querySelector('[data-testid=due-today] .amount')!.textContent !== dueBefore,
        productsTouched: touched.size,
      });
    }
    observer.disconnect();
    return results;
  }, CHANGES);
}

export async function renderRows(browser: Browser, server: BenchServer): Promise<Row[]> {
  server.page('/bench/standin.html', benchPage({ standIn: true }));
  const session = await largeSession(server, PRODUCTS);
  const answer = JSON.stringify(session);
  const renders: FirstRender[] = [];
  let changeResults: Change[] = [];
  for (let run = 0; run < FIRST_RENDER_RUNS; run += 1) {
    const { page, errors } = await openSession(browser, server, session.id, answer);
    try {
      renders.push(await firstRender(page));
      // The changes are timed once, on the last page, after its first render has been measured.
      if (run === FIRST_RENDER_RUNS - 1) changeResults = await changes(page);
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    } finally {
      await page.close();
    }
  }

  const total = median(renders.map((render) => render.total));
  const floor = median(renders.map((render) => render.floor));
  const script = median(renders.map((render) => render.script));
  const fromAnswer = median(renders.map((render) => render.fromAnswer));
  const whole = median(renders.map((render) => render.whole));
  const productsShown = median(renders.map((render) => render.productsShown));
  const renderRatio = total / floor;
  const rows: Row[] = [
    {
      what: `3. first render, ${PRODUCTS} products × 4 tiers (median of ${FIRST_RENDER_RUNS} fresh pages)`,
      measured: `first frame (${productsShown} of ${PRODUCTS} products, the form around them): ${ms(total)} render + commit + style/layout (${ms(script)} of it render + commit); ${ms(fromAnswer)} from the fetch resolving (JSON, zod, pricing, render, layout). Ratio to the browser building that frame's DOM from HTML (${ms(floor)}): ${ratio(renderRatio)}. All ${PRODUCTS} products rendered and laid out ${ms(whole)} after the first frame began`,
      goal: '< 16 ms; ratio ≤ 2',
      verdict: total < 16 && renderRatio <= 2 ? 'pass' : 'FAIL',
    },
  ];

  const changeTotal = median(changeResults.map((change) => change.total));
  const tier = median(changeResults.filter((change) => change.kind === 'tier').map((change) => change.total));
  const quantity = median(changeResults.filter((change) => change.kind === 'quantity').map((change) => change.total));
  const complete = changeResults.every((change) => change.stripeUpdated && change.summaryChanged);
  const changeRatio = changeTotal / total;
  rows.push({
    what: `4. tier or quantity change → summary and Stripe amount (median of ${changeResults.length}, same session)`,
    measured: `${ms(changeTotal)} click to laid-out summary (tier ${ms(tier)}, quantity ${ms(quantity)}); elements.update called and total changed every time: ${complete ? 'yes' : 'NO'}. Ratio to the first render: ${ratio(changeRatio)}`,
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
