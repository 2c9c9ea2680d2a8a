// Which tier lists a graduated or volume price may carry: the bounds a real catalog uses, and the
// mistakes a server could make writing them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { price } from '../../../src/api/schemas.ts';

type Bound = number | null;

function accepts(model: 'graduated' | 'volume', bounds: Bound[]): boolean {
  const tiers = bounds.map((upTo, index) => ({ upTo, unitAmount: 1000 - 100 * index }));
  return price.safeParse({ currency: 'usd', model, amount: 0, interval: 'month', tiers }).success;
}

test('a single open tier is a price for any quantity', () => {
  assert.equal(accepts('graduated', [null]), true);
  assert.equal(accepts('volume', [null]), true);
});

test('several closed tiers rising to an open one are accepted, in both tiered models', () => {
  for (const model of ['graduated', 'volume'] as const) {
    assert.equal(accepts(model, [1, 2, null]), true, `${model} 1, 2, open`);
    assert.equal(accepts(model, [10, 50, 100, 1000, null]), true, `${model} 10 … 1000, open`);
  }
});

test('a tier list is refused when any later bound does not rise above the one before it', () => {
  assert.equal(accepts('graduated', [10, 50, 50, null]), false, 'a repeated bound after a rise');
  assert.equal(accepts('graduated', [10, 50, 20, null]), false, 'a fall after a rise');
  assert.equal(accepts('volume', [10, 50, 100, 60, null]), false, 'a fall later on');
});

test('a tier list is refused when its last tier is closed or an earlier one is open', () => {
  assert.equal(accepts('graduated', [10, 50]), false, 'no open tier');
  assert.equal(accepts('graduated', [10, null, 50, null]), false, 'open in the middle');
  assert.equal(accepts('volume', [null, null]), false, 'two open tiers');
});

test('the first bound must be at least 1: a tier up to 0 units is refused', () => {
  assert.equal(accepts('graduated', [0, null]), false);
  assert.equal(accepts('graduated', [1, null]), true);
});

test('flat, per-unit and usage prices need no tiers, and are not refused for tiers they carry', () => {
  for (const model of ['flat', 'per_unit', 'usage'] as const) {
    assert.equal(price.safeParse({ currency: 'usd', model, amount: 500, interval: 'month' }).success, true, model);
    const tiers = [{ upTo: 10, unitAmount: 1 }];
    assert.equal(price.safeParse({ currency: 'usd', model, amount: 500, interval: 'month', tiers }).success, true, `${model} with a closed tier`);
  }
});
