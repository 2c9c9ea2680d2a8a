// Settling a 3-D Secure payment the instant the bank confirms it: fulfilled at the price the buyer
// confirmed, or refunded where the checkout closed or the price moved meanwhile.
import { ApiError } from '../http.ts';
import type { ServiceContext } from '../context.ts';
import type { CheckoutRecord, PaymentIntentRecord, Purchase, Settlement } from '../checkout-records.ts';
import { fulfilOrRefund } from './fulfil.ts';
import { priceOrder, purchaseOf, samePeriods, type CompleteInput } from './pricing.ts';
import { recordRefund } from './refunds.ts';
import { checkoutAt } from './state.ts';

/** Whether two purchases set the same order lines: product, plan, quantity, interval and price a period. */
function sameLines(a: Purchase, b: Purchase): boolean {
  const linesOf = (purchase: Purchase) => JSON.stringify(purchase.lines.map((line) => [line.productId, line.planId, line.quantity, line.interval, line.amount, line.currency]));
  return linesOf(a) === linesOf(b);
}

/**
 * Settles a payment the instant the bank confirms it, as a Stripe-backed server does on
 * `payment_intent.succeeded` rather than on the browser's word: a buyer who closes the tab after
 * the challenge has their order all the same. The order is made at the price the buyer confirmed
 * (priced now when that is the amount taken, else again at the instant it was priced, within the
 * same period and trial; taxed from where it was then, against the subscription as it is now), or,
 * where it no longer can be, the payment is refunded. Returns the settlement, or null when
 * refunded (both are kept on the intent, where finalize reads them).
 */
export function settleConfirmed(context: ServiceContext, checkout: CheckoutRecord, intent: PaymentIntentRecord): Settlement | null {
  const now = context.clock.now();
  // A payment confirmed after the checkout expired is honoured (it started while it was open);
  // one the merchant archived, or that another payment completed first, or that sells a product
  // the merchant has deactivated meanwhile, cannot be.
  const state = checkoutAt(context.store, checkout, now);
  if (state.status === 'archived' || state.status === 'completed' || state.noLongerSold?.reason === 'product_inactive') {
    recordRefund(intent, 'checkout_closed', now);
    return null;
  }
  // Priced for a known customer, whom the merchant deleted meanwhile: there is nobody to make the
  // order for (a customer made since under the same external id is someone else's record, who
  // did not pay).
  const pricedFor = intent.request.customerId;
  if ((intent.purchase.buyer === null && !state.customer) || (pricedFor !== null && state.customer?.id !== pricedFor)) {
    recordRefund(intent, 'customer_deleted', now);
    return null;
  }
  // An upgrade of a subscription the merchant cancelled (deleted its order) meanwhile: there is
  // nothing left to change, and a new subscription is not what the buyer was shown.
  if (intent.purchase.lines.some((line) => line.upgradesOrderId !== null && !context.store.orders.get(line.upgradesOrderId)?.lines.some((kept) => kept.productId === line.productId))) {
    recordRefund(intent, 'order_cancelled', now);
    return null;
  }
  const input: CompleteInput = {
    selections: intent.request.selections,
    currency: intent.request.currency,
    customer: intent.request.customer,
    confirmationToken: '',
    returnUrl: '',
    amountShown: intent.purchase.amountShown,
    replacesPaymentIntentId: null,
    pricesVersion: null,
  };
  let repriced: Purchase | null = null;
  try {
    // Made now when that costs what was taken (a new subscription starts when it is paid for);
    // else at the instant it was priced and taxed from where it was then (a change of the
    // subscription since then shows; the clock and an address saved meanwhile do not), but only
    // while the subscription is in the period and trial it was priced in: an order priced in one
    // that has ended since would bill a period in the past (CONTRACT §4 rule 2).
    const { pricedAt, taxBasis } = intent.request;
    let at = now;
    let priced = priceOrder(checkout, state, input, now, taxBasis);
    if (priced.summary.tax.amountDue !== intent.purchase.amountDue && samePeriods(priced.resolved, pricedAt, now)) {
      at = pricedAt;
      priced = priceOrder(checkout, state, input, at, taxBasis);
    }
    repriced = priced.summary.hasChanges ? purchaseOf(priced, priced.summary, input, at) : null;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
  // The same amount today is not enough: each line must renew at the plan and price the buyer was
  // shown (a downgrade costs 0 today at any price; a price the merchant edited meanwhile does not).
  if (!repriced || repriced.amountDue !== intent.purchase.amountDue || !sameLines(repriced, intent.purchase)) {
    recordRefund(intent, 'amount_changed', now);
    return null;
  }
  return fulfilOrRefund(context, checkout, repriced, intent);
}
