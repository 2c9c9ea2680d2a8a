// Hostile request bodies for the sandbox, beyond the malformed ones of *-schemas-malformed.test.ts:
// prototype-pollution keys, unicode tricks, numbers JSON cannot carry, duplicate keys, deep
// nesting. Each is a 4xx naming its field (or, where the body is valid, stored exactly as sent);
// nothing is stored by a refused one, Object.prototype is never touched, the server keeps answering.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, startTestSandbox, succeededOf, validCompleteBody, validCreateBody, type CheckoutObject } from './support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());
// Made before any test is declared: once its declared tests are done, node:test runs `after`.
const target = await sandbox.createCheckout(validCreateBody({ metadata: {} }));
let counts = await sandbox.counts();

interface HostileBody {
  name: string;
  raw: string;
  /** The field the refusal must name (any of them). */
  field: readonly string[];
  /** 400; a create body that is well formed but names no product or customer: 404. */
  status?: 400 | 404;
}

/** `body` as JSON with the placeholder key `"PROTO"` written as `"__proto__"` (an object literal cannot hold one as data). */
function withProtoKey(body: unknown): string {
  return JSON.stringify(body).split('"PROTO"').join('"__proto__"');
}

const pollution = { polluted: 'yes', isAdmin: true, status: 'completed', singleUse: false };
const createBase = validCreateBody();
const completeBase = validCompleteBody();

