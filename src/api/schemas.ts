// The public wire contract (CONTRACT.md section 2) as zod/mini schemas: the element parses
// every answer with these, and the sandbox builds its public payloads to the same types. What
// the element sends is in requests.ts.
// Each schema kind zod/mini has is code in the checkout chunk, so these use few kinds: objects,
// arrays, nullable and optional; a string in its lengths, an integer in its bounds, a boolean and
// one of some strings (a single value too) are custom schemas, a pattern or a list's length a
// refinement, and a key's default a check on its object (no z.string(), z.int(), z.number(),
// z.boolean(), z.enum, z.literal, z.regex, z.startsWith, z.minimum, z.maximum, z.minLength,
// z.maxLength or z._default). A custom schema that refuses a value stops the checks after it
// (zod's default for z.custom), as a wrong type does.
import * as z from 'zod/mini';
import { refusal } from '../reasons.ts';
import { isWrittenHttpUrl } from '../url.ts';
import { chargeStep } from '../pricing/currency.ts';

/** Whether `count` is from `min` to `max`. */
const within = (count: number, min: number, max: number) => count >= min && count <= max;

/**
 * A string of `min` to `max` characters, counted as zod's length checks count them (a surrogate
 * pair is one): what `z.string()` with `z.minLength` and `z.maxLength` accepts, as one custom
 * schema, so that zod/mini's string schema and length checks stay out of the chunk.
 */
const text = (max = Infinity, min = 0) => z.custom<string>((value) => typeof value === 'string' && within([...value].length, min, max));

/** A list of `min` to `max` items: what `z.array(item)` with `z.minLength` and `z.maxLength` accepts, the length a refinement. */
const list = <T extends z.core.SomeType>(item: T, max: number, min = 0) => z.array(item).check(z.refine((items) => within(items.length, min, max)));

/**
 * A string check: `pattern` matches (not global: it keeps no state). What `z.regex` checks, as a
 * refinement, so that zod/mini's string-format checks stay out of the chunk.
 */
const matches = (pattern: RegExp) => z.refine<string>((value) => pattern.test(value));

/**
 * A safe integer from `min` to `max`: what `z.int()` with `z.minimum(min)` and `z.maximum(max)`
 * accepts, as one custom schema, so that zod/mini's number schemas and checks stay out of the chunk.
 */
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.custom<number>((value) => Number.isSafeInteger(value) && within(value as number, min, max), refusal(`must be an integer from ${min} to ${max}`));

/** A boolean: what `z.boolean()` accepts, as a custom schema, so that zod/mini's boolean schema stays out of the chunk. */
const boolean = z.custom<boolean>((value) => typeof value === 'boolean');

/**
 * One of `options`: what `z.enum(options)` accepts, as a custom schema that keeps its `options`
 * (the sandbox builds its own enums from them), so that zod/mini's enum schema stays out of the chunk.
 */
function oneOf<const T extends string>(options: readonly T[]) {
  return Object.assign(z.custom<T>((value) => options.includes(value as T)), { options });
}

/** `T` with each of the keys `K` present and never undefined: what `z._default` on them makes of an output (one object type). */
type Defaulted<T, K extends PropertyKey> = Flat<Omit<T, K> & { [P in K & keyof T]-?: Exclude<T[P], undefined> }>;
type Flat<T> = { [P in keyof T]: T[P] };

/**
 * `schema` (whose `defaults` keys are optional) with each key an answer leaves out given its
 * default: what `z._default` on each key gives, as one check on the object that sets the key in
 * the checked value, so that zod/mini's default schema and its cloning of values stay out of the
 * chunk. `defaults` is called once a value, so that no two answers share a list. The check comes
 * before any other on the object (they see the defaults), and like them it runs only when no
 * key was refused outright; a value with any refusal is refused whole, defaults or not.
 */
function withDefaults<S extends z.ZodMiniObject, D extends Partial<z.output<S>>>(schema: S, defaults: () => D) {
  const filled = schema.check((payload) => {
    const value = payload.value as Record<string, unknown>;
    for (const [key, fallback] of Object.entries(defaults())) if (value[key] === undefined) value[key] = fallback;
  });
  // The check's effect, which zod's types cannot see: the keys present.
  return filled as unknown as z.ZodMiniType<Defaulted<z.output<S>, keyof D>, z.input<S>>;
}

/**
 * The schema `build` makes, made on its first use: those of the answers that come only after the
 * customer acts (a payment's, a quote's, a refusal) are not built with the chunk, while the
 * session's answer may be waiting for it.
 */
function builtOnUse<S extends object>(build: () => S): S {
  let schema: S | undefined;
  return new Proxy({} as S, { get: (_, key) => Reflect.get((schema ??= build()), key) });
}

