// Checkouts on the wire: the private API's Checkout, the public payload the element reads (never
// metadata, keys or another customer's data), and the answer to complete and finalize.
import type { PaymentAnswer, PublicCheckout } from '../../src/api/schemas.ts';
import { paymentsOf } from '../accounts.ts';
import type { PaymentOutcome } from '../checkout/complete.ts';
import { checkoutAt, namedCustomerOf, paymentIntentsOf } from '../checkout/state.ts';
import { paidCurrency } from '../currencies.ts';
import type { CheckoutRecord } from '../checkout-records.ts';
import type { Store } from '../store.ts';

function checkoutUrlOf(publicUrl: string, checkoutId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/checkout/${checkoutId}`;
}

export interface CheckoutObjectOptions {
  publicUrl: string;
  /** The detailed read adds `orderId`. */
  detailed: boolean;
}

/** Ours: the payments of this checkout that were given back (a merchant reconciles them with Stripe). */
function refundsOf(store: Store, checkout: CheckoutRecord) {
  return paymentIntentsOf(store, checkout).flatMap((intent) =>
    intent.refund
      ? [
          {
            paymentIntentId: intent.id,
            amount: intent.refund.amount,
            currency: paidCurrency(intent.refund.currency),
            reason: intent.refund.reason,
            createdAt: intent.refund.createdAt.toISOString(),
          },
        ]
      : [],
  );
}

export function checkoutObject(store: Store, checkout: CheckoutRecord, now: Date, options: CheckoutObjectOptions) {
  const { customer, offered, currency, status } = checkoutAt(store, checkout, now);
  return {
    id: checkout.id,
    url: checkoutUrlOf(options.publicUrl, checkout.id),
    status,
    products: checkout.productIds.map((id) => ({ id })),
    customerId: customer?.id ?? checkout.customerId ?? checkout.paidByCustomerId,
    externalCustomerId: checkout.externalCustomerId,
    successUrl: checkout.successUrl,
    cancelUrl: checkout.cancelUrl,
    expiresAt: checkout.expiresAt.toISOString(),
    metadata: checkout.metadata,
    collectAddress: checkout.collectAddress,
    collectPhone: checkout.collectPhone,
    singleUse: checkout.singleUse,
    allowedCurrencies: offered.map(paidCurrency),
    currency: paidCurrency(currency),
    createdAt: checkout.createdAt.toISOString(),
    updatedAt: checkout.updatedAt.toISOString(),
    ...(options.detailed ? { orderId: checkout.orderId, refunds: refundsOf(store, checkout) } : {}),
  };
}

export function publicCheckoutPayload(store: Store, checkout: CheckoutRecord, now: Date, publicUrl: string): PublicCheckout {
  const { customer, products, offered, currency, publicStatus } = checkoutAt(store, checkout, now);
  const named = namedCustomerOf(checkout, customer);
  return {
    id: checkout.id,
    url: checkoutUrlOf(publicUrl, checkout.id),
    // A checkout whose product was deactivated, or whose customer was deleted, reads as archived.
    status: publicStatus,
    expiresAt: checkout.expiresAt.toISOString(),
    successUrl: checkout.successUrl,
    cancelUrl: checkout.cancelUrl,
    allowedCurrencies: offered,
    currency,
    collect: { name: !customer, email: !customer, address: checkout.collectAddress, phone: checkout.collectPhone },
    customer: named ? { id: named.id, name: named.name, email: named.email } : null,
    payments: paymentsOf(checkout.account),
    products,
  };
}

/**
 * The answer paid-blocks reads: `{ success, data: { status, order_id, invoice_id, redirect_url,
 * payment_intent } }`, with our `checkout_id`, `customer_id`, `amount_due` and `currency`.
 */
export function paymentAnswerOf(outcome: PaymentOutcome): PaymentAnswer {
  if (outcome.status === 'requires_action') {
    return {
      success: true,
      data: {
        status: 'requires_action',
        order_id: null,
        invoice_id: null,
        redirect_url: null,
        payment_intent: { id: outcome.paymentIntentId, status: 'requires_action', client_secret: outcome.clientSecret },
        checkout_id: outcome.checkoutId,
        customer_id: null,
        amount_due: outcome.amountDue,
        currency: outcome.currency,
      },
    };
  }
  const { settlement } = outcome;
  return {
    success: true,
    data: {
      status: 'succeeded',
      order_id: settlement.orderId,
      invoice_id: settlement.invoiceId,
      redirect_url: settlement.redirectUrl,
      payment_intent: { id: settlement.paymentIntentId, status: 'succeeded' },
      checkout_id: settlement.checkoutId,
      customer_id: settlement.customerId,
      amount_due: settlement.amountDue,
      currency: settlement.currency,
      receipt_email: settlement.receiptTo,
    },
  };
}
