// A payment under way, kept in the tab's sessionStorage under its checkout's id, so that a page
// reloaded (or restored, or back from a bank's redirect) resumes that same attempt with the same
// Idempotency-Keys instead of charging again, even when the page now shows another checkout (one
// made per page load): the attempt's return_url says which page it was made on. Cleared once the payment is settled either way.
// Without storage that works, this page's memory keeps it: a reload then finds nothing (the element
// behaves as without it), but the page's elements still share it. Reading a kept attempt back (stored-attempt.ts) is loaded only when there is one.
import { isWrittenHttpUrl } from '../url.ts';
import type { CompleteRequest } from '../api/schemas.ts';
import type { Attempt } from './attempt.ts';
import type { StoredAttemptRules } from './stored-attempt.ts';

export const STORED_VERSION = 1;

/** A Stripe payment intent's id, the one form of it the tab's storage is read back with (as a bank's return is: redirect-return.ts). */
const PAYMENT_INTENT_ID = /^pi_[A-Za-z0-9]{1,100}$/;

/** What reading a kept attempt back (stored-attempt.ts, in the resume reader's chunk) is given of this side. */
export const storedAttemptRules: StoredAttemptRules = { version: STORED_VERSION, isWrittenHttpUrl, paymentIntentId: PAYMENT_INTENT_ID };

const KEY_PREFIX = 'paid-checkout:attempt:';

export function storageKeyFor(checkoutId: string): string {
  return KEY_PREFIX + checkoutId;
}

/** What is written: the attempt, whose checkout it is, and when. */
export function serializeAttempt(checkoutId: string, attempt: Attempt, now: number): string {
  const { completeKey, finalizeKey, request, stage, paymentIntentId, unasked } = attempt;
  return JSON.stringify({ v: STORED_VERSION, checkoutId, savedAt: now, completeKey, finalizeKey, stage, paymentIntentId, request, unasked });
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
 * (`replaces_payment_intent_id`), however long ago it was left: the server cancels it, so that a
 * challenge approved late cannot charge the buyer a second time, and answers it instead when the
 * bank did confirm it; on a single-use link, naming it also keeps the link theirs. Kept in the
 * tab's storage under `paid-checkout:unfinished:<checkout id>` as `{ id, at, order }` (when it was
 * left, and what it bought: a replay of it is that order).
 */
const UNFINISHED_PREFIX = 'paid-checkout:unfinished:';

/** What a payment left unfinished bought: its order, shown again if the server answers with that payment. */
export type LeftOrder = Pick<CompleteRequest, 'selections' | 'currency'>;

/** A payment left unfinished, as kept. */
export interface LeftPayment {
  id: string;
  at: number;
  order?: LeftOrder;
  /** Its refund, which a Pay's question found and has yet to say: the reason ('' for none known). */
  refund?: string;
}

/**
 * What this page keeps when the tab's storage refuses to (none, private mode, a full quota): shared
 * by the page's elements (one payment of a checkout at a time among them), lost on reload. Written
 * only when storage refuses, so that a storage cleared (a test's, the page's) leaves nothing here.
 */
const pageMemory = new Map<string, string>();

/** Reads, writes and clears the attempt kept for one checkout; every failure of the storage is silent. */
export class AttemptStore {
  readonly #now: () => number;
  readonly #storage: () => Storage | null;

  readonly #memory: Map<string, string>;

  /** `memory`: what the page keeps without storage (the page's own unless given: a test's). */
  constructor(now: () => number = Date.now, storage: () => Storage | null = sessionStore, memory: Map<string, string> = pageMemory) {
    this.#now = now;
    this.#storage = storage;
    this.#memory = memory;
  }

