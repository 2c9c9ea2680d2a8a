// Idempotency and concurrency over HTTP: a repeated Idempotency-Key (ours) or, without one, a
// repeated confirmation_token (Paid's client sends no key) replays the first answer byte for
// byte, and simultaneous completes of one checkout never create a second order.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertCors,
  confirmationToken,
  errorOf,
  newIdempotencyKey,
  requiresActionOf,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type Answer,
} from './support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

function isReplay(answer: Answer): boolean {
  return answer.headers['idempotent-replayed'] === 'true';
}

/**
 * How a client names one attempt: with an Idempotency-Key header (ours), or with nothing but
 * its confirmation_token (Paid's own client). `attempt()` makes a sender for one attempt.
 */
interface KeyMode {
  name: string;
  /** What a 422 says was reused. */
  reused: 'Idempotency-Key' | 'confirmation_token';
  attempt(): (checkoutId: string, body: unknown) => Promise<Answer>;
}

const modes: KeyMode[] = [
  {
    name: 'Idempotency-Key',
    reused: 'Idempotency-Key',
    attempt() {
      const key = newIdempotencyKey();
      return (checkoutId, body) => sandbox.complete(checkoutId, body, key);
    },
  },
  {
    name: 'confirmation_token without a key',
    reused: 'confirmation_token',
    attempt: () => (checkoutId, body) => sandbox.complete(checkoutId, body),
  },
];

