import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, addInterval } from '../../../src/pricing/interval.ts';

test('intervals add calendar months in UTC, keeping the time of day', () => {
  const start = new Date('2026-01-15T10:20:30.000Z');
  assert.equal(addInterval(start, 'month').toISOString(), '2026-02-15T10:20:30.000Z');
  assert.equal(addInterval(start, 'quarter').toISOString(), '2026-04-15T10:20:30.000Z');
  assert.equal(addInterval(start, 'half_year').toISOString(), '2026-07-15T10:20:30.000Z');
  assert.equal(addInterval(start, 'year').toISOString(), '2027-01-15T10:20:30.000Z');
  assert.equal(addInterval(start, 'one_time').toISOString(), start.toISOString());
});

test('the day of month is clamped to the end of a shorter month', () => {
  assert.equal(addInterval(new Date('2026-01-31T00:00:00Z'), 'month').toISOString(), '2026-02-28T00:00:00.000Z');
  assert.equal(addInterval(new Date('2028-01-31T00:00:00Z'), 'month').toISOString(), '2028-02-29T00:00:00.000Z');
  assert.equal(addInterval(new Date('2026-11-30T00:00:00Z'), 'quarter').toISOString(), '2027-02-28T00:00:00.000Z');
});

test('days are whole days', () => {
  assert.equal(addDays(new Date('2026-03-01T00:00:00Z'), 14).toISOString(), '2026-03-15T00:00:00.000Z');
});
