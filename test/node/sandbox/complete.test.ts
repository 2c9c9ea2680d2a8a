// Paying a checkout over HTTP: the order and customer it creates, declines, 3-D Secure,
// single use, currency and quantity rules, and prices computed by the server alone.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { paymentRequiresAction, paymentSucceeded, publicCheckout, type Selection } from '../../../src/api/schemas.ts';
import { addInterval } from '../../../src/pricing/interval.ts';
import { resolveSelections } from '../../../src/pricing/selection.ts';
import { summarize } from '../../../src/pricing/summary.ts';
import {
  confirmationToken,
  errorOf,
  newIdempotencyKey,
  paymentIntentOf,
  startTestSandbox,
  validCompleteBody,
  validCreateBody,
  type Answer,
  type CustomerObject,
  type OrderObject,
  type SucceededBody,
} from './support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

function succeeded(answer: Answer, label = 'complete'): SucceededBody {
  assert.equal(answer.status, 200, `${label}: ${answer.status} ${answer.text}`);
  const parsed = paymentSucceeded.safeParse(answer.body);
  assert.ok(parsed.success, `${label}: not a succeeded answer: ${answer.text}`);
  return parsed.data as SucceededBody;
}

async function readOrder(id: string): Promise<OrderObject> {
  const answer = await sandbox.get<OrderObject>(`/api/v2/orders/${id}`, { key: sandbox.key });
  assert.equal(answer.status, 200, answer.text);
  return answer.body;
}

async function readCustomer(id: string): Promise<CustomerObject> {
  const answer = await sandbox.get<CustomerObject>(`/api/v2/customers/${id}`, { key: sandbox.key });
  assert.equal(answer.status, 200, answer.text);
  return answer.body;
}

function authenticate(clientSecret: string, outcome: 'succeeded' | 'failed'): Promise<Answer> {
  return sandbox.post(`/sandbox/stripe/payment_intents/${paymentIntentOf(clientSecret)}/authenticate`, {
    json: { clientSecret, outcome },
  });
}

/** What the shared pricing code says is due today for `body` against the public session, at the sandbox's now. */
async function expectedAmountDue(checkoutId: string, body: Record<string, unknown>): Promise<number> {
  const session = publicCheckout.parse((await sandbox.readPublic(checkoutId)).body);
  const resolved = resolveSelections(session.products, body.selections as Selection[], String(body.currency));
  assert.ok(resolved.ok, 'the test body is a valid selection');
  return summarize(resolved.resolved, String(body.currency), sandbox.clock.now()).amountDueToday;
}

test('an anonymous checkout paid with a good card creates one customer and one order, and becomes completed', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const body = validCompleteBody(undefined, { customer: { name: 'Katherine Johnson', email: 'katherine@example.com' } });
  const paidAt = sandbox.clock.now().getTime();
  const result = succeeded(await sandbox.complete(checkout.id, body));
  assert.equal(result.checkoutId, checkout.id);
  assert.equal(result.currency, 'usd');
  assert.equal(result.amountDue, 4900 + 3 * 1200);
  assert.notEqual(result.customerId, 'cus_ada');
  assert.notEqual(result.customerId, 'cus_grace');
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });

  const customer = await readCustomer(result.customerId);
  assert.equal(customer.name, 'Katherine Johnson');
  assert.equal(customer.email, 'katherine@example.com');
  const order = await readOrder(result.orderId);
  assert.equal(order.customerId, result.customerId);
  assert.equal(order.status, 'active');
  assert.equal(order.currency, 'usd');
  assert.deepEqual(
    order.lines.map((line) => [line.productId, line.planId, line.quantity, line.interval, line.amount, line.currency]),
    [
      ['prod_analytics', 'plan_analytics_growth', 1, 'month', 4900, 'usd'],
      ['prod_seats', 'plan_seats_team', 3, 'month', 3600, 'usd'],
    ],
  );
  const line = order.lines[0]!;
  assert.ok(Math.abs(Date.parse(line.periodStart) - paidAt) < 5000, 'the period starts at payment');
  assert.equal(Date.parse(line.periodEnd), addInterval(new Date(line.periodStart), 'month').getTime());

  const read = await sandbox.readCheckout(checkout.id);
  assert.equal(read.status, 'completed');
  assert.equal(read.orderId, result.orderId);
  assert.equal(publicCheckout.parse((await sandbox.readPublic(checkout.id)).body).status, 'completed');
});

