// The sandbox's limits under attack: bodies over 64 KiB are refused before the JSON parser sees
// them (even before they are sent), slow clients are cut off, a guessed id learns nothing, the
// secret key is compared in constant time, and no public answer carries metadata or the key.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { startSandbox } from '../../../sandbox/app.ts';
import { accountFor, noStripeKeyOf } from '../../../sandbox/auth.ts';
import { BODY_LIMIT_BYTES } from '../../../sandbox/http.ts';
import { newIdempotencyKey, startTestSandbox, validCompleteBody, validCreateBody } from './support.ts';

const sandbox = await startTestSandbox();
// A second sandbox whose clients have 300 ms to send a whole request.
const strict = await startSandbox({ port: 0, requestTimeoutMs: 300 });
const checkout = await sandbox.createCheckout();
after(async () => {
  await strict.close();
  await sandbox.close();
});

/** Counts JSON.parse calls on texts longer than the body limit while `run` runs. */
async function bigParsesDuring(run: () => Promise<unknown>): Promise<{ over: number; atLimit: number }> {
  const realParse = JSON.parse;
  const seen = { over: 0, atLimit: 0 };
  JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    if (typeof text === 'string' && text.length > BODY_LIMIT_BYTES) seen.over += 1;
    if (typeof text === 'string' && text.length === BODY_LIMIT_BYTES) seen.atLimit += 1;
    return realParse(text, reviver);
  }) as typeof JSON.parse;
  try {
    await run();
  } finally {
    JSON.parse = realParse;
  }
  return seen;
}

/** A valid complete body padded with spaces to exactly `bytes` bytes. */
function paddedBody(bytes: number): string {
  const body = JSON.stringify(validCompleteBody());
  return `${body}${' '.repeat(bytes - Buffer.byteLength(body))}`;
}

const completePath = `/api/public/checkout/${checkout.id}/complete`;

interface RawExchange {
  /** Everything the server sent before it closed the connection (or before `waitMs`). */
  received: string;
  closed: boolean;
}

/** Writes `chunks` on a raw connection, never ending the request, and collects the answer. */
function rawRequest(port: number, chunks: readonly string[], waitMs = 5000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ received, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (data) => {
      received += data.toString('utf8');
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}

function statusOf(exchange: RawExchange): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(exchange.received)?.[1] ?? 0);
}

test('a body of 64 KiB + 1 byte is refused with 413 and never reaches the JSON parser; one of exactly 64 KiB is parsed', async () => {
  let over: Awaited<ReturnType<typeof sandbox.post>> | undefined;
  const refused = await bigParsesDuring(async () => {
    over = await sandbox.post(completePath, {
      raw: paddedBody(BODY_LIMIT_BYTES + 1),
      headers: { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() },
    });
  });
  assert.equal(over?.status, 413);
  assert.equal(refused.over, 0, 'JSON.parse never ran on the oversized body');

  let atLimit: Awaited<ReturnType<typeof sandbox.post>> | undefined;
  const accepted = await bigParsesDuring(async () => {
    atLimit = await sandbox.post(completePath, {
      raw: paddedBody(BODY_LIMIT_BYTES),
      headers: { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() },
    });
  });
  // The same counter sees a body at the limit: it would have seen the larger one.
  assert.equal(accepted.atLimit, 1, 'JSON.parse ran once on the 64 KiB body');
  assert.equal(atLimit?.status, 200, atLimit?.text);
});

test('the same holds for a 1 MiB chunked body with no Content-Length, on the private API too', async () => {
  const big = JSON.stringify({ ...validCreateBody(), padding: 'x'.repeat(1024 * 1024) });
  let answers: number[] = [];
  const seen = await bigParsesDuring(async () => {
    const results = await Promise.all([
      sandbox.post(completePath, { raw: big, chunked: true, headers: { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() } }),
      sandbox.post('/api/v2/checkouts', { raw: big, chunked: true, key: sandbox.key, headers: { 'content-type': 'application/json' } }),
      sandbox.post('/api/v2/checkouts', { raw: big, key: sandbox.key, headers: { 'content-type': 'application/json' } }),
    ]);
    answers = results.map((answer) => answer.status);
  });
  assert.deepEqual(answers, [413, 413, 413]);
  assert.equal(seen.over, 0);
});

