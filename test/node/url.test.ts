import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHttpUrl, isSecureOrLocalUrl, redirectUrlFor, returnUrlFor, withoutReturnParams } from '../../src/url.ts';

test('only absolute http and https URLs are followed', () => {
  assert.equal(isHttpUrl('https://shop.example/thanks'), true);
  assert.equal(isHttpUrl('http://localhost:3000/'), true);
  for (const unsafe of ['javascript:alert(1)', 'data:text/html,hi', '/relative', 'ftp://x.example/', 'vbscript:x', '']) {
    assert.equal(isHttpUrl(unsafe), false, unsafe);
  }
});

test('the redirect URL has every {CHECKOUT_ID}, raw or percent-encoded, replaced', () => {
  assert.equal(redirectUrlFor('https://shop.example/thanks?c={CHECKOUT_ID}', 'chk_1'), 'https://shop.example/thanks?c=chk_1');
  assert.equal(
    redirectUrlFor('https://shop.example/%7BCHECKOUT_ID%7D/done?again={CHECKOUT_ID}&%7bCHECKOUT_ID%7d', 'chk_1'),
    'https://shop.example/chk_1/done?again=chk_1&chk_1',
  );
  assert.equal(redirectUrlFor('https://shop.example/thanks', 'chk_1'), 'https://shop.example/thanks');
});

test('the checkout id is encoded where it is put, and an unsafe result is never returned', () => {
  assert.equal(redirectUrlFor('https://shop.example/?c={CHECKOUT_ID}', 'chk_a&b=c'), 'https://shop.example/?c=chk_a%26b%3Dc');
  assert.equal(redirectUrlFor('javascript:alert("{CHECKOUT_ID}")', 'chk_1'), null);
  assert.equal(redirectUrlFor('{CHECKOUT_ID}', 'https://evil.example'), null);
  // The rule successUrl is read by (isWrittenHttpUrl): scheme and slashes written out, no hidden characters.
  assert.equal(redirectUrlFor('https:shop.example/?c={CHECKOUT_ID}', 'chk_1'), null);
  assert.equal(redirectUrlFor('https://shop.example/\u200b?c={CHECKOUT_ID}', 'chk_1'), null);
});

test('{CHECKOUT_ID} is replaced however it is written: any letter case, either brace raw or percent-encoded in either hex case', () => {
  const written = ['%7BCHECKOUT_ID%7d', '%7bCHECKOUT_ID%7D', '%7bcheckout_id%7d', '{checkout_id}', '{Checkout_Id}', '%7BCHECKOUT_ID}', '{CHECKOUT_ID%7D', '%7B%43HECKOUT_ID%7D'];
  for (const placeholder of written) {
    assert.equal(redirectUrlFor(`https://shop.example/thanks?c=${placeholder}`, 'chk_1'), 'https://shop.example/thanks?c=chk_1', placeholder);
  }
  // Something else that only looks like it stays as written.
  assert.equal(redirectUrlFor('https://shop.example/?c={CHECKOUT}&d=CHECKOUT_ID&e=%257BCHECKOUT_ID%257D', 'chk_1'), 'https://shop.example/?c={CHECKOUT}&d=CHECKOUT_ID&e=%257BCHECKOUT_ID%257D');
});

