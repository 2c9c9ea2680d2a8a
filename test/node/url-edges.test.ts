// Edges of the URL rules that mutation testing found unpinned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWrittenHttpUrl } from '../../src/url.ts';

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
