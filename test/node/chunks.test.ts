// src/chunks.ts: a chunk is fetched once, and again after a failure; the retry asks for the same
// file under a fresh URL (Firefox keeps a failed import's failure for the page's life), named by
// the build's table, or beside the sources when they run as they are (as here, under Node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lazyChunk, retryUrlOf } from '../../src/chunks.ts';

test("a retry's URL is the chunk's file with the attempt as its query: from the build's table, the source itself unbundled, none for a bundler's build", () => {
  const table = { 'checkout/checkout-chunk.ts': 'checkout-chunk-Ab12Cd34.js', 'i18n/fr.ts': 'locales/fr-Ef56Gh78.js' };
  assert.equal(retryUrlOf(table, 'checkout/checkout-chunk.ts', 1), './checkout-chunk-Ab12Cd34.js?retry=1');
  assert.equal(retryUrlOf(table, 'i18n/fr.ts', 3), './locales/fr-Ef56Gh78.js?retry=3');
  assert.equal(retryUrlOf(table, 'i18n/de.ts', 1), null, 'a chunk the table does not name: imported again as written');
  assert.equal(retryUrlOf(undefined, 'checkout/checkout-chunk.ts', 2), './checkout/checkout-chunk.ts?retry=2');
  assert.equal(retryUrlOf(null, 'checkout/checkout-chunk.ts', 1), null);
});

test('a chunk is fetched once however often it is asked for; after a failure the next call fetches it again, under a fresh URL', async () => {
  let loads = 0;
  const failing = new Error('Failed to fetch dynamically imported module');
  // Its source, errors.ts beside chunks.ts, is what the retry imports under `?retry=1`.
  const load = lazyChunk('errors.ts', () => {
    loads += 1;
    return Promise.reject(failing);
  });
  const [first, second] = await Promise.allSettled([load(), load()]);
  assert.deepEqual([first.status, second.status], ['rejected', 'rejected']);
  assert.equal(loads, 1, 'one fetch for both calls');
  const retried = (await load()) as typeof import('../../src/errors.ts');
  assert.equal(loads, 1, 'the retry does not import as written');
  assert.equal(typeof retried.CheckoutError, 'function', 'the same file, fetched again');
  assert.equal(await load(), retried, 'then the same module for every call');

  let fetched = 0;
  const working = lazyChunk('errors.ts', () => {
    fetched += 1;
    return import('../../src/errors.ts');
  });
  assert.equal(await working(), await working());
  assert.equal(fetched, 1);
});
