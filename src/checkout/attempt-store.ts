// A payment under way, kept in the tab's sessionStorage under its checkout's id, so that a page
// reloaded (or restored, or back from a bank's redirect) resumes that same attempt with the same
// Idempotency-Keys instead of charging again, even when the page now shows another checkout (one
// made per page load): the attempt's return_url says which page it was made on. Cleared once the payment is settled either way.
// Storage that is missing or throws keeps nothing (the element then behaves as without it). Reading
// a kept attempt back (stored-attempt.ts) is loaded only when there is one.
import { isWrittenHttpUrl } from '../url.ts';
import type { Attempt } from './attempt.ts';
import type { StoredAttemptRules } from './stored-attempt.ts';

export const STORED_VERSION = 1;

/** What reading a kept attempt back (stored-attempt.ts, in the resume reader's chunk) is given of this side. */
export const storedAttemptRules: StoredAttemptRules = { version: STORED_VERSION, isWrittenHttpUrl };

const KEY_PREFIX = 'paid-checkout:attempt:';

export function storageKeyFor(checkoutId: string): string {
  return KEY_PREFIX + checkoutId;
}

/** What is written: the attempt, whose checkout it is, and when. */
export function serializeAttempt(checkoutId: string, attempt: Attempt, now: number): string {
  const { completeKey, finalizeKey, request, stage, paymentIntentId } = attempt;
  return JSON.stringify({ v: STORED_VERSION, checkoutId, savedAt: now, completeKey, finalizeKey, stage, paymentIntentId, request });
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

/**
 * The buyer's 3-D Secure payment of a checkout left unfinished (its challenge refused or never
 * answered), which the next Pay of any element of the tab for that checkout names
 * (`replaces_payment_intent_id`), so that a single-use link stays theirs: kept in the tab's storage
 * under `paid-checkout:unfinished:<checkout id>`, or, without storage, in this page's memory.
 */
const UNFINISHED_PREFIX = 'paid-checkout:unfinished:';
const unfinishedHere = new Map<string, string>();

/** Reads, writes and clears the attempt kept for one checkout; every failure of the storage is silent. */
export class AttemptStore {
  readonly #now: () => number;
  readonly #storage: () => Storage | null;

  constructor(now: () => number = Date.now, storage: () => Storage | null = sessionStore) {
    this.#now = now;
    this.#storage = storage;
  }

  /** The store's clock (when an attempt was kept, and whether a kept one is stale). */
  now(): number {
    return this.#now();
  }

  /** What is kept for `checkoutId`, unread (stored-attempt.ts reads it); null when nothing is, or storage refuses. */
  raw(checkoutId: string): string | null {
    try {
      return this.#storage()?.getItem(storageKeyFor(checkoutId)) ?? null;
    } catch {
      return null;
    }
  }

  /** The checkouts this tab keeps an attempt for (none when storage refuses). */
  kept(): string[] {
    const ids: string[] = [];
    try {
      const storage = this.#storage();
      for (let index = 0; storage && index < storage.length; index += 1) {
        const key = storage.key(index);
        if (key?.startsWith(KEY_PREFIX)) ids.push(key.slice(KEY_PREFIX.length));
      }
    } catch {
      // as below: nothing kept
    }
    return ids;
  }

  /** Whether an element of this page is handling `attempt`: no other element takes it over. */
  handles(attempt: Attempt): boolean {
    return handled.has(attempt.completeKey);
  }

  /**
   * Whether an element of this page is handling the attempt kept for `checkoutId` (the kept JSON's
   * `completeKey`): read without the resume reader, which a page loads only when it kept something.
   */
  paying(checkoutId: string): boolean {
    try {
      return handled.has(JSON.parse(this.raw(checkoutId)!).completeKey);
    } catch {
      return false;
    }
  }

  /** This page's element is handling `attempt` (until `release`): no other element of the page takes it over. */
  claim(attempt: Attempt): void {
    handled.add(attempt.completeKey);
  }

  /** The element handling `attempt` left the page, or the attempt is settled. */
  release(attempt: Attempt): void {
    handled.delete(attempt.completeKey);
  }

  /** The 3-D Secure payment of `checkoutId` left unfinished on this page, which the next Pay replaces. */
  unfinished(checkoutId: string): string | null {
    try {
      const storage = this.#storage();
      if (storage) return storage.getItem(UNFINISHED_PREFIX + checkoutId);
    } catch {
      // as below: this page's memory
    }
    return unfinishedHere.get(checkoutId) ?? null;
  }

  /** `paymentIntentId` of `checkoutId` was left unfinished (null: that checkout was paid, nothing is left). */
  leave(checkoutId: string, paymentIntentId: string | null): void {
    try {
      const storage = this.#storage();
      if (storage) {
        if (paymentIntentId) storage.setItem(UNFINISHED_PREFIX + checkoutId, paymentIntentId);
        else storage.removeItem(UNFINISHED_PREFIX + checkoutId);
        return;
      }
    } catch {
      // Full, disabled or refused: this page's memory keeps it.
    }
    if (paymentIntentId) unfinishedHere.set(checkoutId, paymentIntentId);
    else unfinishedHere.delete(checkoutId);
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
