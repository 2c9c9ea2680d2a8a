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

// Five Business seats in a 14-day trial that ends on 24 April.
const seatsInTrial: Product = {
  ...seats,
  current: {
    orderId: 'ord_trial',
    planId: 'plan_business',
    quantity: 5,
    periodStart: '2026-04-10T00:00:00Z',
    periodEnd: '2026-04-24T00:00:00Z',
    amount: 5 * 2400,
    currency: 'usd',
    interval: 'month',
    trialEndsAt: '2026-04-24T00:00:00Z',
  },
};

test('a seat change during a trial is due nothing today, keeps the trial, and recurs at the new amount from its end', () => {
  const result = summary([seatsInTrial], [{ productId: 'prod_seats', planId: 'plan_business', quantity: 6 }]);
  const [line] = result.lines;
  assert.equal(line!.kind, 'upgrade');
  assert.equal(line!.dueToday, 0);
  assert.equal(line!.trialEndsAt?.toISOString(), '2026-04-24T00:00:00.000Z');
  assert.equal(line!.nextChargeAt?.toISOString(), '2026-04-24T00:00:00.000Z');
  assert.equal(result.amountDueToday, 0);
  assert.equal(result.hasChanges, true);
  assert.deepEqual(result.recurring, [
    { interval: 'month', amount: 6 * 2400, startsAt: new Date('2026-04-24T00:00:00Z'), includesUsage: false },
  ]);
});

test('keeping the plan after its period ended shows the next charge at the end of the period that contains now', () => {
  const result = resolveSelections([analyticsUpgrade], [{ productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 }], 'usd');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const later = summarize(result.resolved, 'usd', new Date('2026-05-02T00:00:00Z'));
  assert.equal(later.lines[0]!.kind, 'unchanged');
  assert.equal(later.lines[0]!.nextChargeAt?.toISOString(), '2026-06-01T00:00:00.000Z');
  assert.deepEqual(later.recurring, [
    { interval: 'month', amount: 1900, startsAt: new Date('2026-06-01T00:00:00Z'), includesUsage: false },
  ]);
});

test("a backend that sends no current.trialEndsAt still parses: the subscription has no trial", () => {
  assert.equal(analyticsUpgrade.current?.trialEndsAt, null);
});
