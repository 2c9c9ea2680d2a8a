// Idempotency and concurrency over HTTP: a repeated key replays the first answer byte for byte,
// and simultaneous completes of one checkout never create a second order.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  confirmationToken,
  errorOf,
  newIdempotencyKey,
  paymentIntentOf,
  startTestSandbox,
  validCompleteBody,
  validCreateBody,
  type Answer,
  type RequiresActionBody,
  type SucceededBody,
} from './support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

function isReplay(answer: Answer): boolean {
  return answer.headers['idempotent-replayed'] === 'true';
}

test('the same key with the same body replays the first answer byte for byte, marked idempotent-replayed, with one order', async () => {
  const checkout = await sandbox.createCheckout();
  const key = newIdempotencyKey();
  const body = validCompleteBody();
  const before = await sandbox.counts();
  const first = await sandbox.complete(checkout.id, body, key);
  assert.equal(first.status, 200, first.text);
  assert.equal(isReplay(first), false, 'the first answer is not a replay');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const again = await sandbox.complete(checkout.id, body, key);
    assert.equal(again.status, 200);
    assert.equal(again.text, first.text);
    assert.equal(isReplay(again), true);
    assert.equal(again.headers['access-control-allow-origin'], '*');
  }
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });
});

test('the replay header is exposed to the browser through CORS', async () => {
  const checkout = await sandbox.createCheckout();
  const key = newIdempotencyKey();
  const body = validCompleteBody();
  await sandbox.complete(checkout.id, body, key);
  const again = await sandbox.complete(checkout.id, body, key);
  const exposed = (again.headers['access-control-expose-headers'] ?? '').toLowerCase();
  assert.ok(exposed.includes('idempotent-replayed'), `access-control-expose-headers: ${exposed}`);
});

test('the same key with a different body is 422 idempotency_key_reused and changes nothing', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const key = newIdempotencyKey();
  const first = await sandbox.complete(checkout.id, validCompleteBody(), key);
  assert.equal(first.status, 200);
  const before = await sandbox.counts();
  const variants = [
    validCompleteBody(undefined, { customer: { name: 'Someone Else', email: 'else@example.com' } }),
    validCompleteBody(undefined, { currency: 'eur' }),
    validCompleteBody(undefined, { confirmationToken: confirmationToken('succeeds') }),
  ];
  for (const body of variants) {
    const answer = await sandbox.complete(checkout.id, body, key);
    assert.equal(answer.status, 422, answer.text);
    assert.equal(errorOf(answer).code, 'idempotency_key_reused');
  }
  assert.deepEqual(await sandbox.counts(), before);
});

test('a byte-different but equal JSON body is a different body: 422, not a replay', async () => {
  const checkout = await sandbox.createCheckout();
  const key = newIdempotencyKey();
  const body = validCompleteBody();
  const first = await sandbox.complete(checkout.id, body, key);
  assert.equal(first.status, 200);
  const spaced = await sandbox.post(`/api/public/checkout/${checkout.id}/complete`, {
    raw: JSON.stringify(body, null, 2),
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
  });
  assert.equal(spaced.status, 422, spaced.text);
});

test('a declined attempt is replayed as the same 402 for its key; a new key with a good card then pays', async () => {
  const checkout = await sandbox.createCheckout();
  const key = newIdempotencyKey();
  const declined = validCompleteBody(undefined, { confirmationToken: confirmationToken('insufficient_funds') });
  const first = await sandbox.complete(checkout.id, declined, key);
  assert.equal(first.status, 402);
  const again = await sandbox.complete(checkout.id, declined, key);
  assert.equal(again.status, 402);
  assert.equal(again.text, first.text);
  assert.equal(isReplay(again), true);
  const paid = await sandbox.complete(checkout.id, validCompleteBody(), newIdempotencyKey());
  assert.equal(paid.status, 200, paid.text);
});

test('a key is scoped to its checkout: the same key and body on another checkout is a new payment', async () => {
  const one = await sandbox.createCheckout();
  const two = await sandbox.createCheckout();
  const key = newIdempotencyKey();
  const body = validCompleteBody();
  const first = await sandbox.complete(one.id, body, key);
  const second = await sandbox.complete(two.id, body, key);
  assert.equal(first.status, 200);
  assert.equal(second.status, 200, second.text);
  assert.equal(isReplay(second), false);
  assert.notEqual((first.body as SucceededBody).orderId, (second.body as SucceededBody).orderId);
});

test('finalize replays its answer for the same key', async () => {
  const checkout = await sandbox.createCheckout();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmationToken: confirmationToken('threeds') }));
  const { clientSecret } = started.body as RequiresActionBody;
  await sandbox.post(`/sandbox/stripe/payment_intents/${paymentIntentOf(clientSecret)}/authenticate`, {
    json: { clientSecret, outcome: 'succeeded' },
  });
  const key = newIdempotencyKey();
  const first = await sandbox.finalize(checkout.id, key);
  assert.equal(first.status, 200, first.text);
  const again = await sandbox.finalize(checkout.id, key);
  assert.equal(again.text, first.text);
  assert.equal(isReplay(again), true);
});

