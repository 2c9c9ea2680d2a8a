// Stripe's redirect parameters (src/checkout/redirect-return.ts): read only when they hold together;
// their names are url.ts' alone, as is taking them out of an address (url.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as redirectReturn from '../../../src/checkout/redirect-return.ts';
import { RETURN_PARAMS, returnUrlFor, withoutReturnParams } from '../../../src/url.ts';

// What the resume reader is handed: the names url.ts writes into return_url.
const redirectReturnOf = (search: string) => redirectReturn.redirectReturnOf(search, RETURN_PARAMS);

const good = '?payment_intent=pi_123&payment_intent_client_secret=pi_123_secret_abc&redirect_status=succeeded';

test('a return reads the payment, its secret and the status', () => {
  assert.deepEqual(redirectReturnOf(good), { paymentIntentId: 'pi_123', clientSecret: 'pi_123_secret_abc', status: 'succeeded', checkoutId: null });
  assert.equal(redirectReturnOf(`${good.replace('succeeded', 'failed')}&other=1`)?.status, 'failed');
});

test('anything that does not hold together is no return', () => {
  for (const search of [
    '',
    '?payment_intent=pi_123',
    '?payment_intent=pi_123&payment_intent_client_secret=pi_999_secret_abc&redirect_status=succeeded',
    '?payment_intent=pi_123&payment_intent_client_secret=pi_123_secret_&redirect_status=succeeded',
    '?payment_intent=pi_1%3Cb%3E&payment_intent_client_secret=pi_1%3Cb%3E_secret_a&redirect_status=succeeded',
    '?payment_intent=pi_123&payment_intent_client_secret=pi_123_secret_abc&redirect_status=<b>',
    `${good}&payment_intent=pi_456`,
    '?payment_intent=ch_123&payment_intent_client_secret=ch_123_secret_abc&redirect_status=succeeded',
  ]) {
    assert.equal(redirectReturnOf(search), null, search);
  }
});

/** The query Stripe appends for `paymentIntentId`, its secret's own part `secret` and `status`. */
const returnOf = (paymentIntentId: string, secret = 'abc', status = 'succeeded') =>
  `?payment_intent=${encodeURIComponent(paymentIntentId)}&payment_intent_client_secret=${encodeURIComponent(`${paymentIntentId}_secret_${secret}`)}&redirect_status=${encodeURIComponent(status)}`;

test('each parameter is read at its longest, and the return refused past it or with anything around it', () => {
  const read: Array<[string, string]> = [
    ['a payment intent of 100 characters after pi_', returnOf(`pi_${'a'.repeat(100)}`)],
    ['a secret of 200 characters', returnOf('pi_123', 'S'.repeat(200))],
    ['a status of 40 characters', returnOf('pi_123', 'abc', 'requires_payment_method'.padEnd(40, '_'))],
    ['a status Stripe may add', returnOf('pi_123', 'abc', 'requires_capture')],
  ];
  for (const [label, search] of read) assert.ok(redirectReturnOf(search), label);
  const refused: Array<[string, string]> = [
    ['a payment intent of 101 characters after pi_', returnOf(`pi_${'a'.repeat(101)}`)],
    ['a payment intent with a prefix', returnOf('xpi_123')],
    ['a payment intent with a suffix', returnOf('pi_123-1')],
    ['an empty payment intent', good.replace('pi_123&', '&')],
    ['a secret of 201 characters', returnOf('pi_123', 'S'.repeat(201))],
    ['a secret with a suffix', returnOf('pi_123', 'abc<b>')],
    ['a secret with a prefix', returnOf('pi_123', '-abc')],
    ['no secret', good.replace(/&payment_intent_client_secret=[^&]*/, '')],
    ['the secret twice', `${good}&payment_intent_client_secret=pi_123_secret_abc`],
    ['a status of 41 characters', returnOf('pi_123', 'abc', 's'.repeat(41))],
    ['a status with a suffix', returnOf('pi_123', 'abc', 'succeeded!')],
    ['a status with a prefix', returnOf('pi_123', 'abc', '!succeeded')],
    ['a status in capitals', returnOf('pi_123', 'abc', 'SUCCEEDED')],
    ['no status', good.replace(/&redirect_status=[^&]*/, '')],
    ['an empty status', good.replace('=succeeded', '=')],
    ['the status twice', `${good}&redirect_status=failed`],
  ];
  for (const [label, search] of refused) assert.equal(redirectReturnOf(search), null, label);
});

test('a return names the checkout its payment is for (our paid_checkout_id), when it holds one id', () => {
  assert.equal(redirectReturnOf(`?paid_checkout_id=chk_old-1${good.replace('?', '&')}`)?.checkoutId, 'chk_old-1');
  // Written wrong, or twice: no checkout named (the return is read as one made before the parameter).
  assert.equal(redirectReturnOf(`${good}&paid_checkout_id=chk%3Cb%3E`)?.checkoutId, null);
  assert.equal(redirectReturnOf(`${good}&paid_checkout_id=chk_1&paid_checkout_id=chk_2`)?.checkoutId, null);
  for (const [checkoutId, named] of [
    // As long as a session's id may be (255 characters), and no longer.
    [`chk_${'a'.repeat(251)}`, true],
    [`chk_${'a'.repeat(252)}`, false],
    ['chk_1%3Cb%3E', false],
    ['%3Cb%3Echk_1', false],
    ['', false],
  ] as const) {
    assert.equal(redirectReturnOf(`${good}&paid_checkout_id=${checkoutId}`)?.checkoutId, named ? decodeURIComponent(checkoutId) : null, checkoutId);
  }
});

test('the parameters are named in one place (url.ts): what return_url is written with, left without, and read back by', async () => {
  const src = fileURLToPath(new URL('../../../src/', import.meta.url));
  const files = (await readdir(src, { recursive: true })).filter((file) => file.endsWith('.ts') && file !== 'url.ts');
  for (const file of files) {
    // The code, not its comments.
    const code = (await readFile(join(src, file), 'utf8')).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    // Spelled as a parameter (in a string, a regex or a query), not as the API's field of that name.
    for (const name of RETURN_PARAMS) assert.doesNotMatch(code, new RegExp(`['"\`?&|(\\]]${name}['"\`=|)]`), `src/${file} spells ${name}: use url.ts' RETURN_PARAMS`);
  }
  const page = `https://shop.example/pay?a=1&${RETURN_PARAMS.map((name) => `${name}=x`).join('&')}#h`;
  assert.equal(withoutReturnParams(page), 'https://shop.example/pay?a=1#h');
  assert.equal(returnUrlFor(page, 'https://shop.example/thanks', 'chk_1'), `https://shop.example/pay?a=1&${RETURN_PARAMS[3]}=chk_1#h`);
});
