// Malformed and hostile complete requests, generated field by field: each one is refused with
// the right status and field, no order or customer appears, and the checkout stays payable.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCors, confirmationToken, startTestSandbox, validCompleteBody, validCreateBody } from './support.ts';
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

const PRODUCTS = ['prod_analytics', 'prod_seats', 'prod_support'];
const checkout = await sandbox.createCheckout(validCreateBody({ products: PRODUCTS.map((id) => ({ id })) }));
const base = validCompleteBody(PRODUCTS);
const [analytics, seats, support] = base.selections as Array<Record<string, unknown>>;
const completePath = `/api/public/checkout/${checkout.id}/complete`;
const ORIGIN = 'https://merchant.example';

function completeCases(): BadRequest[] {
  const cases: BadRequest[] = [];
  const field = (name: string, value: unknown, label: string, expected: BadRequest['field'] = name) =>
    cases.push({ name: `${name} ${label}`, body: withField(base, name, value), status: 400, field: expected });
  const selections = (label: string, value: unknown, expected: BadRequest['field']) => field('selections', value, label, expected);
  const firstSelection = (label: string, entry: Record<string, unknown>, expected: string) =>
    selections(`with a first selection ${label}`, [entry, seats, support], expected);
  const customer = (label: string, value: unknown, expected: string) => field('customer', value, label, expected);

  // Required fields dropped: Paid's two, customer details (the checkout has no customer yet) and
  // selections (without them the sandbox buys each product's only choice, and Analytics has four plans).
  for (const name of ['confirmation_token', 'return_url', 'customer', 'selections']) field(name, undefined, 'missing');

  // Wrong types per field (a null selections or currency means "not sent": see above and checkout/complete.test.ts).
  for (const value of wrongTypes.array) field('selections', value, `as ${describe(value)}`);
  for (const name of ['confirmation_token', 'return_url']) {
    for (const value of wrongTypes.requiredString) field(name, value, `as ${describe(value)}`);
  }
  for (const value of wrongTypes.requiredString.filter((candidate) => candidate !== null)) field('currency', value, `as ${describe(value)}`);
  for (const value of [-1, 0.5, '4900', true, [], {}, 2 ** 53]) field('amount_due', value, `as ${describe(value)}`);
  for (const value of wrongTypes.object) field('customer', value, `as ${describe(value)}`);
  field('customer', null, 'as null on a checkout without a customer');

  // The list of selections.
  selections('empty', [], 'selections');
  selections('with 21 entries', Array.from({ length: 21 }, () => analytics), 'selections');
  selections('missing a product of the checkout', [analytics, seats], 'selections');
  selections('with only one product', [support], 'selections');
  selections('with a product not in the checkout', [analytics, seats, support, { product_id: 'prod_storage', plan_id: 'plan_storage_graduated', quantity: 1 }], 'selections.3.product_id');
  selections('with a product repeated', [analytics, analytics, seats, support], ['selections.1.product_id', 'selections']);
  selections('with a null entry', [null, seats, support], 'selections.0');
  selections('with a string entry', ['prod_analytics', seats, support], 'selections.0');

  // One selection, field by field.
  firstSelection('that is empty', {}, 'selections.0.product_id');
  firstSelection('without product_id', withField(analytics!, 'product_id', undefined), 'selections.0.product_id');
  firstSelection('without quantity', withField(analytics!, 'quantity', undefined), 'selections.0.quantity');
  for (const value of [1, null, '', true, ['prod_analytics'], { id: 'prod_analytics' }]) {
    firstSelection(`with product_id ${describe(value)}`, { ...analytics, product_id: value }, 'selections.0.product_id');
  }
  for (const [label, value] of [['unknown', 'prod_nope'], ['a plan id', 'plan_analytics_growth'], ['in upper case', 'PROD_ANALYTICS']] as const) {
    firstSelection(`with product_id ${label}`, { ...analytics, product_id: value }, 'selections.0.product_id');
  }
  for (const value of [1, true, [], {}, '']) {
    firstSelection(`with plan_id ${describe(value)}`, { ...analytics, plan_id: value }, 'selections.0.plan_id');
  }
  const plans: Array<[string, unknown]> = [
    ['unknown', 'plan_nope'],
    ['of another product', 'plan_seats_team'],
    ['null although the product has plans', null],
    ['missing although the product has plans', undefined],
    ['a product id', 'prod_analytics'],
  ];
  for (const [label, value] of plans) firstSelection(`with plan_id ${label}`, withField(analytics!, 'plan_id', value), 'selections.0.plan_id');
  selections('with a plan on a product without plans', [analytics, seats, { ...support, plan_id: 'plan_analytics_growth' }], 'selections.2.plan_id');
  const quantities: Array<[string, unknown]> = [
    ['0', 0], ['-1', -1], ['1.5', 1.5], ['"1"', '1'], ['null', null], ['true', true], ['1e21', 1e21], ['an array', [1]],
  ];
  for (const [label, value] of quantities) firstSelection(`with quantity ${label}`, { ...analytics, quantity: value }, 'selections.0.quantity');
  selections('with a flat plan bought twice', [{ ...analytics, quantity: 2 }, seats, support], 'selections.0.quantity');
  selections('with 51 team seats (max 50)', [analytics, { ...seats, quantity: 51 }, support], 'selections.1.quantity');
  selections('with 4 business seats (min 5)', [analytics, { ...seats, plan_id: 'plan_seats_business', quantity: 4 }, support], 'selections.1.quantity');
  // The old camelCase names are unknown fields now, as is any amount.
  for (const name of ['productId', 'planId', 'amount', 'amount_due', 'unitAmount', 'price', 'discount', 'currency', 'total', 'interval']) {
    const value = { interval: 'year', currency: 'usd', productId: 'prod_analytics', planId: 'plan_analytics_growth' }[name] ?? 1;
    firstSelection(`with an unknown field ${name}`, { ...analytics, [name]: value }, `selections.0.${name}`);
  }

  // Currencies (any case is read as lowercase: 'USD' is usd).
  const currencies = [
    ['of two letters', 'us'], ['of four letters', 'usdd'], ['empty', ''], ['with a digit', 'us1'], ['with a symbol', 'U$D'],
    ['eur, which a usd-only product refuses', 'eur'], ['EUR in upper case, which a usd-only product refuses', 'EUR'], ['gbp, offered by no product', 'gbp'], ['made up', 'xyz'],
  ] as const;
  for (const [label, value] of currencies) {
    field('currency', value, label);
  }

  // Customer details.
  customer('as an empty object', {}, 'customer.name');
  customer('without a name', { email: 'kj@example.com' }, 'customer.name');
  customer('without an email', { name: 'Katherine Johnson' }, 'customer.email');
  customer('with an empty name', { name: '', email: 'kj@example.com' }, 'customer.name');
  customer('with a blank name', { name: '   ', email: 'kj@example.com' }, 'customer.name');
  customer('with a 201-character name', { name: 'n'.repeat(201), email: 'kj@example.com' }, 'customer.name');
  customer('with a numeric name', { name: 42, email: 'kj@example.com' }, 'customer.name');
  for (const email of ['not-an-email', '', 'a@', '@example.com', 'two@@example.com', 'spaces in@example.com', `${'e'.repeat(250)}@example.com`]) {
    customer(`with the email ${JSON.stringify(email.slice(0, 30))}`, { name: 'K', email }, 'customer.email');
  }
  customer('with a numeric phone', { ...base.customer as object, phone: 5551234 }, 'customer.phone');
  customer('with an address as text', { ...base.customer as object, address: '1 Main St' }, 'customer.address');
  customer('with an empty address', { ...base.customer as object, address: {} }, 'customer.address.line1');
  customer(
    'with a three-letter country',
    { ...base.customer as object, address: { line1: '1 Main St', city: 'Springfield', postal_code: '12345', country: 'USA' } },
    'customer.address.country',
  );
  customer(
    'with a lowercase country',
    { ...base.customer as object, address: { line1: '1 Main St', city: 'Springfield', postal_code: '12345', country: 'us' } },
    'customer.address.country',
  );
  customer(
    'with an address without postal_code',
    { ...base.customer as object, address: { line1: '1 Main St', city: 'Springfield', country: 'US' } },
    'customer.address.postal_code',
  );
  customer(
    'with an address naming postalCode the old way',
    { ...base.customer as object, address: { line1: '1 Main St', city: 'Springfield', postal_code: '12345', postalCode: '12345', country: 'US' } },
    'customer.address.postalCode',
  );
  customer('claiming a customer id', { ...base.customer as object, id: 'cus_ada' }, 'customer.id');
  customer('with an unknown field', { ...base.customer as object, admin: true }, 'customer.admin');

  // Confirmation tokens the stand-in never makes.
  const tokens: Array<[string, string]> = [
    ['empty', ''],
    ['a Stripe test token', 'tok_visa'],
    ['a payment method', 'pm_card_visa'],
    ['with an unknown outcome', 'ctoken_test_unknown_0123456789abcdef'],
    ['with a short hex part', 'ctoken_test_succeeds_0123abcd'],
    ['with a non-hex part', 'ctoken_test_succeeds_zzzzzzzzzzzzzzzz'],
    ['without a hex part', 'ctoken_test_succeeds'],
    ['in live mode', 'ctoken_live_succeeds_0123456789abcdef'],
    ['in upper case', confirmationToken('succeeds').toUpperCase()],
    ['with a trailing newline', `${confirmationToken('succeeds')}\n`],
    ['with a leading space', ` ${confirmationToken('succeeds')}`],
    ['of 300 characters', `ctoken_test_succeeds_${'a'.repeat(279)}`],
  ];
  for (const [label, token] of tokens) field('confirmation_token', token, label);

  // Return URLs that are not absolute http(s).
  for (const [label, url] of badUrls) field('return_url', url, `as ${label}`);

  // Unknown top-level fields, above all any amount the browser might try to set.
  const unknown: Array<[string, unknown]> = [
    ['amount', 1], ['amountDue', 0], ['total', 0], ['subtotal', 0], ['price', 1], ['discount', 100], ['tax', 0],
    ['orderId', 'ord_ada'], ['customerId', 'cus_ada'], ['checkoutId', checkout.id], ['status', 'succeeded'],
    ['paymentIntent', 'pi_123'], ['metadata', { a: 1 }], ['constructor', {}],
    // The old camelCase wire.
    ['confirmationToken', confirmationToken('succeeds')], ['returnUrl', 'https://shop.example/checkout/return'], ['payment_intent_id', 'pi_123'],
  ];
  for (const [name, value] of unknown) cases.push({ name: `an unknown field ${name}`, body: { ...base, [name]: value }, status: 400, field: name });
  cases.push({
    name: 'an unknown field __proto__',
    raw: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"amountDue":0},'),
    status: 400,
    field: '__proto__',
  });

  // Bodies that are not JSON objects, or not JSON, or not sent as JSON, or too large.
  cases.push(...unreadableBodies(base));

  // A good body with a bad Idempotency-Key (not counted as malformed bodies). The key is
  // optional (Paid's client sends none), but one that is sent must be well formed.
  const keys: Array<[string, string]> = [
    ['empty', ''],
    ['of 256 characters', 'k'.repeat(256)],
    ['with a space inside', 'key with spaces'],
    ['with a tab inside', 'key\twith-tab'],
    ['with a non-ASCII character', 'clé-1234'],
  ];
  for (const [label, value] of keys) {
    cases.push({ name: `an Idempotency-Key ${label}`, body: base, headers: { 'idempotency-key': value }, status: 400, field: 'Idempotency-Key', isBody: false });
  }
  return cases;
}

