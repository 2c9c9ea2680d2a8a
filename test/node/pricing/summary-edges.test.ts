// Edges of the order summary that mutation testing found unpinned: seat changes, mixed baskets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSelections } from '../../../src/pricing/selection.ts';
import { summarize } from '../../../src/pricing/summary.ts';
import type { Product, Selection } from '../../../src/api/schemas.ts';
import { analyticsUpgrade, api, onboarding, product, seats, support } from './fixtures.ts';

const now = new Date('2026-04-16T00:00:00Z');

/** Team seats with 3 seats of the Team plan (1,200 a seat) from 1 April to 1 May 2026. */
const threeTeamSeats = product({
  ...seats,
  current: {
    orderId: 'ord_team',
    planId: 'plan_team',
    quantity: 3,
    periodStart: '2026-04-01T00:00:00Z',
    periodEnd: '2026-05-01T00:00:00Z',
    amount: 3600,
    currency: 'usd',
    interval: 'month',
  },
});

function summary(products: Product[], selections: Selection[]) {
  const result = resolveSelections(products, selections, 'usd');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return summarize(result.resolved, 'usd', now);
}

test('more seats on the current plan is a change: the added seats are prorated and charged today', () => {
  const result = summary([threeTeamSeats], [{ productId: 'prod_seats', planId: 'plan_team', quantity: 5 }]);
  const [line] = result.lines;
  assert.equal(line!.kind, 'upgrade');
  // Half of April left: credit 1,800 for 3 seats, charge 3,000 for 5.
  assert.equal(line!.dueToday, 1200);
  assert.equal(result.amountDueToday, 1200);
  assert.equal(result.hasChanges, true);
});

test('fewer seats on the current plan is a change that leaves credit, not "nothing to buy"', () => {
  const result = summary([threeTeamSeats], [{ productId: 'prod_seats', planId: 'plan_team', quantity: 1 }]);
  assert.equal(result.lines[0]!.kind, 'upgrade');
  assert.equal(result.amountDueToday, 0);
  assert.equal(result.creditCarriedForward, 1200);
  assert.equal(result.hasChanges, true);
});

test('one changed product among kept ones is something to buy', () => {
  const result = summary(
    [analyticsUpgrade, threeTeamSeats, support],
    [
      { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
      { productId: 'prod_seats', planId: 'plan_team', quantity: 3 },
      { productId: 'prod_support', planId: null, quantity: 1 },
    ],
  );
  assert.deepEqual(result.lines.map((line) => line.kind), ['unchanged', 'unchanged', 'new']);
  assert.equal(result.hasChanges, true);
  assert.equal(result.amountDueToday, 29900);
});

test('keeping every current plan at its current seat count is nothing to buy', () => {
  const result = summary(
    [analyticsUpgrade, threeTeamSeats],
    [
      { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
      { productId: 'prod_seats', planId: 'plan_team', quantity: 3 },
    ],
  );
  assert.deepEqual(result.lines.map((line) => line.kind), ['unchanged', 'unchanged']);
  assert.equal(result.hasChanges, false);
  assert.equal(result.amountDueToday, 0);
});

test('keeping a product sold by its base price, which has no plan, is no change', () => {
  const supportKept = product({
    ...support,
    current: {
      orderId: 'ord_support',
      planId: null,
      quantity: 1,
      periodStart: '2026-04-01T00:00:00Z',
      periodEnd: '2026-05-01T00:00:00Z',
      amount: 29900,
      currency: 'usd',
      interval: 'month',
    },
  });
  const result = summary([supportKept], [{ productId: 'prod_support', planId: null, quantity: 1 }]);
  assert.equal(result.lines[0]!.kind, 'unchanged');
  assert.equal(result.hasChanges, false);
});

test('a first purchase is a new line whether it is one-time, starts with a trial, or recurs now', () => {
  const result = summary(
    [onboarding, seats, support],
    [
      { productId: 'prod_onboarding', planId: null, quantity: 1 },
      { productId: 'prod_seats', planId: 'plan_business', quantity: 5 },
      { productId: 'prod_support', planId: null, quantity: 1 },
    ],
  );
  assert.deepEqual(result.lines.map((line) => line.kind), ['new', 'new', 'new']);
});

test('usage that recurs with a subscription on the same day is flagged in that charge, whichever line comes first', () => {
  for (const order of [[support, api], [api, support]]) {
    const result = summary(order, order.map((item) => ({ productId: item.id, planId: item.id === 'prod_api' ? 'plan_payg' : null, quantity: 1 })));
    assert.deepEqual(
      result.recurring.map((charge) => [charge.startsAt.toISOString(), charge.amount, charge.includesUsage]),
      [['2026-05-16T00:00:00.000Z', 29900, true]],
    );
  }
});

test('switching a subscription to a one-time plan charges it today, less the unused half month, and leaves nothing recurring', () => {
  const lifetime = product({
    ...analyticsUpgrade,
    plans: [...analyticsUpgrade.plans, { id: 'plan_lifetime', name: 'Lifetime', prices: [{ currency: 'usd', model: 'one_time', amount: 99000, interval: 'one_time' }] }],
  });
  const result = summary([lifetime], [{ productId: 'prod_analytics', planId: 'plan_lifetime', quantity: 1 }]);
  assert.equal(result.lines[0]!.kind, 'upgrade');
  assert.equal(result.amountDueToday, 99000 - 950);
  assert.deepEqual(result.recurring, []);
});
