// replaces_payment_intent_id (ours) names the buyer's own 3-D Secure payment left unfinished. A
// payment the bank has since confirmed is not unfinished: the complete that names it must not
// charge the buyer a second time, on a reusable link as on a single-use one. It answers that
// payment's settlement as a replay, without using the new token and without announcing it again.
// A replaced payment that was refunded kept nothing: the complete goes on and charges the new token.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  errorOf,
  newIdempotencyKey,
  requiresActionOf,
  selection,
  send,
  startTestSandbox,
  succeededOf,
  threeDsCompleteBody,
  validCompleteBody,
  validCreateBody,
  withClockAhead,
  type RequiresActionData,
} from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const threeDs = threeDsCompleteBody;

async function answerChallenge(pending: RequiresActionData, outcome: 'succeeded' | 'failed'): Promise<void> {
  const answered = await sandbox.authenticate(pending.payment_intent.client_secret, outcome);
  assert.equal(answered.status, 200, answered.text);
}

for (const singleUse of [false, true]) {
  test(`on a ${singleUse ? 'single-use' : 'reusable'} link, a complete that replaces a payment the bank already confirmed charges nothing more and answers that payment`, async () => {
    const checkout = await sandbox.createCheckout(validCreateBody({ singleUse }));
    const first = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
    // The bank confirms: the order is made then and there (settleConfirmed); the browser never hears it.
    await answerChallenge(first, 'succeeded');
    const paid = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: first.payment_intent.id } }), 'finalize');
    const before = await sandbox.counts();
    const receipts = sandbox.store.receipts.size;
    const events = sandbox.emitted.length;

    // The element was told "authentication failed" and the buyer pays again, naming the payment it replaces.
    const retry = validCompleteBody(undefined, { replaces_payment_intent_id: first.payment_intent.id });
    const again = await sandbox.complete(checkout.id, retry, newIdempotencyKey());
    assert.deepEqual(await sandbox.counts(), before, `a second order was made for one purchase: ${again.status} ${again.text}`);
    const answered = succeededOf(again, 'the replacing complete');
    assert.deepEqual(answered, paid, 'answers the settlement of the payment it names, as finalize does');
    assert.equal(again.headers['idempotent-replayed'], 'true', 'as a replay: nothing was charged now');
    assert.equal(sandbox.store.receipts.size, receipts, 'no second receipt');
    assert.deepEqual(sandbox.emitted.slice(events), [], 'no webhook announces it a second time');

    // The new token was not used: it can still pay (here: another purchase under another key, on a reusable link).
    if (!singleUse) {
      const fresh = await sandbox.complete(checkout.id, { ...retry, replaces_payment_intent_id: undefined }, newIdempotencyKey());
      assert.notEqual(succeededOf(fresh, 'the unused token').order_id, paid.order_id);
    }
  });
}

test('a complete that replaces a payment of another checkout, however it ended, is an ordinary complete', async () => {
  const other = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const elsewhere = requiresActionOf(await sandbox.complete(other.id, threeDs()));
  await answerChallenge(elsewhere, 'succeeded');
  const checkout = await sandbox.createCheckout();
  const before = (await sandbox.counts()).orders;
  const paid = await sandbox.complete(checkout.id, validCompleteBody(undefined, { replaces_payment_intent_id: elsewhere.payment_intent.id }));
  assert.notEqual(succeededOf(paid).payment_intent.id, elsewhere.payment_intent.id);
  assert.equal((await sandbox.counts()).orders, before + 1);
});