  /** The value under `key`: the tab's storage's, else this page's memory's. */
  #read(key: string): string | null {
    let value: string | null = null;
    try {
      value = this.#storage()?.getItem(key) ?? null;
    } catch {
      // as below: this page's memory
    }
    return value ?? this.#memory.get(key) ?? null;
  }

  /** Writes (null: removes) `key` in the tab's storage; this page's memory keeps what storage refuses. */
  #write(key: string, value: string | null): void {
    this.#memory.delete(key);
    try {
      const storage = this.#storage();
      if (storage) {
        if (value === null) storage.removeItem(key);
        else storage.setItem(key, value);
        return;
      }
    } catch {
      // Full, disabled or refused: this page's memory keeps it.
    }
    if (value !== null) this.#memory.set(key, value);
  }

  /** The store's clock (when an attempt was kept, and whether a kept one is stale). */
  now(): number {
    return this.#now();
  }

  /** What is kept for `checkoutId`, unread (stored-attempt.ts reads it); null when nothing is. */
  raw(checkoutId: string): string | null {
    return this.#read(storageKeyFor(checkoutId));
  }

  /** Whether only this page keeps the attempt of `checkoutId` (the tab's storage refused it): a reload would lose it. */
  inPage(checkoutId: string): boolean {
    return this.#memory.has(storageKeyFor(checkoutId));
  }

  /** The checkouts this tab (or, without storage, this page) keeps an attempt for. */
  kept(): string[] {
    const keys = new Set(this.#memory.keys());
    try {
      const storage = this.#storage();
      for (let index = 0; storage && index < storage.length; index += 1) keys.add(storage.key(index)!);
    } catch {
      // as below: this page's memory
    }
    return [...keys].filter((key) => key?.startsWith(KEY_PREFIX)).map((key) => key.slice(KEY_PREFIX.length));
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
    return handled.has(this.#keyOf(checkoutId) as string);
  }

  /** This page's element is handling `attempt` (until `release`): no other element of the page takes it over. */
  claim(attempt: Attempt): void {
    handled.add(attempt.completeKey);
  }

  /** The element handling `attempt` left the page, or the attempt is settled. */
  release(attempt: Attempt): void {
    handled.delete(attempt.completeKey);
  }

  /**
   * The 3-D Secure payment of `checkoutId` left unfinished, as kept (whatever its age); null when none
   * is, or when what is kept names no payment intent (another version's, or tampered: every Pay would
   * name it, and a server refuses it). Its order is left out unless it is a list of selections (none
   * null): the success of that payment shows it, and must not throw.
   */
  left(checkoutId: string): LeftPayment | null {
    try {
      const left = JSON.parse(this.#read(UNFINISHED_PREFIX + checkoutId)!);
      if (typeof left.id !== 'string' || !PAYMENT_INTENT_ID.test(left.id) || !Number.isFinite(left.at)) return null;
      // A selection of null is the one item the order's reading would throw on.
      if (!Array.isArray(left.order?.selections) || left.order.selections.includes(null)) delete left.order;
      return left;
    } catch {
      return null;
    }
  }

  /** The 3-D Secure payment of `checkoutId` left unfinished, which the next Pay replaces, whatever its age. */
  unfinished(checkoutId: string): string | null {
    return this.left(checkoutId)?.id ?? null;
  }

  /** `paymentIntentId` of `checkoutId` was left unfinished, buying `order` (null: that payment is over, nothing is left). */
  leave(checkoutId: string, paymentIntentId: string | null, order?: LeftOrder): void {
    const left: LeftPayment | null = paymentIntentId ? { id: paymentIntentId, at: this.#now(), ...(order ? { order: { selections: order.selections, currency: order.currency } } : {}) } : null;
    this.#write(UNFINISHED_PREFIX + checkoutId, left && JSON.stringify(left));
  }

  /** A Pay's question found `paymentIntentId`, left unfinished, refunded for `reason`: kept with it until said, as a reload may come first. */
  refundFound(checkoutId: string, paymentIntentId: string, reason: string): void {
    const left = this.left(checkoutId);
    if (left?.id === paymentIntentId) this.#write(UNFINISHED_PREFIX + checkoutId, JSON.stringify({ ...left, refund: reason }));
  }

  /**
   * Keeps `attempt` for `checkoutId`; `progressed`: a step of a payment under way, kept only while
   * the tab still keeps that payment (another element may have kept a newer one since, or taken it
   * over, finished it and said how it ended).
   */
  save(checkoutId: string, attempt: Attempt, progressed?: boolean): void {
    if (!progressed || this.keeps(checkoutId, attempt)) this.#write(storageKeyFor(checkoutId), serializeAttempt(checkoutId, attempt, this.#now()));
  }

  /** Whether what is kept for `checkoutId` is `attempt` (not taken over and settled by another element, nor replaced). */
  keeps(checkoutId: string, attempt: Attempt): boolean {
    return this.#keyOf(checkoutId) === attempt.completeKey;
  }

  /** Forgets what is kept for `checkoutId`; given `attempt`, only while what is kept is that attempt (another element may have kept a newer one since). */
  clear(checkoutId: string, attempt?: Attempt): void {
    if (!attempt || this.keeps(checkoutId, attempt)) this.#write(storageKeyFor(checkoutId), null);
  }

  #keyOf(checkoutId: string): unknown {
    try {
      return JSON.parse(this.raw(checkoutId)!).completeKey;
    } catch {
      return null;
    }
  }
}
