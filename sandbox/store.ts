// What the sandbox remembers: products, customers, orders, checkouts, payment intents and
// idempotent answers, behind a small interface with an in-memory implementation.
import type { BillingInterval, Plan, PostalAddress, Price } from '../src/api/schemas.ts';
import { systemClock, type Clock } from './clock.ts';

export type AccountName = 'main' | 'no_stripe';

export interface ProductRecord {
  id: string;
  name: string;
  description: string | null;
  plans: Plan[];
  basePrice: Price | null;
  active: boolean;
  productCode: string | null;
  externalId: string | null;
  archivedAt: Date | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Paid's `CustomerBillingAddress`: every part optional. */
export interface BillingAddress {
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  zipCode?: string;
  country?: string;
}

export interface CustomerRecord {
  id: string;
  name: string;
  legalName: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  externalId: string | null;
  billingAddress: BillingAddress | null;
  creationState: 'draft' | 'active';
  churnDate: Date | null;
  vatNumber: string | null;
  metadata: Record<string, unknown> | null;
  defaultCurrency: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A user of a customer's account (Paid's `CustomerUser`), keyed by the merchant's ids. */
export interface CustomerUserRecord {
  id: string;
  externalId: string;
  customerExternalId: string;
  name: string | null;
  email: string | null;
  metadata: Record<string, unknown> | null;
  status: 'active' | 'deactivated';
  createdAt: Date;
  updatedAt: Date;
}

/** One seat of a per-seat order line (Paid's `OrderSeat`). */
export interface SeatRecord {
  id: string;
  productId: string;
  /** The customer user's external id, or null while the seat is free. */
  userExternalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderLineRecord {
  /** Kept when an upgrade changes the line's plan or quantity. */
  id: string;
  productId: string;
  /** Set by createOrder; a checkout's lines read as their product's name. */
  name?: string;
  description?: string | null;
  planId: string | null;
  quantity: number;
  interval: BillingInterval;
  /** What one full period (or the one-off purchase) costs, in minor units. */
  amount: number;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  /** Set while a line is in its free trial: nothing has been paid for the period yet. */
  trialEndsAt: Date | null;
}

export interface OrderRecord {
  id: string;
  /** Paid's order number: 1, 2, 3… in the order they were made. */
  number: number;
  name: string;
  customerId: string;
  /** Orders a checkout made are `active`; the merchant's own (createOrder) may be drafts. */
  status: 'active';
  creationState: 'draft' | 'active';
  /** `checkout`: bought through a checkout, and what an upgrade prorates against; `api`: made by createOrder. */
  source: 'checkout' | 'api';
  currency: string;
  lines: OrderLineRecord[];
  seats: SeatRecord[];
  checkoutId: string | null;
  startDate: Date;
  endDate: Date | null;
  metadata: Record<string, unknown> | null;
  /** What the merchant set through createOrder/updateOrder and Paid reads back as written. */
  settings: OrderSettings;
  /** Bumped on every change, as Paid's `version`. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderSettings {
  billingCustomerId: string | null;
  billingContactIds: string[];
  subscriptionTerms: number | null;
  paymentTerms: string | null;
  externalId: string | null;
  autoPostInvoices: boolean | null;
  autoSendBillingEmails: boolean | null;
  autoSendPaymentEmails: boolean | null;
}

export interface CheckoutRecord {
  id: string;
  account: AccountName;
  productIds: string[];
  customerId: string | null;
  externalCustomerId: string | null;
  successUrl: string;
  cancelUrl: string | null;
  expiresAt: Date;
  metadata: Record<string, unknown>;
  collectAddress: boolean;
  collectPhone: boolean;
  singleUse: boolean;
  /** The currency the merchant locked the checkout to, if any. */
  lockedCurrency: string | null;
  /** The currencies every product could be bought in when the checkout was created. */
  allowedCurrenciesAtCreation: string[];
  archivedAt: Date | null;
  /** Set when a single-use checkout is paid; it is then `completed`. */
  completedAt: Date | null;
  /** The customer a completion created for an anonymous single-use checkout (private API only). */
  paidByCustomerId: string | null;
  /** The order of the latest successful payment. */
  orderId: string | null;
  /** Its payments, oldest first: a checkout's own are found without reading every payment. */
  paymentIntentIds: string[];
  /** Set once `billing-checkout-expired` has been sent for this checkout. */
  expiryAnnounced?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What a paid purchase became: the answer to complete and finalize, in the service's terms. */
export interface Settlement {
  checkoutId: string;
  orderId: string;
  invoiceId: string;
  customerId: string;
  paymentIntentId: string;
  amountDue: number;
  /** What the client said the buyer was shown, when it said. */
  amountShown: number | null;
  currency: string;
  /** The checkout's successUrl with `{CHECKOUT_ID}` replaced, or null when that is not an http(s) URL. */
  redirectUrl: string | null;
}

export interface InvoiceLineRecord {
  id: string;
  orderId: string;
  productId: string;
  description: string;
  quantity: number;
  /** What this line charged today, before tax, in minor units (negative for a proration credit). */
  amount: number;
  periodStart: Date;
  periodEnd: Date;
}

/** The invoice a paid checkout makes: what was charged today, line by line, already paid. */
export interface InvoiceRecord {
  id: string;
  number: number;
  customerId: string;
  orderId: string;
  checkoutId: string;
  paymentIntentId: string;
  currency: string;
  lines: InvoiceLineRecord[];
  total: number;
  metadata: Record<string, unknown> | null;
  paidAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** A priced purchase, ready to become orders once it is paid. */
export interface Purchase {
  currency: string;
  amountDue: number;
  /** The amount the client says the buyer was shown (ours, recorded; never charged from). */
  amountShown: number | null;
  /** What the buyer typed, used when the checkout has no customer yet. */
  buyer: { name: string; email: string; phone: string | null; address: PostalAddress | null } | null;
  lines: Array<OrderLineRecord & { upgradesOrderId: string | null }>;
  /** What each line charges today (proration included), for the invoice. */
  charges: Array<{ productId: string; description: string; quantity: number; amount: number; periodStart: Date; periodEnd: Date }>;
}

export type PaymentIntentState = 'requires_action' | 'succeeded' | 'failed';

/** A payment the processor gave back: the customer is told, the merchant reads it on the checkout. */
export interface RefundRecord {
  amount: number;
  currency: string;
  /** `checkout_closed`: archived or paid by another payment meanwhile; `amount_changed`: the price moved. */
  reason: 'checkout_closed' | 'amount_changed';
  createdAt: Date;
}

/**
 * One payment of one buyer. A checkout (a reusable one above all) may have several under way;
 * each is settled (ordered or refunded) or failed on its own, never in another's place.
 */
export interface PaymentIntentRecord {
  id: string;
  clientSecret: string;
  checkoutId: string;
  state: PaymentIntentState;
  /** What the payment buys, priced when the checkout was completed. */
  purchase: Purchase;
  /** What the buyer asked for, to price it again when the bank confirms a 3-D Secure payment. */
  request: {
    selections: Array<{ productId: string; planId: string | null; quantity: number }>;
    currency: string;
    customer: Purchase['buyer'];
    /** The instant it was priced at: it is priced again at the same instant when it settles. */
    pricedAt: Date;
  };
  /** What it became once settled: an order, or a refund. */
  settlement: Settlement | null;
  refund: RefundRecord | null;
  createdAt: Date;
}

/** A stored answer to an idempotent request, replayed byte for byte. */
export interface IdempotentAnswer {
  bodyDigest: string;
  status: number;
  body: string;
}

/** How long an idempotent answer or a used confirmation token is remembered: Stripe keeps keys 24 hours. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The most idempotent answers kept at once (about 300 bytes each for a decline); the oldest goes first. */
export const MAX_IDEMPOTENT_ANSWERS = 10_000;
/** The most used confirmation tokens kept at once (about 50 bytes each); the oldest goes first. */
export const MAX_USED_CONFIRMATION_TOKENS = 100_000;

/** Idempotent answers by key, forgotten after IDEMPOTENCY_WINDOW_MS by the store's clock or when over the cap. */
export interface IdempotencyMemory {
  get(key: string): IdempotentAnswer | undefined;
  put(key: string, answer: IdempotentAnswer): void;
  /** What is kept now: how many answers, and the characters of their keys, digests and bodies. */
  usage(): { entries: number; characters: number };
}

/** Confirmation tokens already charged or declined, forgotten like idempotent answers. */
export interface UsedTokens {
  has(token: string): boolean;
  add(token: string): void;
  readonly size: number;
}

export interface Collection<T extends { id: string }> {
  get(id: string): T | undefined;
  put(record: T): void;
  /** Forgets the record; true when there was one. */
  remove(id: string): boolean;
  /** Every record, oldest first. */
  list(): T[];
  find(predicate: (record: T) => boolean): T | undefined;
}

export interface Store {
  products: Collection<ProductRecord>;
  customers: Collection<CustomerRecord>;
  orders: Collection<OrderRecord>;
  checkouts: Collection<CheckoutRecord>;
  paymentIntents: Collection<PaymentIntentRecord>;
  invoices: Collection<InvoiceRecord>;
  customerUsers: Collection<CustomerUserRecord>;
  /** Confirmation tokens that have been charged (or declined): each confirms one payment. */
  usedConfirmationTokens: UsedTokens;
  idempotency: IdempotencyMemory;
}

export interface MemoryStoreOptions {
  /** Whose "now" the idempotency window is measured by: the sandbox's clock. */
  clock?: Clock;
  maxIdempotentAnswers?: number;
  maxUsedConfirmationTokens?: number;
}

function createCollection<T extends { id: string }>(): Collection<T> {
  const records = new Map<string, T>();
  return {
    get: (id) => records.get(id),
    put: (record) => void records.set(record.id, record),
    remove: (id) => records.delete(id),
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
  return {
    products: createCollection(),
    customers: createCollection(),
    orders: createCollection(),
    checkouts: createCollection(),
    paymentIntents: createCollection(),
    invoices: createCollection(),
    customerUsers: createCollection(),
    usedConfirmationTokens: {
      has: (token) => tokens.get(token) !== undefined,
      add: (token) => tokens.set(token, true),
      get size() {
        return tokens.entries.size;
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
