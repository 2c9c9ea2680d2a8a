// What the sandbox remembers: products, customers, orders, checkouts, payment intents, receipts and
// idempotent answers, behind a small interface with an in-memory implementation. The records'
// shapes are in merchant-records.ts and checkout-records.ts.
import type { CheckoutRecord, PaymentIntentRecord } from './checkout-records.ts';
import { systemClock, type Clock } from './clock.ts';
import { createExpiryQueue, type ExpiryQueue } from './expiry-queue.ts';
import type { ProductRecord, CustomerRecord, CustomerUserRecord, OrderRecord, InvoiceRecord } from './merchant-records.ts';
import type { ReceiptRecord } from './receipts.ts';

/** A stored answer to an idempotent request, replayed byte for byte. */
export interface IdempotentAnswer {
  bodyDigest: string;
  status: number;
  body: string;
}

/**
 * How long an idempotent answer, or a declined confirmation token, is remembered: Stripe keeps keys
 * 24 hours. A token that made a payment is kept on the payment, for as long as the payment.
 */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The most idempotent answers kept at once (about 300 bytes each for a decline); the oldest goes first. */
export const MAX_IDEMPOTENT_ANSWERS = 10_000;
/** The most declined confirmation tokens kept at once (about 50 bytes each); the oldest goes first. */
export const MAX_USED_CONFIRMATION_TOKENS = 100_000;
/** The most confirmation tokens the stand-in made whose billing details are kept at once (about 500 bytes each); the oldest goes first. */
export const MAX_CONFIRMATION_TOKENS = 10_000;

/**
 * What a confirmation token the Stripe stand-in made carries to the server, as Stripe's
 * `payment_method_preview.billing_details` (what the Payment Element, an Address Element in
 * billing mode, or the page's `payment_method_data` gave it): null where nothing was collected.
 */
export interface TokenBillingDetails {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: { line1: string | null; line2: string | null; city: string | null; state: string | null; postal_code: string | null; country: string | null };
}

/** Idempotent answers by key, forgotten after IDEMPOTENCY_WINDOW_MS by the store's clock or when over the cap. */
export interface IdempotencyMemory {
  get(key: string): IdempotentAnswer | undefined;
  put(key: string, answer: IdempotentAnswer): void;
  /** What is kept now: how many answers, and the characters of their keys, digests and bodies. */
  usage(): { entries: number; characters: number };
}

/**
 * Confirmation tokens that were declined, forgotten like idempotent answers (a declined token
 * charged nothing, and is declined again). Tokens that made a payment are on the payment.
 */
export interface UsedTokens {
  has(token: string): boolean;
  add(token: string): void;
  readonly size: number;
}

export interface Collection<T extends { id: string }> {
  get(id: string): T | undefined;
  /** Stores the record, or re-stores it after a change (which keeps any index up to date). */
  put(record: T): void;
  readonly size: number;
  /** Forgets the record; true when there was one. */
  remove(id: string): boolean;
  /** Every record, oldest first. */
  list(): T[];
  find(predicate: (record: T) => boolean): T | undefined;
}

/** Confirmation tokens by id, as the stand-in registered them (Stripe's `confirmationTokens.retrieve`). */
export interface ConfirmationTokens {
  get(id: string): TokenBillingDetails | undefined;
  /** Keeps the first registration of an id: a token, once made, does not change. */
  add(id: string, billingDetails: TokenBillingDetails): void;
  readonly size: number;
}

export interface Store {
  products: Collection<ProductRecord>;
  /** By the merchant's external id. */
  customers: IndexedCollection<CustomerRecord>;
  /**
   * The external ids of customers the merchant deleted: a checkout made for one that finds no
   * customer had a buyer signed in as them (`assertStillSignedIn`), not one who never existed.
   */
  deletedCustomerExternalIds: Set<string>;
  /** By customer id. */
  orders: IndexedCollection<OrderRecord>;
  /** The highest order number given so far (a deleted order's number is not given again). */
  highestOrderNumber(): number;
  checkouts: Collection<CheckoutRecord>;
  /** Every checkout the store has taken, by its expiry: what the expiry sweep reads. */
  expiries: ExpiryQueue;
  /** By confirmation token: a token confirms one payment, however long after it is sent again. */
  paymentIntents: IndexedCollection<PaymentIntentRecord>;
  invoices: Collection<InvoiceRecord>;
  customerUsers: Collection<CustomerUserRecord>;
  /** The receipts paid purchases would have sent, oldest first. */
  receipts: Collection<ReceiptRecord>;
  /** Confirmation tokens that were declined, within the idempotency window and cap. */
  usedConfirmationTokens: UsedTokens;
  /** The billing details of the tokens the stand-in made, within the idempotency window and cap. */
  confirmationTokens: ConfirmationTokens;
  idempotency: IdempotencyMemory;
}

export interface MemoryStoreOptions {
  /** Whose "now" the idempotency window is measured by: the sandbox's clock. */
  clock?: Clock;
  maxIdempotentAnswers?: number;
  maxUsedConfirmationTokens?: number;
  maxConfirmationTokens?: number;
}

