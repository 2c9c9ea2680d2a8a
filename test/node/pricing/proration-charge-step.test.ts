// src/pricing/proration.ts (and summary.ts) rounded to a currency's charge step: an upgrade in
// KWD credits and charges multiples of 10 fils, in ISK whole krónur, so the amount due is one
// Stripe accepts and is what the element shows (TAX.md §3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chargeStep } from '../../../src/pricing/currency.ts';
import { prorate } from '../../../src/pricing/proration.ts';

// A 30-day period: 2 592 000 seconds.
const current = { periodStart: '2026-04-01T00:00:00Z', periodEnd: '2026-05-01T00:00:00Z', amount: 4910, interval: 'month' as const };

test('a KWD upgrade a third of the way through credits and charges to the nearest 10 fils', () => {
  const at = new Date('2026-04-11T00:00:00Z'); // 20 of 30 days left
  const result = prorate(current, 9990, 'month', at, chargeStep('kwd'));
  assert.equal(result.credit, 3270); // 4910 × 2/3 = 3273.3 → 3270
  assert.equal(result.charge, 6660); // 9990 × 2/3 = 6660
  assert.equal(result.net, 3390);
  // With step 1 (JPY, HUF), to the unit as before.
  assert.equal(prorate(current, 9990, 'month', at, chargeStep('jpy')).credit, 3273);
});

test('half a step rounds up: 15 fils of credit is 20', () => {
  const half = prorate({ ...current, amount: 30, periodEnd: '2026-04-01T00:00:02Z' }, 30, 'month', new Date('2026-04-01T00:00:01Z'), 10);
  assert.equal(half.credit, 20);
});

test('property: in steps of 1, 10 or 100, credit and charge are multiples of the step within half a step of exact', () => {
  const start = Date.parse(current.periodStart);
  const seconds = 30 * 86_400;
  fc.assert(
    fc.property(fc.constantFrom(1, 10, 100), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: seconds - 1 }), (step, old, next, elapsed) => {
      const result = prorate({ ...current, amount: old * step }, next * step, 'month', new Date(start + elapsed * 1000), step);
      const left = seconds - elapsed;
      for (const [rounded, amount] of [[result.credit, old * step], [result.charge, next * step]] as const) {
        assert.equal(rounded % step, 0);
        assert.ok(Math.abs(rounded * seconds - amount * left) * 2 <= step * seconds);
      }
    }),
    { numRuns: 1000 },
  );
});
