// Edges of the starting choice, a currency switch and the selection rules that mutation testing found unpinned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSelections, resolveSelections, selectionsForCurrency } from '../../../src/pricing/selection.ts';
import { analytics, product, seats, support } from './fixtures.ts';

const sevenTeamSeats = product({
  ...seats,
  current: {
    orderId: 'ord_team',
    planId: 'plan_team',
    quantity: 7,
    periodStart: '2026-04-01T00:00:00Z',
    periodEnd: '2026-05-01T00:00:00Z',
    amount: 8400,
    currency: 'usd',
    interval: 'month',
  },
});

test('an upgrade starts from the seats the customer has now, not from one seat', () => {
  assert.deepEqual(defaultSelections([sevenTeamSeats], 'usd'), [{ productId: 'prod_seats', planId: 'plan_team', quantity: 7 }]);
});

test('a current plan with no price in the currency is not the starting choice, and its seat count is not kept', () => {
  // Team costs 1,100 EUR a seat, Business has no euro price: in euros the current Team plan stays.
  assert.deepEqual(defaultSelections([sevenTeamSeats], 'eur'), [{ productId: 'prod_seats', planId: 'plan_team', quantity: 7 }]);
  const onBusiness = product({ ...sevenTeamSeats, current: { ...sevenTeamSeats.current, planId: 'plan_business', quantity: 9 } });
  assert.deepEqual(defaultSelections([onBusiness], 'eur'), [{ productId: 'prod_seats', planId: 'plan_team', quantity: 1 }]);
});

test("a currency switch keeps each product's own choice, whatever order the earlier choices come in", () => {
  const usd = [
    { productId: 'prod_seats', planId: 'plan_team', quantity: 4 },
    { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
  ];
  assert.deepEqual(selectionsForCurrency([analytics, seats], usd, 'eur'), [
    { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
    { productId: 'prod_seats', planId: 'plan_team', quantity: 4 },
  ]);
});

test('an earlier choice without a plan, for a product sold by plans, is replaced by the starting plan', () => {
  const both = product({ ...analytics, basePrice: { currency: 'usd', model: 'per_unit', amount: 100, interval: 'month' } });
  assert.deepEqual(selectionsForCurrency([both], [{ productId: 'prod_analytics', planId: null, quantity: 3 }], 'usd'), [
    { productId: 'prod_analytics', planId: 'plan_growth', quantity: 1 },
  ]);
});

test('a product with no earlier choice gets its starting choice after a currency switch', () => {
  const usd = [{ productId: 'prod_seats', planId: 'plan_team', quantity: 4 }];
  assert.deepEqual(selectionsForCurrency([analytics, seats], usd, 'eur'), [
    { productId: 'prod_analytics', planId: 'plan_growth', quantity: 1 },
    { productId: 'prod_seats', planId: 'plan_team', quantity: 4 },
  ]);
});

test('re-fitting keeps the quantity chosen for a product sold by its base price', () => {
  const perSeat = product({
    id: 'prod_desk',
    name: 'Desks',
    basePrice: { currency: 'usd', model: 'per_unit', amount: 500, interval: 'month', minQuantity: 1, maxQuantity: 20 },
  });
  const chosen = [{ productId: 'prod_desk', planId: null, quantity: 6 }];
  assert.deepEqual(selectionsForCurrency([perSeat], chosen, 'usd'), chosen);
  assert.deepEqual(selectionsForCurrency([perSeat], [{ ...chosen[0]!, quantity: 99 }], 'usd'), [{ ...chosen[0]!, quantity: 20 }]);
});

test('a selection naming a product not in the checkout is reported once, not also as the product it left out', () => {
  const result = resolveSelections([analytics], [{ productId: 'prod_nope', planId: null, quantity: 1 }], 'usd');
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.problems.map((problem) => problem.code), ['unknown_product']);
});

test('a product left out is reported alongside any other problem than an unknown product', () => {
  const result = resolveSelections([analytics, support], [{ productId: 'prod_analytics', planId: 'plan_team', quantity: 1 }], 'usd');
  assert.deepEqual(!result.ok && result.problems.map((problem) => problem.code), ['unknown_plan', 'missing_product']);
});

test('every refused selection says in words what is wrong, naming the product, currency or bounds it is about', () => {
  const messages = (products: Parameters<typeof resolveSelections>[0], selections: Parameters<typeof resolveSelections>[1], currency = 'usd') => {
    const result = resolveSelections(products, selections, currency);
    return result.ok ? [] : result.problems.map((problem) => problem.message);
  };
  const cases = [
    messages([analytics], [{ productId: 'prod_nope', planId: null, quantity: 1 }]),
    messages([analytics], [
      { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
      { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
    ]),
    messages([analytics], [{ productId: 'prod_analytics', planId: null, quantity: 1 }]),
    messages([analytics], [{ productId: 'prod_analytics', planId: 'plan_team', quantity: 1 }]),
    messages([support], [{ productId: 'prod_support', planId: 'plan_team', quantity: 1 }]),
  ];
  for (const [message] of cases) assert.match(message ?? '', /\w{3,}/);
  assert.deepEqual(messages([support], [{ productId: 'prod_support', planId: null, quantity: 1 }], 'eur'), ['Priority support has no price in eur']);
  assert.deepEqual(messages([seats], [{ productId: 'prod_seats', planId: 'plan_business', quantity: 4 }]), ['must be a whole number from 5 to 500']);
  assert.deepEqual(messages([analytics, support], [{ productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 }]), ['must include product prod_support']);
});
