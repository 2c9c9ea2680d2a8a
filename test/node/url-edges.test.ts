// Edges of the URL rules that mutation testing found unpinned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecureOrLocalUrl, isWrittenHttpUrl, redirectUrlFor, returnUrlFor } from '../../src/url.ts';

test('a URL is an http(s) URL only when it starts with the scheme, not when one appears later in it', () => {
  for (const url of ["javascript:alert('https://shop.example/')", 'data:text/plain,https://shop.example/', 'ftp://files.example/https://shop.example/', 'x-https://shop.example/']) {
    assert.equal(isWrittenHttpUrl(url), false, url);
  }
});

test('the scheme may be written in any letter case', () => {
  for (const url of ['https://shop.example/', 'HTTPS://SHOP.EXAMPLE/', 'Http://localhost:3000/']) {
    assert.equal(isWrittenHttpUrl(url), true, url);
  }
});

test('only {CHECKOUT_ID} itself is replaced, not a placeholder that differs in one letter', () => {
  const lookalikes = '?a={CHECKOUT_IX}&b={XHECKOUT_ID}&c={CHECKOUT-ID}&d=%7BCHECKOUT_I0%7D';
  assert.equal(redirectUrlFor(`https://shop.example/${lookalikes}`, 'chk_1'), `https://shop.example/${lookalikes}`);
});

test('http: is allowed on a host that is loopback, not on one whose name only ends like it', () => {
  assert.equal(isSecureOrLocalUrl('http://127.10.200.30:8080/'), true);
  for (const url of ['http://shop-localhost/', 'http://localhost.shop.example/']) {
    assert.equal(isSecureOrLocalUrl(url), false, url);
  }
});

test('a page URL that cannot be parsed is never sent as the return URL: the successUrl is', () => {
  assert.equal(returnUrlFor('not a url', 'https://shop.example/thanks', 'chk_1'), 'https://shop.example/thanks');
  assert.equal(returnUrlFor('', 'https://shop.example/thanks', 'chk_1'), 'https://shop.example/thanks');
});
