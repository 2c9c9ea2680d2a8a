// What a refusal of the wire contract says: the path and the reason of each problem. The sandbox's
// private API answers a product it cannot publish with these (a 400 whose `fields` and `details`
// are the schema's issues), and an element's `invalid_response` carries them as its cause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { price, product, publicCheckout } from '../../../src/api/schemas.ts';
import { session } from './session.ts';

type Parsed = { success: boolean; error?: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };

/** Each problem as `path: message`, in the order the schema found them. */
function reasons(result: Parsed): string[] {
  return result.success ? [] : result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const monthly = { currency: 'usd', model: 'flat', amount: 900, interval: 'month' };
const oneProduct = session.products[0]!;

test('a price refused for its interval says that one_time prices and only they are billed one_time', () => {
  assert.deepEqual(reasons(price.safeParse({ ...monthly, model: 'one_time' })), ['interval: one_time prices and only they have the one_time interval']);
  assert.deepEqual(reasons(price.safeParse({ ...monthly, interval: 'one_time' })), ['interval: one_time prices and only they have the one_time interval']);
});

test('a graduated price with tiers out of order is refused at its tiers, saying they must rise and end open', () => {
  const falling = { ...monthly, model: 'graduated', tiers: [{ upTo: 10, unitAmount: 500 }, { upTo: 5, unitAmount: 400 }, { upTo: null, unitAmount: 300 }] };
  assert.deepEqual(reasons(price.safeParse(falling)), ['tiers: graduated and volume prices need tiers in ascending order ending with upTo null']);
});

test('a volume price with an empty tier list is refused twice at its tiers: too few, and not a tier list that ends open', () => {
  const empty = reasons(price.safeParse({ ...monthly, model: 'volume', tiers: [] }));
  assert.equal(empty.length, 2, empty.join('\n'));
  assert.match(empty[0]!, /^tiers: /);
  assert.equal(empty[1], 'tiers: graduated and volume prices need tiers in ascending order ending with upTo null');
});

test('a price whose minimum quantity is above its maximum is refused at minQuantity, saying so', () => {
  assert.deepEqual(reasons(price.safeParse({ ...monthly, model: 'per_unit', minQuantity: 10, maxQuantity: 3 })), ['minQuantity: minQuantity must not exceed maxQuantity']);
});

test('a product with neither plans nor a base price is refused at basePrice, saying it needs one', () => {
  assert.deepEqual(reasons(product.safeParse({ id: 'prod_a', name: 'A', plans: [], basePrice: null })), ['basePrice: a product needs plans or a basePrice']);
});

test('a product listing one plan id twice is refused at plans, saying plan ids must be unique', () => {
  const plan = oneProduct.plans[0]!;
  const twice = { ...oneProduct, plans: [plan, { ...plan, name: 'Same id, other name' }] };
  assert.deepEqual(reasons(product.safeParse(twice)), ['plans: plan ids must be unique within a product']);
});

test('a product whose plan ids differ is accepted, however alike the plans are otherwise', () => {
  const plan = oneProduct.plans[0]!;
  assert.equal(product.safeParse({ ...oneProduct, plans: [plan, { ...plan, id: 'plan_b' }] }).success, true);
});

test('a session whose currency is not among those it allows is refused at currency, saying it must be one of them', () => {
  assert.deepEqual(reasons(publicCheckout.safeParse({ ...session, currency: 'gbp' })), ['currency: currency must be one of allowedCurrencies']);
});

test('a session listing one product twice is refused at products, saying product ids must be unique', () => {
  assert.deepEqual(reasons(publicCheckout.safeParse({ ...session, products: [oneProduct, oneProduct] })), ['products: product ids must be unique']);
});

test('a session with a link that is not absolute http(s) is refused at that link, saying what it must be', () => {
  assert.deepEqual(reasons(publicCheckout.safeParse({ ...session, successUrl: 'javascript:alert(1)' })), ['successUrl: must be an absolute http(s) URL']);
  assert.deepEqual(reasons(publicCheckout.safeParse({ ...session, cancelUrl: '/cart' })), ['cancelUrl: must be an absolute http(s) URL']);
});

test('a session whose expiry is no date-time with an offset is refused at expiresAt, saying what it must be', () => {
  for (const expiresAt of ['2099-01-01', '2099-01-01T00:00:00', '2099-02-30T00:00:00Z']) {
    assert.deepEqual(reasons(publicCheckout.safeParse({ ...session, expiresAt })), ['expiresAt: must be an ISO 8601 date-time with seconds and an offset'], expiresAt);
  }
});
