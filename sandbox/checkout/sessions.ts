// A checkout session's life on the merchant's side: create one (its products, customer and expiry
// checked), archive one, and the rule that only an active checkout can be paid.
import { ApiError, validationError, type InvalidField } from '../http.ts';
import type { ServiceContext } from '../context.ts';
import { allowedCurrenciesOf } from '../currencies.ts';
import { newId } from '../ids.ts';
import type { CreateCheckoutBody } from '../request-schemas.ts';
import type { AccountName } from '../accounts.ts';
import type { CheckoutRecord } from '../checkout-records.ts';
import { draftProductsOf, statusOf, type CheckoutAt } from './state.ts';

/** How far ahead a merchant may set `expiresAt`, and the default lifetime. */
const MAX_EXPIRY_MS = 30 * 86_400_000;
const DEFAULT_EXPIRY_MS = 24 * 3_600_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Problems with what a create body refers to (products, customer) and when it expires, found
 * in whatever parts of `input` are well formed, so that a 400 names them beside shape problems.
 */
export function checkoutReferenceProblems({ store, clock }: ServiceContext, input: unknown): InvalidField[] {
  if (!isRecord(input)) return [];
  const problems: InvalidField[] = [];
  const now = clock.now();
  if (Array.isArray(input.products)) {
    input.products.forEach((item: unknown, index) => {
      const id = isRecord(item) ? item.id : undefined;
      if (typeof id === 'string' && id !== '' && !store.products.get(id)?.active) {
        problems.push({ field: `products.${index}.id`, message: 'no such product' });
      }
    });
  }
  const { customerId, externalCustomerId, expiresAt } = input;
  if (typeof customerId === 'string' && customerId !== '' && !store.customers.get(customerId)) {
    problems.push({ field: 'customerId', message: 'no such customer' });
  }
  if (typeof customerId === 'string' && typeof externalCustomerId === 'string') {
    problems.push({ field: 'externalCustomerId', message: 'give customerId or externalCustomerId, not both' });
  }
  const expiry = typeof expiresAt === 'string' ? Date.parse(expiresAt) : Number.NaN;
  if (typeof expiresAt === 'string' && Number.isNaN(expiry)) problems.push({ field: 'expiresAt', message: 'is not a date' });
  else if (expiry <= now.getTime()) problems.push({ field: 'expiresAt', message: 'must be in the future' });
  else if (expiry > now.getTime() + MAX_EXPIRY_MS) problems.push({ field: 'expiresAt', message: 'must be at most 30 days ahead' });
  return problems;
}

/** A reference problem that means "no such record": what the SDK's `createCheckout` types as `NotFoundError`. */
const isUnknownReference = (problem: InvalidField) => problem.message === 'no such product' || problem.message === 'no such customer';

/**
 * The refusal of a well-formed create body: 400 naming each bad field, or, when its only fault is
 * a product or customer that does not exist, 404 `not_found` naming them (the SDK's
 * `createCheckout` throws `NotFoundError`), with the same `details` and `fields`.
 */
export function createRefusal(problems: InvalidField[]): ApiError {
  if (!problems.every(isUnknownReference)) return validationError(problems);
  const named = problems.map((problem) => problem.field).join(', ');
  return new ApiError(404, 'not_found', `The checkout refers to what does not exist (${named}).`, { fields: problems });
}

export function createCheckout(context: ServiceContext, account: AccountName, body: CreateCheckoutBody): CheckoutRecord {
  const { store, clock } = context;
  const now = clock.now();
  const problems = checkoutReferenceProblems(context, body);
  if (problems.length > 0) throw createRefusal(problems);
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : new Date(now.getTime() + DEFAULT_EXPIRY_MS);

  const draft: CheckoutRecord = {
    id: newId('chk'),
    account,
    productIds: body.products.map(({ id }) => id),
    customerId: body.customerId ?? null,
    externalCustomerId: body.externalCustomerId ?? null,
    successUrl: body.successUrl,
    cancelUrl: body.cancelUrl ?? null,
    expiresAt,
    metadata: body.metadata ?? {},
    // Paid's guide: the address is collected unless the merchant says otherwise (tax needs it).
    collectAddress: body.collectAddress ?? true,
    collectPhone: body.collectPhone ?? false,
    singleUse: body.singleUse ?? true,
    lockedCurrency: body.currency ?? null,
    allowedCurrenciesAtCreation: [],
    archivedAt: null,
    paymentIntentIds: [],
    completedAt: null,
    paidByCustomerId: null,
    orderId: null,
    createdAt: now,
    updatedAt: now,
  };
  const products = draftProductsOf(store, draft);
  const everyCurrency = allowedCurrenciesOf(products, null);
  if (everyCurrency.length === 0) {
    throw validationError([{ field: 'products', message: 'there is no currency in which every product can be bought' }]);
  }
  if (draft.lockedCurrency && !everyCurrency.includes(draft.lockedCurrency)) {
    throw validationError([{ field: 'currency', message: `must be one in which every product can be bought (${everyCurrency.join(', ')})` }]);
  }
  draft.allowedCurrenciesAtCreation = allowedCurrenciesOf(products, draft.lockedCurrency);
  store.checkouts.put(draft);
  return draft;
}

export function archiveCheckout(context: ServiceContext, checkout: CheckoutRecord): CheckoutRecord {
  const now = context.clock.now();
  const status = statusOf(checkout, now);
  if (status === 'completed') throw new ApiError(409, 'completed', 'A paid checkout cannot be archived.');
  if (status === 'archived') return checkout;
  // A payment still in 3-D Secure is left to its bank: confirmed after this, it is refunded, not lost.
  checkout.archivedAt = now;
  checkout.updatedAt = now;
  return checkout;
}

const closedMessages = {
  expired: 'This checkout has expired.',
  completed: 'This checkout has already been paid.',
  archived: 'This checkout is no longer available.',
} as const;

/** 409 with the status as its code (`expired`, `completed`, `archived`) unless the checkout is active. */
export function assertActive(status: CheckoutAt['status']): void {
  if (status !== 'active') throw new ApiError(409, status, closedMessages[status]);
}

/**
 * What a quote or a new payment needs: an active checkout that can still be sold as it was made.
 * One whose product was deactivated, or whose customer (by id) was deleted, is refused as an
 * archived one (`409 archived`, which the element words and which ends its flow), in a sentence
 * that says why.
 */
export function assertOpen(state: Pick<CheckoutAt, 'status' | 'noLongerSold'>): void {
  assertActive(state.status);
  const closed = state.noLongerSold;
  if (!closed) return;
  const why = closed.reason === 'product_inactive' ? `${closed.productName} is no longer sold` : 'the account it was made for was closed';
  throw new ApiError(409, 'archived', `This checkout is no longer available: ${why}. Nothing was charged.`);
}
