// A merchant page that freezes Object.prototype (a common hardening against prototype
// pollution) before anything loads: the production build still shows the session and completes
// a purchase against the sandbox, with no error on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { watchPage } from './support/browser.ts';
import { merchantPage } from './support/pages.ts';
import { newBuyer, pay } from './support/purchase.ts';
import { createSession, readSession } from './support/sandbox.ts';
import { openShop } from './support/shop.ts';

const { sandbox, shop, browser } = await openShop();

/** A page whose prototypes are frozen by a script that runs before any of the page's own. */
async function frozenPage(freeze: string): Promise<{ page: Page; report: Awaited<ReturnType<typeof watchPage>> }> {
  const page = await browser.newPage();
  const report = await watchPage(page);
  await page.addInitScript(freeze);
  return { page, report };
}

async function buyOnFrozenPage(path: string, freeze: string, frozen: readonly string[]): Promise<void> {
  const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
  shop.page(path, {
    body: merchantPage({
      title: 'Frozen prototypes',
      sandboxUrl: sandbox.url,
      head: '<script type="module" src="/dist/paid-checkout.js"></script>',
      body: `<paid-checkout checkout-id="${session.id}" api-base="${sandbox.url}"></paid-checkout>`,
    }),
  });
  const { page, report } = await frozenPage(freeze);
  await page.goto(`${shop.url}${path}`);
  const stillFrozen = await page.evaluate((names) => names.map((name) => Object.isFrozen((globalThis as unknown as Record<string, { prototype: object }>)[name]!.prototype)), [...frozen]);
  assert.deepEqual(stillFrozen, frozen.map(() => true), 'the page really runs with frozen prototypes');

  await page.getByRole('radio', { name: /^Scale/ }).waitFor({ timeout: 10_000 });
  await page.locator('label').filter({ hasText: 'Scale' }).click();
  await pay(page, newBuyer('frozen'));
  await page.waitForURL(`${shop.url}/thanks?**`, { timeout: 15_000 });

  assert.equal(page.url(), `${shop.url}/thanks?checkout=${session.id}`);
  const read = await readSession(sandbox, session.id);
  assert.equal(read.status, 'completed');
  assert.ok(read.orderId, 'the purchase made an order');
  assert.deepEqual(report.errors, [], 'no uncaught error on the page');
  await page.close();
}

test('a page that freezes Object.prototype before the element loads still completes a purchase', async () => {
  await buyOnFrozenPage('/frozen-object', 'Object.freeze(Object.prototype);', ['Object']);
});

test('a page that also freezes Array, Function, Promise and Element prototypes still completes a purchase', async () => {
  const names = ['Object', 'Array', 'Function', 'Promise', 'String', 'Element', 'HTMLElement', 'EventTarget'];
  await buyOnFrozenPage('/frozen-all', names.map((name) => `Object.freeze(${name}.prototype);`).join('\n'), names);
});