function createBodies(): HostileBody[] {
  const bodies: HostileBody[] = [];
  const add = (name: string, raw: string, ...field: string[]) => bodies.push({ name, raw, field, status: 400 });
  // Well formed, but naming no product or customer: 404 not_found (the SDK's NotFoundError).
  const addUnknown = (name: string, raw: string, ...field: string[]) => bodies.push({ name, raw, field, status: 404 });
  // Prototype pollution: at the top, inside entries, inside metadata at any depth.
  add('__proto__ inside a product entry', withProtoKey({ ...createBase, products: [{ id: 'prod_analytics', PROTO: pollution }] }), 'products.0.__proto__');
  add('__proto__ as a metadata key', withProtoKey({ ...createBase, metadata: { PROTO: pollution } }), 'metadata');
  add('__proto__ beside other metadata keys', withProtoKey({ ...createBase, metadata: { cartId: 'c1', PROTO: { polluted: 'yes' } } }), 'metadata');
  add('__proto__ nested in a metadata value', withProtoKey({ ...createBase, metadata: { cart: { PROTO: pollution } } }), 'metadata');
  add('__proto__ in an object inside a metadata array', withProtoKey({ ...createBase, metadata: { items: [{ PROTO: pollution }] } }), 'metadata');
  add('__proto__ five levels deep in metadata', withProtoKey({ ...createBase, metadata: { a: { b: { c: { d: { PROTO: pollution } } } } } }), 'metadata');
  add('a top-level constructor.prototype', JSON.stringify({ ...createBase, constructor: { prototype: pollution } }), 'constructor');
  add('a top-level prototype', JSON.stringify({ ...createBase, prototype: pollution }), 'prototype');
  add('__proto__ and constructor together', withProtoKey({ ...createBase, PROTO: pollution, constructor: { prototype: pollution } }), '__proto__', 'constructor');
  add('a product entry with constructor', JSON.stringify({ ...createBase, products: [{ id: 'prod_analytics', constructor: { prototype: pollution } }] }), 'products.0.constructor');
  addUnknown('a product id named __proto__', JSON.stringify({ ...createBase, products: [{ id: '__proto__' }] }), 'products.0.id');
  addUnknown('a product id named constructor', JSON.stringify({ ...createBase, products: [{ id: 'constructor' }] }), 'products.0.id');
  addUnknown('a product id named hasOwnProperty', JSON.stringify({ ...createBase, products: [{ id: 'hasOwnProperty' }] }), 'products.0.id');
  addUnknown('a customerId named __proto__', JSON.stringify({ ...createBase, customerId: '__proto__' }), 'customerId');
  addUnknown('a customerId named toString', JSON.stringify({ ...createBase, customerId: 'toString' }), 'customerId');
  // Unicode that looks like a valid value.
  addUnknown('a product id with a NUL', JSON.stringify({ ...createBase, products: [{ id: 'prod_analytics\u0000' }] }), 'products.0.id');
  addUnknown('a product id with a zero-width space', JSON.stringify({ ...createBase, products: [{ id: 'prod_\u200Banalytics' }] }), 'products.0.id');
  addUnknown('a product id in fullwidth letters', JSON.stringify({ ...createBase, products: [{ id: 'ｐｒｏｄ_analytics' }] }), 'products.0.id');
  addUnknown('a product id with a right-to-left override', JSON.stringify({ ...createBase, products: [{ id: '\u202Escitylana_dorp' }] }), 'products.0.id');
  add('a currency with a zero-width space', JSON.stringify({ ...createBase, currency: 'usd\u200B' }), 'currency');
  add('a currency in fullwidth letters', JSON.stringify({ ...createBase, currency: 'ｕｓｄ' }), 'currency');
  add('a currency with a NUL', JSON.stringify({ ...createBase, currency: 'us\u0000' }), 'currency');
  add('a currency in Cyrillic look-alikes', JSON.stringify({ ...createBase, currency: 'usԁ' }), 'currency');
  add('a successUrl with a newline before @', JSON.stringify({ ...createBase, successUrl: 'https://shop.example\n@evil.example/thanks' }), 'successUrl');
  add('a successUrl with a tab in the host', JSON.stringify({ ...createBase, successUrl: 'https://shop.exa\tmple/thanks' }), 'successUrl');
  add('a successUrl with a NUL', JSON.stringify({ ...createBase, successUrl: 'https://shop.example/\u0000thanks' }), 'successUrl');
  add('a successUrl with a right-to-left override', JSON.stringify({ ...createBase, successUrl: 'https://shop.example/\u202Efdp.exe' }), 'successUrl');
  add('a successUrl with a trailing space', JSON.stringify({ ...createBase, successUrl: 'https://shop.example/thanks ' }), 'successUrl');
  add('a cancelUrl with a zero-width space', JSON.stringify({ ...createBase, cancelUrl: 'https://shop\u200B.example/' }), 'cancelUrl');
  add('a cancelUrl with a C1 control', JSON.stringify({ ...createBase, cancelUrl: 'https://shop.example/\u0085' }), 'cancelUrl');
  add('an expiresAt in Arabic-Indic digits', JSON.stringify({ ...createBase, expiresAt: '٢٠٩٩-01-01T00:00:00Z' }), 'expiresAt');
  add('an expiresAt with a NUL', JSON.stringify({ ...createBase, expiresAt: '2099-01-01T00:00:00Z\u0000' }), 'expiresAt');
  // Numbers JSON cannot carry, or that are not what they look like.
  add('a metadata value of 1e309 (Infinity)', JSON.stringify({ ...createBase, metadata: { total: 'N' } }).replace('"N"', '1e309'), 'metadata.total', 'metadata');
  add('a metadata value of -1e309', JSON.stringify({ ...createBase, metadata: { total: 'N' } }).replace('"N"', '-1e309'), 'metadata.total', 'metadata');
  add('singleUse as the string "false"', JSON.stringify({ ...createBase, singleUse: 'false' }), 'singleUse');
  add('singleUse as 0', JSON.stringify({ ...createBase, singleUse: 0 }), 'singleUse');
  add('collectPhone as "NaN"', JSON.stringify({ ...createBase, collectPhone: 'NaN' }), 'collectPhone');
  add('expiresAt as 1e309', JSON.stringify({ ...createBase, expiresAt: 'N' }).replace('"N"', '1e309'), 'expiresAt');
  add('expiresAt as -0', JSON.stringify({ ...createBase, expiresAt: 'N' }).replace('"N"', '-0'), 'expiresAt');
  // Duplicate keys: the last one counts, as in JSON.parse, and is the one checked.
  add('a duplicated successUrl whose last value is javascript:', JSON.stringify(createBase).replace(/\}$/, ',"successUrl":"javascript:alert(1)"}'), 'successUrl');
  add('a duplicated products whose last value is empty', JSON.stringify(createBase).replace(/\}$/, ',"products":[]}'), 'products');
  add('a duplicated metadata whose last value has __proto__', JSON.stringify(createBase).replace(/\}$/, ',"metadata":{"__proto__":{"polluted":"yes"}}}'), 'metadata');
  // Deep nesting where a string or a flat object is expected: refused at once, never a stack overflow.
  add('a product id nested 9,000 objects deep', JSON.stringify({ ...createBase, products: [{ id: 'DEEP' }] }).replace('"DEEP"', `${'{"a":'.repeat(9_000)}1${'}'.repeat(9_000)}`), 'products.0.id');
  add('products nested 30,000 arrays deep', JSON.stringify({ ...createBase, products: 'DEEP' }).replace('"DEEP"', `${'['.repeat(30_000)}${']'.repeat(30_000)}`), 'products.0', 'products');
  add('a successUrl nested 30,000 arrays deep', JSON.stringify({ ...createBase, successUrl: 'DEEP' }).replace('"DEEP"', `${'['.repeat(30_000)}${']'.repeat(30_000)}`), 'successUrl');
  return bodies;
}

