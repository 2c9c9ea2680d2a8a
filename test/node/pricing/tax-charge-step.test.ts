// src/pricing/tax.ts rounded to a currency's charge step (src/pricing/currency.ts' chargeStep):
// Stripe charges KWD in multiples of 10 fils and ISK in whole krónur, so a line's tax is rounded to
// that step and a price written in it stays one with its tax (TAX.md §3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chargeStep } from '../../../src/pricing/currency.ts';
import { quoteTax, taxOfAmount, type TaxRate } from '../../../src/pricing/tax.ts';

const gbVat: TaxRate = { name: 'vat', jurisdiction: 'GB', basisPoints: 2000, inclusive: false };

test('KWD: 20% of 4.910 is 0.982, rounded to 0.980 so that 5.890 is a charge Stripe accepts', () => {
  assert.deepEqual(taxOfAmount(4910, gbVat, chargeStep('kwd')), { net: 4910, tax: 980, gross: 5890 });
  // Half a step rounds away from zero: 7.25% of 1.000 is 0.0725 → 0.070; of 2.000, 0.145 → 0.150.
  assert.equal(taxOfAmount(1000, { basisPoints: 725, inclusive: false }, 10).tax, 70);
  assert.equal(taxOfAmount(2000, { basisPoints: 725, inclusive: false }, 10).tax, 150);
  assert.equal(taxOfAmount(-2000, { basisPoints: 725, inclusive: false }, 10).tax, -150, 'a credit alike');
});

test('KWD inclusive: 5.900 at 20% is 4.920 net (4.9167 rounded to the step) and 0.980 tax', () => {
  assert.deepEqual(taxOfAmount(5900, { basisPoints: 2000, inclusive: true }, 10), { net: 4920, tax: 980, gross: 5900 });
});

test('ISK: 20% of 4,999 kr. is 999.80, rounded to 1,000 kr. (a multiple of 100)', () => {
  assert.deepEqual(taxOfAmount(499_900, gbVat, chargeStep('isk')), { net: 499_900, tax: 100_000, gross: 599_900 });
});

test('JPY, KRW and HUF round to the minor unit as before: their step is 1', () => {
  for (const currency of ['jpy', 'krw', 'huf']) {
    assert.deepEqual(taxOfAmount(4910, gbVat, chargeStep(currency)), { net: 4910, tax: 982, gross: 5892 }, currency);
  }
});

test('a KWD quote of several lines totals a multiple of 10, each line rounded on its own', () => {
  const quote = quoteTax(
    [
      { amount: 4910, taxability: { kind: 'taxed' as const, rate: gbVat } },
      { amount: 1230, taxability: { kind: 'taxed' as const, rate: { ...gbVat, basisPoints: 725 } } },
    ],
    10,
  );
  assert.deepEqual(quote.lines.map((line) => line.tax), [980, 90]); // 982 → 980; 89.175 → 90
  assert.equal(quote.total, 4910 + 980 + 1230 + 90);
});

test('property: an amount in steps, at any rate, exclusive or inclusive, keeps net, tax and gross in steps, within half a step of exact', () => {
  const steps = fc.constantFrom(1, 10, 100);
  fc.assert(
    fc.property(steps, fc.integer({ min: -9_999_999, max: 9_999_999 }), fc.integer({ min: 0, max: 10_000 }), fc.boolean(), (step, units, points, inclusive) => {
      const amount = units * step;
      const { net, tax, gross } = taxOfAmount(amount, { basisPoints: points, inclusive }, step);
      assert.equal(net + tax, gross);
      for (const part of [net, tax, gross]) assert.equal(Math.abs(part % step), 0, `${part} in steps of ${step}`);
      if (inclusive) assert.ok(Math.abs(net * (10_000 + points) - amount * 10_000) * 2 <= step * (10_000 + points));
      else assert.ok(Math.abs(tax * 10_000 - amount * points) * 2 <= step * 10_000);
    }),
    { numRuns: 2000 },
  );
});
