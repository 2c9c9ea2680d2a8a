// The fetch client (src/api/client.ts) against a stubbed fetch: routes, retries and time-outs, and how
// complete and finalize send their bodies and read Paid's answers and refusals.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkoutUrl, completeCheckout, finalizeCheckout, readCheckout } from '../../../src/api/client.ts';
import type { CompleteRequest } from '../../../src/api/requests.ts';
import { actionData, paidData } from './answers.ts';
import { completeRequest } from './requests.ts';
import { json, rejection, restoreFetch, stubFetch } from './fetch-stub.ts';

afterEach(restoreFetch);

const session = {
  id: 'chk_abc',
  url: 'https://pay.example/chk_abc',
  status: 'active',
  expiresAt: '2099-01-01T00:00:00Z',
  successUrl: 'https://shop.example/thanks?c={CHECKOUT_ID}',
  cancelUrl: null,
  allowedCurrencies: ['usd'],
  currency: 'usd',
  collect: { name: true, email: true, address: false, phone: false },
  customer: null,
  payments: { provider: 'stripe', publishableKey: 'pk_test_123' },
  products: [
    { id: 'prod_a', name: 'A', description: null, plans: [], basePrice: { currency: 'usd', model: 'flat', amount: 100, interval: 'month' } },
  ],
};

test('routes are built from the API base and the encoded id', () => {
  assert.equal(checkoutUrl('https://api.example/', 'chk_a/b'), 'https://api.example/api/public/checkout/chk_a%2Fb');
  assert.equal(checkoutUrl('https://api.example', 'chk_a', 'complete'), 'https://api.example/api/public/checkout/chk_a/complete');
});

test('a checkout-id of `.` or `..` (a path’s own steps, which a URL resolves away) is no checkout: not_found, and nothing is fetched from another path', async () => {
  // `…/checkout/..` is `…/api/public/`, and `…/checkout/../complete` is `…/api/public/complete`.
  for (const id of ['.', '..']) {
    const calls = stubFetch(json(200, session));
    assert.equal((await rejection(readCheckout('https://api.example', id, { retryDelays: [1], now: Date.now }))).code, 'not_found', id);
    assert.deepEqual(calls, [], `${id}: nothing fetched`);
  }
  // Anything else is a path segment of its own, dots included.
  for (const id of ['...', '.chk', 'chk_..', '%2e%2e', '.%2E', ' ..']) assert.match(new URL(checkoutUrl('https://api.example', id)).pathname, /^\/api\/public\/checkout\/[^/]+$/, id);
});

test('a session is read once and validated', async () => {
  const calls = stubFetch(json(200, session));
  const { body: checkout } = await readCheckout('https://api.example', 'chk_abc', { now: Date.now });
  assert.equal(checkout.id, 'chk_abc');
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.init?.method, 'GET');
});

test('a read says when its answer arrived by the clock it is given: the answer that was read, not the attempts before it', async () => {
  let pageTime = 1_000;
  const calls = stubFetch(new TypeError('Failed to fetch'), json(503, {}), json(200, session));
  // The page's clock moves a second with each attempt, as it is sent.
  const real = globalThis.fetch;
  globalThis.fetch = (input, init) => ((pageTime += 1_000), real(input, init));
  const read = await readCheckout('https://api.example', 'chk_abc', { retryDelays: [1, 1], now: () => pageTime });
  assert.equal(calls.length, 3);
  assert.equal(read.receivedAt, 4_000);
  assert.equal(read.body.id, 'chk_abc');
});

test('network failures and 5xx are retried before network_error', async () => {
  const calls = stubFetch(new TypeError('Failed to fetch'), json(503, {}), json(200, session));
  const { body: checkout } = await readCheckout('https://api.example', 'chk_abc', { retryDelays: [1, 1], now: Date.now });
  assert.equal(checkout.id, 'chk_abc');
  assert.equal(calls.length, 3);

  const failing = stubFetch(new TypeError('Failed to fetch'));
  const error = await rejection(readCheckout('https://api.example', 'chk_abc', { retryDelays: [1, 1], now: Date.now }));
  assert.equal(error.code, 'network_error');
  assert.equal(error.recoverable, true);
  assert.equal(failing.length, 3);
});

