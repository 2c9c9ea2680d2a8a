// The store of a payment under way (src/checkout/attempt-store.ts): one attempt a checkout kept in
// the tab, so that a reload resends it with the same keys; a settled payment forgets only itself;
// the payment left unfinished is kept for the next Pay to name; a storage that refuses breaks nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttemptStore, storageKeyFor, storedAttemptRules } from '../../../src/checkout/attempt-store.ts';
import { parseStoredAttempt } from '../../../src/checkout/stored-attempt.ts';
import { attempt, MemoryStorage, NOW, request } from './kept-attempts.ts';

test('the store keeps one attempt a checkout, clears it, and knows which attempts an element of the page handles', () => {
  const storage = new MemoryStorage();
  const store = new AttemptStore(() => NOW, () => storage as unknown as Storage);
  const read = (checkoutId: string) => parseStoredAttempt(store.raw(checkoutId), checkoutId, store.now(), storedAttemptRules);
  const a = attempt();
  store.save('chk_1', a);
  assert.ok(storage.items.has(storageKeyFor('chk_1')));
  assert.equal(store.inPage('chk_1'), false, 'the tab keeps it: a reload finds it');
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

test('a storage that throws, or none, throws nothing: this page’s memory keeps the attempt (its elements share it), and a clear forgets it', () => {
  const refuse = () => {
    throw new Error('SecurityError');
  };
  const throwing = { getItem: refuse, setItem: refuse, removeItem: refuse, key: refuse, get length(): number { return refuse(); } } as unknown as Storage;
  for (const storage of [() => throwing, () => null, refuse]) {
    const memory = new Map<string, string>();
    const store = new AttemptStore(() => NOW, storage as () => Storage | null, memory);
    const a = attempt();
    assert.equal(store.inPage('chk_1'), false, 'nothing kept yet');
    store.save('chk_1', a);
    assert.deepEqual(parseStoredAttempt(store.raw('chk_1'), 'chk_1', NOW, storedAttemptRules), a);
    assert.equal(store.inPage('chk_1'), true, 'a reload would lose it');
    assert.equal(store.inPage('chk_2'), false, 'another checkout');
    assert.deepEqual(new AttemptStore(() => NOW, storage as () => Storage | null, memory).kept(), ['chk_1'], 'another element of the page sees it');
    store.clear('chk_1');
    assert.equal(store.raw('chk_1'), null);
    assert.equal(store.inPage('chk_1'), false, 'cleared');
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

test('a payment settled or stepped on forgets or overwrites only itself: a newer attempt another element kept for the checkout stays kept, and one settled is not kept again', () => {
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
  assert.equal(store.raw('chk_1'), null, 'with nothing kept (another element took it over and settled it), a step is not kept again');
});

test('by default an attempt is kept in the tab’s sessionStorage, where a reload (a page that remembers nothing) finds it with its keys', (t) => {
  const tab = new MemoryStorage();
  Object.defineProperty(globalThis, 'sessionStorage', { value: tab, configurable: true });
  t.after(() => delete (globalThis as { sessionStorage?: Storage }).sessionStorage);
  const a = attempt();
  new AttemptStore(() => NOW).save('chk_1', a);
  assert.ok(tab.items.has(storageKeyFor('chk_1')), 'in the tab’s storage');
  const reloaded = new AttemptStore(() => NOW, undefined, new Map());
  assert.deepEqual(parseStoredAttempt(reloaded.raw('chk_1'), 'chk_1', NOW, storedAttemptRules), a);
  reloaded.clear('chk_1');
  assert.equal(tab.items.size, 0, 'and forgotten there once settled');
});

test('a refund a Pay’s question found is kept only with the payment it refunds: a newer payment left since is not said to be refunded, and with nothing left nothing is kept', () => {
  const storage = new MemoryStorage();
  const store = new AttemptStore(() => NOW, () => storage as unknown as Storage, new Map());
  store.refundFound('chk_1', 'pi_1', 'requested_by_customer');
  assert.equal(store.left('chk_1'), null, 'nothing left, nothing kept');
  store.leave('chk_1', 'pi_1');
  store.leave('chk_1', 'pi_2');
  store.refundFound('chk_1', 'pi_1', 'requested_by_customer');
  assert.deepEqual(store.left('chk_1'), { id: 'pi_2', at: NOW }, 'the newer payment is not said to be refunded');
  store.refundFound('chk_1', 'pi_2', 'requested_by_customer');
  assert.deepEqual(store.left('chk_1'), { id: 'pi_2', at: NOW, refund: 'requested_by_customer' });
});
