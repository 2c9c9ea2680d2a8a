// The public API over fetch: one session read (retried with backoff), complete and finalize
// (never retried here: the caller resends the same attempt with the same Idempotency-Key).
import {
  apiError,
  completeResponse,
  paymentSucceeded,
  publicCheckout,
  type CompleteRequest,
  type CompleteResponse,
  type PaymentSucceeded,
  type PublicCheckout,
} from './schemas.ts';
import { CheckoutError, isAbort } from '../errors.ts';

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

export function checkoutUrl(apiBase: string, checkoutId: string, action?: 'complete' | 'finalize'): string {
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

/** fetch with a per-attempt timeout that also follows the caller's signal. */
async function fetchWithTimeout(url: string, init: RequestInit, options: RequestOptions): Promise<Response> {
  const controller = new AbortController();
  const { signal, timeoutMs = 20_000 } = options;
  if (signal?.aborted) throw signal.reason;
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } catch (error) {
    if (timedOut) throw new CheckoutError('network_error', { recoverable: true, cause: error });
    if (signal?.aborted) throw signal.reason;
    throw new CheckoutError('network_error', { recoverable: true, cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The body as JSON; a truncated or non-JSON body is an unreadable answer (safe to ask again). */
async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new CheckoutError('invalid_response', { recoverable: true, cause: error });
  }
}

/** The server's own `{ error: { code, message } }`, when the body has one. */
async function serverError(response: Response): Promise<{ code: string; message: string; field?: string | null } | null> {
  try {
    const parsed = apiError.safeParse(await response.json());
    return parsed.success ? parsed.data.error : null;
  } catch {
    return null;
  }
}

/** Reads the public session; network failures and 5xx are retried after `retryDelays`. */
export async function readCheckout(apiBase: string, checkoutId: string, options: ReadOptions = {}): Promise<PublicCheckout> {
  const { retryDelays = [300, 1000], signal } = options;
  let lastError: CheckoutError = new CheckoutError('network_error', { recoverable: true });
  for (let attempt = 0; attempt <= retryDelays.length; attempt += 1) {
    if (attempt > 0) await sleep(retryDelays[attempt - 1] ?? 0, signal);
    let response: Response;
    try {
      response = await fetchWithTimeout(
        checkoutUrl(apiBase, checkoutId),
        { method: 'GET', headers: { accept: 'application/json' }, cache: 'no-store', credentials: 'omit' },
        options,
      );
    } catch (error) {
      if (error instanceof CheckoutError) {
        lastError = error;
        continue;
      }
      throw error;
    }
    if (response.status >= 500) {
      lastError = new CheckoutError('server_error', { recoverable: true });
      continue;
    }
    if (response.status === 404 || response.status === 410) throw new CheckoutError('not_found');
    if (!response.ok) throw new CheckoutError('invalid_response', { recoverable: true });
    const parsed = publicCheckout.safeParse(await readJson(response));
    if (!parsed.success) throw new CheckoutError('invalid_response', { cause: parsed.error });
    return parsed.data;
  }
  throw lastError;
}

/** Maps a failed complete/finalize answer to the error the customer sees. */
async function paymentFailure(response: Response): Promise<CheckoutError> {
  const error = await serverError(response);
  const detail = error?.message ?? null;
  if (response.status >= 500) return new CheckoutError('server_error', { recoverable: true });
  switch (response.status) {
    case 402:
      return new CheckoutError('card_declined', { detail, recoverable: true });
    case 404:
      return new CheckoutError('not_found');
    case 409:
    case 410:
      if (error?.code === 'no_change') return new CheckoutError('no_change', { detail, recoverable: true });
      if (error?.code === 'expired' || error?.code === 'completed' || error?.code === 'archived') {
        return new CheckoutError(error.code, { detail });
      }
      if (error?.code === 'payments_not_configured') return new CheckoutError('payments_not_configured', { detail });
      return new CheckoutError('conflict', { detail });
    case 400:
    case 422:
      return new CheckoutError('validation_error', { detail, recoverable: true, field: error?.field ?? null });
    default:
      return new CheckoutError('server_error', { detail, recoverable: true });
  }
}

async function postPayment(url: string, body: unknown, idempotencyKey: string, options: RequestOptions): Promise<unknown> {
  const response = await fetchWithTimeout(
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
  if (!response.ok) throw await paymentFailure(response);
  return readJson(response);
}

/** `POST …/complete`. Any failure worth a retry is `recoverable`: resend with the same key. */
export async function completeCheckout(
  apiBase: string,
  checkoutId: string,
  request: CompleteRequest,
  idempotencyKey: string,
  options: RequestOptions = {},
): Promise<CompleteResponse> {
  const parsed = completeResponse.safeParse(
    await postPayment(checkoutUrl(apiBase, checkoutId, 'complete'), request, idempotencyKey, options),
  );
  if (!parsed.success) throw new CheckoutError('invalid_response', { recoverable: true, cause: parsed.error });
  return parsed.data;
}

/** `POST …/finalize` after the customer's bank confirmed the payment (3-D Secure). */
export async function finalizeCheckout(
  apiBase: string,
  checkoutId: string,
  idempotencyKey: string,
  options: RequestOptions = {},
): Promise<PaymentSucceeded> {
  const parsed = paymentSucceeded.safeParse(
    await postPayment(checkoutUrl(apiBase, checkoutId, 'finalize'), {}, idempotencyKey, options),
  );
  if (!parsed.success) throw new CheckoutError('invalid_response', { recoverable: true, cause: parsed.error });
  return parsed.data;
}
