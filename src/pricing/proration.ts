// Proration of a plan change, to the second, exactly as the server computes it.
import type { BillingInterval, CurrentSubscription } from '../api/schemas.ts';
import { addInterval } from './interval.ts';
import { periodAt, trialEndAt } from './period.ts';

export interface Proration {
  /** Credit for the unused part of the current period, in minor units. */
  credit: number;
  /** Charge for the new plan over the rest of the period (or a whole new period), in minor units. */
  charge: number;
  /** `charge - credit`; negative when the change is a downgrade. */
  net: number;
  /** Seconds left in the current period at `now`. */
  remainingSeconds: number;
  periodSeconds: number;
  /** When the (possibly new) period ends and the next renewal is charged. */
  nextRenewal: Date;
  /** The start of the period the new plan bills in. */
  periodStart: Date;
  /** The trial the change keeps (charged nothing now, the new plan billed from its end), else null. */
  trialEndsAt: Date | null;
}

/**
 * amount × numerator / denominator rounded to a multiple of `step` (the currency's charge step:
 * 10 for KWD), half up, exactly, for any non-negative integer inputs.
 */
function scale(amount: number, numerator: number, denominator: number, step: number): number {
  if (denominator <= 0) return 0;
  const units = BigInt(denominator) * BigInt(step);
  const scaled = (BigInt(amount) * BigInt(numerator) * 2n + units) / (2n * units);
  return Number(scaled) * step;
}

function wholeSeconds(milliseconds: number): number {
  return Math.floor(milliseconds / 1000);
}

/**
 * Prorates a change from `current` to a plan that costs `newPeriodAmount` per `newInterval`.
 * During a trial nothing is prorated: the trial is kept, nothing is charged now and the new plan
 * is billed from the trial's end. Otherwise the change is priced in the period that contains
 * `now` (an ended period rolls forward, see `periodAt`). Same interval: the unused share of that
 * period is credited and the new plan is charged for the same share; the renewal date stays.
 * Different interval: the unused share is credited and a whole new period starts now.
 * Credit and charge are rounded to `step` minor units, the currency's `chargeStep` (1 for most).
 */
export function prorate(
  current: Pick<CurrentSubscription, 'periodStart' | 'periodEnd' | 'amount' | 'interval'> & Partial<Pick<CurrentSubscription, 'trialEndsAt'>>,
  newPeriodAmount: number,
  newInterval: BillingInterval,
  now: Date,
  step = 1,
): Proration {
  const trialEnd = trialEndAt(current, now);
  if (trialEnd) {
    const periodStart = new Date(current.periodStart);
    const periodSeconds = Math.max(0, wholeSeconds(trialEnd.getTime() - periodStart.getTime()));
    const remainingSeconds = Math.max(0, Math.min(periodSeconds, wholeSeconds(trialEnd.getTime() - now.getTime())));
    return { credit: 0, charge: 0, net: 0, remainingSeconds, periodSeconds, nextRenewal: trialEnd, periodStart, trialEndsAt: trialEnd };
  }
  const { start: periodStart, end: periodEnd } = periodAt(current, now);
  const periodSeconds = Math.max(0, wholeSeconds(periodEnd.getTime() - periodStart.getTime()));
  const elapsed = Math.max(0, wholeSeconds(now.getTime() - periodStart.getTime()));
  const remainingSeconds = Math.max(0, Math.min(periodSeconds, periodSeconds - elapsed));
  const credit = scale(current.amount, remainingSeconds, periodSeconds, step);

  if (newInterval === current.interval) {
    const charge = scale(newPeriodAmount, remainingSeconds, periodSeconds, step);
    return { credit, charge, net: charge - credit, remainingSeconds, periodSeconds, nextRenewal: periodEnd, periodStart, trialEndsAt: null };
  }
  const newPeriodStart = new Date(wholeSeconds(now.getTime()) * 1000);
  return {
    credit,
    charge: newPeriodAmount,
    net: newPeriodAmount - credit,
    remainingSeconds,
    periodSeconds,
    nextRenewal: addInterval(newPeriodStart, newInterval),
    periodStart: newPeriodStart,
    trialEndsAt: null,
  };
}
