// The merchant changes something while a buyer pays (the money model's merchant steps, each
// counterexample reduced to one test): a plan's price edited while the buyer holds the quote or
// while the bank challenges, the subscription being changed cancelled, the customer deleted and
// made again. Every payment the bank confirms ends in an order at the price shown, or a refund
// whose reason is true for what happened.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSandbox, type StartedSandbox } from '../../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../../sandbox/clock.ts';
import { confirmationToken, errorOf, requiresActionOf, selection, send, succeededOf, validCompleteBody, validCreateBody, type Answer, type CheckoutObject, type OrderObject } from '../support.ts';

let sandbox: StartedSandbox;
let seededPlans: string;

before(async () => {
  sandbox = await startSandbox({ port: 0, clock: createAdjustableClock() });
  seededPlans = JSON.stringify(sandbox.store.products.get('prod_analytics')!.plans);
});

after(() => sandbox.close());

const privateCall = <T = unknown>(method: string, path: string, json?: unknown): Promise<Answer<T>> =>
  send<T>(sandbox.url, method, path, { key: sandbox.secretKey, ...(json === undefined ? {} : { json }) });

/** The merchant edits a plan's usd price in Paid's dashboard (its API edits no price), as the money model does. */
function editPrice(planId: string, amount: number): void {
  const product = sandbox.store.products.get('prod_analytics')!;
  const plan = product.plans.find((candidate) => candidate.id === planId)!;
  plan.prices = plan.prices.map((price) => (price.currency === 'usd' ? { ...price, amount } : price));
  sandbox.store.products.put(product);
}

/** Back to the seeded prices, for the next test. */
function restorePrices(): void {
  const product = sandbox.store.products.get('prod_analytics')!;
  product.plans = JSON.parse(seededPlans) as typeof product.plans;
  sandbox.store.products.put(product);
}

/** A checkout of Analytics for a customer the merchant knows (by external id), who collects no address: untaxed. */
async function checkoutFor(externalCustomerId: string): Promise<string> {
  const created = await privateCall<CheckoutObject>('POST', '/api/v2/checkouts', validCreateBody({ products: [{ id: 'prod_analytics' }], externalCustomerId, singleUse: false }));
  assert.equal(created.status, 201, created.text);
  return created.body.id;
}

const complete = (checkoutId: string, body: Record<string, unknown>) => send(sandbox.url, 'POST', `/api/public/checkout/${checkoutId}/complete`, { json: body });
const readSession = (checkoutId: string) => send<Record<string, unknown>>(sandbox.url, 'GET', `/api/public/checkout/${checkoutId}`);

/** A customer (by external id) who bought `planId` with a card that pays at once. */
async function subscriber(externalId: string, planId: string): Promise<{ checkoutId: string; orderId: string; customerId: string }> {
  const checkoutId = await checkoutFor(externalId);
  const paid = succeededOf(await complete(checkoutId, validCompleteBody(['prod_analytics'], { selections: [selection('prod_analytics', planId)], customer: { name: externalId, email: `${externalId}@example.com` } })));
  return { checkoutId, orderId: paid.order_id, customerId: paid.customer_id };
}

function authenticate(payment: { id: string; client_secret?: string }): Promise<Answer> {
  return send(sandbox.url, 'POST', `/sandbox/stripe/payment_intents/${payment.id}/authenticate`, { json: { clientSecret: payment.client_secret, outcome: 'succeeded' } });
}

const finalize = (checkoutId: string, paymentIntentId: string) => send(sandbox.url, 'POST', `/api/public/checkout/${checkoutId}/finalize`, { json: { payment_intent_id: paymentIntentId } });

async function analyticsLineOf(orderId: string) {
  const order = await privateCall<OrderObject>('GET', `/api/v2/orders/${orderId}`);
  assert.equal(order.status, 200, order.text);
  return order.body.lines.find((line) => line.productId === 'prod_analytics');
}

test('a complete sent with the prices_version of a read from before the merchant edited the plan is 409 amount_changed even when today’s amount is the same (a downgrade that costs 0 today); with the current version it pays', async () => {
  try {
    const { checkoutId, orderId } = await subscriber('ext_edit_at_quote', 'plan_analytics_scale');
    const read = await readSession(checkoutId);
    const shownVersion = read.body.pricesVersion;
    assert.match(String(shownVersion), /^[0-9a-f]{16}$/, `the read names the prices it shows: ${read.text}`);
    const quote = await send<{ data: { amount: number; prices_version: string } }>(sandbox.url, 'POST', `/api/public/checkout/${checkoutId}/quote`, { json: { selections: [selection('prod_analytics', 'plan_analytics_starter')] } });
    assert.equal(quote.status, 200, quote.text);
    assert.equal(quote.body.data.amount, 0, 'a downgrade whose credit outweighs its charge costs 0 today');
    assert.equal(quote.body.data.prices_version, shownVersion, 'the quote names the same prices');

    // While the buyer holds the quote (Starter at $19.00 a month from the renewal), the merchant doubles Starter's price.
    editPrice('plan_analytics_starter', 3800);
    const body = { selections: [selection('prod_analytics', 'plan_analytics_starter')], amount_due: 0, prices_version: shownVersion };
    const refused = await complete(checkoutId, validCompleteBody(['prod_analytics'], { ...body, customer: undefined }));
    assert.equal(refused.status, 409, refused.text);
    assert.equal(errorOf(refused).code, 'amount_changed');
    assert.equal((refused.body as { amountDue?: number }).amountDue, 0, 'the price now, for the element to show');
    assert.deepEqual([(await analyticsLineOf(orderId))?.planId, (await analyticsLineOf(orderId))?.amount], ['plan_analytics_scale', 9900], 'nothing changed');

    // Shown the new prices, the buyer pays: Starter at its new price.
    const fresh = (await readSession(checkoutId)).body.pricesVersion;
    assert.notEqual(fresh, shownVersion);
    succeededOf(await complete(checkoutId, validCompleteBody(['prod_analytics'], { ...body, prices_version: fresh, customer: undefined })));
    assert.deepEqual([(await analyticsLineOf(orderId))?.planId, (await analyticsLineOf(orderId))?.amount], ['plan_analytics_starter', 3800]);
  } finally {
    restorePrices();
  }
});

