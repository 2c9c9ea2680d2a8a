// The public API over fetch: one session read (retried with backoff), complete and finalize
// (never retried here: the caller resends the same attempt with the same Idempotency-Key), and
// the tax quote (ours).
// Every request is `credentials: 'omit'`: the element needs no cookies (the sandbox also
// answers paid-blocks' credentialed requests, but nothing here depends on that).
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
import { CheckoutError } from '../errors.ts';

/** Default origin of Paid's API. */
export const DEFAULT_API_BASE = 'https://api.agentpaid.io';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Milliseconds before one attempt is given up as a network failure. */
  timeoutMs?: number;
}

export interface ReadOptions extends RequestOptions {
  /** Waits before the 2nd, 3rd… attempt; its length + 1 is the number of attempts. */
  retryDelays?: readonly number[];
}

export function checkoutUrl(apiBase: string, checkoutId: string, action?: 'complete' | 'finalize' | 'quote'): string {
  const base = apiBase.replace(/\/+$/, '');
  const path = `${base}/api/public/checkout/${encodeURIComponent(checkoutId)}`;
  return action ? `${path}/${action}` : path;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** An answer read whole: its status and its body as text. */
interface Answer {
  status: number;
  ok: boolean;
  text: string;
}

/**
 * One request and its whole body under one timeout that also follows the caller's signal: a
 * server that sends its headers and then stalls is a network failure too, not a wait forever.
 */
async function exchange(url: string, init: RequestInit, options: RequestOptions): Promise<Answer> {
  const controller = new AbortController();
  const { signal, timeoutMs = 20_000 } = options;
  if (signal?.aborted) throw signal.reason;
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    const text = await response.text();
    return { status: response.status, ok: response.ok, text };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new CheckoutError('network_error', { recoverable: true, cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The body as JSON; a truncated or non-JSON body is an unreadable answer (safe to ask again). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CheckoutError('invalid_response', { recoverable: true, cause: error });
  }
}

/** The server's own refusal (code, sentence and first bad field, in the model's words), when the body is one. */
function serverError(
  text: string,
): { code: string | undefined; message: string; field: string | null; quote: { amountDue: number; serverTime: string } | null } | null {
  try {
    const parsed = apiError.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const { code, error, fields, details, amountDue, now } = parsed.data;
    // Paid's `details` names each bad field (`customer.email: must be an email address; …`);
    // our `fields` lists the same, and is read first when a backend sends it.
    const field = fields?.[0]?.field ?? /^\s*([\w.]+):/.exec(details ?? '')?.[1];
    return { code, message: error, field: field ? modelField(field) : null, quote: amountDue !== undefined && now ? { amountDue, serverTime: now } : null };
  } catch {
    return null;
  }
}

/** Reads the public session; network failures, 5xx and cut-off bodies are retried after `retryDelays`. */
export async function readCheckout(apiBase: string, checkoutId: string, options: ReadOptions = {}): Promise<PublicCheckout> {
  const { retryDelays = [300, 1000], signal } = options;
  let lastError: CheckoutError = new CheckoutError('network_error', { recoverable: true });
  for (let attempt = 0; attempt <= retryDelays.length; attempt += 1) {
    if (attempt > 0) await sleep(retryDelays[attempt - 1] ?? 0, signal);
    let answer: Answer;
    let body: unknown;
    try {
      answer = await exchange(
        checkoutUrl(apiBase, checkoutId),
        { method: 'GET', headers: { accept: 'application/json' }, cache: 'no-store', credentials: 'omit' },
        options,
      );
      if (answer.status >= 500) throw new CheckoutError('server_error', { recoverable: true });
      // A cut-off body is what a dropped connection leaves: reading again is safe.
      body = answer.ok ? parseJson(answer.text) : null;
    } catch (error) {
      if (error instanceof CheckoutError) {
        lastError = error;
        continue;
      }
      throw error;
    }
    if (answer.status === 404 || answer.status === 410) throw new CheckoutError('not_found');
    if (!answer.ok) throw new CheckoutError('invalid_response', { recoverable: true });
    const parsed = publicCheckout.safeParse(body);
    if (!parsed.success) throw new CheckoutError('invalid_response', { cause: parsed.error });
    return parsed.data;
  }
  throw lastError;
}

/** Maps a failed complete/finalize answer to the error the customer sees. */
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
    case 410:
      if (error?.code === 'no_change') return new CheckoutError('no_change', { detail, recoverable: true });
      if (error?.code === 'expired' || error?.code === 'completed' || error?.code === 'archived') {
        return new CheckoutError(error.code, { detail });
      }
      if (error?.code === 'payments_not_configured') return new CheckoutError('payments_not_configured', { detail });
      // A single-use link another buyer is paying for: this buyer may try again later, nothing was charged.
      if (error?.code === 'payment_in_progress') return new CheckoutError('payment_in_progress', { detail, recoverable: true });
      // The bank confirmed the payment but it could not be used: it was refunded, and the
      // customer is told so; a changed price can be reviewed and paid again (a reload).
      if (error?.code === 'payment_refunded') return new CheckoutError('payment_refunded', { detail });
      if (error?.code === 'amount_changed') return new CheckoutError('amount_changed', { detail, recoverable: true, quote: error.quote });
      return new CheckoutError('conflict', { detail });
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
