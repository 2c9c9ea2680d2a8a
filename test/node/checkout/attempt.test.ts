// One pay attempt (src/checkout/attempt.ts): its keys, complete, 3-D Secure and finalize, how failures are
// sorted, and what happens to an answer nobody waits for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAttempt, sendAttempt, type Attempt, type AttemptSteps } from '../../../src/checkout/attempt.ts';
import { CheckoutError } from '../../../src/errors.ts';
import type { PaymentResult, PaymentSucceeded } from '../../../src/api/wire.ts';

const request = {
  selections: [{ productId: 'prod_a', planId: 'plan_a', quantity: 1 }],
  currency: 'usd',
  confirmationToken: 'ctoken_test_succeeds_1',
  returnUrl: 'https://shop.example/',
  amountDue: 4900,
};
const succeeded: PaymentSucceeded = { status: 'succeeded', checkoutId: 'chk_a', orderId: 'ord_a', customerId: 'cus_a', amountDue: 4900, currency: 'usd' };
const requiresAction: PaymentResult = { status: 'requires_action', paymentIntent: { id: 'pi_1', status: 'requires_action', clientSecret: 'pi_1_secret_2' } };

function steps(overrides: Partial<AttemptSteps>, log: string[] = []): AttemptSteps {
  return {
    complete: async (_request, key) => {
      log.push(`complete ${key}`);
      return succeeded;
    },
    finalize: async (paymentIntentId, key) => {
      log.push(`finalize ${paymentIntentId} ${key}`);
      return succeeded;
    },
    handleNextAction: async (secret) => {
      log.push(`action ${secret}`);
      return {};
    },
    wanted: () => true,
    ...overrides,
  };
}

let counter = 0;
const keys = () => `key-${(counter += 1)}`;

test('an attempt has its own keys for complete and finalize', () => {
  const attempt = newAttempt(request, keys);
  assert.notEqual(attempt.completeKey, attempt.finalizeKey);
  assert.equal(attempt.stage, 'complete');
  assert.notEqual(newAttempt(request).completeKey, newAttempt(request).completeKey);
});

test('a card that needs no action succeeds at complete', async () => {
  const log: string[] = [];
  const attempt = newAttempt(request, keys);
  assert.deepEqual(await sendAttempt(attempt, steps({}, log)), { kind: 'succeeded', result: succeeded });
  assert.deepEqual(log, [`complete ${attempt.completeKey}`]);
});

test('3-D Secure runs between complete and finalize, which names the authenticated payment; success comes only from finalize', async () => {
  const log: string[] = [];
  const attempt = newAttempt(request, keys);
  const outcome = await sendAttempt(attempt, steps({ complete: async (_r, key) => (log.push(`complete ${key}`), requiresAction) }, log));
  assert.equal(outcome.kind, 'succeeded');
  assert.deepEqual(log, [`complete ${attempt.completeKey}`, 'action pi_1_secret_2', `finalize pi_1 ${attempt.finalizeKey}`]);
});

test('failed authentication ends the attempt without finalize, naming the unfinished payment for the next attempt', async () => {
  const log: string[] = [];
  const outcome = await sendAttempt(
    newAttempt(request, keys),
    steps({ complete: async () => requiresAction, handleNextAction: async () => ({ error: { type: 'card_error', message: 'We are unable to authenticate' } }) }, log),
  );
  assert.equal(outcome.kind, 'failed');
  assert.equal(outcome.kind === 'failed' && outcome.error.code, 'authentication_failed');
  assert.equal(outcome.kind === 'failed' && outcome.error.detail, 'We are unable to authenticate');
  assert.equal(outcome.kind === 'failed' && outcome.unfinishedPaymentIntentId, 'pi_1');
  assert.deepEqual(log, []);
});