test('the amount due is priced by the server with the shared pricing code, for every price model', async () => {
  const cases: Array<{ products: string[]; selections: Array<{ productId: string; planId: string | null; quantity: number }>; currency: string; amount: number }> = [
    { products: ['prod_storage'], selections: [{ productId: 'prod_storage', planId: 'plan_storage_graduated', quantity: 150 }], currency: 'usd', amount: 100 * 10 + 50 * 8 },
    { products: ['prod_storage'], selections: [{ productId: 'prod_storage', planId: 'plan_storage_volume', quantity: 150 }], currency: 'usd', amount: 150 * 9 + 500 },
    { products: ['prod_storage'], selections: [{ productId: 'prod_storage', planId: 'plan_storage_graduated', quantity: 1200 }], currency: 'eur', amount: 100 * 9 + 900 * 7 + 200 * 4 },
    { products: ['prod_seats'], selections: [{ productId: 'prod_seats', planId: 'plan_seats_business', quantity: 7 }], currency: 'usd', amount: 0 },
    { products: ['prod_seats'], selections: [{ productId: 'prod_seats', planId: 'plan_seats_team', quantity: 50 }], currency: 'eur', amount: 50 * 1100 },
    { products: ['prod_api'], selections: [{ productId: 'prod_api', planId: 'plan_api_committed', quantity: 1 }], currency: 'usd', amount: 0 },
    { products: ['prod_support', 'prod_onboarding'], selections: [{ productId: 'prod_onboarding', planId: null, quantity: 1 }, { productId: 'prod_support', planId: null, quantity: 1 }], currency: 'usd', amount: 29900 + 49900 },
    { products: ['prod_analytics'], selections: [{ productId: 'prod_analytics', planId: 'plan_analytics_growth_yearly', quantity: 1 }], currency: 'eur', amount: 45000 },
  ];
  for (const { products, selections, currency, amount } of cases) {
    const label = `${selections.map((s) => `${s.planId ?? s.productId}×${s.quantity}`).join(' + ')} in ${currency}`;
    const checkout = await sandbox.createCheckout(validCreateBody({ products: products.map((id) => ({ id })) }));
    const body = validCompleteBody(products, { selections, currency });
    const expected = await expectedAmountDue(checkout.id, body);
    assert.equal(expected, amount, `${label}: the shared pricing code agrees with the hand-computed amount`);
    const result = succeeded(await sandbox.complete(checkout.id, body), label);
    assert.equal(result.amountDue, expected, label);
    assert.equal(result.currency, currency, label);
  }
});

test('a checkout for a known customer charges that customer and creates no customer, with no customer fields sent', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace' }));
  const before = await sandbox.counts();
  const result = succeeded(await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: undefined })));
  assert.equal(result.customerId, 'cus_grace');
  assert.equal((await readOrder(result.orderId)).customerId, 'cus_grace');
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1 });
  const grace = await readCustomer('cus_grace');
  assert.equal(grace.name, 'Grace Hopper');
  assert.equal(grace.email, 'grace@example.com');
});

test('a new externalCustomerId creates the customer on completion; a second checkout with it resolves to the same customer', async () => {
  const externalId = `ext_new_${Date.now()}`;
  const first = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId }));
  assert.equal(first.externalCustomerId, externalId);
  const before = await sandbox.counts();
  const firstResult = succeeded(
    await sandbox.complete(first.id, validCompleteBody(undefined, { customer: { name: 'Mary Jackson', email: 'mary@example.com' } })),
  );
  assert.equal((await sandbox.counts()).customers, before.customers + 1);
  const created = await readCustomer(firstResult.customerId);
  assert.equal(created.externalId, externalId);
  assert.equal(created.name, 'Mary Jackson');
  assert.equal(created.email, 'mary@example.com');

  const second = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId, products: [{ id: 'prod_storage' }] }));
  const session = publicCheckout.parse((await sandbox.readPublic(second.id)).body);
  assert.deepEqual(session.customer, { id: firstResult.customerId, name: 'Mary Jackson', email: 'mary@example.com' });
  const middle = await sandbox.counts();
  const secondResult = succeeded(await sandbox.complete(second.id, validCompleteBody(['prod_storage'], { customer: undefined })));
  assert.equal(secondResult.customerId, firstResult.customerId);
  assert.equal((await sandbox.counts()).customers, middle.customers, 'no second customer');
});