const cases = completeCases();
const bodyCount = cases.filter((candidate) => candidate.isBody !== false).length;

// Each case compares the totals with those seen after the previous one: one count per case.
let knownCounts = await sandbox.counts();

test(`at least 150 malformed complete bodies are generated (${bodyCount}, plus ${cases.length - bodyCount} bad keys)`, () => {
  assert.ok(bodyCount >= 150, `${bodyCount}`);
});

for (const bad of cases) {
  test(`complete refuses ${bad.name}: ${bad.status}${onFields(bad)}, nothing created, checkout still payable`, async () => {
    const before = knownCounts;
    // Sent as Paid's client sends it: from a page (an Origin), without an Idempotency-Key.
    const answer = await sandbox.post(completePath, requestFor(bad, { origin: ORIGIN }));
    assertRefused(answer, bad);
    assertCors(answer, ORIGIN, 'refusal');
    knownCounts = await sandbox.counts();
    assert.deepEqual(knownCounts, before, 'no order, customer or checkout is created');
    const session = await sandbox.readPublic(checkout.id);
    assert.equal(session.status, 200);
    assert.equal(session.body.status, 'active');
  });
}

test('after every malformed request the untouched valid body, sent without an Idempotency-Key, pays the checkout (the cases failed for their own fault)', async () => {
  const before = await sandbox.counts();
  const answer = await sandbox.complete(checkout.id, base);
  assert.equal(answer.status, 200, answer.text);
  assert.equal((await sandbox.counts()).orders, before.orders + 1);
});
