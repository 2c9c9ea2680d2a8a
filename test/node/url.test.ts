import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHttpUrl, isSecureOrLocalUrl, redirectUrlFor } from '../../src/url.ts';

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
