// Fulfilling a paid purchase: the paying customer (found or made), the orders (upgraded lines in
// place, new lines in one new order, seats in step), the invoice and its receipt, and the checkout
// marked paid.
import { redirectUrlFor } from '../../src/url.ts';
import type { ServiceContext } from '../context.ts';
import { newId } from '../ids.ts';
import { receiptFor } from '../receipts.ts';
import { syncSeats } from '../order-service.ts';
import { billingAddressOf, customerRecord, orderRecord } from '../records.ts';
import type { CheckoutRecord, PaymentIntentRecord, Purchase, Settlement } from '../checkout-records.ts';
import { recordRefund } from './refunds.ts';
import type { CustomerRecord, InvoiceRecord, InvoiceTaxStatus, OrderRecord } from '../merchant-records.ts';
import type { Collection, Store } from '../store.ts';
import { customerOf } from './state.ts';

/** The rate a charge was taxed at, in basis points: 0 where no tax applies or the buyer reverse charges it. */
function basisPointsOf(taxability: Purchase['charges'][number]['tax']['taxability']): number {
  return taxability.kind === 'taxed' ? taxability.rate.basisPoints : 0;
}

/** `calculated` where the address was taxed (at a rate, or reverse charged at none); else no tax applies. */
function taxStatusOf(purchase: Purchase): InvoiceTaxStatus {
  const computed = purchase.charges.some(({ tax }) => tax.taxability.kind === 'taxed' || tax.taxability.kind === 'reverse_charge');
  return computed ? 'calculated' : 'not_applicable';
}

/** The invoice for a paid purchase: today's charges, line by line with their tax, already paid. */
function invoiceFor(undo: FulfilmentUndo, store: Store, checkout: CheckoutRecord, purchase: Purchase, orderIds: ReadonlyMap<string, string>, customerId: string, paymentIntentId: string, now: Date): InvoiceRecord {
  const orderId = orderIds.values().next().value ?? '';
  const invoice: InvoiceRecord = {
    id: newId('inv'),
    number: store.invoices.size + 1,
    customerId,
    orderId,
    checkoutId: checkout.id,
    paymentIntentId,
    currency: purchase.currency,
    lines: purchase.charges.map((charge) => ({
      id: newId('invl'),
      orderId: orderIds.get(charge.productId) ?? orderId,
      productId: charge.productId,
      description: charge.description,
      quantity: charge.quantity,
      amount: charge.tax.net,
      tax: charge.tax.tax,
      taxBasisPoints: basisPointsOf(charge.tax.taxability),
      periodStart: charge.periodStart,
      periodEnd: charge.periodEnd,
    })),
    subtotal: purchase.tax.subtotal,
    tax: purchase.tax.tax,
    total: purchase.amountDue,
    taxStatus: taxStatusOf(purchase),
    taxExempt: purchase.tax.reverseCharge,
    metadata: null,
    paidAt: now,
    createdAt: now,
    updatedAt: now,
  };
  undo.added(store.invoices, invoice.id);
  store.invoices.put(invoice);
  return invoice;
}

/**
 * Finds or creates the customer a paid purchase belongs to. A new customer is made from what the
 * buyer typed, VAT number included, with the billing address the order was taxed from. A known
 * one's billing address becomes the one typed in the checkout, when the order was taxed from it
 * (as Stripe Checkout's `customer_update.address: 'auto'`), with the VAT number given beside it;
 * without one given, the number on file is kept.
 */
function payingCustomer(undo: FulfilmentUndo, store: Store, checkout: CheckoutRecord, purchase: Purchase, now: Date): CustomerRecord {
  const known = customerOf(store, checkout);
  const buyer = purchase.buyer;
  if (known) {
    const billing = purchase.billing;
    if (billing) {
      undo.keep(known);
      known.billingAddress = billingAddressOf(billing.address);
      if (billing.taxId) known.vatNumber = billing.taxId;
      known.updatedAt = now;
    }
    return known;
  }
  if (!buyer) throw new Error(`checkout ${checkout.id} was priced without a buyer but has no customer`);
  const customer = customerRecord(
    {
      id: newId('cus'),
      name: buyer.name,
      email: buyer.email,
      externalId: checkout.externalCustomerId,
      phone: buyer.phone,
      // The address the order was taxed from: one sent to a checkout that collects none is not kept.
      billingAddress: purchase.billing ? billingAddressOf(purchase.billing.address) : null,
      vatNumber: buyer.taxId,
      defaultCurrency: purchase.currency,
    },
    now,
  );
  undo.added(store.customers, customer.id);
  store.customers.put(customer);
  return customer;
}

/** An order's name, as Paid shows it: its products' names. */
function orderNameOf(store: Store, lines: OrderRecord['lines']): string {
  return lines.map((line) => store.products.get(line.productId)?.name ?? line.productId).join(', ');
}

/**
 * What a fulfilment changed, to be put back if it fails part-way: records changed in place return
 * to their copies taken before, records it added are removed. A store with transactions would roll
 * back; the memory store has none.
 */
