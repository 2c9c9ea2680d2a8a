// What the sandbox accepts, as strict classic-zod schemas (unknown fields are errors too), and
// the translation of zod issues into `validation_error` problems that name every bad field.
import * as z from 'zod';
import { isSecureOrLocalUrl, isWrittenHttpUrl, MAX_URL_LENGTH } from '../src/url.ts';
import type { IncomingMessage } from 'node:http';
import { readJsonBody, validationError, type FieldProblem } from './http.ts';

// Required text must show something: only spaces, zero-width or bidi controls (format characters) is empty.
export const text = (max: number) =>
  z.string().trim().min(1).max(max).regex(/[^\s\p{Cf}]/u, { message: 'must contain a visible character' });
export const reference = z.string().min(1).max(255);

/**
 * The most a price, a line or an order may amount to, in minor units: Stripe's limit for one
 * charge in most currencies ($999,999.99). Quantities share it: more units than this cost more
 * than the limit at one minor unit each. Lines and orders are checked at complete (checkout-service).
 */
export const MAX_AMOUNT = 99_999_999;

export const httpUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine((value) => isWrittenHttpUrl(value), {
    message: 'must be an absolute http(s) URL',
  });

// Where a checkout sends its buyer: http only on a loopback host, since on any other network an
// http page can be read or replaced on its way (it may carry the checkout id and the order).
const redirectUrl = httpUrl.refine((value) => !isWrittenHttpUrl(value) || isSecureOrLocalUrl(value), {
  message: 'must be https (http only on localhost, 127.0.0.0/8 or [::1])',
});

export const currencyCode = z.string().regex(/^[a-z]{3}$/, { message: 'must be a lowercase 3-letter ISO 4217 code, e.g. usd' });

/** ISO 4217 in any case, as Paid writes it (`"GBP"`); kept in Stripe's lower case. */
export const anyCaseCurrency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, { message: 'must be a 3-letter ISO 4217 code, e.g. USD' })
  .transform((code) => code.toLowerCase());

const timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone' });

export const METADATA_LIMITS = { keys: 50, keyLength: 40, serializedBytes: 8 * 1024, depth: 10 } as const;

/** Whether `value` nests arrays and objects at most `limit` deep; iterative, so any depth is safe to ask about. */
function nestsAtMost(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return false;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return true;
}

/**
 * Whether any object inside `value` has an own `__proto__` key. JSON.parse makes one as plain
 * data, but copying it into a new object sets that object's prototype instead: the key would
 * vanish from what is stored, and a merchant's code that merges metadata could be polluted.
 */
function hasPrototypeKey(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== 'object' || item === null) continue;
    if (!Array.isArray(item) && Object.prototype.hasOwnProperty.call(item, '__proto__')) return true;
    pending.push(...Object.values(item));
  }
  return false;
}

const metadata = z
  // Before z.json(), which recurses: a body nested thousands deep must be a 400, not a stack overflow.
  .custom<unknown>((value) => nestsAtMost(value, METADATA_LIMITS.depth), {
    message: `must nest at most ${METADATA_LIMITS.depth} levels deep`,
  })
  .refine((value) => !hasPrototypeKey(value), { message: 'must not use the key __proto__, at any depth' })
  .pipe(z.record(z.string(), z.json()))
  // Checked on the whole object, so that the problem is at `metadata`, not at a path made of the bad key.
  .refine((value) => Object.keys(value).every((key) => key.length >= 1 && key.length <= METADATA_LIMITS.keyLength), {
    message: `keys must be 1 to ${METADATA_LIMITS.keyLength} characters`,
  })
  .refine((value) => Object.keys(value).length <= METADATA_LIMITS.keys, {
    message: `must have at most ${METADATA_LIMITS.keys} keys`,
  })
  .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= METADATA_LIMITS.serializedBytes, {
    message: `must serialize to at most ${METADATA_LIMITS.serializedBytes} bytes of JSON`,
  });

/** Adds an issue at `[index, key]` for each repeated value in a list of objects. */
function noRepeats<T>(key: keyof T & string, what: string) {
  return (items: T[], context: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    items.forEach((item, index) => {
      if (seen.has(item[key])) context.addIssue({ code: 'custom', path: [index, key], message: `repeats an earlier ${what}` });
      seen.add(item[key]);
    });
  };
}

export const createCheckoutBody = z.strictObject({
  products: z
    .array(z.strictObject({ id: reference }))
    .min(1)
    .max(20)
    .superRefine(noRepeats<{ id: string }>('id', 'product')),
  customerId: reference.nullish(),
  externalCustomerId: reference.nullish(),
  successUrl: redirectUrl,
  cancelUrl: redirectUrl.nullish(),
  expiresAt: timestamp.nullish(),
  metadata: metadata.nullish(),
  collectAddress: z.boolean().nullish(),
  collectPhone: z.boolean().nullish(),
  singleUse: z.boolean().nullish(),
  currency: anyCaseCurrency.nullish(),
});
export type CreateCheckoutBody = z.infer<typeof createCheckoutBody>;