function completeBodies(): HostileBody[] {
  const bodies: HostileBody[] = [];
  const add = (name: string, raw: string, ...field: string[]) => bodies.push({ name, raw, field });
  const [first, second] = completeBase.selections as Array<Record<string, unknown>>;
  const withSelection = (selection: Record<string, unknown>) => ({ ...completeBase, selections: [selection, second] });
  add('__proto__ at the top', withProtoKey({ ...completeBase, PROTO: pollution }), '__proto__');
  add('__proto__ in a selection', withProtoKey(withSelection({ ...first, PROTO: { quantity: 1000 } })), 'selections.0.__proto__');
  add('__proto__ in the customer', withProtoKey({ ...completeBase, customer: { name: 'Ada', email: 'ada@example.com', PROTO: pollution } }), 'customer.__proto__');
  add('__proto__ in the address', withProtoKey({ ...completeBase, customer: { name: 'Ada', email: 'ada@example.com', address: { line1: '1 St', city: 'X', postal_code: '1', country: 'GB', PROTO: pollution } } }), 'customer.address.__proto__');
  add('__proto__ carrying an amount_due', withProtoKey({ ...completeBase, PROTO: { amount_due: 0 } }), '__proto__');
  add('constructor.prototype at the top', JSON.stringify({ ...completeBase, constructor: { prototype: { amount_due: 0 } } }), 'constructor');
  add('constructor in a selection', JSON.stringify(withSelection({ ...first, constructor: { prototype: pollution } })), 'selections.0.constructor');
  add('a product_id named __proto__', JSON.stringify(withSelection({ ...first, product_id: '__proto__' })), 'selections.0.product_id', 'selections');
  add('a plan_id named constructor', JSON.stringify(withSelection({ ...first, plan_id: 'constructor' })), 'selections.0.plan_id');
  add('a plan_id named __proto__', JSON.stringify(withSelection({ ...first, plan_id: '__proto__' })), 'selections.0.plan_id');
  add('a plan_id with a zero-width space', JSON.stringify(withSelection({ ...first, plan_id: 'plan_analytics_growth\u200B' })), 'selections.0.plan_id');
  add('a plan_id with a NUL', JSON.stringify(withSelection({ ...first, plan_id: 'plan_analytics_growth\u0000' })), 'selections.0.plan_id');
  add('a product_id with a right-to-left override', JSON.stringify(withSelection({ ...first, product_id: '\u202Eprod_analytics' })), 'selections.0.product_id', 'selections');
  add('a quantity of 1e309 (Infinity)', JSON.stringify(withSelection({ ...first, quantity: 'N' })).replace('"N"', '1e309'), 'selections.0.quantity');
  add('a quantity of -1e309', JSON.stringify(withSelection({ ...first, quantity: 'N' })).replace('"N"', '-1e309'), 'selections.0.quantity');
  add('a quantity of -0', JSON.stringify(withSelection({ ...first, quantity: 'N' })).replace('"N"', '-0'), 'selections.0.quantity');
  add('a quantity of 1e-400 (0)', JSON.stringify(withSelection({ ...first, quantity: 'N' })).replace('"N"', '1e-400'), 'selections.0.quantity');
  add('a quantity of 2^53 + 1', JSON.stringify(withSelection({ ...first, quantity: 'N' })).replace('"N"', '9007199254740993'), 'selections.0.quantity');
  add('a quantity of "NaN"', JSON.stringify(withSelection({ ...first, quantity: 'NaN' })), 'selections.0.quantity');
  add('a quantity of "Infinity"', JSON.stringify(withSelection({ ...first, quantity: 'Infinity' })), 'selections.0.quantity');
  add('a quantity of "1"', JSON.stringify(withSelection({ ...first, quantity: '1' })), 'selections.0.quantity');
  add('a quantity of 1.0000000000000002', JSON.stringify(withSelection({ ...first, quantity: 'N' })).replace('"N"', '1.0000000000000002'), 'selections.0.quantity');
  add('a quantity of 1e3 for a one-seat plan', JSON.stringify(withSelection({ ...first, quantity: 'N' })).replace('"N"', '1e3'), 'selections.0.quantity');
  add('a currency with a zero-width joiner', JSON.stringify({ ...completeBase, currency: 'us\u200Dd' }), 'currency');
  add('a currency with a Cyrillic look-alike', JSON.stringify({ ...completeBase, currency: 'usԁ' }), 'currency');
  add('a currency in fullwidth letters', JSON.stringify({ ...completeBase, currency: 'ＵＳＤ' }), 'currency');
  add('an amount_due of 1e309 (Infinity)', JSON.stringify({ ...completeBase, amount_due: 'N' }).replace('"N"', '1e309'), 'amount_due');
  add('an amount_due of -0.5', JSON.stringify({ ...completeBase, amount_due: 'N' }).replace('"N"', '-0.5'), 'amount_due');
  add('an email with a right-to-left override', JSON.stringify({ ...completeBase, customer: { name: 'Ada', email: 'ada@exa\u202Elpmaxe.com' } }), 'customer.email');
  add('an email with a NUL', JSON.stringify({ ...completeBase, customer: { name: 'Ada', email: 'ada\u0000@example.com' } }), 'customer.email');
  add('a country with a NUL', JSON.stringify({ ...completeBase, customer: { name: 'Ada', email: 'ada@example.com', address: { line1: '1 St', city: 'X', postal_code: '1', country: 'G\u0000' } } }), 'customer.address.country');
  add('a country in fullwidth letters', JSON.stringify({ ...completeBase, customer: { name: 'Ada', email: 'ada@example.com', address: { line1: '1 St', city: 'X', postal_code: '1', country: 'ＧＢ' } } }), 'customer.address.country');
  add('a name of only zero-width and bidi characters', JSON.stringify({ ...completeBase, customer: { name: '\u200B\u202E\u2066', email: 'ada@example.com' } }), 'customer.name');
  add('a return_url with a newline before @', JSON.stringify({ ...completeBase, return_url: 'https://shop.example\n@evil.example/' }), 'return_url');
  add('a confirmation_token with a NUL', JSON.stringify({ ...completeBase, confirmation_token: 'ctoken_test_succeeds_0123456789abcdef\u0000' }), 'confirmation_token');
  add('a confirmation_token with fullwidth digits', JSON.stringify({ ...completeBase, confirmation_token: 'ctoken_test_succeeds_０１２３４５６７８９abcdef' }), 'confirmation_token');
  add('a duplicated currency whose last value is bad', JSON.stringify(completeBase).replace(/\}$/, ',"currency":"US"}'), 'currency');
  add('a duplicated selections whose last value is empty', JSON.stringify(completeBase).replace(/\}$/, ',"selections":[]}'), 'selections');
  add('a duplicated confirmation_token whose last value is not a test token', JSON.stringify(completeBase).replace(/\}$/, ',"confirmation_token":"tok_visa"}'), 'confirmation_token');
  add('a duplicated amount_due whose last value is negative', JSON.stringify({ ...completeBase, amount_due: 8500 }).replace(/\}$/, ',"amount_due":-8500}'), 'amount_due');
  add('the customer nested 9,000 objects deep', JSON.stringify({ ...completeBase, customer: 'DEEP' }).replace('"DEEP"', `${'{"a":'.repeat(9_000)}1${'}'.repeat(9_000)}`), 'customer.a', 'customer', 'customer.name');
  add('selections nested 30,000 arrays deep', JSON.stringify({ ...completeBase, selections: 'DEEP' }).replace('"DEEP"', `${'['.repeat(30_000)}${']'.repeat(30_000)}`), 'selections.0', 'selections');
  add('a quantity nested 20,000 arrays deep', JSON.stringify(withSelection({ ...first, quantity: 'DEEP' })).replace('"DEEP"', `${'['.repeat(20_000)}1${']'.repeat(20_000)}`), 'selections.0.quantity');
  return bodies;
}

