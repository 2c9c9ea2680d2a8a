// Paid's own React client against the sandbox: paid-blocks 0.5.5's usePayCheckout hook (its
// useStripePayment sequence and its fetchPaidData requests, from the installed package, not
// copied) with `baseUrl` set to the sandbox, in a page on another origin, on the Stripe stand-in.
// A purchase, a 3-D Secure purchase (also two at once on a reusable link), a decline, and an
// anonymous checkout (its buyer typed in an Address Element beside the card): the requests
// paid-blocks sends, what it shows, and the orders the merchant's private API reads afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { watchPage, type PageReport } from './support/browser.ts';
import { merchantPage } from './support/pages.ts';
import { buildPaidBlocksApp } from './support/paid-blocks-app.ts';
import { privateCall } from './support/sandbox.ts';
import { openShop } from './support/shop.ts';

const { sandbox, shop, browser } = await openShop({ apps: buildPaidBlocksApp });
shop.page('/paid-blocks', {
  body: merchantPage({
    title: 'paid-blocks',
    sandboxUrl: sandbox.url,
    head: '<script type="module" src="/apps/paid-blocks.js"></script>',
    body: '<div id="root"></div>',
  }),
});

interface CheckoutRead {
  id: string;
  status: string;
  orderId: string | null;
}

/** What paid-blocks' onSuccess receives: the answer of complete, or of finalize after 3-D Secure. */
interface PaidBlocksResult {
  success?: boolean;
  data: {
    status: string;
    order_id: string;
    invoice_id: string;
    redirect_url: string | null;
    payment_intent: { id: string; status: string; client_secret: string | null };
  };
}

/** One request paid-blocks sent to the public API, as it called fetch, and the answer it got. */
interface Exchange {
  path: string;
  method: string;
  credentials: string | null;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  answer: unknown;
  /** The answer's CORS headers, as the browser received them (a page cannot read them). */
  cors: { allowOrigin: string | undefined; allowCredentials: string | undefined };
}

type PageExchange = Omit<Exchange, 'cors'>;

declare global {
  interface Window {
    __paidBlocksExchanges: PageExchange[];
  }
}

/**
 * Records, in the page, each call paid-blocks makes to `fetch` for the public API and the body it
 * gets back (read from a clone: paid-blocks itself never reads a refusal's body, so the network
 * layer never finishes one that Playwright could read). The call goes through unchanged.
 */
function recordFetches(apiOrigin: string): void {
  const realFetch = window.fetch;
  window.__paidBlocksExchanges = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), location.href);
    const response = await realFetch(input, init);
    if (url.origin === apiOrigin && url.pathname.startsWith('/api/public/')) {
      const text = await response.clone().text();
      window.__paidBlocksExchanges.push({
        path: url.pathname,
        method: init?.method ?? 'GET',
        credentials: init?.credentials ?? null,
        headers: Object.fromEntries(new Headers(init?.headers)),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
        status: response.status,
        answer: JSON.parse(text),
      });
    }
    return response;
  };
}

/**
 * A checkout as paid-blocks buys it with nothing but a confirmation token: a known customer (a
 * new one each time, who has no subscription to it yet) and one product without plans; a
 * single-use link unless `singleUse` is false (a reusable link, which several buyers may pay).
 */
async function createCheckout({ singleUse = true } = {}): Promise<CheckoutRead & { customerId: string }> {
  const customer = await privateCall<{ id: string }>(sandbox, 'POST', '/api/v2/customers/', { name: 'Ada Lovelace', email: `ada+${Date.now()}@example.com` });
  const checkout = await privateCall<CheckoutRead>(sandbox, 'POST', '/api/v2/checkouts/', {
    products: [{ id: 'prod_support' }],
    customerId: customer.id,
    successUrl: `${shop.url}/thanks?c={CHECKOUT_ID}`,
    singleUse,
  });
  return { ...checkout, customerId: customer.id };
}

/**
 * Opens the app for `checkoutId`, with the amount and key the merchant's server would pass it,
 * and the `headers` the app passes paid-blocks in its options, if any; `address` mounts an Address
 * Element in billing mode beside the card; `context`: a tab of that browser, else a browser of its own.
 */
