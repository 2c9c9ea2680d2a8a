// The wire shapes: private API objects (checkout, product, customer, order) and the public
// checkout payload, which never carries metadata, keys or other customers' data.
import type { PaymentsConfig, PublicCheckout } from '../src/api/schemas.ts';
import { allowedCurrenciesOf, customerOf, defaultCurrencyOf, productsOf, statusOf } from './checkout-state.ts';
import type { AccountName, CheckoutRecord, CustomerRecord, OrderRecord, ProductRecord, Store } from './store.ts';

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
    allowedCurrencies: allowed,
    currency,
    createdAt: checkout.createdAt.toISOString(),
    updatedAt: checkout.updatedAt.toISOString(),
    ...(options.detailed ? { orderId: checkout.orderId } : {}),
  };
}

export function publicCheckoutPayload(store: Store, checkout: CheckoutRecord, now: Date, publicUrl: string): PublicCheckout {
  const customer = customerOf(store, checkout);
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
    customer: customer ? { id: customer.id, name: customer.name, email: customer.email } : null,
    payments: paymentsOf(checkout.account),
    products: productsOf(store, checkout, now),
  };
}

export function productObject(product: ProductRecord) {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    plans: product.plans,
    basePrice: product.basePrice,
    active: product.active,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export function customerObject(customer: CustomerRecord) {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    externalId: customer.externalId,
    phone: customer.phone,
    address: customer.address,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}

export function orderObject(order: OrderRecord) {
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    currency: order.currency,
    checkoutId: order.checkoutId,
    lines: order.lines.map((line) => ({
      productId: line.productId,
      planId: line.planId,
      quantity: line.quantity,
      interval: line.interval,
      amount: line.amount,
      currency: line.currency,
      periodStart: line.periodStart.toISOString(),
      periodEnd: line.periodEnd.toISOString(),
      trialEndsAt: line.trialEndsAt?.toISOString() ?? null,
    })),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
