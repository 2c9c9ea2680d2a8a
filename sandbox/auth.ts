// The private API's key check: which account a Bearer key opens, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AccountName } from './accounts.ts';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** What is wrong with a secret key someone chose, or null: 8 to 200 characters without spaces. */
export function secretKeyProblem(secretKey: string): string | null {
  return /^\S{8,200}$/.test(secretKey) ? null : 'the secret key must be 8 to 200 characters without spaces';
}

/** The key of the account that has no Stripe connection, derived from the main key. */
export function noStripeKeyOf(secretKey: string): string {
  return `${secretKey}_no_stripe`;
}

/** The account that `authorization` opens, or null for a missing or wrong key. */
export function accountFor(authorization: string | undefined, secretKey: string): AccountName | null {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  // Compare digests, not the keys: equal lengths, and no early exit on the first differing byte.
  const given = digest(match?.[1] ?? '');
  const isMain = timingSafeEqual(given, digest(secretKey));
  const isNoStripe = timingSafeEqual(given, digest(noStripeKeyOf(secretKey)));
  if (!match) return null;
  if (isMain) return 'main';
  if (isNoStripe) return 'no_stripe';
  return null;
}