class FulfilmentUndo {
  readonly #steps: Array<() => void> = [];

  /** Call before changing `record` in place. */
  keep<T extends object>(record: T): void {
    const before = structuredClone(record);
    this.#steps.push(() => {
      for (const key of Object.keys(record)) if (!Object.hasOwn(before, key)) delete (record as Record<string, unknown>)[key];
      Object.assign(record, before);
    });
  }

  /** Call before putting a new record into `collection`. */
  added(collection: Collection<{ id: string }>, id: string): void {
    this.#steps.push(() => collection.remove(id));
  }

  undo(): void {
    for (const step of this.#steps.reverse()) step();
  }
}

/**
 * Turns a paid purchase into orders (upgraded lines in place, new lines in one new order) and its
 * invoice, all or nothing: a failure part-way leaves the store as it was and is thrown.
 */
export function fulfil(context: ServiceContext, checkout: CheckoutRecord, purchase: Purchase, paymentIntentId: string): Settlement {
  const undo = new FulfilmentUndo();
  try {
    return fulfilWith(undo, context, checkout, purchase, paymentIntentId);
  } catch (error) {
    undo.undo();
    throw error;
  }
}

/**
 * Fulfils a payment the processor has taken, kept on its intent; should fulfilment fail, the payment
 * is refunded instead (the buyer is told, and may pay again) and null returned: a payment never
 * stays taken without its order.
 */
export function fulfilOrRefund(context: ServiceContext, checkout: CheckoutRecord, purchase: Purchase, intent: PaymentIntentRecord): Settlement | null {
  try {
    intent.settlement = fulfil(context, checkout, purchase, intent.id);
    return intent.settlement;
  } catch (error) {
    console.error(`sandbox: fulfilling payment ${intent.id} of checkout ${checkout.id} failed; it is refunded.`, error);
    recordRefund(intent, 'fulfilment_failed', context.clock.now());
    return null;
  }
}

function fulfilWith(undo: FulfilmentUndo, context: ServiceContext, checkout: CheckoutRecord, purchase: Purchase, paymentIntentId: string): Settlement {
  const { store } = context;
  const now = context.clock.now();
  undo.keep(checkout);
  const customer = payingCustomer(undo, store, checkout, purchase, now);
  const newLines: OrderRecord['lines'] = [];
  const upgradedOrderIds: string[] = [];
  /** The order each product's line ends up in, for the invoice. */
  const orderOfProduct = new Map<string, string>();

  for (const { upgradesOrderId, ...line } of purchase.lines) {
    const order = upgradesOrderId ? store.orders.get(upgradesOrderId) : undefined;
    const index = order ? order.lines.findIndex((candidate) => candidate.productId === line.productId) : -1;
    const replaced = order?.lines[index];
    if (order && replaced) {
      if (!upgradedOrderIds.includes(order.id)) undo.keep(order);
      order.lines[index] = { ...line, id: replaced.id };
      order.updatedAt = now;
      order.version += 1;
      syncSeats(store, order, now);
      orderOfProduct.set(line.productId, order.id);
      if (!upgradedOrderIds.includes(order.id)) upgradedOrderIds.push(order.id);
    } else {
      newLines.push(line);
    }
  }

  let orderId = upgradedOrderIds[0] ?? null;
  if (newLines.length > 0) {
    const order = orderRecord(
      store,
      {
        id: newId('ord'),
        name: orderNameOf(store, newLines),
        customerId: customer.id,
        source: 'checkout',
        currency: purchase.currency,
        lines: newLines,
        checkoutId: checkout.id,
      },
      now,
    );
    syncSeats(store, order, now);
    undo.added(store.orders, order.id);
    store.orders.put(order);
    orderId = order.id;
    for (const line of newLines) orderOfProduct.set(line.productId, order.id);
  }
  if (!orderId) throw new Error(`checkout ${checkout.id}: a purchase with no lines was paid`);
  const invoice = invoiceFor(undo, store, checkout, purchase, orderOfProduct, customer.id, paymentIntentId, now);
  // The element tells the buyer a receipt is on its way: the sandbox keeps the one it would send.
  const receipt = receiptFor(checkout.account, customer, invoice, now);
  if (receipt) {
    undo.added(store.receipts, receipt.id);
    store.receipts.put(receipt);
  }

  checkout.orderId = orderId;
  if (checkout.singleUse) {
    checkout.completedAt = now;
    // Kept apart from customerId: the public read of a paid link shows no buyer's name or email.
    checkout.paidByCustomerId = customer.id;
  }
  checkout.updatedAt = now;
  return {
    checkoutId: checkout.id,
    orderId,
    invoiceId: invoice.id,
    customerId: customer.id,
    paymentIntentId,
    amountDue: purchase.amountDue,
    amountShown: purchase.amountShown,
    currency: purchase.currency,
    receiptTo: receipt?.to ?? null,
    redirectUrl: redirectUrlFor(checkout.successUrl, checkout.id),
    settledAt: now,
  };
}
