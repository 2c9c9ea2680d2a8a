// The rules of a kept attempt (src/checkout/stored-attempt.ts), field by field: every record the
// element writes reads back as it was, and a record that breaks one rule is refused whole, since
// resuming it would send a payment again with what the buyer never chose (its keys, its order,
// its amount, its page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CompleteRequest } from '../../../src/api/schemas.ts';
import type { Attempt } from '../../../src/checkout/attempt.ts';
import { serializeAttempt, STORED_VERSION, storedAttemptRules } from '../../../src/checkout/attempt-store.ts';
import { attemptMadeOn, mayBeUnderWay, parseStoredAttempt } from '../../../src/checkout/stored-attempt.ts';

const NOW = Date.UTC(2030, 0, 1);
const DAY = 86_400_000;
/** How long a kept attempt lasts: longer than any checkout session (30 days). */
const LASTS = 31 * DAY;

const address = { line1: '1 Way', city: 'London', postalCode: 'N1', country: 'GB' };
const request: CompleteRequest = {
  selections: [{ productId: 'prod_a', planId: 'plan_a', quantity: 2 }],
  currency: 'usd',
  customer: { name: 'Ada', email: 'ada@example.com', phone: null, address, taxId: null },
  confirmationToken: 'ctoken_test_succeeds_0123456789abcdef',
  returnUrl: 'https://shop.example/pay?x=1',
  amountDue: 4900,
};
const attempt: Attempt = { completeKey: 'key-complete-1', finalizeKey: 'key-finalize-1', request, stage: 'complete', paymentIntentId: null };

const read = (raw: string | null, now = NOW) => parseStoredAttempt(raw, 'chk_1', now, storedAttemptRules);

/** The record the element writes for `attempt` at `savedAt`, its fields changed (undefined: left out). */
const kept = (changes: Record<string, unknown> = {}, savedAt = NOW) => JSON.stringify({ ...JSON.parse(serializeAttempt('chk_1', attempt, savedAt)), ...changes });
/** The record with its request's fields changed. */
const keptRequest = (changes: Record<string, unknown>) => kept({ request: { ...request, ...changes } });
/** The record with its new customer's fields changed. */
const keptCustomer = (changes: Record<string, unknown>) => keptRequest({ customer: { ...request.customer, ...changes } });
/** The record with its one selection's fields changed. */
const keptSelection = (changes: Record<string, unknown>) => keptRequest({ selections: [{ ...request.selections[0], ...changes }] });

test('each attempt the element may keep reads back as it was', () => {
  const cases: Array<[string, Partial<Attempt>, Partial<CompleteRequest>?]> = [
    ['a new customer with every field', {}, { customer: { name: 'Ada', email: 'ada@example.com', phone: '+44 20 7946 0000', address: { ...address, line2: 'Flat 2', state: 'Greater London' }, taxId: 'GB123456789' } }],
    ['a new customer whose checkout collects no address', {}, { customer: { name: 'Ada', email: 'ada@example.com', phone: null, address: null } }],
    ['a new customer, written without an address', {}, { customer: { name: 'Ada', email: 'ada@example.com' } }],
    ['a known customer’s billing address alone', {}, { customer: { address, taxId: null } }],
    ['a known customer on a checkout that collects no address', {}, { customer: null }],
    ['a product without plans', {}, { selections: [{ productId: 'prod_a', planId: null, quantity: 1 }] }],
    // As long as a session's may be (api/schemas.ts' idWithPrefix: 255 characters).
    ['a product and a plan of the longest ids a session may name', {}, { selections: [{ productId: `prod_${'a'.repeat(250)}`, planId: `plan_${'b'.repeat(250)}`, quantity: 1 }] }],
    ['fifty selections, the most a checkout has', {}, { selections: Array.from({ length: 50 }, (_, i) => ({ productId: `prod_${i}`, planId: null, quantity: 1 })) }],
    ['nothing due today (a trial)', {}, { amountDue: 0 }],
    ['one that replaces a 3-D Secure payment left unfinished', {}, { replacesPaymentIntentId: 'pi_left1' }],
    ['one that replaces a payment it has yet to ask about (its complete never sent)', { unasked: true }, { replacesPaymentIntentId: 'pi_left1' }],
    ['one at finalize, naming the payment the bank confirmed', { stage: 'finalize', paymentIntentId: 'pi_42' }],
  ];
  for (const [label, changes, requestChanges] of cases) {
    const a: Attempt = { ...attempt, ...changes, request: { ...request, ...requestChanges } };
    assert.deepEqual(read(serializeAttempt('chk_1', a, NOW)), a, label);
  }
  const none: Attempt = { ...attempt, request: { ...request } };
  delete none.request.customer;
  assert.deepEqual(read(serializeAttempt('chk_1', none, NOW)), none, 'no customer at all');
});