test('a lost finalize answer is resent from finalize, with the same key and payment, never a second complete', async () => {
  const log: string[] = [];
  const attempt = newAttempt(request, keys);
  let finalizeCalls = 0;
  const flaky = steps(
    {
      complete: async (_r, key) => (log.push(`complete ${key}`), requiresAction),
      finalize: async (paymentIntentId, key) => {
        log.push(`finalize ${paymentIntentId} ${key}`);
        finalizeCalls += 1;
        if (finalizeCalls === 1) throw new CheckoutError('network_error', { recoverable: true });
        return succeeded;
      },
    },
    log,
  );
  const first = await sendAttempt(attempt, flaky);
  assert.equal(first.kind, 'unknown');
  assert.equal(attempt.stage, 'finalize');
  assert.equal((await sendAttempt(attempt, flaky)).kind, 'succeeded');
  assert.deepEqual(log, [
    `complete ${attempt.completeKey}`,
    'action pi_1_secret_2',
    `finalize pi_1 ${attempt.finalizeKey}`,
    `finalize pi_1 ${attempt.finalizeKey}`,
  ]);
});

test('failures are sorted: unknown outcome, closed checkout, or a definite failure', async () => {
  const outcomeOf = (error: unknown) => sendAttempt(newAttempt(request, keys), steps({ complete: async () => Promise.reject(error) }));
  assert.equal((await outcomeOf(new CheckoutError('server_error', { recoverable: true }))).kind, 'unknown');
  assert.equal((await outcomeOf(new CheckoutError('invalid_response', { recoverable: true }))).kind, 'unknown');
  assert.equal((await outcomeOf(new TypeError('Failed to fetch'))).kind, 'unknown');
  assert.equal((await outcomeOf(new CheckoutError('expired'))).kind, 'closed');
  assert.equal((await outcomeOf(new CheckoutError('completed'))).kind, 'closed');
  assert.equal((await outcomeOf(new CheckoutError('card_declined', { recoverable: true }))).kind, 'failed');
  assert.equal((await outcomeOf(new CheckoutError('no_change', { recoverable: true }))).kind, 'failed');
});

test('an answer nobody waits for any more is abandoned, and stops the flow', async () => {
  let wanted = true;
  const log: string[] = [];
  const outcome = await sendAttempt(
    newAttempt(request, keys),
    steps({ complete: async () => ((wanted = false), requiresAction), wanted: () => wanted }, log),
  );
  assert.deepEqual(outcome, { kind: 'abandoned' });
  assert.deepEqual(log, []);
});

test('a payment the bank confirmed is finalized even when nobody shows the attempt any more, and reported as settled', async () => {
  const log: string[] = [];
  let shown = true;
  const attempt = newAttempt(request, keys);
  const outcome = await sendAttempt(
    attempt,
    steps(
      {
        complete: async () => requiresAction,
        handleNextAction: async () => {
          // The page changed the checkout id while the customer was in the challenge.
          shown = false;
          return {};
        },
        wanted: () => shown,
      },
      log,
    ),
  );
  assert.equal(outcome.kind, 'settled');
  assert.deepEqual(log, [`finalize pi_1 ${attempt.finalizeKey}`]);
});

test('a card payment complete answers paid after nobody shows the attempt any more is settled, as one the bank confirmed: the page is told', async () => {
  let shown = true;
  const log: string[] = [];
  const outcome = await sendAttempt(
    newAttempt(request, keys),
    steps({ complete: async () => ((shown = false), succeeded), wanted: () => shown }, log),
  );
  assert.deepEqual(outcome, { kind: 'settled', result: succeeded });
  assert.deepEqual(log, [], 'nothing more is asked: the answer is the order');
});

test('a challenge that failed after the page moved on is simply dropped: nothing was taken', async () => {
  let shown = true;
  const log: string[] = [];
  const outcome = await sendAttempt(
    newAttempt(request, keys),
    steps(
      {
        complete: async () => requiresAction,
        handleNextAction: async () => {
          shown = false;
          return { error: { type: 'card_error', message: 'failed' } };
        },
        wanted: () => shown,
      },
      log,
    ),
  );
  assert.equal(outcome.kind, 'abandoned');
  assert.deepEqual(log, []);
});

