// New records with Paid's defaults for every field a caller does not set, so that each place
// that makes a product, customer or order says only what is particular to it.
import type { PostalAddress } from '../src/api/schemas.ts';
import type { BillingAddress, CustomerRecord, OrderRecord, ProductRecord } from './merchant-records.ts';
import type { Store } from './store.ts';

type Defaulted<T, Required extends keyof T> = Pick<T, Required> & Partial<Omit<T, Required>>;

export function productRecord(fields: Defaulted<ProductRecord, 'id' | 'name'>, now: Date): ProductRecord {
  return {
    description: null,
    plans: [],
    basePrice: null,
    active: true,
    productCode: null,
    externalId: null,
    archivedAt: null,
    metadata: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

export function customerRecord(fields: Defaulted<CustomerRecord, 'id' | 'name'>, now: Date): CustomerRecord {
  return {
    legalName: null,
    email: null,
    phone: null,
    website: null,
    externalId: null,
    billingAddress: null,
    creationState: 'active',
    churnDate: null,
    vatNumber: null,
    metadata: null,
    defaultCurrency: 'usd',
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

/** The next order number: one more than the highest so far. */
function nextOrderNumber(store: Store): number {
  return store.highestOrderNumber() + 1;
}

export function orderRecord(
  store: Store,
  fields: Defaulted<OrderRecord, 'id' | 'customerId' | 'currency' | 'lines' | 'source'>,
  now: Date,
): OrderRecord {
  const number = fields.number ?? nextOrderNumber(store);
  return {
    number,
    name: `Order ${number}`,
    status: 'active',
    creationState: 'active',
    seats: [],
    checkoutId: null,
    startDate: now,
    endDate: null,
    metadata: null,
    settings: {
      billingCustomerId: null,
      billingContactIds: [],
      subscriptionTerms: null,
      paymentTerms: null,
      externalId: null,
      autoPostInvoices: null,
      autoSendBillingEmails: null,
      autoSendPaymentEmails: null,
    },
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

/** A buyer's postal address as Paid's billing address (`postalCode` is Paid's `zipCode`). */
export function billingAddressOf(address: PostalAddress): BillingAddress {
  return {
    line1: address.line1,
    ...(address.line2 ? { line2: address.line2 } : {}),
    city: address.city,
    ...(address.state ? { state: address.state } : {}),
    zipCode: address.postalCode,
    country: address.country,
  };
}