test('each of these records is refused', () => {
  const refused: Array<[string, string]> = [
    ['JSON’s null', 'null'],
    // When and under which keys.
    ['savedAt as text', kept({ savedAt: String(NOW) })],
    ['savedAt not a whole millisecond', kept({ savedAt: NOW + 0.5 })],
    ['no savedAt', kept({ savedAt: undefined })],
    ['a complete key that is a number', kept({ completeKey: 12345678 })],
    ['a finalize key that is a number', kept({ finalizeKey: 12345678 })],
    ['a complete key after markup', kept({ completeKey: '<b>key-complete-1' })],
    ['a complete key before markup', kept({ completeKey: 'key-complete-1</b>' })],
    ['a key of 7 characters', kept({ finalizeKey: 'key-fin' })],
    ['no stage', kept({ stage: undefined })],
    // The payment the bank confirmed.
    ['a payment intent in a list', kept({ stage: 'finalize', paymentIntentId: ['pi_42'] })],
    ['a payment intent with a suffix', kept({ stage: 'finalize', paymentIntentId: 'pi_42</b>' })],
    ['a payment intent with a prefix', kept({ stage: 'finalize', paymentIntentId: 'xpi_42' })],
    ['a payment intent that is a number', kept({ paymentIntentId: 42 })],
    ['an empty payment intent', kept({ stage: 'finalize', paymentIntentId: '' })],
    // The request.
    ['a request of null', kept({ request: null })],
    ['no request', kept({ request: undefined })],
    ['a request that is a list', kept({ request: [request] })],
    ['a request that is text', kept({ request: 'selections' })],
    ['no selections', keptRequest({ selections: undefined })],
    ['selections not a list', keptRequest({ selections: request.selections[0] })],
    ['51 selections', keptRequest({ selections: Array.from({ length: 51 }, (_, i) => ({ productId: `prod_${i}`, planId: null, quantity: 1 })) })],
    ['one good selection and one of null', keptRequest({ selections: [request.selections[0], null] })],
    ['one good selection and one without a quantity', keptRequest({ selections: [request.selections[0], { productId: 'prod_b', planId: null }] })],
    ['a selection that is text', keptRequest({ selections: ['prod_a'] })],
    ['a selection that is a list', keptRequest({ selections: [['prod_a', 'plan_a', 2]] })],
    ['a selection without a product', keptSelection({ productId: undefined })],
    ['a selection whose product is a number', keptSelection({ productId: 42 })],
    ['a selection whose plan is a number', keptSelection({ planId: 42 })],
    ['a selection whose plan is empty', keptSelection({ planId: '' })],
    ['a selection without a plan (null is written for none)', keptSelection({ planId: undefined })],
    ['a quantity of 0', keptSelection({ quantity: 0 })],
    ['a negative quantity', keptSelection({ quantity: -2 })],
    ['a fractional quantity', keptSelection({ quantity: 1.5 })],
    ['a quantity as text', keptSelection({ quantity: '2' })],
    ['a currency in a list', keptRequest({ currency: ['usd'] })],
    ['a currency with a letter after', keptRequest({ currency: 'usdx' })],
    ['a currency with a letter before', keptRequest({ currency: 'xusd' })],
    ['a currency in capitals', keptRequest({ currency: 'USD' })],
    ['no currency', keptRequest({ currency: undefined })],
    ['a customer that is text', keptRequest({ customer: 'Ada' })],
    ['a customer that is a list', keptRequest({ customer: ['Ada', 'ada@example.com'] })],
    ['a customer of no field', keptRequest({ customer: {} })],
    ['a VAT number that is a number', keptCustomer({ taxId: 7 })],
    ['an empty VAT number', keptCustomer({ taxId: '' })],
    ['a known customer’s VAT number that is a number', keptRequest({ customer: { address, taxId: 7 } })],
    ['a known customer’s address of null', keptRequest({ customer: { address: null, taxId: null } })],
    ['a known customer’s address without a country', keptRequest({ customer: { address: { ...address, country: undefined } } })],
    ['a name without an email address', keptRequest({ customer: { name: 'Ada', address } })],
    ['an email address without a name', keptRequest({ customer: { email: 'ada@example.com', address } })],
    ['an empty name', keptCustomer({ name: '' })],
    ['a phone number that is a number', keptCustomer({ phone: 442079460000 })],
    ['an empty phone number', keptCustomer({ phone: '' })],
    ['a new customer’s address without its city', keptCustomer({ address: { ...address, city: undefined } })],
    ['a new customer’s address that is text', keptCustomer({ address: '1 Way, London' })],
    ['an address’s second line that is a number', keptCustomer({ address: { ...address, line2: 2 } })],
    ['an address’s state that is empty', keptCustomer({ address: { ...address, state: '' } })],
    ['no confirmation token', keptRequest({ confirmationToken: undefined })],
    ['a return URL that is not http(s)', keptRequest({ returnUrl: 'ftp://shop.example/pay' })],
    ['a relative return URL', keptRequest({ returnUrl: '/pay' })],
    ['no return URL', keptRequest({ returnUrl: undefined })],
    ['an amount as text', keptRequest({ amountDue: '4900' })],
    ['a fractional amount', keptRequest({ amountDue: 49.5 })],
    ['no amount', keptRequest({ amountDue: undefined })],
    ['a replaced payment that is a number', keptRequest({ replacesPaymentIntentId: 42 })],
    ['an empty replaced payment', keptRequest({ replacesPaymentIntentId: '' })],
    ['a replaced payment of null', keptRequest({ replacesPaymentIntentId: null })],
    // Yet to ask how the payment it replaces ended: only an attempt whose complete was never sent, replacing one.
    ['unasked, replacing nothing', kept({ unasked: true })],
    ['unasked at finalize', kept({ unasked: true, stage: 'finalize', paymentIntentId: 'pi_42', request: { ...request, replacesPaymentIntentId: 'pi_left1' } })],
    ['unasked as false', kept({ unasked: false, request: { ...request, replacesPaymentIntentId: 'pi_left1' } })],
    ['unasked as text', kept({ unasked: 'true', request: { ...request, replacesPaymentIntentId: 'pi_left1' } })],
    ['unasked as null', kept({ unasked: null, request: { ...request, replacesPaymentIntentId: 'pi_left1' } })],
  ];
  for (const [label, raw] of refused) assert.equal(read(raw), null, label);
});

