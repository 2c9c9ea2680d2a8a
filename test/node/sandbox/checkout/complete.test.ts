// Paying a checkout over HTTP: the order and customer it creates, declines, 3-D Secure,
// single use, currency and quantity rules, and prices computed by the server alone.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { publicCheckout, type Selection } from '../../../../src/api/schemas.ts';
import { addInterval } from '../../../../src/pricing/interval.ts';
import { resolveSelections } from '../../../../src/pricing/selection.ts';
import { summarize } from '../../../../src/pricing/summary.ts';
import {
  confirmationToken,
  errorOf,
  requiresActionOf,
  selection,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type WireSelection,
} from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

/** A wire selection line in the pricing module's terms. */
function pricingSelection(line: WireSelection): Selection {
  return { productId: line.product_id, planId: line.plan_id, quantity: line.quantity };
}

/** What the shared pricing code says is due today for `body` against the public session, at the sandbox's now. */
async function expectedAmountDue(checkoutId: string, body: Record<string, unknown>): Promise<number> {
  const session = publicCheckout.parse((await sandbox.readPublic(checkoutId)).body);
  const resolved = resolveSelections(session.products, (body.selections as WireSelection[]).map(pricingSelection), String(body.currency));
  assert.ok(resolved.ok, 'the test body is a valid selection');
  return summarize(resolved.resolved, String(body.currency), sandbox.clock.now()).amountDueToday;
}

test('an anonymous checkout paid with a good card creates one customer and one order, and becomes completed', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const body = validCompleteBody(undefined, { customer: { name: 'Katherine Johnson', email: 'katherine@example.com' } });
  const paidAt = sandbox.clock.now().getTime();
  const result = succeededOf(await sandbox.complete(checkout.id, body));
  assert.equal(result.checkout_id, checkout.id);
  assert.equal(result.currency, 'usd');
  assert.equal(result.amount_due, 4900 + 3 * 1200);
  assert.equal(result.redirect_url, `https://shop.example/thanks?checkout=${checkout.id}`, "the checkout's successUrl with its id");
  assert.notEqual(result.customer_id, 'cus_ada');
  assert.notEqual(result.customer_id, 'cus_grace');
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });

  const customer = await sandbox.readCustomer(result.customer_id);
  assert.equal(customer.name, 'Katherine Johnson');
  assert.equal(customer.email, 'katherine@example.com');
  const order = await sandbox.readOrder(result.order_id);
  assert.equal(order.customerId, result.customer_id);
  assert.equal(order.status, 'active');
  assert.equal(order.currency, 'USD', "Paid's objects write currencies in upper case");
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
  assert.equal(read.orderId, result.order_id);
  assert.equal(publicCheckout.parse((await sandbox.readPublic(checkout.id)).body).status, 'completed');
});

test('the amount due is priced by the server with the shared pricing code, for every price model', async () => {
  const cases: Array<{ products: string[]; selections: WireSelection[]; currency: string; amount: number }> = [
    { products: ['prod_storage'], selections: [selection('prod_storage', 'plan_storage_graduated', 150)], currency: 'usd', amount: 100 * 10 + 50 * 8 },
    { products: ['prod_storage'], selections: [selection('prod_storage', 'plan_storage_volume', 150)], currency: 'usd', amount: 150 * 9 + 500 },
    { products: ['prod_storage'], selections: [selection('prod_storage', 'plan_storage_graduated', 1200)], currency: 'eur', amount: 100 * 9 + 900 * 7 + 200 * 4 },
    { products: ['prod_seats'], selections: [selection('prod_seats', 'plan_seats_business', 7)], currency: 'usd', amount: 0 },
    { products: ['prod_seats'], selections: [selection('prod_seats', 'plan_seats_team', 50)], currency: 'eur', amount: 50 * 1100 },
    { products: ['prod_api'], selections: [selection('prod_api', 'plan_api_committed', 1)], currency: 'usd', amount: 0 },
    { products: ['prod_support', 'prod_onboarding'], selections: [selection('prod_onboarding', null, 1), selection('prod_support', null, 1)], currency: 'usd', amount: 29900 + 49900 },
    { products: ['prod_analytics'], selections: [selection('prod_analytics', 'plan_analytics_growth_yearly', 1)], currency: 'eur', amount: 45000 },
  ];
  for (const { products, selections, currency, amount } of cases) {
    const label = `${selections.map((line) => `${line.plan_id ?? line.product_id}×${line.quantity}`).join(' + ')} in ${currency}`;
    const checkout = await sandbox.createCheckout(validCreateBody({ products: products.map((id) => ({ id })) }));
    const body = validCompleteBody(products, { selections, currency });
    const expected = await expectedAmountDue(checkout.id, body);
    assert.equal(expected, amount, `${label}: the shared pricing code agrees with the hand-computed amount`);
    const result = succeededOf(await sandbox.complete(checkout.id, body), label);
    assert.equal(result.amount_due, expected, label);
    assert.equal(result.currency, currency, label);
  }
});

