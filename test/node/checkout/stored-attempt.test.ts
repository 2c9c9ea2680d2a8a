// The attempt kept in the tab (src/checkout/stored-attempt.ts): what is written reads back the same,
// anything else is ignored, and a storage that throws keeps nothing and breaks nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAttempt } from '../../../src/checkout/attempt.ts';
import { AttemptStore, serializeAttempt, storageKeyFor, storedAttemptRules } from '../../../src/checkout/attempt-store.ts';
import { parseStoredAttempt } from '../../../src/checkout/stored-attempt.ts';

const NOW = Date.UTC(2030, 0, 1);
const request = {
  selections: [{ productId: 'prod_a', planId: 'plan_a', quantity: 2 }],
  currency: 'usd',
  customer: { name: 'Ada', email: 'ada@example.com', address: { line1: '1 Way', city: 'London', postalCode: 'N1', country: 'GB' }, taxId: null },
  confirmationToken: 'ctoken_test_succeeds_0123456789abcdef',
  returnUrl: 'https://shop.example/pay?x=1',
  amountDue: 4900,
};
let n = 0;
const attempt = () => newAttempt(request, () => `key-0000000${(n += 1)}`);

class MemoryStorage {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

test('an attempt written reads back as it was, at either stage', () => {
  const a = attempt();
  assert.deepEqual(parseStoredAttempt(serializeAttempt('chk_1', a, NOW), 'chk_1', NOW, storedAttemptRules), a);
  a.stage = 'finalize';
  a.paymentIntentId = 'pi_42';
  assert.deepEqual(parseStoredAttempt(serializeAttempt('chk_1', a, NOW), 'chk_1', NOW + 1000, storedAttemptRules), a);
});

test('a known customer’s attempt, which carries only their billing address and VAT number, reads back as it was', () => {
  const known = newAttempt({ ...request, customer: { address: request.customer.address, taxId: 'GB123456789' } }, () => 'key-known-1');
  assert.deepEqual(parseStoredAttempt(serializeAttempt('chk_1', known, NOW), 'chk_1', NOW, storedAttemptRules), known);
});

test('another checkout’s, a stale, a future or a malformed value is ignored', () => {
  const raw = JSON.parse(serializeAttempt('chk_1', attempt(), NOW));
  const variants: unknown[] = [
    null,
    '',
    '{',
    '[]',
    JSON.stringify({ ...raw, v: 2 }),
    JSON.stringify({ ...raw, checkoutId: 'chk_2' }),
    JSON.stringify({ ...raw, savedAt: NOW - 32 * 86_400_000 }),
    JSON.stringify({ ...raw, savedAt: NOW + 3_600_000 }),
    JSON.stringify({ ...raw, completeKey: '"><script>' }),
    JSON.stringify({ ...raw, finalizeKey: 7 }),
    JSON.stringify({ ...raw, stage: 'done' }),
    JSON.stringify({ ...raw, stage: 'finalize', paymentIntentId: null }),
    JSON.stringify({ ...raw, paymentIntentId: 'pi_<b>' }),
    JSON.stringify({ ...raw, request: { ...raw.request, returnUrl: 'javascript:alert(1)' } }),
    JSON.stringify({ ...raw, request: { ...raw.request, selections: [] } }),
    JSON.stringify({ ...raw, request: { ...raw.request, selections: [{ productId: 'prod_a', planId: null, quantity: 0 }] } }),
    JSON.stringify({ ...raw, request: { ...raw.request, amountDue: -1 } }),
    JSON.stringify({ ...raw, request: { ...raw.request, currency: 'USD' } }),
    JSON.stringify({ ...raw, request: { ...raw.request, customer: { name: 'Ada' } } }),
    JSON.stringify({ ...raw, request: { ...raw.request, customer: { taxId: 'GB123456789' } } }),
    JSON.stringify({ ...raw, request: { ...raw.request, customer: { address: { line1: '1 Way' } } } }),
    JSON.stringify({ ...raw, request: { ...raw.request, confirmationToken: '' } }),
    'x'.repeat(70_000),
  ];
  for (const value of variants) assert.equal(parseStoredAttempt(value as string | null, 'chk_1', NOW, storedAttemptRules), null, String(value).slice(0, 80));
});

test('the store keeps one attempt a checkout, clears it, and knows which attempts an element of the page handles', () => {
  const storage = new MemoryStorage();
  const store = new AttemptStore(() => NOW, () => storage as unknown as Storage);
  const read = (checkoutId: string) => parseStoredAttempt(store.raw(checkoutId), checkoutId, store.now(), storedAttemptRules);
  const a = attempt();
  store.save('chk_1', a);
  assert.ok(storage.items.has(storageKeyFor('chk_1')));
  assert.deepEqual(read('chk_1'), a);
  assert.equal(read('chk_2'), null);
  assert.equal(store.handles(a), false);
  store.claim(a);
  assert.equal(store.handles(a), true);
  store.release(a);
  assert.equal(store.handles(a), false);
  store.clear('chk_1');
  assert.equal(store.raw('chk_1'), null);
});

test('a storage that throws, or none, keeps nothing and throws nothing', () => {
  const refuse = () => {
    throw new Error('SecurityError');
  };
  const throwing = { getItem: refuse, setItem: refuse, removeItem: refuse } as unknown as Storage;
  for (const storage of [() => throwing, () => null, refuse]) {
    const store = new AttemptStore(() => NOW, storage as () => Storage | null);
    store.save('chk_1', attempt());
    assert.equal(store.raw('chk_1'), null);
    store.clear('chk_1');
  }
});