test('a declared 10 MiB body is refused from its Content-Length alone, before a byte of it is sent', async () => {
  const exchange = await rawRequest(sandbox.port, [
    `POST ${completePath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nIdempotency-Key: ${newIdempotencyKey()}\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`,
  ]);
  assert.equal(statusOf(exchange), 413, exchange.received.slice(0, 200));
  assert.match(exchange.received, /payload_too_large/);
});

test('a chunked body is cut off at the limit: 413 while the client is still sending, the rest never read', async () => {
  const chunk = 'x'.repeat(16 * 1024);
  const chunks = [`POST /api/v2/checkouts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${sandbox.key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`];
  // Five 16 KiB chunks (80 KiB) and no final chunk: the request never ends.
  for (let index = 0; index < 5; index += 1) chunks.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
  const exchange = await rawRequest(sandbox.port, chunks);
  assert.equal(statusOf(exchange), 413, exchange.received.slice(0, 200));
});

test('a client that trickles its headers, or its body, is answered 408 and cut off; others are served meanwhile', async () => {
  const slowHeaders = rawRequest(strict.port, [`GET /api/v2/products HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `]);
  const slowBody = rawRequest(strict.port, [
    `POST /api/v2/checkouts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${strict.secretKey}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"products":`,
  ]);
  const served = await fetch(`${strict.url}/api/v2/products`, { headers: { authorization: `Bearer ${strict.secretKey}` } });
  assert.equal(served.status, 200);
  for (const [label, exchange] of [['headers', await slowHeaders], ['body', await slowBody]] as const) {
    assert.equal(exchange.closed, true, `the slow ${label} connection is closed`);
    assert.equal(statusOf(exchange), 408, `${label}: ${exchange.received.slice(0, 100) || '(closed without an answer)'}`);
  }
  const count = await fetch(`${strict.url}/api/v2/checkouts?limit=1`, { headers: { authorization: `Bearer ${strict.secretKey}` } });
  assert.equal(((await count.json()) as { pagination: { total: number } }).pagination.total, 0, 'the cut-off create stored nothing');
});

const guessedIds = [
  'chk_0000000000000000000000aa',
  'chk_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2',
  'chk_',
  'chk',
  `chk_${'a'.repeat(1000)}`,
  '%00',
  'chk_%ZZ',
  '%F0%9F%A7%BE',
  '..%2F..%2Fapi%2Fv2%2Fcheckouts',
  'chk_%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  "chk_'%20OR%20'1'%3D'1",
  'ord_ada',
  'cus_ada',
  'prod_analytics',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  checkout.id.toUpperCase(),
  `${checkout.id}x`,
  checkout.id.slice(0, -1),
];

test(`a guessed id, well-formed or not (${guessedIds.length} of them), gets the same 404, byte for byte, on read, complete and finalize, with or without an Idempotency-Key`, async () => {
  const bodies = new Set<string>();
  const headerSets = new Set<string>();
  for (const id of guessedIds) {
    const base = `/api/public/checkout/${id}`;
    const answers = [
      await sandbox.get(base),
      await sandbox.post(`${base}/complete`, { json: validCompleteBody() }),
      await sandbox.post(`${base}/complete`, { json: validCompleteBody(), headers: { 'idempotency-key': newIdempotencyKey() } }),
      await sandbox.post(`${base}/finalize`, { json: {} }),
      await sandbox.post(`${base}/finalize`, { json: {}, headers: { 'idempotency-key': newIdempotencyKey() } }),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 404, `${id}: ${answer.status} ${answer.text.slice(0, 200)}`);
      bodies.add(answer.text);
      const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = answer.headers;
      headerSets.add(JSON.stringify(Object.entries(rest).sort()));
    }
  }
  assert.deepEqual([...bodies], ['{"error":"No such checkout","code":"not_found"}']);
  assert.equal(headerSets.size, 1, [...headerSets].join('\n'));
});

