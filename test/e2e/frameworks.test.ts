// React 19 (the @lit/react wrapper, and the bare element), Vue 3 and Svelte 5 apps, built with Vite
// from the docs' snippets against the package's ES build: each completes a purchase and shows the
// order id it received in the framework's own state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchPage } from './support/browser.ts';
import { buildApps, type AppName } from './support/build-apps.ts';
import { merchantPage } from './support/pages.ts';
import { newBuyer, pay } from './support/purchase.ts';
import { createSession, readSession } from './support/sandbox.ts';
import { openShop } from './support/shop.ts';

const { sandbox, shop, browser } = await openShop({ apps: buildApps });

function serveApp(app: AppName): void {
  shop.page(`/${app}`, {
    body: merchantPage({
      title: app,
      sandboxUrl: sandbox.url,
      head: `<script type="module" src="/apps/${app}.js"></script>`,
      body: '<div id="root"></div>',
    }),
  });
}

async function purchaseIn(app: AppName): Promise<void> {
  const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
  serveApp(app);
  const page = await browser.newPage();
  const report = await watchPage(page);
  const appUrl = `${shop.url}/${app}?checkout=${session.id}&api=${encodeURIComponent(sandbox.url)}`;
  await page.goto(appUrl);

  await pay(page, newBuyer(app));
  // Rendered by the app from the state its complete handler set (outside the element).
  const status = page.locator('#root > p[role="status"]');
  await status.waitFor({ timeout: 15_000 });

  const read = await readSession(sandbox, session.id);
  assert.equal(read.status, 'completed');
  assert.match(read.orderId ?? '', /^ord_/);
  assert.equal(await status.textContent(), `Thank you! Your order is ${read.orderId}.`);
  assert.equal(page.url(), appUrl, 'the handler cancelled the navigation: the app stays');
  assert.deepEqual(report.errors, []);
  await page.close();
}

test('React 19 with the paid-checkout/react wrapper: onComplete sets state', () => purchaseIn('react-wrapper'));
test('React 19 with the bare <paid-checkout> element: onpaid-checkout-complete sets state', () => purchaseIn('react-element'));
test('Vue 3 single-file component: @paid-checkout-complete sets a ref', () => purchaseIn('vue'));
test('Svelte 5 component: onpaid-checkout-complete sets $state', () => purchaseIn('svelte'));

test('React 19 wrapper with apiBase={undefined} uses the default API, as an absent attribute does', async () => {
  const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
  serveApp('react-unset-api');
  const page = await browser.newPage();
  const report = await watchPage(page);
  // The production API, answered by the sandbox (this machine is offline).
  const defaultApi = 'https://api.agentpaid.io';
  const reads: string[] = [];
  await page.route(`${defaultApi}/**`, async (route) => {
    reads.push(route.request().url());
    await route.fulfill({ response: await route.fetch({ url: route.request().url().replace(defaultApi, sandbox.url) }) });
  });
  await page.goto(`${shop.url}/react-unset-api?checkout=${session.id}`);
  // Whichever comes first: the checkout's form, or the element's error state.
  const failure = page.locator('paid-checkout [part~="error"]');
  await page.getByLabel('Full name').or(failure).first().waitFor({ timeout: 10_000 });
  const shown = (await failure.count()) > 0 ? (await failure.first().innerText()).replace(/\s+/g, ' ') : '';
  assert.equal(shown, '', 'the element shows an error instead of the checkout');
  assert.deepEqual(reads, [`${defaultApi}/api/public/checkout/${session.id}`]);
  assert.deepEqual(report.errors, []);
  await page.close();
});