test('a checkout for a known customer charges that customer and creates no customer, with no customer fields sent', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace' }));
  const before = await sandbox.counts();
  const result = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: undefined })));
  assert.equal(result.customer_id, 'cus_grace');
  assert.equal((await sandbox.readOrder(result.order_id)).customerId, 'cus_grace');
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1 });
  const grace = await sandbox.readCustomer('cus_grace');
  assert.equal(grace.name, 'Grace Hopper');
  assert.equal(grace.email, 'grace@example.com');
});

test('a new externalCustomerId creates the customer on completion; a second checkout with it resolves to the same customer', async () => {
  const externalId = `ext_new_${Date.now()}`;
  const first = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId }));
  assert.equal(first.externalCustomerId, externalId);
  const before = await sandbox.counts();
  const firstResult = succeededOf(
    await sandbox.complete(first.id, validCompleteBody(undefined, { customer: { name: 'Mary Jackson', email: 'mary@example.com' } })),
  );
  assert.equal((await sandbox.counts()).customers, before.customers + 1);
  const created = await sandbox.readCustomer(firstResult.customer_id);
  assert.equal(created.externalId, externalId);
  assert.equal(created.name, 'Mary Jackson');
  assert.equal(created.email, 'mary@example.com');

  const second = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId, products: [{ id: 'prod_storage' }] }));
  const session = publicCheckout.parse((await sandbox.readPublic(second.id)).body);
  assert.deepEqual(session.customer, { id: firstResult.customer_id, name: 'Mary Jackson', email: 'mary@example.com' });
  const middle = await sandbox.counts();
  const secondResult = succeededOf(await sandbox.complete(second.id, validCompleteBody(['prod_storage'], { customer: undefined })));
  assert.equal(secondResult.customer_id, firstResult.customer_id);
  assert.equal((await sandbox.counts()).customers, middle.customers, 'no second customer');
});

test('an existing externalCustomerId (ext_ada) resolves to cus_ada', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ externalCustomerId: 'ext_ada', products: [{ id: 'prod_seats' }] }));
  const before = await sandbox.counts();
  const result = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(['prod_seats'], { customer: undefined })));
  assert.equal(result.customer_id, 'cus_ada');
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
  test(`a ${decline.outcome} card is declined with 402 ${decline.declineCode}, nothing is created, and a new attempt with a new confirmation token succeeds`, async () => {
    const checkout = await sandbox.createCheckout();
    const before = await sandbox.counts();
    const answer = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken(decline.outcome) }));
    assert.equal(answer.status, 402, answer.text);
    assert.deepEqual(answer.body, { error: decline.message, code: 'card_declined', declineCode: decline.declineCode });
    assert.deepEqual(await sandbox.counts(), before);
    assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');
    assert.equal((await sandbox.readCheckout(checkout.id)).orderId, null);

    const retry = succeededOf(await sandbox.complete(checkout.id, validCompleteBody()));
    assert.equal(retry.checkout_id, checkout.id);
    assert.equal((await sandbox.counts()).orders, before.orders + 1);
  });
}

