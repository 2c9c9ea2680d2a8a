// The public API over HTTP: CORS (the page's origin echoed with credentials, as paid-blocks
// needs) and no-store on every answer, a payload the element's own schema accepts, and nothing
// in it that the browser must not see.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { publicCheckout } from '../../../../src/api/schemas.ts';
import {
  assertCors,
  confirmationToken,
  errorOf,
  newIdempotencyKey,
  requiresActionOf,
  send,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type Answer,
} from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const SECRET_MARKER = 'metadata-secret-7f3a9c';
const ORIGIN = 'https://merchant.example';

/** CORS for `origin` (null: the request sent none), no-store and nosniff. */
function assertPublicHeaders(answer: Answer, label: string, origin: string | null = null): void {
  assertCors(answer, origin, label);
  assert.match(answer.headers['cache-control'] ?? '', /(^|,\s*)no-store(\s*,|$)/, `${label}: cache-control no-store`);
  assert.equal(answer.headers['x-content-type-options'], 'nosniff', `${label}: nosniff`);
}

function assertNoLeak(answer: Answer, label: string, forbidden: readonly string[]): void {
  for (const text of [SECRET_MARKER, sandbox.key, ...forbidden]) {
    assert.ok(!answer.text.includes(text), `${label}: the public answer contains ${JSON.stringify(text)}`);
  }
  assert.ok(!/"metadata"/.test(answer.text), `${label}: the public answer has a metadata field`);
}

function readPath(id: string): string {
  return `/api/public/checkout/${encodeURIComponent(id)}`;
}

