// How the API client reads the answers that end a checkout's flow: the closed checkout (`409
// expired`, `completed`, `archived`, `payments_not_configured`) and a payment whose order the
// merchant deleted (`409 order_deleted`), at complete, finalize and the quote. Each is its own code,
// not recoverable, and carries no server sentence: the customer is told in the catalog's words, in
// the page's language, as the session's read tells them (the server's sentence is English).
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { completeCheckout, finalizeCheckout, quoteCheckout } from '../../../src/api/client.ts';
import { json, rejection, restoreFetch, stubFetch } from './fetch-stub.ts';
import { completeRequest, quoteRequest } from './requests.ts';

afterEach(restoreFetch);


/** Each call that can be refused so, with the same answer. */
const calls: Array<[name: string, call: () => Promise<unknown>]> = [
  ['complete', () => completeCheckout('https://api.example', 'chk_1', completeRequest, 'key-1')],
  ['finalize', () => finalizeCheckout('https://api.example', 'chk_1', 'pi_1', 'key-2')],
  ['quote', () => quoteCheckout('https://api.example', 'chk_1', quoteRequest)],
];

test('409 order_deleted (the payment made its order, which the merchant since deleted) is order_deleted, not recoverable, in the catalog’s words; never a generic conflict', async () => {
  const sentence = 'Your payment of $49.00 went through and made your order, but the seller has since cancelled that order. Contact the seller about it, quoting payment pi_1.';
  for (const [name, call] of calls) {
    stubFetch(json(409, { error: sentence, code: 'order_deleted', orderId: 'ord_1', paymentIntentId: 'pi_1' }));
    const error = await rejection(call());
    assert.deepEqual([error.code, error.recoverable, error.detail], ['order_deleted', false, null], name);
  }
});

test('a checkout closed at payment or at the quote (409 expired, completed, archived, payments_not_configured) is its own code without the server’s English sentence, so the catalog’s words are shown', async () => {
  const refusals = [
    ['expired', 'This checkout has expired.'],
    ['completed', 'This checkout has already been paid.'],
    ['archived', 'This checkout is no longer available: Analytics is no longer sold. Nothing was charged.'],
    ['payments_not_configured', 'This account cannot take payments: it has no Stripe connection.'],
  ] as const;
  for (const [name, call] of calls) {
    for (const [code, sentence] of refusals) {
      stubFetch(json(409, { error: sentence, code }));
      const error = await rejection(call());
      assert.deepEqual([error.code, error.recoverable, error.detail], [code, false, null], `${name}: ${code}`);
    }
  }
});

test('any other 409 is still a conflict that shows the server’s sentence', async () => {
  stubFetch(json(409, { error: 'This Idempotency-Key was used with another body.', code: 'idempotency_key_reused' }));
  const error = await rejection(calls[0]![1]());
  assert.deepEqual([error.code, error.recoverable, error.detail], ['conflict', false, 'This Idempotency-Key was used with another body.']);
});
