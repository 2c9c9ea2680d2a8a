// Receipts on the wire (a sandbox extension of the private API, and `sandbox.receipts()`): what
// the customer would have been sent, with Paid's upper-case currency and ISO dates.
import { paidCurrency } from '../currencies.ts';
import type { ReceiptRecord } from '../receipts.ts';
import { iso } from './iso.ts';

export function receiptObject(receipt: ReceiptRecord) {
  return {
    id: receipt.id,
    to: receipt.to,
    customerId: receipt.customerId,
    customerName: receipt.customerName,
    checkoutId: receipt.checkoutId,
    orderId: receipt.orderId,
    invoiceId: receipt.invoiceId,
    paymentIntentId: receipt.paymentIntentId,
    amount: receipt.amount,
    tax: receipt.tax,
    currency: paidCurrency(receipt.currency),
    lines: receipt.lines.map((line) => ({ ...line })),
    sentAt: iso(receipt.sentAt),
  };
}

export type ReceiptObject = ReturnType<typeof receiptObject>;
