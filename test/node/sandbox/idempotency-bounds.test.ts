// The idempotency memory is bounded: an answer (and a declined confirmation token) is kept for 24
// hours by the sandbox's clock (Stripe's window) and within a cap on entries, oldest forgotten first,
// and a refusal keeps no more than its replay needs. A token that made a payment is not in that
// memory: it is kept on its payment, and never pays again (idempotency-window-resend.test.ts).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../sandbox/clock.ts';
import {
  createMemoryStore,
  IDEMPOTENCY_WINDOW_MS,
  MAX_IDEMPOTENT_ANSWERS,
  MAX_USED_CONFIRMATION_TOKENS,
  type IdempotentAnswer,
} from '../../../sandbox/store.ts';
import {
  confirmationToken,
  errorOf,
  newIdempotencyKey,
  send,
  validCompleteBody,
  validCreateBody,
  type Answer,
} from './support.ts';

const HOUR = 60 * 60 * 1000;
const SMALL_CAP = 40;

// The sandbox's clock is the store's clock: moving it by a day is what forgets a key.
const clock = createAdjustableClock();
const store = createMemoryStore({ clock, maxIdempotentAnswers: SMALL_CAP });
const started = await startSandbox({ port: 0, clock, store });
after(() => started.close());

async function newCheckout(): Promise<string> {
  // Open for a month, so that a day's move of the clock leaves it payable.
  const expiresAt = new Date(clock.now().getTime() + 29 * 24 * HOUR).toISOString();
  const answer = await send<{ id: string }>(started.url, 'POST', '/api/v2/checkouts', {
    json: validCreateBody({ singleUse: false, expiresAt }),
    key: started.secretKey,
  });
  assert.equal(answer.status, 201, answer.text);
  return answer.body.id;
}