test('404 is not_found and a malformed answer is invalid_response, neither retried; a truncated one is read again first', async () => {
  let calls = stubFetch(json(404, { error: 'No such checkout', code: 'not_found' }));
  assert.equal((await rejection(readCheckout('https://api.example', 'chk_x', { retryDelays: [1], now: Date.now }))).code, 'not_found');
  assert.equal(calls.length, 1);

  calls = stubFetch(json(200, { ...session, products: 'nope' }));
  assert.equal((await rejection(readCheckout('https://api.example', 'chk_x', { retryDelays: [1], now: Date.now }))).code, 'invalid_response');
  assert.equal(calls.length, 1);

  calls = stubFetch(new Response('{"id": "chk_', { status: 200 }));
  assert.equal((await rejection(readCheckout('https://api.example', 'chk_x', { retryDelays: [1], now: Date.now }))).code, 'invalid_response');
  assert.equal(calls.length, 2, 'a cut-off body may be a network fault: read once more before giving up');

  stubFetch(json(200, { ...session, successUrl: 'javascript:alert(1)' }));
  assert.equal((await rejection(readCheckout('https://api.example', 'chk_x', { now: Date.now }))).code, 'invalid_response');
});

test('an aborted read rejects with the abort, not an error state', async () => {
  stubFetch(new TypeError('Failed to fetch'));
  const controller = new AbortController();
  const reading = readCheckout('https://api.example', 'chk_abc', { retryDelays: [50, 50], signal: controller.signal, now: Date.now });
  controller.abort();
  await assert.rejects(reading, (error: unknown) => error instanceof DOMException && error.name === 'AbortError');
});

test('a slow attempt times out as a network failure', async () => {
  globalThis.fetch = (_input: RequestInfo | URL, init?: RequestInit) =>
    new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  const error = await rejection(readCheckout('https://api.example', 'chk_abc', { retryDelays: [], timeoutMs: 20, now: Date.now }));
  assert.equal(error.code, 'network_error');
});

// The shared new buyer's request (typed), for this file's $1.00 product and return URL.
const request: CompleteRequest = { ...completeRequest, confirmationToken: 'ctoken_test_succeeds_1', returnUrl: 'https://shop.example/', amountDue: 100 };

const paid = () =>
  json(200, { success: true, data: paidData({ redirect_url: 'https://shop.example/thanks?c=chk_abc', checkout_id: 'chk_abc', amount_due: 100 }) });

test('complete posts Paid’s body with our extensions and its Idempotency-Key, without cookies, and reads the { success, data } answer', async () => {
  const calls = stubFetch(paid());
  const answer = await completeCheckout('https://api.example', 'chk_abc', request, 'key-1');
  assert.deepEqual(answer, {
    status: 'succeeded',
    orderId: 'ord_1',
    invoiceId: 'inv_1',
    redirectUrl: 'https://shop.example/thanks?c=chk_abc',
    paymentIntent: { id: 'pi_1', status: 'succeeded', clientSecret: null },
    checkoutId: 'chk_abc',
    customerId: 'cus_1',
    amountDue: 100,
    currency: 'usd',
  });
  assert.equal(calls.length, 1);
  assert.match(calls[0]!.url, /\/api\/public\/checkout\/chk_abc\/complete$/);
  assert.equal(calls[0]!.init?.credentials, 'omit');
  const headers = new Headers(calls[0]!.init?.headers);
  assert.equal(headers.get('idempotency-key'), 'key-1');
  assert.equal(headers.get('content-type'), 'application/json');
  assert.deepEqual(JSON.parse(String(calls[0]!.init?.body)), {
    selections: [{ product_id: 'prod_a', plan_id: null, quantity: 1 }],
    currency: 'usd',
    customer: { name: 'Ada', email: 'ada@example.com' },
    confirmation_token: 'ctoken_test_succeeds_1',
    return_url: 'https://shop.example/',
    amount_due: 100,
  });
});

test('complete reads 3-D Secure from the answer’s payment_intent: its id and client secret', async () => {
  stubFetch(json(200, { success: true, data: actionData('pi_2') }));
  const answer = await completeCheckout('https://api.example', 'chk_abc', request, 'key-1');
  assert.equal(answer.status, 'requires_action');
  assert.deepEqual(answer.status === 'requires_action' && answer.paymentIntent, { id: 'pi_2', status: 'requires_action', clientSecret: 'pi_2_secret_3' });
});

