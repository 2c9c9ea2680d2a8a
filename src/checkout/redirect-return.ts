// A payment method that left the page (a bank's redirect) comes back to `return_url` with
// Stripe's parameters and ours (the checkout it paid, url.ts' returnUrlFor): reading them. Their
// names are url.ts' RETURN_PARAMS, and the address without them url.ts' withoutReturnParams, both
// handed in (resume-reader.ts says why).
import type { ReturnParams } from '../url.ts';

/** What Stripe appends to `return_url` when a redirect ends. */
export interface RedirectReturn {
  paymentIntentId: string;
  clientSecret: string;
  /** Stripe's `redirect_status`: `succeeded`, `processing`, `failed`, or another it may add. */
  status: string;
  /**
   * The checkout the payment is for (our `paid_checkout_id`), which may not be the one this page
   * shows now (a page that creates a checkout per load); null in a return_url made before it was
   * added, or spelled wrong.
   */
  checkoutId: string | null;
}

const PAYMENT_INTENT = /^pi_[A-Za-z0-9]{1,100}$/;
const STATUS = /^[a-z_]{1,40}$/;
// As long as a session's id may be (api/schemas.ts' idWithPrefix: 255 characters).
const CHECKOUT_ID = /^[\w-]{1,255}$/;

/**
 * The redirect's parameters (`names`: url.ts' RETURN_PARAMS) in a query string, or null when there
 * are none or they do not hold together (the secret must be the intent's own: `pi_…_secret_…`). A
 * repeated parameter is refused.
 */
export function redirectReturnOf(search: string, names: ReturnParams): RedirectReturn | null {
  const params = new URLSearchParams(search);
  const [paymentIntentId, clientSecret, status, checkoutId] = names.map((name) => {
    const values = params.getAll(name);
    return values.length === 1 ? values[0]! : null;
  });
  if (!paymentIntentId || !clientSecret || !status) return null;
  if (!PAYMENT_INTENT.test(paymentIntentId) || !STATUS.test(status)) return null;
  const secret = clientSecret.slice(`${paymentIntentId}_secret_`.length);
  if (!clientSecret.startsWith(`${paymentIntentId}_secret_`) || !/^[A-Za-z0-9]{1,200}$/.test(secret)) return null;
  return { paymentIntentId, clientSecret, status, checkoutId: checkoutId && CHECKOUT_ID.test(checkoutId) ? checkoutId : null };
}