test('an existing externalCustomerId (ext_ada) resolves to cus_ada', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ externalCustomerId: 'ext_ada', products: [{ id: 'prod_seats' }] }));
  const before = await sandbox.counts();
  const result = succeeded(await sandbox.complete(checkout.id, validCompleteBody(['prod_seats'], { customer: undefined })));
  assert.equal(result.customerId, 'cus_ada');
  assert.equal((await sandbox.counts()).customers, before.customers);
});

test('an anonymous checkout completed without customer details is 400 on field customer and creates nothing', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const answer = await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: undefined }));
  assert.equal(answer.status, 400, answer.text);
  assert.equal(errorOf(answer).field, 'customer');
  assert.deepEqual(await sandbox.counts(), before);
});

const declines = [
  { outcome: 'insufficient_funds', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  { outcome: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
] as const;

for (const decline of declines) {
  test(`a ${decline.outcome} card is declined with 402 ${decline.declineCode}, nothing is created, and a new attempt with a new key succeeds`, async () => {
    const checkout = await sandbox.createCheckout();
    const before = await sandbox.counts();
    const answer = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmationToken: confirmationToken(decline.outcome) }));
    assert.equal(answer.status, 402, answer.text);
    assert.deepEqual(answer.body, { error: { code: 'card_declined', declineCode: decline.declineCode, message: decline.message } });
    assert.deepEqual(await sandbox.counts(), before);
    assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');
    assert.equal((await sandbox.readCheckout(checkout.id)).orderId, null);

    const retry = succeeded(await sandbox.complete(checkout.id, validCompleteBody()));
    assert.equal(retry.checkoutId, checkout.id);
    assert.equal((await sandbox.counts()).orders, before.orders + 1);
  });
}

test('a 3-D Secure card answers requires_action; finalize before the challenge is 409 requires_action; after it succeeds finalize creates the order', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmationToken: confirmationToken('threeds') }));
  assert.equal(started.status, 200, started.text);
  const action = paymentRequiresAction.parse(started.body);
  assert.match(action.clientSecret, /^pi_[0-9a-f]+_secret_[0-9a-f]+$/);
  assert.deepEqual(await sandbox.counts(), before, 'nothing is created before authentication');
  assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');

  const early = await sandbox.finalize(checkout.id);
  assert.equal(early.status, 409, early.text);
  assert.equal(errorOf(early).code, 'requires_action');

  const challenge = await authenticate(action.clientSecret, 'succeeded');
  assert.ok(challenge.status >= 200 && challenge.status < 300, `authenticate: ${challenge.status} ${challenge.text}`);
  assert.equal(challenge.headers['access-control-allow-origin'], '*');

  const result = succeeded(await sandbox.finalize(checkout.id), 'finalize');
  assert.equal(result.checkoutId, checkout.id);
  assert.equal(result.amountDue, 4900 + 3 * 1200);
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });
  const read = await sandbox.readCheckout(checkout.id);
  assert.equal(read.status, 'completed');
  assert.equal(read.orderId, result.orderId);

  const again = succeeded(await sandbox.finalize(checkout.id), 'finalize again with a new key');
  assert.deepEqual(again, result, 'finalizing a payment that already completed gives the same success');
  assert.equal((await sandbox.counts()).orders, before.orders + 1);
});

test('a failed 3-D Secure challenge makes finalize 402 authentication_failed, creates nothing, and clears the pending payment', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmationToken: confirmationToken('threeds') }));
  const action = paymentRequiresAction.parse(started.body);
  const challenge = await authenticate(action.clientSecret, 'failed');
  assert.ok(challenge.status >= 200 && challenge.status < 300, `authenticate: ${challenge.status} ${challenge.text}`);

  const failed = await sandbox.finalize(checkout.id);
  assert.equal(failed.status, 402, failed.text);
  assert.deepEqual(failed.body, {
    error: {
      code: 'authentication_failed',
      message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    },
  });
  assert.deepEqual(await sandbox.counts(), before);
  assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');

  const nothingPending = await sandbox.finalize(checkout.id);
  assert.equal(nothingPending.status, 409);
  assert.equal(errorOf(nothingPending).code, 'no_pending_payment');

  succeeded(await sandbox.complete(checkout.id, validCompleteBody()), 'a new attempt with a good card');
  assert.equal((await sandbox.counts()).orders, before.orders + 1);
});