test('a 3-D Secure downgrade confirmed after the merchant edited the new plan’s price is refunded as amount_changed, though it costs 0 today either way: no order line at a price the buyer never saw', async () => {
  try {
    const { checkoutId, orderId } = await subscriber('ext_edit_at_challenge', 'plan_analytics_scale');
    const pending = await complete(checkoutId, validCompleteBody(['prod_analytics'], { selections: [selection('prod_analytics', 'plan_analytics_starter')], amount_due: 0, customer: undefined, confirmation_token: confirmationToken('threeds') }));
    const payment = requiresActionOf(pending).payment_intent;

    editPrice('plan_analytics_starter', 950);
    assert.equal((await authenticate(payment)).status, 200);

    const refused = await finalize(checkoutId, payment.id);
    assert.equal(refused.status, 409, refused.text);
    assert.equal(errorOf(refused).code, 'payment_refunded');
    assert.equal((refused.body as { refundReason?: string }).refundReason, 'amount_changed');
    assert.deepEqual([(await analyticsLineOf(orderId))?.planId, (await analyticsLineOf(orderId))?.amount], ['plan_analytics_scale', 9900], 'the subscription is as it was');
  } finally {
    restorePrices();
  }
});

test('a 3-D Secure upgrade confirmed after the merchant deleted the order it changes is refunded as order_cancelled, in words that say so (not "the price changed")', async () => {
  const { checkoutId, orderId } = await subscriber('ext_cancel_at_challenge', 'plan_analytics_starter');
  const pending = await complete(checkoutId, validCompleteBody(['prod_analytics'], { selections: [selection('prod_analytics', 'plan_analytics_growth')], customer: undefined, confirmation_token: confirmationToken('threeds') }));
  const payment = requiresActionOf(pending).payment_intent;
  const ordersBefore = sandbox.store.orders.size;

  assert.equal((await privateCall('DELETE', `/api/v2/orders/${orderId}`)).status, 200);
  assert.equal((await authenticate(payment)).status, 200);

  const refused = await finalize(checkoutId, payment.id);
  assert.equal(refused.status, 409, refused.text);
  assert.equal(errorOf(refused).code, 'payment_refunded');
  assert.equal((refused.body as { refundReason?: string }).refundReason, 'order_cancelled');
  assert.match(errorOf(refused).message, /subscription .* was cancelled/);
  assert.doesNotMatch(errorOf(refused).message, /price changed/);
  assert.equal(sandbox.store.orders.size, ordersBefore - 1, 'no order made in its place');
  const details = await privateCall<{ refunds: Array<{ paymentIntentId: string; reason: string }> }>('GET', `/api/v2/checkouts/${checkoutId}`);
  assert.deepEqual(details.body.refunds.map((refund) => [refund.paymentIntentId, refund.reason]), [[payment.id, 'order_cancelled']]);
});

test('a 3-D Secure first purchase priced for a known customer, confirmed after the merchant deleted them and made a new customer under the same external id, is refunded as customer_deleted, not ordered for someone else', async () => {
  const created = await privateCall<{ id: string }>('POST', '/api/v2/customers', { name: 'Dot', email: 'dot@example.com', externalId: 'ext_deleted_and_made_again' });
  assert.equal(created.status, 201, created.text);
  const checkoutId = await checkoutFor('ext_deleted_and_made_again');
  const pending = await complete(checkoutId, validCompleteBody(['prod_analytics'], { customer: undefined, confirmation_token: confirmationToken('threeds') }));
  const payment = requiresActionOf(pending).payment_intent;

  assert.equal((await privateCall('DELETE', `/api/v2/customers/${created.body.id}`)).status, 200);
  const again = await privateCall<{ id: string }>('POST', '/api/v2/customers', { name: 'Dorothy', email: 'dorothy@example.com', externalId: 'ext_deleted_and_made_again' });
  assert.equal(again.status, 201, again.text);
  assert.equal((await authenticate(payment)).status, 200);

  const refused = await finalize(checkoutId, payment.id);
  assert.equal(refused.status, 409, refused.text);
  assert.equal((refused.body as { refundReason?: string }).refundReason, 'customer_deleted');
  assert.equal(sandbox.store.orders.withKey(again.body.id).length, 0, 'the new customer has no order they did not pay for');
});
