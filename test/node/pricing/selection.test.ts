import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  currenciesOffered,
  defaultSelections,
  plansInCurrency,
  resolveSelections,
  selectionsForCurrency,
} from '../../../src/pricing/selection.ts';
import { analytics, analyticsUpgrade, onboarding, seats, support } from './fixtures.ts';

test('the currencies offered are those in which every product can be bought', () => {
  assert.deepEqual(currenciesOffered([analytics]), ['eur', 'usd']);
  assert.deepEqual(currenciesOffered([analytics, support]), ['usd']);
  // An upgrade stays in the currency of the current subscription.
  assert.deepEqual(currenciesOffered([analyticsUpgrade]), ['usd']);
  assert.deepEqual(currenciesOffered([]), []);
});

test('plans without a price in the currency are not offered in it', () => {
  assert.deepEqual(plansInCurrency(seats, 'eur').map((plan) => plan.id), ['plan_team']);
});

test('the starting choice is the current plan, else the recommended one, else the first; quantities start in bounds', () => {
  assert.deepEqual(defaultSelections([analytics, seats, support], 'usd'), [
    { productId: 'prod_analytics', planId: 'plan_growth', quantity: 1 },
    { productId: 'prod_seats', planId: 'plan_team', quantity: 1 },
    { productId: 'prod_support', planId: null, quantity: 1 },
  ]);
  assert.deepEqual(defaultSelections([analyticsUpgrade], 'usd'), [{ productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 }]);
});

test('a currency switch keeps the chosen plans and quantities where the new currency has them', () => {
  const usd = [
    { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
    { productId: 'prod_seats', planId: 'plan_business', quantity: 12 },
  ];
  assert.deepEqual(selectionsForCurrency([analytics, seats], usd, 'eur'), [
    { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
    // Business has no euro price: back to the default plan, quantity clamped to its bounds.
    { productId: 'prod_seats', planId: 'plan_team', quantity: 1 },
  ]);
  const team = [{ productId: 'prod_seats', planId: 'plan_team', quantity: 60 }];
  assert.deepEqual(selectionsForCurrency([seats], team, 'eur'), [{ productId: 'prod_seats', planId: 'plan_team', quantity: 50 }]);
});

test('valid selections resolve to the price they buy', () => {
  const result = resolveSelections(
    [analytics, onboarding],
    [
      { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
      { productId: 'prod_onboarding', planId: null, quantity: 1 },
    ],
    'usd',
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.resolved.map((line) => [line.product.id, line.plan?.id ?? null, line.price.amount]),
    [
      ['prod_analytics', 'plan_starter', 1900],
      ['prod_onboarding', null, 49900],
    ],
  );
});

test('every rule of a selection is checked and named', () => {
  const codes = (products: Parameters<typeof resolveSelections>[0], selections: Parameters<typeof resolveSelections>[1], currency = 'usd') => {
    const result = resolveSelections(products, selections, currency);
    return result.ok ? [] : result.problems.map((problem) => `${problem.field}:${problem.code}`);
  };
  assert.deepEqual(codes([analytics], [{ productId: 'prod_nope', planId: null, quantity: 1 }]), ['selections[0].productId:unknown_product']);
  assert.deepEqual(
    codes([analytics], [
      { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
      { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
    ]),
    ['selections[1].productId:duplicate_product'],
  );
  assert.deepEqual(codes([analytics], [{ productId: 'prod_analytics', planId: null, quantity: 1 }]), ['selections[0].planId:plan_required']);
  assert.deepEqual(codes([analytics], [{ productId: 'prod_analytics', planId: 'plan_team', quantity: 1 }]), ['selections[0].planId:unknown_plan']);
  assert.deepEqual(codes([support], [{ productId: 'prod_support', planId: 'plan_team', quantity: 1 }]), ['selections[0].planId:plan_not_allowed']);
  assert.deepEqual(codes([support], [{ productId: 'prod_support', planId: null, quantity: 1 }], 'eur'), ['currency:currency_unavailable']);
  assert.deepEqual(codes([seats], [{ productId: 'prod_seats', planId: 'plan_business', quantity: 4 }]), ['selections[0].quantity:quantity_out_of_bounds']);
  assert.deepEqual(codes([analytics], [{ productId: 'prod_analytics', planId: 'plan_starter', quantity: 2 }]), ['selections[0].quantity:quantity_out_of_bounds']);
  assert.deepEqual(codes([analytics, support], [{ productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 }]), ['selections:missing_product']);
});
