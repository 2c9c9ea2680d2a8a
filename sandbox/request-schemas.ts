// What the sandbox accepts, as strict classic-zod schemas (unknown fields are errors too): the
// pieces every body is made of, the checkout, archive, authenticate, confirmation token and list bodies, and the
// reading of a body or query against a schema, each zod issue a `validation_error` problem that
// names its field. The catalog's bodies are in catalog-schemas.ts, the orders' in order-schemas.ts.
import * as z from 'zod';
import { checkoutStatus } from '../src/api/schemas.ts';
import { isSecureOrLocalUrl, isWrittenHttpUrl, MAX_URL_LENGTH } from '../src/url.ts';
import type { IncomingMessage } from 'node:http';
import { readJsonBody, validationError, type InvalidField } from './http.ts';
import { confirmationTokenPattern } from './payments.ts';

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

export const timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone' });

const METADATA_LIMITS = { keys: 50, keyLength: 40, serializedBytes: 8 * 1024, depth: 10 } as const;

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

export const metadata = z
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
export function noRepeats<T>(key: keyof T & string, what: string) {
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

export const authenticateBody = z.strictObject({
  clientSecret: z.string().min(1).max(500),
  outcome: z.enum(['succeeded', 'failed']),
});

/** One billing detail as the stand-in collected it: text, or null where nothing was (checked for a customer at complete). */
const billingText = z.string().max(500).nullable();

/**
 * What the stand-in registers of a confirmation token it made (Stripe.js posts its token to
 * Stripe's API the same way): its id and `payment_method_preview.billing_details`.
 */
export const confirmationTokenBody = z.strictObject({
  id: z.string().max(255).regex(confirmationTokenPattern, { message: 'must be a sandbox test token: ctoken_test_<outcome>_<hex>' }),
  billing_details: z.strictObject({
    name: billingText,
    email: billingText,
    phone: billingText,
    address: z.strictObject({
      line1: billingText,
      line2: billingText,
      city: billingText,
      state: billingText,
      postal_code: billingText,
      country: billingText,
    }),
  }),
});

/** A body that must be empty: `{}` (archive takes no input). */
export const emptyBody = z.strictObject({});

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const checkoutListQuery = pageQuery.extend({
  status: z.enum(checkoutStatus.options).optional(),
});

/** Ours (a sandbox extension): receipts of one checkout, or to one address. */
export const receiptListQuery = pageQuery.extend({
  checkoutId: reference.optional(),
  to: reference.optional(),
});

export const seatListQuery = pageQuery.extend({
  productExternalId: reference.optional(),
  status: z.enum(['assigned', 'unassigned']).optional(),
});

function dottedPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

/** Every zod issue as a problem at its dotted path; an unknown key is a problem at its own path. */
export function problemsOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): InvalidField[] {
  return error.issues.flatMap((issue): InvalidField[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: dottedPath([...prefix, ...issue.path, key]), message: 'is not a known field' }));
    }
    return [{ field: dottedPath([...prefix, ...issue.path]) || 'body', message: issue.message }];
  });
}

/** "Required" rather than zod's "expected string, received undefined" for a missing field. */
const requiredMessage: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: InvalidField[] };

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
