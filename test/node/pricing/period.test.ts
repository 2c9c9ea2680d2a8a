// The period a subscription is in at an instant (src/pricing/period.ts) at its edges: first and
// last second, month ends, leap days, trials, and time zones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { addIntervals } from '../../../src/pricing/interval.ts';
import { periodAt, trialEndAt, type RecordedPeriod } from '../../../src/pricing/period.ts';
import { zoneResults } from './period-in-zone.ts';

const SECOND = 1000;

function monthly(periodStart: string, periodEnd: string): RecordedPeriod {
  return { periodStart, periodEnd, interval: 'month' };
}

/** The period at `now` as two ISO strings, to compare at a glance. */
function at(recorded: RecordedPeriod, now: string | number): [string, string] {
  const period = periodAt(recorded, new Date(now));
  return [period.start.toISOString(), period.end.toISOString()];
}

const april = monthly('2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z');

test('the recorded period holds from its first second to its last: at periodStart and at periodEnd minus one second nothing rolls', () => {
  assert.deepEqual(at(april, '2026-04-01T00:00:00.000Z'), ['2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z']);
  assert.deepEqual(at(april, Date.parse('2026-05-01T00:00:00.000Z') - SECOND), ['2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z']);
  assert.deepEqual(at(april, Date.parse('2026-05-01T00:00:00.000Z') - 1), ['2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z']);
});

test('at exactly periodEnd the recorded period is over and the next whole month starts there', () => {
  assert.deepEqual(at(april, '2026-05-01T00:00:00.000Z'), ['2026-05-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z']);
  assert.deepEqual(at(april, '2026-05-01T00:00:01.000Z'), ['2026-05-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z']);
});

test('a period long past rolls forward to the one month that contains now, switching at the boundary to the second', () => {
  assert.deepEqual(at(april, '2027-07-15T12:00:00Z'), ['2027-07-01T00:00:00.000Z', '2027-08-01T00:00:00.000Z']);
  assert.deepEqual(at(april, '2027-06-30T23:59:59Z'), ['2027-06-01T00:00:00.000Z', '2027-07-01T00:00:00.000Z']);
  assert.deepEqual(at(april, '2027-07-01T00:00:00Z'), ['2027-07-01T00:00:00.000Z', '2027-08-01T00:00:00.000Z']);
});

test('over three years of instants, the period found always contains now and runs between two consecutive renewals', () => {
  const recorded = monthly('2026-01-31T09:30:00.000Z', '2026-02-28T09:30:00.000Z');
  const renewals = Array.from({ length: 45 }, (_, index) => addIntervals(new Date(recorded.periodStart), 'month', index).getTime());
  for (let now = Date.parse(recorded.periodEnd); now < Date.parse('2029-03-01T00:00:00Z'); now += 7 * 3_600_000 + 13 * 60_000 + 7 * SECOND) {
    const { start, end } = periodAt(recorded, new Date(now));
    const index = renewals.indexOf(start.getTime());
    assert.ok(index >= 1, `${start.toISOString()} is a renewal`);
    assert.equal(end.getTime(), renewals[index + 1], `${end.toISOString()} is the next renewal`);
    assert.ok(start.getTime() <= now && now < end.getTime(), `[${start.toISOString()}, ${end.toISOString()}) contains ${new Date(now).toISOString()}`);
  }
});

test('31 Jan + 1 month is 28 Feb, and the billing day comes back afterwards: 31 Mar, 30 Apr, 31 May', () => {
  const january = monthly('2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z');
  assert.deepEqual(at(january, '2026-03-01T00:00:00Z'), ['2026-02-28T00:00:00.000Z', '2026-03-31T00:00:00.000Z']);
  assert.deepEqual(at(january, '2026-04-15T00:00:00Z'), ['2026-03-31T00:00:00.000Z', '2026-04-30T00:00:00.000Z']);
  assert.deepEqual(at(january, '2026-05-01T00:00:00Z'), ['2026-04-30T00:00:00.000Z', '2026-05-31T00:00:00.000Z']);
  // What an upgrade in the rolled period records: its end, not its clamped start, keeps the day.
  const rolled = monthly('2026-02-28T00:00:00Z', '2026-03-31T00:00:00Z');
  assert.deepEqual(at(rolled, '2026-04-01T00:00:00Z'), ['2026-03-31T00:00:00.000Z', '2026-04-30T00:00:00.000Z']);
});

test('a monthly cycle on the 29th falls on 29 Feb in a leap year and on 28 Feb in other years', () => {
  const leap = monthly('2024-01-29T00:00:00Z', '2024-02-29T00:00:00Z');
  assert.deepEqual(at(leap, '2024-02-29T00:00:00Z'), ['2024-02-29T00:00:00.000Z', '2024-03-29T00:00:00.000Z']);
  const common = monthly('2023-01-29T00:00:00Z', '2023-02-28T00:00:00Z');
  assert.deepEqual(at(common, '2023-02-28T00:00:00Z'), ['2023-02-28T00:00:00.000Z', '2023-03-29T00:00:00.000Z']);
  assert.deepEqual(at(monthly('2024-01-31T00:00:00Z', '2024-02-29T00:00:00Z'), '2024-03-01T00:00:00Z'), [
    '2024-02-29T00:00:00.000Z',
    '2024-03-31T00:00:00.000Z',
  ]);
});

