// What a checkout looks like at an instant: its status from the clock, its customer, its
// products as the buyer sees them (with any current subscription), and its currencies, read
// once into a CheckoutAt that services and serializers take from here.
import type { CheckoutStatus, CurrentSubscription, Product } from '../../src/api/schemas.ts';
import { allowedCurrenciesOf, defaultCurrencyOf } from '../currencies.ts';
import type { CheckoutRecord, PaymentIntentRecord } from '../checkout-records.ts';
import type { CustomerRecord, OrderLineRecord, ProductRecord } from '../merchant-records.ts';
import type { Store } from '../store.ts';

/** Archived and completed are final; otherwise the clock decides between active and expired. */
export function statusOf(checkout: CheckoutRecord, now: Date): CheckoutStatus {
  if (checkout.archivedAt) return 'archived';
  if (checkout.completedAt) return 'completed';
  if (checkout.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The checkout's customer: by id, else by the merchant's external id once that customer exists. */
export function customerOf(store: Store, checkout: CheckoutRecord): CustomerRecord | null {
  if (checkout.customerId) return store.customers.get(checkout.customerId) ?? null;
  if (checkout.externalCustomerId) {
    const externalId = checkout.externalCustomerId;
    return store.customers.withKey(externalId)[0] ?? null;
  }
  return null;
}

/**
 * The customer a public read may name: the one the merchant made the checkout for. A customer that
 * came into being after the checkout was created (its first payment made it, from what the buyer
 * typed) is the buyer of an anonymous link, and anyone holding the link must not learn who that was.
 */
export function namedCustomerOf(checkout: CheckoutRecord, customer: CustomerRecord | null): CustomerRecord | null {
  if (!customer || checkout.customerId) return customer;
  return customer.createdAt.getTime() <= checkout.createdAt.getTime() ? customer : null;
}

/** The checkout's payments, oldest first. */
export function paymentIntentsOf(store: Store, checkout: CheckoutRecord): PaymentIntentRecord[] {
  return checkout.paymentIntentIds.flatMap((id) => store.paymentIntents.get(id) ?? []);
}

/** The customer's latest recurring order line for `productId`, with its order id. */
function currentLineOf(
  store: Store,
  customerId: string,
  productId: string,
): { orderId: string; line: OrderLineRecord } | null {
  let found: { orderId: string; line: OrderLineRecord; updatedAt: number } | null = null;
  for (const order of store.orders.withKey(customerId)) {
    // Only what a checkout sold is a subscription a checkout can change; the merchant's own orders are theirs.
    if (order.customerId !== customerId || order.status !== 'active' || order.source !== 'checkout') continue;
    for (const line of order.lines) {
      if (line.productId !== productId || line.interval === 'one_time') continue;
      if (!found || order.updatedAt.getTime() >= found.updatedAt) found = { orderId: order.id, line, updatedAt: order.updatedAt.getTime() };
    }
  }
  return found && { orderId: found.orderId, line: found.line };
}

/** The line as the public `current`; pricing applies the trial and ended-period rule (src/pricing/period.ts). */
function currentSubscription(orderId: string, line: OrderLineRecord): CurrentSubscription {
  return {
    orderId,
    planId: line.planId,
    quantity: line.quantity,
    periodStart: line.periodStart.toISOString(),
    periodEnd: line.periodEnd.toISOString(),
    amount: line.amount,
    currency: line.currency,
    interval: line.interval,
    trialEndsAt: line.trialEndsAt ? line.trialEndsAt.toISOString() : null,
  };
}

/** A catalog product in the public shape, with `current` set when `customer` subscribes to it. */
function publicProductOf(store: Store, product: ProductRecord, customer: CustomerRecord | null): Product {
  const current = customer ? currentLineOf(store, customer.id, product.id) : null;
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    plans: product.plans,
    basePrice: product.basePrice,
    current: current ? currentSubscription(current.orderId, current.line) : null,
  };
}

function productsOf(store: Store, checkout: CheckoutRecord, customer: CustomerRecord | null): Product[] {
  return checkout.productIds.flatMap((id) => {
    const product = store.products.get(id);
    return product ? [publicProductOf(store, product, customer)] : [];
  });
}

/**
 * Why a checkout the merchant has not archived can no longer be sold as it was made (ours): a
 * product it sells was deactivated (Paid's `active: false`; reactivated, it sells again), or the
 * customer it was made for by id was deleted. Its public read then says `archived`, and a quote or
 * complete is refused as for an archived checkout; the merchant's own read keeps its status.
 */
export type NoLongerSold = { reason: 'product_inactive'; productName: string } | { reason: 'customer_deleted' };

function noLongerSoldOf(store: Store, checkout: CheckoutRecord, customer: CustomerRecord | null): NoLongerSold | null {
  if (checkout.customerId && !customer) return { reason: 'customer_deleted' };
  for (const id of checkout.productIds) {
    const product = store.products.get(id);
    if (product && !product.active) return { reason: 'product_inactive', productName: product.name };
  }
  return null;
}

/** A checkout at an instant, read once for a request. */
export interface CheckoutAt {
  /** As the merchant made it: archived, completed, expired or active. */
  status: CheckoutStatus;
  /** What the buyer is told: `archived` for an active checkout that is no longer sold (`noLongerSold`). */
  publicStatus: CheckoutStatus;
  noLongerSold: NoLongerSold | null;
  customer: CustomerRecord | null;
  /** A checkout made for an external id whose customer the merchant deleted (none found now). */
  externalCustomerDeleted: boolean;
  /** Its products as the buyer sees them, each with the customer's current subscription. */
  products: Product[];
  /** Currencies every product can be bought in now, narrowed by the lock: what a payment may use. */
  payable: string[];
  /** What the buyer is offered: the payable ones, or those at creation if the customer's subscriptions moved. */
  offered: string[];
  /** The one shown first. */
  currency: string;
}

export function checkoutAt(store: Store, checkout: CheckoutRecord, now: Date): CheckoutAt {
  const customer = customerOf(store, checkout);
  const products = productsOf(store, checkout, customer);
  const payable = allowedCurrenciesOf(products, checkout.lockedCurrency);
  const offered = payable.length > 0 ? payable : checkout.allowedCurrenciesAtCreation;
  const status = statusOf(checkout, now);
  const noLongerSold = noLongerSoldOf(store, checkout, customer);
  const publicStatus = status === 'active' && noLongerSold ? 'archived' : status;
  const externalCustomerDeleted = !customer && !!checkout.externalCustomerId && store.deletedCustomerExternalIds.has(checkout.externalCustomerId);
  return { status, publicStatus, noLongerSold, customer, externalCustomerDeleted, products, payable, offered, currency: defaultCurrencyOf(offered, checkout.lockedCurrency) };
}

/** The products of a checkout being created, as its customer (when one is named and exists) would see them. */
export function draftProductsOf(store: Store, checkout: CheckoutRecord): Product[] {
  return productsOf(store, checkout, customerOf(store, checkout));
}