/** Text of `length` characters: `filler` repeated after `prefix` (of which as much as fits). */
const textOf = (length: number, prefix = '', filler = 'a') => prefix.slice(0, length) + filler.repeat(Math.max(0, length - prefix.length));

test('each text is read from its shortest to its longest, and refused shorter or longer', () => {
  const page = 'https://shop.example/';
  // `from`: the least length tried (a URL shorter than the page's is still a URL).
  const texts: Array<{ field: string; shortest: number; longest: number; from?: number; record: (length: number) => string }> = [
    { field: 'completeKey', shortest: 8, longest: 100, record: (length) => kept({ completeKey: textOf(length, '', 'k') }) },
    { field: 'finalizeKey', shortest: 8, longest: 100, record: (length) => kept({ finalizeKey: textOf(length, '', 'F') }) },
    { field: 'paymentIntentId', shortest: 4, longest: 103, record: (length) => kept({ stage: 'finalize', paymentIntentId: textOf(length, 'pi_', '7') }) },
    { field: 'productId', shortest: 1, longest: 255, record: (length) => keptSelection({ productId: textOf(length) }) },
    { field: 'planId', shortest: 1, longest: 255, record: (length) => keptSelection({ planId: textOf(length) }) },
    { field: 'confirmationToken', shortest: 1, longest: 255, record: (length) => keptRequest({ confirmationToken: textOf(length) }) },
    { field: 'returnUrl', shortest: page.length, longest: 2048, from: page.length, record: (length) => keptRequest({ returnUrl: textOf(length, page) }) },
    { field: 'replacesPaymentIntentId', shortest: 1, longest: 255, record: (length) => keptRequest({ replacesPaymentIntentId: textOf(length) }) },
    { field: 'pricesVersion', shortest: 1, longest: 255, record: (length) => keptRequest({ pricesVersion: textOf(length) }) },
    { field: 'name', shortest: 1, longest: 500, record: (length) => keptCustomer({ name: textOf(length) }) },
    { field: 'email', shortest: 1, longest: 500, record: (length) => keptCustomer({ email: textOf(length) }) },
    { field: 'phone', shortest: 1, longest: 500, record: (length) => keptCustomer({ phone: textOf(length) }) },
    { field: 'taxId', shortest: 1, longest: 500, record: (length) => keptCustomer({ taxId: textOf(length) }) },
    { field: 'address.line1', shortest: 1, longest: 500, record: (length) => keptCustomer({ address: { ...address, line1: textOf(length) } }) },
    { field: 'address.line2', shortest: 1, longest: 500, record: (length) => keptCustomer({ address: { ...address, line2: textOf(length) } }) },
    { field: 'address.state', shortest: 1, longest: 500, record: (length) => keptCustomer({ address: { ...address, state: textOf(length) } }) },
  ];
  for (const { field, shortest, longest, from = Math.max(0, shortest - 10), record } of texts) {
    fc.assert(
      fc.property(fc.integer({ min: from, max: longest + 10 }), (length) => {
        const within = length >= shortest && length <= longest;
        assert.equal(read(record(length)) !== null, within, `${field} of ${length} characters`);
      }),
      { examples: [[shortest - 1], [shortest], [longest], [longest + 1]].filter(([length]) => length! >= from) },
    );
  }
});