/** One of every kind of public answer, each request sent with `headers` (an Origin, or none). */
async function everyKindOfAnswer(headers: Record<string, string>): Promise<Array<[string, number, Answer]>> {
  const checkout = await sandbox.createCheckout(validCreateBody({ metadata: { note: SECRET_MARKER } }));
  const archived = await sandbox.createCheckout();
  await sandbox.post(`/api/v2/checkouts/${archived.id}/archive`, { json: {}, key: sandbox.key });
  const complete = (id: string, options: { json?: unknown; raw?: string; headers?: Record<string, string> }) =>
    sandbox.post(`${readPath(id)}/complete`, { ...options, headers: { ...headers, ...options.headers } });
  const paying = validCompleteBody();
  return [
    ['read 200', 200, await sandbox.get(readPath(checkout.id), { headers })],
    ['read 404', 404, await sandbox.get(readPath('chk_unknown0000000000'), { headers })],
    ['complete 400', 400, await complete(checkout.id, { json: {} })],
    ['complete 400 malformed key', 400, await complete(checkout.id, { json: validCompleteBody(), headers: { 'idempotency-key': 'key with spaces' } })],
    ['complete 415', 415, await complete(checkout.id, { raw: 'x=1', headers: { 'content-type': 'text/plain' } })],
    ['complete 413', 413, await complete(checkout.id, { raw: JSON.stringify({ pad: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } })],
    ['complete 402', 402, await complete(checkout.id, { json: validCompleteBody(undefined, { confirmation_token: confirmationToken('insufficient_funds') }) })],
    ['complete 404', 404, await complete('chk_unknown0000000000', { json: validCompleteBody() })],
    ['complete 409 archived', 409, await complete(archived.id, { json: validCompleteBody() })],
    ['finalize 409', 409, await sandbox.post(`${readPath(checkout.id)}/finalize`, { json: {}, headers })],
    ['complete 200', 200, await complete(checkout.id, { json: paying })],
    ['complete 200 replayed by its token', 200, await complete(checkout.id, { json: paying })],
    ['complete 409 completed', 409, await complete(checkout.id, { json: validCompleteBody() })],
  ];
}

test("every public answer from a page echoes the page's Origin with credentials allowed, cache-control no-store and nosniff: reads, errors, payments, replays", async () => {
  for (const [label, status, answer] of await everyKindOfAnswer({ origin: ORIGIN })) {
    assert.equal(answer.status, status, `${label}: ${answer.text.slice(0, 300)}`);
    assertPublicHeaders(answer, label, ORIGIN);
    assert.match(answer.headers['content-type'] ?? '', /^application\/json/, `${label}: JSON`);
  }
});

test('every public answer to a request without an Origin allows any origin (*) and no credentials, with no-store and nosniff', async () => {
  for (const [label, status, answer] of await everyKindOfAnswer({})) {
    assert.equal(answer.status, status, `${label}: ${answer.text.slice(0, 300)}`);
    assertPublicHeaders(answer, label, null);
  }
});

test('each page gets its own origin echoed, never a neighbour\'s: the answer varies by Origin', async () => {
  const checkout = await sandbox.createCheckout();
  for (const origin of ['https://merchant.example', 'http://localhost:5173', 'https://other.example:8443']) {
    assertPublicHeaders(await sandbox.get(readPath(checkout.id), { headers: { origin } }), origin, origin);
  }
});

test('other methods on public routes are refused with a 4xx that still carries CORS and no-store', async () => {
  const checkout = await sandbox.createCheckout();
  for (const [method, suffix] of [['DELETE', ''], ['PUT', ''], ['PATCH', '/complete'], ['GET', '/complete'], ['GET', '/finalize'], ['POST', '']] as const) {
    const answer = await send(sandbox.url, method, `${readPath(checkout.id)}${suffix}`, { json: {}, headers: { 'idempotency-key': newIdempotencyKey() } });
    assert.ok(answer.status >= 400 && answer.status < 500, `${method} ${suffix || 'read'}: ${answer.status}`);
    assertPublicHeaders(answer, `${method} ${suffix || 'read'}`);
  }
  assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');
});

test("an OPTIONS preflight on each public route answers 204 for the page's origin, allowing POST, content-type and idempotency-key, with no-store", async () => {
  const checkout = await sandbox.createCheckout();
  for (const suffix of ['', '/complete', '/finalize']) {
    const answer = await sendOptions(`${readPath(checkout.id)}${suffix}`);
    assert.equal(answer.status, 204, `OPTIONS ${suffix || 'read'}`);
    assertPublicHeaders(answer, `OPTIONS ${suffix || 'read'}`, ORIGIN);
    const methods = (answer.headers['access-control-allow-methods'] ?? '').toUpperCase();
    assert.ok(methods.includes('POST') && methods.includes('GET'), `allow-methods: ${methods}`);
    const allowed = (answer.headers['access-control-allow-headers'] ?? '').toLowerCase();
    assert.ok(allowed.includes('content-type'), `allow-headers: ${allowed}`);
    assert.ok(allowed.includes('idempotency-key'), `allow-headers: ${allowed}`);
  }
  const unknown = await sendOptions(readPath('chk_unknown0000000000'));
  assert.equal(unknown.status, 204, 'a preflight does not reveal whether the checkout exists');
  assertPublicHeaders(unknown, 'OPTIONS unknown', ORIGIN);
});

test("a preflight allows Authorization and whichever other headers the page asks for (paid-blocks sends its caller's headers), and the POST with them is answered", async () => {
  const checkout = await sandbox.createCheckout();
  for (const suffix of ['/complete', '/finalize']) {
    const path = `${readPath(checkout.id)}${suffix}`;
    const answer = await send(sandbox.url, 'OPTIONS', path, {
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,X-Request-Id' },
    });
    assert.equal(answer.status, 204, `OPTIONS ${suffix}`);
    const allowed = (answer.headers['access-control-allow-headers'] ?? '').split(',').map((name) => name.trim());
    for (const name of ['authorization', 'content-type', 'x-request-id', 'idempotency-key']) assert.ok(allowed.includes(name), `${suffix}: ${name} in ${allowed.join(', ')}`);
    assert.ok((answer.headers.vary ?? '').toLowerCase().includes('access-control-request-headers'), `${suffix}: vary names what the answer depends on (${answer.headers.vary})`);
  }
  // Without a request list, Authorization is still allowed; a malformed name is not echoed.
  const plain = await send(sandbox.url, 'OPTIONS', `${readPath(checkout.id)}/complete`, {
    headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'bad header, x@y' },
  });
  assert.equal(plain.headers['access-control-allow-headers'], 'content-type, idempotency-key, authorization');
  const paid = await send(sandbox.url, 'POST', `${readPath(checkout.id)}/complete`, { json: validCompleteBody(), headers: { origin: ORIGIN, authorization: 'Bearer merchant-session-token', 'x-request-id': 'shop-42' } });
  assert.equal(paid.status, 200, paid.text);
  assertPublicHeaders(paid, 'complete with Authorization', ORIGIN);
});

