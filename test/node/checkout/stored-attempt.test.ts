// The attempt kept in the tab (src/checkout/stored-attempt.ts): what is written reads back the same,
// anything else is ignored, and a storage that throws keeps nothing and breaks nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAttempt } from '../../../src/checkout/attempt.ts';
import { AttemptStore, serializeAttempt, storageKeyFor, storedAttemptRules } from '../../../src/checkout/attempt-store.ts';
import { attemptMadeOn, isForeignAttempt, mayBeUnderWay, parseStoredAttempt } from '../../../src/checkout/stored-attempt.ts';

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
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
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

test('an attempt that names the prices it was shown (prices_version) reads back with them, so a resend after a reload sends the same body under the same key', () => {
  const named = newAttempt({ ...request, pricesVersion: '0123456789abcdef' }, () => 'key-prices-1');
  const read = parseStoredAttempt(serializeAttempt('chk_1', named, NOW), 'chk_1', NOW, storedAttemptRules);
  assert.deepEqual(read, named);
  assert.equal(read?.request.pricesVersion, '0123456789abcdef');
});

test('an attempt kept before prices_version (none in its request) still resumes, without one; a malformed one is ignored', () => {
  const raw = JSON.parse(serializeAttempt('chk_1', attempt(), NOW));
  assert.equal('pricesVersion' in raw.request, false);
  assert.deepEqual(parseStoredAttempt(JSON.stringify(raw), 'chk_1', NOW, storedAttemptRules)?.request, request);
  for (const pricesVersion of [42, '', null, 'x'.repeat(256)]) {
    assert.equal(parseStoredAttempt(JSON.stringify({ ...raw, request: { ...raw.request, pricesVersion } }), 'chk_1', NOW, storedAttemptRules), null, String(pricesVersion));
  }
});

