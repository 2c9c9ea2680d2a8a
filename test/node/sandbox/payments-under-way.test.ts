// A payment under way belongs to that payment, not to the checkout: two buyers in 3-D Secure on
// one reusable link each get their own order; a payment the bank confirmed is honoured (the
// order is made) or, where it no longer can be, refunded and the buyer told; finalize prices
// the order again and never charges a stale amount.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  confirmationToken,
  errorOf,
  paymentIntentOf,
  requiresActionOf,
  selection,
  send,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type Answer,
} from './support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

function authenticate(clientSecret: string, outcome: 'succeeded' | 'failed'): Promise<Answer> {
  return sandbox.post(`/sandbox/stripe/payment_intents/${paymentIntentOf(clientSecret)}/authenticate`, { json: { clientSecret, outcome } });
}

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
  await authenticate(ada.payment_intent.client_secret, 'succeeded');
  await authenticate(bob.payment_intent.client_secret, 'succeeded');

  const anonymous = await sandbox.finalize(checkout.id);
  assert.equal(anonymous.status, 409, anonymous.text);
  assert.equal(errorOf(anonymous).code, 'payment_intent_required', 'a finalize naming no payment on a reusable link guesses nobody');

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

test('a confirmed payment whose checkout the merchant archived meanwhile is refunded, the buyer told so, the merchant shown the refund', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const started = requiresActionOf(await sandbox.complete(checkout.id, threeDsFor('Ada')));
  await authenticate(started.payment_intent.client_secret, 'succeeded');
  const archived = await send(sandbox.url, 'DELETE', `/api/v2/checkouts/${checkout.id}`, { key: sandbox.key });
  assert.equal(archived.status, 200, archived.text);

  const answer = await sandbox.finalize(checkout.id, { body: { payment_intent_id: started.payment_intent.id } });
  assert.equal(answer.status, 409, answer.text);
  const error = errorOf(answer);
  assert.equal(error.code, 'payment_refunded');
  assert.match(error.message, /refunded/);
  assert.deepEqual((await sandbox.counts()).orders, before.orders, 'no order');
  const read = (await sandbox.get<CheckoutRead>(`/api/v2/checkouts/${checkout.id}`, { key: sandbox.key })).body;
  assert.deepEqual(
    read.refunds.map((item) => [item.paymentIntentId, item.amount, item.reason]),
    [[started.payment_intent.id, started.amount_due, 'checkout_closed']],
  );
  // Asked again, the same answer: refunded once, told the same.
  assert.equal(errorOf(await sandbox.finalize(checkout.id)).code, 'payment_refunded');
  assert.equal((await sandbox.get<CheckoutRead>(`/api/v2/checkouts/${checkout.id}`, { key: sandbox.key })).body.refunds.length, 1);
});

test('a confirmed payment is honoured after its checkout expires: the order is made', async () => {
  const checkout = await sandbox.createCheckout();
  const started = requiresActionOf(await sandbox.complete(checkout.id, threeDsFor('Ada')));
  await authenticate(started.payment_intent.client_secret, 'succeeded');
  sandbox.clock.advance(25 * 3_600_000);
  try {
    const paid = succeededOf(await sandbox.finalize(checkout.id));
    assert.equal(paid.amount_due, started.amount_due);
  } finally {
    sandbox.clock.advance(-25 * 3_600_000);
  }
});

test('finalize prices the order again: when the subscription changed meanwhile, the stale amount is not charged (refunded, 409 amount_changed)', async () => {
  // Ada's Starter plan; one checkout to Growth waits in 3-D Secure while another moves her to Scale.
  const adaCheckout = () => sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }], customerId: 'cus_ada' }));
  const first = await adaCheckout();
  const started = requiresActionOf(
    await sandbox.complete(first.id, {
      ...validCompleteBody(['prod_analytics'], { confirmation_token: confirmationToken('threeds'), customer: undefined }),
      selections: [selection('prod_analytics', 'plan_analytics_growth', 1)],
    }),
  );
  await authenticate(started.payment_intent.client_secret, 'succeeded');
  const second = await adaCheckout();
  succeededOf(
    await sandbox.complete(second.id, {
      ...validCompleteBody(['prod_analytics'], { customer: undefined }),
      selections: [selection('prod_analytics', 'plan_analytics_scale', 1)],
    }),
  );

  const answer = await sandbox.finalize(first.id, { body: { payment_intent_id: started.payment_intent.id } });
  assert.equal(answer.status, 409, answer.text);
  assert.equal(errorOf(answer).code, 'amount_changed');
  const read = (await sandbox.get<CheckoutRead>(`/api/v2/checkouts/${first.id}`, { key: sandbox.key })).body;
  assert.equal(read.orderId, null, 'no order from the stale price');
  assert.deepEqual(read.refunds.map((item) => item.reason), ['amount_changed']);
});