const creates = createBodies();
const completes = completeBodies();

/** Properties an attack would have added to every object. */
function prototypeIsClean(): void {
  const probe: Record<string, unknown> = {};
  for (const key of ['polluted', 'isAdmin', 'status', 'singleUse', 'amountDue', 'amount_due', 'quantity']) {
    assert.equal(probe[key], undefined, `Object.prototype.${key} was set`);
  }
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), baselinePrototypeKeys);
}
const baselinePrototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

test(`${creates.length} hostile create bodies and ${completes.length} hostile complete bodies are generated (${creates.length + completes.length} in all)`, () => {
  assert.ok(creates.length + completes.length >= 80);
});


for (const hostile of creates) {
  test(`create refuses ${hostile.name}: ${hostile.status ?? 400} on ${hostile.field.join(' or ')}, nothing stored, Object.prototype untouched`, async () => {
    const before = counts;
    const answer = await sandbox.post('/api/v2/checkouts', { key: sandbox.key, raw: hostile.raw, headers: { 'content-type': 'application/json' } });
    assert.equal(answer.status, hostile.status ?? 400, `${answer.status} ${answer.text.slice(0, 300)}`);
    const error = errorOf(answer);
    assert.ok(hostile.field.includes(error.field ?? ''), `field ${String(error.field)}; message ${error.message.slice(0, 300)}`);
    counts = await sandbox.counts();
    assert.deepEqual(counts, before, 'nothing is stored');
    prototypeIsClean();
  });
}

