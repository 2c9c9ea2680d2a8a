// What a checkout holds and what paying it leaves, as the store keeps it: the checkout, the
// purchase as priced, the payment intent, and its settlement or refund.
import type { PostalAddress } from '../src/api/schemas.ts';
import type { LineTax, LineTaxability, TaxLine } from '../src/pricing/tax.ts';
import type { AccountName } from './accounts.ts';
import type { OrderLineRecord } from './merchant-records.ts';
import type { TaxBasis } from './checkout/billing.ts';

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
  /** Where the receipt went (the sandbox records it instead of mailing it), or null when none did. */
  receiptTo: string | null;
  /** When the payment made its order. */
  settledAt: Date;
}


/** A priced purchase, ready to become orders once it is paid. */
export interface Purchase {
  currency: string;
  /** What is charged: the total with tax, never negative. */
  amountDue: number;
  /** The amount the client says the buyer was shown (ours, recorded; never charged from). */
  amountShown: number | null;
  /** What the buyer typed, used when the checkout has no customer yet. */
  buyer: {
    name: string;
    /** Null only for a buyer read from the payment form's token without one (`from`): a customer without an email. */
    email: string | null;
    phone: string | null;
    address: PostalAddress | null;
    /** Their VAT number as written canonically (`DE123456789`), or null: stored on the customer as `vatNumber`. */
    taxId: string | null;
    /** Read from the confirmation token's billing details rather than typed in the request: `email` may then be null (none). */
    from?: 'confirmation_token';
  } | null;
  /**
   * The billing address typed in the checkout, when the order was taxed from it, with the VAT number
   * given beside it (written canonically): saved on the customer, new or known, as their
   * `billingAddress` and `vatNumber` (a known customer keeps the number on file when none was given).
   */
  billing: { address: PostalAddress; taxId: string | null } | null;
  lines: Array<OrderLineRecord & { upgradesOrderId: string | null }>;
  /** What each line charges today (proration included), for the invoice: before tax, its tax, with tax, and why it is taxed so. */
  charges: Array<{
    productId: string;
    description: string;
    quantity: number;
    periodStart: Date;
    periodEnd: Date;
    tax: LineTax & { taxability: LineTaxability };
  }>;
  /** Today's charges added up: before tax, tax and with tax, the tax by rate, and where it was looked up. */
  tax: {
    subtotal: number;
    tax: number;
    total: number;
    taxLines: TaxLine[];
    reverseCharge: boolean;
    /** `GB`, `US-CA`, `US` for an unknown state; null without an address. */
    jurisdiction: string | null;
  };
}

export type PaymentIntentState = 'requires_action' | 'succeeded' | 'failed';

/** A payment the processor gave back: the customer is told, the merchant reads it on the checkout. */
export interface RefundRecord {
  amount: number;
  currency: string;
  /**
   * `checkout_closed`: archived or paid by another payment meanwhile; `amount_changed`: the price
   * moved; `customer_deleted`: the merchant deleted the customer it was for meanwhile;
   * `order_cancelled`: the merchant deleted the order (subscription) it changed meanwhile;
   * `fulfilment_failed`: the order could not be recorded.
   */
  reason: 'checkout_closed' | 'amount_changed' | 'customer_deleted' | 'order_cancelled' | 'fulfilment_failed';
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
  /**
   * The confirmation token it was confirmed with, kept as long as the payment: a token confirms
   * one payment, however long after it is sent again (the store indexes payments by it).
   */
  confirmationToken: string;
  state: PaymentIntentState;
  /** What the payment buys, priced when the checkout was completed. */
  purchase: Purchase;
  /** What the buyer asked for, to price it again when the bank confirms a 3-D Secure payment. */
  request: {
    selections: Array<{ productId: string; planId: string | null; quantity: number }>;
    currency: string;
    /** The new buyer's details; for a known customer, the billing address and VAT number typed (or null). */
    customer: Purchase['buyer'] | { address: PostalAddress; taxId: string | null } | null;
    /** The instant it was priced at: it is priced again at the same instant when it settles. */
    pricedAt: Date;
    /**
     * Where it was taxed from when priced: it is taxed from there again when it settles, whatever
     * the customer's address on file has become meanwhile (the buyer was shown this tax).
     */
    taxBasis: TaxBasis;
    /** The known customer it was priced for, or null for a new buyer: refunded should that customer be deleted meanwhile. */
    customerId: string | null;
  };
  /** What it became once settled: an order, or a refund. */
  settlement: Settlement | null;
  refund: RefundRecord | null;
  createdAt: Date;
}