test('complete failures map Paid’s ErrorResponse to stable codes and are never retried by the client', async () => {
  const cases: Array<[Response | Error, string, boolean]> = [
    [json(402, { error: 'Your card has insufficient funds.', code: 'card_declined', declineCode: 'insufficient_funds' }), 'card_declined', true],
    [json(402, { error: 'We are unable to authenticate your payment method.', code: 'authentication_failed' }), 'authentication_failed', true],
    [json(400, { error: 'The request was refused: customer.name is required.', code: 'validation_error', fields: [{ field: 'customer.name', message: 'Required' }] }), 'validation_error', true],
    [json(422, { error: 'Unprocessable.', code: 'validation_error' }), 'validation_error', true],
    [json(409, { error: 'Nothing would change.', code: 'no_change' }), 'no_change', true],
    [json(409, { error: 'This checkout has expired.', code: 'expired' }), 'expired', false],
    [json(409, { error: 'This checkout has already been paid.', code: 'completed' }), 'completed', false],
    [json(409, { error: 'This checkout is no longer available.', code: 'archived' }), 'archived', false],
    [json(409, { error: 'Key reused.', code: 'idempotency_key_reused' }), 'conflict', false],
    [json(409, { error: 'Someone has already started paying with this link.', code: 'payment_in_progress' }), 'payment_in_progress', true],
    [json(409, { error: 'This checkout ended while your bank was confirming the payment: refunded.', code: 'payment_refunded', refundReason: 'checkout_closed' }), 'payment_refunded', false],
    [json(409, { error: 'The price changed while your bank was confirming the payment: refunded.', code: 'amount_changed' }), 'amount_changed', true],
    [json(409, { error: 'No Stripe connection.', code: 'payments_not_configured' }), 'payments_not_configured', false],
    [json(404, { error: 'No such checkout', code: 'not_found' }), 'not_found', false],
    [json(500, {}), 'server_error', true],
    [new TypeError('Failed to fetch'), 'network_error', true],
    [json(200, { status: 'succeeded', checkoutId: 'chk_abc', orderId: 'ord_1', customerId: 'cus_1', amountDue: 100, currency: 'usd' }), 'invalid_response', true],
    [json(200, { success: true, data: paidData({ order_id: undefined }) }), 'invalid_response', true],
  ];
  for (const [answer, code, recoverable] of cases) {
    const calls = stubFetch(answer);
    const error = await rejection(completeCheckout('https://api.example', 'chk_abc', request, 'key-1'));
    assert.equal(error.code, code);
    assert.equal(error.recoverable, recoverable, code);
    assert.equal(calls.length, 1);
  }
});

test('a single-use link someone is already paying with (409 payment_in_progress) is told in the catalog’s words, which every language has', async () => {
  stubFetch(json(409, { error: 'Someone has already started paying with this link.', code: 'payment_in_progress' }));
  const error = await rejection(completeCheckout('https://api.example', 'chk_abc', request, 'key-1'));
  assert.equal(error.code, 'payment_in_progress');
  assert.equal(error.recoverable, true);
  assert.equal(error.detail, null, 'the server’s sentence is in English');
});

test('a resent token whose payment failed or was refunded (409 confirmation_token_used) is payment_not_kept: recoverable, in the catalog’s words', async () => {
  stubFetch(json(409, { error: 'This confirmation token was already used; create a new one for a new payment.', code: 'confirmation_token_used' }));
  const error = await rejection(completeCheckout('https://api.example', 'chk_abc', request, 'key-1'));
  assert.equal(error.code, 'payment_not_kept');
  assert.equal(error.recoverable, true);
  assert.equal(error.detail, null, 'the server’s sentence is for developers');
});

test('a refund (409 payment_refunded) is told by its refundReason: an ended checkout or a deleted customer closes the flow, a price that moved, a cancelled subscription or an order not recorded lets the customer pay again', async () => {
  const cases: Array<[string | undefined, boolean, string | null, string | null]> = [
    // [refundReason, recoverable, reason (the catalog's words: refund.<reason>), detail]
    ['checkout_closed', false, null, null],
    ['customer_deleted', false, 'customer_deleted', null],
    ['amount_changed', true, 'amount_changed', null],
    // The subscription it changed was deleted: the checkout, still open, now sells it as a new one.
    ['order_cancelled', true, 'order_cancelled', null],
    ['fulfilment_failed', true, 'fulfilment_failed', null],
    // A reason not known here (or none, a backend without it): the server's sentence, and the checkout read again.
    ['merchant_asked', true, null, 'Refunded.'],
    [undefined, true, null, 'Refunded.'],
  ];
  for (const [refundReason, recoverable, reason, detail] of cases) {
    stubFetch(json(409, { error: 'Refunded.', code: 'payment_refunded', ...(refundReason ? { refundReason } : {}) }));
    const error = await rejection(finalizeCheckout('https://api.example', 'chk_abc', 'pi_2', 'key-2'));
    assert.equal(error.code, 'payment_refunded', refundReason);
    assert.equal(error.recoverable, recoverable, refundReason);
    assert.equal(error.reason, reason, refundReason);
    assert.equal(error.detail, detail, refundReason);
  }
});

