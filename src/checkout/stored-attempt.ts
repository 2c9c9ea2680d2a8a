// A payment under way, kept in the tab's sessionStorage under its checkout's id, so that a page
// reloaded (or restored, or back from a bank's redirect) resumes that same attempt with the same
// Idempotency-Keys instead of charging again. Cleared once the payment is settled either way.
// Storage that is missing or throws keeps nothing (the element then behaves as without it); a
// stored value that is not exactly what this module wrote is ignored.
import type { CompleteRequest } from '../api/schemas.ts';
import { isWrittenHttpUrl } from '../url.ts';
import type { Attempt } from './attempt.ts';

const VERSION = 1;
/** Older than this, a kept attempt is stale: no checkout session lasts longer than 30 days. */
const MAX_AGE_MS = 31 * 24 * 3_600_000;

export function storageKeyFor(checkoutId: string): string {
  return `paid-checkout:attempt:${checkoutId}`;
}

/** What is written: the attempt, whose checkout it is, and when. */
export function serializeAttempt(checkoutId: string, attempt: Attempt, now: number): string {
  const { completeKey, finalizeKey, request, stage, paymentIntentId } = attempt;
  return JSON.stringify({ v: VERSION, checkoutId, savedAt: now, completeKey, finalizeKey, stage, paymentIntentId, request });
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = 500): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const optionalText = (value: unknown) => value === undefined || value === null || isText(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const KEY = /^[A-Za-z0-9-]{8,100}$/;

function isSelection(value: unknown): boolean {
  return (
    isObject(value) &&
    isText(value.productId, 200) &&
    (value.planId === null || isText(value.planId, 200)) &&
    isCount(value.quantity) &&
    (value.quantity as number) > 0
  );
}

function isAddress(value: unknown): boolean {
  return (
    isObject(value) &&
    ['line1', 'city', 'postalCode', 'country'].every((field) => isText(value[field])) &&
    optionalText(value.line2) &&
    optionalText(value.state)
  );
}

function isCustomer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return (
    isObject(value) &&
    isText(value.name) &&
    isText(value.email) &&
    optionalText(value.phone) &&
    optionalText(value.taxId) &&
    (value.address === undefined || value.address === null || isAddress(value.address))
  );
}

function isRequest(value: unknown): value is CompleteRequest {
  return (
    isObject(value) &&
    Array.isArray(value.selections) &&
    value.selections.length > 0 &&
    value.selections.length <= 50 &&
    value.selections.every(isSelection) &&
    typeof value.currency === 'string' &&
    /^[a-z]{3}$/.test(value.currency) &&
    isCustomer(value.customer) &&
    isText(value.confirmationToken, 255) &&
    typeof value.returnUrl === 'string' &&
    isWrittenHttpUrl(value.returnUrl) &&
    isCount(value.amountDue) &&
    (value.replacesPaymentIntentId === undefined || isText(value.replacesPaymentIntentId, 255))
  );
}

/** The attempt kept for `checkoutId` in `raw`, or null for anything else (absent, stale, foreign, malformed). */
export function parseStoredAttempt(raw: string | null, checkoutId: string, now: number): Attempt | null {
  if (!raw || raw.length > 64_000) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isObject(value) || value.v !== VERSION || value.checkoutId !== checkoutId) return null;
  const { savedAt, completeKey, finalizeKey, stage, paymentIntentId, request } = value;
  if (!isCount(savedAt) || savedAt > now + 60_000 || now - savedAt > MAX_AGE_MS) return null;
  if (typeof completeKey !== 'string' || !KEY.test(completeKey) || typeof finalizeKey !== 'string' || !KEY.test(finalizeKey)) return null;
  if (stage !== 'complete' && stage !== 'finalize') return null;
  if (paymentIntentId !== null && !(typeof paymentIntentId === 'string' && /^pi_[A-Za-z0-9]{1,100}$/.test(paymentIntentId))) return null;
  // Finalize names the payment the bank confirmed: without it, there is nothing to finalize.
  if (stage === 'finalize' && paymentIntentId === null) return null;
  if (!isRequest(request)) return null;
  return { completeKey, finalizeKey, request, stage, paymentIntentId };
}

/** The tab's sessionStorage, or null where there is none or it may not be touched. */
function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Attempts an element of this page is handling now (their complete keys): another element for the
 * same checkout in the same page must not take one over. A reload starts with none.
 */
const handled = new Set<string>();

/** Reads, writes and clears the attempt kept for one checkout; every failure of the storage is silent. */
export class AttemptStore {
  readonly #now: () => number;
  readonly #storage: () => Storage | null;

  constructor(now: () => number = Date.now, storage: () => Storage | null = sessionStore) {
    this.#now = now;
    this.#storage = storage;
  }

  /** The attempt kept for `checkoutId`, unless an element of this page is handling it. */
  read(checkoutId: string): Attempt | null {
    let attempt: Attempt | null;
    try {
      attempt = parseStoredAttempt(this.#storage()?.getItem(storageKeyFor(checkoutId)) ?? null, checkoutId, this.#now());
    } catch {
      return null;
    }
    return attempt && !handled.has(attempt.completeKey) ? attempt : null;
  }

  /** This page's element is handling `attempt` (until `release`): no other element of the page takes it over. */
  claim(attempt: Attempt): void {
    handled.add(attempt.completeKey);
  }

  /** The element handling `attempt` left the page, or the attempt is settled. */
  release(attempt: Attempt): void {
    handled.delete(attempt.completeKey);
  }

  save(checkoutId: string, attempt: Attempt): void {
    try {
      this.#storage()?.setItem(storageKeyFor(checkoutId), serializeAttempt(checkoutId, attempt, this.#now()));
    } catch {
      // Full, disabled or refused: this tab keeps nothing, as before.
    }
  }

  clear(checkoutId: string): void {
    try {
      this.#storage()?.removeItem(storageKeyFor(checkoutId));
    } catch {
      // as above
    }
  }
}
