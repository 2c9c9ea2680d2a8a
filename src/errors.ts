// Stable error codes and the error value the element shows, emits and tests assert on.

/** Every code a `paid-checkout-error` event can carry. */
export type ErrorCode =
  | 'missing_checkout_id'
  | 'not_found'
  | 'expired'
  | 'completed'
  | 'archived'
  | 'payments_not_configured'
  | 'network_error'
  | 'server_error'
  | 'invalid_response'
  | 'stripe_unavailable'
  | 'nested_shadow_root'
  | 'card_declined'
  | 'authentication_failed'
  | 'validation_error'
  | 'stopped_by_page'
  | 'unsafe_url'
  | 'no_change'
  | 'payment_in_progress'
  | 'rate_limited'
  | 'payment_refunded'
  | 'order_deleted'
  | 'payment_unconfirmed'
  | 'payment_not_finished'
  | 'payment_not_kept'
  | 'amount_changed'
  | 'total_changed'
  | 'conflict';

/** Why a confirmed payment was refunded, where the element words it apart from a checkout that ended. */
export type RefundReason = 'amount_changed' | 'customer_deleted' | 'order_cancelled' | 'fulfilment_failed';

/**
 * A failure with a stable `code`. `detail` is a message from the server or Stripe that is
 * more precise than the catalog's words for the code (a decline reason, a field problem);
 * it is shown as text, never as markup.
 */
export class CheckoutError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | null;
  readonly recoverable: boolean;
  /** The request field a server's validation error names (`customer.email`), if any. */
  readonly field: string | null;
  /** `amount_changed`: what is due now, and the server's time when it said so. */
  readonly quote: { amountDue: number; serverTime: string } | null;
  /** `payment_refunded`: why, where the catalog has its own words for it (`refund.<reason>`). */
  readonly reason: RefundReason | null;

  constructor(
    code: ErrorCode,
    options: {
      detail?: string | null;
      recoverable?: boolean;
      field?: string | null;
      quote?: { amountDue: number; serverTime: string } | null;
      reason?: RefundReason | null;
      cause?: unknown;
    } = {},
  ) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = 'CheckoutError';
    this.code = code;
    this.detail = options.detail ?? null;
    this.recoverable = options.recoverable ?? false;
    this.field = options.field ?? null;
    this.quote = options.quote ?? null;
    this.reason = options.reason ?? null;
  }
}

/** Whether a failure is the caller's own abort (a newer checkout id, a removed element). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