test('a wrong client secret does not authenticate the payment', async () => {
  const checkout = await sandbox.createCheckout();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmationToken: confirmationToken('threeds') }));
  const { clientSecret } = paymentRequiresAction.parse(started.body);
  const pi = paymentIntentOf(clientSecret);
  const forged = await sandbox.post(`/sandbox/stripe/payment_intents/${pi}/authenticate`, {
    json: { clientSecret: `${pi}_secret_${'0'.repeat(24)}`, outcome: 'succeeded' },
  });
  assert.ok(forged.status >= 400 && forged.status < 500, `forged secret: ${forged.status}`);
  const finalize = await sandbox.finalize(checkout.id);
  assert.equal(finalize.status, 409);
  assert.equal(errorOf(finalize).code, 'requires_action');
});

test('finalize with no payment in progress is 409 no_pending_payment', async () => {
  const checkout = await sandbox.createCheckout();
  const answer = await sandbox.finalize(checkout.id);
  assert.equal(answer.status, 409, answer.text);
  assert.equal(errorOf(answer).code, 'no_pending_payment');
});

test('a single-use checkout pays once: a second complete with another key is 409 completed and creates nothing', async () => {
  const checkout = await sandbox.createCheckout();
  const first = succeeded(await sandbox.complete(checkout.id, validCompleteBody()));
  const before = await sandbox.counts();
  const second = await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { name: 'Other', email: 'other@example.com' } }));
  assert.equal(second.status, 409, second.text);
  assert.equal(errorOf(second).code, 'completed');
  assert.deepEqual(await sandbox.counts(), before);
  assert.equal((await sandbox.readCheckout(checkout.id)).orderId, first.orderId);
});

test('a reusable checkout (singleUse false) stays active and each payment creates its own order', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const before = await sandbox.counts();
  const first = succeeded(await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { name: 'One', email: 'one@example.com' } })));
  const second = succeeded(await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { name: 'Two', email: 'two@example.com' } })));
  assert.notEqual(first.orderId, second.orderId);
  assert.notEqual(first.customerId, second.customerId);
  assert.equal((await sandbox.counts()).orders, before.orders + 2);
  assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');
});

test('a checkout locked to eur refuses usd (400 currency) and charges the eur prices', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ currency: 'eur' }));
  const before = await sandbox.counts();
  const usd = await sandbox.complete(checkout.id, validCompleteBody(undefined, { currency: 'usd' }));
  assert.equal(usd.status, 400, usd.text);
  assert.equal(errorOf(usd).field, 'currency');
  assert.deepEqual(await sandbox.counts(), before);
  const eur = succeeded(await sandbox.complete(checkout.id, validCompleteBody(undefined, { currency: 'eur' })));
  assert.equal(eur.currency, 'eur');
  assert.equal(eur.amountDue, 4500 + 3 * 1100);
  const order = await readOrder(eur.orderId);
  assert.equal(order.currency, 'eur');
  for (const line of order.lines) assert.equal(line.currency, 'eur');
});

test('a checkout with a usd-only product refuses eur with 400 currency', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }, { id: 'prod_support' }] }));
  const answer = await sandbox.complete(checkout.id, validCompleteBody(['prod_analytics', 'prod_support'], { currency: 'eur' }));
  assert.equal(answer.status, 400, answer.text);
  assert.equal(errorOf(answer).field, 'currency');
});