/** Lowercase ISO 4217 code, as Stripe writes it (`usd`, `eur`, `jpy`). */
export const currencyCode = text().check(matches(/^[a-z]{3}$/));

/** An integer amount in the currency's minor unit, never negative. */
export const minorAmount = integer(0);

export const positiveCount = integer(1);
export const shortText = text(500);
const longText = text(5000);

const timestampPattern = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * An RFC 3339 date-time with seconds and an offset (`Z` or `±hh:mm`) on a day that exists (no
 * 30 February): what `z.iso.datetime({ offset: true })` accepts, in a fraction of its bytes.
 */
export function isTimestamp(value: string): boolean {
  const match = timestampPattern.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), month - 1, Number(match[3]));
  // A day past its month's end (two digits: at most 99) lands in a later month, and day 00 in
  // the one before, so the month alone tells whether the day exists.
  return date.getUTCMonth() === month - 1;
}

const timestamp = text().check(z.refine(isTimestamp, refusal('must be an ISO 8601 date-time with seconds and an offset')));

/** An id: `prefix` (letters and `_`: nothing a pattern reads as special), at least one character after it, 255 in all at most. */
export function idWithPrefix(prefix: string) {
  return text(255, prefix.length + 1).check(matches(new RegExp(`^${prefix}`)));
}

/** An absolute http(s) URL without hidden characters: the only kind the element ever navigates to or links. */
export const httpUrl = text(2048).check(
  z.refine((value) => isWrittenHttpUrl(value), refusal('must be an absolute http(s) URL')),
);

/** A refinement: the items `listOf` a value names have distinct ids; else `words` at `path`. */
function uniqueIds<T>(listOf: (value: T) => ReadonlyArray<{ id: string }>, path: string, words: string) {
  return z.refine<T>((value) => new Set(listOf(value).map((item) => item.id)).size === listOf(value).length, refusal(words, path));
}

export const billingInterval = oneOf(['month', 'quarter', 'half_year', 'year', 'one_time']);
export type BillingInterval = z.infer<typeof billingInterval>;
export const priceModel = oneOf(['flat', 'per_unit', 'graduated', 'volume', 'usage', 'one_time']);
export const checkoutStatus = oneOf(['active', 'completed', 'expired', 'archived']);
export type CheckoutStatus = z.infer<typeof checkoutStatus>;

const priceTier = withDefaults(
  z.object({
    upTo: z.nullable(positiveCount),
    unitAmount: minorAmount,
    flatAmount: z.optional(minorAmount),
  }),
  () => ({ flatAmount: 0 }),
);
export type PriceTier = z.infer<typeof priceTier>;

const optionalCount = z.optional(z.nullable(integer(0)));

export const price = z
  .object({
    currency: currencyCode,
    model: priceModel,
    amount: minorAmount,
    interval: billingInterval,
    unitLabel: z.optional(z.nullable(text(60))),
    tiers: z.optional(z.nullable(list(priceTier, 20, 1))),
    minQuantity: optionalCount,
    maxQuantity: optionalCount,
    includedQuantity: optionalCount,
    trialDays: z.optional(z.nullable(integer(0, 730))),
  })
  .check(
    z.refine((p) => (p.model === 'one_time') === (p.interval === 'one_time'), refusal('one_time prices and only they have the one_time interval', 'interval')),
    z.refine((p) => (p.model !== 'graduated' && p.model !== 'volume') || tiersAreOrdered(p.tiers), refusal('graduated and volume prices need tiers in ascending order ending with upTo null', 'tiers')),
    z.refine((p) => (p.minQuantity ?? 1) <= (p.maxQuantity ?? Number.MAX_SAFE_INTEGER), refusal('minQuantity must not exceed maxQuantity', 'minQuantity')),
    // Stripe charges KWD in steps of 10 fils, ISK in whole krónur: a price off its step makes
    // amounts due Stripe refuses, at some quantity. The sandbox's catalog refuses it the same way.
    z.refine(
      (p) => [p.amount, ...(p.tiers ?? []).flatMap((tier) => [tier.unitAmount, tier.flatAmount ?? 0])].every((amount) => amount % chargeStep(p.currency) === 0),
      refusal('amounts must be multiples of what Stripe charges in the currency', 'amount'),
    ),
  );
export type Price = z.infer<typeof price>;

/** At least one tier, only the last open (`upTo` null), each bound above the one before and the first above 0 (the sandbox's catalog checks its bodies by it too). */
export function tiersAreOrdered(tiers: ReadonlyArray<{ upTo: number | null }> | null | undefined): boolean {
  if (!tiers) return false;
  // zod runs this only when every bound is a number or null. An open bound before the last reads
  // as 0, and the bounds before it rise from above 0, so it fails; no tiers leave nothing to pop.
  const bounds = tiers.map((tier) => tier.upTo);
  return bounds.pop() === null && bounds.every((upTo, index) => (upTo ?? 0) > (bounds[index - 1] ?? 0));
}

