// A payment whose order the merchant deleted (`order_deleted`: finalize, a token sent again, a
// replaced payment named) ends the attempt as a closed checkout does: nothing more may be paid
// with it, and it is not a failure the customer can pay again after (it was taken).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, newAttempt, sendAttempt } from '../../../src/checkout/attempt.ts';
import { CheckoutError } from '../../../src/errors.ts';
import type { PaymentResult } from '../../../src/api/wire.ts';

const request = {
  selections: [{ productId: 'prod_a', planId: 'plan_a', quantity: 1 }],
  currency: 'usd',
  confirmationToken: 'ctoken_test_threeds_1',
  returnUrl: 'https://shop.example/',
  amountDue: 4900,
};
const requiresAction: PaymentResult = { status: 'requires_action', paymentIntent: { id: 'pi_1', status: 'requires_action', clientSecret: 'pi_1_secret_2' } };

test('order_deleted is classified closed, as an ended checkout is; a conflict stays a failure', () => {
  assert.equal(classify(new CheckoutError('order_deleted')).kind, 'closed');
  assert.equal(classify(new CheckoutError('archived')).kind, 'closed');
  assert.equal(classify(new CheckoutError('conflict')).kind, 'failed');
});

test('a 3-D Secure payment whose finalize says order_deleted ends closed, naming no unfinished payment for the next Pay to replace', async () => {
  const attempt = newAttempt(request);
  const outcome = await sendAttempt(attempt, {
    complete: async () => requiresAction,
    finalize: async () => {
      throw new CheckoutError('order_deleted');
    },
    handleNextAction: async () => ({}),
    wanted: () => true,
  });
  assert.equal(outcome.kind, 'closed');
  assert.equal(outcome.kind === 'closed' && outcome.error.code, 'order_deleted');
  assert.ok(!('unfinishedPaymentIntentId' in outcome));
});