test('quantities outside the price bounds are 400 on that selection quantity; the bounds themselves are accepted', async () => {
  const refused: Array<[string, string, number]> = [
    ['prod_seats', 'plan_seats_team', 51],
    ['prod_seats', 'plan_seats_business', 4],
    ['prod_seats', 'plan_seats_business', 501],
    ['prod_storage', 'plan_storage_graduated', 100_001],
    ['prod_analytics', 'plan_analytics_growth', 2],
    ['prod_api', 'plan_api_payg', 3],
  ];
  for (const [productId, planId, quantity] of refused) {
    const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: productId }] }));
    const before = await sandbox.counts();
    const answer = await sandbox.complete(checkout.id, validCompleteBody([productId], { selections: [{ productId, planId, quantity }] }));
    assert.equal(answer.status, 400, `${planId} × ${quantity}: ${answer.text}`);
    assert.equal(errorOf(answer).field, 'selections.0.quantity', `${planId} × ${quantity}`);
    assert.deepEqual(await sandbox.counts(), before);
  }
  const accepted: Array<[string, string, number]> = [
    ['prod_seats', 'plan_seats_team', 1],
    ['prod_seats', 'plan_seats_team', 50],
    ['prod_seats', 'plan_seats_business', 5],
    ['prod_seats', 'plan_seats_business', 500],
    ['prod_storage', 'plan_storage_volume', 100_000],
  ];
  for (const [productId, planId, quantity] of accepted) {
    const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: productId }] }));
    succeeded(await sandbox.complete(checkout.id, validCompleteBody([productId], { selections: [{ productId, planId, quantity }] })), `${planId} × ${quantity}`);
  }
});

test('the server never trusts an amount from the browser: any amount field is an unknown field (400), and nothing is created', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const base = validCompleteBody();
  const selections = base.selections as Array<Record<string, unknown>>;
  const tampered: Array<[Record<string, unknown>, string]> = [
    [{ ...base, amount: 1 }, 'amount'],
    [{ ...base, amountDue: 1 }, 'amountDue'],
    [{ ...base, total: 0 }, 'total'],
    [{ ...base, selections: [{ ...selections[0], amount: 1 }, selections[1]] }, 'selections.0.amount'],
    [{ ...base, selections: [selections[0], { ...selections[1], unitAmount: 1 }] }, 'selections.1.unitAmount'],
    [{ ...base, selections: [{ ...selections[0], price: { amount: 1 } }, selections[1]] }, 'selections.0.price'],
  ];
  for (const [body, field] of tampered) {
    const answer = await sandbox.complete(checkout.id, body);
    assert.equal(answer.status, 400, `${field}: ${answer.text}`);
    assert.equal(errorOf(answer).field, field);
  }
  assert.deepEqual(await sandbox.counts(), before);
  const honest = succeeded(await sandbox.complete(checkout.id, base));
  assert.equal(honest.amountDue, 4900 + 3 * 1200);
});

test('a selection for a product that has plans needs a plan of that product; a product without plans takes planId null', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }, { id: 'prod_support' }] }));
  const products = ['prod_analytics', 'prod_support'];
  const wrong: Array<[Array<{ productId: string; planId: string | null; quantity: number }>, string]> = [
    [[{ productId: 'prod_analytics', planId: null, quantity: 1 }, { productId: 'prod_support', planId: null, quantity: 1 }], 'selections.0.planId'],
    [[{ productId: 'prod_analytics', planId: 'plan_seats_team', quantity: 1 }, { productId: 'prod_support', planId: null, quantity: 1 }], 'selections.0.planId'],
    [[{ productId: 'prod_analytics', planId: 'plan_analytics_growth', quantity: 1 }, { productId: 'prod_support', planId: 'plan_analytics_growth', quantity: 1 }], 'selections.1.planId'],
  ];
  for (const [selections, field] of wrong) {
    const answer = await sandbox.complete(checkout.id, validCompleteBody(products, { selections }));
    assert.equal(answer.status, 400, answer.text);
    assert.equal(errorOf(answer).field, field);
  }
  const result = succeeded(await sandbox.complete(checkout.id, validCompleteBody(products)));
  assert.equal(result.amountDue, 4900 + 29900);
});

test('customer details sent for a checkout that already has a customer change nothing about that customer', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace', products: [{ id: 'prod_storage' }] }));
  const before = await sandbox.counts();
  const result = succeeded(
    await sandbox.complete(checkout.id, validCompleteBody(['prod_storage'], { customer: { name: 'Mallory', email: 'mallory@evil.example' } })),
  );
  assert.equal(result.customerId, 'cus_grace');
  const grace = await readCustomer('cus_grace');
  assert.equal(grace.name, 'Grace Hopper');
  assert.equal(grace.email, 'grace@example.com');
  assert.equal((await sandbox.counts()).customers, before.customers);
});

