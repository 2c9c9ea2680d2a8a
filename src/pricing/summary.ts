// The order summary: each line, what is due today, and what recurs from when. The element
// shows it and the sandbox charges it, so both compute the same amounts from this code.
import type { BillingInterval, Price } from '../api/schemas.ts';
import { chargeStep } from './currency.ts';
import { addDays, addInterval } from './interval.ts';
import { periodAt, trialEndAt } from './period.ts';
import { periodAmount } from './price.ts';
import { prorate, type Proration } from './proration.ts';
import type { ResolvedSelection } from './selection.ts';

export type LineKind = 'new' | 'upgrade' | 'unchanged';

export interface SummaryLine {
  productId: string;
  productName: string;
  planId: string | null;
  planName: string | null;
  quantity: number;
  price: Price;
  kind: LineKind;
  /** Charged today for this line; negative for a downgrade that leaves credit. */
  dueToday: number;
  /** What one full period costs (0 for usage, the one-off amount for one-time prices). */
  periodAmount: number;
  interval: BillingInterval;
  /** When the next charge of this line falls, or null for a one-time price. */
  nextChargeAt: Date | null;
  trialEndsAt: Date | null;
  billedInArrears: boolean;
  proration: Proration | null;
}

export interface RecurringCharge {
  interval: Exclude<BillingInterval, 'one_time'>;
  amount: number;
  startsAt: Date;
  /** Lines billed in arrears at this interval (usage), which add to `amount` later. */
  includesUsage: boolean;
}

export interface CheckoutSummary {
  currency: string;
  lines: SummaryLine[];
  /** The total charged today, never negative. */
  amountDueToday: number;
  /** Credit left over when downgrades outweigh charges; applied to future invoices. */
  creditCarriedForward: number;
  recurring: RecurringCharge[];
  /** False when every line keeps the customer's current plan: there is nothing to buy. */
  hasChanges: boolean;
}

function summarizeLine(selection: ResolvedSelection, now: Date, renewalAfter: (interval: BillingInterval) => Date, step: number): SummaryLine {
  const { product, plan, price, quantity } = selection;
  const amount = periodAmount(price, quantity);
  const base = {
    productId: product.id,
    productName: product.name,
    planId: plan?.id ?? null,
    planName: plan?.name ?? null,
    quantity,
    price,
    periodAmount: amount,
    interval: price.interval,
    billedInArrears: price.model === 'usage',
  };
  const current = product.current;
  if (current) {
    if (current.planId === (plan?.id ?? null) && current.quantity === quantity) {
      const nextChargeAt = trialEndAt(current, now) ?? periodAt(current, now).end;
      return { ...base, kind: 'unchanged', dueToday: 0, nextChargeAt, trialEndsAt: null, proration: null };
    }
    const proration = prorate(current, amount, price.interval, now, step);
    return { ...base, kind: 'upgrade', dueToday: proration.net, nextChargeAt: proration.nextRenewal, trialEndsAt: proration.trialEndsAt, proration };
  }
  if (price.interval === 'one_time') {
    return { ...base, kind: 'new', dueToday: amount, nextChargeAt: null, trialEndsAt: null, proration: null };
  }
  if (price.trialDays && price.trialDays > 0) {
    const trialEndsAt = addDays(now, price.trialDays);
    return { ...base, kind: 'new', dueToday: 0, nextChargeAt: trialEndsAt, trialEndsAt, proration: null };
  }
  const nextChargeAt = renewalAfter(price.interval);
  return { ...base, kind: 'new', dueToday: price.model === 'usage' ? 0 : amount, nextChargeAt, trialEndsAt: null, proration: null };
}

function recurringCharges(lines: readonly SummaryLine[]): RecurringCharge[] {
  const byKey = new Map<string, RecurringCharge>();
  for (const line of lines) {
    if (line.interval === 'one_time' || line.nextChargeAt === null) continue;
    // The instant as a number: toISOString() for every line was most of a 50-line summary's time.
    const key = `${line.interval}|${line.nextChargeAt.getTime()}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.amount += line.periodAmount;
      existing.includesUsage ||= line.billedInArrears;
    } else {
      byKey.set(key, {
        interval: line.interval,
        amount: line.periodAmount,
        startsAt: line.nextChargeAt,
        includesUsage: line.billedInArrears,
      });
    }
  }
  return [...byKey.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Summarizes resolved selections in `currency` at the instant `now`; prorations round to its `chargeStep`. */
export function summarize(selections: readonly ResolvedSelection[], currency: string, now: Date): CheckoutSummary {
  // A new line that recurs from now renews one interval on: reckoned once an interval, not once a line.
  const renewals = new Map<BillingInterval, number>();
  const renewalAfter = (interval: BillingInterval) => {
    let at = renewals.get(interval);
    if (at === undefined) renewals.set(interval, (at = addInterval(now, interval).getTime()));
    return new Date(at);
  };
  const step = chargeStep(currency);
  const lines = selections.map((selection) => summarizeLine(selection, now, renewalAfter, step));
  const net = lines.reduce((total, line) => total + line.dueToday, 0);
  return {
    currency,
    lines,
    amountDueToday: Math.max(0, net),
    creditCarriedForward: Math.max(0, -net),
    recurring: recurringCharges(lines),
    hasChanges: lines.some((line) => line.kind !== 'unchanged'),
  };
}
