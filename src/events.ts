// The element's events: their detail types, and their declarations in HTMLElementEventMap.
import type { BillingInterval, PublicCheckout, Selection } from './api/schemas.ts';
import type { ErrorCode } from './errors.ts';

export interface PaidCheckoutReadyDetail {
  /** The validated public session as the element shows it. */
  checkout: PublicCheckout;
}

export interface PaidCheckoutChangeDetail {
  selections: Selection[];
  currency: string;
  /** What the customer would pay today, in minor units, as computed in the browser. */
  amountDue: number;
}

export interface PaidCheckoutLine {
  productId: string;
  productName: string;
  planId: string | null;
  planName: string | null;
  quantity: number;
  /** Minor units charged today for this line (negative for a downgrade's credit). */
  amountDueToday: number;
  /** Minor units of one full period (0 for usage billed in arrears). */
  periodAmount: number;
  interval: BillingInterval;
}

export interface PaidCheckoutRecurring {
  interval: Exclude<BillingInterval, 'one_time'>;
  amount: number;
  /** ISO 8601 instant of the first charge at this interval. */
  startsAt: string;
  includesUsage: boolean;
}

/**
 * Paid's `Order` as its SDK names it (`Paid.Order`), with only what the payment's answer says:
 * read the whole order on your server (`client.orders.getOrderById`).
 */
export interface PaidCheckoutOrder {
  id: string;
  customerId: string;
}

/** Paid's `Invoice` as its SDK names it (`Paid.Invoice`), with only what the payment's answer says. */
export interface PaidCheckoutInvoice {
  id: string;
  customerId: string;
}

/**
 * The checkout as Paid's SDK names it in `billing-checkout-completed` (`Paid.CheckoutDetails`), with
 * only what the payment's answer says: never its `metadata`, which the public API withholds.
 */
export interface PaidCheckoutCompleted {
  id: string;
  /** The order the checkout resulted in, as `CheckoutDetails.orderId`. */
  orderId: string;
}

export interface PaidCheckoutCompleteDetail {
  checkoutId: string;
  orderId: string;
  /** The invoice the payment settled, when the server names one. */
  invoiceId: string | null;
  customerId: string;
  /** The same ids in the shapes of Paid's SDK: `order.id` is `orderId`. */
  order: PaidCheckoutOrder;
  /** `invoice.id` is `invoiceId`; null when the server names no invoice. */
  invoice: PaidCheckoutInvoice | null;
  /** `checkout.id` is `checkoutId`, `checkout.orderId` is `orderId`. */
  checkout: PaidCheckoutCompleted;
  /**
   * Where the element navigates unless the event is cancelled: the server's `redirect_url`, else
   * successUrl with the checkout id; null when neither is http(s).
   */
  redirectUrl: string | null;
  /**
   * Whether the element navigates to `redirectUrl` by itself unless the event is cancelled. False
   * when its success stays on screen to say a refund of another payment or that an earlier payment
   * went through (its "Continue" link navigates), when `redirectUrl` is null, when the element was
   * out of the page when the payment answered (put back, its "Continue" link navigates), and for a
   * payment paid after the element moved on to another checkout (the event is then not cancelable).
   */
  navigates: boolean;
  lines: PaidCheckoutLine[];
  customer: { id: string; name: string | null; email: string | null };
  /** Minor units the server charged today. */
  amountDue: number;
  currency: string;
  recurring: PaidCheckoutRecurring[];
  /** Where the backend sent the receipt, when it says it sent one (the sandbox does); else null, as for a bank's return this tab kept nothing of (anyone with a payment's id can write one). */
  receiptEmail: string | null;
}

export interface PaidCheckoutErrorDetail {
  code: ErrorCode;
  message: string;
  /** Whether the customer can act (retry, fix a field, use another card) without a new session. */
  recoverable: boolean;
}

export interface PaidCheckoutBeforeConfirmDetail {
  checkoutId: string;
  /** Minor units about to be charged today (the amount shown). */
  amountDue: number;
  currency: string;
  /** What is being bought: one per product of the checkout. */
  selections: Selection[];
  /** What the customer typed (null for a field the checkout does not ask for, or left empty). */
  customer: { name: string | null; email: string | null };
  /**
   * Holds the payment until `promise` settles; call it while the event is dispatched (later calls
   * throw). A rejection stops the payment and shows its message (an Error's `message` or a string,
   * as text) to the customer; nothing is charged.
   */
  waitUntil(promise: PromiseLike<unknown>): void;
}

