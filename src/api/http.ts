// The requests' plumbing, in the first download: one exchange under a timeout that also follows
// the caller's signal, and the session's read off the network (retried with backoff) as JSON not
// yet checked, with the page's time it arrived at. The element starts that read at connect,
// before the checkout chunk (with the schemas that check it, client.ts) has come.
// Every request is `credentials: 'omit'`: the element needs no cookies (the sandbox also
// answers paid-blocks' credentialed requests, but nothing here depends on that).
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
  /** The page's clock, read as the answer arrives: the element's clock hook. */
  now: () => number;
}

/**
 * A session's answer and the page's time when it arrived: the server's `now` in it was true then,
 * however long the answer waits to be checked (the checkout chunk may come later).
 */
export interface Received<T = unknown> {
  body: T;
  receivedAt: number;
}

export function checkoutUrl(apiBase: string, checkoutId: string, action?: 'complete' | 'finalize' | 'quote'): string {
  // `.` and `..` are a path's own steps, which a URL resolves away (`…/checkout/..` is
  // `…/api/public/`): no checkout is named so, and nothing is asked of another path.
  if (/^\.\.?$/.test(checkoutId)) throw new CheckoutError('not_found');
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
export interface Answer {
  status: number;
  ok: boolean;
  text: string;
}

/**
 * One request and its whole body under one timeout that also follows the caller's signal: a
 * server that sends its headers and then stalls is a network failure too, not a wait forever.
 */
export async function exchange(url: string, init: RequestInit, options: RequestOptions): Promise<Answer> {
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
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CheckoutError('invalid_response', { recoverable: true, cause: error });
  }
}

/**
 * Reads the public session's answer, not yet checked against the schema, with the page's time it
 * arrived at: network failures, 5xx, 429 and cut-off bodies are retried after `retryDelays`; 404 and
 * 410 are `not_found`.
 */
export async function fetchCheckout(apiBase: string, checkoutId: string, options: ReadOptions): Promise<Received> {
  const { retryDelays = [300, 1000], signal, now } = options;
  const url = checkoutUrl(apiBase, checkoutId);
  for (let attempt = 0; ; attempt += 1) {
    let answer: Answer;
    try {
      answer = await exchange(
        url,
        { method: 'GET', headers: { accept: 'application/json' }, cache: 'no-store', credentials: 'omit' },
        options,
      );
      // A 5xx, or a 429 (too many requests), is read again after a wait, as a lost connection is.
      // A read still refused is the server's problem: rate_limited's "nothing was charged" would
      // not be true of a payment a reload kept.
      if (answer.status >= 500 || answer.status === 429) throw new CheckoutError('server_error', { recoverable: true });
      // A cut-off body is what a dropped connection leaves: reading again is safe.
      if (answer.ok) return { receivedAt: now(), body: parseJson(answer.text) };
    } catch (error) {
      // A network failure, a 5xx or a cut-off body, while tries are left: wait, then read again.
      if (!(error instanceof CheckoutError) || attempt >= retryDelays.length) throw error;
      await sleep(retryDelays[attempt]!, signal);
      continue;
    }
    if (answer.status === 404 || answer.status === 410) throw new CheckoutError('not_found');
    throw new CheckoutError('invalid_response', { recoverable: true });
  }
}
