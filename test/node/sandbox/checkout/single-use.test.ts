// Paid's guide: a single-use checkout link is taken once a payment has started. A second visitor
// is told so plainly while the first buyer is in 3-D Secure; the first buyer may still switch
// cards; a reusable link (singleUse: false) is never taken.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PENDING_PAYMENT_HOLD_MS } from '../../../../sandbox/checkout/single-use.ts';
import {
  errorOf,
  requiresActionOf,
  startTestSandbox,
  succeededOf,
  threeDsCompleteBody,
  validCompleteBody,
  validCreateBody,
  withClockAhead,
} from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const threeDs = threeDsCompleteBody;

test('while the first buyer is in 3-D Secure, a second visitor of a single-use link is refused with 409 payment_in_progress, in words, and nothing is made', async () => {
  const checkout = await sandbox.createCheckout();
  requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  const before = await sandbox.counts();
  const second = await sandbox.complete(checkout.id, validCompleteBody());
  assert.equal(second.status, 409, second.text);
  const error = errorOf(second);
  assert.equal(error.code, 'payment_in_progress');
  assert.match(error.message, /already started paying with this link/);
  assert.deepEqual(await sandbox.counts(), before);
});

test('the first buyer names their own unfinished payment and may pay with another card instead', async () => {
  const checkout = await sandbox.createCheckout();
  const first = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  const again = await sandbox.complete(checkout.id, validCompleteBody(undefined, { replaces_payment_intent_id: first.payment_intent.id }));
  succeededOf(again);
  assert.equal((await sandbox.readCheckout(checkout.id)).status, 'completed');
});

test('naming another payment than the pending one does not take over the link', async () => {
  const checkout = await sandbox.createCheckout();
  requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  const guessed = await sandbox.complete(checkout.id, validCompleteBody(undefined, { replaces_payment_intent_id: 'pi_000000000000000000000000' }));
  assert.equal(errorOf(guessed).code, 'payment_in_progress');
});

test('once the bank has confirmed the pending payment, the link is paid: another complete is 409 completed, one naming that payment is answered its order, and finalize answers the one order', async () => {
  const checkout = await sandbox.createCheckout();
  const first = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  assert.equal((await sandbox.authenticate(first.payment_intent.client_secret, 'succeeded')).status, 200);
  const before = await sandbox.counts();
  const other = await sandbox.complete(checkout.id, validCompleteBody());
  assert.equal(errorOf(other).code, 'completed', 'the link is paid');
  const replaced = await sandbox.complete(checkout.id, validCompleteBody(undefined, { replaces_payment_intent_id: first.payment_intent.id }));
  assert.equal(succeededOf(replaced).payment_intent.id, first.payment_intent.id, 'an authenticated payment cannot be dropped for another: its buyer is answered it');
  assert.deepEqual(await sandbox.counts(), before, 'nothing more is charged');
  const finalized = succeededOf(await sandbox.finalize(checkout.id));
  assert.equal(finalized.payment_intent.id, first.payment_intent.id);
  assert.equal((await sandbox.readCheckout(checkout.id)).orderId, finalized.order_id);
});

test('a failed challenge frees the link at once: the next complete, from anyone, may pay', async () => {
  const checkout = await sandbox.createCheckout();
  const first = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  await sandbox.authenticate(first.payment_intent.client_secret, 'failed');
  succeededOf(await sandbox.complete(checkout.id, validCompleteBody()));
});

test('a challenge left unanswered holds the link for 15 minutes, then frees it', async () => {
  const checkout = await sandbox.createCheckout();
  requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  sandbox.clock.advance(PENDING_PAYMENT_HOLD_MS - 1000);
  try {
    assert.equal(errorOf(await sandbox.complete(checkout.id, validCompleteBody())).code, 'payment_in_progress');
    sandbox.clock.advance(1000);
    succeededOf(await sandbox.complete(checkout.id, validCompleteBody()));
  } finally {
    sandbox.clock.advance(-PENDING_PAYMENT_HOLD_MS);
  }
});

test('a reusable link (singleUse: false) is never taken: a second buyer pays while the first is in 3-D Secure', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  succeededOf(await sandbox.complete(checkout.id, validCompleteBody()));
});

test('the payment a buyer replaced is cancelled: its challenge, answered late, cannot charge them', async () => {
  const checkout = await sandbox.createCheckout();
  const first = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { replaces_payment_intent_id: first.payment_intent.id })));
  const late = await sandbox.authenticate(first.payment_intent.client_secret, 'succeeded');
  assert.equal(late.status, 409, late.text);
  assert.equal(errorOf(late).code, 'payment_intent_unexpected_state');
});

for (const singleUse of [false, true]) {
  test(`on a ${singleUse ? 'single-use' : 'reusable'} link, a payment replaced 20 minutes after its challenge was left is cancelled too: approved later, it charges nothing, and the buyer has one order`, async () => {
    const checkout = await sandbox.createCheckout(validCreateBody({ singleUse }));
    const first = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
    await withClockAhead(sandbox, 20 * 60_000, async () => {
      const before = (await sandbox.counts()).orders;
      succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { replaces_payment_intent_id: first.payment_intent.id })));
      const late = await sandbox.authenticate(first.payment_intent.client_secret, 'succeeded');
      assert.equal(late.status, 409, late.text);
      assert.equal(errorOf(late).code, 'payment_intent_unexpected_state');
      assert.equal((await sandbox.counts()).orders, before + 1);
    });
  });
}