test('a complete answered, as a replay, with an earlier payment it replaces (the bank had confirmed it) reads as a paid answer', async () => {
  const replayed = new Response(
    JSON.stringify({ success: true, data: paidData({ payment_intent: { id: 'pi_earlier', status: 'succeeded', client_secret: null }, checkout_id: 'chk_abc', amount_due: 100 }) }),
    { status: 200, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } },
  );
  stubFetch(replayed);
  const answer = await completeCheckout('https://api.example', 'chk_abc', { ...request, replacesPaymentIntentId: 'pi_earlier' }, 'key-new');
  assert.equal(answer.status, 'succeeded');
  assert.equal(answer.status === 'succeeded' && answer.orderId, 'ord_1');
  assert.equal(answer.status === 'succeeded' && answer.paymentIntent?.id, 'pi_earlier');
});

test('a refusal’s sentence is the detail shown, and its first field is named in the model’s words', async () => {
  stubFetch(json(400, { error: 'The request was refused: customer.address.postal_code is required.', code: 'validation_error', fields: [{ field: 'customer.address.postal_code', message: 'Required' }] }));
  const refused = await rejection(completeCheckout('https://api.example', 'chk_abc', request, 'k'));
  assert.equal(refused.field, 'customer.address.postalCode');
  assert.equal(refused.detail, 'The request was refused: customer.address.postal_code is required.');
  stubFetch(json(402, { error: 'Your card has insufficient funds.', code: 'card_declined', declineCode: 'insufficient_funds' }));
  assert.equal((await rejection(completeCheckout('https://api.example', 'chk_abc', request, 'k'))).detail, 'Your card has insufficient funds.');
});

test('a refusal with only Paid’s details (no fields list) still names its first bad field', async () => {
  stubFetch(json(400, { error: 'The request was refused: 2 fields are invalid.', code: 'validation_error', details: 'customer.email: must be an email address; selections.0.plan_id: Required' }));
  assert.equal((await rejection(completeCheckout('https://api.example', 'chk_abc', request, 'k'))).field, 'customer.email');
  stubFetch(json(400, { error: 'The request was refused.', code: 'validation_error', details: 'something went wrong' }));
  assert.equal((await rejection(completeCheckout('https://api.example', 'chk_abc', request, 'k'))).field, null);
});

test('finalize posts the payment it finalizes with its own key, and answers like a paid complete', async () => {
  const calls = stubFetch(paid());
  const answer = await finalizeCheckout('https://api.example', 'chk_abc', 'pi_2', 'key-2');
  assert.equal(answer.orderId, 'ord_1');
  assert.match(calls[0]!.url, /\/finalize$/);
  assert.equal(new Headers(calls[0]!.init?.headers).get('idempotency-key'), 'key-2');
  assert.deepEqual(JSON.parse(String(calls[0]!.init?.body)), { payment_intent_id: 'pi_2' });
});

test('a finalize answer that still asks for 3-D Secure is unreadable, and may be sent again', async () => {
  stubFetch(json(200, { success: true, data: actionData('pi_2') }));
  const error = await rejection(finalizeCheckout('https://api.example', 'chk_abc', 'pi_2', 'key-2'));
  assert.equal(error.code, 'invalid_response');
  assert.equal(error.recoverable, true);
});

test('finalize’s 409 requires_action (the bank never answered: a reload in its challenge, Back from its page) is payment_not_finished in the catalog’s words; its 402 authentication_failed stays the bank’s refusal', async () => {
  stubFetch(json(409, { error: 'The payment still needs 3-D Secure authentication.', code: 'requires_action' }));
  const unfinished = await rejection(finalizeCheckout('https://api.example', 'chk_abc', 'pi_2', 'key-2'));
  assert.equal(unfinished.code, 'payment_not_finished');
  assert.equal(unfinished.recoverable, true);
  assert.equal(unfinished.detail, null, 'the server’s words are for developers; the customer reads the catalog’s');
  stubFetch(json(402, { error: 'We are unable to authenticate your payment method.', code: 'authentication_failed' }));
  assert.equal((await rejection(finalizeCheckout('https://api.example', 'chk_abc', 'pi_2', 'key-2'))).code, 'authentication_failed');
});