test('a 3-D Secure card answers requires_action; finalize before the challenge is 409 requires_action; the challenge passed makes the order, which finalize answers', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') }));
  assert.equal(started.status, 200, started.text);
  const action = requiresActionOf(started);
  assert.equal(action.checkout_id, checkout.id);
  assert.equal(action.amount_due, 4900 + 3 * 1200, 'the amount the challenge is for');
  assert.equal(action.currency, 'usd');
  assert.deepEqual(await sandbox.counts(), before, 'nothing is created before authentication');
  assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');

  const early = await sandbox.finalize(checkout.id);
  assert.equal(early.status, 409, early.text);
  assert.equal(errorOf(early).code, 'requires_action');

  const challenge = await sandbox.authenticate(action.payment_intent.client_secret, 'succeeded');
  assert.ok(challenge.status >= 200 && challenge.status < 300, `authenticate: ${challenge.status} ${challenge.text}`);
  assert.equal(challenge.headers['access-control-allow-origin'], '*');
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 }, 'made when the bank confirmed');

  const result = succeededOf(await sandbox.finalize(checkout.id), 'finalize');
  assert.equal(result.checkout_id, checkout.id);
  assert.equal(result.payment_intent.id, action.payment_intent.id, 'the payment that was authenticated');
  assert.equal(result.amount_due, 4900 + 3 * 1200);
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });
  const read = await sandbox.readCheckout(checkout.id);
  assert.equal(read.status, 'completed');
  assert.equal(read.orderId, result.order_id);

  const again = succeededOf(await sandbox.finalize(checkout.id), 'finalize again');
  assert.deepEqual(again, result, 'finalizing a payment that already completed gives the same success');
  assert.equal((await sandbox.counts()).orders, before.orders + 1);
});

test('a failed 3-D Secure challenge makes finalize 402 authentication_failed, creates nothing, answers the same again, and frees the checkout', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') }));
  const action = requiresActionOf(started);
  const challenge = await sandbox.authenticate(action.payment_intent.client_secret, 'failed');
  assert.ok(challenge.status >= 200 && challenge.status < 300, `authenticate: ${challenge.status} ${challenge.text}`);

  const failed = await sandbox.finalize(checkout.id);
  assert.equal(failed.status, 402, failed.text);
  assert.deepEqual(failed.body, {
    error: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    code: 'authentication_failed',
  });
  assert.deepEqual(await sandbox.counts(), before);
  assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');

  const again = await sandbox.finalize(checkout.id);
  assert.equal(again.status, 402, 'the failed payment answers the same: it is settled as failed, nothing else is finalized');
  assert.equal(errorOf(again).code, 'authentication_failed');

  succeededOf(await sandbox.complete(checkout.id, validCompleteBody()), 'a new attempt with a good card');
  assert.equal((await sandbox.counts()).orders, before.orders + 1);
});

test('a wrong client secret does not authenticate the payment', async () => {
  const checkout = await sandbox.createCheckout();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') }));
  const pi = requiresActionOf(started).payment_intent.id;
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

test('a single-use checkout pays once: a second complete with another confirmation token is 409 completed and creates nothing', async () => {
  const checkout = await sandbox.createCheckout();
  const first = succeededOf(await sandbox.complete(checkout.id, validCompleteBody()));
  const before = await sandbox.counts();
  const second = await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { name: 'Other', email: 'other@example.com' } }));
  assert.equal(second.status, 409, second.text);
  assert.equal(errorOf(second).code, 'completed');
  assert.deepEqual(await sandbox.counts(), before);
  assert.equal((await sandbox.readCheckout(checkout.id)).orderId, first.order_id);
});

test('a reusable checkout (singleUse false) stays active and each payment creates its own order', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const before = await sandbox.counts();
  const first = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { name: 'One', email: 'one@example.com' } })));
  const second = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { name: 'Two', email: 'two@example.com' } })));
  assert.notEqual(first.order_id, second.order_id);
  assert.notEqual(first.customer_id, second.customer_id);
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
  const eur = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { currency: 'eur' })));
  assert.equal(eur.currency, 'eur');
  assert.equal(eur.amount_due, 4500 + 3 * 1100);
  const order = await sandbox.readOrder(eur.order_id);
  assert.equal(order.currency, 'EUR');
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
    const answer = await sandbox.complete(checkout.id, validCompleteBody([productId], { selections: [selection(productId, planId, quantity)] }));
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
    succeededOf(await sandbox.complete(checkout.id, validCompleteBody([productId], { selections: [selection(productId, planId, quantity)] })), `${planId} × ${quantity}`);
  }
});