test('a yearly cycle from 29 Feb renews on 28 Feb in common years and on 29 Feb again in the next leap year', () => {
  const leapDay: RecordedPeriod = { periodStart: '2024-02-29T00:00:00Z', periodEnd: '2025-02-28T00:00:00Z', interval: 'year' };
  assert.deepEqual(at(leapDay, '2025-03-01T00:00:00Z'), ['2025-02-28T00:00:00.000Z', '2026-02-28T00:00:00.000Z']);
  assert.deepEqual(at(leapDay, '2028-02-28T12:00:00Z'), ['2027-02-28T00:00:00.000Z', '2028-02-29T00:00:00.000Z']);
  assert.deepEqual(at(leapDay, '2028-02-29T00:00:00Z'), ['2028-02-29T00:00:00.000Z', '2029-02-28T00:00:00.000Z']);
});

test('quarters and half years roll across the year end on their billing day', () => {
  const quarter: RecordedPeriod = { periodStart: '2025-11-30T00:00:00Z', periodEnd: '2026-02-28T00:00:00Z', interval: 'quarter' };
  assert.deepEqual(at(quarter, '2026-06-01T00:00:00Z'), ['2026-05-30T00:00:00.000Z', '2026-08-30T00:00:00.000Z']);
  const half: RecordedPeriod = { periodStart: '2025-08-31T00:00:00Z', periodEnd: '2026-02-28T00:00:00Z', interval: 'half_year' };
  assert.deepEqual(at(half, '2026-09-01T00:00:00Z'), ['2026-08-31T00:00:00.000Z', '2027-02-28T00:00:00.000Z']);
});

test('a trial is a short first period: after it, months are counted from the trial end', () => {
  const trial: RecordedPeriod = {
    periodStart: '2026-03-17T10:00:00Z',
    periodEnd: '2026-03-31T10:00:00Z',
    interval: 'month',
    trialEndsAt: '2026-03-31T10:00:00Z',
  };
  assert.deepEqual(at(trial, '2026-03-31T10:00:00Z'), ['2026-03-31T10:00:00.000Z', '2026-04-30T10:00:00.000Z']);
  assert.deepEqual(at(trial, '2026-05-01T00:00:00Z'), ['2026-04-30T10:00:00.000Z', '2026-05-31T10:00:00.000Z']);
});

test('a trial runs up to its last second before trialEndsAt and is over at it; no trialEndsAt is no trial', () => {
  const trial = { trialEndsAt: '2026-03-31T10:00:00Z' };
  assert.equal(trialEndAt(trial, new Date('2026-03-17T10:00:00Z'))?.toISOString(), '2026-03-31T10:00:00.000Z');
  assert.equal(trialEndAt(trial, new Date(Date.parse('2026-03-31T10:00:00Z') - 1))?.toISOString(), '2026-03-31T10:00:00.000Z');
  assert.equal(trialEndAt(trial, new Date('2026-03-31T10:00:00Z')), null);
  assert.equal(trialEndAt({ trialEndsAt: null }, new Date('2026-03-17T10:00:00Z')), null);
  assert.equal(trialEndAt({}, new Date('2026-03-17T10:00:00Z')), null);
});

test('a one-time line never rolls forward', () => {
  const once: RecordedPeriod = { periodStart: '2026-04-01T00:00:00Z', periodEnd: '2026-04-01T00:00:00Z', interval: 'one_time' };
  assert.deepEqual(at(once, '2027-01-01T00:00:00Z'), ['2026-04-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
});

test('the same instants written in other offsets give the same period: the billing calendar is UTC', () => {
  const inUtc = monthly('2026-02-01T01:00:00Z', '2026-03-01T01:00:00Z');
  // 31 Jan 20:00 in New York is 1 Feb 01:00 UTC: it renews on the 1st (UTC), 28 Feb 20:00 in New York.
  const inNewYork = monthly('2026-01-31T20:00:00-05:00', '2026-02-28T20:00:00-05:00');
  const inKiritimati = monthly('2026-02-01T15:00:00+14:00', '2026-03-01T15:00:00+14:00');
  for (const now of ['2026-04-01T10:00:00Z', '2026-04-01T05:00:00-05:00', '2026-04-02T00:00:00+14:00']) {
    const expected = ['2026-04-01T01:00:00.000Z', '2026-05-01T01:00:00.000Z'];
    assert.deepEqual(at(inUtc, now), expected);
    assert.deepEqual(at(inNewYork, now), expected);
    assert.deepEqual(at(inKiritimati, now), expected);
  }
});

test("the process's time zone changes nothing: the same cases give the same periods and amounts under five TZ settings", () => {
  const script = fileURLToPath(new URL('./period-in-zone.ts', import.meta.url));
  const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Australia/Lord_Howe'];
  const offsets = new Set<number>();
  for (const zone of zones) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      const { zoneResults } = await import(${JSON.stringify(script)});
      process.stdout.write(JSON.stringify({ offset: new Date('2026-01-31T12:00:00Z').getTimezoneOffset(), results: zoneResults() }));
    `], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const { offset, results } = JSON.parse(run.stdout) as { offset: number; results: unknown[] };
    offsets.add(offset);
    assert.deepEqual(results, zoneResults(), `under TZ=${zone}`);
  }
  assert.equal(offsets.size, zones.length, 'each run really was in a different zone');
});