/** A collection that can also list its records by one key (a customer's orders, say) without a scan. */
export interface IndexedCollection<T extends { id: string }> extends Collection<T> {
  /** The records whose key is `key`, oldest first. */
  withKey(key: string): T[];
}

function createIndexedCollection<T extends { id: string }>(keyOf: (record: T) => string | null): IndexedCollection<T> {
  const collection = createCollection<T>();
  const idsByKey = new Map<string, Set<string>>();
  const keyById = new Map<string, string | null>();
  const unindex = (id: string) => {
    const key = keyById.get(id);
    if (key != null) idsByKey.get(key)?.delete(id);
    keyById.delete(id);
  };
  return {
    ...collection,
    get size() {
      return collection.size;
    },
    put(record) {
      unindex(record.id);
      const key = keyOf(record);
      keyById.set(record.id, key);
      if (key !== null) {
        const ids = idsByKey.get(key) ?? new Set<string>();
        ids.add(record.id);
        idsByKey.set(key, ids);
      }
      collection.put(record);
    },
    remove(id) {
      unindex(id);
      return collection.remove(id);
    },
    withKey(key) {
      return [...(idsByKey.get(key) ?? [])].flatMap((id) => collection.get(id) ?? []);
    },
  };
}

function createCollection<T extends { id: string }>(): Collection<T> {
  const records = new Map<string, T>();
  return {
    get: (id) => records.get(id),
    put: (record) => void records.set(record.id, record),
    remove: (id) => records.delete(id),
    get size() {
      return records.size;
    },
    list: () => [...records.values()],
    find(predicate) {
      for (const record of records.values()) if (predicate(record)) return record;
      return undefined;
    },
  };
}

/**
 * A map that forgets an entry IDEMPOTENCY_WINDOW_MS after it was set, and its oldest entries beyond
 * `maxEntries`. Entries are never re-set, so the Map's insertion order is oldest first.
 */
function createWindowedMap<V>(clock: Clock, maxEntries: number) {
  const entries = new Map<string, { value: V; storedAt: number }>();
  const isStale = (storedAt: number, now: number) => now - storedAt >= IDEMPOTENCY_WINDOW_MS;
  function forgetStale(now: number): void {
    for (const [key, entry] of entries) {
      // A clock moved back can leave a newer entry in front; the check in get() covers those.
      if (!isStale(entry.storedAt, now)) break;
      entries.delete(key);
    }
  }
  return {
    entries,
    get(key: string): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (!isStale(entry.storedAt, clock.now().getTime())) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key: string, value: V): void {
      const now = clock.now().getTime();
      forgetStale(now);
      entries.delete(key);
      entries.set(key, { value, storedAt: now });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
  };
}

export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const answers = createWindowedMap<IdempotentAnswer>(clock, options.maxIdempotentAnswers ?? MAX_IDEMPOTENT_ANSWERS);
  const tokens = createWindowedMap<true>(clock, options.maxUsedConfirmationTokens ?? MAX_USED_CONFIRMATION_TOKENS);
  const madeTokens = createWindowedMap<TokenBillingDetails>(clock, options.maxConfirmationTokens ?? MAX_CONFIRMATION_TOKENS);
  const customers = createIndexedCollection<CustomerRecord>((customer) => customer.externalId);
  const orders = createIndexedCollection<OrderRecord>((order) => order.customerId);
  let highestOrderNumber = 0;
  const putOrder = orders.put;
  orders.put = (order) => {
    highestOrderNumber = Math.max(highestOrderNumber, order.number);
    putOrder(order);
  };
  // A checkout's expiresAt is set when it is made and never changes: queued once, when first put.
  const checkouts = createCollection<CheckoutRecord>();
  const expiries = createExpiryQueue();
  const putCheckout = checkouts.put;
  checkouts.put = (checkout) => {
    if (!checkouts.get(checkout.id)) expiries.add(checkout.id, checkout.expiresAt.getTime());
    putCheckout(checkout);
  };
  return {
    products: createCollection(),
    customers,
    deletedCustomerExternalIds: new Set(),
    orders,
    highestOrderNumber: () => highestOrderNumber,
    checkouts,
    expiries,
    paymentIntents: createIndexedCollection<PaymentIntentRecord>((intent) => intent.confirmationToken),
    invoices: createCollection(),
    customerUsers: createCollection(),
    receipts: createCollection(),
    usedConfirmationTokens: {
      has: (token) => tokens.get(token) !== undefined,
      add: (token) => tokens.set(token, true),
      get size() {
        return tokens.entries.size;
      },
    },
    confirmationTokens: {
      get: (id) => madeTokens.get(id),
      add(id, billingDetails) {
        if (madeTokens.get(id) === undefined) madeTokens.set(id, billingDetails);
      },
      get size() {
        return madeTokens.entries.size;
      },
    },
    idempotency: {
      get: (key) => answers.get(key),
      put: (key, answer) => answers.set(key, answer),
      usage() {
        let characters = 0;
        for (const [key, { value }] of answers.entries) characters += key.length + value.bodyDigest.length + value.body.length;
        return { entries: answers.entries.size, characters };
      },
    },
  };
}