test('an http: success or cancel URL is allowed only on a loopback host; https anywhere', () => {
  for (const url of ['https://shop.example/thanks', 'https://127.0.0.1/', 'http://localhost:3000/thanks', 'http://LOCALHOST/', 'http://127.0.0.1:8080/', 'http://127.4.5.6/', 'http://[::1]:5173/', 'http://[0:0:0:0:0:0:0:1]/', 'http://127.1/']) {
    assert.equal(isSecureOrLocalUrl(url), true, url);
  }
  for (const url of ['http://shop.example/thanks', 'http://localhost.evil.example/', 'http://evil.localhost.example/', 'http://128.0.0.1/', 'http://10.0.0.1/', 'http://[::2]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'javascript:alert(1)', 'ftp://localhost/']) {
    assert.equal(isSecureOrLocalUrl(url), false, url);
  }
});

test('the return URL names the checkout the payment is for, so that a page showing another checkout (one made per load) finishes it', () => {
  const successUrl = 'https://shop.example/thanks';
  assert.equal(returnUrlFor('https://shop.example/pricing', successUrl, 'chk_1'), 'https://shop.example/pricing?paid_checkout_id=chk_1');
  // The page's own parameters and hash stay as written; the id is encoded.
  assert.equal(
    returnUrlFor('https://shop.example/pricing?a=b%20c&x=1+2#plans', successUrl, 'chk_a&b'),
    'https://shop.example/pricing?a=b%20c&x=1+2&paid_checkout_id=chk_a%26b#plans',
  );
});

test('a return’s parameters left in the page’s address (Stripe’s, or ours for another checkout) are not sent on: Stripe would append its own twice', () => {
  const page =
    'https://shop.example/pricing?plan=pro&paid_checkout_id=chk_old&payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_x&redirect_status=failed&utm=a';
  assert.equal(returnUrlFor(page, 'https://shop.example/thanks', 'chk_new'), 'https://shop.example/pricing?plan=pro&utm=a&paid_checkout_id=chk_new');
  // Only those names: a parameter that starts alike is the page's.
  assert.equal(
    returnUrlFor('https://shop.example/p?payment_intents=3&redirect_status_x=1', 'https://shop.example/thanks', 'chk_1'),
    'https://shop.example/p?payment_intents=3&redirect_status_x=1&paid_checkout_id=chk_1',
  );
});

const good = '?payment_intent=pi_123&payment_intent_client_secret=pi_123_secret_abc&redirect_status=succeeded';

test('a return’s parameters leave the address; the page’s own stay as written, and the hash', () => {
  assert.equal(withoutReturnParams(`https://shop.example/pay${good}`), 'https://shop.example/pay');
  assert.equal(
    withoutReturnParams(`https://shop.example/pay?a=b%20c&payment_intent=pi_1&x=1+2&redirect_status=failed&payment_intent_client_secret=pi_1_secret_2#plans`),
    'https://shop.example/pay?a=b%20c&x=1+2#plans',
  );
  assert.equal(withoutReturnParams('https://shop.example/pay?keep=1#h'), 'https://shop.example/pay?keep=1#h');
  // Ours leaves with Stripe's.
  assert.equal(withoutReturnParams(`https://shop.example/pay?a=1&paid_checkout_id=chk_1${good.replace('?', '&')}#h`), 'https://shop.example/pay?a=1#h');
});

test('a return’s parameter is known by its name as read (decoded), alike in the return URL written and the address left: a page’s own payment%5Fintent is one', () => {
  // URLSearchParams, which the return is read by, reads `payment%5Fintent` as payment_intent: sent
  // on in a return_url, Stripe's own would make it twice, and the return would not be read.
  assert.equal(new URLSearchParams('payment%5Fintent=pi_old').get('payment_intent'), 'pi_old');
  const page = 'https://shop.example/pricing?plan=pro&payment%5Fintent=pi_old&redirect+status=x&paid%5fcheckout%5Fid=chk_old&%E0%A4%A=1#plans';
  assert.equal(returnUrlFor(page, 'https://shop.example/thanks', 'chk_new'), 'https://shop.example/pricing?plan=pro&redirect+status=x&%E0%A4%A=1&paid_checkout_id=chk_new#plans');
  assert.equal(withoutReturnParams(page), 'https://shop.example/pricing?plan=pro&redirect+status=x&%E0%A4%A=1#plans');
  // The return URL written is left, after the return, as the page was without them.
  const returned = `${returnUrlFor(page, 'https://shop.example/thanks', 'chk_new').replace('#plans', '')}&${good.slice(1)}#plans`;
  assert.equal(withoutReturnParams(returned), withoutReturnParams(page));
});
