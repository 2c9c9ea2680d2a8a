// Rows 3e: the first render and a change in each browser engine (Chromium, Firefox ESR, WebKitGTK;
// BROWSERS picks some), measured inside the page as rows 3 and 4 measure them in Chromium, with
// fewer pages: the same 50-product session, served from memory by the bench server.
import { debianPackages, missingFor, selectedEngines, type EngineName } from '../scripts/engines.ts';
import { launchEngine, type EnginePage } from './lib/engine-pages.ts';
import { benchPage } from './lib/pages.ts';
import {
  instrumentUpdates,
  readFirstRender,
  showSessionInPage,
  timeChanges,
  type Change,
  type FirstRender,
} from './lib/render-page.ts';
import { largeSession } from './lib/session-fixture.ts';
import type { BenchServer } from './lib/server.ts';
import { mean, median, ms } from './lib/stats.ts';
import type { Row } from './lib/table.ts';

const PRODUCTS = 50;
const PAGES = 3;
const CHANGES = 12;

/** The smallest step performance.now() takes in this page: engines round it differently. */
function timerStep(): number {
  let smallest = Infinity;
  for (let sample = 0; sample < 200; sample += 1) {
    const start = performance.now();
    let next = performance.now();
    while (next === start) next = performance.now();
    smallest = Math.min(smallest, next - start);
  }
  return smallest;
}

interface EngineMeasurement {
  version: string;
  fresh: FirstRender[];
  warm: FirstRender[];
  changes: Change[];
  timerStep: number;
}

async function openBenchPage(page: EnginePage, server: BenchServer): Promise<void> {
  await page.goto(`${server.url}/bench/engines.html`);
  const ready = await page.evaluate(() => (window as unknown as { __benchReady?: boolean }).__benchReady === true, null);
  if (!ready) throw new Error('the bench page did not load the element');
  await page.evaluate(instrumentUpdates, null);
}

async function measure(engine: EngineName, server: BenchServer, checkoutId: string): Promise<EngineMeasurement> {
  const browser = await launchEngine(engine);
  const result: EngineMeasurement = { version: browser.version, fresh: [], warm: [], changes: [], timerStep: 0 };
  try {
    for (let run = 0; run < PAGES; run += 1) {
      const page = await browser.newPage();
      try {
        await openBenchPage(page, server);
        await page.evaluate(showSessionInPage, { id: checkoutId, apiBase: server.url });
        result.fresh.push(await page.evaluate(readFirstRender, null));
        // The same session again on the same page: the page's one-time costs are paid.
        await page.evaluate(showSessionInPage, { id: checkoutId, apiBase: server.url });
        result.warm.push(await page.evaluate(readFirstRender, null));
        if (run === PAGES - 1) {
          result.changes = await page.evaluate(timeChanges, CHANGES);
          result.timerStep = await page.evaluate(timerStep, null);
        }
        const errors = await page.evaluate(() => (window as unknown as { __benchErrors: string[] }).__benchErrors, null);
        if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  return result;
}

function engineRow(engine: EngineName, measured: EngineMeasurement): Row {
  const fresh = median(measured.fresh.map((render) => render.total));
  const warm = median(measured.warm.map((render) => render.total));
  const change = median(measured.changes.map((one) => one.total));
  const tier = median(measured.changes.filter((one) => one.kind === 'tier').map((one) => one.total));
  const quantity = median(measured.changes.filter((one) => one.kind === 'quantity').map((one) => one.total));
  const complete = measured.changes.length === CHANGES && measured.changes.every((one) => one.stripeUpdated && one.summaryChanged);
  return {
    what: `3e. ${engine} (${measured.version}): first render and a change`,
    measured:
      `first render ${ms(fresh)} on a fresh page, ${ms(warm)} warm (median of ${PAGES} pages, render + commit + style/layout); ` +
      `a change ${ms(change)} click to laid-out summary (tier ${ms(tier)}, quantity ${ms(quantity)}; median of ${CHANGES}, ` +
      `mean ${ms(mean(measured.changes.map((one) => one.total)))}); elements.update called and total changed every time: ${complete ? 'yes' : 'NO'}. ` +
      `This engine's timer steps by ${ms(measured.timerStep)}`,
    goal: 'as rows 3 and 4: warm < 16 ms; change < 4 ms',
    verdict: warm < 16 && change < 4 && complete ? 'pass' : 'FAIL',
  };
}

export async function engineRows(server: BenchServer): Promise<Row[]> {
  server.page('/bench/engines.html', benchPage({ standIn: true, recordErrors: true }));
  const session = await largeSession(server, PRODUCTS);
  // Served in place of the sandbox's own answer for that id: the same origin, so no CORS.
  server.page(`/api/public/checkout/${session.id}`, JSON.stringify(session), 'application/json');
  const rows: Row[] = [];
  for (const engine of selectedEngines()) {
    const missing = missingFor(engine);
    if (missing.length > 0) {
      rows.push({
        what: `3e. ${engine}: first render and a change`,
        measured: `not measured: ${missing.join(', ')} missing (apt-get install ${debianPackages[engine].join(' ')})`,
        goal: '',
        verdict: 'info',
      });
      continue;
    }
    try {
      rows.push(engineRow(engine, await measure(engine, server, session.id)));
    } catch (error) {
      rows.push({
        what: `3e. ${engine}: first render and a change`,
        measured: `could not measure: ${error instanceof Error ? error.message : String(error)}`,
        goal: '',
        verdict: 'FAIL',
      });
    }
  }
  return rows;
}