test('the server never trusts an amount from the browser: an amount_due other than its price is refused (409 amount_changed, carrying the price), and any other amount field is an unknown field (400)', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const base = validCompleteBody();
  const selections = base.selections as Array<Record<string, unknown>>;
  const tampered: Array<[Record<string, unknown>, string]> = [
    [{ ...base, amount: 1 }, 'amount'],
    [{ ...base, amountDue: 1 }, 'amountDue'],
    [{ ...base, total: 0 }, 'total'],
    [{ ...base, amount_due: -1 }, 'amount_due'],
    [{ ...base, amount_due: 0.5 }, 'amount_due'],
    [{ ...base, amount_due: '8500' }, 'amount_due'],
    [{ ...base, selections: [{ ...selections[0], amount: 1 }, selections[1]] }, 'selections.0.amount'],
    [{ ...base, selections: [{ ...selections[0], amount_due: 1 }, selections[1]] }, 'selections.0.amount_due'],
    [{ ...base, selections: [selections[0], { ...selections[1], unitAmount: 1 }] }, 'selections.1.unitAmount'],
    [{ ...base, selections: [{ ...selections[0], price: { amount: 1 } }, selections[1]] }, 'selections.0.price'],
  ];
  for (const [body, field] of tampered) {
    const answer = await sandbox.complete(checkout.id, body);
    assert.equal(answer.status, 400, `${field}: ${answer.text}`);
    assert.equal(errorOf(answer).field, field);
  }
  assert.deepEqual(await sandbox.counts(), before);
  const lowball = await sandbox.complete(checkout.id, { ...base, amount_due: 1 });
  assert.equal(lowball.status, 409, lowball.text);
  assert.equal(errorOf(lowball).code, 'amount_changed');
  assert.equal((lowball.body as { amountDue: number }).amountDue, 4900 + 3 * 1200, 'the answer carries the price, for the customer to confirm');
  assert.deepEqual(await sandbox.counts(), before, 'nothing charged');
  const confirmed = succeededOf(await sandbox.complete(checkout.id, { ...base, confirmation_token: confirmationToken('succeeds'), amount_due: 4900 + 3 * 1200 }));
  const order = await sandbox.readOrder(confirmed.order_id);
  assert.deepEqual(order.lines.map((line) => line.amount), [4900, 3600]);
});

test("Paid's own body, { confirmation_token, return_url } alone, pays a checkout whose customer is known and whose products each have one choice", async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace', products: [{ id: 'prod_support' }, { id: 'prod_onboarding' }] }));
  const before = await sandbox.counts();
  const body = { confirmation_token: confirmationToken('succeeds'), return_url: 'https://shop.example/checkout/return' };
  const result = succeededOf(await sandbox.complete(checkout.id, body));
  assert.equal(result.customer_id, 'cus_grace');
  assert.equal(result.currency, 'usd');
  assert.equal(result.amount_due, 29900 + 49900);
  const order = await sandbox.readOrder(result.order_id);
  assert.deepEqual(
    order.lines.map((line) => [line.productId, line.planId, line.quantity]),
    [
      ['prod_support', null, 1],
      ['prod_onboarding', null, 1],
    ],
  );
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1 });
});

test('without selections a product with exactly one plan is bought on that plan at its smallest quantity', async () => {
  const created = await sandbox.post<{ id: string; plans: Array<{ id: string }> }>('/api/v2/products', {
    key: sandbox.key,
    json: {
      name: 'Build minutes',
      plans: [{ name: 'Metered', prices: [{ currency: 'usd', model: 'per_unit', amount: 300, interval: 'month', minQuantity: 4, maxQuantity: 40 }] }],
    },
  });
  assert.equal(created.status, 201, `private API, create product: ${created.text}`);
  const product = created.body;
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: product.id }] }));
  const result = succeededOf(await sandbox.complete(checkout.id, validCompleteBody([], { selections: undefined })));
  assert.equal(result.amount_due, 4 * 300);
  const order = await sandbox.readOrder(result.order_id);
  assert.deepEqual(order.lines.map((line) => [line.productId, line.planId, line.quantity]), [[product.id, product.plans[0]?.id, 4]]);
});

test('without selections a product with several plans is 400 on selections (the buyer must choose) and nothing is created', async () => {
  for (const products of [['prod_analytics'], ['prod_support', 'prod_seats']]) {
    const checkout = await sandbox.createCheckout(validCreateBody({ products: products.map((id) => ({ id })) }));
    const before = await sandbox.counts();
    const answer = await sandbox.complete(checkout.id, validCompleteBody(products, { selections: undefined }));
    assert.equal(answer.status, 400, `${products.join(', ')}: ${answer.text}`);
    assert.equal(errorOf(answer).code, 'validation_error');
    assert.equal(errorOf(answer).field, 'selections', products.join(', '));
    assert.deepEqual(await sandbox.counts(), before);
    assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');
  }
});

