// The one mapping between the element's model of a payment and Paid's public wire: the model is
// the wire with camelCase names (`confirmationToken` ⇄ `confirmation_token`), the same values.
import type { CompleteBody, CompleteRequest, QuoteRequest } from './requests.ts';
import type { PaymentAnswer, QuoteAnswer } from './schemas.ts';

/** `order_id` → `orderId`, as a type. */
type CamelName<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelName<Tail>>}` : S;
/** `orderId` → `order_id`, as a type. */
type SnakeName<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeName<Tail>}`
  : S;
/** `T` with every key renamed to `Case`, at every depth: what `renamed` makes of it. */
type Renamed<T, Case extends 'camel' | 'snake'> = T extends readonly (infer Item)[]
  ? Array<Renamed<Item, Case>>
  : T extends object
    ? { [K in keyof T as K extends string ? (Case extends 'camel' ? CamelName<K> : SnakeName<K>) : K]: Renamed<T[K], Case> }
    : T;

/** A complete or finalize answer in the model's names: its types come from `paymentAnswer`. */
export type PaymentResult = Renamed<PaymentAnswer['data'], 'camel'>;
/** A paid answer: the order, its invoice, the redirect, the buyer and the amount. */
export type PaymentSucceeded = Extract<PaymentResult, { status: 'succeeded' }>;

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const camelCase = (name: string) => name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** `value` with every object key renamed, at every depth; values are kept as they are. */
function renamed(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => renamed(item, rename));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [rename(key), renamed(item, rename)]));
}

/**
 * The complete body: Paid's `confirmation_token` and `return_url`, then our extensions
 * (`selections`, `currency`, `customer`, `amount_due`, `prices_version`) in the same snake_case.
 */
export function completeBodyOf(request: CompleteRequest): CompleteBody {
  // The cast is to what `renamed` makes; the compiler then checks that it is a CompleteBody.
  return renamed(request, snakeCase) as Renamed<CompleteRequest, 'snake'>;
}

/** The quote body (ours): the order and where the buyer is, in the wire's snake_case. */
export function quoteBodyOf(request: QuoteRequest): unknown {
  return renamed(request, snakeCase);
}

/** A quote answer, already checked against `quoteAnswer`, in the model's names. */
export type TaxQuote = Renamed<QuoteAnswer['data'], 'camel'>;

export function taxQuoteOf(answer: QuoteAnswer): TaxQuote {
  return renamed(answer.data, camelCase) as TaxQuote;
}

/** The finalize body: `{}` is Paid's; naming the payment (ours) means it settles no other one. */
export function finalizeBodyOf(paymentIntentId: string | null): { payment_intent_id?: string } {
  return paymentIntentId ? { payment_intent_id: paymentIntentId } : {};
}

/** A complete or finalize answer, already checked against `paymentAnswer`, in the model's names. */
export function paymentResultOf(answer: PaymentAnswer): PaymentResult {
  return renamed(answer.data, camelCase) as PaymentResult;
}

/** A refused field's path in the model's names: `customer.address.postal_code` → `customer.address.postalCode`. */
export const modelField = camelCase;
