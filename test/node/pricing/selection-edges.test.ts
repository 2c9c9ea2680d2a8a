// Edges of the starting choice that mutation testing found unpinned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSelections } from '../../../src/pricing/selection.ts';
import { product, seats } from './fixtures.ts';

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