for (const mode of modes) {
  test(`the same ${mode.name} with the same body replays the first answer byte for byte, marked idempotent-replayed, with one order`, async () => {
    const checkout = await sandbox.createCheckout();
    const send = mode.attempt();
    const body = validCompleteBody();
    const before = await sandbox.counts();
    const first = await send(checkout.id, body);
    succeededOf(first);
    assert.equal(isReplay(first), false, 'the first answer is not a replay');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const again = await send(checkout.id, body);
      assert.equal(again.status, 200);
      assert.equal(again.text, first.text);
      assert.equal(isReplay(again), true);
      assertCors(again, null, 'replay');
    }
    assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });
  });

  test(`the same ${mode.name} with a different body is 422 idempotency_key_reused and changes nothing`, async () => {
    const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
    const send = mode.attempt();
    const body = validCompleteBody();
    succeededOf(await send(checkout.id, body));
    const before = await sandbox.counts();
    const variants: Array<Record<string, unknown>> = [
      { ...body, customer: { name: 'Someone Else', email: 'else@example.com' } },
      { ...body, currency: 'eur' },
      { ...body, selections: [{ product_id: 'prod_analytics', plan_id: 'plan_analytics_scale', quantity: 1 }, { product_id: 'prod_seats', plan_id: 'plan_seats_team', quantity: 3 }] },
      { ...body, amount_due: 8500 },
    ];
    // With a key, a new confirmation token under the same key is another body too.
    if (mode.reused === 'Idempotency-Key') variants.push({ ...body, confirmation_token: confirmationToken('succeeds') });
    for (const variant of variants) {
      const answer = await send(checkout.id, variant);
      assert.equal(answer.status, 422, answer.text);
      const error = errorOf(answer);
      assert.equal(error.code, 'idempotency_key_reused');
      assert.ok(error.message.includes(mode.reused), `the message names what was reused: ${error.message}`);
    }
    assert.deepEqual(await sandbox.counts(), before);
  });

  test(`a byte-different but equal JSON body under the same ${mode.name} is a different body: 422, not a replay`, async () => {
    const checkout = await sandbox.createCheckout();
    const key: Record<string, string> = mode.reused === 'Idempotency-Key' ? { 'idempotency-key': newIdempotencyKey() } : {};
    const body = validCompleteBody();
    const path = `/api/public/checkout/${checkout.id}/complete`;
    const first = await sandbox.post(path, { raw: JSON.stringify(body), headers: { 'content-type': 'application/json', ...key } });
    succeededOf(first);
    const spaced = await sandbox.post(path, { raw: JSON.stringify(body, null, 2), headers: { 'content-type': 'application/json', ...key } });
    assert.equal(spaced.status, 422, spaced.text);
    assert.equal(errorOf(spaced).code, 'idempotency_key_reused');
  });

  test(`a declined attempt is replayed as the same 402 for its ${mode.name}; a new attempt with a good card then pays`, async () => {
    const checkout = await sandbox.createCheckout();
    const send = mode.attempt();
    const declined = validCompleteBody(undefined, { confirmation_token: confirmationToken('insufficient_funds') });
    const first = await send(checkout.id, declined);
    assert.equal(first.status, 402);
    const again = await send(checkout.id, declined);
    assert.equal(again.status, 402);
    assert.equal(again.text, first.text);
    assert.equal(isReplay(again), true);
    succeededOf(await mode.attempt()(checkout.id, validCompleteBody()), 'a new attempt');
  });

  test(`a 3-D Secure complete replayed with its ${mode.name} gives the same client secret and no second pending payment`, async () => {
    const checkout = await sandbox.createCheckout();
    const send = mode.attempt();
    const body = validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') });
    const first = await send(checkout.id, body);
    const again = await send(checkout.id, body);
    const action = requiresActionOf(first);
    assert.equal(again.text, first.text);
    assert.equal(isReplay(again), true);
    await sandbox.authenticate(action.payment_intent.client_secret, 'succeeded');
    const paid = succeededOf(await sandbox.finalize(checkout.id), 'finalize');
    assert.equal(paid.payment_intent.id, action.payment_intent.id, 'the one pending payment is the one replayed');
  });

  test(`25 simultaneous completes of one checkout, each its own attempt by ${mode.name}, create exactly one order; the other 24 are 409 completed`, async () => {
    const checkout = await sandbox.createCheckout();
    const before = await sandbox.counts();
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        mode.attempt()(checkout.id, validCompleteBody(undefined, { customer: { name: `Buyer ${index}`, email: `buyer${index}@example.com` } })),
      ),
    );
    const winners = answers.filter((answer) => answer.status === 200);
    const losers = answers.filter((answer) => answer.status === 409);
    assert.equal(winners.length, 1, answers.map((answer) => answer.status).join(','));
    assert.equal(losers.length, 24);
    for (const loser of losers) assert.equal(errorOf(loser).code, 'completed');
    assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });
    assert.equal((await sandbox.readCheckout(checkout.id)).orderId, succeededOf(winners[0]!).order_id);
  });

  test(`25 simultaneous completes with the same ${mode.name} and body all get the same answer, 24 of them as replays, and one order`, async () => {
    const checkout = await sandbox.createCheckout();
    const send = mode.attempt();
    const body = validCompleteBody();
    const before = await sandbox.counts();
    const answers = await Promise.all(Array.from({ length: 25 }, () => send(checkout.id, body)));
    for (const answer of answers) {
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.text, answers[0]!.text);
    }
    assert.equal(answers.filter(isReplay).length, 24);
    assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });
  });

  test(`12 checkouts completed at once with mixed attempts by ${mode.name}: one order each, every request answered`, async () => {
    const checkouts = await Promise.all(Array.from({ length: 12 }, () => sandbox.createCheckout()));
    const before = await sandbox.counts();
    const requests: Array<Promise<{ checkoutId: string; attempt: number; answer: Answer }>> = [];
    for (const checkout of checkouts) {
      const shared = mode.attempt();
      const body = validCompleteBody();
      // Attempt 0 is sent three times; attempts 1 to 3 are each their own.
      const sends: Array<[number, () => Promise<Answer>]> = [
        [0, () => shared(checkout.id, body)],
        [0, () => shared(checkout.id, body)],
        [0, () => shared(checkout.id, body)],
        ...[1, 2, 3].map((attempt): [number, () => Promise<Answer>] => [attempt, () => mode.attempt()(checkout.id, validCompleteBody())]),
      ];
      for (const [attempt, sendOne] of sends) {
        requests.push(sendOne().then((answer) => ({ checkoutId: checkout.id, attempt, answer })));
      }
    }
    const results = await Promise.all(requests);
    assert.equal(results.length, 72);
    for (const checkout of checkouts) {
      const mine = results.filter((result) => result.checkoutId === checkout.id);
      const paid = mine.filter((result) => result.answer.status === 200);
      const orderIds = new Set(paid.map((result) => succeededOf(result.answer).order_id));
      assert.equal(orderIds.size, 1, `${checkout.id}: one order`);
      const paidAttempts = new Set(paid.map((result) => result.attempt));
      assert.equal(paidAttempts.size, 1, `${checkout.id}: one attempt paid`);
      for (const result of mine) {
        if (result.answer.status === 200) continue;
        assert.equal(result.answer.status, 409, `${checkout.id}: ${result.answer.text}`);
        assert.equal(errorOf(result.answer).code, 'completed');
        assert.ok(!paidAttempts.has(result.attempt), 'the paying attempt is always replayed, never refused');
      }
      assert.equal((await sandbox.readCheckout(checkout.id)).orderId, [...orderIds][0]);
    }
    const after = await sandbox.counts();
    assert.equal(after.orders, before.orders + 12);
    assert.equal(after.customers, before.customers + 12);
  });

  test(`the ${mode.name} replays its first answer even after the checkout has expired (within the key's 24 hours)`, async () => {
    const expiresAt = new Date(sandbox.clock.now().getTime() + 3_600_000).toISOString();
    const checkout = await sandbox.createCheckout(validCreateBody({ expiresAt }));
    const send = mode.attempt();
    const body = validCompleteBody();
    const first = await send(checkout.id, body);
    succeededOf(first);
    sandbox.clock.advance(2 * 3_600_000);
    try {
      const again = await send(checkout.id, body);
      assert.equal(again.status, 200, again.text);
      assert.equal(again.text, first.text);
      assert.equal(isReplay(again), true);
    } finally {
      sandbox.clock.reset();
    }
  });
}

