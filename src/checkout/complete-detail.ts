// The detail of `paid-checkout-complete`: everything a page needs about the purchase without
// another request, from the server's answer and what the customer chose.
import type { PublicCheckout } from '../api/schemas.ts';
import type { PaymentSucceeded } from '../api/wire.ts';
import type { PaidCheckoutCompleteDetail } from '../events.ts';
import type { CheckoutSummary } from '../pricing/summary.ts';
import { isWrittenHttpUrl, redirectUrlFor } from '../url.ts';
import type { CustomerValues } from './customer-form.ts';

/**
 * `summary`: what the payment bought; null when that is not known here (the detail then names no
 * lines). `leaves`: whether the element leaves for the redirect by itself unless the event is
 * cancelled (its success shows nothing the customer must read first, and it is this element's).
 */
export function completeDetail(
  checkout: PublicCheckout,
  summary: CheckoutSummary | null,
  entered: Pick<CustomerValues, 'name' | 'email'>,
  result: PaymentSucceeded,
  leaves: boolean,
): PaidCheckoutCompleteDetail {
  const known = checkout.customer;
  const redirect = result.redirectUrl;
  const { checkoutId, orderId, customerId } = result;
  const invoiceId = result.invoiceId ?? null;
  // The server's own redirect when it is an absolute http(s) URL; else successUrl, templated.
  const redirectUrl = redirect && isWrittenHttpUrl(redirect) ? redirect : redirectUrlFor(checkout.successUrl, result.checkoutId);
  return {
    checkoutId,
    orderId,
    invoiceId,
    customerId,
    // Paid's SDK shapes, from the answer alone: nothing the public API withholds (metadata).
    order: { id: orderId, customerId },
    invoice: invoiceId ? { id: invoiceId, customerId } : null,
    checkout: { id: checkoutId, orderId },
    redirectUrl,
    navigates: leaves && redirectUrl !== null,
    lines: (summary?.lines ?? []).map((line) => ({
      productId: line.productId,
      productName: line.productName,
      planId: line.planId,
      planName: line.planName,
      quantity: line.quantity,
      amountDueToday: line.dueToday,
      periodAmount: line.periodAmount,
      interval: line.interval,
    })),
    customer: {
      id: customerId,
      name: checkout.collect.name ? entered.name.trim() || null : (known?.name ?? null),
      email: checkout.collect.email ? entered.email.trim() || null : (known?.email ?? null),
    },
    amountDue: result.amountDue,
    currency: result.currency,
    recurring: (summary?.recurring ?? []).map((charge) => ({
      interval: charge.interval,
      amount: charge.amount,
      startsAt: charge.startsAt.toISOString(),
      includesUsage: charge.includesUsage,
    })),
    receiptEmail: result.receiptEmail ?? null,
  };
}
