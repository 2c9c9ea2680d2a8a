// Proration of a plan change, to the second, exactly as the server computes it.
import type { BillingInterval, CurrentSubscription } from '../api/schemas.ts';
import { addInterval } from './interval.ts';

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
}

/** round(amount * numerator / denominator), half up, exactly, for any integer inputs. */
function scale(amount: number, numerator: number, denominator: number): number {
  if (denominator <= 0) return 0;
  const scaled = (BigInt(amount) * BigInt(numerator) * 2n + BigInt(denominator)) / (2n * BigInt(denominator));
  return Number(scaled);
}

function wholeSeconds(milliseconds: number): number {
  return Math.floor(milliseconds / 1000);
}

/**
 * Prorates a change from `current` to a plan that costs `newPeriodAmount` per `newInterval`.
 * Same interval: the unused share of the current period is credited and the new plan is
 * charged for the same share; the renewal date stays. Different interval: the unused share
 * is credited and a whole new period of the new plan starts now.
 */
export function prorate(
  current: Pick<CurrentSubscription, 'periodStart' | 'periodEnd' | 'amount' | 'interval'>,
  newPeriodAmount: number,
  newInterval: BillingInterval,
  now: Date,
): Proration {
  const periodStart = new Date(current.periodStart);
  const periodEnd = new Date(current.periodEnd);
  const periodSeconds = Math.max(0, wholeSeconds(periodEnd.getTime() - periodStart.getTime()));
  const elapsed = Math.max(0, wholeSeconds(now.getTime() - periodStart.getTime()));
  const remainingSeconds = Math.max(0, Math.min(periodSeconds, periodSeconds - elapsed));
  const credit = scale(current.amount, remainingSeconds, periodSeconds);

  if (newInterval === current.interval) {
    const charge = scale(newPeriodAmount, remainingSeconds, periodSeconds);
    return { credit, charge, net: charge - credit, remainingSeconds, periodSeconds, nextRenewal: periodEnd, periodStart };
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
  };
}
