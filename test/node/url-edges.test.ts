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

test('a checkout id put into successUrl or a return URL stays one value: its `/`, `?`, `#`, `%`, `\\` and `..` cannot move the URL to another path, query or host', () => {
  for (const id of ['chk_a/../../admin', 'chk_a?next=https://evil.example', 'chk_a#evil', 'chk_%2e%2e', 'chk_a\\..\\evil', 'chk_..', 'chk_a@evil.example', 'chk_a&paid_checkout_id=chk_b']) {
    const redirect = new URL(redirectUrlFor('https://shop.example/thanks/{CHECKOUT_ID}?c={CHECKOUT_ID}#{CHECKOUT_ID}', id)!);
    assert.equal(redirect.host, 'shop.example', id);
    assert.equal(redirect.pathname, `/thanks/${encodeURIComponent(id)}`, id);
    assert.equal(redirect.searchParams.get('c'), id, id);
    assert.deepEqual([...redirect.searchParams.keys()], ['c'], id);
    assert.equal(decodeURIComponent(redirect.hash.slice(1)), id, id);
    const back = new URL(returnUrlFor('https://shop.example/pricing?plan=pro', 'https://shop.example/thanks', id));
    assert.equal(`${back.origin}${back.pathname}`, 'https://shop.example/pricing', id);
    assert.deepEqual([...back.searchParams.entries()], [['plan', 'pro'], ['paid_checkout_id', id]], id);
  }
});