// ---- the payment a new attempt replaces, asked about first -------------------------------------

const replacing = { ...request, replacesPaymentIntentId: 'pi_left' };
const earlier: PaymentSucceeded = { ...succeeded, orderId: 'ord_earlier', paymentIntent: { id: 'pi_left', status: 'succeeded', clientSecret: null } };

test('an attempt replacing a payment left unfinished first asks how it ended; confirmed by the bank, it is the answer and nothing is charged, even when nobody waits', async () => {
  for (const shown of [true, false]) {
    const log: string[] = [];
    const attempt = newAttempt(replacing, keys);
    const outcome = await sendAttempt(attempt, steps({ finalize: async (id, key) => (log.push(`finalize ${id} ${key}`), earlier), wanted: () => shown }, log));
    assert.deepEqual(outcome, { kind: shown ? 'succeeded' : 'settled', result: earlier });
    assert.equal(log.length, 1, 'no complete');
    assert.match(log[0]!, /^finalize pi_left /);
    assert.ok(!log[0]!.endsWith(attempt.finalizeKey) && !log[0]!.endsWith(attempt.completeKey), 'a key of its own, never the attempt’s');
  }
});

test('an attempt replacing a payment the bank did not confirm (or unknown there, or refunded: told) sends its complete naming it, and its own finalize keeps its key', async () => {
  const refund = new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' });
  const refusals = [new CheckoutError('payment_not_finished', { recoverable: true }), new CheckoutError('authentication_failed', { recoverable: true }), new CheckoutError('not_found'), refund];
  for (const refusal of refusals) {
    const log: string[] = [];
    const told: CheckoutError[] = [];
    const attempt = newAttempt(replacing, keys);
    let asked = 0;
    const outcome = await sendAttempt(attempt, steps({
      complete: async (sent, key) => (log.push(`complete ${sent.replacesPaymentIntentId} ${key}`), requiresAction),
      finalize: async (id, key) => {
        log.push(`finalize ${id} ${key}`);
        asked += 1;
        if (asked === 1) throw refusal;
        return succeeded;
      },
      refunded: (error) => void told.push(error),
    }, log));
    assert.equal(outcome.kind, 'succeeded', refusal.code);
    assert.deepEqual(told, refusal === refund ? [refund] : [], `${refusal.code}: a refund of the payment it replaces is told, nothing else`);
    assert.match(log[0]!, /^finalize pi_left /, refusal.code);
    assert.deepEqual(log.slice(1), [`complete pi_left ${attempt.completeKey}`, 'action pi_1_secret_2', `finalize pi_1 ${attempt.finalizeKey}`], refusal.code);
  }
});

test('an attempt resent after its complete may have charged is never answered by the payment it replaces: only its own answer says how it ended', async () => {
  const log: string[] = [];
  const attempt = newAttempt(replacing, keys);
  let completes = 0;
  const lossy = steps({
    complete: async (_sent, key) => {
      log.push(`complete ${key}`);
      completes += 1;
      if (completes === 1) throw new CheckoutError('network_error', { recoverable: true });
      return succeeded;
    },
    finalize: async (id) => {
      log.push(`finalize ${id}`);
      // Unconfirmed when first asked; confirmed by the time the complete is resent.
      if (completes === 0) throw new CheckoutError('payment_not_finished', { recoverable: true });
      return earlier;
    },
  }, log);
  assert.equal((await sendAttempt(attempt, lossy)).kind, 'unknown');
  assert.deepEqual(await sendAttempt(attempt, lossy), { kind: 'succeeded', result: succeeded });
  assert.deepEqual(log, ['finalize pi_left', `complete ${attempt.completeKey}`, `complete ${attempt.completeKey}`]);
  // Read back after a reload (kept once its complete may have gone): resent as it was, nothing asked first.
  const kept: Attempt = JSON.parse(JSON.stringify(attempt));
  log.length = 0;
  completes = 1;
  assert.equal((await sendAttempt(kept, lossy)).kind, 'succeeded');
  assert.deepEqual(log, [`complete ${kept.completeKey}`]);
});