test("without currency the checkout's default currency is charged; a currency in any case is read as lowercase", async () => {
  const open = await sandbox.createCheckout();
  const session = publicCheckout.parse((await sandbox.readPublic(open.id)).body);
  const byDefault = succeededOf(await sandbox.complete(open.id, validCompleteBody(undefined, { currency: undefined })));
  assert.equal(byDefault.currency, session.currency, "the public read's currency");
  assert.equal(byDefault.amount_due, await expectedAmountDue(open.id, validCompleteBody(undefined, { currency: session.currency })));

  const locked = await sandbox.createCheckout(validCreateBody({ currency: 'eur' }));
  const lockedResult = succeededOf(await sandbox.complete(locked.id, validCompleteBody(undefined, { currency: undefined })));
  assert.equal(lockedResult.currency, 'eur', 'a locked checkout defaults to its currency');
  assert.equal(lockedResult.amount_due, 4500 + 3 * 1100);

  for (const written of ['EUR', 'Eur']) {
    const checkout = await sandbox.createCheckout();
    const result = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { currency: written })), written);
    assert.equal(result.currency, 'eur', written);
    assert.equal(result.amount_due, 4500 + 3 * 1100, written);
  }
});

test('a selection for a product that has plans needs a plan of that product; a product without plans takes plan_id null', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }, { id: 'prod_support' }] }));
  const products = ['prod_analytics', 'prod_support'];
  const wrong: Array<[WireSelection[], string]> = [
    [[selection('prod_analytics', null), selection('prod_support', null)], 'selections.0.plan_id'],
    [[selection('prod_analytics', 'plan_seats_team'), selection('prod_support', null)], 'selections.0.plan_id'],
    [[selection('prod_analytics', 'plan_analytics_growth'), selection('prod_support', 'plan_analytics_growth')], 'selections.1.plan_id'],
  ];
  for (const [selections, field] of wrong) {
    const answer = await sandbox.complete(checkout.id, validCompleteBody(products, { selections }));
    assert.equal(answer.status, 400, answer.text);
    assert.equal(errorOf(answer).field, field);
  }
  const result = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(products)));
  assert.equal(result.amount_due, 4900 + 29900);
});

test('customer details sent for a checkout that already has a customer change nothing about that customer', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace', products: [{ id: 'prod_storage' }] }));
  const before = await sandbox.counts();
  const result = succeededOf(
    await sandbox.complete(checkout.id, validCompleteBody(['prod_storage'], { customer: { name: 'Mallory', email: 'mallory@evil.example' } })),
  );
  assert.equal(result.customer_id, 'cus_grace');
  const grace = await sandbox.readCustomer('cus_grace');
  assert.equal(grace.name, 'Grace Hopper');
  assert.equal(grace.email, 'grace@example.com');
  assert.equal((await sandbox.counts()).customers, before.customers);
});

test('two checkouts made for the same new externalCustomerId before either is paid end with one customer', async () => {
  const externalId = `ext_pair_${Date.now()}`;
  const first = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId }));
  const second = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId, products: [{ id: 'prod_storage' }] }));
  const before = await sandbox.counts();
  const one = succeededOf(await sandbox.complete(first.id, validCompleteBody(undefined, { customer: { name: 'Dorothy Vaughan', email: 'dorothy@example.com' } })));
  const two = succeededOf(
    await sandbox.complete(second.id, validCompleteBody(['prod_storage'], { customer: { name: 'Dorothy Vaughan', email: 'dorothy@example.com' } })),
  );
  assert.equal(two.customer_id, one.customer_id);
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
  assert.equal((await sandbox.readCustomer(succeededOf(paid[0]!).customer_id)).externalId, externalId);
});

