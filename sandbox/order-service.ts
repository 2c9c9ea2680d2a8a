// Orders the merchant makes and changes through the private API (Paid's createOrder,
// updateOrder, deleteOrder) and the seats of per-seat lines, kept in step with their quantity.
import type { Price } from '../src/api/schemas.ts';
import { addInterval } from '../src/pricing/interval.ts';
import type { ServiceContext } from './context.ts';
import { ApiError, validationError, type InvalidField } from './http.ts';
import { newId } from './ids.ts';
import { orderRecord } from './records.ts';
import type { CreateOrderBody, UpdateOrderBody } from './order-schemas.ts';
import type { OrderLineRecord, OrderRecord, SeatRecord } from './merchant-records.ts';
import type { Store } from './store.ts';

/** The price an order line was bought at: its plan's, or its product's base price, in its currency. */
function priceOfLine(store: Store, line: OrderLineRecord): Price | undefined {
  const product = store.products.get(line.productId);
  if (!product) return undefined;
  const prices = line.planId ? (product.plans.find((plan) => plan.id === line.planId)?.prices ?? []) : product.basePrice ? [product.basePrice] : [];
  return prices.find((price) => price.currency === line.currency);
}

/** One seat per unit of every per-seat line: seats are added free, and removed free ones first. */
export function syncSeats(store: Store, order: OrderRecord, now: Date): void {
  const wanted = new Map<string, number>();
  for (const line of order.lines) {
    if (priceOfLine(store, line)?.model === 'per_unit') wanted.set(line.productId, (wanted.get(line.productId) ?? 0) + line.quantity);
  }
  const kept: SeatRecord[] = [];
  for (const [productId, count] of wanted) {
    const seats = order.seats.filter((seat) => seat.productId === productId);
    const byKeep = [...seats.filter((seat) => seat.userExternalId !== null), ...seats.filter((seat) => seat.userExternalId === null)];
    const staying = byKeep.slice(0, count);
    while (staying.length < count) staying.push({ id: newId('seat'), productId, userExternalId: null, createdAt: now, updatedAt: now });
    kept.push(...seats.filter((seat) => staying.includes(seat)), ...staying.filter((seat) => !seats.includes(seat)));
  }
  order.seats = kept;
}

export function createOrder({ store, clock }: ServiceContext, body: CreateOrderBody): OrderRecord {
  const now = clock.now();
  const problems: InvalidField[] = [];
  const customer = store.customers.get(body.customerId);
  if (!customer) problems.push({ field: 'customerId', message: 'no such customer' });
  if (body.billingCustomerId && !store.customers.get(body.billingCustomerId)) {
    problems.push({ field: 'billingCustomerId', message: 'no such customer' });
  }
  (body.lines ?? []).forEach((line, index) => {
    if (!store.products.get(line.productId)) problems.push({ field: `lines.${index}.productId`, message: 'no such product' });
  });
  if (problems.length > 0 || !customer) throw validationError(problems);
  const startDate = body.startDate ? new Date(body.startDate) : now;
  const currency = body.currency ?? customer.defaultCurrency;
  const lines: OrderLineRecord[] = (body.lines ?? []).map((line) => {
    const periodStart = line.startDate ? new Date(line.startDate) : startDate;
    return {
      id: newId('line'),
      productId: line.productId,
      name: line.name ?? store.products.get(line.productId)?.name ?? line.productId,
      description: line.description ?? null,
      planId: null,
      quantity: 1,
      interval: 'month',
      amount: 0,
      currency,
      periodStart,
      periodEnd: line.endDate ? new Date(line.endDate) : addInterval(periodStart, 'month'),
      trialEndsAt: null,
      periodTax: 0,
    };
  });
  const order = orderRecord(
    store,
    {
      id: newId('ord'),
      customerId: customer.id,
      source: 'api',
      currency,
      lines,
      ...(body.name ? { name: body.name } : {}),
      creationState: body.creationState ?? 'draft',
      startDate,
      endDate: body.endDate ? new Date(body.endDate) : null,
      metadata: body.metadata ?? null,
    },
    now,
  );
  applySettings(order, body);
  store.orders.put(order);
  return order;
}

function applySettings(order: OrderRecord, body: UpdateOrderBody): void {
  const { settings } = order;
  if (body.billingCustomerId !== undefined) settings.billingCustomerId = body.billingCustomerId;
  if (body.billingContactIds !== undefined) settings.billingContactIds = body.billingContactIds;
  if (body.subscriptionTerms !== undefined) settings.subscriptionTerms = body.subscriptionTerms;
  if (body.paymentTerms !== undefined) settings.paymentTerms = body.paymentTerms;
  if (body.externalId !== undefined) settings.externalId = body.externalId;
  if (body.autoPostInvoices !== undefined) settings.autoPostInvoices = body.autoPostInvoices;
  if (body.autoSendBillingEmails !== undefined) settings.autoSendBillingEmails = body.autoSendBillingEmails;
  if (body.autoSendPaymentEmails !== undefined) settings.autoSendPaymentEmails = body.autoSendPaymentEmails;
}

export function updateOrder({ store, clock }: ServiceContext, order: OrderRecord, body: UpdateOrderBody): OrderRecord {
  if (body.billingCustomerId && !store.customers.get(body.billingCustomerId)) {
    throw validationError([{ field: 'billingCustomerId', message: 'no such customer' }]);
  }
  if (body.name !== undefined) order.name = body.name;
  if (body.startDate !== undefined) order.startDate = new Date(body.startDate);
  if (body.endDate !== undefined) order.endDate = new Date(body.endDate);
  if (body.creationState !== undefined) order.creationState = body.creationState;
  if (body.metadata !== undefined) order.metadata = body.metadata;
  applySettings(order, body);
  order.version += 1;
  order.updatedAt = clock.now();
  return order;
}

export function deleteOrder({ store }: ServiceContext, order: OrderRecord): void {
  store.orders.remove(order.id);
}

/** Assigns (or frees, with null) the seats named; every seat and user is checked before any change. */
export function assignSeats(
  { store, clock }: ServiceContext,
  order: OrderRecord,
  assignments: ReadonlyArray<{ seatId: string; userExternalId: string | null }>,
): SeatRecord[] {
  const customerExternalId = store.customers.get(order.customerId)?.externalId ?? null;
  const problems: InvalidField[] = [];
  const seats = assignments.map(({ seatId, userExternalId }, index) => {
    const seat = order.seats.find((candidate) => candidate.id === seatId);
    if (!seat) problems.push({ field: `assignments.${index}.seatId`, message: 'no such seat on this order' });
    if (userExternalId !== null) {
      const user = store.customerUsers.find((candidate) => candidate.externalId === userExternalId && candidate.customerExternalId === customerExternalId);
      if (!user) problems.push({ field: `assignments.${index}.userExternalId`, message: "no such user of this order's customer (create it with upsertCustomerUserByExternalId)" });
    }
    return seat;
  });
  if (problems.length > 0) throw validationError(problems);
  const now = clock.now();
  return assignments.map(({ userExternalId }, index) => {
    const seat = seats[index];
    if (!seat) throw new ApiError(404, 'not_found', 'No such seat.');
    seat.userExternalId = userExternalId;
    seat.updatedAt = now;
    return seat;
  });
}
