// Edges of one pay attempt that mutation testing found unpinned: what a failed one lets the customer do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAttempt, sendAttempt, type AttemptSteps } from '../../../src/checkout/attempt.ts';
import { CheckoutError } from '../../../src/errors.ts';
import type { PaymentResult, PaymentSucceeded } from '../../../src/api/wire.ts';

const request = {
  selections: [{ productId: 'prod_a', planId: 'plan_a', quantity: 1 }],
  currency: 'usd',
  confirmationToken: 'ctoken_test_3ds_1',
  returnUrl: 'https://shop.example/',
  amountDue: 4900,
};
const succeeded: PaymentSucceeded = { status: 'succeeded', checkoutId: 'chk_a', orderId: 'ord_a', customerId: 'cus_a', amountDue: 4900, currency: 'usd' };
const requiresAction: PaymentResult = { status: 'requires_action', paymentIntent: { id: 'pi_1', status: 'requires_action', clientSecret: 'pi_1_secret_2' } };

function steps(overrides: Partial<AttemptSteps>): AttemptSteps {
  return {
    complete: async () => requiresAction,
    finalize: async () => succeeded,
    handleNextAction: async () => ({}),
    wanted: () => true,
    ...overrides,
  };
}

test('a failed 3-D Secure challenge is recoverable: the customer may try again with another card', async () => {
  const outcome = await sendAttempt(newAttempt(request), steps({ handleNextAction: async () => ({ error: { type: 'card_error', message: 'Declined by the bank' } }) }));
  assert.equal(outcome.kind, 'failed');
  assert.equal(outcome.kind === 'failed' && outcome.error.recoverable, true);
});

test('a 3-D Secure refusal without a message says nothing more than its code', async () => {
  const outcome = await sendAttempt(newAttempt(request), steps({ handleNextAction: async () => ({ error: { type: 'card_error' } }) }));
  assert.equal(outcome.kind === 'failed' && outcome.error.code, 'authentication_failed');
  assert.equal(outcome.kind === 'failed' && outcome.error.detail, null);
});

test('a step that throws something other than a checkout error is an unknown outcome the customer may resend', async () => {
  const thrown = new TypeError('Failed to fetch');
  const outcome = await sendAttempt(newAttempt(request), steps({ complete: async () => { throw thrown; } }));
  assert.equal(outcome.kind, 'unknown');
  assert.equal(outcome.kind === 'unknown' && outcome.error.code, 'network_error');
  assert.equal(outcome.kind === 'unknown' && outcome.error.recoverable, true);
  assert.equal(outcome.kind === 'unknown' && outcome.error.cause, thrown);
});

test('an archived, missing, unconfigured or refunded checkout closes the form, like an expired or completed one', async () => {
  for (const code of ['archived', 'not_found', 'payments_not_configured', 'payment_refunded', 'expired', 'completed'] as const) {
    const outcome = await sendAttempt(newAttempt(request), steps({ complete: async () => { throw new CheckoutError(code); } }));
    assert.equal(outcome.kind, 'closed', code);
    assert.equal(outcome.kind === 'closed' && outcome.error.code, code);
  }
});

test('a refund whose checkout is still open is a failure the customer may pay again after, not a closed checkout', async () => {
  const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' });
  const outcome = await sendAttempt(newAttempt(request), steps({ finalize: async () => { throw refunded; } }));
  assert.equal(outcome.kind, 'failed');
  assert.equal(outcome.kind === 'failed' && outcome.error, refunded);
});

test('a step that fails after nobody waits for the answer any more is abandoned, not reported as a failure', async () => {
  let wanted = true;
  const outcome = await sendAttempt(
    newAttempt(request),
    steps({
      complete: async () => {
        wanted = false;
        throw new CheckoutError('card_declined', { recoverable: true });
      },
      wanted: () => wanted,
    }),
  );
  assert.deepEqual(outcome, { kind: 'abandoned' });
});

// DEFECT 2 (review s10): a lost answer from the bank's step was taken as the bank's refusal.
test('a 3-D Secure step that lost its connection is an unknown outcome, finished by finalize, not a refusal', async () => {
  // What Stripe.js (and the stand-in) resolve with when the authentication's answer never came back.
  const lost = { type: 'api_connection_error', message: 'An error occurred with our connection to Stripe.' };
  const calls: string[] = [];
  const attempt = newAttempt(request);
  const flaky = steps({
    complete: async () => (calls.push('complete'), requiresAction),
    handleNextAction: async () => (calls.push('action'), { error: lost }),
    finalize: async (paymentIntentId) => (calls.push(`finalize ${paymentIntentId}`), succeeded),
  });
  const outcome = await sendAttempt(attempt, flaky);
  assert.notEqual(outcome.kind, 'failed', 'told the bank refused a payment it may have confirmed');
  const settled = outcome.kind === 'succeeded' ? outcome : await sendAttempt(attempt, flaky);
  assert.equal(settled.kind, 'succeeded');
  assert.ok(calls.includes('finalize pi_1'), `finalize asks the server how it ended: ${calls.join(', ')}`);
  assert.equal(calls.filter((call) => call === 'complete').length, 1, 'never a second complete');
});

test('any error of the bank’s step but a card error asks finalize: a payment never answered there is not finished, nothing charged, and the next Pay replaces it', async () => {
  // No Stripe.js after a reload resolves `{}` without a type.
  for (const error of [{ type: 'api_connection_error' }, { type: 'api_error' }, { type: 'rate_limit_error' }, { type: 'invalid_request_error' }, {}]) {
    const calls: string[] = [];
    const outcome = await sendAttempt(
      newAttempt(request),
      steps({
        handleNextAction: async () => ({ error }),
        finalize: async (paymentIntentId) => {
          calls.push(`finalize ${paymentIntentId}`);
          throw new CheckoutError('payment_not_finished', { recoverable: true });
        },
      }),
    );
    assert.deepEqual(calls, ['finalize pi_1'], JSON.stringify(error));
    assert.equal(outcome.kind === 'failed' && outcome.error.code, 'payment_not_finished', JSON.stringify(error));
    assert.equal(outcome.kind === 'failed' && outcome.unfinishedPaymentIntentId, 'pi_1');
  }
});

test('a lost answer of the bank’s step whose finalize says the bank refused it is the refusal', async () => {
  const outcome = await sendAttempt(
    newAttempt(request),
    steps({
      handleNextAction: async () => ({ error: { type: 'api_connection_error' } }),
      finalize: async () => {
        throw new CheckoutError('authentication_failed', { recoverable: true });
      },
    }),
  );
  assert.equal(outcome.kind === 'failed' && outcome.error.code, 'authentication_failed');
});

test('a lost answer of the bank’s step is finalized even when nobody shows the attempt any more: the page learns of the payment', async () => {
  let wanted = true;
  const outcome = await sendAttempt(
    newAttempt(request),
    steps({
      handleNextAction: async () => {
        wanted = false;
        return { error: { type: 'api_connection_error' } };
      },
      wanted: () => wanted,
    }),
  );
  assert.equal(outcome.kind, 'settled');
});
