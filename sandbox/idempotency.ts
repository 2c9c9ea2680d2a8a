// Idempotent public POSTs: the first answer to (checkout, route, key) is kept with a digest of
// its body, replayed byte for byte for the same body, and refused for a different one, for 24
// hours (Stripe's window) and within a cap on entries; both bounds live in the store.
import { createHash } from 'node:crypto';
import { ApiError, type InvalidField } from './http.ts';
import type { IdempotentAnswer, Store } from './store.ts';

const visibleAscii = /^[\x21-\x7e]{1,255}$/;

/** The problem with an `Idempotency-Key` header, or null when it is fine. */
export function idempotencyKeyProblem(header: string | string[] | undefined): InvalidField | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !visibleAscii.test(header)) {
    return { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' };
  }
  return null;
}

export function bodyDigest(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

export interface IdempotencyScope {
  checkoutId: string;
  route: 'complete' | 'finalize';
  key: string;
}

function storageKey({ checkoutId, route, key }: IdempotencyScope): string {
  return JSON.stringify([checkoutId, route, key]);
}

/**
 * The stored answer to replay, or null when this key is new; 422 when it came with another body.
 * `keyName` is what the client used as the key: its header, or its confirmation token.
 */
export function storedAnswer(
  store: Store,
  scope: IdempotencyScope,
  digest: string,
  keyName: 'Idempotency-Key' | 'confirmation_token' = 'Idempotency-Key',
): IdempotentAnswer | null {
  const stored = store.idempotency.get(storageKey(scope));
  if (!stored) return null;
  if (stored.bodyDigest !== digest) {
    throw new ApiError(
      422,
      'idempotency_key_reused',
      keyName === 'Idempotency-Key'
        ? 'This Idempotency-Key was already used with a different request body; use a new key for a new attempt.'
        : 'This confirmation_token was already used with a different request body; create a new confirmation token for a new attempt.',
    );
  }
  return stored;
}

/**
 * Keeps an answer for replay. Like Stripe, answers to requests that never ran (400: the input
 * was refused; 429: too many at once) and server failures (5xx) are not kept, so the same key may
 * be tried again. Nor is a finalize's 409: finalize only reads, and its 409 says how a payment
 * stands before it has ended (`requires_action`: its challenge may still be open; the checkout
 * closed meanwhile, which an approval still honours), so a finalize sent again under the key, once
 * the bank has answered, is told how it ended (the element finalizes under the same key after Back
 * restored a page with the challenge still open, and after a lost answer). Only
 * what a replay sends back is kept (a refusal is its status and its short body), nothing the
 * caller's object may carry besides.
 */
export function rememberAnswer(store: Store, scope: IdempotencyScope, answer: IdempotentAnswer): void {
  if (answer.status === 400 || answer.status === 429 || answer.status >= 500) return;
  if (scope.route === 'finalize' && answer.status === 409) return;
  store.idempotency.put(storageKey(scope), { bodyDigest: answer.bodyDigest, status: answer.status, body: answer.body });
}
