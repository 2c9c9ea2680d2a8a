// Edges of the wire contract that mutation testing found unpinned: whole-value patterns, id
// prefixes, enum members, and the bounds of the price refinements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { session } from './session.ts';
import { billingInterval, checkoutStatus, currencyCode, currentSubscription, idWithPrefix, isTimestamp, minorAmount, paymentsConfig, price, priceModel, product, publicCheckout, publicCustomer, shortText } from '../../../src/api/schemas.ts';

const monthly = { currency: 'usd', model: 'flat', amount: 100, interval: 'month' };
const subscription = {
  orderId: 'ord_1',
  planId: 'plan_a',
  periodStart: '2026-04-01T00:00:00Z',
  periodEnd: '2026-05-01T00:00:00Z',
  amount: 100,
  currency: 'usd',
  interval: 'month',
};

test('a currency is exactly three lowercase letters, nothing before or after', () => {
  assert.equal(currencyCode.safeParse('usd').success, true);
  for (const code of ['xusd', 'usdx', '1usd', 'usd ', 'USD']) assert.equal(currencyCode.safeParse(code).success, false, code);
});

test('a timestamp is refused when anything follows its offset, or its day does not exist', () => {
  assert.equal(isTimestamp('2026-04-01T00:00:00Z'), true);
  for (const value of ['2026-04-01T00:00:00Zjunk', '2026-04-01T00:00:00+01:00:00', '2026-02-30T00:00:00Z', '2026-04-31T00:00:00Z']) {
    assert.equal(isTimestamp(value), false, value);
  }
});

test('an amount is a safe integer: no fraction, NaN, infinity, number past 2^53 or numeric string', () => {
  for (const value of [0, 1, 2 ** 53 - 1]) assert.equal(minorAmount.safeParse(value).success, true, String(value));
  for (const value of [-1, 1.5, NaN, Infinity, 2 ** 53, '1', null]) assert.equal(minorAmount.safeParse(value).success, false, String(value));
});

test('the payment provider is Stripe and nothing else', () => {
  assert.equal(paymentsConfig.safeParse({ provider: 'stripe', publishableKey: 'pk_test_1' }).success, true);
  for (const provider of ['Stripe', 'paypal', '', null]) {
    assert.equal(paymentsConfig.safeParse({ provider, publishableKey: 'pk_test_1' }).success, false, String(provider));
  }
});

test('an id needs its own prefix and at least one character after it', () => {
  const planId = idWithPrefix('plan_');
  assert.equal(planId.safeParse('plan_a').success, true);
  for (const id of ['plan_', 'plan', 'prod_a', 'a_plan_', '']) assert.equal(planId.safeParse(id).success, false, JSON.stringify(id));
});

test('each object of the contract checks the prefix of its own ids', () => {
  assert.equal(currentSubscription.safeParse({ ...subscription, orderId: 'x_1' }).success, false, 'orderId');
  assert.equal(currentSubscription.safeParse({ ...subscription, planId: 'prod_a' }).success, false, 'planId');
  assert.equal(currentSubscription.safeParse(subscription).success, true);
  assert.equal(publicCustomer.safeParse({ id: 'usr_1', name: null, email: null }).success, false, 'customer id');
  assert.equal(publicCustomer.safeParse({ id: 'cus_1', name: null, email: null }).success, true);
  assert.equal(paymentsConfig.safeParse({ provider: 'stripe', publishableKey: 'sk_live_1' }).success, false, 'a secret key is no publishable key');
  assert.equal(paymentsConfig.safeParse({ provider: 'stripe', publishableKey: 'pk_test_1' }).success, true);
  const base = { name: 'A', description: null, plans: [], basePrice: monthly };
  assert.equal(product.safeParse({ ...base, id: 'plan_a' }).success, false, 'product id');
  assert.equal(product.safeParse({ ...base, id: 'prod_a' }).success, true);
  const withPlan = (id: string) => ({ ...base, id: 'prod_a', basePrice: null, plans: [{ id, name: 'P', prices: [monthly] }] });
  assert.equal(product.safeParse(withPlan('prod_x')).success, false, 'plan id');
  assert.equal(product.safeParse(withPlan('plan_x')).success, true);
});

