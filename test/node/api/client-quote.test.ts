// quoteCheckout (src/api/client.ts) against a stubbed fetch: the quote is asked in the wire's
// snake_case, its answer read into the model's names, and its refusals read as a payment's are.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { quoteCheckout } from '../../../src/api/client.ts';
import type { QuoteRequest } from '../../../src/api/requests.ts';
import { quoteData } from './answers.ts';
import { json, rejection, restoreFetch, stubFetch } from './fetch-stub.ts';

afterEach(restoreFetch);

const request: QuoteRequest = {
  selections: [{ productId: 'prod_1', planId: 'plan_1', quantity: 1 }],
  currency: 'eur',
  address: { country: 'DE', postalCode: '10115', state: null },
  taxId: 'DE123456789',
};

test('a quote posts the order and the buyer’s place in snake_case to the checkout’s quote route, without cookies', async () => {
  const calls = stubFetch(json(200, { success: true, data: quoteData() }));
  await quoteCheckout('https://api.example/', 'chk_a/b', request);
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.url, 'https://api.example/api/public/checkout/chk_a%2Fb/quote');
  assert.equal(calls[0]!.init?.method, 'POST');
  assert.equal(calls[0]!.init?.credentials, 'omit');
  assert.equal(new Headers(calls[0]!.init?.headers).get('content-type'), 'application/json');
  assert.deepEqual(JSON.parse(String(calls[0]!.init?.body)), {
    selections: [{ product_id: 'prod_1', plan_id: 'plan_1', quantity: 1 }],
    currency: 'eur',
    address: { country: 'DE', postal_code: '10115', state: null },
    tax_id: 'DE123456789',
  });
});

test('a quote’s answer is read into the model’s names, with only the fields the element reads', async () => {
  stubFetch(json(200, { success: true, data: quoteData() }));
  assert.deepEqual(await quoteCheckout('https://api.example', 'chk_1', request), {
    amount: 5831,
    currency: 'eur',
    subtotal: 4900,
    tax: 931,
    lines: [{ kind: 'new', subtotal: 4900, total: 5831, taxRate: { inclusive: false } }],
    taxLines: [{ name: 'vat', jurisdiction: 'DE', basisPoints: 1900, inclusive: false, amount: 931 }],
    recurring: [{ interval: 'month', startsAt: '2030-02-11T00:00:00.000Z', total: 5831, includesUsage: false }],
    reverseCharge: false,
    now: '2030-01-11T00:00:00.000Z',
  });
});

test('a quote refusing the VAT number is validation_error naming taxId, the model’s name for the wire’s tax_id', async () => {
  const calls = stubFetch(
    json(422, {
      error: 'The request was refused: tax_id is a VAT number of FR, but the billing address is in DE.',
      code: 'validation_error',
      fields: [{ field: 'tax_id', message: 'is a VAT number of FR, but the billing address is in DE' }],
    }),
  );
  const refused = await rejection(quoteCheckout('https://api.example', 'chk_1', { ...request, taxId: 'FRXX123456789' }));
  assert.equal(refused.code, 'validation_error');
  assert.equal(refused.recoverable, true);
  assert.equal(refused.field, 'taxId');
  assert.equal(refused.detail, 'The request was refused: tax_id is a VAT number of FR, but the billing address is in DE.');
  assert.equal(calls.length, 1);
});

test('a quote answer the element cannot read is invalid_response, and may be asked again', async () => {
  const unreadable = [
    json(200, { success: true, data: quoteData({ amount: -1 }) }),
    json(200, { success: true, data: quoteData({ tax_lines: [{ name: 'luxury_tax', jurisdiction: 'DE', basis_points: 1900, inclusive: false, amount: 931 }] }) }),
    json(200, quoteData()),
    new Response('{"success": true, "data": {', { status: 200 }),
  ];
  for (const answer of unreadable) {
    const calls = stubFetch(answer);
    const error = await rejection(quoteCheckout('https://api.example', 'chk_1', request));
    assert.equal(error.code, 'invalid_response');
    assert.equal(error.recoverable, true);
    assert.equal(calls.length, 1, 'the quote controller decides when to ask again, not the client');
  }
});

test('a closed checkout, a missing one and a lost answer are told apart when quoting', async () => {
  const cases: Array<[Response | Error, string]> = [
    [json(409, { error: 'This checkout has expired.', code: 'expired' }), 'expired'],
    [json(404, { error: 'No such checkout', code: 'not_found' }), 'not_found'],
    [json(503, {}), 'server_error'],
    [new TypeError('Failed to fetch'), 'network_error'],
  ];
  for (const [answer, code] of cases) {
    stubFetch(answer);
    assert.equal((await rejection(quoteCheckout('https://api.example', 'chk_1', request))).code, code);
  }
});

test('an aborted quote rejects with the abort, which the quote controller drops', async () => {
  stubFetch(json(200, { success: true, data: quoteData() }));
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(quoteCheckout('https://api.example', 'chk_1', request, { signal: controller.signal }), (error: unknown) => error instanceof DOMException && error.name === 'AbortError');
});
