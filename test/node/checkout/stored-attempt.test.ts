// The attempt kept in the tab (src/checkout/stored-attempt.ts): what is written reads back the same,
// and anything else is ignored. The store that keeps it is tested in attempt-store.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAttempt } from '../../../src/checkout/attempt.ts';
import { serializeAttempt, storedAttemptRules } from '../../../src/checkout/attempt-store.ts';
import { attemptMadeOn, isForeignAttempt, mayBeUnderWay, parseStoredAttempt } from '../../../src/checkout/stored-attempt.ts';
import { attempt, NOW, request } from './kept-attempts.ts';

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
