// Billing intervals as calendar arithmetic in UTC.
import type { BillingInterval } from '../api/schemas.ts';

const monthsPerInterval: Record<Exclude<BillingInterval, 'one_time'>, number> = {
  month: 1,
  quarter: 3,
  half_year: 6,
  year: 12,
};

/** The instant one interval after `start`; the day of month is clamped (31 Jan + 1 month = 28/29 Feb). */
export function addInterval(start: Date, interval: BillingInterval): Date {
  if (interval === 'one_time') return new Date(start);
  const months = monthsPerInterval[interval];
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
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

/** The instant `days` whole days after `start`. */
export function addDays(start: Date, days: number): Date {
  return new Date(start.getTime() + days * 86_400_000);
}

export function isRecurring(interval: BillingInterval): boolean {
  return interval !== 'one_time';
}
