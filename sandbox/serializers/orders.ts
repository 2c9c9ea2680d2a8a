// Paid's billing objects on the wire: Order, OrderLine, OrderSeat, Invoice and InvoiceLine,
// money in minor units.
import { paidCurrency } from '../currencies.ts';
import type { InvoiceRecord, OrderLineRecord, OrderRecord, SeatRecord } from '../merchant-records.ts';
import type { Store } from '../store.ts';
import { iso, isoOrNull } from './iso.ts';

/** What the invoices have billed each order so far, in one pass over them. */
export function billedByOrder(store: Store): Map<string, number> {
  const billed = new Map<string, number>();
  for (const invoice of store.invoices.list()) {
    for (const line of invoice.lines) if (line.orderId) billed.set(line.orderId, (billed.get(line.orderId) ?? 0) + line.amount);
  }
  return billed;
}

/**
 * Paid's `Order`, its money in minor units: `orderAmount` what its lines cost a period, billed
 * amounts from its paid invoices (tax none yet). Ours: `status`, `currency`, `checkoutId` and
 * `lines` (product, plan, quantity, interval, amount and period of each).
 *
 * A list passes `billedSoFar` once for every order, so that it reads the invoices once.
 */
export function orderObject(store: Store, order: OrderRecord, billedSoFar: ReadonlyMap<string, number> = billedByOrder(store)) {
  const billed = billedSoFar.get(order.id) ?? 0;
  const orderAmount = order.lines.reduce((total, line) => total + line.amount, 0);
  const { settings } = order;
  return {
    id: order.id,
    customerId: order.customerId,
    billingCustomerId: settings.billingCustomerId,
    billingContactIds: settings.billingContactIds,
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
    endDate: isoOrNull(order.endDate),
    name: order.name,
    startDate: iso(order.startDate),
    subscriptionTerms: settings.subscriptionTerms,
    billedAmountNoTax: billed,
    billedTax: 0,
    estimatedTax: 0,
    orderAmount,
    pendingBillingAmount: 0,
    totalAmount: orderAmount,
    totalBilledAmount: billed,
    creationState: order.creationState,
    paymentTerms: settings.paymentTerms,
    number: order.number,
    metadata: order.metadata,
    showPaymentLink: null,
    showBankDetails: null,
    autoPostInvoices: settings.autoPostInvoices,
    autoSendBillingEmails: settings.autoSendBillingEmails,
    autoSendPaymentEmails: settings.autoSendPaymentEmails,
    version: order.version,
    billingFrequencyOverridden: false,
    status: order.status,
    currency: paidCurrency(order.currency),
    checkoutId: order.checkoutId,
    lines: order.lines.map((line) => ({
      id: line.id,
      productId: line.productId,
      planId: line.planId,
      quantity: line.quantity,
      interval: line.interval,
      amount: line.amount,
      currency: line.currency,
      periodStart: iso(line.periodStart),
      periodEnd: iso(line.periodEnd),
      trialEndsAt: isoOrNull(line.trialEndsAt),
    })),
  };
}

/** Paid's `OrderLine`. */
export function orderLineObject(store: Store, line: OrderLineRecord) {
  const product = store.products.get(line.productId);
  return {
    id: line.id,
    productId: line.productId,
    name: line.name ?? product?.name ?? line.productId,
    description: line.description === undefined ? (product?.description ?? null) : line.description,
    startDate: iso(line.periodStart),
    endDate: iso(line.periodEnd),
  };
}

/** Paid's `OrderSeat`. */
export function seatObject(store: Store, order: OrderRecord, seat: SeatRecord) {
  const customerExternalId = store.customers.get(order.customerId)?.externalId ?? null;
  const user = seat.userExternalId
    ? store.customerUsers.find((candidate) => candidate.externalId === seat.userExternalId && candidate.customerExternalId === customerExternalId)
    : undefined;
  return {
    id: seat.id,
    orderId: order.id,
    productExternalId: store.products.get(seat.productId)?.externalId ?? null,
    status: seat.userExternalId ? 'assigned' : 'unassigned',
    assignee: user ? { id: user.id, externalId: user.externalId, email: user.email } : null,
    createdAt: iso(seat.createdAt),
    updatedAt: iso(seat.updatedAt),
  };
}

/** Paid's `Invoice`: posted and paid when the checkout's payment succeeded; no tax yet. Ours: `checkoutId`, `paymentIntentId`. */
export function invoiceObject(invoice: InvoiceRecord) {
  return {
    id: invoice.id,
    displayNumber: `INV-${String(invoice.number).padStart(4, '0')}`,
    orderId: invoice.orderId,
    customerId: invoice.customerId,
    status: 'posted',
    paymentStatus: 'paid',
    source: 'order_based',
    startDate: iso(invoice.paidAt),
    endDate: null,
    issueDate: iso(invoice.paidAt),
    postedDate: iso(invoice.paidAt),
    dueDate: iso(invoice.paidAt),
    currency: paidCurrency(invoice.currency),
    taxAmount: 0,
    taxRate: 0,
    taxStatus: 'not_applicable',
    invoiceTotalExcludingTax: invoice.total,
    invoiceTotal: invoice.total,
    amountDue: invoice.total,
    amountPaid: invoice.total,
    amountRemaining: 0,
    creditNotesTotal: 0,
    metadata: invoice.metadata,
    createdAt: iso(invoice.createdAt),
    updatedAt: iso(invoice.updatedAt),
    paymentLink: null,
    disputeLink: null,
    publicUrlToken: null,
    taxExempt: false,
    billingContactId: null,
    checkoutId: invoice.checkoutId,
    paymentIntentId: invoice.paymentIntentId,
  };
}

/** Paid's `InvoiceLine`: what one line charged today (a proration credit is a negative amount). */
export function invoiceLineObject(invoice: InvoiceRecord, line: InvoiceRecord['lines'][number]) {
  return {
    id: line.id,
    orderId: line.orderId,
    orderLineId: null,
    orderLineAttributeId: null,
    startDate: iso(line.periodStart),
    endDate: iso(line.periodEnd),
    paymentStatus: 'paid',
    quantity: line.quantity,
    totalPriceBeforeTax: line.amount,
    tax: 0,
    taxRate: 0,
    totalPriceAfterTax: line.amount,
    currency: paidCurrency(invoice.currency),
    description: line.description,
    balanceAmount: 0,
    creditedAmount: 0,
    createdAt: iso(invoice.createdAt),
    updatedAt: iso(invoice.updatedAt),
    productId: line.productId,
  };
}