test('another checkout’s, a stale or a malformed value is ignored', () => {
  const raw = JSON.parse(serializeAttempt('chk_1', attempt(), NOW));
  const variants: unknown[] = [
    null,
    '',
    '{',
    '[]',
    JSON.stringify({ ...raw, v: 2 }),
    JSON.stringify({ ...raw, checkoutId: 'chk_2' }),
    JSON.stringify({ ...raw, savedAt: NOW - 32 * 86_400_000 }),
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

test('the store says whether an element of the page is paying a checkout with the attempt it keeps for it, reading no more than its key', () => {
  const storage = new MemoryStorage();
  const store = new AttemptStore(() => NOW, () => storage as unknown as Storage);
  const a = attempt();
  assert.equal(store.paying('chk_1'), false, 'nothing kept');
  store.save('chk_1', a);
  assert.equal(store.paying('chk_1'), false, 'kept, and no element handles it');
  store.claim(a);
  assert.equal(store.paying('chk_1'), true);
  assert.equal(store.paying('chk_2'), false, 'another checkout');
  const b = attempt();
  store.save('chk_1', b);
  assert.equal(store.paying('chk_1'), false, 'the attempt kept is not the one handled');
  store.release(a);
  for (const value of ['{not json', 'null', '[]', JSON.stringify({ completeKey: 7 })]) {
    storage.setItem(storageKeyFor('chk_1'), value);
    assert.equal(store.paying('chk_1'), false, value);
  }
});

test('an attempt saved “in the future” (the clock moved back since) is read: a payment the bank confirmed is not lost to a clock', () => {
  const a = attempt();
  assert.deepEqual(parseStoredAttempt(serializeAttempt('chk_1', a, NOW + 3_600_000), 'chk_1', NOW, storedAttemptRules), a);
});

test('only what this element could never have kept for a checkout is foreign (dropped); another version’s, a stale or a malformed one is not', () => {
  const raw = JSON.parse(serializeAttempt('chk_1', attempt(), NOW));
  for (const value of ['{', 'null', '[]', '7', JSON.stringify({ ...raw, v: 'x' }), JSON.stringify({ ...raw, checkoutId: 'chk_2' })]) assert.equal(isForeignAttempt(value, 'chk_1'), true, value);
  for (const value of [JSON.stringify({ ...raw, v: 2 }), JSON.stringify({ ...raw, v: 0, stage: 'done' }), JSON.stringify({ ...raw, savedAt: NOW - 40 * 86_400_000 })]) assert.equal(isForeignAttempt(value, 'chk_1'), false, value);
});

test('what this element cannot read but did not drop may be a payment under way, unless it says it was kept longer ago than a kept attempt lasts', () => {
  const raw = JSON.parse(serializeAttempt('chk_1', attempt(), NOW));
  const day = 86_400_000;
  for (const value of [{ ...raw, v: 2 }, { ...raw, v: 2, savedAt: NOW - 30 * day }, { ...raw, v: 2, savedAt: NOW + day }, { v: 3, checkoutId: 'chk_1', keptAt: '2030-01-01' }, { ...raw, savedAt: String(NOW - 40 * day), stage: 'done' }]) {
    assert.equal(mayBeUnderWay(JSON.stringify(value), NOW), true, JSON.stringify(value));
  }
  for (const value of [{ ...raw, v: 2, savedAt: NOW - 32 * day }, { ...raw, v: 0, savedAt: NOW - 40 * day, stage: 'done' }]) {
    assert.equal(mayBeUnderWay(JSON.stringify(value), NOW), false, JSON.stringify(value));
  }
});

test('a storage that throws, or none, throws nothing: this page’s memory keeps the attempt (its elements share it), and a clear forgets it', () => {
  const refuse = () => {
    throw new Error('SecurityError');
  };
  const throwing = { getItem: refuse, setItem: refuse, removeItem: refuse, key: refuse, get length(): number { return refuse(); } } as unknown as Storage;
  for (const storage of [() => throwing, () => null, refuse]) {
    const memory = new Map<string, string>();
    const store = new AttemptStore(() => NOW, storage as () => Storage | null, memory);
    const a = attempt();
    store.save('chk_1', a);
    assert.deepEqual(parseStoredAttempt(store.raw('chk_1'), 'chk_1', NOW, storedAttemptRules), a);
    assert.deepEqual(new AttemptStore(() => NOW, storage as () => Storage | null, memory).kept(), ['chk_1'], 'another element of the page sees it');
    store.clear('chk_1');
    assert.equal(store.raw('chk_1'), null);
    assert.deepEqual(store.kept(), []);
  }
});

test('with storage whose setItem throws (getItem works), the payment left unfinished is read back from this page’s memory, and forgotten when left null', () => {
  const storage = new MemoryStorage();
  storage.setItem = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  const store = new AttemptStore(() => NOW, () => storage as unknown as Storage, new Map());
  store.leave('chk_1', 'pi_1');
  assert.equal(store.unfinished('chk_1'), 'pi_1');
  store.leave('chk_1', null);
  assert.equal(store.unfinished('chk_1'), null);
});

test('a payment left unfinished is named however long ago it was left (the server cancels it, or answers it when the bank confirmed it), and kept with the order it bought', () => {
  const storage = new MemoryStorage();
  let now = NOW;
  const store = new AttemptStore(() => now, () => storage as unknown as Storage, new Map());
  store.leave('chk_1', 'pi_1', { selections: request.selections, currency: 'usd' });
  assert.deepEqual(store.left('chk_1'), { id: 'pi_1', at: NOW, order: { selections: request.selections, currency: 'usd' } });
  for (const later of [15 * 60_000 - 1, 15 * 60_000, 20 * 60_000, 2 * 86_400_000, -3_600_000]) {
    now = NOW + later;
    assert.equal(store.unfinished('chk_1'), 'pi_1', `${later} ms after it was left`);
  }
  // An entry of an earlier element (a bare id, no time) is named by nothing.
  storage.setItem('paid-checkout:unfinished:chk_2', 'pi_2');
  assert.equal(store.unfinished('chk_2'), null);
});

test('a payment left unfinished that this element could not have kept (tampered, or another version’s) names nothing, and an order that is no list of selections is left out', () => {
  const storage = new MemoryStorage();
  const store = new AttemptStore(() => NOW, () => storage as unknown as Storage, new Map());
  const keep = (value: unknown) => storage.setItem('paid-checkout:unfinished:chk_1', JSON.stringify(value));
  // Each id is one no payment has (the server refuses one over 255 characters: every Pay would be
  // refused with it), or one that only reads as text.
  for (const id of [`pi_${'a'.repeat(300)}`, '', 'pi_', 'pi_<b>', 'pi_1 ', 'xpi_1', 42, ['pi_1'], { id: 'pi_1' }, null]) {
    keep({ id, at: NOW });
    assert.equal(store.left('chk_1'), null, JSON.stringify(id));
    assert.equal(store.unfinished('chk_1'), null, JSON.stringify(id));
  }
  for (const at of ['1', null, undefined, 1e309]) {
    keep({ id: 'pi_1', at });
    assert.equal(store.unfinished('chk_1'), null, `at ${String(at)}`);
  }
  // Its order is shown when the server answers with that payment: one that is no list, or a list
  // with null in it, would throw there, and lose the success of a payment taken. (Any other item is
  // an order that does not resolve, and names no lines.)
  const selections = [{ productId: 'prod_a', planId: null, quantity: 1 }];
  for (const order of [{ selections: 'prod_a', currency: 'usd' }, { selections: [null], currency: 'usd' }, { selections: [selections[0], null], currency: 'usd' }, { currency: 'usd' }, { selections: { 0: selections[0], length: 1 } }, 'prod_a', null]) {
    keep({ id: 'pi_1', at: NOW, order, refund: '' });
    assert.deepEqual(store.left('chk_1'), { id: 'pi_1', at: NOW, refund: '' }, JSON.stringify(order));
  }
  keep({ id: 'pi_1', at: NOW, order: { selections, currency: 'usd' } });
  assert.deepEqual(store.left('chk_1'), { id: 'pi_1', at: NOW, order: { selections, currency: 'usd' } });
});

test('the store lists the checkouts it keeps an attempt for, and nothing else the tab keeps', () => {
  const storage = new MemoryStorage();
  const store = new AttemptStore(() => NOW, () => storage as unknown as Storage);
  storage.setItem('cart', '[]');
  storage.setItem('paid-checkout:other', 'x');
  store.save('chk_1', attempt());
  store.save('chk_2', attempt());
  assert.deepEqual(store.kept().sort(), ['chk_1', 'chk_2']);
  store.clear('chk_1');
  assert.deepEqual(store.kept(), ['chk_2']);
});

/** What a tab keeps: each checkout's id and its attempt as written, made on `page` at `savedAt`. */
const keptOn = (checkoutId: string, page: string, savedAt = NOW) => {
  const made = newAttempt({ ...request, returnUrl: `${page}?paid_checkout_id=${checkoutId}` }, () => `key-${checkoutId.slice(4)}-000000`);
  return [checkoutId, serializeAttempt(checkoutId, made, savedAt)] as const;
};

test('an attempt another checkout made on this page (origin and path; the query and hash aside) is found, with its checkout', () => {
  const kept = [keptOn('chk_old', 'https://shop.example/pricing')];
  const found = attemptMadeOn('https://shop.example/pricing?plan=pro#pay', kept, NOW, storedAttemptRules);
  assert.equal(found?.checkoutId, 'chk_old');
  assert.equal(found?.attempt.completeKey, 'key-old-000000');
  assert.equal(found?.attempt.request.returnUrl, 'https://shop.example/pricing?paid_checkout_id=chk_old');
});

test('an attempt made on another page, or on this path of another origin, is left to it', () => {
  for (const page of ['https://shop.example/pricing/team', 'https://shop.example/', 'http://shop.example/pricing', 'https://other.example/pricing', 'https://shop.example:8443/pricing']) {
    assert.equal(attemptMadeOn('https://shop.example/pricing', [keptOn('chk_old', page)], NOW, storedAttemptRules), null, page);
  }
  // A page that cannot be named (a frame's about:srcdoc) finds none.
  assert.equal(attemptMadeOn('about:srcdoc', [keptOn('chk_old', 'https://shop.example/pricing')], NOW, storedAttemptRules), null);
});

test('of several made on this page, the newest; a malformed, stale or taken one is passed over', () => {
  const page = 'https://shop.example/pricing';
  const kept = [keptOn('chk_a', page, NOW - 60_000), keptOn('chk_b', page, NOW - 1000), keptOn('chk_c', page, NOW - 30_000), ['chk_d', '{'] as const, ['chk_e', null] as const, keptOn('chk_f', page, NOW - 40 * 86_400_000)];
  assert.equal(attemptMadeOn(page, kept, NOW, storedAttemptRules)?.checkoutId, 'chk_b');
  // Being handled by an element of this page: the next newest.
  assert.equal(attemptMadeOn(page, kept, NOW, storedAttemptRules, (attempt) => attempt.completeKey === 'key-b-000000')?.checkoutId, 'chk_c');
  assert.equal(attemptMadeOn(page, [['chk_d', '{'], ['chk_e', null]], NOW, storedAttemptRules), null);
});

test('finding the attempt made on this page reads each kept value once', (t) => {
  const page = 'https://shop.example/pricing';
  const kept = [keptOn('chk_a', page, NOW - 60_000), keptOn('chk_b', page, NOW - 1000), keptOn('chk_c', 'https://shop.example/other')];
  const parse = t.mock.method(JSON, 'parse');
  assert.equal(attemptMadeOn(page, kept, NOW, storedAttemptRules)?.checkoutId, 'chk_b');
  assert.equal(parse.mock.callCount(), kept.length);
});

test('a payment settled or stepped on forgets or overwrites only itself: a newer attempt another element kept for the checkout stays kept', () => {
  const storage = new MemoryStorage();
  const store = new AttemptStore(() => NOW, () => storage as unknown as Storage);
  const older = attempt();
  const newer = attempt();
  const keptKey = () => JSON.parse(store.raw('chk_1') ?? '{}').completeKey;
  store.save('chk_1', older);
  store.save('chk_1', newer);
  store.save('chk_1', { ...older, stage: 'finalize', paymentIntentId: 'pi_older' }, true);
  assert.equal(keptKey(), newer.completeKey, 'a step of the older payment does not replace the newer one');
  store.clear('chk_1', older);
  assert.equal(keptKey(), newer.completeKey, 'the older payment settled does not forget the newer one');
  store.save('chk_1', { ...newer, stage: 'finalize', paymentIntentId: 'pi_newer' }, true);
  assert.equal(JSON.parse(store.raw('chk_1')!).paymentIntentId, 'pi_newer', 'its own step is kept');
  store.clear('chk_1', newer);
  assert.equal(store.raw('chk_1'), null, 'settled, it is forgotten');
  store.save('chk_1', { ...older, stage: 'finalize', paymentIntentId: 'pi_older' }, true);
  assert.equal(keptKey(), older.completeKey, 'with nothing kept, a step is kept');
});
