// Paid's billing objects on the wire: Order, OrderLine, OrderSeat, Invoice and InvoiceLine,
// money in minor units.
import { paidCurrency } from '../currencies.ts';
import type { InvoiceRecord, OrderLineRecord, OrderRecord, SeatRecord } from '../merchant-records.ts';
import type { Store } from '../store.ts';
import { iso, isoOrNull } from './iso.ts';

/** What an order's invoices have billed so far: before tax, and its tax. */
export interface Billed {
  net: number;
  tax: number;
}

/** What the invoices have billed each order so far, in one pass over them. */
export function billedByOrder(store: Store): Map<string, Billed> {
  const billed = new Map<string, Billed>();
  for (const invoice of store.invoices.list()) {
    for (const line of invoice.lines) {
      if (!line.orderId) continue;
      const sum = billed.get(line.orderId) ?? { net: 0, tax: 0 };
      billed.set(line.orderId, { net: sum.net + line.amount, tax: sum.tax + line.tax });
    }
  }
  return billed;
}

/**
 * Paid's `Order`, its money in minor units: `orderAmount` what its lines cost a period (before
 * tax), `estimatedTax` the tax its recurring lines add at their next renewal, billed amounts from
 * its paid invoices (`billedAmountNoTax` + `billedTax` = `totalBilledAmount`). Ours: `status`,
 * `currency`, `checkoutId` and `lines` (product, plan, quantity, interval, amount and period of each).
 *
 * A list passes `billedSoFar` once for every order, so that it reads the invoices once.
 */
export function orderObject(store: Store, order: OrderRecord, billedSoFar: ReadonlyMap<string, Billed> = billedByOrder(store)) {
  const billed = billedSoFar.get(order.id) ?? { net: 0, tax: 0 };
  const orderAmount = order.lines.reduce((total, line) => total + line.amount, 0);
  const estimatedTax = order.lines.reduce((total, line) => total + (line.interval === 'one_time' ? 0 : line.periodTax), 0);
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
    billedAmountNoTax: billed.net,
    billedTax: billed.tax,
    estimatedTax,
    orderAmount,
    pendingBillingAmount: 0,
    totalAmount: orderAmount,
    totalBilledAmount: billed.net + billed.tax,
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

/** A rate in basis points as Paid's `taxRate`: a percentage (2000 → 20, 725 → 7.25). */
function percentOf(basisPoints: number): number {
  return basisPoints / 100;
}

/**
 * The invoice's one rate as a percentage: the rate its taxed lines share (a purchase is taxed in
 * one jurisdiction), 0 when none is taxed; lines at several rates give the effective rate,
 * tax ÷ subtotal, to two decimals.
 */
function invoiceRateOf(invoice: InvoiceRecord): number {
  const rates = new Set(invoice.lines.map((line) => line.taxBasisPoints).filter((basisPoints) => basisPoints > 0));
  const [only] = rates;
  if (rates.size <= 1) return percentOf(only ?? 0);
  return invoice.subtotal === 0 ? 0 : Math.round((invoice.tax / invoice.subtotal) * 10_000) / 100;
}

/**
 * Paid's `Invoice`: posted and paid when the checkout's payment succeeded. Its tax in Paid's
 * fields: `taxAmount` the lines' tax, `taxRate` a percentage (20 for 20%), `taxStatus`
 * `calculated` or `not_applicable`, `invoiceTotalExcludingTax` the lines before tax,
 * `invoiceTotal` (= `amountDue` = `amountPaid`) what was charged, `taxExempt` a reverse charge.
 * Ours: `checkoutId`, `paymentIntentId`.
 */
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
    taxAmount: invoice.tax,
    taxRate: invoiceRateOf(invoice),
    taxStatus: invoice.taxStatus,
    invoiceTotalExcludingTax: invoice.subtotal,
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
    taxExempt: invoice.taxExempt,
    billingContactId: null,
    checkoutId: invoice.checkoutId,
    paymentIntentId: invoice.paymentIntentId,
  };
}

/**
 * Paid's `InvoiceLine`: what one line charged today (a proration credit is a negative amount),
 * before tax, its tax, its rate as a percentage, and with tax.
 */
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
    tax: line.tax,
    taxRate: percentOf(line.taxBasisPoints),
    totalPriceAfterTax: line.amount + line.tax,
    currency: paidCurrency(invoice.currency),
    description: line.description,
    balanceAmount: 0,
    creditedAmount: 0,
    createdAt: iso(invoice.createdAt),
    updatedAt: iso(invoice.updatedAt),
    productId: line.productId,
  };
}
