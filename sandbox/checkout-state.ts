// What a checkout looks like at an instant: its status from the clock, its customer, its
// products as the buyer sees them (with any current subscription), and its currencies.
import type { CheckoutStatus, CurrentSubscription, Product } from '../src/api/schemas.ts';
import { currenciesOffered } from '../src/pricing/selection.ts';
import type { CheckoutRecord, CustomerRecord, OrderLineRecord, ProductRecord, Store } from './store.ts';

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
    return store.customers.find((customer) => customer.externalId === externalId) ?? null;
  }
  return null;
}

/**
 * The customer a public read may name: the one the merchant made the checkout for. A customer that
 * came into being after the checkout was created (its first payment made it, from what the buyer
 * typed) is the buyer of an anonymous link, and anyone holding the link must not learn who that was.
 */
export function namedCustomerOf(store: Store, checkout: CheckoutRecord): CustomerRecord | null {
  const customer = customerOf(store, checkout);
  if (!customer || checkout.customerId) return customer;
  return customer.createdAt.getTime() <= checkout.createdAt.getTime() ? customer : null;
}

/** The customer's latest recurring order line for `productId`, with its order id. */
export function currentLineOf(
  store: Store,
  customerId: string,
  productId: string,
): { orderId: string; line: OrderLineRecord } | null {
  let found: { orderId: string; line: OrderLineRecord; updatedAt: number } | null = null;
  for (const order of store.orders.list()) {
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
export function productView(store: Store, product: ProductRecord, customer: CustomerRecord | null, now: Date): Product {
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

export function productsOf(store: Store, checkout: CheckoutRecord, now: Date): Product[] {
  const customer = customerOf(store, checkout);
  return checkout.productIds.flatMap((id) => {
    const product = store.products.get(id);
    return product ? [productView(store, product, customer, now)] : [];
  });
}

/** Currencies in which every product can be bought (only the subscription's own for an upgrade), narrowed by a lock. */
export function allowedCurrenciesOf(products: readonly Product[], lockedCurrency: string | null): string[] {
  const offered = currenciesOffered(products);
  return lockedCurrency ? offered.filter((currency) => currency === lockedCurrency) : offered;
}

/** The currency shown first: the lock, else usd when allowed, else the first allowed. */
export function defaultCurrencyOf(allowed: readonly string[], lockedCurrency: string | null): string {
  if (lockedCurrency) return lockedCurrency;
  if (allowed.includes('usd')) return 'usd';
  return allowed[0] ?? 'usd';
}
