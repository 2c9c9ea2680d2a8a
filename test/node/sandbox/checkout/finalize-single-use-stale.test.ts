// Paid's client finalizes with `{}`. Without the payment cookie (a page of another site, or
// paid-blocks given options.headers, which then sends no credentials), a single-use link's `{}`
// finalize answers "the one payment of a single-use link". A challenge left unanswered frees the
// link after 15 minutes, so the link may have two payments: the one left behind and the one that
// took the link. When the second starts, the first is cancelled (a late approval of it charges
// nothing, and its own finalize says it failed), so the `{}` finalize of the buyer who paid answers
// their order. Where more than one payment could still be meant, `{}` is 409 payment_intent_required.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PENDING_PAYMENT_HOLD_MS } from '../../../../sandbox/checkout/single-use.ts';
import { confirmationToken, errorOf, requiresActionOf, startTestSandbox, succeededOf, threeDsCompleteBody, validCompleteBody, withClockAhead } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const threeDs = threeDsCompleteBody;

/** Runs `check` with the clock moved past the link's hold, and moves it back after. */
function pastTheHold(check: () => Promise<void>): Promise<void> {
  return withClockAhead(sandbox, PENDING_PAYMENT_HOLD_MS + 1000, check);
}

test('a {} finalize on a single-use link answers the payment that paid it, not a challenge left unanswered before it', async () => {
  const checkout = await sandbox.createCheckout();
  // Someone starts 3-D Secure and walks away from the challenge; after 15 minutes the link is free again.
  const stale = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  await pastTheHold(async () => {
    const paying = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
    assert.equal((await sandbox.authenticate(paying.payment_intent.client_secret, 'succeeded')).status, 200);
    assert.equal((await sandbox.readCheckout(checkout.id)).status, 'completed', 'the bank confirmed it: the link is paid');

    // paid-blocks, then, finalizes with {} and no cookie.
    const paid = succeededOf(await sandbox.finalize(checkout.id), 'finalize {}');
    assert.equal(paid.payment_intent.id, paying.payment_intent.id);

    // The buyer who walked away comes back and approves: the bank refuses, nothing is charged.
    const before = await sandbox.counts();
    const late = await sandbox.authenticate(stale.payment_intent.client_secret, 'succeeded');
    assert.equal(late.status, 409, late.text);
    assert.equal(errorOf(late).code, 'payment_intent_unexpected_state');
    const told = await sandbox.finalize(checkout.id, { body: { payment_intent_id: stale.payment_intent.id } });
    assert.equal(errorOf(told).code, 'authentication_failed', 'its own finalize says it failed: nothing was taken');
    assert.deepEqual(await sandbox.counts(), before);
    assert.equal(succeededOf(await sandbox.finalize(checkout.id), 'finalize {} again').payment_intent.id, paying.payment_intent.id);
  });
});

test('a card that pays at once after the hold also cancels the challenge left behind', async () => {
  const checkout = await sandbox.createCheckout();
  const stale = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  await pastTheHold(async () => {
    const paid = succeededOf(await sandbox.complete(checkout.id, validCompleteBody()));
    assert.equal(errorOf(await sandbox.authenticate(stale.payment_intent.client_secret, 'succeeded')).code, 'payment_intent_unexpected_state');
    assert.equal(succeededOf(await sandbox.finalize(checkout.id)).order_id, paid.order_id);
  });
});

test('a challenge past its hold that nobody replaced is still the one payment: {} answers it, and it can still pay', async () => {
  const checkout = await sandbox.createCheckout();
  const stale = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  await pastTheHold(async () => {
    assert.equal(errorOf(await sandbox.finalize(checkout.id)).code, 'requires_action');
    // A decline takes nothing: the challenge is not cancelled by it.
    assert.equal((await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('card_declined') }))).status, 402);
    assert.equal((await sandbox.authenticate(stale.payment_intent.client_secret, 'succeeded')).status, 200);
    assert.equal(succeededOf(await sandbox.finalize(checkout.id)).payment_intent.id, stale.payment_intent.id);
  });
});

test('a {} finalize on a single-use link with more than one payment under way is 409 payment_intent_required, not a guess', async () => {
  const checkout = await sandbox.createCheckout();
  const first = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  await pastTheHold(async () => {
    requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
    // The sandbox cancelled the first; a backend that had not (or a platform whose cancel came too
    // late) has two payments that could still end in a charge.
    sandbox.store.paymentIntents.get(first.payment_intent.id)!.state = 'requires_action';
    const ambiguous = await sandbox.finalize(checkout.id);
    assert.equal(ambiguous.status, 409, ambiguous.text);
    assert.equal(errorOf(ambiguous).code, 'payment_intent_required');
  });
});
