import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSelections } from '../../../src/pricing/selection.ts';
import { summarize } from '../../../src/pricing/summary.ts';
import type { Product, Selection } from '../../../src/api/schemas.ts';
import { analytics, analyticsUpgrade, api, onboarding, seats, support } from './fixtures.ts';

const now = new Date('2026-04-16T00:00:00Z');

function summary(products: Product[], selections: Selection[], currency = 'usd') {
  const result = resolveSelections(products, selections, currency);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return summarize(result.resolved, currency, now);
}

test('new subscriptions are due today and recur from one interval later, grouped by interval and date', () => {
  const result = summary(
    [analytics, seats, support],
    [
      { productId: 'prod_analytics', planId: 'plan_growth', quantity: 1 },
      { productId: 'prod_seats', planId: 'plan_team', quantity: 3 },
      { productId: 'prod_support', planId: null, quantity: 1 },
    ],
  );
  assert.equal(result.amountDueToday, 4900 + 3600 + 29900);
  assert.deepEqual(result.lines.map((line) => [line.kind, line.dueToday]), [
    ['new', 4900],
    ['new', 3600],
    ['new', 29900],
  ]);
  assert.deepEqual(result.recurring, [
    { interval: 'month', amount: 38400, startsAt: new Date('2026-05-16T00:00:00Z'), includesUsage: false },
  ]);
  assert.equal(result.hasChanges, true);
});

test('one-time prices are due today and never recur; usage is due later, in arrears; trials cost nothing today', () => {
  const result = summary(
    [onboarding, api, seats],
    [
      { productId: 'prod_onboarding', planId: null, quantity: 1 },
      { productId: 'prod_api', planId: 'plan_payg', quantity: 1 },
      { productId: 'prod_seats', planId: 'plan_business', quantity: 5 },
    ],
  );
  assert.equal(result.amountDueToday, 49900);
  const [setup, usage, trial] = result.lines;
  assert.equal(setup!.nextChargeAt, null);
  assert.equal(usage!.billedInArrears, true);
  assert.equal(usage!.dueToday, 0);
  assert.equal(trial!.dueToday, 0);
  assert.equal(trial!.trialEndsAt?.toISOString(), '2026-04-30T00:00:00.000Z');
  assert.deepEqual(
    result.recurring.map((charge) => [charge.startsAt.toISOString(), charge.amount, charge.includesUsage]),
    [
      ['2026-04-30T00:00:00.000Z', 12000, false],
      ['2026-05-16T00:00:00.000Z', 0, true],
    ],
  );
});

test('an upgrade is prorated to the second and keeps the renewal date', () => {
  const result = summary([analyticsUpgrade], [{ productId: 'prod_analytics', planId: 'plan_growth', quantity: 1 }]);
  const [line] = result.lines;
  assert.equal(line!.kind, 'upgrade');
  assert.equal(line!.proration!.credit, 950);
  assert.equal(line!.proration!.charge, 2450);
  assert.equal(result.amountDueToday, 1500);
  assert.deepEqual(result.recurring, [
    { interval: 'month', amount: 4900, startsAt: new Date('2026-05-01T00:00:00Z'), includesUsage: false },
  ]);
});

test('keeping the current plan is no change: nothing due, nothing to buy', () => {
  const result = summary([analyticsUpgrade], [{ productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 }]);
  assert.equal(result.lines[0]!.kind, 'unchanged');
  assert.equal(result.amountDueToday, 0);
  assert.equal(result.hasChanges, false);
});

test('a downgrade that leaves credit charges nothing today and carries the credit forward', () => {
  const growth = { ...analyticsUpgrade, current: { ...analyticsUpgrade.current!, planId: 'plan_growth', amount: 4900 } };
  const result = summary([growth], [{ productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 }]);
  assert.equal(result.amountDueToday, 0);
  assert.equal(result.creditCarriedForward, 2450 - 950);
});

test('switching to a yearly plan starts a new year now', () => {
  const result = summary([analyticsUpgrade], [{ productId: 'prod_analytics', planId: 'plan_yearly', quantity: 1 }]);
  assert.equal(result.amountDueToday, 49000 - 950);
  assert.equal(result.lines[0]!.nextChargeAt?.toISOString(), '2027-04-16T00:00:00.000Z');
});
