// docs/TESTING.md's Playwright recipes, step for step, against the production build: the sandbox
// started through `paid-checkout/sandbox` as a merchant's test starts it, the guide's shop page on its own origin, a plan picked
// the role-based way (`getByRole('radio').check()`), the stand-in's card fields, a payment heard
// through `paid-checkout-complete`, 3-D Secure to the success URL, a decline, an expired link.
// The guide's code is @playwright/test; here the same calls run on playwright-core, and each of
// its `expect(…)` lines is the assertion or the locator wait beside it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, watchPage } from './support/browser.ts';
import { importMerchantSandbox, type RunningSandbox } from './support/merchant-sandbox.ts';

let sandbox: RunningSandbox;
let standInPath: string;
let shop: Server;
let shopUrl: string;
let browser: Browser;

before(async () => {
  const library = await importMerchantSandbox();
  sandbox = await library.startSandbox({ port: 0 });
  standInPath = library.standInPath;
  shop = await startShop(sandbox);
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  shop?.closeAllConnections();
  shop?.close();
  await sandbox?.stop();
});

/** The guide's startShop. */
function startShop(sandbox: { url: string; standInUrl: string }): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://shop');
    response.setHeader('content-type', 'text/html; charset=utf-8');
    if (url.pathname === '/thanks') return void response.end('<!doctype html><title>Thanks</title><h1>Thanks for your order</h1>');
    const checkoutId = (url.searchParams.get('checkout') ?? '').replace(/\W/g, '');
    response.end(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Checkout</title>
      <script src="${sandbox.standInUrl}"></script>
      <script type="module" src="${sandbox.url}/paid-checkout.js"></script>
      <paid-checkout checkout-id="${checkoutId}" api-base="${sandbox.url}"></paid-checkout>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The guide's createCheckout. */
async function createCheckout(): Promise<string> {
  const response = await fetch(`${sandbox.url}/api/v2/checkouts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      products: [{ id: 'prod_analytics' }],
      successUrl: `${shopUrl}/thanks?checkout={CHECKOUT_ID}`,
      collectAddress: false,
    }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { id: string }).id;
}

/** The guide's fillDetails. */
async function fillDetails(page: Page, card: string): Promise<void> {
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiration date').fill('12 / 34');
  await page.getByLabel('Security code').fill('123');
  await page.getByLabel('ZIP').fill('10001');
}

/** The guide's listenForComplete. */
function listenForComplete(page: Page): Promise<{ checkoutId: string; orderId: string }> {
  return page.evaluate(
    () =>
      new Promise<{ checkoutId: string; orderId: string }>((resolve) => {
        document.addEventListener(
          'paid-checkout-complete',
          (event) => {
            event.preventDefault(); // stay here; without it the element goes to successUrl
            resolve((event as CustomEvent<{ checkoutId: string; orderId: string }>).detail);
          },
          { once: true },
        );
      }),
  );
}

/** `await expect(locator).toContainText(text)`: waits until the locator holds the text. */
async function expectText(locator: Locator, text: RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

async function readCheckout(id: string): Promise<{ status: string; orderId: string | null }> {
  const response = await fetch(`${sandbox.url}/api/v2/checkouts/${id}`, { headers: { authorization: `Bearer ${sandbox.secretKey}` } });
  return (await response.json()) as { status: string; orderId: string | null };
}

/** One recipe on a fresh page, which must raise no uncaught error. */
async function onPage(body: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser.newPage();
  // Playwright's own default is 30 s; on a loaded machine 15 s is ample and fails sooner.
  page.setDefaultTimeout(15_000);
  const report = await watchPage(page);
  try {
    await body(page);
    assert.deepEqual(report.errors, [], 'no uncaught error on the page');
  } finally {
    await page.close();
  }
}

test('the sandbox serves the stand-in the guide points at, and standInPath is that file', async () => {
  const served = await fetch(sandbox.standInUrl);
  assert.equal(served.status, 200);
  assert.match(served.headers.get('content-type') ?? '', /javascript/);
  assert.equal(await served.text(), await readFile(standInPath, 'utf8'));
});

test("getByRole('radio', { name: /Scale/ }).check() picks the plan, and the amount due today follows", () =>
  onPage(async (page) => {
    await page.goto(`${shopUrl}/?checkout=${await createCheckout()}`);
    const summary = page.getByRole('region', { name: 'Order summary' });
    await expectText(summary, /Due today\s*\$49\.00/); // the recommended plan comes picked

    await page.getByRole('radio', { name: /Scale/ }).check();

    assert.equal(await page.getByRole('radio', { name: /Scale/ }).isChecked(), true);
    await expectText(summary, /Due today\s*\$99\.00/);
  }));

test("a click() on a plan card's text is refused by Playwright's actionability check, as the guide warns", () =>
  onPage(async (page) => {
    await page.goto(`${shopUrl}/?checkout=${await createCheckout()}`);
    const description = page.getByText('For large organisations.');
    await description.waitFor();
    // A trial click runs the actionability checks only; refused, it retries until this timeout.
    await assert.rejects(description.click({ trial: true, timeout: 2_000 }), /intercepts pointer events/);
  }));

test('a card payment completes the checkout: paid-checkout-complete carries the order, the server reads it completed, the receipt is recorded', () =>
  onPage(async (page) => {
    const checkoutId = await createCheckout();
    await page.goto(`${shopUrl}/?checkout=${checkoutId}`);
    const completed = listenForComplete(page);

    await page.getByRole('radio', { name: /Starter/ }).check();
    await fillDetails(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay $19.00' }).click();

    const { orderId } = await completed;
    assert.match(orderId, /^ord_/);
    assert.equal(new URL(page.url()).pathname, '/', 'the listener kept the page');
    const read = await readCheckout(checkoutId);
    assert.equal(read.status, 'completed');
    assert.equal(read.orderId, orderId);
    const receipt = sandbox.receipts().at(-1);
    assert.deepEqual([receipt?.checkoutId, receipt?.orderId, receipt?.to], [checkoutId, orderId, 'ada@example.com']);
  }));

test('a 3-D Secure payment opens the challenge and, completed, lands on the success URL', () =>
  onPage(async (page) => {
    const checkoutId = await createCheckout();
    await page.goto(`${shopUrl}/?checkout=${checkoutId}`);

    await fillDetails(page, '4000 0027 6000 3184');
    await page.getByRole('button', { name: /^Pay / }).click();
    const challenge = page.getByRole('dialog', { name: '3D Secure 2 Test Page' });
    await challenge.getByRole('button', { name: 'Complete authentication' }).click();

    await page.waitForURL(`${shopUrl}/thanks?checkout=${checkoutId}`);
    assert.equal(await page.getByRole('heading').textContent(), 'Thanks for your order');
    assert.equal((await readCheckout(checkoutId)).status, 'completed');
  }));

test('a declined card shows an alert and fires card_declined, the checkout stays open, and another card pays', () =>
  onPage(async (page) => {
    const checkoutId = await createCheckout();
    await page.goto(`${shopUrl}/?checkout=${checkoutId}`);
    const errorCode = page.evaluate(
      () => new Promise<string>((resolve) => document.addEventListener('paid-checkout-error', (event) => resolve((event as CustomEvent<{ code: string }>).detail.code), { once: true })),
    );

    await fillDetails(page, '4000 0000 0000 0002');
    await page.getByRole('button', { name: /^Pay / }).click();
    await expectText(page.getByRole('alert'), /Your card was declined/);
    assert.equal(await errorCode, 'card_declined');
    assert.equal((await readCheckout(checkoutId)).status, 'active');

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL(`${shopUrl}/thanks?checkout=${checkoutId}`);
    assert.equal((await readCheckout(checkoutId)).status, 'completed');
  }));

// Last, as the guide says: the clock it moves is the one every test of this file shares.
test("an expired link says so, once the sandbox's clock has moved a day ahead", () =>
  onPage(async (page) => {
    const checkoutId = await createCheckout();
    sandbox.clock.advance(25 * 3_600_000);

    await page.goto(`${shopUrl}/?checkout=${checkoutId}`);

    await page.getByRole('heading', { name: 'This checkout has expired' }).waitFor();
    assert.equal((await readCheckout(checkoutId)).status, 'expired');
  }));
