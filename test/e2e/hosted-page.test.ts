// The sandbox's hosted checkout page (the script-tag build, as a checkout's `url` serves it): an
// anonymous customer pays with 4242… and lands on the merchant's success URL with the id filled in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchPage } from './support/browser.ts';
import { newBuyer, pay } from './support/purchase.ts';
import { createSession, readSession } from './support/sandbox.ts';
import { openShop } from './support/shop.ts';

const { sandbox, shop, browser } = await openShop();

test('the hosted page completes an anonymous purchase and lands on the success URL with the id', async () => {
  const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
  assert.equal(session.url, `${sandbox.url}/checkout/${session.id}`);
  const page = await browser.newPage();
  const report = await watchPage(page);

  await page.goto(session.url);
  await pay(page, newBuyer('hosted'));
  await page.waitForURL(`${shop.url}/thanks?**`, { timeout: 15_000 });

  assert.equal(page.url(), `${shop.url}/thanks?checkout=${session.id}`);
  assert.equal(await page.getByRole('heading').textContent(), 'Thanks for your order');
  const read = await readSession(sandbox, session.id);
  assert.equal(read.status, 'completed');
  assert.match(read.orderId ?? '', /^ord_/);
  assert.deepEqual(report.errors, []);
  await page.close();
});
