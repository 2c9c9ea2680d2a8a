// The hooks in React (the paid-checkout/react wrapper's onStateChange and onBeforeConfirm) and Vue
// (listeners on the element), as docs/EMBEDDING.md shows them (test/e2e/snippets/react-terms.jsx,
// CheckoutWithTerms.vue): the app's terms box is its step before paying. Ticked, the purchase goes
// through and the page hears its states; unticked, the app's words show and nothing is charged.
// Built as frameworks.test.ts builds them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchPage } from './support/browser.ts';
import { buildApps, type AppName } from './support/build-apps.ts';
import { merchantPage } from './support/pages.ts';
import { newBuyer, pay } from './support/purchase.ts';
import { createSession, readSession } from './support/sandbox.ts';
import { openShop } from './support/shop.ts';

const { sandbox, shop, browser } = await openShop({ apps: buildApps });

async function openApp(app: AppName) {
  const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
  shop.page(`/${app}`, {
    body: merchantPage({ title: app, sandboxUrl: sandbox.url, head: `<script type="module" src="/apps/${app}.js"></script>`, body: '<div id="root"></div>' }),
  });
  const page = await browser.newPage();
  const report = await watchPage(page);
  await page.goto(`${shop.url}/${app}?checkout=${session.id}&api=${encodeURIComponent(sandbox.url)}&hooks`);
  return { session, page, report };
}

for (const app of ['react-wrapper', 'vue'] as const) {
  test(`${app}: with the terms accepted the purchase goes through, and the app hears ready → paying → succeeded`, async () => {
    const { session, page, report } = await openApp(app);
    await page.getByLabel('I accept the terms of service').check();
    await pay(page, newBuyer(`${app}-hooks`));
    const status = page.locator('#root > p[role="status"]');
    await status.waitFor({ timeout: 15_000 });
    const read = await readSession(sandbox, session.id);
    assert.equal(await status.textContent(), `Thank you! Your order is ${read.orderId}.`);
    assert.equal(await page.locator('#states').textContent(), 'ready paying succeeded');
    assert.deepEqual(report.errors, []);
    await page.close();
  });

  test(`${app}: with the terms not accepted the app’s words show and nothing is charged`, async () => {
    const { session, page } = await openApp(app);
    await pay(page, newBuyer(`${app}-refuse`));
    await page.getByText('Please accept the terms first.').waitFor({ timeout: 15_000 });
    const read = await readSession(sandbox, session.id);
    assert.equal(read.status, 'active');
    assert.equal(read.orderId, null);
    assert.equal(await page.locator('#states').textContent(), 'ready paying ready');
    await page.close();
  });
}