for (const hostile of completes) {
  test(`complete refuses ${hostile.name}: 400 on ${hostile.field.join(' or ')}, nothing created, Object.prototype untouched`, async () => {
    const before = counts;
    const answer = await sandbox.post(`/api/public/checkout/${target.id}/complete`, {
      raw: hostile.raw,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(answer.status, 400, `${answer.status} ${answer.text.slice(0, 300)}`);
    const error = errorOf(answer);
    assert.ok(hostile.field.includes(error.field ?? ''), `field ${String(error.field)}; message ${error.message.slice(0, 300)}`);
    counts = await sandbox.counts();
    assert.deepEqual(counts, before, 'nothing is created');
    prototypeIsClean();
  });
}

test('after the hostile bodies the checkout is still active and payable with the plain body', async () => {
  assert.equal((await sandbox.readCheckout(target.id)).status, 'active');
  succeededOf(await sandbox.complete(target.id, validCompleteBody()));
});

test('metadata keys that are only names of prototype members are data: stored and read back exactly, nothing polluted', async () => {
  const metadata = { constructor: { prototype: { polluted: 'yes' } }, prototype: 'x', toString: 'not a function', hasOwnProperty: 1, valueOf: [1, 2] };
  const created = await sandbox.createCheckout(validCreateBody({ metadata }));
  assert.deepEqual((await sandbox.readCheckout(created.id)).metadata, metadata);
  assert.deepEqual(created.metadata, metadata);
  prototypeIsClean();
});

test('unicode, bidi and NUL characters in metadata values and the customer name are kept exactly, and only in private answers', async () => {
  const strange = 'Zero\u200Bwidth \u202Eevil\u202C NUL\u0000 𝕿𝖊𝖘𝖙 🧾 ﷽ \uFFFD';
  const created = await sandbox.createCheckout(validCreateBody({ metadata: { note: strange } }));
  assert.equal((await sandbox.readCheckout(created.id)).metadata?.note, strange);
  const paid = succeededOf(await sandbox.complete(created.id, validCompleteBody(undefined, { customer: { name: strange, email: 'strange@example.com' } })));
  const customer = await sandbox.get<{ name: string }>(`/api/v2/customers/${paid.customer_id}`, { key: sandbox.key });
  assert.equal(customer.body.name, strange.trim());
  const publicRead = await sandbox.readPublic(created.id);
  assert.ok(!publicRead.text.includes('evil'), 'the metadata note is not in the public read');
});

test('a duplicated key is read as JSON.parse reads it (the last one), and that is what is checked and stored', async () => {
  const raw = JSON.stringify(validCreateBody({ successUrl: 'javascript:alert(1)' })).replace(/\}$/, ',"successUrl":"https://shop.example/ok"}');
  const answer = await sandbox.post<CheckoutObject>('/api/v2/checkouts', { key: sandbox.key, raw, headers: { 'content-type': 'application/json' } });
  assert.equal(answer.status, 201, answer.text);
  assert.equal(answer.body.successUrl, 'https://shop.example/ok');
  assert.equal((await sandbox.readCheckout(answer.body.id)).successUrl, 'https://shop.example/ok');
});

test('the sandbox still answers after the hostile bodies', async () => {
  assert.equal((await sandbox.get('/api/v2/products', { key: sandbox.key })).status, 200);
  assert.equal((await sandbox.readPublic(target.id)).status, 200);
  prototypeIsClean();
});
