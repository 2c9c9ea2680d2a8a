// Products, customers and customer users made and changed through the private API (Paid's
// request shapes), checked so that every product still reads as the element expects it.
import { product as publicProduct } from '../src/api/schemas.ts';
import type { ServiceContext } from './context.ts';
import { ApiError, validationError, type InvalidField } from './http.ts';
import { newId } from './ids.ts';
import { customerRecord, productRecord } from './records.ts';
import type { CreateCustomerBody, CreateProductBody, UpdateCustomerBody, UpdateProductBody, UpsertCustomerUserBody } from './catalog-schemas.ts';
import type { CustomerRecord, CustomerUserRecord, ProductRecord } from './merchant-records.ts';
import type { Collection, Store } from './store.ts';

function planIdTaken(store: Store, planId: string): boolean {
  return store.products.find((product) => product.plans.some((plan) => plan.id === planId)) !== undefined;
}

function externalIdProblem<T extends { id: string; externalId: string | null }>(
  records: readonly T[],
  externalId: string | null | undefined,
  self: string | null,
  what: string,
): InvalidField | null {
  if (!externalId) return null;
  const owner = records.find((record) => record.externalId === externalId);
  return owner && owner.id !== self ? { field: 'externalId', message: `is already used by another ${what}` } : null;
}

/** Paid's `defined ?? keep` for an update: a field left out keeps its value, `null` clears it. */
function updated<T>(given: T | undefined, kept: T): T {
  return given === undefined ? kept : given;
}

export function createProduct({ store, clock }: ServiceContext, body: CreateProductBody): ProductRecord {
  const now = clock.now();
  const problems: InvalidField[] = [];
  const seen = new Set<string>();
  const plans = (body.plans ?? []).map((plan, index) => {
    const id = plan.id ?? newId('plan');
    if (planIdTaken(store, id) || seen.has(id)) problems.push({ field: `plans.${index}.id`, message: 'is already used by another plan' });
    seen.add(id);
    return {
      id,
      name: plan.name,
      description: plan.description ?? null,
      features: plan.features ?? [],
      recommended: plan.recommended ?? false,
      prices: plan.prices,
    };
  });
  const duplicate = externalIdProblem(store.products.list(), body.externalId, null, 'product');
  if (duplicate) problems.push(duplicate);
  const record = productRecord(
    {
      id: newId('prod'),
      name: body.name,
      description: body.description ?? null,
      plans,
      basePrice: body.basePrice ?? null,
      active: body.active ?? true,
      productCode: body.productCode ?? null,
      externalId: body.externalId ?? null,
      metadata: body.metadata ?? null,
    },
    now,
  );
  // A product with a price must read back as the element expects it, or no checkout could show it.
  if (plans.length > 0 || record.basePrice) {
    const checked = publicProduct.safeParse({ ...record, current: null });
    if (!checked.success) {
      for (const issue of checked.error.issues) problems.push({ field: issue.path.map(String).join('.') || 'body', message: issue.message });
    }
  }
  if (problems.length > 0) throw validationError(problems);
  store.products.put(record);
  return record;
}

/** The record whose external id (the merchant's own) is `externalId`. */
function byExternalId<T extends { id: string; externalId: string | null }>(records: Collection<T>, externalId: string): T | undefined {
  return records.find((record) => record.externalId === externalId);
}

export const productByExternalId = (store: Store, externalId: string) => byExternalId(store.products, externalId);
export const customerByExternalId = (store: Store, externalId: string) => byExternalId(store.customers, externalId);

/** 400 when another record already has the external id a create or update asks for. */
function assertExternalIdFree<T extends { id: string; externalId: string | null }>(
  records: Collection<T>,
  externalId: string | null | undefined,
  self: string | null,
  what: string,
): void {
  const duplicate = externalIdProblem(records.list(), externalId, self, what);
  if (duplicate) throw validationError([duplicate]);
}

