// What the sandbox tells the merchant's webhooks, and when: a checkout created, paid (payment,
// invoice created and paid, checkout completed, in that order), declined, or expired. Each
// object goes out in its SDK shape; the payment object, which the SDK does not type, is ours.
import { PENDING_PAYMENT_HOLD_MS, paymentsUnderWay } from './checkout/single-use.ts';
import { statusOf } from './checkout/state.ts';
import type { SandboxContext } from './context.ts';
import type { ApiError } from './http.ts';
import { paidCurrency } from './currencies.ts';
import { checkoutObject } from './serializers/checkouts.ts';
import { invoiceObject } from './serializers/orders.ts';
import type { CheckoutRecord, Settlement } from './checkout-records.ts';

type AnnounceContext = Pick<SandboxContext, 'store' | 'clock' | 'webhooks'>;

function detailedCheckout(context: AnnounceContext, checkout: CheckoutRecord, publicUrl: string) {
  return checkoutObject(context.store, checkout, context.clock.now(), { publicUrl, detailed: true });
}

export function announceCheckoutCreated(context: AnnounceContext, checkout: CheckoutRecord, publicUrl: string): void {
  context.webhooks.emit(checkout.account, 'billing-checkout-created', {
    checkoutId: checkout.id,
    object: detailedCheckout(context, checkout, publicUrl),
  });
}

/**
 * A paid checkout: the payment, its invoice (created, then paid) and the checkout itself. Sent
 * once per payment, when it is settled: at complete, or when the bank confirms 3-D Secure.
 */
export function announceSettlement(context: AnnounceContext, checkout: CheckoutRecord, settlement: Settlement, publicUrl: string): void {
  const { webhooks, store } = context;
  const checkoutId = checkout.id;
  webhooks.emit(checkout.account, 'billing-payment-succeeded', {
    checkoutId,
    object: {
      id: settlement.paymentIntentId,
      status: 'succeeded',
      amount: settlement.amountDue,
      amountShown: settlement.amountShown,
      currency: paidCurrency(settlement.currency),
      checkoutId,
      orderId: settlement.orderId,
      invoiceId: settlement.invoiceId,
      customerId: settlement.customerId,
    },
  });
  const invoice = store.invoices.get(settlement.invoiceId);
  if (invoice) {
    webhooks.emit(checkout.account, 'billing-invoice-created', { checkoutId, object: invoiceObject(invoice) });
    webhooks.emit(checkout.account, 'billing-invoice-paid', { checkoutId, object: invoiceObject(invoice) });
  }
  webhooks.emit(checkout.account, 'billing-checkout-completed', { checkoutId, object: completedBy(context, checkout, settlement, publicUrl) });
}

/**
 * The checkout as this payment completed it. A single-use link is completed by it already; a
 * reusable one (ours) stays active for the next buyer and attaches none of them, so its event says
 * what the payment did: completed, by whom, with which order (its GET still says `active`).
 */
function completedBy(context: AnnounceContext, checkout: CheckoutRecord, settlement: Settlement, publicUrl: string) {
  const object = detailedCheckout(context, checkout, publicUrl);
  if (checkout.singleUse) return object;
  const payer = context.store.customers.get(settlement.customerId);
  return { ...object, status: 'completed' as const, customerId: settlement.customerId, externalCustomerId: payer?.externalId ?? null, orderId: settlement.orderId };
}

/** A declined card (at complete) or a failed 3-D Secure challenge (when the bank answers): nothing was charged. */
export function announcePaymentFailed(context: AnnounceContext, checkout: CheckoutRecord, failure: ApiError): void {
  context.webhooks.emit(checkout.account, 'billing-payment-failed', {
    checkoutId: checkout.id,
    object: {
      status: 'failed',
      checkoutId: checkout.id,
      code: failure.code,
      declineCode: failure.detail.declineCode ?? null,
      message: failure.message,
    },
  });
}

/**
 * Announces, once each, the checkouts whose `expiresAt` has passed unpaid. Expiry is a matter of
 * the clock, not of a request, so the sandbox sweeps: on a timer, and before each request (which
 * makes a moved test clock take effect at once).
 */
export function announceExpired(context: AnnounceContext, publicUrl: string): void {
  const now = context.clock.now();
  // Only the checkouts whose expiry has come; one paid or archived meanwhile never expires.
  for (const id of context.store.expiries.takeDue(now.getTime())) {
    const checkout = context.store.checkouts.get(id);
    if (!checkout || checkout.expiryAnnounced || statusOf(checkout, now) !== 'expired') continue;
    // A payment at its buyer's bank may yet complete it (a payment the bank confirms is honoured
    // whatever the clock says): not announced unpaid while a challenge is within its hold, the
    // time a buyer takes at their bank. One answered later still completes it, announced after.
    const heldUntil = Math.max(0, ...paymentsUnderWay(context.store, checkout).map((intent) => intent.createdAt.getTime() + PENDING_PAYMENT_HOLD_MS));
    if (heldUntil > now.getTime()) {
      context.store.expiries.add(id, heldUntil);
      continue;
    }
    checkout.expiryAnnounced = true;
    context.webhooks.emit(checkout.account, 'billing-checkout-expired', {
      checkoutId: checkout.id,
      object: detailedCheckout(context, checkout, publicUrl),
    });
  }
}