test('every interval, price model and checkout status of the contract is accepted', () => {
  for (const value of ['month', 'quarter', 'half_year', 'year', 'one_time']) assert.equal(billingInterval.safeParse(value).success, true, value);
  for (const value of ['flat', 'per_unit', 'graduated', 'volume', 'usage', 'one_time']) assert.equal(priceModel.safeParse(value).success, true, value);
  for (const value of ['active', 'completed', 'expired', 'archived']) assert.equal(checkoutStatus.safeParse(value).success, true, value);
  assert.equal(billingInterval.safeParse('').success, false);
});

test('a length counts characters as zod’s length checks do (a surrogate pair is one), and a list’s items', () => {
  assert.equal(shortText.safeParse('😀'.repeat(500)).success, true, '500 emoji are 500 characters');
  assert.equal(shortText.safeParse('😀'.repeat(501)).success, false);
  assert.equal(shortText.safeParse('a'.repeat(501)).success, false);
  assert.equal(idWithPrefix('chk_').safeParse('chk_').success, false, 'one character after the prefix at least');
  assert.equal(idWithPrefix('chk_').safeParse(`chk_${'a'.repeat(251)}`).success, true, '255 in all');
  assert.equal(idWithPrefix('chk_').safeParse(`chk_${'a'.repeat(252)}`).success, false);
  const currencies = Array.from({ length: 50 }, (_, index) => `${String.fromCharCode(97 + (index % 26))}${String.fromCharCode(97 + Math.floor(index / 26))}x`);
  assert.equal(publicCheckout.safeParse({ ...session, allowedCurrencies: [...currencies, 'usd'].slice(-50), currency: 'usd' }).success, true, '50 currencies');
  assert.equal(publicCheckout.safeParse({ ...session, allowedCurrencies: [...currencies, 'usd'], currency: 'usd' }).success, false, '51 currencies');
  assert.equal(publicCheckout.safeParse({ ...session, allowedCurrencies: [], currency: 'usd' }).success, false, 'none');
});

test('a price may fix its quantity by equal bounds, but not have a lower bound above the upper', () => {
  assert.equal(price.safeParse({ ...monthly, model: 'per_unit', minQuantity: 5, maxQuantity: 5 }).success, true);
  assert.equal(price.safeParse({ ...monthly, model: 'per_unit', minQuantity: 6, maxQuantity: 5 }).success, false);
});

test('tiers must rise strictly and end open: a repeated or falling bound, or an open tier before the last, is refused', () => {
  const tiered = (tiers: Array<{ upTo: number | null; unitAmount: number }>) => price.safeParse({ ...monthly, model: 'volume', amount: 0, tiers }).success;
  assert.equal(tiered([{ upTo: 10, unitAmount: 1 }, { upTo: null, unitAmount: 1 }]), true);
  assert.equal(tiered([{ upTo: 10, unitAmount: 1 }, { upTo: 10, unitAmount: 1 }, { upTo: null, unitAmount: 1 }]), false, 'repeated');
  assert.equal(tiered([{ upTo: 10, unitAmount: 1 }, { upTo: 5, unitAmount: 1 }, { upTo: null, unitAmount: 1 }]), false, 'falling');
  assert.equal(tiered([{ upTo: null, unitAmount: 1 }, { upTo: null, unitAmount: 1 }]), false, 'open before the last');
  assert.equal(tiered([{ upTo: 10, unitAmount: 1 }]), false, 'closed at the end');
  assert.equal(price.safeParse({ ...monthly, model: 'volume', amount: 0 }).success, false, 'no tiers');
});
