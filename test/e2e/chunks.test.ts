// The script-tag ES module's chunks from the production build (after `node scripts/build.mjs`): an
// English purchase fetches the first download and the checkout chunk, the chunk while the
// session's answer is still held back (never after it: no waterfall); and a checkout chunk that
// cannot be fetched (a 404: a deploy that left it out, a blocked request) shows a recoverable
// error whose Try again fetches it again and pays, in every engine (Firefox keeps a failed import's
// failure for the page's life: the retry asks under a fresh URL, src/chunks.ts).
// A first download that cannot be fetched never defines the element: the page's own content
// inside it (a link to the hosted page) stays and pays, and is hidden when the script runs.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchPage } from './support/browser.ts';
import { engineEntries, type Engine, type EngineEntry, type EnginePage } from './support/engines/index.ts';
import { fillBuyer, fillCard, pressPay } from './support/engines/steps.ts';
import { holdSessionUntil } from './support/hold-session.ts';
import { watchScriptPath, watchScriptTag, watchSource } from './support/engines/watch.ts';
import { merchantPage } from './support/pages.ts';
import { newBuyer } from './support/purchase.ts';
import { createSession, distDirectory, readSession } from './support/sandbox.ts';
import { openShop } from './support/shop.ts';

const { sandbox, shop, browser } = await openShop();
shop.page(watchScriptPath, { body: watchSource, contentType: 'text/javascript' });
/** Copies of dist/ with a file left out (serveDistWithout), removed after the tests. */
const partialDists = mkdtempSync(join(tmpdir(), 'paid-checkout-partial-'));
after(() => rmSync(partialDists, { recursive: true, force: true }));
const checkoutChunk = readdirSync(distDirectory).find((file) => /^checkout-chunk-[\w-]+\.js$/.test(file));
const core = readdirSync(distDirectory).find((file) => /^paid-checkout-core-[\w-]+\.js$/.test(file));

/**
 * A merchant page with the ES module from `cdn` and one checkout; `fallback` is the page's own
 * content inside the element (shown only while the element is not defined). A script that fails
 * to load (itself or a module it imports) adds `#script-failed` to the page.
 */
function checkoutPage(path: string, cdn: string, checkoutId: string, fallback = ''): void {
  shop.page(path, {
    body: merchantPage({
      title: 'Chunks',
      sandboxUrl: sandbox.url,
      head: `${watchScriptTag}\n<script type="module" src="${cdn}paid-checkout.js" onerror="document.body.insertAdjacentHTML('beforeend', '<p id=script-failed>failed</p>')"></script>`,
      body: `<paid-checkout checkout-id="${checkoutId}" api-base="${sandbox.url}" locale="en">${fallback}</paid-checkout>`,
    }),
  });
}

/**
 * dist/ as deployed without `missing` (a deploy that left it out, a blocked request), served at
 * `/<path>/`; returns its folder, so that a test can put the file back.
 */
function serveDistWithout(missing: string, path: string): string {
  const directory = join(partialDists, path);
  cpSync(distDirectory, directory, { recursive: true, filter: (source) => !source.includes('sandbox') && !source.endsWith(missing) });
  shop.directory(`/${path}/`, directory);
  return directory;
}

/** Runs `journey` on a new page of `entry`'s browser, closed whatever happens. */
async function inEngine(entry: EngineEntry, journey: (page: EnginePage) => Promise<void>): Promise<void> {
  let engine: Engine | undefined;
  try {
    engine = await entry.launch();
    const page = await engine.newPage();
    await journey(page);
    await page.close();
  } finally {
    await engine?.close();
  }
}

describe('chromium: what an English purchase fetches', () => {
  test('the first download, then the checkout chunk while the session is on its way; no catalog, nothing after the session', async () => {
    assert.ok(checkoutChunk && core, 'dist/ has a checkout chunk and a core');
    const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
    checkoutPage('/english', '/dist/', session.id);
    const page = await browser.newPage();
    const report = await watchPage(page);
    const fetched: string[] = [];
    let chunkRequested: () => void = () => {};
    const chunkSeen = new Promise<void>((resolve) => (chunkRequested = resolve));
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (!pathname.startsWith('/dist/')) return;
      fetched.push(pathname);
      if (pathname === `/dist/${checkoutChunk}`) chunkRequested();
    });
    const held = await holdSessionUntil(page, sandbox.url, chunkSeen);

    await page.goto(`${shop.url}/english`);
    await page.waitForFunction(() => {
      const button = document.querySelector('paid-checkout')?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="pay-button"]');
      return button && !button.disabled;
    });
    assert.equal(held.seenFirst(), true, 'the checkout chunk is requested before the session has answered');
    assert.deepEqual(fetched, ['/dist/paid-checkout.js', `/dist/${core}`, `/dist/${checkoutChunk}`], 'the first download (the entry and its core) and the checkout chunk, nothing more');
    assert.deepEqual(report.errors, []);
    await page.close();
  });
});