export const plan = withDefaults(
  z.object({
    id: idWithPrefix('plan_'),
    name: shortText,
    description: z.optional(z.nullable(longText)),
    features: z.optional(list(shortText, 50)),
    recommended: z.optional(boolean),
    prices: list(price, 20, 1),
  }),
  () => ({ description: null, features: [], recommended: false }),
);
export type Plan = z.infer<typeof plan>;

/** The customer's active subscription to a product: it makes the checkout line an upgrade. */
export const currentSubscription = withDefaults(
  z.object({
    orderId: idWithPrefix('ord_'),
    planId: z.nullable(idWithPrefix('plan_')),
    quantity: z.optional(positiveCount),
    periodStart: timestamp,
    periodEnd: timestamp,
    amount: minorAmount,
    currency: currencyCode,
    interval: billingInterval,
    /** When the subscription's free trial ends (past or future); absent from older backends. */
    trialEndsAt: z.optional(z.nullable(timestamp)),
  }),
  () => ({ quantity: 1, trialEndsAt: null }),
);
export type CurrentSubscription = z.infer<typeof currentSubscription>;

export const product = withDefaults(
  z.object({
    id: idWithPrefix('prod_'),
    name: shortText,
    description: z.optional(z.nullable(longText)),
    plans: list(plan, 20),
    basePrice: z.nullable(price),
    current: z.optional(z.nullable(currentSubscription)),
  }),
  () => ({ description: null, current: null }),
).check(
  z.refine((p) => p.plans.length > 0 || p.basePrice !== null, refusal('a product needs plans or a basePrice', 'basePrice')),
  uniqueIds((p: { plans: Array<{ id: string }> }) => p.plans, 'plans', 'plan ids must be unique within a product'),
);
export type Product = z.infer<typeof product>;

export const publicCustomer = z.object({
  id: idWithPrefix('cus_'),
  name: z.nullable(shortText),
  email: z.nullable(shortText),
});
export type PublicCustomer = z.infer<typeof publicCustomer>;

export const paymentsConfig = z.object({
  provider: oneOf(['stripe']),
  publishableKey: text(255).check(matches(/^pk_/)),
  accountId: z.optional(z.nullable(text(255))),
});
export type PaymentsConfig = z.infer<typeof paymentsConfig>;

export const collectFields = z.object({
  name: boolean,
  email: boolean,
  address: boolean,
  phone: boolean,
});
export type CollectFields = z.infer<typeof collectFields>;

/**
 * A fingerprint of the prices a read or a quote shows (ours, opaque): complete names the one the
 * customer was shown, so that prices the merchant edited since are refused, not charged. Optional:
 * a backend without it (paid-blocks') lets the amount decide alone.
 */
const pricesVersion = z.optional(text(255, 1));

export const publicCheckout = withDefaults(
  z.object({
    id: idWithPrefix('chk_'),
    url: z.optional(z.nullable(httpUrl)),
    status: checkoutStatus,
    expiresAt: timestamp,
    successUrl: httpUrl,
    cancelUrl: z.optional(z.nullable(httpUrl)),
    allowedCurrencies: list(currencyCode, 50, 1),
    currency: currencyCode,
    collect: collectFields,
    customer: z.nullable(publicCustomer),
    payments: z.nullable(paymentsConfig),
    products: list(product, 50, 1),
    /** The server's time when it answered (ours): the element prices and expires by it, not by the page's clock. */
    now: z.optional(timestamp),
    /** The prices this read shows (ours): complete sends it back, and is refused once the merchant edited them. */
    pricesVersion,
  }),
  () => ({ url: null, cancelUrl: null }),
).check(
  z.refine((c) => c.allowedCurrencies.includes(c.currency), refusal('currency must be one of allowedCurrencies', 'currency')),
  uniqueIds((c: { products: Array<{ id: string }> }) => c.products, 'products', 'product ids must be unique'),
);
export type PublicCheckout = z.infer<typeof publicCheckout>;

/**
 * The answer to complete and finalize, in the envelope paid-blocks reads: `data.status`,
 * `order_id`, `invoice_id`, `redirect_url` and `payment_intent` are Paid's; `checkout_id`,
 * `customer_id`, `amount_due` and `currency` are ours. 3-D Secure is `data.payment_intent.status
 * === 'requires_action'` with its `client_secret`.
 */
const paymentIntentSummary = () =>
  z.object({
    id: text(255, 1),
    status: text(100),
    client_secret: z.optional(z.nullable(text(500, 1))),
  });

const optionalId = (prefix: string) => z.optional(z.nullable(idWithPrefix(prefix)));

