import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Price } from '../../../src/api/schemas.ts';
import { clampQuantity, hasAdjustableQuantity, periodAmount, priceInCurrency, quantityBounds } from '../../../src/pricing/price.ts';

const price = (fields: Partial<Price>): Price => ({ currency: 'usd', model: 'flat', amount: 1000, interval: 'month', ...fields });

const tiers = [
  { upTo: 10, unitAmount: 100, flatAmount: 0 },
  { upTo: 100, unitAmount: 80, flatAmount: 500 },
  { upTo: null, unitAmount: 50, flatAmount: 0 },
];

test('flat and one-time prices cost their amount whatever the quantity', () => {
  assert.equal(periodAmount(price({ model: 'flat' }), 3), 1000);
  assert.equal(periodAmount(price({ model: 'one_time', interval: 'one_time', amount: 49900 }), 1), 49900);
});

test('per-unit prices multiply by the quantity', () => {
  assert.equal(periodAmount(price({ model: 'per_unit', amount: 1200 }), 7), 8400);
});

test('graduated prices charge each tier for the units inside it, with each reached tier’s flat amount', () => {
  const graduated = price({ model: 'graduated', amount: 0, tiers });
  assert.equal(periodAmount(graduated, 1), 100);
  assert.equal(periodAmount(graduated, 10), 1000);
  // 10 × 100 + 1 × 80 + 500 flat for entering the second tier.
  assert.equal(periodAmount(graduated, 11), 1580);
  // 10 × 100 + 90 × 80 + 500 + 20 × 50.
  assert.equal(periodAmount(graduated, 120), 1000 + 7200 + 500 + 1000);
});

test('volume prices charge every unit at the rate of the tier the quantity falls in', () => {
  const volume = price({ model: 'volume', amount: 0, tiers });
  assert.equal(periodAmount(volume, 10), 1000);
  assert.equal(periodAmount(volume, 11), 11 * 80 + 500);
  assert.equal(periodAmount(volume, 500), 500 * 50);
});

test('usage is billed in arrears: nothing for the period up front', () => {
  assert.equal(periodAmount(price({ model: 'usage', amount: 2 }), 1), 0);
});

test('only per-unit, graduated and volume prices have a quantity, kept within their bounds', () => {
  assert.equal(hasAdjustableQuantity(price({ model: 'per_unit' })), true);
  assert.equal(hasAdjustableQuantity(price({ model: 'graduated', tiers })), true);
  assert.equal(hasAdjustableQuantity(price({ model: 'usage' })), false);
  assert.deepEqual(quantityBounds(price({ model: 'flat', minQuantity: 5 })), { min: 1, max: 1 });
  const seats = price({ model: 'per_unit', minQuantity: 5, maxQuantity: 500 });
  assert.deepEqual(quantityBounds(seats), { min: 5, max: 500 });
  assert.equal(clampQuantity(seats, 1), 5);
  assert.equal(clampQuantity(seats, 501), 500);
  assert.equal(clampQuantity(seats, 7.6), 8);
  assert.equal(clampQuantity(seats, Number.NaN), 5);
  assert.deepEqual(quantityBounds(price({ model: 'per_unit', minQuantity: 0 })), { min: 1, max: 9999 });
});

test('the price of a plan is picked by currency', () => {
  const usd = price({ currency: 'usd' });
  const eur = price({ currency: 'eur', amount: 900 });
  assert.equal(priceInCurrency([usd, eur], 'eur'), eur);
  assert.equal(priceInCurrency([usd, eur], 'jpy'), undefined);
});
