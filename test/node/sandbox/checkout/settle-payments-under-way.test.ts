// A payment under way belongs to that payment, not to the checkout: two buyers in 3-D Secure on
// one reusable link each get their own order; a payment the bank confirmed is honoured (the
// order is made) or, where it no longer can be, refunded and the buyer told; it is priced again
// when the bank confirms it and never charged a stale amount.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  confirmationToken,
  errorOf,
  requiresActionOf,
  selection,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  withClockAhead,
} from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const buyer = (name: string) => ({ name, email: `${name.toLowerCase()}@example.com` });
const threeDsFor = (name: string) => validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds'), customer: buyer(name) });

interface CheckoutRead {
  status: string;
  orderId: string | null;
  refunds: Array<{ paymentIntentId: string; amount: number; currency: string; reason: string }>;
}

test('two buyers in 3-D Secure on one reusable link each get their own order, for themselves; neither finalize reveals the other', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const ada = requiresActionOf(await sandbox.complete(checkout.id, threeDsFor('Ada')));
  const bob = requiresActionOf(await sandbox.complete(checkout.id, threeDsFor('Bob')));
  await sandbox.authenticate(ada.payment_intent.client_secret, 'succeeded');
  await sandbox.authenticate(bob.payment_intent.client_secret, 'succeeded');

  const anonymous = await sandbox.finalize(checkout.id);
  assert.equal(anonymous.status, 409, anonymous.text);
  assert.equal(errorOf(anonymous).code, 'payment_intent_required', 'a finalize naming no payment, with no payment cookie, on a reusable link guesses nobody');

  const adaPaid = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: ada.payment_intent.id } }));
  const bobPaid = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: bob.payment_intent.id } }));
  assert.notEqual(adaPaid.order_id, bobPaid.order_id);
  const customerOf = async (id: string) => (await sandbox.get<{ email: string }>(`/api/v2/customers/${id}`, { key: sandbox.key })).body.email;
  assert.equal(await customerOf(adaPaid.customer_id), 'ada@example.com');
  assert.equal(await customerOf(bobPaid.customer_id), 'bob@example.com');
  // Again: each answers its own payment, never the other's.
  const adaAgain = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: ada.payment_intent.id } }));
  assert.equal(adaAgain.order_id, adaPaid.order_id);
});

test('a payment the bank confirms after its checkout expired is honoured (it started while the checkout was open): the order is made', async () => {
  const checkout = await sandbox.createCheckout();
  const started = requiresActionOf(await sandbox.complete(checkout.id, threeDsFor('Ada')));
  await withClockAhead(sandbox, 25 * 3_600_000, async () => {
    assert.equal((await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded')).status, 200);
    const paid = succeededOf(await sandbox.finalize(checkout.id));
    assert.equal(paid.amount_due, started.amount_due);
    assert.equal((await sandbox.readCheckout(checkout.id)).orderId, paid.order_id);
  });
});

test('a confirmed payment is priced again: when the subscription changed while the bank was confirming, the stale amount is not charged (refunded, 409 payment_refunded)', async () => {
  // Ada's Starter plan; one checkout to Growth waits in 3-D Secure while another moves her to Scale.
  const adaCheckout = () => sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }], customerId: 'cus_ada' }));
  const first = await adaCheckout();
  const started = requiresActionOf(
    await sandbox.complete(first.id, {
      ...validCompleteBody(['prod_analytics'], { confirmation_token: confirmationToken('threeds'), customer: undefined }),
      selections: [selection('prod_analytics', 'plan_analytics_growth', 1)],
    }),
  );
  const second = await adaCheckout();
  succeededOf(
    await sandbox.complete(second.id, {
      ...validCompleteBody(['prod_analytics'], { customer: undefined }),
      selections: [selection('prod_analytics', 'plan_analytics_scale', 1)],
    }),
  );
  await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded');

  const answer = await sandbox.finalize(first.id, { body: { payment_intent_id: started.payment_intent.id } });
  assert.equal(answer.status, 409, answer.text);
  assert.equal(errorOf(answer).code, 'payment_refunded');
  assert.equal((answer.body as { refundReason: string }).refundReason, 'amount_changed');
  const read = (await sandbox.get<CheckoutRead>(`/api/v2/checkouts/${first.id}`, { key: sandbox.key })).body;
  assert.equal(read.orderId, null, 'no order from the stale price');
  assert.deepEqual(read.refunds.map((item) => item.reason), ['amount_changed']);
});

