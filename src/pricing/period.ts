// The billing period a subscription is in at an instant: a recorded period that has ended rolls
// forward by whole intervals, and a trial that still runs is its own period with nothing to prorate.
import type { BillingInterval } from '../api/schemas.ts';
import { addInterval, addIntervals, monthsIn } from './interval.ts';

export interface RecordedPeriod {
  periodStart: string;
  periodEnd: string;
  interval: BillingInterval;
  trialEndsAt?: string | null | undefined;
}

export interface BillingPeriod {
  start: Date;
  end: Date;
}

/**
 * The instant renewals are counted from: the recorded start when the recorded period is exactly
 * one interval long, else its end (a trial or other short first period starts the cycle when it
 * ends, as Stripe anchors a subscription at its trial end). Counting every renewal from one
 * anchor keeps the billing day: 31 Jan, 29 Feb, 31 Mar, never 29 Mar.
 */
function anchorOf(start: Date, end: Date, interval: BillingInterval): { anchor: Date; endIndex: number } {
  return addInterval(start, interval).getTime() === end.getTime() ? { anchor: start, endIndex: 1 } : { anchor: end, endIndex: 0 };
}

/** Whole calendar months from `from` to `to` in UTC, ignoring days (an estimate to start the search from). */
function monthsBetween(from: Date, to: Date): number {
  return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
}

/**
 * The period `[start, end)` that contains `now`: the recorded one while `now < periodEnd` (or
 * before it starts), else the first whole interval after it that contains `now`. At exactly
 * `periodEnd` the recorded period is over and the next one starts.
 */
export function periodAt(recorded: RecordedPeriod, now: Date): BillingPeriod {
  const start = new Date(recorded.periodStart);
  const end = new Date(recorded.periodEnd);
  const months = monthsIn(recorded.interval);
  if (now.getTime() < end.getTime() || months === 0) return { start, end };
  const { anchor, endIndex } = anchorOf(start, end, recorded.interval);
  // Boundary `index` is anchor + index intervals; boundary `endIndex` is the recorded end (≤ now).
  let index = Math.max(endIndex, Math.floor(monthsBetween(anchor, now) / months) - 1);
  while (addIntervals(anchor, recorded.interval, index + 1).getTime() <= now.getTime()) index += 1;
  return { start: addIntervals(anchor, recorded.interval, index), end: addIntervals(anchor, recorded.interval, index + 1) };
}

/** The trial's end while it still runs at `now`, else null. */
export function trialEndAt(recorded: Pick<RecordedPeriod, 'trialEndsAt'>, now: Date): Date | null {
  if (!recorded.trialEndsAt) return null;
  const trialEnd = new Date(recorded.trialEndsAt);
  return now.getTime() < trialEnd.getTime() ? trialEnd : null;
}
