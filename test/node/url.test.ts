import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHttpUrl, redirectUrlFor } from '../../src/url.ts';

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
});