/** A new customer on Analytics Starter (bought through a checkout now); checkouts to upgrade them to Scale, made when asked. */
async function upgradeOfNewSubscriber() {
  const customer = (await sandbox.post<{ id: string }>('/api/v2/customers', { key: sandbox.key, json: { name: 'Quote Tester', email: 'quote@example.com' } })).body;
  const forCustomer = () => sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }], customerId: customer.id }));
  const pick = (planId: string, extra: Record<string, unknown> = {}) => ({
    ...validCompleteBody(['prod_analytics'], { customer: undefined, ...extra }),
    selections: [selection('prod_analytics', planId, 1)],
  });
  succeededOf(await sandbox.complete((await forCustomer()).id, pick('plan_analytics_starter')));
  // Scale: 80.00 a month more, so the proration moves by more than a cent in 14 minutes, whatever the second.
  return { newCheckout: forCustomer, body: (extra: Record<string, unknown> = {}) => pick('plan_analytics_scale', extra) };
}

/** The price now, as the sandbox answers a complete sent with a wrong amount (nothing is charged). */
async function priceNow(checkoutId: string, body: Record<string, unknown>): Promise<number> {
  const probe = await sandbox.complete(checkoutId, body);
  assert.equal(errorOf(probe).code, 'amount_changed', probe.text);
  assert.ok((probe.body as { now?: string }).now, 'the refusal carries the sandbox time');
  return (probe.body as { amountDue: number }).amountDue;
}

test('an upgrade is charged exactly the amount shown up to 15 minutes ago; shown longer ago, it is refused with the price now, nothing charged', async () => {
  try {
    const late = await upgradeOfNewSubscriber();
    sandbox.clock.advance(3 * 86_400_000);
    const lateCheckout = await late.newCheckout();
    const shownLongAgo = await priceNow(lateCheckout.id, late.body({ amount_due: 0 }));
    sandbox.clock.advance(2 * 3_600_000);
    const before = await sandbox.counts();
    const refused = await sandbox.complete(lateCheckout.id, late.body({ amount_due: shownLongAgo }));
    assert.equal(errorOf(refused).code, 'amount_changed');
    assert.ok((refused.body as { amountDue: number }).amountDue < shownLongAgo, 'two hours later the proration is smaller');
    assert.deepEqual(await sandbox.counts(), before, 'nothing charged');

    const soon = await upgradeOfNewSubscriber();
    sandbox.clock.advance(2 * 86_400_000);
    const soonCheckout = await soon.newCheckout();
    const shown = await priceNow(soonCheckout.id, soon.body({ amount_due: 0 }));
    sandbox.clock.advance(14 * 60_000);
    assert.notEqual(await priceNow(soonCheckout.id, soon.body({ amount_due: 0 })), shown, 'the price moved in those 14 minutes');
    const paid = succeededOf(await sandbox.complete(soonCheckout.id, soon.body({ amount_due: shown })));
    assert.equal(paid.amount_due, shown, 'charged what was shown 14 minutes ago');
  } finally {
    sandbox.clock.reset();
  }
});

test('a payment the bank confirms an hour after it was priced is ordered at the price confirmed, not refunded for the clock', async () => {
  const { newCheckout, body } = await upgradeOfNewSubscriber();
  sandbox.clock.advance(3 * 86_400_000);
  try {
    const checkout = await newCheckout();
    const started = requiresActionOf(await sandbox.complete(checkout.id, body({ confirmation_token: confirmationToken('threeds') })));
    sandbox.clock.advance(3_600_000);
    await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded');
    const paid = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: started.payment_intent.id } }));
    assert.equal(paid.amount_due, started.amount_due);
  } finally {
    sandbox.clock.reset();
  }
});