async function openApp(
  checkoutId: string,
  headers?: Record<string, string>,
  { address = false, context }: { address?: boolean; context?: BrowserContext } = {},
): Promise<{ page: Page; report: PageReport; exchanges: (count: number) => Promise<Exchange[]> }> {
  const session = (await (await fetch(`${sandbox.url}/api/public/checkout/${checkoutId}`)).json()) as {
    currency: string;
    payments: { publishableKey: string };
    products: Array<{ basePrice: { amount: number } }>;
  };
  // A browser of its own (a context), unless given one: another tab of that browser, its cookies shared.
  const page = await (context ?? browser).newPage();
  const report = await watchPage(page);
  await page.addInitScript(recordFetches, sandbox.url);
  const cors: Array<Promise<Exchange['cors']>> = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== sandbox.url || !url.pathname.startsWith('/api/public/') || response.request().method() === 'OPTIONS') return;
    cors.push(response.allHeaders().then((headers) => ({ allowOrigin: headers['access-control-allow-origin'], allowCredentials: headers['access-control-allow-credentials'] })));
  });
  /** The first `count` requests paid-blocks sent to the public API, each with its answer. */
  const exchanges = async (count: number): Promise<Exchange[]> => {
    await page.waitForFunction((expected) => window.__paidBlocksExchanges.length >= expected, count, { timeout: 15_000 });
    const seen = await page.evaluate(() => window.__paidBlocksExchanges);
    const headers = await Promise.all(cors);
    return seen.map((exchange, index) => ({ ...exchange, cors: headers[index] ?? { allowOrigin: undefined, allowCredentials: undefined } }));
  };
  const query = new URLSearchParams({
    api: sandbox.url,
    token: checkoutId,
    pk: session.payments.publishableKey,
    amount: String(session.products[0]!.basePrice.amount),
    currency: session.currency,
    ...(headers ? { headers: JSON.stringify(headers) } : {}),
    ...(address ? { address: 'billing' } : {}),
  });
  await page.goto(`${shop.url}/paid-blocks?${query}`);
  return { page, report, exchanges };
}

/** Enters a test card in the stand-in's fields and presses paid-blocks' Pay. */
async function payWith(page: Page, card: string): Promise<void> {
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiration date').fill('12 / 34');
  await page.getByLabel('Security code').fill('123');
  await page.getByLabel('ZIP').fill('10001');
  await page.getByRole('button', { name: 'Pay' }).click();
}

/** paid-blocks' `state` once it has settled (no longer processing). */
async function settledState(page: Page): Promise<{ isComplete: boolean; error: string }> {
  const state = page.locator('#state[data-processing="false"][data-complete="true"], #state[data-processing="false"]:not([data-error=""])');
  await state.waitFor({ state: 'attached', timeout: 15_000 });
  return { isComplete: (await state.getAttribute('data-complete')) === 'true', error: (await state.getAttribute('data-error')) ?? '' };
}

async function onSuccessResult(page: Page): Promise<PaidBlocksResult> {
  return JSON.parse(await page.locator('#on-success').textContent({ timeout: 15_000 }) ?? 'null') as PaidBlocksResult;
}

function assertPaidBlocksRequest(exchange: Exchange, route: 'complete' | 'finalize', checkoutId: string): void {
  assert.equal(exchange.method, 'POST');
  assert.equal(exchange.path, `/api/public/checkout/${checkoutId}/${route}`);
  assert.equal(exchange.credentials, 'include', 'paid-blocks sends cookies to a custom backend');
  assert.deepEqual(exchange.headers, { 'content-type': 'application/json' }, 'and no Idempotency-Key');
  assert.equal(exchange.cors.allowOrigin, shop.url, "the shop's origin echoed, as a credentialed request needs");
  assert.equal(exchange.cors.allowCredentials, 'true');
}

/** The merchant's server checks what the sandbox holds: the checkout paid, its order and invoice the customer's. */
async function assertPaidInSandbox(created: { id: string; customerId: string }, result: PaidBlocksResult): Promise<void> {
  const checkout = await privateCall<CheckoutRead>(sandbox, 'GET', `/api/v2/checkouts/${created.id}`);
  assert.equal(checkout.status, 'completed');
  assert.equal(checkout.orderId, result.data.order_id);
  const order = await privateCall<{ id: string; customerId: string }>(sandbox, 'GET', `/api/v2/orders/${result.data.order_id}`);
  assert.equal(order.customerId, created.customerId);
  const invoice = await privateCall<{ orderId: string; customerId: string; invoiceTotal: number; paymentStatus: string }>(
    sandbox,
    'GET',
    `/api/v2/invoices/${result.data.invoice_id}`,
  );
  assert.deepEqual([invoice.orderId, invoice.customerId, invoice.invoiceTotal, invoice.paymentStatus], [order.id, created.customerId, 29900, 'paid']);
}

