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

export interface PaidCheckoutCompleteDetail {
  checkoutId: string;
  orderId: string;
  /** The invoice the payment settled, when the server names one. */
  invoiceId: string | null;
  customerId: string;
  /**
   * Where the element navigates unless the event is cancelled: the server's `redirect_url`, else
   * successUrl with the checkout id; null when neither is http(s).
   */
  redirectUrl: string | null;
  lines: PaidCheckoutLine[];
  customer: { id: string; name: string | null; email: string | null };
  /** Minor units the server charged today. */
  amountDue: number;
  currency: string;
  recurring: PaidCheckoutRecurring[];
  /** Where the backend sent the receipt, when it says it sent one (the sandbox does); else null. */
  receiptEmail: string | null;
}

export interface PaidCheckoutErrorDetail {
  code: ErrorCode;
  message: string;
  /** Whether the customer can act (retry, fix a field, use another card) without a new session. */
  recoverable: boolean;
}

export type PaidCheckoutReadyEvent = CustomEvent<PaidCheckoutReadyDetail>;
export type PaidCheckoutChangeEvent = CustomEvent<PaidCheckoutChangeDetail>;
export type PaidCheckoutCompleteEvent = CustomEvent<PaidCheckoutCompleteDetail>;
export type PaidCheckoutErrorEvent = CustomEvent<PaidCheckoutErrorDetail>;

export interface PaidCheckoutEventMap {
  'paid-checkout-ready': PaidCheckoutReadyEvent;
  'paid-checkout-change': PaidCheckoutChangeEvent;
  'paid-checkout-complete': PaidCheckoutCompleteEvent;
  'paid-checkout-error': PaidCheckoutErrorEvent;
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
