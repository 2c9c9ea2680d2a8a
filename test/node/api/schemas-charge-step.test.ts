// A price Stripe could not charge at every quantity is a malformed answer: its amounts (and each
// tier's) must be multiples of the currency's charge step, as the sandbox's catalog requires.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { price } from '../../../src/api/schemas.ts';

const perUnit = (currency: string, amount: number) => price.safeParse({ currency, model: 'per_unit', amount, interval: 'month' });
const graduated = (currency: string, tiers: Array<{ unitAmount: number; flatAmount?: number }>) =>
  price.safeParse({ currency, model: 'graduated', amount: 0, interval: 'month', tiers: tiers.map((tier, index) => ({ upTo: index === tiers.length - 1 ? null : index + 1, ...tier })) });

test('a three-decimal currency’s price off its step of 10 is refused, on the amount', () => {
  const refused = perUnit('kwd', 5125);
  assert.equal(refused.success, false, 'KWD 5.125');
  assert.deepEqual(refused.error?.issues.map((issue) => issue.path), [['amount']]);
  assert.equal(perUnit('kwd', 5120).success, true, 'KWD 5.120');
  assert.equal(perUnit('bhd', 1001).success, false, 'BHD 1.001');
});

test('ISK and UGX are charged in steps of 100; two-decimal and zero-decimal currencies in 1', () => {
  assert.equal(perUnit('isk', 150).success, false, 'ISK 1.50');
  assert.equal(perUnit('isk', 1500).success, true, 'ISK 15');
  assert.equal(perUnit('usd', 5125).success, true, 'USD 51.25');
  assert.equal(perUnit('jpy', 5125).success, true, 'JPY 5125');
});

test('each tier’s unit and flat amounts are held to the step too', () => {
  assert.equal(graduated('kwd', [{ unitAmount: 1000 }, { unitAmount: 900 }]).success, true);
  assert.equal(graduated('kwd', [{ unitAmount: 1000 }, { unitAmount: 905 }]).success, false, 'a unit amount off the step');
  assert.equal(graduated('kwd', [{ unitAmount: 1000, flatAmount: 5 }, { unitAmount: 900 }]).success, false, 'a flat amount off the step');
});