test('two checkouts made for the same new externalCustomerId before either is paid end with one customer', async () => {
  const externalId = `ext_pair_${Date.now()}`;
  const first = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId }));
  const second = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId, products: [{ id: 'prod_storage' }] }));
  const before = await sandbox.counts();
  const one = succeeded(await sandbox.complete(first.id, validCompleteBody(undefined, { customer: { name: 'Dorothy Vaughan', email: 'dorothy@example.com' } })));
  const two = succeeded(
    await sandbox.complete(second.id, validCompleteBody(['prod_storage'], { customer: { name: 'Dorothy Vaughan', email: 'dorothy@example.com' } })),
  );
  assert.equal(two.customerId, one.customerId);
  assert.equal((await sandbox.counts()).customers, before.customers + 1);
});

test('ten checkouts for one new externalCustomerId paid at the same instant create one customer; the first buys, the rest are no_change', async () => {
  const externalId = `ext_burst_${Date.now()}`;
  const checkouts = await Promise.all(Array.from({ length: 10 }, () => sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId }))));
  const before = await sandbox.counts();
  const answers = await Promise.all(
    checkouts.map((checkout) => sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { name: 'Annie Easley', email: 'annie@example.com' } }))),
  );
  const paid = answers.filter((answer) => answer.status === 200);
  assert.equal(paid.length, 1, answers.map((answer) => answer.status).join(','));
  for (const answer of answers.filter((candidate) => candidate.status !== 200)) {
    assert.equal(answer.status, 409, answer.text);
    assert.equal(errorOf(answer).code, 'no_change', 'the customer the first created already has these plans');
  }
  assert.deepEqual(await sandbox.counts(), { ...before, customers: before.customers + 1, orders: before.orders + 1 });
  assert.equal((await readCustomer(succeeded(paid[0]!).customerId)).externalId, externalId);
});

test('finalize needs an Idempotency-Key and takes no body fields', async () => {
  const checkout = await sandbox.createCheckout();
  const path = `/api/public/checkout/${checkout.id}/finalize`;
  const noKey = await sandbox.post(path, { json: {} });
  assert.equal(noKey.status, 400);
  assert.equal(errorOf(noKey).field, 'Idempotency-Key');
  const withField = await sandbox.post(path, { json: { amount: 1 }, headers: { 'idempotency-key': newIdempotencyKey() } });
  assert.equal(withField.status, 400);
  assert.equal(errorOf(withField).field, 'amount');
});

test('20 simultaneous finalizes of one authenticated 3-D Secure payment create exactly one order and all succeed alike', async () => {
  const checkout = await sandbox.createCheckout();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmationToken: confirmationToken('threeds') }));
  const { clientSecret } = paymentRequiresAction.parse(started.body);
  await authenticate(clientSecret, 'succeeded');
  const before = await sandbox.counts();
  const answers = await Promise.all(Array.from({ length: 20 }, () => sandbox.finalize(checkout.id)));
  const results = answers.map((answer) => succeeded(answer, 'finalize'));
  for (const result of results) assert.deepEqual(result, results[0]);
  assert.equal((await sandbox.counts()).orders, before.orders + 1);
});

test('while a 3-D Secure payment is pending, a complete with a good card pays, and the stale challenge cannot pay again', async () => {
  const checkout = await sandbox.createCheckout();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmationToken: confirmationToken('threeds') }));
  const { clientSecret } = paymentRequiresAction.parse(started.body);
  const before = await sandbox.counts();
  const paid = succeeded(await sandbox.complete(checkout.id, validCompleteBody()));
  await authenticate(clientSecret, 'succeeded');
  const finalize = await sandbox.finalize(checkout.id);
  assert.notEqual(finalize.status, 200, `a second payment must not go through: ${finalize.text}`);
  assert.equal((await sandbox.counts()).orders, before.orders + 1);
  assert.equal((await sandbox.readCheckout(checkout.id)).orderId, paid.orderId);
});