test('finalize runs without an Idempotency-Key or a body, refuses a malformed key, and takes no body field but payment_intent_id', async () => {
  const checkout = await sandbox.createCheckout();
  const path = `/api/public/checkout/${checkout.id}/finalize`;
  const noKey = await sandbox.post(path, { json: {} });
  assert.equal(noKey.status, 409, noKey.text);
  assert.equal(errorOf(noKey).code, 'no_pending_payment', 'it ran: there is nothing to finalize');
  const noBody = await sandbox.post(path);
  assert.equal(noBody.status, 409, noBody.text);
  assert.equal(errorOf(noBody).code, 'no_pending_payment');
  const badKey = await sandbox.post(path, { json: {}, headers: { 'idempotency-key': 'key with spaces' } });
  assert.equal(badKey.status, 400, badKey.text);
  assert.equal(errorOf(badKey).field, 'Idempotency-Key');
  const refused: Array<[Record<string, unknown>, string]> = [
    [{ amount: 1 }, 'amount'],
    [{ paymentIntentId: 'pi_0000' }, 'paymentIntentId'],
    [{ payment_intent_id: 42 }, 'payment_intent_id'],
    [{ payment_intent_id: '' }, 'payment_intent_id'],
  ];
  for (const [body, field] of refused) {
    const answer = await sandbox.finalize(checkout.id, { body });
    assert.equal(answer.status, 400, `${field}: ${answer.text}`);
    assert.equal(errorOf(answer).field, field);
  }
});

test("finalize with payment_intent_id answers that payment; another checkout's payment, or one never made, is 404 and changes nothing", async () => {
  const checkout = await sandbox.createCheckout();
  const other = await sandbox.createCheckout();
  const mine = requiresActionOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') })));
  const theirs = requiresActionOf(await sandbox.complete(other.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') })));
  await sandbox.authenticate(mine.payment_intent.client_secret, 'succeeded');
  await sandbox.authenticate(theirs.payment_intent.client_secret, 'succeeded');
  const before = await sandbox.counts();
  const otherBefore = await sandbox.readCheckout(other.id);
  for (const [label, id] of [["another checkout's payment", theirs.payment_intent.id], ['a payment never made', 'pi_000000000000000000000000']] as const) {
    const answer = await sandbox.finalize(checkout.id, { body: { payment_intent_id: id } });
    assert.equal(answer.status, 404, `${label}: ${answer.text}`);
    assert.equal(errorOf(answer).code, 'not_found', label);
    assert.doesNotMatch(answer.text, /ord_|cus_/, `${label}: the answer names no order or customer`);
  }
  assert.deepEqual(await sandbox.counts(), before, 'nothing was paid');
  assert.deepEqual(await sandbox.readCheckout(other.id), otherBefore, 'the other checkout is untouched');
  const result = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: mine.payment_intent.id } }), 'finalize mine');
  assert.equal(result.payment_intent.id, mine.payment_intent.id);
  assert.equal(result.checkout_id, checkout.id);
  const again = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: mine.payment_intent.id } }), 'finalize mine again');
  assert.deepEqual(again, result, 'the finalized payment answers the same success');
  assert.equal((await sandbox.counts()).orders, before.orders, 'the order was made when the bank confirmed; finalize makes none');
});

test('20 simultaneous finalizes of one authenticated 3-D Secure payment all answer its one order alike', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') }));
  await sandbox.authenticate(requiresActionOf(started).payment_intent.client_secret, 'succeeded');
  const answers = await Promise.all(Array.from({ length: 20 }, () => sandbox.finalize(checkout.id)));
  const results = answers.map((answer) => succeededOf(answer, 'finalize'));
  for (const result of results) assert.deepEqual(result, results[0]);
  assert.equal((await sandbox.counts()).orders, before.orders + 1);
});

test('while a 3-D Secure payment is pending, its buyer can pay with another card instead, and the stale challenge cannot pay again', async () => {
  const checkout = await sandbox.createCheckout();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') }));
  const stale = requiresActionOf(started);
  const before = await sandbox.counts();
  const paid = succeededOf(
    await sandbox.complete(checkout.id, validCompleteBody(undefined, { replaces_payment_intent_id: stale.payment_intent.id })),
  );
  // The replaced payment was cancelled: its challenge, answered late, cannot charge.
  assert.equal((await sandbox.authenticate(stale.payment_intent.client_secret, 'succeeded')).status, 409);
  const named = await sandbox.finalize(checkout.id, { body: { payment_intent_id: stale.payment_intent.id } });
  assert.equal(named.status, 402, `the stale payment does not go through: ${named.text}`);
  assert.equal((await sandbox.counts()).orders, before.orders + 1);
  assert.equal((await sandbox.readCheckout(checkout.id)).orderId, paid.order_id);
});