test('the replay header is exposed to the browser through CORS', async () => {
  const checkout = await sandbox.createCheckout();
  const body = validCompleteBody();
  await sandbox.complete(checkout.id, body);
  const again = await sandbox.complete(checkout.id, body);
  assert.equal(isReplay(again), true);
  const exposed = (again.headers['access-control-expose-headers'] ?? '').toLowerCase();
  assert.ok(exposed.includes('idempotent-replayed'), `access-control-expose-headers: ${exposed}`);
});

test('a key is scoped to its checkout: the same key on another checkout (with its own confirmation token) is a new payment', async () => {
  const one = await sandbox.createCheckout();
  const two = await sandbox.createCheckout();
  const key = newIdempotencyKey();
  const first = succeededOf(await sandbox.complete(one.id, validCompleteBody(), key));
  const answer = await sandbox.complete(two.id, validCompleteBody(), key);
  const second = succeededOf(answer, 'the other checkout');
  assert.equal(isReplay(answer), false);
  assert.notEqual(first.order_id, second.order_id);
});

test('a confirmation token pays once: used again under another key it is answered its payment as a replay, on another checkout it is 409 confirmation_token_used; nothing is charged', async () => {
  const one = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const two = await sandbox.createCheckout();
  const body = validCompleteBody();
  const paid = succeededOf(await sandbox.complete(one.id, body, newIdempotencyKey()));
  const before = await sandbox.counts();
  const again = await sandbox.complete(one.id, body, newIdempotencyKey());
  assert.deepEqual(succeededOf(again, 'another key'), paid);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  for (const [label, answer] of [
    ['another checkout', await sandbox.complete(two.id, body, newIdempotencyKey())],
    ['another checkout, no key', await sandbox.complete(two.id, body)],
  ] as const) {
    assert.equal(answer.status, 409, `${label}: ${answer.text}`);
    assert.equal(errorOf(answer).code, 'confirmation_token_used', label);
  }
  assert.deepEqual(await sandbox.counts(), before, 'no order, customer or payment was made');
});

test('finalize replays its answer for the same key', async () => {
  const checkout = await sandbox.createCheckout();
  const started = requiresActionOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') })));
  await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded');
  const key = newIdempotencyKey();
  const first = await sandbox.finalize(checkout.id, { idempotencyKey: key });
  succeededOf(first, 'finalize');
  const again = await sandbox.finalize(checkout.id, { idempotencyKey: key });
  assert.equal(again.text, first.text);
  assert.equal(isReplay(again), true);
});

for (const meanwhile of ['nothing', 'the checkout expired'] as const) {
  const after = meanwhile === 'nothing' ? 'once the bank approved, it answers the order' : 'after the approval that followed was refused (the payment was cancelled as it was told), it answers that nothing was charged';
  test(`a finalize refused 409 while its payment still waits for the bank (${meanwhile}) is not kept: sent again under its key ${after}`, async () => {
    const checkout = await sandbox.createCheckout(validCreateBody({ expiresAt: new Date(sandbox.clock.now().getTime() + 3_600_000).toISOString() }));
    const started = requiresActionOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') })));
    const named = { payment_intent_id: started.payment_intent.id };
    if (meanwhile === 'the checkout expired') sandbox.clock.advance(2 * 3_600_000);
    try {
      // Back restored the page with the challenge still open on it: the element finalizes under the attempt's key.
      const key = newIdempotencyKey();
      const waiting = await sandbox.finalize(checkout.id, { idempotencyKey: key, body: named });
      assert.equal(waiting.status, 409, waiting.text);
      assert.equal(errorOf(waiting).code, meanwhile === 'nothing' ? 'requires_action' : 'expired');
      // The buyer approves the challenge; the same key again.
      const approval = await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded');
      const again = await sandbox.finalize(checkout.id, { idempotencyKey: key, body: named });
      assert.equal(isReplay(again), false);
      if (meanwhile === 'nothing') assert.equal(succeededOf(again, 'the same key after the approval').payment_intent.id, started.payment_intent.id);
      else {
        assert.equal(approval.status, 409, approval.text);
        assert.equal(errorOf(again).code, 'authentication_failed', again.text);
      }
      // Once the payment has ended, its answer is kept as any other.
      assert.equal(isReplay(await sandbox.finalize(checkout.id, { idempotencyKey: key, body: named })), true);
    } finally {
      sandbox.clock.reset();
    }
  });
}

test('finalize without a key is not a replay: each one runs, and a finalized payment answers the same success', async () => {
  const checkout = await sandbox.createCheckout();
  const started = requiresActionOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') })));
  await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded');
  const first = await sandbox.finalize(checkout.id);
  const again = await sandbox.finalize(checkout.id);
  assert.deepEqual(succeededOf(again, 'again'), succeededOf(first, 'first'));
  assert.equal(isReplay(first), false);
  assert.equal(isReplay(again), false);
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
  succeededOf(first);
  const again = await sandbox.complete(checkout.id, body, key);
  assert.equal(again.text, first.text);
  assert.equal(isReplay(again), true);
});