test('paid-blocks buys a one-product checkout for a known customer with { confirmation_token, return_url } alone, and reads the order from the answer', async () => {
  const checkout = await createCheckout();
  const { page, report, exchanges } = await openApp(checkout.id);
  await payWith(page, '4242 4242 4242 4242');

  assert.deepEqual(await settledState(page), { isComplete: true, error: '' });
  const result = await onSuccessResult(page);
  const [complete, ...more] = await exchanges(1);
  assert.equal(more.length, 0, 'one request: complete');
  assertPaidBlocksRequest(complete!, 'complete', checkout.id);
  const body = complete!.body as { confirmation_token: string; return_url: string };
  assert.deepEqual(Object.keys(body).sort(), ['confirmation_token', 'return_url']);
  assert.match(body.confirmation_token, /^ctoken_test_succeeds_/);
  assert.equal(body.return_url, page.url());

  assert.deepEqual(result, complete!.answer, 'onSuccess gets the answer as sent');
  assert.equal(result.success, true);
  assert.equal(result.data.status, 'succeeded');
  assert.match(result.data.order_id, /^ord_/);
  assert.match(result.data.invoice_id, /^inv_/);
  assert.equal(result.data.redirect_url, `${shop.url}/thanks?c=${checkout.id}`);
  assert.equal(result.data.payment_intent.status, 'succeeded');
  await assertPaidInSandbox(checkout, result);
  assert.equal(await page.locator('#on-error').textContent(), '[]');
  assert.deepEqual(report.errors, []);
  await page.close();
});

test('paid-blocks runs 3-D Secure from payment_intent.client_secret, then finalizes with {} and reports the order from the finalize answer', async () => {
  const checkout = await createCheckout();
  const { page, report, exchanges } = await openApp(checkout.id);
  await payWith(page, '4000 0027 6000 3184');
  const challenge = page.getByRole('button', { name: 'Complete authentication' });
  await challenge.waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('#state').getAttribute('data-processing'), 'true', 'paid-blocks waits for the bank');
  await challenge.click();

  assert.deepEqual(await settledState(page), { isComplete: true, error: '' });
  const result = await onSuccessResult(page);
  const [complete, finalize, ...more] = await exchanges(2);
  assert.equal(more.length, 0, 'two requests: complete, finalize');
  assertPaidBlocksRequest(complete!, 'complete', checkout.id);
  assertPaidBlocksRequest(finalize!, 'finalize', checkout.id);
  assert.match((complete!.body as { confirmation_token: string }).confirmation_token, /^ctoken_test_threeds_/);
  assert.deepEqual(finalize!.body, {});

  const started = complete!.answer as PaidBlocksResult;
  assert.equal(started.data.payment_intent.status, 'requires_action');
  assert.match(started.data.payment_intent.client_secret ?? '', new RegExp(`^${started.data.payment_intent.id}_secret_`));
  assert.deepEqual(result, finalize!.answer, "finalize's answer replaces the first");
  assert.equal(result.data.status, 'succeeded');
  assert.equal(result.data.payment_intent.id, started.data.payment_intent.id, 'the payment that was authenticated');
  assert.match(result.data.order_id, /^ord_/);
  await assertPaidInSandbox(checkout, result);
  assert.deepEqual(report.errors, []);
  await page.close();
});