test('a complete that replaces a payment the bank confirmed but that was refunded goes on and charges the new token', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false, customerId: 'cus_grace', products: [{ id: 'prod_analytics' }] }));
  const growth = [selection('prod_analytics', 'plan_analytics_growth')];
  const first = requiresActionOf(await sandbox.complete(checkout.id, { ...threeDs(), selections: growth, customer: undefined }));
  // Meanwhile Grace subscribes to Growth in another tab: the first payment, confirmed after, would
  // buy what she has; it is refunded (amount_changed) and kept nothing.
  succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { selections: growth, customer: undefined })));
  await answerChallenge(first, 'succeeded');
  const refunded = await sandbox.finalize(checkout.id, { body: { payment_intent_id: first.payment_intent.id } });
  assert.equal(errorOf(refunded).code, 'payment_refunded');

  const scale = [selection('prod_analytics', 'plan_analytics_scale')];
  const again = await sandbox.complete(checkout.id, validCompleteBody(undefined, { selections: scale, customer: undefined, replaces_payment_intent_id: first.payment_intent.id }));
  const paid = succeededOf(again, 'the complete after a refunded payment');
  assert.notEqual(paid.payment_intent.id, first.payment_intent.id, 'a new payment, charged with the new token');
  assert.equal(again.headers['idempotent-replayed'], undefined);
});

// A payment the bank confirmed long before the complete that names it is not the answer that was
// lost moments ago: it is a purchase behind the buyer, named only because their tab kept it (the
// element names a payment left unfinished whatever its age, so that a late approval is cancelled).
// That complete is a new purchase (review 14).
const monthAhead = () => new Date(sandbox.clock.now().getTime() + 29 * 86_400_000).toISOString();
// A single-use link the payment paid has no new purchase to make: the buyer is answered it, whenever.
for (const [singleUse, label, laterMs, replayed] of [
  [false, '14 minutes', 14 * 60_000, true],
  [false, '16 minutes', 16 * 60_000, false],
  [false, 'two days', 2 * 86_400_000, false],
  [true, 'two days', 2 * 86_400_000, true],
] as const) {
  test(`on a ${singleUse ? 'single-use' : 'reusable'} link, a complete naming a payment the bank confirmed ${label} earlier ${replayed ? 'is answered that payment, nothing charged' : 'is a new purchase: charged, its own order'}`, async () => {
    const checkout = await sandbox.createCheckout(validCreateBody({ singleUse, expiresAt: monthAhead() }));
    const first = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
    // The page had stopped listening (the challenge left unfinished); the bank app approves it.
    await answerChallenge(first, 'succeeded');
    const before = (await sandbox.counts()).orders;
    await withClockAhead(sandbox, laterMs, async () => {
      const again = await sandbox.complete(
        checkout.id,
        validCompleteBody(undefined, {
          selections: [selection('prod_analytics', 'plan_analytics_growth', 1), selection('prod_seats', 'plan_seats_team', 7)],
          replaces_payment_intent_id: first.payment_intent.id,
        }),
        newIdempotencyKey(),
      );
      const answered = succeededOf(again, 'the complete naming the paid payment');
      if (replayed) {
        assert.equal(answered.payment_intent.id, first.payment_intent.id);
        assert.equal((await sandbox.counts()).orders, before, 'nothing more charged');
      } else {
        assert.notEqual(answered.payment_intent.id, first.payment_intent.id, 'answered with the old purchase instead of making the new one');
        assert.equal((await sandbox.counts()).orders, before + 1);
      }
    });
  });
}

test('on a reusable link, a new purchase weeks later naming a paid payment whose order the merchant deleted goes on: not refused order_deleted', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false, expiresAt: monthAhead() }));
  const first = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  await answerChallenge(first, 'succeeded');
  const orderId = sandbox.store.paymentIntents.get(first.payment_intent.id)?.settlement?.orderId;
  assert.ok(orderId);
  const deleted = await send(sandbox.url, 'DELETE', `/api/v2/orders/${orderId}`, { key: sandbox.key });
  assert.equal(deleted.status, 200, deleted.text);
  await withClockAhead(sandbox, 20 * 86_400_000, async () => {
    const again = await sandbox.complete(checkout.id, validCompleteBody(undefined, { replaces_payment_intent_id: first.payment_intent.id }), newIdempotencyKey());
    assert.notEqual(succeededOf(again, 'the new purchase').payment_intent.id, first.payment_intent.id);
  });
});