/** A paid answer: the element needs the order, the buyer and the amount to report the purchase. */
const paidData = () =>
  z.object({
    status: oneOf(['succeeded']),
    order_id: idWithPrefix('ord_'),
    invoice_id: optionalId('inv_'),
    // Any string: the element follows it only if it passes its URL rule, else templates successUrl.
    redirect_url: z.optional(z.nullable(text())),
    payment_intent: z.optional(z.nullable(paymentIntentSummary())),
    checkout_id: idWithPrefix('chk_'),
    customer_id: idWithPrefix('cus_'),
    amount_due: minorAmount,
    currency: currencyCode,
    // Ours: where the backend sent the customer's receipt. The element promises one only then.
    receipt_email: z.optional(z.nullable(shortText)),
  });

/** An answer waiting for 3-D Secure: the payment intent and the secret its next action needs. */
const actionData = () =>
  z.object({
    status: oneOf(['requires_action']),
    order_id: optionalId('ord_'),
    invoice_id: optionalId('inv_'),
    redirect_url: z.optional(z.nullable(text())),
    payment_intent: z.object({
      id: text(255, 1),
      status: oneOf(['requires_action']),
      client_secret: text(500, 1),
    }),
    checkout_id: z.optional(idWithPrefix('chk_')),
    customer_id: optionalId('cus_'),
    amount_due: z.optional(minorAmount),
    currency: z.optional(currencyCode),
  });

/** Paid's envelope of an answer: `{ success, data }`. */
const answer = <T extends z.core.SomeType>(data: T) => z.object({ success: z.optional(boolean), data });

const paidAnswer = builtOnUse(() => answer(paidData()));
const actionAnswer = builtOnUse(() => answer(actionData()));
export type PaymentAnswer = z.infer<typeof paidAnswer> | z.infer<typeof actionAnswer>;

/**
 * A complete or finalize answer: paid, or waiting for 3-D Secure. `data.status` says which schema
 * can accept it (each allows one status), so this accepts exactly what a union of the two would,
 * without zod's union in the checkout chunk (286 B gzip).
 */
export const paymentAnswer = {
  safeParse: (value: unknown) =>
    ((value as { data?: { status?: unknown } } | null)?.data?.status === 'succeeded' ? paidAnswer : actionAnswer).safeParse(value),
};

// Signed: a downgrade's credit makes a subtotal or its tax negative.
const signedAmount = integer(-1e12, 1e12);

/**
 * A quote (ours): the order's price with tax, as the server will charge it, by its clock.
 * `amount`, `currency`, `subtotal` and `tax` are the names of paid-blocks' session pricing.
 */
export const quoteAnswer = builtOnUse(() =>
  answer(
    z.object({
      amount: minorAmount,
      currency: currencyCode,
      subtotal: signedAmount,
      tax: signedAmount,
      // Each line's kind and amount today, before tax and with it (a price that includes tax is its
      // total): the element checks that the quote prices the order its summary shows.
      lines: list(z.object({ kind: oneOf(['new', 'upgrade', 'unchanged']), subtotal: signedAmount, total: signedAmount, tax_rate: z.nullable(z.object({ inclusive: boolean })) }), 50),
      tax_lines: list(
        z.object({ name: oneOf(['vat', 'gst', 'sales_tax']), jurisdiction: shortText, basis_points: integer(0, 10_000), inclusive: boolean, amount: signedAmount }),
        50,
      ),
      recurring: list(z.object({ interval: billingInterval, starts_at: timestamp, total: signedAmount, includes_usage: boolean }), 50),
      reverse_charge: boolean,
      now: timestamp,
      prices_version: pricesVersion,
    }),
  ),
);
export type QuoteAnswer = z.infer<typeof quoteAnswer>;

/**
 * A refusal: Paid's `ErrorResponse` (`error` is the sentence paid-blocks shows, `code` the
 * stable code, `details` each bad field) with our `fields` extension, the same problems listed.
 */
export const apiError = builtOnUse(() =>
  z.object({
    error: text(2000),
    code: z.optional(text(100)),
    details: z.optional(text(20_000)),
    fields: z.optional(z.array(z.object({ field: text(200) }))),
    declineCode: z.optional(z.nullable(text(100))),
    // Ours, with `payment_refunded`: why (checkout_closed, customer_deleted, order_cancelled, amount_changed, fulfilment_failed).
    refundReason: z.optional(text(100)),
    // Ours, with `amount_changed`: what is due now, and the server's time.
    amountDue: z.optional(minorAmount),
    now: z.optional(timestamp),
  }),
);

// Request types, re-exported for the modules that name them from here (types only: no bytes).
export type { CompleteBody, CompleteRequest, CustomerDetails, KnownCustomerBilling, PostalAddress, QuoteRequest, Selection, WireAddress } from './requests.ts';
