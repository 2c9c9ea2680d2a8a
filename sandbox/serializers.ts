// The wire shapes: private API objects (checkout, product, customer, order) and the public
// checkout payload, which never carries metadata, keys or other customers' data.
import type { PaymentsConfig, PublicCheckout } from '../src/api/schemas.ts';
import { allowedCurrenciesOf, customerOf, defaultCurrencyOf, namedCustomerOf, productsOf, statusOf } from './checkout-state.ts';
import type {
  AccountName,
  CheckoutRecord,
  CustomerRecord,
  CustomerUserRecord,
  InvoiceRecord,
  OrderLineRecord,
  OrderRecord,
  ProductRecord,
  SeatRecord,
  Store,
} from './store.ts';

export const stripePayments: PaymentsConfig = {
  provider: 'stripe',
  publishableKey: 'pk_test_paid_sandbox',
  accountId: 'acct_sandbox',
};

export function paymentsOf(account: AccountName): PaymentsConfig | null {
  return account === 'main' ? stripePayments : null;
}

export function checkoutUrlOf(publicUrl: string, checkoutId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/checkout/${checkoutId}`;
}

/** The currencies the buyer may pay in now, falling back to those at creation if the customer's subscriptions moved. */
export function currenciesNow(store: Store, checkout: CheckoutRecord, now: Date): { allowed: string[]; currency: string } {
  const live = allowedCurrenciesOf(productsOf(store, checkout, now), checkout.lockedCurrency);
  const allowed = live.length > 0 ? live : checkout.allowedCurrenciesAtCreation;
  return { allowed, currency: defaultCurrencyOf(allowed, checkout.lockedCurrency) };
}

export interface CheckoutObjectOptions {
  publicUrl: string;
  /** The detailed read adds `orderId`. */
  detailed: boolean;
}

/** Ours: the payments of this checkout that were given back (a merchant reconciles them with Stripe). */
function refundsOf(store: Store, checkout: CheckoutRecord) {
  return checkout.paymentIntentIds.flatMap((id) => store.paymentIntents.get(id) ?? []).flatMap((intent) =>
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
  const customer = customerOf(store, checkout);
  const { allowed, currency } = currenciesNow(store, checkout, now);
  return {
    id: checkout.id,
    url: checkoutUrlOf(options.publicUrl, checkout.id),
    status: statusOf(checkout, now),
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
    allowedCurrencies: allowed.map(paidCurrency),
    currency: paidCurrency(currency),
    createdAt: checkout.createdAt.toISOString(),
    updatedAt: checkout.updatedAt.toISOString(),
    ...(options.detailed ? { orderId: checkout.orderId, refunds: refundsOf(store, checkout) } : {}),
  };
}

export function publicCheckoutPayload(store: Store, checkout: CheckoutRecord, now: Date, publicUrl: string): PublicCheckout {
  const customer = customerOf(store, checkout);
  const named = namedCustomerOf(store, checkout);
  const { allowed, currency } = currenciesNow(store, checkout, now);
  return {
    id: checkout.id,
    url: checkoutUrlOf(publicUrl, checkout.id),
    status: statusOf(checkout, now),
    expiresAt: checkout.expiresAt.toISOString(),
    successUrl: checkout.successUrl,
    cancelUrl: checkout.cancelUrl,
    allowedCurrencies: allowed,
    currency,
    collect: { name: !customer, email: !customer, address: checkout.collectAddress, phone: checkout.collectPhone },
    customer: named ? { id: named.id, name: named.name, email: named.email } : null,
    payments: paymentsOf(checkout.account),
    products: productsOf(store, checkout, now),
  };
}

/** Paid writes currencies in upper case (`"USD"`); the element and Stripe, in lower case. */
export function paidCurrency(code: string): string {
  return code.toUpperCase();
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

/** Paid's `Product`, with our `plans` and `basePrice` (what a checkout sells, in the element's shape). */
export function productObject(product: ProductRecord) {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    createdAt: iso(product.createdAt),
    updatedAt: iso(product.updatedAt),
    active: product.active,
    productCode: product.productCode,
    externalId: product.externalId,
    archivedAt: isoOrNull(product.archivedAt),
    metadata: product.metadata,
    plans: product.plans,
    basePrice: product.basePrice,
  };
}

/** Paid's `Customer`; text Paid types as always present is `""` when unknown. */
export function customerObject(customer: CustomerRecord) {
  return {
    id: customer.id,
    name: customer.name,
    legalName: customer.legalName,
    email: customer.email ?? '',
    phone: customer.phone ?? '',
    website: customer.website ?? '',
    externalId: customer.externalId,
    billingAddress: customer.billingAddress,
    creationState: customer.creationState,
    churnDate: isoOrNull(customer.churnDate),
    vatNumber: customer.vatNumber,
    metadata: customer.metadata,
    defaultCurrency: paidCurrency(customer.defaultCurrency),
    createdAt: iso(customer.createdAt),
    updatedAt: iso(customer.updatedAt),
  };
}

/**
 * Paid's `Order`, its money in minor units: `orderAmount` what its lines cost a period, billed
 * amounts from its paid invoices (tax none yet). Ours: `status`, `currency`, `checkoutId` and
 * `lines` (product, plan, quantity, interval, amount and period of each).
 */
/** What the invoices have billed each order so far, in one pass over them. */
export function billedByOrder(store: Store): Map<string, number> {
  const billed = new Map<string, number>();
  for (const invoice of store.invoices.list()) {
    for (const line of invoice.lines) if (line.orderId) billed.set(line.orderId, (billed.get(line.orderId) ?? 0) + line.amount);
  }
  return billed;
}

/** Paid's Order. A list passes `billed` once for every order, so that it reads the invoices once. */
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

/** Paid's `CustomerUser`; `created` says whether this upsert made it. */
export function customerUserObject(user: CustomerUserRecord, created: boolean) {
  return {
    id: user.id,
    externalId: user.externalId,
    customerExternalId: user.customerExternalId,
    name: user.name,
    email: user.email,
    metadata: user.metadata,
    status: user.status,
    created,
    createdAt: iso(user.createdAt),
    updatedAt: iso(user.updatedAt),
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