// paid-blocks finalizes with `{}`, which on a reusable link cannot say whose payment it means; it
// sends cookies (credentials: 'include'), and the sandbox's payment cookie [ext], set when complete
// asked for 3-D Secure, names the payment this browser started. The shop (127.0.0.1, one port) and
// the API (127.0.0.1, another) are of one site, so the SameSite=Lax cookie goes with the fetch.
// The link is for one known customer: the payment the bank confirms first makes the order; the
// other, priced again against that order, would cost another amount and is refunded. Each browser
// must be answered its own payment's end, whichever it is.
test('two buyers in 3-D Secure at once on a reusable link, each in their own browser: each finalize of {} answers their own payment (the first confirmed shows success with its order, the other its refund)', async () => {
  const checkout = await createCheckout({ singleUse: false });
  const [ada, bob] = [await openApp(checkout.id), await openApp(checkout.id)];
  for (const { page } of [ada, bob]) {
    await payWith(page, '4000 0027 6000 3184');
    await page.getByRole('button', { name: 'Complete authentication' }).waitFor({ timeout: 15_000 });
  }
  const startedBy = async (buyer: typeof ada) => {
    const [complete, finalize, ...more] = await buyer.exchanges(2);
    assert.equal(more.length, 0, 'two requests: complete, finalize');
    assertPaidBlocksRequest(complete!, 'complete', checkout.id);
    assertPaidBlocksRequest(finalize!, 'finalize', checkout.id);
    assert.deepEqual(finalize!.body, {});
    const started = complete!.answer as PaidBlocksResult;
    assert.equal(started.data.payment_intent.status, 'requires_action');
    return { started: started.data.payment_intent.id, finalize: finalize! };
  };

  // Both payments wait for the bank; Bob, who paid second, answers the challenge first.
  await bob.page.getByRole('button', { name: 'Complete authentication' }).click();
  assert.deepEqual(await settledState(bob.page), { isComplete: true, error: '' });
  const bobs = await startedBy(bob);
  const result = await onSuccessResult(bob.page);
  assert.deepEqual(result, bobs.finalize.answer);
  assert.equal(result.data.status, 'succeeded');
  assert.equal(result.data.payment_intent.id, bobs.started, 'the payment this browser started');
  const order = await privateCall<{ customerId: string }>(sandbox, 'GET', `/api/v2/orders/${result.data.order_id}`);
  assert.equal(order.customerId, checkout.customerId);
  assert.equal(await bob.page.locator('#on-error').textContent(), '[]');

  await ada.page.getByRole('button', { name: 'Complete authentication' }).click();
  const told = await settledState(ada.page);
  const adas = await startedBy(ada);
  assert.notEqual(adas.started, bobs.started);
  assert.equal(adas.finalize.status, 409);
  assert.equal((adas.finalize.answer as { code: string }).code, 'payment_refunded', 'Ada is told of her own payment, not shown Bob’s order');
  // paid-blocks' fetchPaidData throws a refusal's response, so its sentence (the refund) is never shown.
  assert.deepEqual(told, { isComplete: false, error: 'Payment failed' });
  assert.match((adas.finalize.answer as { error: string }).error, /was refunded/);
  assert.equal(await ada.page.locator('#on-success').count(), 0);
  const read = await privateCall<{ orderId: string | null; refunds: Array<{ paymentIntentId: string }> }>(sandbox, 'GET', `/api/v2/checkouts/${checkout.id}`);
  assert.deepEqual(read.refunds.map((refund) => refund.paymentIntentId), [adas.started], "the refund is Ada's payment");
  for (const { page, report } of [ada, bob]) {
    assert.deepEqual(report.errors, []);
    await page.close();
  }
});