const limitMessage = { message: `must be at most ${MAX_AMOUNT.toLocaleString('en-US')} (Stripe's limit)` };
/** An amount in minor units, or a quantity: whole, from 0 to MAX_AMOUNT. */
export const count = z.number().int().min(0).max(MAX_AMOUNT, limitMessage);
export const positiveCount = z.number().int().positive().max(MAX_AMOUNT, limitMessage);

const tier = z.strictObject({
  upTo: positiveCount.nullable(),
  unitAmount: count,
  flatAmount: count.default(0),
});

function tiersInOrder(tiers: ReadonlyArray<{ upTo: number | null }>): boolean {
  let previous = 0;
  for (const [index, { upTo }] of tiers.entries()) {
    if (index === tiers.length - 1) return upTo === null;
    if (upTo === null || upTo <= previous) return false;
    previous = upTo;
  }
  return false;
}

export const priceBody = z
  .strictObject({
    currency: currencyCode,
    model: z.enum(['flat', 'per_unit', 'graduated', 'volume', 'usage', 'one_time']),
    amount: count,
    interval: z.enum(['month', 'quarter', 'half_year', 'year', 'one_time']),
    unitLabel: z.string().max(60).nullish(),
    tiers: z.array(tier).min(1).max(20).nullish(),
    minQuantity: count.nullish(),
    maxQuantity: count.nullish(),
    includedQuantity: count.nullish(),
    trialDays: z.number().int().min(0).max(730).nullish(),
  })
  .superRefine((price, context) => {
    if ((price.model === 'one_time') !== (price.interval === 'one_time')) {
      context.addIssue({ code: 'custom', path: ['interval'], message: 'one_time prices, and only they, have the one_time interval' });
    }
    const tiered = price.model === 'graduated' || price.model === 'volume';
    if (tiered && !(price.tiers && tiersInOrder(price.tiers))) {
      context.addIssue({ code: 'custom', path: ['tiers'], message: 'must ascend in upTo and end with upTo null' });
    }
    if (!tiered && price.tiers) context.addIssue({ code: 'custom', path: ['tiers'], message: 'only graduated and volume prices have tiers' });
    if ((price.minQuantity ?? 1) > (price.maxQuantity ?? Number.MAX_SAFE_INTEGER)) {
      context.addIssue({ code: 'custom', path: ['minQuantity'], message: 'must not exceed maxQuantity' });
    }
  });

const planBody = z
  .strictObject({
    id: z.string().regex(/^plan_[A-Za-z0-9_]{1,250}$/, { message: 'must be plan_ followed by letters, digits or _' }).optional(),
    name: text(500),
    description: z.string().max(5000).nullish(),
    features: z.array(z.string().max(500)).max(50).optional(),
    recommended: z.boolean().optional(),
    prices: z.array(priceBody).min(1).max(20).superRefine(noRepeats<{ currency: string }>('currency', 'currency: one price per currency')),
  });

const optionalText = (max: number) => z.string().max(max).nullish();

// Paid's CreateProductRequest; `plans` and `basePrice` are ours (what a checkout sells).
const productFields = {
  name: text(500),
  description: z.string().max(5000).nullish(),
  active: z.boolean().nullish(),
  productCode: optionalText(255),
  externalId: reference.nullish(),
  metadata: metadata.nullish(),
};

export const createProductBody = z
  .strictObject({
    ...productFields,
    plans: z.array(planBody).max(20).optional(),
    basePrice: priceBody.nullish(),
  })
  .superRefine((product, context) => {
    if ((product.plans?.length ?? 0) > 0 && product.basePrice) {
      context.addIssue({ code: 'custom', path: ['basePrice'], message: 'a product with plans has no basePrice' });
    }
  });
export type CreateProductBody = z.infer<typeof createProductBody>;

// Paid's UpdateProductRequest.
export const updateProductBody = z.strictObject({ ...productFields, name: text(500).optional() });
export type UpdateProductBody = z.infer<typeof updateProductBody>;

// Paid's CustomerBillingAddress: every part optional.
const billingAddress = z.strictObject({
  line1: optionalText(200).transform((value) => value ?? undefined),
  line2: optionalText(200).transform((value) => value ?? undefined),
  city: optionalText(200).transform((value) => value ?? undefined),
  state: optionalText(200).transform((value) => value ?? undefined),
  zipCode: optionalText(20).transform((value) => value ?? undefined),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code, e.g. US' })
    .transform((code) => code.toUpperCase())
    .nullish()
    .transform((value) => value ?? undefined),
});

// Paid's CreateCustomerRequest: only the name is required.
const customerFields = {
  name: text(200),
  legalName: optionalText(200),
  email: z.email({ message: 'must be an email address' }).max(254).optional(),
  phone: z.string().max(40).optional(),
  website: z.string().max(2048).optional(),
  externalId: reference.nullish(),
  billingAddress: billingAddress.nullish(),
  creationState: z.enum(['draft', 'active']).optional(),
  vatNumber: optionalText(50),
  metadata: metadata.nullish(),
};

export const createCustomerBody = z.strictObject({ ...customerFields, defaultCurrency: anyCaseCurrency.optional() });
export type CreateCustomerBody = z.infer<typeof createCustomerBody>;

