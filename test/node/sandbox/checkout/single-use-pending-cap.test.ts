// A reusable link holds at most PENDING_CHALLENGES_PER_LINK payments waiting for 3-D Secure that
// started in the last 15 minutes: one more is 429 rate_limited with nothing charged (Retry-After:
// until the oldest stops counting; not kept for the Idempotency-Key, so the same request may be tried again), while
// every retry of a buyer already in (a token sent again, a replaced challenge) and every card that
// pays at once still goes through; room comes back as challenges are answered or grow old.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PENDING_CHALLENGES_PER_LINK, PENDING_PAYMENT_HOLD_MS } from '../../../../sandbox/checkout/single-use.ts';
import { confirmationToken, errorOf, newIdempotencyKey, requiresActionOf, startTestSandbox, succeededOf, validCompleteBody, validCreateBody } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const threeDs = () => validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') });

/** A reusable link with `count` payments waiting for 3-D Secure, each with the body that started it. */
async function linkWithChallenges(count: number) {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const started: Array<{ body: Record<string, unknown>; id: string; secret: string }> = [];
  for (let index = 0; index < count; index += 1) {
    const body = threeDs();
    const { payment_intent } = requiresActionOf(await sandbox.complete(checkout.id, body, newIdempotencyKey()));
    started.push({ body, id: payment_intent.id, secret: payment_intent.client_secret });
  }
  return { checkoutId: checkout.id, started };
}

test(`a reusable link with ${PENDING_CHALLENGES_PER_LINK} challenges open refuses another (429 rate_limited with Retry-After, nothing created, the same key free to try again), yet answers its buyers’ retries and pays a card that needs none`, async () => {
  const { checkoutId, started } = await linkWithChallenges(PENDING_CHALLENGES_PER_LINK);
  const payments = sandbox.store.paymentIntents.size;

  const refusedBody = threeDs();
  const refusedKey = newIdempotencyKey();
  const refused = await sandbox.complete(checkoutId, refusedBody, refusedKey);
  assert.equal(refused.status, 429, refused.text);
  assert.equal(errorOf(refused).code, 'rate_limited');
  assert.match(errorOf(refused).message, /Nothing was charged/);
  const retryAfter = Number(refused.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= PENDING_PAYMENT_HOLD_MS / 1000, `Retry-After: ${refused.headers['retry-after']}`);
  assert.match(refused.headers['access-control-expose-headers'] ?? '', /retry-after/);
  assert.equal(sandbox.store.paymentIntents.size, payments, 'no payment was created');

  // A buyer already in: their token sent again is their challenge again.
  const first = started[0]!;
  const again = requiresActionOf(await sandbox.complete(checkoutId, first.body, newIdempotencyKey()));
  assert.equal(again.payment_intent.id, first.id);
  // A buyer switching cards replaces their own challenge: still one of the open ones, so allowed.
  const second = started[1]!;
  const replaced = requiresActionOf(await sandbox.complete(checkoutId, { ...threeDs(), replaces_payment_intent_id: second.id }, newIdempotencyKey()));
  assert.notEqual(replaced.payment_intent.id, second.id);
  assert.equal(sandbox.store.paymentIntents.get(second.id)!.state, 'failed', 'the replaced challenge is cancelled');
  // A card that pays at once opens no challenge.
  succeededOf(await sandbox.complete(checkoutId, validCompleteBody(), newIdempotencyKey()));

  // One challenge answered (declined at the bank) makes room for one more.
  const third = started[2]!;
  assert.equal((await sandbox.post(`/sandbox/stripe/payment_intents/${third.id}/authenticate`, { json: { clientSecret: third.secret, outcome: 'failed' } })).status, 200);
  // The refused request itself, under its own key, now gets that room: the refusal was not kept.
  requiresActionOf(await sandbox.complete(checkoutId, refusedBody, refusedKey));
  assert.equal((await sandbox.complete(checkoutId, threeDs(), newIdempotencyKey())).status, 429, 'full again');
});

test('challenges left open past the 15-minute hold no longer count against the link', async () => {
  const { checkoutId } = await linkWithChallenges(PENDING_CHALLENGES_PER_LINK);
  assert.equal((await sandbox.complete(checkoutId, threeDs(), newIdempotencyKey())).status, 429);
  sandbox.clock.advance(PENDING_PAYMENT_HOLD_MS);
  requiresActionOf(await sandbox.complete(checkoutId, threeDs(), newIdempotencyKey()));
});

test('a single-use link is unchanged: one challenge holds it (payment_in_progress for anyone else)', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody());
  requiresActionOf(await sandbox.complete(checkout.id, threeDs(), newIdempotencyKey()));
  const refused = await sandbox.complete(checkout.id, threeDs(), newIdempotencyKey());
  assert.equal(errorOf(refused).code, 'payment_in_progress', refused.text);
  assert.match(errorOf(refused).message, /already started paying with this link/);
});
