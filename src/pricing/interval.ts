// Billing intervals as calendar arithmetic in UTC.
import type { BillingInterval } from '../api/schemas.ts';

const monthsPerInterval: Record<Exclude<BillingInterval, 'one_time'>, number> = {
  month: 1,
  quarter: 3,
  half_year: 6,
  year: 12,
};

/** Calendar months in one `interval`; 0 for a one-time price, which never recurs. */
export function monthsIn(interval: BillingInterval): number {
  return interval === 'one_time' ? 0 : monthsPerInterval[interval];
}

/**
 * The instant `count` intervals after `start`, counted in one step from `start` so that the day
 * of month is clamped only where it must be (31 Jan + 2 months = 31 Mar, not 28 Mar).
 */
export function addIntervals(start: Date, interval: BillingInterval, count: number): Date {
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + monthsIn(interval) * count;
  const lastDayOfTargetMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(start.getUTCDate(), lastDayOfTargetMonth);
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      start.getUTCHours(),
      start.getUTCMinutes(),
      start.getUTCSeconds(),
      start.getUTCMilliseconds(),
    ),
  );
}

/** The instant one interval after `start`; the day of month is clamped (31 Jan + 1 month = 28/29 Feb). */
export function addInterval(start: Date, interval: BillingInterval): Date {
  return addIntervals(start, interval, 1);
}

/** The instant `days` whole days after `start`. */
export function addDays(start: Date, days: number): Date {
  return new Date(start.getTime() + days * 86_400_000);
}