// ---- review 15: the question's answer lost, or the page reloaded while it was asked ------------

test('an attempt whose question about the payment it replaces is lost (network, 5xx, 429) sends no complete: nothing charged, and the next Pay asks again', async () => {
  const tooMany = () => new CheckoutError('rate_limited', { recoverable: true });
  for (const lost of [new CheckoutError('network_error', { recoverable: true }), new CheckoutError('server_error', { recoverable: true }), new CheckoutError('invalid_response', { recoverable: true }), tooMany()]) {
    const log: string[] = [];
    const outcome = await sendAttempt(newAttempt(replacing, keys), steps({ finalize: async (id) => { log.push(`finalize ${id}`); throw lost; } }, log));
    assert.deepEqual(log, ['finalize pi_left'], `${lost.code}: no complete after a question unanswered`);
    assert.equal(outcome.kind, 'failed', `${lost.code}: nothing was sent, nothing charged`);
  }
});

test('an attempt kept in the tab before its question was answered (a reload while it was asked) asks again before its complete; once its complete may have gone, it is resent as it was', async () => {
  const log: string[] = [];
  const attempt = newAttempt(replacing, keys);
  // Kept before it is sent (pay-attempt-controller's #start), read back after a reload.
  const keptBefore: Attempt = JSON.parse(JSON.stringify(attempt));
  const outcome = await sendAttempt(keptBefore, steps({ finalize: async (id, key) => (log.push(`finalize ${id} ${key}`), earlier) }, log));
  assert.deepEqual(outcome, { kind: 'succeeded', result: earlier });
  assert.equal(log.length, 1, 'no complete');
  assert.match(log[0]!, /^finalize pi_left /);
  // The attempt as kept once the question was answered and its complete about to go.
  const kept: Attempt[] = [];
  const asked = newAttempt(replacing, keys);
  await sendAttempt(asked, steps({
    finalize: async () => { throw new CheckoutError('payment_not_finished', { recoverable: true }); },
    complete: async () => { throw new CheckoutError('network_error', { recoverable: true }); },
    progressed: (progressed) => void kept.push(JSON.parse(JSON.stringify(progressed))),
  }));
  assert.ok(kept.length > 0, 'kept again before the complete went');
  log.length = 0;
  assert.equal((await sendAttempt(kept.at(-1)!, steps({}, log))).kind, 'succeeded');
  assert.deepEqual(log, [`complete ${asked.completeKey}`], 'resent as it was, nothing asked');
});

test('an attempt whose question finds the payment it replaces over for good (its order deleted, refunded as its checkout closed, the checkout closed) ends there: no complete, as the complete’s answer would within minutes', async () => {
  const overs = [new CheckoutError('order_deleted'), new CheckoutError('payment_refunded', { reason: null }), new CheckoutError('expired'), new CheckoutError('completed')];
  for (const over of overs) {
    for (const shown of [true, false]) {
      const log: string[] = [];
      const outcome = await sendAttempt(newAttempt(replacing, keys), steps({ finalize: async (id) => { log.push(`finalize ${id}`); throw over; }, wanted: () => shown }, log));
      assert.deepEqual(log, ['finalize pi_left'], `${over.code}: no complete`);
      const expected = shown ? 'closed' : /^(payment_refunded|order_deleted)$/.test(over.code) ? 'settledRefused' : 'abandoned';
      assert.equal(outcome.kind, expected, `${over.code}, shown ${shown}`);
      if (outcome.kind !== 'abandoned') assert.equal(outcome.error, over);
    }
  }
});
