// The hooks in React (the paid-checkout/react wrapper's onStateChange and onBeforeConfirm) and Vue
// (listeners on the element), as docs/EMBEDDING.md shows them (test/e2e/snippets/react-terms.jsx,
// CheckoutWithTerms.vue): the app's terms box is its step before paying. Ticked, the purchase goes
// through and the page hears its states; unticked, the app's words show and nothing is charged; a
// payment whose answer was lost keeps the box locked (`failed`, never `ready`) until its Try again,
// which resends what the app approved. Built as frameworks.test.ts builds them.
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

  test(`${app}: after a lost answer the terms box stays locked (failed, not ready) and Try again pays once, with no second approval`, async () => {
    const { session, page } = await openApp(app);
    const terms = page.getByLabel('I accept the terms of service');
    await terms.check();
    const approvals = await page.evaluate(() => {
      const counted = { count: 0 };
      document.addEventListener('paid-checkout-before-confirm', () => (counted.count += 1));
      (window as unknown as { approvals: typeof counted }).approvals = counted;
      return counted.count;
    });
    assert.equal(approvals, 0);
    // The first complete reaches the sandbox, which charges; its answer never reaches the page.
    let completes = 0;
    await page.route('**/complete', async (route) => {
      completes += 1;
      if (completes > 1) return route.continue();
      await route.fetch();
      await route.abort('failed');
    });
    await pay(page, newBuyer(`${app}-lost`));
    const tryAgain = page.getByRole('button', { name: 'Try again' });
    await tryAgain.waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#states').textContent(), 'ready paying failed');
    assert.equal(await terms.isDisabled(), true, 'the approved payment may have been taken: the box cannot change');
    assert.equal(await terms.isChecked(), true);
    await tryAgain.click();
    const status = page.locator('#root > p[role="status"]');
    await status.waitFor({ timeout: 15_000 });
    const read = await readSession(sandbox, session.id);
    assert.equal(await status.textContent(), `Thank you! Your order is ${read.orderId}.`);
    assert.equal(await page.locator('#states').textContent(), 'ready paying failed paying succeeded');
    assert.equal(completes, 2);
    assert.equal(await page.evaluate(() => (window as unknown as { approvals: { count: number } }).approvals.count), 1);
    await page.close();
  });
}
