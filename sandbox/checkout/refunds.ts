// Refunds: a confirmed payment that can no longer be honoured is given back, and its buyer told why.
import { formatMoney } from '../../src/pricing/money.ts';
import { ApiError } from '../http.ts';
import type { PaymentIntentRecord, RefundRecord } from '../checkout-records.ts';

/** The processor gives the payment back; the merchant reads it on the checkout's `refunds`. */
export function recordRefund(intent: PaymentIntentRecord, reason: RefundRecord['reason'], now: Date): void {
  const { amountDue, currency } = intent.purchase;
  intent.refund = { amount: amountDue, currency, reason, createdAt: now };
}

const refundMessages: Record<RefundRecord['reason'], (amount: string) => string> = {
  amount_changed: (amount) => `The price changed while your bank was confirming the payment, so it was not taken: your ${amount} was refunded. Review the new price and pay again.`,
  order_cancelled: (amount) => `The subscription this payment was changing was cancelled by the seller while your bank was confirming the payment, so it was not taken: your ${amount} was refunded. Review the price and pay again.`,
  customer_deleted: (amount) => `The account this payment was for was closed while your bank was confirming the payment, so it was not taken: your ${amount} was refunded. Ask the seller for a new link.`,
  checkout_closed: (amount) => `This checkout ended while your bank was confirming the payment, so it was not taken: your ${amount} was refunded.`,
  fulfilment_failed: (amount) => `We could not record your order, so the payment was not taken: your ${amount} was refunded. Reload the page to try again.`,
};

/** What the buyer of a refunded payment is told, in words. */
export function refundedError(refund: RefundRecord): ApiError {
  const amount = formatMoney(refund.amount, refund.currency, 'en');
  return new ApiError(
    409,
    'payment_refunded',
    refundMessages[refund.reason](amount),
    { extra: { refundReason: refund.reason } },
  );
}
