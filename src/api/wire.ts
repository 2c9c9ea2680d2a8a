// The one mapping between the element's model of a payment and Paid's public wire: the model is
// the wire with camelCase names (`confirmationToken` ⇄ `confirmation_token`), the same values.
import type { CompleteBody, CompleteRequest } from './requests.ts';
import type { PaymentAnswer } from './schemas.ts';

/** A paid answer, as the element reports it. */
export interface PaymentSucceeded {
  status: 'succeeded';
  checkoutId: string;
  orderId: string;
  invoiceId?: string | null;
  customerId: string;
  amountDue: number;
  currency: string;
  /** The server's redirect, as it wrote it (the element checks it before following it). */
  redirectUrl?: string | null;
}

/** 3-D Secure: Stripe's next action for the intent's `clientSecret`, then finalize names its `id`. */
export interface PaymentRequiresAction {
  status: 'requires_action';
  paymentIntent: { id: string; clientSecret: string };
}

export type PaymentResult = PaymentSucceeded | PaymentRequiresAction;

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
 * (`selections`, `currency`, `customer`, `amount_due`) in the same snake_case.
 */
export function completeBodyOf(request: CompleteRequest): CompleteBody {
  return renamed(request, snakeCase) as CompleteBody;
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
