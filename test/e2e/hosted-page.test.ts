// The sandbox's hosted checkout page (the script-tag build, as a checkout's `url` serves it): an
// anonymous customer pays with 4242… and lands on the merchant's success URL with the id filled in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { StartedSandbox } from '../../sandbox/app.ts';
import { launchBrowser, watchPage } from './support/browser.ts';
import { newBuyer, pay } from './support/purchase.ts';
import { createSession, readSession, startTestSandbox } from './support/sandbox.ts';
import { startStaticServer, type StaticServer } from './support/static-server.ts';

let sandbox: StartedSandbox;
let shop: StaticServer;
let browser: Browser;

before(async () => {
  sandbox = await startTestSandbox();
  shop = await startStaticServer();
  shop.page('/thanks', { body: '<!doctype html><title>Thanks</title><h1>Thanks for your order</h1>' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await shop?.close();
  await sandbox?.close();
});

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
