// The public API over fetch: one session read (retried with backoff, http.ts) checked against the
// schema, complete and finalize (never retried here: the caller resends the same attempt with the
// same Idempotency-Key), and the tax quote (ours). In the checkout chunk, with the schemas.
import type { CompleteRequest, QuoteRequest } from './requests.ts';
import { apiError, paymentAnswer, publicCheckout, quoteAnswer, type PublicCheckout } from './schemas.ts';
import {
  completeBodyOf,
  finalizeBodyOf,
  modelField,
  paymentResultOf,
  quoteBodyOf,
  taxQuoteOf,
  type PaymentResult,
  type PaymentSucceeded,
  type TaxQuote,
} from './wire.ts';
import { CheckoutError, type RefundReason } from '../errors.ts';
import { checkoutUrl, exchange, fetchCheckout, parseJson, type Answer, type ReadOptions, type Received, type RequestOptions } from './http.ts';

/** `said` as a refund's reason the catalog has words for, else null (`checkout_closed`'s are payment_refunded's own). */
export const refundReasonOf = (said: string): RefundReason | null =>
  /^(amount_changed|customer_deleted|order_cancelled|fulfilment_failed)$/.test(said) ? (said as RefundReason) : null;

export { DEFAULT_API_BASE, checkoutUrl, type ReadOptions, type Received, type RequestOptions } from './http.ts';

/** The server's own refusal (code, sentence and first bad field, in the model's words), when the body is one. */
function serverError(
  text: string,
): {
  code: string | undefined;
  message: string | null;
  field: string | null;
  quote: { amountDue: number; serverTime: string } | null;
  refundReason: string | undefined;
} | null {
  try {
    const parsed = apiError.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const { code, error, fields, details, amountDue, now, refundReason } = parsed.data;
    // Paid's `details` names each bad field (`customer.email: must be an email address; …`);
    // our `fields` lists the same, and is read first when a backend sends it.
    const field = fields?.[0]?.field ?? /^\s*([\w.]+):/.exec(details ?? '')?.[1];
    // A sentence that shows nothing (empty, spaces, zero-width or bidi controls alone) is none:
    // the catalog's words for the code are said instead of an empty alert.
    return { code, message: /[^\s\p{C}]/u.test(error) ? error : null, field: field ? modelField(field) : null, quote: amountDue !== undefined && now ? { amountDue, serverTime: now } : null, refundReason };
  } catch {
    return null;
  }
}

/**
 * The session's answer checked against the public schema (anything else is `invalid_response`),
 * with the page's time it arrived at.
 */
export function parseCheckout(answer: Received): Received<PublicCheckout> {
  const parsed = publicCheckout.safeParse(answer.body);
  if (!parsed.success) throw new CheckoutError('invalid_response', { cause: parsed.error });
  return { ...answer, body: parsed.data };
}

/**
 * Reads the public session (http.ts: network failures, 5xx and cut-off bodies retried) and checks
 * it; `receivedAt` is `options.now()` when its answer arrived.
 */
export async function readCheckout(apiBase: string, checkoutId: string, options: ReadOptions): Promise<Received<PublicCheckout>> {
  return parseCheckout(await fetchCheckout(apiBase, checkoutId, options));
}

/** The conflicts that end the checkout's flow, each its own error code. */
const closedCodes = ['expired', 'completed', 'archived', 'payments_not_configured'] as const;

