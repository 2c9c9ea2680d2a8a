// What the period and proration rules give for fixed cases, in whatever TZ this process runs:
// period.test.ts computes them under several zones and compares.
import { periodAt } from '../../../src/pricing/period.ts';
import { prorate } from '../../../src/pricing/proration.ts';
import type { BillingInterval } from '../../../src/api/schemas.ts';

export const zoneCases: Array<{ periodStart: string; periodEnd: string; interval: BillingInterval; trialEndsAt: string | null; now: string }> = [
  // 31 Jan at 20:00 in New York is already 1 Feb in UTC: the billing calendar is UTC's.
  { periodStart: '2026-01-31T20:00:00-05:00', periodEnd: '2026-03-01T01:00:00Z', interval: 'month', trialEndsAt: null, now: '2026-04-02T00:00:00+14:00' },
  { periodStart: '2024-01-31T00:00:00Z', periodEnd: '2024-02-29T00:00:00Z', interval: 'month', trialEndsAt: null, now: '2024-03-31T05:29:59+05:30' },
  { periodStart: '2024-02-29T12:00:00Z', periodEnd: '2025-02-28T12:00:00Z', interval: 'year', trialEndsAt: null, now: '2028-02-29T11:59:59Z' },
  { periodStart: '2026-03-28T23:30:00-08:00', periodEnd: '2026-04-11T23:30:00-07:00', interval: 'month', trialEndsAt: '2026-04-11T23:30:00-07:00', now: '2026-04-12T06:30:00Z' },
];

export function zoneResults(): unknown[] {
  return zoneCases.map((entry) => {
    const now = new Date(entry.now);
    const period = periodAt(entry, now);
    const proration = prorate({ ...entry, amount: 1900 }, 4900, entry.interval, now);
    return { start: period.start.toISOString(), end: period.end.toISOString(), net: proration.net, nextRenewal: proration.nextRenewal.toISOString() };
  });
}
