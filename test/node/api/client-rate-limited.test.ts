// How the API client reads a 429 (too many requests: a reusable link with too many payments waiting
// for 3-D Secure, or any backend's rate limit): `rate_limited`, recoverable, without the server's
// English sentence, at complete, finalize and the quote; the session's read waits and reads again,
// as after a 5xx, and says `server_error` once its tries are spent.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { completeCheckout, finalizeCheckout, quoteCheckout, readCheckout } from '../../../src/api/client.ts';
import { json, rejection, restoreFetch, stubFetch } from './fetch-stub.ts';
import { completeRequest, quoteRequest } from './requests.ts';
import { session } from './session.ts';

afterEach(restoreFetch);


const tooMany = () =>
  new Response(JSON.stringify({ error: 'Too many payments on this link are waiting for their bank right now.', code: 'rate_limited' }), {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': '60' },
  });

test('429 at complete, finalize and the quote is rate_limited, recoverable, in the catalog’s words (no server sentence)', async () => {
  for (const [name, call] of [
    ['complete', () => completeCheckout('https://api.example', 'chk_1', completeRequest, 'key-1')],
    ['finalize', () => finalizeCheckout('https://api.example', 'chk_1', 'pi_1', 'key-2')],
    ['quote', () => quoteCheckout('https://api.example', 'chk_1', quoteRequest)],
  ] as const) {
    for (const answer of [tooMany(), new Response('Too Many Requests', { status: 429 })]) {
      stubFetch(answer);
      const error = await rejection(call());
      assert.deepEqual([error.code, error.recoverable, error.detail], ['rate_limited', true, null], name);
    }
  }
});

test('a 429 to the session’s read is read again after a wait, as a 5xx is', async () => {
  const calls = stubFetch(tooMany(), tooMany(), json(200, session));
  const { body } = await readCheckout('https://api.example', 'chk_abc', { retryDelays: [1, 1], now: Date.now });
  assert.equal(body.id, 'chk_abc');
  assert.equal(calls.length, 3);
});

test('a read answered 429 at every try is server_error, recoverable (Try again): not rate_limited, whose "nothing was charged" a reload that kept a payment could not say', async () => {
  const calls = stubFetch(tooMany());
  const error = await rejection(readCheckout('https://api.example', 'chk_abc', { retryDelays: [1, 1], now: Date.now }));
  assert.deepEqual([error.code, error.recoverable], ['server_error', true]);
  assert.equal(calls.length, 3);
});