test('the hosted page of a guessed id is the same 404 page whatever the id', async () => {
  const pages = new Set<string>();
  for (const id of guessedIds) {
    const answer = await sandbox.get(`/checkout/${id}`, { headers: { accept: 'text/html' } });
    assert.equal(answer.status, 404, id);
    pages.add(answer.text);
  }
  assert.equal(pages.size, 1);
});

test('metadata that imitates public fields, and the secret keys, never appear in a public answer or the hosted page', async () => {
  const marker = 'imitation-7c1e';
  const imitation = await sandbox.createCheckout(
    validCreateBody({
      metadata: {
        customer: { id: `cus_${marker}`, name: marker, email: `${marker}@example.com` },
        payments: { provider: 'stripe', publishableKey: `pk_${marker}` },
        successUrl: `https://${marker}.example/`,
        products: [{ id: `prod_${marker}` }],
        secretKey: sandbox.key,
      },
    }),
  );
  const answers = [
    await sandbox.readPublic(imitation.id),
    await sandbox.get(`/checkout/${imitation.id}`, { headers: { accept: 'text/html' } }),
    await sandbox.complete(imitation.id, validCompleteBody(undefined, { selections: [] })),
    await sandbox.complete(imitation.id, validCompleteBody()),
    await sandbox.readPublic(imitation.id),
    await sandbox.finalize(imitation.id),
  ];
  for (const answer of answers) {
    for (const secret of [marker, sandbox.key, sandbox.noStripeKey]) {
      assert.ok(!answer.text.includes(secret), `${answer.status} answer contains ${secret}: ${answer.text.slice(0, 200)}`);
    }
  }
});

test('the key check opens the right account for the right key, and nothing for a wrong key of any length, without throwing', () => {
  const key = 'sk_test_constant_time';
  assert.equal(accountFor(`Bearer ${key}`, key), 'main');
  assert.equal(accountFor(`bearer ${key}`, key), 'main');
  assert.equal(accountFor(`Bearer ${noStripeKeyOf(key)}`, key), 'no_stripe');
  const wrong = [
    `Bearer ${key.slice(0, -1)}x`, // same length, last character differs
    `Bearer x${key.slice(1)}`, // same length, first character differs
    `Bearer ${key.slice(0, -1)}`, // shorter
    `Bearer ${key}x`, // longer
    `Bearer ${'k'.repeat(10_000)}`, // far longer
    'Bearer ',
    `Basic ${key}`,
    key,
    `Bearer ${key} extra`,
    '',
    undefined,
  ];
  for (const header of wrong) assert.equal(accountFor(header, key), null, String(header).slice(0, 60));
});

test('the key is compared with timingSafeEqual over SHA-256 digests: the same two 32-byte comparisons for every key, right or wrong', () => {
  const require = createRequire(import.meta.url);
  const crypto = require('node:crypto') as typeof import('node:crypto');
  const realTimingSafeEqual = crypto.timingSafeEqual;
  const calls: Array<[number, number]> = [];
  crypto.timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    calls.push([a.byteLength, b.byteLength]);
    return realTimingSafeEqual(a, b);
  };
  // Named ESM imports of node:crypto (auth.ts's) follow the CommonJS object once synced.
  syncBuiltinESMExports();
  try {
    const key = 'sk_test_constant_time';
    const perHeader = [`Bearer ${key}`, `Bearer ${key.slice(0, -1)}x`, `Bearer ${'k'.repeat(10_000)}`, 'Bearer ', 'Basic abc', undefined].map((header) => {
      calls.length = 0;
      accountFor(header, key);
      return calls.map(([a, b]) => `${a}:${b}`);
    });
    for (const comparisons of perHeader) assert.deepEqual(comparisons, ['32:32', '32:32']);
  } finally {
    crypto.timingSafeEqual = realTimingSafeEqual;
    syncBuiltinESMExports();
  }
});