// Paid's UpdateCustomerRequest.
export const updateCustomerBody = z.strictObject({ ...customerFields, name: text(200).optional(), churnDate: timestamp.nullish() });
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;

// Paid's UpsertCustomerUserRequest (its ids travel in the path).
export const upsertCustomerUserBody = z.strictObject({
  name: text(200).optional(),
  email: z.email({ message: 'must be an email address' }).max(254).nullish(),
  metadata: metadata.nullish(),
  status: z.enum(['active', 'deactivated']).optional(),
});
export type UpsertCustomerUserBody = z.infer<typeof upsertCustomerUserBody>;

const orderSettingsFields = {
  name: text(200).optional(),
  startDate: timestamp.optional(),
  endDate: timestamp.optional(),
  subscriptionTerms: z.number().int().min(0).max(1200).optional(),
  creationState: z.enum(['draft', 'active']).optional(),
  billingAnchor: z.number().int().min(1).max(31).optional(),
  paymentTerms: z.string().max(200).optional(),
  externalId: reference.optional(),
  metadata: metadata.optional(),
  billingCustomerId: reference.optional(),
  billingContactIds: z.array(reference).max(50).optional(),
  autoPostInvoices: z.boolean().optional(),
  autoSendBillingEmails: z.boolean().optional(),
  autoSendPaymentEmails: z.boolean().optional(),
};

// Paid's CreateOrderRequest. Line attributes (usage pricing Paid computes) are accepted and kept
// aside: the sandbox prices only what a checkout sells.
export const createOrderBody = z.strictObject({
  ...orderSettingsFields,
  customerId: reference,
  currency: anyCaseCurrency.optional(),
  lines: z
    .array(
      z.strictObject({
        productId: reference,
        name: text(200).optional(),
        description: z.string().max(5000).optional(),
        startDate: timestamp.optional(),
        endDate: timestamp.optional(),
        attributes: z.array(z.record(z.string(), z.json())).max(50).optional(),
      }),
    )
    .max(50)
    .optional(),
  billingFrequencyOverride: z
    .strictObject({
      frequency: z.enum(['monthly', 'quarterly', 'semiAnnually', 'annual', 'custom']),
      customMonths: z.number().int().min(1).max(120).nullish(),
    })
    .optional(),
});
export type CreateOrderBody = z.infer<typeof createOrderBody>;

// Paid's UpdateOrderRequest (its id travels in the path).
export const updateOrderBody = z.strictObject(orderSettingsFields);
export type UpdateOrderBody = z.infer<typeof updateOrderBody>;

export const seatAssignmentBody = z.strictObject({ userExternalId: reference.nullable() });

export const batchSeatAssignmentsBody = z.strictObject({
  assignments: z.array(z.strictObject({ seatId: reference, userExternalId: reference.nullable() })).min(1).max(500),
});

// Paid's UpdateInvoiceRequest (its id travels in the path).
export const updateInvoiceBody = z.strictObject({ metadata: metadata.nullish() });


export const authenticateBody = z.strictObject({
  clientSecret: z.string().min(1).max(500),
  outcome: z.enum(['succeeded', 'failed']),
});

/** A body that must be empty: `{}` (archive takes no input). */
export const emptyBody = z.strictObject({});

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const checkoutListQuery = pageQuery.extend({
  status: z.enum(['active', 'completed', 'expired', 'archived']).optional(),
});

export const seatListQuery = pageQuery.extend({
  productExternalId: reference.optional(),
  status: z.enum(['assigned', 'unassigned']).optional(),
});

function dottedPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

/** Every zod issue as a problem at its dotted path; an unknown key is a problem at its own path. */
export function problemsOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: dottedPath([...prefix, ...issue.path, key]), message: 'is not a known field' }));
    }
    return [{ field: dottedPath([...prefix, ...issue.path]) || 'body', message: issue.message }];
  });
}

/** "Required" rather than zod's "expected string, received undefined" for a missing field. */
const requiredMessage: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input, { error: requiredMessage });
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsOf(result.error) };
}

/** The request's JSON body as `schema` reads it, or 400 naming every bad field. */
export async function parsedBody<S extends z.ZodType>(request: IncomingMessage, schema: S): Promise<z.output<S>> {
  const { value } = await readJsonBody(request, { required: true });
  const parsed = parseWith(schema, value);
  if (!parsed.ok) throw validationError(parsed.problems);
  return parsed.value;
}

/** A body that may be absent (the SDK sends none on DELETE) but, when sent, must match. */
export async function optionalBody<S extends z.ZodType>(request: IncomingMessage, schema: S): Promise<z.output<S>> {
  const { value } = await readJsonBody(request, { required: false });
  const parsed = parseWith(schema, value);
  if (!parsed.ok) throw validationError(parsed.problems);
  return parsed.value;
}

export function parsedQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const parsed = parseWith(schema, Object.fromEntries(url.searchParams));
  if (!parsed.ok) throw validationError(parsed.problems.map((problem) => ({ ...problem, field: `query.${problem.field}` })));
  return parsed.value;
}