test('an amount or a quantity is read at any whole number from its least (0 due, 1 bought), and refused below it', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1000, max: Number.MAX_SAFE_INTEGER }), (amountDue) => {
      assert.equal(read(keptRequest({ amountDue })) !== null, amountDue >= 0, String(amountDue));
    }),
    { examples: [[-1], [0], [Number.MAX_SAFE_INTEGER]] },
  );
  fc.assert(
    fc.property(fc.integer({ min: -1000, max: Number.MAX_SAFE_INTEGER }), (quantity) => {
      assert.equal(read(keptSelection({ quantity })) !== null, quantity >= 1, String(quantity));
    }),
    { examples: [[0], [1]] },
  );
  assert.equal(read(keptRequest({ amountDue: Number.MAX_SAFE_INTEGER + 1 })), null, 'past the integers a number holds exactly');
});

test('an attempt is read until it is as old as a kept attempt lasts (31 days), and stale after; a time ahead of the clock is read', () => {
  fc.assert(
    fc.property(fc.integer({ min: -LASTS, max: 2 * LASTS }), (age) => {
      const fresh = age <= LASTS;
      assert.equal(read(kept({}, NOW - age)) !== null, fresh, `kept ${age} ms ago`);
      // Another version's record, which this element cannot read, may be a payment under way as long.
      assert.equal(mayBeUnderWay(kept({ v: STORED_VERSION + 1 }, NOW - age), NOW), fresh, `another version’s, kept ${age} ms ago`);
    }),
    { examples: [[LASTS], [LASTS + 1], [0], [-DAY]] },
  );
});

test('a record longer than 64,000 characters is refused, however well formed: the element writes none a quarter as long', () => {
  const raw = kept();
  assert.deepEqual(read(raw.padEnd(64_000)), attempt);
  assert.equal(read(raw.padEnd(64_001)), null);
});

test('an attempt is found only on the page it names: a page address that names none finds none, even under a URL rule that lets anything through', () => {
  const anyUrl = { ...storedAttemptRules, isWrittenHttpUrl: () => true };
  const madeNowhere = JSON.stringify({ ...JSON.parse(kept()), request: { ...request, returnUrl: 'not a page' } });
  assert.ok(parseStoredAttempt(madeNowhere, 'chk_1', NOW, anyUrl), 'read under that rule');
  assert.equal(attemptMadeOn('not a page', [['chk_1', madeNowhere]], NOW, anyUrl), null);
  assert.equal(attemptMadeOn('not a page', [['chk_1', kept()]], NOW, storedAttemptRules), null);
  assert.equal(attemptMadeOn('https://shop.example/pay', [['chk_1', madeNowhere]], NOW, anyUrl), null);
});
