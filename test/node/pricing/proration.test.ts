import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prorate } from '../../../src/pricing/proration.ts';

// A 30-day period: 2 592 000 seconds.
const current = {
  periodStart: '2026-04-01T00:00:00Z',
  periodEnd: '2026-05-01T00:00:00Z',
  amount: 1900,
  interval: 'month' as const,
};

test('an upgrade halfway through the period credits half the old plan and charges half the new one', () => {
  const result = prorate(current, 4900, 'month', new Date('2026-04-16T00:00:00Z'));
  assert.equal(result.periodSeconds, 30 * 86_400);
  assert.equal(result.remainingSeconds, 15 * 86_400);
  assert.equal(result.credit, 950);
  assert.equal(result.charge, 2450);
  assert.equal(result.net, 1500);
  // The renewal date stays.
  assert.equal(result.nextRenewal.toISOString(), '2026-05-01T00:00:00.000Z');
  assert.equal(result.periodStart.toISOString(), '2026-04-01T00:00:00.000Z');
});

test('proration is to the second and rounds half up', () => {
  // One second after the start: 2 591 999 / 2 592 000 of the period is left.
  const result = prorate(current, 4900, 'month', new Date('2026-04-01T00:00:01.999Z'));
  assert.equal(result.remainingSeconds, 2_591_999);
  assert.equal(result.credit, 1900); // 1899.9993 → 1900
  assert.equal(result.charge, 4900); // 4899.998 → 4900
  // Exactly half a minor unit rounds up: 1 × 1 / 2.
  const half = prorate({ ...current, amount: 1, periodEnd: '2026-04-01T00:00:02Z' }, 1, 'month', new Date('2026-04-01T00:00:01Z'));
  assert.equal(half.credit, 1);
});

test('a downgrade gives a negative net: credit exceeds the charge', () => {
  const result = prorate({ ...current, amount: 9900 }, 1900, 'month', new Date('2026-04-16T00:00:00Z'));
  assert.equal(result.net, 1900 / 2 - 9900 / 2);
});

test('a change of interval credits the unused time and charges a whole new period from now', () => {
  const now = new Date('2026-04-16T12:00:00.500Z');
  const result = prorate(current, 49000, 'year', now);
  assert.equal(result.charge, 49000);
  assert.equal(result.credit, Math.round((1900 * (14.5 * 86_400)) / (30 * 86_400)));
  assert.equal(result.periodStart.toISOString(), '2026-04-16T12:00:00.000Z');
  assert.equal(result.nextRenewal.toISOString(), '2027-04-16T12:00:00.000Z');
});

test('outside the period nothing is credited (after its end) or everything is (before its start)', () => {
  assert.equal(prorate(current, 4900, 'month', new Date('2026-06-01T00:00:00Z')).credit, 0);
  assert.equal(prorate(current, 4900, 'month', new Date('2026-03-01T00:00:00Z')).credit, 1900);
});

test('large amounts stay exact', () => {
  const result = prorate({ ...current, amount: 9_000_000_000_000 }, 0, 'month', new Date('2026-04-16T00:00:00Z'));
  assert.equal(result.credit, 4_500_000_000_000);
});
