// What the sandbox accepts, as strict classic-zod schemas (unknown fields are errors too), and
// the translation of zod issues into `validation_error` problems that name every bad field.
import * as z from 'zod';
import { isWrittenHttpUrl } from '../src/url.ts';
import type { FieldProblem } from './http.ts';

// Required text must show something: only spaces, zero-width or bidi controls (format characters) is empty.
export const text = (max: number) =>
  z.string().trim().min(1).max(max).regex(/[^\s\p{Cf}]/u, { message: 'must contain a visible character' });
export const reference = z.string().min(1).max(255);

export const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => isWrittenHttpUrl(value), {
    message: 'must be an absolute http(s) URL',
  });

export const currencyCode = z.string().regex(/^[a-z]{3}$/, { message: 'must be a lowercase 3-letter ISO 4217 code, e.g. usd' });

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
  successUrl: httpUrl,
  cancelUrl: httpUrl.nullish(),
  expiresAt: timestamp.nullish(),
  metadata: metadata.nullish(),
  collectAddress: z.boolean().nullish(),
  collectPhone: z.boolean().nullish(),
  singleUse: z.boolean().nullish(),
  currency: currencyCode.nullish(),
});
export type CreateCheckoutBody = z.infer<typeof createCheckoutBody>;

const count = z.number().int().min(0);

const tier = z.strictObject({
  upTo: z.number().int().positive().nullable(),
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

export const createProductBody = z
  .strictObject({
    name: text(500),
    description: z.string().max(5000).nullish(),
    plans: z.array(planBody).max(20).optional(),
    basePrice: priceBody.nullish(),
  })
  .superRefine((product, context) => {
    const planCount = product.plans?.length ?? 0;
    if (planCount === 0 && !product.basePrice) {
      context.addIssue({ code: 'custom', path: ['plans'], message: 'a product needs plans or a basePrice' });
    }
    if (planCount > 0 && product.basePrice) {
      context.addIssue({ code: 'custom', path: ['basePrice'], message: 'a product with plans has no basePrice' });
    }
  });
export type CreateProductBody = z.infer<typeof createProductBody>;

export const createCustomerBody = z.strictObject({
  name: text(200),
  email: z.email({ message: 'must be an email address' }).max(254),
  externalId: reference.nullish(),
});
export type CreateCustomerBody = z.infer<typeof createCustomerBody>;


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
