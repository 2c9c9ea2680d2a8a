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

test('before the period starts all of it is credited', () => {
  assert.equal(prorate(current, 4900, 'month', new Date('2026-03-01T00:00:00Z')).credit, 1900);
});

test('the first second of a period leaves all of it; the last leaves one second, worth nothing at these amounts', () => {
  const first = prorate(current, 4900, 'month', new Date('2026-04-01T00:00:00Z'));
  assert.deepEqual([first.remainingSeconds, first.credit, first.charge, first.net], [30 * 86_400, 1900, 4900, 3000]);
  const last = prorate(current, 4900, 'month', new Date('2026-04-30T23:59:59Z'));
  assert.deepEqual([last.remainingSeconds, last.credit, last.charge, last.net], [1, 0, 0, 0]);
  assert.equal(last.nextRenewal.toISOString(), '2026-05-01T00:00:00.000Z');
});

test('at the period end, and one second after it (case 5), the change is prorated over the next month, never a past one', () => {
  const atEnd = prorate(current, 4900, 'month', new Date('2026-05-01T00:00:00Z'));
  assert.deepEqual([atEnd.periodSeconds, atEnd.remainingSeconds, atEnd.net], [31 * 86_400, 31 * 86_400, 3000]);
  assert.equal(atEnd.periodStart.toISOString(), '2026-05-01T00:00:00.000Z');
  assert.equal(atEnd.nextRenewal.toISOString(), '2026-06-01T00:00:00.000Z');
  const afterEnd = prorate(current, 4900, 'month', new Date('2026-05-01T00:00:01Z'));
  assert.equal(afterEnd.remainingSeconds, 31 * 86_400 - 1);
  assert.equal(afterEnd.net, 3000, 'was 0: nothing left of a period already over');
  assert.equal(afterEnd.nextRenewal.toISOString(), '2026-06-01T00:00:00.000Z');
});

test('a change of interval after the period ended credits the unused part of the period that contains now', () => {
  const now = new Date('2026-05-16T12:00:00Z');
  const result = prorate(current, 49000, 'year', now);
  assert.equal(result.credit, Math.round((1900 * 15.5) / 31));
  assert.equal(result.charge, 49000);
  assert.equal(result.periodStart.toISOString(), '2026-05-16T12:00:00.000Z');
  assert.equal(result.nextRenewal.toISOString(), '2027-05-16T12:00:00.000Z');
});

// Five Business seats bought with a 14-day trial: the line's first period is the trial.
const trial = {
  periodStart: '2026-04-01T00:00:00Z',
  periodEnd: '2026-04-15T00:00:00Z',
  amount: 5 * 2400,
  interval: 'month' as const,
  trialEndsAt: '2026-04-15T00:00:00Z',
};

test('a change during a trial keeps it and charges nothing now (case 4: was 13,371 for 13 of 14 days), whatever the new plan or interval', () => {
  const now = new Date('2026-04-02T00:00:00Z');
  for (const [amount, interval] of [[6 * 2400, 'month'], [2 * 1200, 'month'], [49000, 'year']] as const) {
    const result = prorate(trial, amount, interval, now);
    assert.deepEqual([result.credit, result.charge, result.net], [0, 0, 0], `${amount} a ${interval}`);
    assert.equal(result.trialEndsAt?.toISOString(), '2026-04-15T00:00:00.000Z', 'the trial is kept');
    assert.equal(result.nextRenewal.toISOString(), '2026-04-15T00:00:00.000Z', 'the new plan is first charged at the trial end');
    assert.equal(result.periodStart.toISOString(), '2026-04-01T00:00:00.000Z');
    assert.equal(result.remainingSeconds, 13 * 86_400);
  }
});

test('the first and last second of a trial are in it; at its end the first paid month starts and is prorated', () => {
  assert.equal(prorate(trial, 6 * 2400, 'month', new Date('2026-04-01T00:00:00Z')).net, 0);
  const last = prorate(trial, 6 * 2400, 'month', new Date('2026-04-14T23:59:59Z'));
  assert.deepEqual([last.net, last.remainingSeconds, last.trialEndsAt?.toISOString()], [0, 1, '2026-04-15T00:00:00.000Z']);
  const atEnd = prorate(trial, 6 * 2400, 'month', new Date('2026-04-15T00:00:00Z'));
  assert.equal(atEnd.trialEndsAt, null);
  assert.equal(atEnd.net, 2400, 'one more seat for the whole first paid month');
  assert.equal(atEnd.periodStart.toISOString(), '2026-04-15T00:00:00.000Z');
  assert.equal(atEnd.nextRenewal.toISOString(), '2026-05-15T00:00:00.000Z');
});

test('a subscription without a trial, or from a backend that sends no trialEndsAt, is prorated as before', () => {
  const now = new Date('2026-04-16T00:00:00Z');
  assert.deepEqual(prorate({ ...current, trialEndsAt: null }, 4900, 'month', now), prorate(current, 4900, 'month', now));
  assert.equal(prorate(current, 4900, 'month', now).trialEndsAt, null);
});

test('large amounts stay exact', () => {
  const result = prorate({ ...current, amount: 9_000_000_000_000 }, 0, 'month', new Date('2026-04-16T00:00:00Z'));
  assert.equal(result.credit, 4_500_000_000_000);
});
