// A payment that made its order, whose order the merchant then deleted: the payment was taken and
// is not refunded by the sandbox (the merchant's deletion came after the sale), so a finalize, or a
// complete answered that payment (its token sent again, or named as replaced), says so: 409
// order_deleted, with the order and the payment, never a success pointing at an order that is gone.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { confirmationToken, errorOf, newIdempotencyKey, requiresActionOf, send, startTestSandbox, succeededOf, validCompleteBody, validCreateBody } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const privateCall = (method: string, path: string) => send(sandbox.url, method, path, { key: sandbox.key });

/** A single-use checkout paid through 3-D Secure, the bank having confirmed it: its order made. */
async function paidThroughChallenge() {
  const checkout = await sandbox.createCheckout(validCreateBody());
  const body = validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') });
  const payment = requiresActionOf(await sandbox.complete(checkout.id, body)).payment_intent;
  const confirmed = await sandbox.authenticate(payment.client_secret, 'succeeded');
  assert.equal(confirmed.status, 200, confirmed.text);
  const orderId = sandbox.store.paymentIntents.get(payment.id)!.settlement!.orderId;
  return { checkoutId: checkout.id, paymentId: payment.id, orderId, body };
}

function assertOrderDeleted(answer: Awaited<ReturnType<typeof sandbox.finalize>>, paymentId: string, orderId: string, label: string): void {
  assert.equal(answer.status, 409, `${label}: ${answer.text}`);
  const error = errorOf(answer);
  assert.equal(error.code, 'order_deleted', label);
  assert.match(error.message, /went through/, `${label}: the buyer is told they paid`);
  assert.match(error.message, /cancelled/, `${label}: and that the seller cancelled the order`);
  assert.doesNotMatch(error.message, /refunded/, `${label}: no refund is claimed`);
  assert.deepEqual([(answer.body as { orderId?: string }).orderId, (answer.body as { paymentIntentId?: string }).paymentIntentId], [orderId, paymentId], label);
}

test('finalize naming a payment whose order the merchant deleted after the bank confirmed it is 409 order_deleted; nothing is refunded or made', async () => {
  const { checkoutId, paymentId, orderId } = await paidThroughChallenge();
  assert.equal((await privateCall('DELETE', `/api/v2/orders/${orderId}`)).status, 200);
  const orders = await sandbox.total('orders');

  assertOrderDeleted(await sandbox.finalize(checkoutId, { body: { payment_intent_id: paymentId } }), paymentId, orderId, 'named');
  const payment = sandbox.store.paymentIntents.get(paymentId)!;
  assert.deepEqual([payment.settlement?.orderId, payment.refund], [orderId, null], 'the payment still made that order, and was not refunded');
  assert.equal(await sandbox.total('orders'), orders, 'no order is made again');
});

// paid-blocks throws any non-2xx finalize answer and shows "Payment failed", inviting a second
// payment from a buyer who was charged: to its `{}` the payment's paid answer is the truth it can tell.
test("a `{}` finalize (Paid's client: by its payment cookie, or the single-use link's paid payment) of a payment whose order was deleted is answered paid, 200 succeeded with that payment, never a refusal paid-blocks would show as \"Payment failed\"", async () => {
  const { checkoutId, paymentId, orderId } = await paidThroughChallenge();
  assert.equal((await privateCall('DELETE', `/api/v2/orders/${orderId}`)).status, 200);
  const orders = await sandbox.total('orders');

  for (const [label, answer] of [
    ['{} on the single-use link it paid', await sandbox.finalize(checkoutId)],
    ['{} with the payment cookie', await sandbox.post(`/api/public/checkout/${checkoutId}/finalize`, { json: {}, headers: { cookie: `paid_checkout_payment=${paymentId}` } })],
  ] as const) {
    const paid = succeededOf(answer, label);
    assert.deepEqual([paid.payment_intent.id, paid.status], [paymentId, 'succeeded'], label);
  }
  assert.equal(await sandbox.total('orders'), orders, 'no order is made again');
  assert.equal(sandbox.store.paymentIntents.get(paymentId)!.refund, null, 'nothing refunded');
});

test('a complete answered a payment whose order was deleted (its token sent again under a new key, or the payment named as replaced) is 409 order_deleted and charges nothing', async () => {
  const { checkoutId, paymentId, orderId, body } = await paidThroughChallenge();
  assert.equal((await privateCall('DELETE', `/api/v2/orders/${orderId}`)).status, 200);
  const payments = sandbox.store.paymentIntents.size;

  assertOrderDeleted(await sandbox.complete(checkoutId, body, newIdempotencyKey()), paymentId, orderId, 'the token sent again');
  const replacing = validCompleteBody(undefined, { replaces_payment_intent_id: paymentId });
  assertOrderDeleted(await sandbox.complete(checkoutId, replacing, newIdempotencyKey()), paymentId, orderId, 'named as replaced');
  assert.equal(sandbox.store.paymentIntents.size, payments, 'no payment taken');
});
