// Paid's client finalizes with `{}`. Without the payment cookie (a page of another site, or
// paid-blocks given options.headers, which then sends no credentials), a single-use link's `{}`
// finalize answers "the one payment of a single-use link". A challenge left unanswered frees the
// link after 15 minutes, so the link may have two payments: the one left behind and the one that
// paid. The `{}` finalize of the buyer who paid must answer their order.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PENDING_PAYMENT_HOLD_MS } from '../../../../sandbox/checkout/single-use.ts';
import { confirmationToken, requiresActionOf, startTestSandbox, succeededOf, validCompleteBody } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const threeDs = () => validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') });

// DEFECT 4: a `{}` finalize (no cookie) on a single-use link answers the stale challenge left unanswered (409 completed) instead of the payment that paid the link: Paid's client says "Payment failed" to the buyer whose order was made.
test.skip('a {} finalize on a single-use link answers the payment that paid it, not a challenge left unanswered before it', async () => {
  const checkout = await sandbox.createCheckout();
  // Someone starts 3-D Secure and walks away from the challenge; after 15 minutes the link is free again.
  requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
  sandbox.clock.advance(PENDING_PAYMENT_HOLD_MS + 1000);
  try {
    const paying = requiresActionOf(await sandbox.complete(checkout.id, threeDs()));
    const confirmed = await sandbox.post(`/sandbox/stripe/payment_intents/${paying.payment_intent.id}/authenticate`, {
      json: { clientSecret: paying.payment_intent.client_secret, outcome: 'succeeded' },
    });
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.equal((await sandbox.readCheckout(checkout.id)).status, 'completed', 'the bank confirmed it: the link is paid');

    // paid-blocks, then, finalizes with {} and no cookie.
    const finalized = await sandbox.finalize(checkout.id);
    const paid = succeededOf(finalized, 'finalize {}');
    assert.equal(paid.payment_intent.id, paying.payment_intent.id);
  } finally {
    sandbox.clock.advance(-(PENDING_PAYMENT_HOLD_MS + 1000));
  }
});