function complete(checkoutId: string, body: unknown, idempotencyKey: string): Promise<Answer> {
  return send(started.url, 'POST', `/api/public/checkout/${checkoutId}/complete`, {
    json: body,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

const replayed = (answer: Answer) => answer.headers['idempotent-replayed'] === 'true';
const declineBody = () => validCompleteBody(undefined, { confirmation_token: confirmationToken('insufficient_funds') });
const answer = (body: string): IdempotentAnswer => ({ bodyDigest: 'd'.repeat(64), status: 402, body });

test('an answer is replayed for the same key until 24 hours have passed on the sandbox clock, and then the key is new', async () => {
  const checkoutId = await newCheckout();
  const key = newIdempotencyKey();
  const body = declineBody();
  const first = await complete(checkoutId, body, key);
  assert.equal(first.status, 402, first.text);

  clock.advance(IDEMPOTENCY_WINDOW_MS - HOUR);
  const within = await complete(checkoutId, body, key);
  assert.ok(replayed(within), 'replayed 23 hours later');
  assert.equal(within.text, first.text);
  const otherBody = await complete(checkoutId, declineBody(), key);
  assert.equal(otherBody.status, 422, otherBody.text);
  assert.equal(errorOf(otherBody).code, 'idempotency_key_reused');

  clock.advance(HOUR);
  const afterWindow = await complete(checkoutId, validCompleteBody(), key);
  assert.equal(afterWindow.status, 200, `24 hours on the key is new: ${afterWindow.text}`);
  assert.ok(!replayed(afterWindow));
});

test('a confirmation token that paid is refused on another checkout within 24 hours and after them: it is kept on its payment', async () => {
  const body = validCompleteBody();
  assert.equal((await complete(await newCheckout(), body, newIdempotencyKey())).status, 200);

  clock.advance(IDEMPOTENCY_WINDOW_MS - HOUR);
  const within = await complete(await newCheckout(), body, newIdempotencyKey());
  assert.equal(within.status, 409, within.text);
  assert.equal(errorOf(within).code, 'confirmation_token_used');

  clock.advance(HOUR);
  const afterWindow = await complete(await newCheckout(), body, newIdempotencyKey());
  assert.equal(afterWindow.status, 409, `24 hours on a token that paid still pays nothing: ${afterWindow.text}`);
  assert.equal(errorOf(afterWindow).code, 'confirmation_token_used');
});

test('a declined confirmation token is refused within 24 hours and forgotten after them (it charged nothing, and declines again)', async () => {
  const body = declineBody();
  assert.equal((await complete(await newCheckout(), body, newIdempotencyKey())).status, 402);

  clock.advance(IDEMPOTENCY_WINDOW_MS - HOUR);
  const within = await complete(await newCheckout(), body, newIdempotencyKey());
  assert.equal(errorOf(within).code, 'confirmation_token_used');

  clock.advance(HOUR);
  const afterWindow = await complete(await newCheckout(), body, newIdempotencyKey());
  assert.equal(afterWindow.status, 402, `24 hours on the declined token is forgotten: ${afterWindow.text}`);
});

test('declines with fresh keys keep no more answers than the cap, each no bigger than its replay', async () => {
  const checkoutId = await newCheckout();
  const sent: Answer[] = [];
  for (let index = 0; index < SMALL_CAP * 3; index += 1) sent.push(await complete(checkoutId, declineBody(), newIdempotencyKey()));
  assert.ok(sent.every((declined) => declined.status === 402));

  const { entries, characters } = store.idempotency.usage();
  assert.equal(entries, SMALL_CAP);
  // The key (checkout, route and Idempotency-Key as JSON), the 64-hex digest, and the body sent.
  const perEntry = Math.max(...sent.map((declined) => declined.text.length)) + 64 + 120;
  assert.ok(characters <= SMALL_CAP * perEntry, `${characters} characters kept for ${entries} declines`);
});

test('at the cap the oldest answer is forgotten first, and a newer one is still replayed', () => {
  const memory = createMemoryStore({ clock, maxIdempotentAnswers: 3 }).idempotency;
  for (const key of ['a', 'b', 'c', 'd']) memory.put(key, answer(`{"key":"${key}"}`));
  assert.equal(memory.get('a'), undefined, 'the oldest is gone');
  assert.deepEqual(['b', 'c', 'd'].map((key) => memory.get(key)?.body), ['{"key":"b"}', '{"key":"c"}', '{"key":"d"}']);
  assert.deepEqual(memory.usage().entries, 3);
});

test(`the default store keeps at most ${MAX_IDEMPOTENT_ANSWERS} answers and ${MAX_USED_CONFIRMATION_TOKENS} declined tokens`, () => {
  const defaults = createMemoryStore({ clock });
  for (let index = 0; index <= MAX_IDEMPOTENT_ANSWERS; index += 1) defaults.idempotency.put(`key_${index}`, answer('{}'));
  assert.equal(defaults.idempotency.usage().entries, MAX_IDEMPOTENT_ANSWERS);
  assert.equal(defaults.idempotency.get('key_0'), undefined);
  assert.ok(defaults.idempotency.get(`key_${MAX_IDEMPOTENT_ANSWERS}`));

  for (let index = 0; index <= MAX_USED_CONFIRMATION_TOKENS; index += 1) defaults.usedConfirmationTokens.add(`ctoken_${index}`);
  assert.equal(defaults.usedConfirmationTokens.size, MAX_USED_CONFIRMATION_TOKENS);
  assert.equal(defaults.usedConfirmationTokens.has('ctoken_0'), false);
  assert.equal(defaults.usedConfirmationTokens.has(`ctoken_${MAX_USED_CONFIRMATION_TOKENS}`), true);
});

test('entries older than 24 hours are let go when the next one is stored, not only when asked for', () => {
  const local = createAdjustableClock();
  const memory = createMemoryStore({ clock: local }).idempotency;
  for (let index = 0; index < 100; index += 1) memory.put(`old_${index}`, answer('{}'));
  local.advance(IDEMPOTENCY_WINDOW_MS);
  memory.put('new', answer('{}'));
  assert.equal(memory.usage().entries, 1);
});