test('one buyer in two tabs of one browser, both in 3-D Secure on a reusable link: the tab whose bank approves first is answered its own payment and order by its {} finalize, not the other tab’s challenge still open', async () => {
  const checkout = await createCheckout({ singleUse: false });
  const context = await browser.newContext();
  try {
    // Two tabs of one browser: the second's complete carries the first's payment cookie, and both share the one it sets.
    const tabs = [await openApp(checkout.id, undefined, { context }), await openApp(checkout.id, undefined, { context })];
    for (const { page } of tabs) {
      await payWith(page, '4000 0027 6000 3184');
      await page.getByRole('button', { name: 'Complete authentication' }).waitFor({ timeout: 15_000 });
    }
    const [first, second] = tabs as [(typeof tabs)[number], (typeof tabs)[number]];
    await first.page.getByRole('button', { name: 'Complete authentication' }).click();
    assert.deepEqual(await settledState(first.page), { isComplete: true, error: '' }, 'the tab whose payment was taken is not told it failed');
    const [complete, finalize] = await first.exchanges(2);
    assert.deepEqual(finalize!.body, {});
    const result = await onSuccessResult(first.page);
    assert.equal(result.data.payment_intent.id, (complete!.answer as PaidBlocksResult).data.payment_intent.id, 'the payment this tab started');
    const order = await privateCall<{ customerId: string }>(sandbox, 'GET', `/api/v2/orders/${result.data.order_id}`);
    assert.equal(order.customerId, checkout.customerId);

    // The second tab's bank approves next: priced again against the order the first made, it is refunded, and that tab is told of its own payment.
    await second.page.getByRole('button', { name: 'Complete authentication' }).click();
    assert.deepEqual(await settledState(second.page), { isComplete: false, error: 'Payment failed' });
    const [, secondFinalize] = await second.exchanges(2);
    assert.equal((secondFinalize!.answer as { code: string }).code, 'payment_refunded');
    for (const { page, report } of tabs) {
      assert.deepEqual(report.errors, []);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test('a declined card leaves the checkout open with no order; paid-blocks shows "Payment failed" (its fetchPaidData throws the response, so the body’s error sentence is never read)', async () => {
  const checkout = await createCheckout();
  const { page, report, exchanges } = await openApp(checkout.id);
  await payWith(page, '4000 0000 0000 9995');

  assert.deepEqual(await settledState(page), { isComplete: false, error: 'Payment failed' });
  assert.equal(await page.getByRole('alert').textContent(), 'Payment failed');
  assert.equal(await page.locator('#on-error').textContent(), JSON.stringify(['Payment failed']));
  assert.equal(await page.locator('#on-success').count(), 0);
  const [complete, ...more] = await exchanges(1);
  assert.equal(more.length, 0);
  assertPaidBlocksRequest(complete!, 'complete', checkout.id);
  assert.equal(complete!.status, 402);
  assert.deepEqual(complete!.answer, { error: 'Your card has insufficient funds.', code: 'card_declined', declineCode: 'insufficient_funds' });

  const read = await privateCall<CheckoutRead>(sandbox, 'GET', `/api/v2/checkouts/${checkout.id}`);
  assert.deepEqual([read.status, read.orderId], ['active', null]);
  assert.deepEqual(report.errors, []);
  await page.close();
});

// The headers make the browser preflight each POST; a preflight that left one out would make the
// browser refuse the request (paid-blocks would show "Payment failed", no order).
test('paid-blocks given headers by its app (an Authorization) sends them on complete and finalize, which the browser lets through: the 3-D Secure purchase completes', async () => {
  const checkout = await createCheckout();
  const headers = { authorization: 'Bearer merchant-session-token', 'x-request-id': 'shop-42' };
  const { page, report, exchanges } = await openApp(checkout.id, headers);
  await payWith(page, '4000 0027 6000 3184');
  await page.getByRole('button', { name: 'Complete authentication' }).click({ timeout: 15_000 });

  assert.deepEqual(await settledState(page), { isComplete: true, error: '' });
  const result = await onSuccessResult(page);
  const [complete, finalize, ...more] = await exchanges(2);
  assert.equal(more.length, 0, 'two requests: complete, finalize');
  for (const [exchange, route] of [[complete!, 'complete'], [finalize!, 'finalize']] as const) {
    assert.equal(exchange.path, `/api/public/checkout/${checkout.id}/${route}`);
    assert.deepEqual(exchange.headers, { 'content-type': 'application/json', ...headers }, `${route}: the app's headers, sent by paid-blocks`);
    assert.equal(exchange.credentials, null, `${route}: paid-blocks sends no cookies with its own headers`);
  }
  assert.equal(result.data.status, 'succeeded');
  await assertPaidInSandbox(checkout, result);
  assert.deepEqual(report.errors, []);
  await page.close();
});

/** The webhooks the sandbox sends (to any endpoint the merchant set), by name, with the checkout each is about. */
const announced: Array<{ name: string; about: string }> = [];
const emit = sandbox.webhooks.emit.bind(sandbox.webhooks);
sandbox.webhooks.emit = (account, name, input) => {
  announced.push({ name, about: JSON.stringify(input) });
  return emit(account, name, input);
};

// paid-blocks sends no `customer`; its app collects the buyer where Stripe would: an Address
// Element in billing mode (name and address) in the Elements its hook confirms, whose details
// Stripe.js puts in the confirmation token. The sandbox makes the customer from the token.
test('an anonymous checkout paid through paid-blocks, the buyer’s name and address typed in an Address Element: one order for a new customer made of what they typed, one invoice, the webhook, and paid-blocks’ success', async () => {
  const checkout = await privateCall<CheckoutRead>(sandbox, 'POST', '/api/v2/checkouts/', { products: [{ id: 'prod_support' }], successUrl: `${shop.url}/thanks?c={CHECKOUT_ID}` });
  const customersBefore = (await privateCall<{ pagination: { total: number } }>(sandbox, 'GET', '/api/v2/customers/?limit=1')).pagination.total;
  const { page, report, exchanges } = await openApp(checkout.id, undefined, { address: true });
  const address = page.locator('[data-stripe-standin="address"]');
  await address.getByLabel('Full name').fill('Grace Hopper');
  await address.getByLabel('Address line 1').fill('2 Oak Ave');
  await address.getByLabel('City').fill('Portland');
  await address.getByLabel('State').fill('OR');
  await address.getByLabel('ZIP').fill('97201');
  const card = page.locator('[data-stripe-standin="payment"]');
  await card.getByLabel('Card number').fill('4242 4242 4242 4242');
  await card.getByLabel('Expiration date').fill('12 / 34');
  await card.getByLabel('Security code').fill('123');
  await card.getByLabel('ZIP').fill('97201');
  await page.getByRole('button', { name: 'Pay' }).click();

  assert.deepEqual(await settledState(page), { isComplete: true, error: '' });
  const result = await onSuccessResult(page);
  const [complete, ...more] = await exchanges(1);
  assert.equal(more.length, 0, 'one request: complete');
  assertPaidBlocksRequest(complete!, 'complete', checkout.id);
  assert.deepEqual(Object.keys(complete!.body as object).sort(), ['confirmation_token', 'return_url'], 'no customer in the request');
  assert.deepEqual(result, complete!.answer);
  assert.equal(result.data.status, 'succeeded');
  assert.equal(result.data.redirect_url, `${shop.url}/thanks?c=${checkout.id}`);

  const read = await privateCall<CheckoutRead>(sandbox, 'GET', `/api/v2/checkouts/${checkout.id}`);
  assert.deepEqual([read.status, read.orderId], ['completed', result.data.order_id]);
  const order = await privateCall<{ customerId: string }>(sandbox, 'GET', `/api/v2/orders/${result.data.order_id}`);
  const customer = await privateCall<{ name: string; email: string; billingAddress: unknown }>(sandbox, 'GET', `/api/v2/customers/${order.customerId}`);
  assert.deepEqual([customer.name, customer.email], ['Grace Hopper', ''], 'the name typed; the card form asks for no email');
  assert.deepEqual(customer.billingAddress, { line1: '2 Oak Ave', city: 'Portland', state: 'OR', zipCode: '97201', country: 'US' });
  assert.equal((await privateCall<{ pagination: { total: number } }>(sandbox, 'GET', '/api/v2/customers/?limit=1')).pagination.total, customersBefore + 1, 'one customer made');
  const orders = await privateCall<{ data: Array<{ id: string }> }>(sandbox, 'GET', `/api/v2/orders/?limit=100`);
  assert.equal(orders.data.filter((each) => each.id === result.data.order_id).length, 1);
  const invoice = await privateCall<{ orderId: string; customerId: string; invoiceTotal: number; paymentStatus: string }>(sandbox, 'GET', `/api/v2/invoices/${result.data.invoice_id}`);
  assert.deepEqual([invoice.orderId, invoice.customerId, invoice.invoiceTotal, invoice.paymentStatus], [result.data.order_id, order.customerId, 29900, 'paid'], 'the price paid-blocks showed (untaxed in Oregon)');
  const completed = announced.filter((each) => each.name === 'billing-checkout-completed' && each.about.includes(checkout.id));
  assert.equal(completed.length, 1, 'billing-checkout-completed, once');
  assert.equal(announced.filter((each) => each.name === 'billing-payment-succeeded' && each.about.includes(checkout.id)).length, 1);
  assert.equal(await page.locator('#on-error').textContent(), '[]');
  assert.deepEqual(report.errors, []);
  await page.close();
});
