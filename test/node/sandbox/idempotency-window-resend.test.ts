// The element keeps an attempt whose answer was lost for up to 31 days (stored-attempt.ts) and
// resends it as it was: the same Idempotency-Key, body and confirmation token. A reusable link may
// stay open for 30 days. A resend after the 24-hour idempotency window, or after its stored answer
// was pushed out by the cap, must not charge the buyer a second time: Stripe never confirms a
// confirmation token twice, however old. The token is kept on the payment it made, and a complete
// sending it again is answered that payment as it stands.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../sandbox/clock.ts';
import { createMemoryStore, IDEMPOTENCY_WINDOW_MS } from '../../../sandbox/store.ts';
import {
  errorOf,
  newIdempotencyKey,
  requiresActionOf,
  send,
  startTestSandbox,
  succeededOf,
  threeDsCompleteBody,
  validCompleteBody,
  validCreateBody,
  withClockAhead,
  type TestSandbox,
} from './support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const WEEK = 7 * 24 * 3_600_000;
const threeDs = threeDsCompleteBody;

/** A reusable link open for a week, so that a day's move of the clock leaves it payable. */
function reusableCheckout(on: TestSandbox = sandbox) {
  return on.createCheckout(validCreateBody({ singleUse: false, expiresAt: new Date(on.clock.now().getTime() + WEEK).toISOString() }));
}

/** Runs `check` with the clock moved past the idempotency window, and moves it back after. */
function pastTheWindow(check: () => Promise<void>): Promise<void> {
  return withClockAhead(sandbox, IDEMPOTENCY_WINDOW_MS + 1000, check);
}

test('a paid attempt resent after the idempotency window charges nothing more, and is answered its order as a replay', async () => {
  const checkout = await reusableCheckout();
  const body = validCompleteBody();
  const key = newIdempotencyKey();
  const first = succeededOf(await sandbox.complete(checkout.id, body, key));
  const before = await sandbox.counts();
  const events = sandbox.emitted.length;
  // The answer was lost; the tab kept the attempt, and the buyer presses Try again (or reloads) a day later.
  await pastTheWindow(async () => {
    const again = await sandbox.complete(checkout.id, body, key);
    assert.deepEqual(await sandbox.counts(), before, `one attempt made a second order: ${again.status} ${again.text}`);
    assert.deepEqual(succeededOf(again), first, 'the first answer again');
    assert.equal(again.headers['idempotent-replayed'], 'true');
    // Paid's client sends no key: the token alone finds the payment too.
    assert.deepEqual(succeededOf(await sandbox.complete(checkout.id, body)), first);
  });
  assert.deepEqual(sandbox.emitted.slice(events), [], 'nothing announced again');
});

test('a token that paid a single-use link, resent after the window, is answered its order rather than 409 completed', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ expiresAt: new Date(sandbox.clock.now().getTime() + WEEK).toISOString() }));
  const body = validCompleteBody();
  const first = succeededOf(await sandbox.complete(checkout.id, body, newIdempotencyKey()));
  await pastTheWindow(async () => {
    assert.deepEqual(succeededOf(await sandbox.complete(checkout.id, body, newIdempotencyKey())), first);
  });
});

test('a 3-D Secure attempt resent after the window: its challenge again while pending, its order once confirmed, no second payment', async () => {
  const checkout = await reusableCheckout();
  const body = threeDs();
  const key = newIdempotencyKey();
  const pending = requiresActionOf(await sandbox.complete(checkout.id, body, key));
  await pastTheWindow(async () => {
    const again = await sandbox.complete(checkout.id, body, key);
    assert.deepEqual(requiresActionOf(again), pending, 'the same payment and challenge');
    assert.match(String(again.headers['set-cookie']), new RegExp(`paid_checkout_payment=${pending.payment_intent.id};`), 'the payment cookie with it, as the first time');
    assert.equal((await sandbox.authenticate(pending.payment_intent.client_secret, 'succeeded')).status, 200);
    const before = await sandbox.counts();
    // (Under the same key the answer just stored, the challenge, is replayed for 24 hours more.)
    const paid = succeededOf(await sandbox.complete(checkout.id, body, newIdempotencyKey()));
    assert.equal(paid.payment_intent.id, pending.payment_intent.id);
    assert.deepEqual(await sandbox.counts(), before);
  });
});

test('a token whose payment failed or was refunded, sent again on its checkout, is 409 confirmation_token_used: nothing was charged, pay with a new one', async () => {
  const checkout = await reusableCheckout();
  const body = threeDs();
  const pending = requiresActionOf(await sandbox.complete(checkout.id, body, newIdempotencyKey()));
  assert.equal((await sandbox.authenticate(pending.payment_intent.client_secret, 'failed')).status, 200);
  await pastTheWindow(async () => {
    const again = await sandbox.complete(checkout.id, body, newIdempotencyKey());
    assert.equal(again.status, 409, again.text);
    assert.equal(errorOf(again).code, 'confirmation_token_used');
  });
});

test('a token that paid one checkout is refused on another, however long after', async () => {
  const body = validCompleteBody();
  succeededOf(await sandbox.complete((await reusableCheckout()).id, body, newIdempotencyKey()));
  const other = await reusableCheckout();
  const before = await sandbox.counts();
  await pastTheWindow(async () => {
    const elsewhere = await sandbox.complete(other.id, body, newIdempotencyKey());
    assert.equal(errorOf(elsewhere).code, 'confirmation_token_used');
  });
  assert.equal((await sandbox.counts()).orders, before.orders);
});

test('a paid attempt whose stored answer the cap pushed out is answered its order, not 409', async () => {
  const clock = createAdjustableClock();
  const store = createMemoryStore({ clock, maxIdempotentAnswers: 2 });
  const started = await startSandbox({ port: 0, clock, store });
  try {
    const create = await send<{ id: string }>(started.url, 'POST', '/api/v2/checkouts', { json: validCreateBody({ singleUse: false }), key: started.secretKey });
    const complete = (body: unknown, key: string) =>
      send(started.url, 'POST', `/api/public/checkout/${create.body.id}/complete`, { json: body, headers: { 'idempotency-key': key } });
    const body = validCompleteBody();
    const key = newIdempotencyKey();
    const first = succeededOf(await complete(body, key));
    // Other buyers' answers push it out.
    for (let index = 0; index < 3; index += 1) succeededOf(await complete(validCompleteBody(), newIdempotencyKey()));
    const orders = store.orders.size;
    const again = await complete(body, key);
    assert.deepEqual(succeededOf(again), first);
    assert.equal(store.orders.size, orders);
  } finally {
    await started.close();
  }
});
