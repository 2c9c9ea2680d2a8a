// `npm run bench -- causes`: where the missed goals' time and bytes go, for anyone to check the
// causes the issue notes give. Not in the default run (it adds a minute and judges nothing).
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { newPage } from './lib/browser.ts';
import { benchPage } from './lib/pages.ts';
import { largeSession } from './lib/session-fixture.ts';
import type { BenchServer } from './lib/server.ts';
import { bytesBySource, type SourceMapV3 } from './lib/sourcemap.ts';
import { kb, median, ms } from './lib/stats.ts';
import type { Row } from './lib/table.ts';
import { changes, openPage, showSession } from './render.ts';
import { englishPurchaseFiles, gzipSize } from './size.ts';

const FRESH_PAGES = 5;
const WARM_UP_CHANGES = 20;
const TIMED_CHANGES = 100;

/** The sources of an English purchase's files, largest first by their bytes gzipped alone. */
function largestSources(count: number): Row {
  const { first, checkoutChunk } = englishPurchaseFiles();
  const sources = [...first, ...checkoutChunk]
    .flatMap((file) => [...bytesBySource(readFileSync(file, 'utf8'), JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapV3)])
    .map(([source, text]) => ({ source: source.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/'), gzip: gzipSize(text) }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, count);
  return {
    what: `1c. the ${count} largest sources of an English purchase's files (the first download and the checkout chunk; gzipped alone)`,
    measured: sources.map(({ source, gzip }) => `${source} ${kb(gzip)}`).join('; '),
    goal: 'report',
    verdict: 'info',
  };
}

/** A fresh blank page's first currency format, and a second one in another currency. */
async function firstCurrencyFormat(browser: Browser, server: BenchServer): Promise<Row> {
  const first: number[] = [];
  const second: number[] = [];
  for (let run = 0; run < FRESH_PAGES; run += 1) {
    const { page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/bench/blank.html`);
      const [a, b] = await page.evaluate(() => {
        const time = (currency: string) => {
          const start = performance.now();
          new Intl.NumberFormat('en', { style: 'currency', currency }).format(1);
          return performance.now() - start;
        };
        return [time('USD'), time('EUR')];
      });
      first.push(a!);
      second.push(b!);
    } finally {
      await page.close();
    }
  }
  return {
    what: `3c. a fresh page's first Intl currency format (median of ${FRESH_PAGES} pages)`,
    measured: `first ${ms(median(first))}, the next (another currency) ${ms(median(second))}: paid during the session's network wait by the element's warm-up`,
    goal: 'report',
    verdict: 'info',
  };
}

export async function causeRows(browser: Browser, server: BenchServer): Promise<Row[]> {
  server.page('/bench/standin.html', benchPage({ standIn: true }));
  server.page('/bench/blank.html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>');
  const rows: Row[] = [largestSources(12), await firstCurrencyFormat(browser, server)];
  const splits: string[] = [];
  for (const count of [6, 50]) {
    const session = await largeSession(server, count);
    const { page } = await openPage(browser, server, session.id, JSON.stringify(session), false);
    try {
      await showSession(page, session.id, server.url);
      const warm = (await changes(page, WARM_UP_CHANGES + TIMED_CHANGES)).slice(WARM_UP_CHANGES);
      const script = median(warm.map((change) => change.script));
      const layout = median(warm.map((change) => change.total - change.script));
      splits.push(`${count} products: script ${ms(script)} (click to updateComplete), layout ${ms(layout)}`);
    } finally {
      await page.close();
    }
  }
  rows.push({
    what: `4c. a change once warm (median of ${TIMED_CHANGES} after ${WARM_UP_CHANGES}): script and layout`,
    measured: splits.join('; '),
    goal: 'report',
    verdict: 'info',
  });
  return rows;
}
