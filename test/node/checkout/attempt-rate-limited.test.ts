// What a 429 (`rate_limited`) means for a payment (src/checkout/attempt.ts): refused before anything
// ran, so a new attempt's first complete failed and charged nothing (the next Pay is a new attempt).
// To a complete sent before (a resend after a lost answer: the first may have run) or to finalize
// (the bank may have confirmed the payment) it says nothing of the payment: its outcome is unknown,
// as after a 5xx, and Try again resends the same attempt. Never told as "nothing was charged" there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, newAttempt, sendAttempt, type AttemptSteps } from '../../../src/checkout/attempt.ts';
import { CheckoutError } from '../../../src/errors.ts';
import type { PaymentResult } from '../../../src/api/wire.ts';

const request = {
  selections: [{ productId: 'prod_a', planId: 'plan_a', quantity: 1 }],
  currency: 'usd',
  confirmationToken: 'ctoken_test_succeeds_1',
  returnUrl: 'https://shop.example/',
  amountDue: 4900,
};
const rateLimited = () => new CheckoutError('rate_limited', { recoverable: true });
const requiresAction: PaymentResult = { status: 'requires_action', paymentIntent: { id: 'pi_1', status: 'requires_action', clientSecret: 'pi_1_secret_2' } };
let counter = 0;
const keys = () => `key-${(counter += 1)}`;

function steps(overrides: Partial<AttemptSteps>): AttemptSteps {
  return {
    complete: async () => {
      throw rateLimited();
    },
    finalize: async () => {
      throw rateLimited();
    },
    handleNextAction: async () => ({}),
    wanted: () => true,
    ...overrides,
  };
}

test('a new attempt’s first complete answered 429 failed: nothing was charged, rate_limited', async () => {
  const outcome = await sendAttempt(newAttempt(request, keys), steps({}));
  assert.equal(outcome.kind, 'failed');
  assert.deepEqual(outcome.kind === 'failed' && [outcome.error.code, outcome.error.recoverable], ['rate_limited', true]);
});

test('a resend answered 429 (its first send’s answer was lost) is unknown: the same attempt is sent again, never a new one', async () => {
  const attempt = newAttempt(request, keys);
  let sends = 0;
  const lostThenTooMany = steps({
    complete: async () => {
      sends += 1;
      throw sends === 1 ? new CheckoutError('network_error', { recoverable: true }) : rateLimited();
    },
  });
  assert.equal((await sendAttempt(attempt, lostThenTooMany)).kind, 'unknown');
  const resent = await sendAttempt(attempt, lostThenTooMany);
  assert.equal(resent.kind, 'unknown');
  assert.equal(resent.kind === 'unknown' && resent.error.code, 'server_error', 'not said as "nothing was charged"');
});

test('an attempt read back from the tab (a reload: it may have been sent) answered 429 at complete is unknown', async () => {
  const kept = { ...newAttempt(request, keys) };
  const outcome = await sendAttempt(kept, steps({}));
  assert.equal(outcome.kind, 'unknown');
});

test('finalize answered 429 after the bank was asked is unknown: the bank may have confirmed it', async () => {
  const outcome = await sendAttempt(newAttempt(request, keys), steps({ complete: async () => requiresAction }));
  assert.equal(outcome.kind, 'unknown');
  assert.equal(outcome.kind === 'unknown' && outcome.error.code, 'server_error');
});

test('classify: a 429 is unknown unless it answered a first send', () => {
  assert.equal(classify(rateLimited()).kind, 'unknown');
  assert.equal(classify(rateLimited(), true).kind, 'failed');
});
