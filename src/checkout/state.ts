// What a checkout shows at a moment, apart from the controller that changes it: the phase, the
// session and the choices in it, the customer's fields and the payment section. Views read this.
import type { PublicCheckout, Selection } from '../api/schemas.ts';
import type { CheckoutError } from '../errors.ts';
import type { PaidCheckoutCompleteDetail } from '../events.ts';
import type { TaxedSummary } from './taxed-summary.ts';
import type { CustomerValues, FieldName, FieldProblem } from './customer-form.ts';

export type Phase =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'failed'; error: CheckoutError }
  | { kind: 'ready' }
  /**
   * `paymentIntentId`: the customer's bank was asked to confirm that payment (3-D Secure, a
   * redirect). `note`: what the Pay button says instead of "Processing…" (a payment resumed after a
   * reload, or finished after a bank's redirect).
   */
  | { kind: 'paying'; paymentIntentId?: string; note?: 'pay.resuming' | 'pay.redirectReturning' }
  /**
   * `held`: the element does not leave on its own, so that the customer reads what it says (a
   * refund of another payment, or `earlier`); a link leads to the success URL. `earlier`: paid by
   * the payment the customer's Pay replaced (the bank had confirmed it after all), nothing more charged.
   */
  | { kind: 'succeeded'; detail: PaidCheckoutCompleteDetail; navigating: boolean; held: boolean; error: CheckoutError | null; earlier?: boolean };

/** Stripe's payment fields: none asked for, on their way, shown, or unavailable (Stripe.js did not load). */
export type PaymentStatus = 'none' | 'loading' | 'ready' | 'unavailable';

/** The state the views render, read-only. */
export interface CheckoutState {
  readonly phase: Phase;
  readonly checkout: PublicCheckout | null;
  readonly currencies: readonly string[];
  readonly currency: string;
  readonly selections: readonly Selection[];
  /** What is due, priced in the browser, with the server's tax quote laid over it once it has come. */
  readonly summary: TaxedSummary | null;
  readonly collectFields: readonly FieldName[];
  readonly customer: CustomerValues;
  readonly fieldProblems: ReadonlyMap<FieldName, FieldProblem>;
  readonly paymentStatus: PaymentStatus;
  /** The error shown beside the payment fields: a decline, a failed authentication, a retry. */
  readonly payError: CheckoutError | null;
  /** Whether the pay button may be pressed now. */
  readonly canPay: boolean;
  /** An attempt whose outcome is unknown (network, 5xx): the form is locked until it is retried. */
  readonly hasPendingAttempt: boolean;
  /** The payment under way is kept only by this page (the tab's storage refused it): a reload would lose it. */
  readonly unkept?: boolean;
}
