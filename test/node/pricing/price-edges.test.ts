// Edges of a price's quantity that mutation testing found unpinned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Price } from '../../../src/api/schemas.ts';
import { clampQuantity, hasAdjustableQuantity, quantityBounds } from '../../../src/pricing/price.ts';

const volume: Price = {
  currency: 'usd',
  model: 'volume',
  amount: 0,
  interval: 'month',
  minQuantity: 2,
  maxQuantity: 40,
  tiers: [
    { upTo: 10, unitAmount: 100, flatAmount: 0 },
    { upTo: null, unitAmount: 80, flatAmount: 0 },
  ],
};

test('a volume price lets the customer pick a quantity, within its own bounds', () => {
  assert.equal(hasAdjustableQuantity(volume), true);
  assert.deepEqual(quantityBounds(volume), { min: 2, max: 40 });
  assert.equal(clampQuantity(volume, 25), 25);
  assert.equal(clampQuantity(volume, 41), 40);
});

test('flat, one-time and usage prices are always bought once', () => {
  for (const model of ['flat', 'one_time', 'usage'] as const) {
    assert.equal(hasAdjustableQuantity({ ...volume, model, tiers: null }), false, model);
    assert.equal(clampQuantity({ ...volume, model, tiers: null }, 25), 1, model);
  }
});