/** Where a checkout stands, as `element.state` and `paid-checkout-statechange` say it. */
export type PaidCheckoutState =
  /** The session is being read (or a kept payment is being looked up). */
  | { status: 'loading' }
  /** The form is shown and can be paid; `error` is why the last payment did not go through, if it did not. */
  | { status: 'ready'; checkoutId: string; amountDue: number; currency: string; error: PaidCheckoutErrorDetail | null }
  /** A payment is under way (or resuming after a reload or a bank's redirect). */
  | { status: 'paying'; checkoutId: string; amountDue: number; currency: string }
  /** The customer's bank is asked to confirm the payment (3-D Secure, or a redirect to the bank). */
  | { status: 'requires_action'; checkoutId: string; paymentIntentId: string }
  /**
   * Paid: the same detail as `paid-checkout-complete`, and `error`: what the success state says
   * besides, as `paid-checkout-error` told it (a refund, or an order deleted, of another checkout
   * paid on this page, told there; `unsafe_url`: it does not leave, its redirect not http(s)), else null.
   */
  | ({ status: 'succeeded'; error: PaidCheckoutErrorDetail | null } & PaidCheckoutCompleteDetail)
  /**
   * The checkout cannot be shown or paid (expired, completed, not found, …), or a payment's answer
   * was lost (`paymentPending`): then the form stays shown but locked, that payment may have been
   * taken, and Try again sends the same payment again (the same Idempotency-Key and confirmation
   * token, with no new `paid-checkout-before-confirm`), never a new one. `paymentPending` too when
   * a payment kept in the tab, or back from the bank, could not be looked up (the resume reader's
   * file did not load, or the lookup's answer was lost): no form is shown, and Try again finishes that payment.
   */
  | { status: 'failed'; error: PaidCheckoutErrorDetail; paymentPending: boolean };

export type PaidCheckoutStatus = PaidCheckoutState['status'];

export interface PaidCheckoutStateChangeDetail {
  state: PaidCheckoutState;
  previous: PaidCheckoutStatus;
  /**
   * The webhook Paid sends for what just happened, where this change mirrors one:
   * `billing-checkout-completed` on the move to `succeeded` (once per order), `billing-payment-failed` when a payment was
   * declined or its authentication failed; else null.
   */
  webhook: 'billing-checkout-completed' | 'billing-payment-failed' | null;
}

export type PaidCheckoutReadyEvent = CustomEvent<PaidCheckoutReadyDetail>;
export type PaidCheckoutBeforeConfirmEvent = CustomEvent<PaidCheckoutBeforeConfirmDetail>;
export type PaidCheckoutStateChangeEvent = CustomEvent<PaidCheckoutStateChangeDetail>;
export type PaidCheckoutChangeEvent = CustomEvent<PaidCheckoutChangeDetail>;
export type PaidCheckoutCompleteEvent = CustomEvent<PaidCheckoutCompleteDetail>;
export type PaidCheckoutErrorEvent = CustomEvent<PaidCheckoutErrorDetail>;

export interface PaidCheckoutEventMap {
  'paid-checkout-ready': PaidCheckoutReadyEvent;
  'paid-checkout-change': PaidCheckoutChangeEvent;
  'paid-checkout-complete': PaidCheckoutCompleteEvent;
  'paid-checkout-error': PaidCheckoutErrorEvent;
  'paid-checkout-before-confirm': PaidCheckoutBeforeConfirmEvent;
  'paid-checkout-statechange': PaidCheckoutStateChangeEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends PaidCheckoutEventMap {}
}

/**
 * Dispatches one of the element's events (bubbling, composed); returns false when a
 * cancelable event was cancelled by `preventDefault()`.
 */
export function emit<K extends keyof PaidCheckoutEventMap>(
  target: EventTarget,
  type: K,
  detail: PaidCheckoutEventMap[K]['detail'],
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(
    new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
  );
}
