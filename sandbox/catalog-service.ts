// Products and customers created through the private API, checked against the public shapes.
import { product as publicProduct } from '../src/api/schemas.ts';
import type { Clock } from './clock.ts';
import { validationError, type FieldProblem } from './http.ts';
import { newId } from './ids.ts';
import type { CreateCustomerBody, CreateProductBody } from './request-schemas.ts';
import type { CustomerRecord, ProductRecord, Store } from './store.ts';

interface CatalogContext {
  store: Store;
  clock: Clock;
}

function planIdTaken(store: Store, planId: string): boolean {
  return store.products.find((product) => product.plans.some((plan) => plan.id === planId)) !== undefined;
}

export function createProduct({ store, clock }: CatalogContext, body: CreateProductBody): ProductRecord {
  const now = clock.now();
  const problems: FieldProblem[] = [];
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
  const record: ProductRecord = {
    id: newId('prod'),
    name: body.name,
    description: body.description ?? null,
    plans,
    basePrice: body.basePrice ?? null,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
  // The product must read back as the element expects it, or no checkout could show it.
  const checked = publicProduct.safeParse({ ...record, current: null });
  if (!checked.success) {
    for (const issue of checked.error.issues) problems.push({ field: issue.path.map(String).join('.') || 'body', message: issue.message });
  }
  if (problems.length > 0) throw validationError(problems);
  store.products.put(record);
  return record;
}

export function createCustomer({ store, clock }: CatalogContext, body: CreateCustomerBody): CustomerRecord {
  const now = clock.now();
  const externalId = body.externalId ?? null;
  if (externalId && store.customers.find((customer) => customer.externalId === externalId)) {
    throw validationError([{ field: 'externalId', message: 'is already used by another customer' }]);
  }
  const customer: CustomerRecord = {
    id: newId('cus'),
    name: body.name,
    email: body.email,
    externalId,
    phone: null,
    address: null,
    createdAt: now,
    updatedAt: now,
  };
  store.customers.put(customer);
  return customer;
}