test('a 3-D Secure complete replayed with its key gives the same client secret and no second pending payment', async () => {
  const checkout = await sandbox.createCheckout();
  const key = newIdempotencyKey();
  const body = validCompleteBody(undefined, { confirmationToken: confirmationToken('threeds') });
  const first = await sandbox.complete(checkout.id, body, key);
  const again = await sandbox.complete(checkout.id, body, key);
  assert.equal(first.status, 200);
  assert.equal(again.text, first.text);
  assert.equal(isReplay(again), true);
});

test('25 simultaneous completes of one checkout with different keys create exactly one order; the other 24 are 409 completed', async () => {
  const checkout = await sandbox.createCheckout();
  const before = await sandbox.counts();
  const answers = await Promise.all(
    Array.from({ length: 25 }, (_, index) =>
      sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { name: `Buyer ${index}`, email: `buyer${index}@example.com` } })),
    ),
  );
  const winners = answers.filter((answer) => answer.status === 200);
  const losers = answers.filter((answer) => answer.status === 409);
  assert.equal(winners.length, 1, answers.map((answer) => answer.status).join(','));
  assert.equal(losers.length, 24);
  for (const loser of losers) assert.equal(errorOf(loser).code, 'completed');
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });
  assert.equal((await sandbox.readCheckout(checkout.id)).orderId, (winners[0]!.body as SucceededBody).orderId);
});

test('25 simultaneous completes with the same key all get the same answer, 24 of them as replays, and one order', async () => {
  const checkout = await sandbox.createCheckout();
  const key = newIdempotencyKey();
  const body = validCompleteBody();
  const before = await sandbox.counts();
  const answers = await Promise.all(Array.from({ length: 25 }, () => sandbox.complete(checkout.id, body, key)));
  for (const answer of answers) {
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.text, answers[0]!.text);
  }
  assert.equal(answers.filter(isReplay).length, 24);
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });
});

test('12 checkouts completed at once with mixed keys: one order each, every request answered', async () => {
  const checkouts = await Promise.all(Array.from({ length: 12 }, () => sandbox.createCheckout()));
  const before = await sandbox.counts();
  const requests: Array<Promise<{ checkoutId: string; key: string; answer: Answer }>> = [];
  for (const checkout of checkouts) {
    const shared = newIdempotencyKey();
    const body = validCompleteBody();
    const keys = [shared, shared, shared, newIdempotencyKey(), newIdempotencyKey(), newIdempotencyKey()];
    for (const key of keys) {
      const sent = key === shared ? body : validCompleteBody();
      requests.push(sandbox.complete(checkout.id, sent, key).then((answer) => ({ checkoutId: checkout.id, key, answer })));
    }
  }
  const results = await Promise.all(requests);
  assert.equal(results.length, 72);
  for (const checkout of checkouts) {
    const mine = results.filter((result) => result.checkoutId === checkout.id);
    const paid = mine.filter((result) => result.answer.status === 200);
    const orderIds = new Set(paid.map((result) => (result.answer.body as SucceededBody).orderId));
    assert.equal(orderIds.size, 1, `${checkout.id}: one order`);
    const paidKeys = new Set(paid.map((result) => result.key));
    assert.equal(paidKeys.size, 1, `${checkout.id}: one key paid`);
    for (const result of mine) {
      if (result.answer.status === 200) continue;
      assert.equal(result.answer.status, 409, `${checkout.id}: ${result.answer.text}`);
      assert.equal(errorOf(result.answer).code, 'completed');
      assert.ok(!paidKeys.has(result.key), 'the paying key is always replayed, never refused');
    }
    assert.equal((await sandbox.readCheckout(checkout.id)).orderId, [...orderIds][0]);
  }
  const after = await sandbox.counts();
  assert.equal(after.orders, before.orders + 12);
  assert.equal(after.customers, before.customers + 12);
});

test('a key replays its first answer even after the checkout has expired', async () => {
  const checkout = await sandbox.createCheckout();
  const key = newIdempotencyKey();
  const body = validCompleteBody();
  const first = await sandbox.complete(checkout.id, body, key);
  assert.equal(first.status, 200);
  sandbox.clock.advance(25 * 3_600_000);
  try {
    const again = await sandbox.complete(checkout.id, body, key);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.text, first.text);
    assert.equal(isReplay(again), true);
  } finally {
    sandbox.clock.reset();
  }
});

test('30 simultaneous creates give 30 distinct checkouts', async () => {
  const before = await sandbox.total('checkouts');
  const created = await Promise.all(Array.from({ length: 30 }, () => sandbox.createCheckout()));
  assert.equal(new Set(created.map((checkout) => checkout.id)).size, 30);
  assert.equal(await sandbox.total('checkouts'), before + 30);
});

test('an Idempotency-Key of 255 visible ASCII characters is accepted and replays like any other', async () => {
  const checkout = await sandbox.createCheckout();
  const key = `${'!~'.repeat(127)}Z`;
  const body = validCompleteBody();
  const first = await sandbox.complete(checkout.id, body, key);
  assert.equal(first.status, 200, first.text);
  const again = await sandbox.complete(checkout.id, body, key);
  assert.equal(again.text, first.text);
  assert.equal(isReplay(again), true);
});
