// Paid's catalog objects on the wire: Product, Customer and CustomerUser.
import { paidCurrency } from '../currencies.ts';
import type { CustomerRecord, CustomerUserRecord, ProductRecord } from '../merchant-records.ts';
import { iso, isoOrNull } from './iso.ts';

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