function sendOptions(path: string): Promise<Answer> {
  return send(sandbox.url, 'OPTIONS', path, {
    headers: {
      origin: ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,idempotency-key',
    },
  });
}

test('the public payload parses with the element schema publicCheckout for every kind of checkout', async () => {
  const kinds: Record<string, Record<string, unknown>> = {
    'anonymous, plans only': validCreateBody(),
    'every fixture product that shares usd': validCreateBody({
      products: ['prod_analytics', 'prod_seats', 'prod_storage', 'prod_api', 'prod_support', 'prod_onboarding'].map((id) => ({ id })),
    }),
    'a known customer with an upgrade': validCreateBody({ customerId: 'cus_ada', products: [{ id: 'prod_analytics' }] }),
    'collect address and phone, locked to eur': validCreateBody({ collectAddress: true, collectPhone: true, currency: 'eur' }),
  };
  for (const [label, body] of Object.entries(kinds)) {
    const checkout = await sandbox.createCheckout(body);
    const answer = await sandbox.readPublic(checkout.id);
    assert.equal(answer.status, 200, label);
    const parsed = publicCheckout.safeParse(answer.body);
    assert.ok(parsed.success, `${label}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
    assert.equal(parsed.data.id, checkout.id);
    assert.deepEqual(parsed.data.products.map((product) => product.id), checkout.products.map((product) => product.id));
    // The public read writes currencies as Stripe does (usd); Paid's private objects, as its SDK does (USD).
    assert.deepEqual([...parsed.data.allowedCurrencies].sort(), checkout.allowedCurrencies.map((code) => code.toLowerCase()).sort());
    assert.equal(parsed.data.successUrl, checkout.successUrl);
    assert.equal(Date.parse(parsed.data.expiresAt), Date.parse(checkout.expiresAt));
  }
});

test('the public read of an upgrade shows the current subscription: ord_ada on Starter, usd only', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_ada', products: [{ id: 'prod_analytics' }] }));
  const parsed = publicCheckout.parse((await sandbox.readPublic(checkout.id)).body);
  const current = parsed.products[0]?.current;
  assert.ok(current, 'current is set');
  assert.equal(current.orderId, 'ord_ada');
  assert.equal(current.planId, 'plan_analytics_starter');
  assert.equal(current.quantity, 1);
  assert.equal(current.amount, 1900);
  assert.equal(current.currency, 'usd');
  assert.equal(current.interval, 'month');
  assert.deepEqual(parsed.allowedCurrencies, ['usd']);
  assert.deepEqual(parsed.customer, { id: 'cus_ada', name: 'Ada Lovelace', email: 'ada@example.com' });
});

test('a new customer sees no current subscription on any product', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace' }));
  const parsed = publicCheckout.parse((await sandbox.readPublic(checkout.id)).body);
  for (const product of parsed.products) assert.equal(product.current, null, product.id);
});

test('public payloads never contain metadata, the secret key, or other customers: reads, completes, finalizes, errors', async () => {
  const graceCheckout = await sandbox.createCheckout(
    validCreateBody({ customerId: 'cus_grace', metadata: { internal: SECRET_MARKER, key: SECRET_MARKER } }),
  );
  const adaCheckout = await sandbox.createCheckout(
    validCreateBody({ customerId: 'cus_ada', products: [{ id: 'prod_analytics' }], metadata: { internal: SECRET_MARKER } }),
  );
  const anonymous = await sandbox.createCheckout(validCreateBody({ metadata: { internal: SECRET_MARKER } }));
  const adaData = ['Ada Lovelace', 'ada@example.com', 'cus_ada', 'ord_ada', 'ext_ada'];
  const graceData = ['Grace Hopper', 'grace@example.com', 'cus_grace'];

  assertNoLeak(await sandbox.readPublic(graceCheckout.id), 'Grace read', adaData);
  assertNoLeak(await sandbox.readPublic(adaCheckout.id), 'Ada read', graceData);
  assertNoLeak(await sandbox.readPublic(anonymous.id), 'anonymous read', [...adaData, ...graceData]);
  assertNoLeak(
    await sandbox.complete(anonymous.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('card_declined') })),
    'declined complete',
    [...adaData, ...graceData],
  );
  assertNoLeak(await sandbox.complete(anonymous.id, validCompleteBody(undefined, { selections: [] })), '400 complete', [...adaData, ...graceData]);
  assertNoLeak(await sandbox.finalize(anonymous.id), 'finalize without payment', [...adaData, ...graceData]);

  const threeDs = await sandbox.complete(graceCheckout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds'), customer: undefined }));
  requiresActionOf(threeDs);
  assertNoLeak(threeDs, 'requires_action', adaData);
  assertNoLeak(await sandbox.finalize(graceCheckout.id), 'finalize before authentication', adaData);

  const paid = await sandbox.complete(anonymous.id, validCompleteBody(undefined, { customer: { name: 'Hedy Lamarr', email: 'hedy@example.com' } }));
  succeededOf(paid);
  assertNoLeak(paid, 'succeeded complete', [...adaData, ...graceData]);
  assertNoLeak(await sandbox.readPublic(anonymous.id), 'completed read', [...adaData, ...graceData]);
  assertNoLeak(await sandbox.complete(anonymous.id, validCompleteBody()), '409 completed', [...adaData, ...graceData]);

  const another = await sandbox.createCheckout();
  assertNoLeak(await sandbox.readPublic(another.id), 'a later anonymous read', ['Hedy Lamarr', 'hedy@example.com', ...adaData, ...graceData]);
});

test('the no_stripe key is never in a public payload', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody(), sandbox.noStripeKey);
  const answer = await sandbox.readPublic(checkout.id);
  assert.equal(answer.status, 200);
  assertNoLeak(answer, 'no_stripe read', [sandbox.noStripeKey]);
});

test('an unknown checkout id answers 404 not_found with "No such checkout" and nothing more, on read, complete and finalize', async () => {
  const ids = ['chk_doesnotexist00000000', 'chk_', 'ord_ada', 'cus_ada', 'prod_analytics', 'chk_<script>alert(1)</script>', "chk_' OR '1'='1"];
  for (const id of ids) {
    for (const [label, answer] of [
      ['read', await sandbox.get(readPath(id))],
      ['complete', await sandbox.post(`${readPath(id)}/complete`, { json: validCompleteBody() })],
      ['complete with a key', await sandbox.post(`${readPath(id)}/complete`, { json: validCompleteBody(), headers: { 'idempotency-key': newIdempotencyKey() } })],
      ['finalize', await sandbox.post(`${readPath(id)}/finalize`, { json: {} })],
    ] as const) {
      assert.equal(answer.status, 404, `${label} ${id}: ${answer.status} ${answer.text}`);
      const body = answer.body as Record<string, unknown>;
      assert.deepEqual(Object.keys(body).sort(), ['code', 'error'], `${label} ${id}: only the sentence and the code`);
      assert.equal(body.code, 'not_found');
      assert.match(String(body.error), /^No such checkout\.?$/, `${label} ${id}`);
      assertPublicHeaders(answer, `${label} ${id}`);
    }
  }
});

test('collect.name and collect.email are true exactly when the checkout has no customer yet', async () => {
  const cases: Array<[string, Record<string, unknown>, boolean]> = [
    ['anonymous', validCreateBody(), true],
    ['customerId', validCreateBody({ customerId: 'cus_grace' }), false],
    ['a known externalCustomerId', validCreateBody({ externalCustomerId: 'ext_ada', products: [{ id: 'prod_seats' }] }), false],
    ['an externalCustomerId not seen before', validCreateBody({ externalCustomerId: `ext_new_${Date.now()}` }), true],
  ];
  for (const [label, body, collects] of cases) {
    const checkout = await sandbox.createCheckout(body);
    const parsed = publicCheckout.parse((await sandbox.readPublic(checkout.id)).body);
    assert.equal(parsed.collect.name, collects, `${label}: collect.name`);
    assert.equal(parsed.collect.email, collects, `${label}: collect.email`);
    assert.equal(parsed.customer === null, collects, `${label}: customer`);
    assert.equal(parsed.collect.address, false);
    assert.equal(parsed.collect.phone, false);
  }
  const both = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace', collectAddress: true, collectPhone: true }));
  const parsed = publicCheckout.parse((await sandbox.readPublic(both.id)).body);
  assert.deepEqual(parsed.collect, { name: false, email: false, address: true, phone: true });
});

test('payments describe the Stripe connection for the main account and are null for the no_stripe account', async () => {
  const main = await sandbox.createCheckout();
  const mainRead = publicCheckout.parse((await sandbox.readPublic(main.id)).body);
  assert.deepEqual(mainRead.payments, { provider: 'stripe', publishableKey: 'pk_test_paid_sandbox', accountId: 'acct_sandbox' });
  const noStripe = await sandbox.createCheckout(validCreateBody(), sandbox.noStripeKey);
  const noStripeRead = publicCheckout.parse((await sandbox.readPublic(noStripe.id)).body);
  assert.equal(noStripeRead.payments, null);
});

test('completing a no_stripe checkout is 409 payments_not_configured and creates nothing', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody(), sandbox.noStripeKey);
  const before = await sandbox.counts();
  const answer = await sandbox.complete(checkout.id, validCompleteBody());
  assert.equal(answer.status, 409, answer.text);
  assert.equal(errorOf(answer).code, 'payments_not_configured');
  assert.deepEqual(await sandbox.counts(), before);
  assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');
});

test('completed and archived checkouts stay readable (200) and say which', async () => {
  const completed = await sandbox.createCheckout();
  succeededOf(await sandbox.complete(completed.id, validCompleteBody()));
  const archived = await sandbox.createCheckout();
  await sandbox.post(`/api/v2/checkouts/${archived.id}/archive`, { json: {}, key: sandbox.key });
  for (const [checkout, status] of [[completed, 'completed'], [archived, 'archived']] as const) {
    const answer = await sandbox.readPublic(checkout.id);
    assert.equal(answer.status, 200);
    assert.equal(publicCheckout.parse(answer.body).status, status);
  }
});

test('completing an archived checkout is 409 archived and creates nothing', async () => {
  const checkout = await sandbox.createCheckout();
  await sandbox.post(`/api/v2/checkouts/${checkout.id}/archive`, { json: {}, key: sandbox.key });
  const before = await sandbox.counts();
  const answer = await sandbox.complete(checkout.id, validCompleteBody());
  assert.equal(answer.status, 409);
  assert.equal(errorOf(answer).code, 'archived');
  assert.deepEqual(await sandbox.counts(), before);
});

test('the public read needs no key, and a secret key sent to it changes nothing in the answer', async () => {
  const checkout = await sandbox.createCheckout();
  const anonymous = await sandbox.readPublic(checkout.id);
  const withKey = await sandbox.get(readPath(checkout.id), { key: sandbox.key });
  assert.equal(anonymous.status, 200);
  // `now` is the sandbox's time of each answer; everything else is the same.
  const { now: firstNow, ...first } = anonymous.body as Record<string, unknown>;
  const { now: secondNow, ...second } = withKey.body as Record<string, unknown>;
  assert.ok(typeof firstNow === 'string' && typeof secondNow === 'string', 'each read carries the sandbox time');
  assert.deepEqual(second, first);
});