/** Maps a failed complete/finalize/quote answer to the error the customer sees. */
function paymentFailure(answer: Answer): CheckoutError {
  const error = serverError(answer.text);
  const detail = error?.message ?? null;
  if (answer.status >= 500) return new CheckoutError('server_error', { recoverable: true });
  switch (answer.status) {
    case 402:
      return new CheckoutError(error?.code === 'authentication_failed' ? 'authentication_failed' : 'card_declined', { detail, recoverable: true });
    case 404:
      return new CheckoutError('not_found');
    case 409:
    case 410: {
      const code = error?.code;
      if (code === 'no_change') return new CheckoutError(code, { detail, recoverable: true });
      // A single-use link another buyer is paying for (the reusable link's cap is a 429): this buyer
      // may try again later, nothing was charged. Said in the catalog's words, in the page's language.
      if (code === 'payment_in_progress') return new CheckoutError(code, { recoverable: true });
      // Finalize: the bank was never answered (a reload in its challenge, Back from its page), so
      // nothing was charged; told in the catalog's words, not as the bank's refusal.
      if (code === 'requires_action') return new CheckoutError('payment_not_finished', { recoverable: true });
      // A resent token whose payment failed or was refunded: nothing was kept, and a new payment
      // (a new token) may be made. Told in the catalog's words (the server's are for developers).
      if (code === 'confirmation_token_used') return new CheckoutError('payment_not_kept', { recoverable: true });
      // The bank confirmed the payment but it could not be used, so it was refunded: said in the
      // catalog's words for its reason (the server's sentence for a reason not known here). Its
      // checkout ended, or the customer it was for is gone: nothing more can be paid here. Else (the
      // price changed; the subscription it changed was cancelled, which the checkout, still open,
      // now prices as a new one; the order could not be recorded) the checkout is read again, and
      // shows the form (or how it ended) with the refund said over it.
      if (code === 'payment_refunded') {
        const said = error!.refundReason ?? '';
        const reason = refundReasonOf(said);
        return new CheckoutError(code, {
          detail: reason || said === 'checkout_closed' ? null : detail,
          recoverable: !/^(checkout_closed|customer_deleted)$/.test(said),
          reason,
        });
      }
      // A changed price can be reviewed and paid again.
      if (code === 'amount_changed') return new CheckoutError(code, { detail, recoverable: true, quote: error!.quote });
      // The payment went through and made its order, which the merchant has since deleted: nothing
      // more can be paid with it, and the customer is told so in the catalog's words (the server's
      // sentence, which names the payment, is English).
      if (code === 'order_deleted') return new CheckoutError(code);
      // The checkout closed, or Stripe is not set up for it: said in the catalog's words, in the
      // page's language, as a read that says so is (the server's sentence is English).
      const closed = closedCodes.find((closedCode) => closedCode === code);
      return closed ? new CheckoutError(closed) : new CheckoutError('conflict', { detail });
    }
    // Too many requests (a reusable link with too many payments waiting for 3-D Secure, or any
    // backend's rate limit): refused before anything ran, so nothing was charged. Told in the
    // catalog's words; attempt.ts decides what it means for a payment that may have run before.
    case 429:
      return new CheckoutError('rate_limited', { recoverable: true });
    case 400:
    case 422:
      return new CheckoutError('validation_error', { detail, recoverable: true, field: error?.field ?? null });
    default:
      return new CheckoutError('server_error', { detail, recoverable: true });
  }
}

/** Posts a complete or finalize body and reads the `{ success, data }` answer into the model. */
async function postPayment(url: string, body: unknown, idempotencyKey: string, options: RequestOptions): Promise<PaymentResult> {
  const answer = await exchange(
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    },
    { timeoutMs: 60_000, ...options },
  );
  if (!answer.ok) throw paymentFailure(answer);
  const parsed = paymentAnswer.safeParse(parseJson(answer.text));
  if (!parsed.success) throw new CheckoutError('invalid_response', { recoverable: true, cause: parsed.error });
  return paymentResultOf(parsed.data);
}

/** `POST …/complete`. Any failure worth a retry is `recoverable`: resend with the same key. */
export function completeCheckout(
  apiBase: string,
  checkoutId: string,
  request: CompleteRequest,
  idempotencyKey: string,
  options: RequestOptions = {},
): Promise<PaymentResult> {
  return postPayment(checkoutUrl(apiBase, checkoutId, 'complete'), completeBodyOf(request), idempotencyKey, options);
}

/**
 * `POST …/finalize` after the customer's bank confirmed the payment (3-D Secure), naming that
 * payment. Only a paid answer will do: anything else is unreadable.
 */
export async function finalizeCheckout(
  apiBase: string,
  checkoutId: string,
  paymentIntentId: string | null,
  idempotencyKey: string,
  options: RequestOptions = {},
): Promise<PaymentSucceeded> {
  const result = await postPayment(checkoutUrl(apiBase, checkoutId, 'finalize'), finalizeBodyOf(paymentIntentId), idempotencyKey, options);
  if (result.status !== 'succeeded') throw new CheckoutError('invalid_response', { recoverable: true });
  return result;
}

/**
 * `POST …/quote` (ours): the order's price with tax for the buyer's address, as the server will
 * charge it. Refusals are read as a payment's are (a bad field, a closed checkout).
 */
export async function quoteCheckout(apiBase: string, checkoutId: string, request: QuoteRequest, options: RequestOptions = {}): Promise<TaxQuote> {
  const answer = await exchange(
    checkoutUrl(apiBase, checkoutId, 'quote'),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(quoteBodyOf(request)),
      cache: 'no-store',
      credentials: 'omit',
    },
    options,
  );
  if (!answer.ok) throw paymentFailure(answer);
  const parsed = quoteAnswer.safeParse(parseJson(answer.text));
  if (!parsed.success) throw new CheckoutError('invalid_response', { recoverable: true, cause: parsed.error });
  return taxQuoteOf(parsed.data);
}