describe('a checkout chunk that cannot be fetched', () => {
  for (const entry of engineEntries()) {
    const { name } = entry;
    test(`${name}: says so with Try again, which fetches it again under a fresh URL; the purchase then completes`, { skip: entry.notRun ?? false, timeout: 120_000 }, async () => {
      assert.ok(checkoutChunk, 'dist/ has a checkout chunk');
      const directory = serveDistWithout(checkoutChunk, `partial-${name}`);
      const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
      checkoutPage(`/partial-${name}`, `/partial-${name}/`, session.id);

      await inEngine(entry, async (page) => {
        await page.open(`${shop.url}/partial-${name}`);
        const error = await page.text({ in: 'element', css: '[data-code="network_error"] p' });
        assert.match(error, /connection|network/i, 'the customer is told what happened');
        assert.equal(await page.isVisible({ in: 'element', css: '[part~="pay-button"]' }), false, 'nothing to pay with yet');

        copyFileSync(join(distDirectory, checkoutChunk), join(directory, checkoutChunk));
        await page.click({ in: 'element', css: '.state button', text: /^Try again$/ });
        await fillBuyer(page, newBuyer(`${name}-chunk`));
        await fillCard(page);
        await pressPay(page);
        assert.equal(await page.waitForUrl(`${shop.url}/thanks?`), `${shop.url}/thanks?checkout=${session.id}`);
        assert.equal((await readSession(sandbox, session.id)).status, 'completed');
        assert.deepEqual((await page.watch()).errors, [], 'no uncaught error');
      });
    });
  }
});

describe('a first download that cannot be fetched', () => {
  // Without the core the entry imports, the element is never defined, so what the page put inside
  // it stays on screen (docs/EMBEDDING.md "If the script cannot run").
  for (const entry of engineEntries()) {
    const { name } = entry;
    test(`${name}: the page's own link inside the element stays, and leads to the hosted page, which pays; with the script it is hidden`, { skip: entry.notRun ?? false, timeout: 120_000 }, async () => {
      assert.ok(core, 'dist/ has a core');
      serveDistWithout(core, `no-core-${name}`);
      const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
      const fallback = `<a class="fallback" href="${session.url}">Continue to the checkout page</a>`;
      checkoutPage(`/no-core-${name}`, `/no-core-${name}/`, session.id, fallback);
      checkoutPage(`/whole-${name}`, '/dist/', session.id, fallback);

      await inEngine(entry, async (page) => {
        await page.open(`${shop.url}/whole-${name}`);
        assert.match(await page.text({ in: 'element', css: '[part~="pay-button"]' }), /Pay|Subscribe/, 'the element is up');
        assert.equal(await page.isVisible({ in: 'page', css: 'paid-checkout > a.fallback' }), false, 'the fallback is hidden once the element is defined');

        await page.open(`${shop.url}/no-core-${name}`);
        assert.equal(await page.text({ in: 'page', css: '#script-failed' }), 'failed', 'the script failed to load');
        assert.equal(await page.evaluate<boolean>('customElements.get("paid-checkout") === undefined'), true, 'the element is not defined');
        assert.equal(await page.isVisible({ in: 'page', css: 'paid-checkout > a.fallback' }), true, 'the customer still sees the way to pay');
        await page.click({ in: 'page', css: 'paid-checkout > a.fallback', text: /Continue to the checkout page/ });
        assert.equal(await page.waitForUrl(session.url), session.url);
        await fillBuyer(page, newBuyer(`${name}-fallback`));
        await fillCard(page);
        await pressPay(page);
        assert.equal(await page.waitForUrl(`${shop.url}/thanks?`), `${shop.url}/thanks?checkout=${session.id}`);
        assert.equal((await readSession(sandbox, session.id)).status, 'completed');
      });
    });
  }
});
