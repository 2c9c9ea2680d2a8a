// A refusal whose sentence shows nothing (empty, spaces, zero-width or bidi controls alone) is said
// in the catalog's words for its code: the customer never reads an empty alert.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { completeCheckout } from '../../../src/api/client.ts';
import { completeRequest } from './requests.ts';
import { json, rejection, restoreFetch, stubFetch } from './fetch-stub.ts';

afterEach(restoreFetch);

const blanks = ['', ' ', '\n\t ', '\u200b', '\u202e\u202c', '\u00a0\ufeff'];

test('a refusal whose sentence shows nothing has no detail: the catalog’s words for its code are shown instead', async () => {
  const refusals: Array<[number, string, string]> = [
    [402, 'card_declined', 'card_declined'],
    [402, 'authentication_failed', 'authentication_failed'],
    [400, 'validation_error', 'validation_error'],
    [409, 'something_new', 'conflict'],
    [418, 'teapot', 'server_error'],
  ];
  for (const [status, sent, code] of refusals) {
    for (const blank of blanks) {
      stubFetch(json(status, { error: blank, code: sent }));
      const refused = await rejection(completeCheckout('https://api.example', 'chk_abc', completeRequest, 'k'));
      assert.equal(refused.code, code, `${status} ${sent}`);
      assert.equal(refused.detail, null, `${status} ${sent} with the sentence ${JSON.stringify(blank)}`);
    }
  }
});

test('a sentence with something to read is kept as the server wrote it', async () => {
  stubFetch(json(402, { error: ' Your card was declined. ', code: 'card_declined' }));
  assert.equal((await rejection(completeCheckout('https://api.example', 'chk_abc', completeRequest, 'k'))).detail, ' Your card was declined. ');
});
