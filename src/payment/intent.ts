// Which deferred-intent mode the Payment Element runs in, from what the order charges.
import type { CheckoutSummary } from '../pricing/summary.ts';

export interface IntentOptions {
  mode: 'payment' | 'subscription' | 'setup';
  /** Minor units shown in wallets; absent in setup mode. */
  amount?: number;
  currency: string;
}

/**
 * Stripe's "collect payment details before creating an intent": an order with anything
 * recurring is a `subscription` (whose first invoice may be 0, e.g. a trial or a credit-covered
 * upgrade); a one-off purchase is a `payment`; a one-off of nothing only saves the card (`setup`).
 */
export function intentOptions(summary: Pick<CheckoutSummary, 'amountDueToday' | 'currency' | 'lines'>): IntentOptions {
  const recurring = summary.lines.some((line) => line.interval !== 'one_time');
  if (recurring) return { mode: 'subscription', amount: summary.amountDueToday, currency: summary.currency };
  if (summary.amountDueToday > 0) return { mode: 'payment', amount: summary.amountDueToday, currency: summary.currency };
  return { mode: 'setup', currency: summary.currency };
}
