// Each language from the production script-tag files (after `node scripts/build.mjs`), on a 320 px
// phone against the sandbox: the ES module fetches that language's chunk, and only it, while the
// session is still on its way (never after it); English fetches none; the page shows the
// language's words with nothing wider than the screen; the classic script has every language in
// it. A screenshot per locale goes to .test-results/locales/ (gitignored) for a person to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { watchPage } from './support/browser.ts';
import { holdSessionUntil } from './support/hold-session.ts';
import { merchantPage } from './support/pages.ts';
import { privateCall, repoRoot, type Session } from './support/sandbox.ts';
import { openShop } from './support/shop.ts';

// The order summary's title in each language: on screen once the catalog is in use.
const summaryTitles: Record<string, string> = {
  'en': 'Order summary',
  'fr': 'Récapitulatif',
  'de': 'Bestellübersicht',
  'es': 'Resumen del pedido',
  'it': 'Riepilogo dell’ordine',
  'pt-BR': 'Resumo do pedido',
  'nl': 'Besteloverzicht',
  'ja': 'ご注文内容',
  'ar': 'ملخص الطلب',
};
const screenshots = join(repoRoot, '.test-results/locales');

const { sandbox, shop, browser } = await openShop();
mkdirSync(screenshots, { recursive: true });

/** A session that collects a billing address (its long labels and the tax note), as Paid's default. */
function createSession(): Promise<Session> {
  return privateCall<Session>(sandbox, 'POST', '/api/v2/checkouts', {
    products: [{ id: 'prod_analytics' }],
    successUrl: `${shop.url}/thanks?checkout={CHECKOUT_ID}`,
    cancelUrl: `${shop.url}/pricing`,
    collectAddress: true,
  });
}

async function openCheckout(page: Page, path: string, script: string, locale: string): Promise<void> {
  const session = await createSession();
  shop.page(path, {
    body: merchantPage({
      title: locale,
      sandboxUrl: sandbox.url,
      head: `${script}<style>body { margin: 0; }</style>`,
      body: `<paid-checkout checkout-id="${session.id}" api-base="${sandbox.url}" locale="${locale}"></paid-checkout>`,
    }),
  });
  await page.goto(`${shop.url}${path}`);
}

/** Resolves once the pay button can be pressed: session shown, catalog in use, payment fields ready. */
function readyToPay(page: Page): Promise<unknown> {
  return page.waitForFunction(() => {
    const button = document.querySelector('paid-checkout')?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="pay-button"]');
    return button && !button.disabled;
  });
}

for (const locale of Object.keys(summaryTitles)) {
  test(`${locale}: the ES module fetches ${locale === 'en' ? 'no catalog' : `dist/locales/${locale}-*.js alone, while the session is on its way`}; nothing wider than a 320 px screen`, async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 900 }, deviceScaleFactor: 1 });
    const report = await watchPage(page);
    const chunks: string[] = [];
    let chunkRequested: () => void = () => {};
    const chunkSeen = new Promise<void>((resolve) => (chunkRequested = resolve));
    page.on('request', (request) => {
      if (!request.url().includes('/dist/locales/')) return;
      chunks.push(new URL(request.url()).pathname);
      chunkRequested();
    });
    // English fetches no catalog: its session is not held.
    const held = locale === 'en' ? null : await holdSessionUntil(page, sandbox.url, chunkSeen);

    await openCheckout(page, `/${locale}`, '<script type="module" src="/dist/paid-checkout.js"></script>', locale);
    await readyToPay(page);
    const shown = await page.evaluate(() => document.querySelector('paid-checkout')!.shadowRoot!.textContent!.replace(/\s+/g, ' '));
    assert.ok(shown.includes(summaryTitles[locale]!), `${locale} shows “${summaryTitles[locale]}”: ${shown.slice(0, 300)}`);
    if (locale === 'en') assert.deepEqual(chunks, [], 'English is built in');
    else {
      assert.equal(held?.seenFirst(), true, 'the catalog is requested before the session has answered');
      assert.equal(chunks.length, 1, `one catalog fetched: ${chunks.join(', ')}`);
      assert.match(chunks[0]!, new RegExp(`^/dist/locales/${locale}-[\\w-]+\\.js$`));
    }

    const widths = await page.evaluate(() => {
      const element = document.querySelector('paid-checkout')!;
      const root = element.shadowRoot!.querySelector<HTMLElement>('.root')!;
      return { page: document.documentElement.scrollWidth, element: element.scrollWidth, root: root.scrollWidth, rootBox: root.clientWidth, dir: root.dir };
    });
    assert.ok(widths.page <= 320, `the page is ${widths.page} px wide at 320`);
    assert.ok(widths.element <= 320 && widths.root <= widths.rootBox, `the element scrolls sideways: ${JSON.stringify(widths)}`);
    assert.equal(widths.dir, locale === 'ar' ? 'rtl' : 'ltr');
    assert.deepEqual(report.errors, []);

    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(screenshots, `${locale}-320.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
    await page.close();
  });
}

test('the classic script speaks German with every catalog inlined: no chunk fetched', async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 900 }, deviceScaleFactor: 1 });
  const report = await watchPage(page);
  const chunks: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/dist/locales/')) chunks.push(request.url());
  });
  await openCheckout(page, '/classic-de', '<script defer src="/dist/paid-checkout.iife.js"></script>', 'de');
  await readyToPay(page);
  const shown = await page.evaluate(() => document.querySelector('paid-checkout')!.shadowRoot!.textContent!);
  assert.ok(shown.includes('Bestellübersicht'), shown.slice(0, 300));
  assert.deepEqual(chunks, []);
  assert.deepEqual(report.errors, []);
  await page.close();
});
