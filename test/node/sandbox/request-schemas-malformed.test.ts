// Malformed and hostile create bodies, generated field by field: each one is refused with the
// right status and field, nothing is stored, and the sandbox keeps answering.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, startTestSandbox, validCreateBody, type CheckoutObject } from './support.ts';
import {
  assertRefused,
  badUrls,
  describe,
  onFields,
  requestFor,
  unreadableBodies,
  withField,
  wrongTypes,
  type BadRequest,
} from './malformed.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const base = validCreateBody();
const inAnHour = () => new Date(sandbox.clock.now().getTime() + 3_600_000).toISOString();

function createCases(): BadRequest[] {
  const cases: BadRequest[] = [];
  const field = (name: string, value: unknown, label: string, expected: BadRequest['field'] = name, status: BadRequest['status'] = 400) =>
    cases.push({ name: `${name} ${label}`, body: withField(base, name, value), status, field: expected });

  // Required fields dropped, and wrong types for every field.
  field('products', undefined, 'missing');
  field('successUrl', undefined, 'missing');
  for (const value of wrongTypes.array) field('products', value, `as ${describe(value)}`);
  for (const value of wrongTypes.requiredString) field('successUrl', value, `as ${describe(value)}`);
  for (const name of ['cancelUrl', 'expiresAt', 'customerId', 'externalCustomerId', 'currency']) {
    for (const value of wrongTypes.string) field(name, value, `as ${describe(value)}`);
  }
  for (const name of ['collectAddress', 'collectPhone', 'singleUse']) {
    for (const value of wrongTypes.boolean) field(name, value, `as ${describe(value)}`);
  }
  for (const value of wrongTypes.object) field('metadata', value, `as ${describe(value)}`);

  // Products: empty, too many, unknown, repeated, malformed entries.
  const products: Array<[string, unknown, BadRequest['field'], BadRequest['status']?]> = [
    ['an empty list', [], 'products'],
    ['21 entries', Array.from({ length: 21 }, (_, index) => ({ id: `prod_bulk_${index}` })), 'products'],
    ['an unknown product', [{ id: 'prod_nope' }], 'products.0.id', 404],
    ['an unknown product after a good one', [{ id: 'prod_analytics' }, { id: 'prod_nope' }], 'products.1.id', 404],
    ['a plan id instead of a product', [{ id: 'plan_analytics_starter' }], 'products.0.id', 404],
    ['a customer id instead of a product', [{ id: 'cus_ada' }], 'products.0.id', 404],
    ['a product id in upper case', [{ id: 'PROD_ANALYTICS' }], 'products.0.id', 404],
    ['a product id with a trailing space', [{ id: 'prod_analytics ' }], 'products.0.id', 404],
    ['a 300-character product id', [{ id: `prod_${'a'.repeat(295)}` }], 'products.0.id'],
    ['a repeated product', [{ id: 'prod_analytics' }, { id: 'prod_analytics' }], ['products.1.id', 'products']],
    ['a product repeated later', [{ id: 'prod_seats' }, { id: 'prod_analytics' }, { id: 'prod_seats' }], ['products.2.id', 'products']],
    ['an entry without id', [{}], 'products.0.id'],
    ['an entry with a numeric id', [{ id: 7 }], 'products.0.id'],
    ['an entry with a null id', [{ id: null }], 'products.0.id'],
    ['an entry with an empty id', [{ id: '' }], 'products.0.id'],
    ['a bare string entry', ['prod_analytics'], 'products.0'],
    ['a null entry', [null], 'products.0'],
    ['an entry with an unknown field', [{ id: 'prod_analytics', quantity: 2 }], 'products.0.quantity'],
    ['an entry carrying a price', [{ id: 'prod_analytics', price: 1 }], 'products.0.price'],
  ];
  for (const [label, value, expected, status] of products) field('products', value, `with ${label}`, expected, status);

  // URLs that are not absolute http(s).
  for (const [label, url] of badUrls) {
    field('successUrl', url, `as ${label}`);
    field('cancelUrl', url, `as ${label}`);
  }

  // Dates.
  const badDates: Array<[string, () => string]> = [
    ['in the past', () => new Date(sandbox.clock.now().getTime() - 60_000).toISOString()],
    ['a year ago', () => new Date(sandbox.clock.now().getTime() - 365 * 86_400_000).toISOString()],
    ['the Unix epoch', () => '1970-01-01T00:00:00Z'],
    ['not a date', () => 'tomorrow'],
    ['month 13', () => '2099-13-01T00:00:00Z'],
    ['a date without a time', () => '2099-01-01'],
    ['a time without a zone', () => inAnHour().replace('Z', '')],
    ['an empty string', () => ''],
    ['a human date', () => 'Fri, 01 Jan 2099 00:00:00 GMT'],
  ];
  for (const [label, make] of badDates) {
    cases.push({ name: `expiresAt ${label}`, makeBody: () => withField(base, 'expiresAt', make()), status: 400, field: 'expiresAt' });
  }
  field('expiresAt', Date.parse('2099-01-01T00:00:00Z'), 'as epoch milliseconds');

  // Metadata over its bounds (50 keys, 40-character keys, 8 KiB of JSON), still under the body limit.
  const manyKeys = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, index]));
  field('metadata', manyKeys, 'with 51 keys');
  field('metadata', Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`key${index}`, 'v'])), 'with 500 keys');
  field('metadata', { ['k'.repeat(41)]: 'v' }, 'with a 41-character key', ['metadata', `metadata.${'k'.repeat(41)}`]);
  field('metadata', { '': 'v' }, 'with an empty key', ['metadata', 'metadata.']);
  field('metadata', { note: 'x'.repeat(9 * 1024) }, 'of 9 KiB');
  field('metadata', { note: 'x'.repeat(60 * 1024) }, 'of 60 KiB');
  field('metadata', { a: { b: 'x'.repeat(5000) }, c: ['y'.repeat(5000)] }, 'of 10 KiB in nested values');
  // Deep nesting in a few KiB: validation must refuse it, not overflow the stack (a 500).
  for (const depth of [2000, 5000, 30_000]) {
    cases.push({
      name: `metadata nested ${depth} arrays deep`,
      raw: JSON.stringify({ ...base, metadata: { deep: 'DEEP' } }).replace('"DEEP"', `${'['.repeat(depth)}1${']'.repeat(depth)}`),
      status: 400,
      field: ['metadata', 'metadata.deep'],
    });
  }
  cases.push({
    name: 'metadata nested 3000 objects deep',
    raw: JSON.stringify({ ...base, metadata: { deep: 'DEEP' } }).replace('"DEEP"', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`),
    status: 400,
    field: ['metadata', 'metadata.deep'],
  });

  // Currencies.
  const currencies: Array<[string, unknown]> = [
    ['of two letters', 'us'],
    ['of four letters', 'usdd'],
    ['with a symbol', 'u$d'],
    ['empty', ''],
    ['not offered by the products', 'gbp'],
    ['a made-up code', 'xyz'],
  ];
  for (const [label, value] of currencies) field('currency', value, label);
  cases.push({
    name: 'currency eur with a usd-only product',
    body: { ...base, products: [{ id: 'prod_analytics' }, { id: 'prod_support' }], currency: 'eur' },
    status: 400,
    field: 'currency',
  });

  // References to things that do not exist.
  // Well formed but naming no customer: 404 (the SDK's createCheckout throws NotFoundError); empty: 400.
  for (const [label, value] of [['unknown', 'cus_nope'], ['an order id', 'ord_ada'], ['a product id', 'prod_analytics']] as const) {
    field('customerId', value, label, 'customerId', 404);
  }
  field('customerId', '', 'empty');
  cases.push({
    name: 'both customerId and externalCustomerId',
    body: { ...base, customerId: 'cus_grace', externalCustomerId: 'ext_ada' },
    status: 400,
    field: ['customerId', 'externalCustomerId'],
  });
  field('externalCustomerId', '', 'empty');
  field('externalCustomerId', 'x'.repeat(300), 'of 300 characters');

  // Unknown fields, including ones that try to set what only the server decides.
  const unknown: Array<[string, unknown]> = [
    ['amount', 100], ['amountDue', 0], ['total', 0], ['price', { amount: 1 }], ['discount', 100], ['status', 'completed'],
    ['id', 'chk_chosen_by_client'], ['orderId', 'ord_ada'], ['url', 'https://evil.example'], ['createdAt', '2000-01-01T00:00:00Z'],
    ['allowedCurrencies', ['usd']], ['secretKey', 'sk_test'], ['customer', { name: 'X', email: 'x@example.com' }], ['foo', 'bar'],
    ['constructor', { prototype: {} }], ['Products', [{ id: 'prod_analytics' }]],
  ];
  for (const [name, value] of unknown) cases.push({ name: `an unknown field ${name}`, body: { ...base, [name]: value }, status: 400, field: name });
  cases.push({
    name: 'an unknown field __proto__',
    raw: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"status":"completed","singleUse":false},'),
    status: 400,
    field: '__proto__',
  });

  // Several bad fields at once: the first is named in `field`, every one in the message.
  cases.push({
    name: 'two bad fields at once',
    body: { ...base, products: [], successUrl: 'javascript:alert(1)' },
    status: 400,
    field: 'products',
  });

  // Bodies that are not JSON objects, or not JSON, or not sent as JSON, or too large.
  cases.push(...unreadableBodies(base));
  cases.push({ name: 'a form-encoded body', raw: 'products=prod_analytics&successUrl=https://shop.example', contentType: 'application/x-www-form-urlencoded', status: 415 });
  return cases;
}

const cases = createCases();

// Each case compares the totals with those seen after the previous one: one count per case.
let knownCounts = await sandbox.counts();

test(`at least 150 malformed create bodies are generated (${cases.length})`, () => {
  assert.ok(cases.length >= 150, `${cases.length}`);
});

for (const bad of cases) {
  test(`create refuses ${bad.name}: ${bad.status}${onFields(bad)}, nothing stored, still answering`, async () => {
    const before = knownCounts;
    const answer = await sandbox.post('/api/v2/checkouts', { key: sandbox.key, ...requestFor(bad) });
    assertRefused(answer, bad);
    knownCounts = await sandbox.counts();
    assert.deepEqual(knownCounts, before, 'nothing is stored');
  });
}

test('with two bad fields the message names both, and errors lists both', async () => {
  const answer = await sandbox.post('/api/v2/checkouts', {
    key: sandbox.key,
    json: { ...base, products: [], successUrl: 'javascript:alert(1)', singleUse: 'yes' },
  });
  assert.equal(answer.status, 400);
  const error = errorOf(answer);
  for (const name of ['products', 'successUrl', 'singleUse']) assert.ok(error.message.includes(name), `${name} in ${error.message}`);
  assert.ok(error.errors, `errors is listed: ${answer.text}`);
  assert.deepEqual(error.errors.map((problem) => problem.field).sort(), ['products', 'singleUse', 'successUrl']);
});

test('after every malformed body the untouched valid body is still accepted (the cases failed for their own fault)', async () => {
  const answer = await sandbox.post<CheckoutObject>('/api/v2/checkouts', { key: sandbox.key, json: base });
  assert.equal(answer.status, 201, answer.text);
  const withCharset = await sandbox.post('/api/v2/checkouts', {
    key: sandbox.key,
    raw: JSON.stringify(base),
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
  assert.equal(withCharset.status, 201, 'application/json with a charset is JSON');
  const limits = await sandbox.post('/api/v2/checkouts', {
    key: sandbox.key,
    json: {
      ...base,
      products: ['prod_analytics', 'prod_seats', 'prod_storage', 'prod_api', 'prod_support', 'prod_onboarding'].map((id) => ({ id })),
      metadata: Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`${'k'.repeat(36)}${String(index).padStart(4, '0')}`, 'v'.repeat(100)])),
      expiresAt: inAnHour(),
      cancelUrl: `https://shop.example/${'a'.repeat(2000)}`,
      currency: 'usd',
    },
  });
  assert.equal(limits.status, 201, `values at the limits are accepted: ${limits.text.slice(0, 300)}`);
});

test('the sandbox still answers a read after the malformed barrage', async () => {
  const answer = await sandbox.get('/api/v2/products', { key: sandbox.key });
  assert.equal(answer.status, 200);
});
