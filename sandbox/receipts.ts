// The receipt a paid purchase sends its customer: the sandbox mails nothing and records, instead,
// the receipt it would send (to whom, for what, when), made at the moment the order is.
import type { AccountName } from './accounts.ts';
import { newId } from './ids.ts';
import type { SandboxReceipt, SandboxReceiptLine } from './library.ts';
import type { CustomerRecord, InvoiceRecord } from './merchant-records.ts';

// The published shape (library.ts declares it, so that its .d.ts stands alone), kept with the
// account it belongs to and its time as a Date.
export type ReceiptLine = SandboxReceiptLine;

export interface ReceiptRecord extends Omit<SandboxReceipt, 'sentAt'> {
  /** The account whose checkout was paid: the private API lists each account's own. */
  account: AccountName;
  /** By the sandbox's clock. */
  sentAt: Date;
}

/**
 * The receipt for a paid invoice, or null when the customer has no email address (the element
 * then promises none: it says only that the payment succeeded).
 */
export function receiptFor(account: AccountName, customer: CustomerRecord, invoice: InvoiceRecord, now: Date): ReceiptRecord | null {
  if (!customer.email) return null;
  return {
    id: newId('rcpt'),
    account,
    to: customer.email,
    customerId: customer.id,
    customerName: customer.name,
    checkoutId: invoice.checkoutId,
    orderId: invoice.orderId,
    invoiceId: invoice.id,
    paymentIntentId: invoice.paymentIntentId,
    amount: invoice.total,
    tax: invoice.tax,
    currency: invoice.currency,
    // With tax, as the invoice's totalPriceAfterTax: what the customer paid for each line.
    lines: invoice.lines.map(({ productId, description, quantity, amount, tax }) => ({ productId, description, quantity, amount: amount + tax, tax })),
    sentAt: now,
  };
}