export function updateProduct({ store, clock }: ServiceContext, product: ProductRecord, body: UpdateProductBody): ProductRecord {
  assertExternalIdFree(store.products, body.externalId, product.id, 'product');
  const now = clock.now();
  const active = updated(body.active ?? undefined, product.active);
  Object.assign(product, {
    name: body.name ?? product.name,
    description: updated(body.description, product.description),
    active,
    productCode: updated(body.productCode, product.productCode),
    externalId: updated(body.externalId, product.externalId),
    metadata: updated(body.metadata, product.metadata),
    archivedAt: active ? null : (product.archivedAt ?? now),
    updatedAt: now,
  });
  return product;
}

export function createCustomer({ store, clock }: ServiceContext, body: CreateCustomerBody): CustomerRecord {
  assertExternalIdFree(store.customers, body.externalId, null, 'customer');
  const customer = customerRecord(
    {
      id: newId('cus'),
      name: body.name,
      legalName: body.legalName ?? null,
      email: body.email ?? null,
      phone: body.phone ?? null,
      website: body.website ?? null,
      externalId: body.externalId ?? null,
      billingAddress: body.billingAddress ?? null,
      creationState: body.creationState ?? 'active',
      vatNumber: body.vatNumber ?? null,
      metadata: body.metadata ?? null,
      defaultCurrency: body.defaultCurrency ?? 'usd',
    },
    clock.now(),
  );
  store.customers.put(customer);
  return customer;
}

export function updateCustomer({ store, clock }: ServiceContext, customer: CustomerRecord, body: UpdateCustomerBody): CustomerRecord {
  assertExternalIdFree(store.customers, body.externalId, customer.id, 'customer');
  Object.assign(customer, {
    name: body.name ?? customer.name,
    legalName: updated(body.legalName, customer.legalName),
    email: updated(body.email, customer.email),
    phone: updated(body.phone, customer.phone),
    website: updated(body.website, customer.website),
    externalId: updated(body.externalId, customer.externalId),
    billingAddress: updated(body.billingAddress, customer.billingAddress),
    creationState: body.creationState ?? customer.creationState,
    churnDate: body.churnDate === undefined ? customer.churnDate : body.churnDate && new Date(body.churnDate),
    vatNumber: updated(body.vatNumber, customer.vatNumber),
    metadata: updated(body.metadata, customer.metadata),
    updatedAt: clock.now(),
  });
  // Stored again, so that its external id's index follows a change.
  store.customers.put(customer);
  return customer;
}

/** Deletes a customer who has bought nothing; one with orders keeps them, and is refused (409). */
export function deleteCustomer({ store }: ServiceContext, customer: CustomerRecord): void {
  if (store.orders.withKey(customer.id).length > 0) {
    throw new ApiError(409, 'customer_has_orders', 'This customer has orders; delete or end them first.');
  }
  store.customers.remove(customer.id);
  if (customer.externalId) store.deletedCustomerExternalIds.add(customer.externalId);
}

/** Creates or updates the user `userExternalId` of the customer whose external id is `customerExternalId`. */
export function upsertCustomerUser(
  { store, clock }: ServiceContext,
  customerExternalId: string,
  userExternalId: string,
  body: UpsertCustomerUserBody,
): { user: CustomerUserRecord; created: boolean } {
  if (!customerByExternalId(store, customerExternalId)) throw new ApiError(404, 'not_found', 'No such customer.');
  const now = clock.now();
  const existing = store.customerUsers.find((user) => user.customerExternalId === customerExternalId && user.externalId === userExternalId);
  if (existing) {
    Object.assign(existing, {
      name: body.name ?? existing.name,
      email: updated(body.email, existing.email),
      metadata: updated(body.metadata, existing.metadata),
      status: body.status ?? existing.status,
      updatedAt: now,
    });
    return { user: existing, created: false };
  }
  const user: CustomerUserRecord = {
    id: newId('cu'),
    externalId: userExternalId,
    customerExternalId,
    name: body.name ?? null,
    email: body.email ?? null,
    metadata: body.metadata ?? null,
    status: body.status ?? 'active',
    createdAt: now,
    updatedAt: now,
  };
  store.customerUsers.put(user);
  return { user, created: true };
}
