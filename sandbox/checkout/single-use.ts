// The single-use rule (Paid's guide: a single-use link is taken once a payment has started) and
// the checkout's payments it reads: those still waiting for 3-D Secure hold the link.
import { ApiError } from '../http.ts';
import type { CheckoutRecord, PaymentIntentRecord, Settlement } from '../checkout-records.ts';
import type { Store } from '../store.ts';
import type { CompleteInput } from './pricing.ts';
import { paymentIntentsOf } from './state.ts';

/**
 * How long a single-use link stays held by a payment waiting for 3-D Secure: Paid's guide says
 * the link is taken once a payment has started; a buyer who walked away from the challenge
 * frees it after this.
 */
export const PENDING_PAYMENT_HOLD_MS = 15 * 60_000;

/**
 * The checkout's payments still waiting for 3-D Secure. A payment the bank confirmed is settled
 * at once (settleConfirmed), so nothing else is under way.
 */
export function paymentsUnderWay(store: Store, checkout: CheckoutRecord): PaymentIntentRecord[] {
  return paymentIntentsOf(store, checkout).filter((intent) => intent.state === 'requires_action');
}

/**
 * Paid's guide: a single-use link is taken once a payment has started. While a payment waits for
 * 3-D Secure, only the buyer who started it (who names it) may replace it with another. Once the
 * bank has confirmed it, it has completed the link (or been refunded): nothing is left to hold.
 */
export function assertNotTaken(store: Store, checkout: CheckoutRecord, input: CompleteInput, now: Date): void {
  if (!checkout.singleUse) return;
  for (const pending of paymentsUnderWay(store, checkout)) {
    if (holdsLink(pending, now) && input.replacesPaymentIntentId !== pending.id) {
      throw new ApiError(
        409,
        'payment_in_progress',
        'Someone has already started paying with this link. If that was you, finish in the window where you started, or try again in 15 minutes; otherwise ask the seller for a new link.',
      );
    }
  }
}

/**
 * How many payments a reusable link may have waiting for 3-D Secure at once (ours), counting those
 * started within the hold (PENDING_PAYMENT_HOLD_MS): each is a record kept for a buyer at their
 * bank, and nothing else bounds how many a script holding a pricing page's link could open. A
 * hundred buyers at their banks within a quarter of an hour on one link is far past what the
 * sandbox's pages see, and a bank's challenge rarely lasts that long; a real backend would size it
 * to its traffic.
 */
export const PENDING_CHALLENGES_PER_LINK = 100;

/**
 * A new 3-D Secure payment on a reusable link needs room: one more than PENDING_CHALLENGES_PER_LINK
 * waiting is 429 rate_limited, before anything is charged or recorded, with Retry-After the seconds
 * until the oldest of them stops counting (the element words the code, and its next Pay is a new
 * attempt). The buyer's own challenge that this payment replaces is not counted (it is cancelled);
 * a token sent again, or a request replayed, is answered before this.
 */
export function assertRoomForChallenge(store: Store, checkout: CheckoutRecord, replacesPaymentIntentId: string | null, now: Date): void {
  if (checkout.singleUse) return;
  const open = paymentsUnderWay(store, checkout).filter((pending) => holdsLink(pending, now) && pending.id !== replacesPaymentIntentId);
  if (open.length < PENDING_CHALLENGES_PER_LINK) return;
  const oldest = Math.min(...open.map((pending) => pending.createdAt.getTime()));
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + PENDING_PAYMENT_HOLD_MS - now.getTime()) / 1000));
  throw new ApiError(429, 'rate_limited', 'Too many payments on this link are waiting for their bank right now. Nothing was charged: try again in a few minutes.', {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
}

/** Whether a payment waiting for 3-D Secure still holds its single-use link (on a reusable one: still counts against its cap). */
function holdsLink(pending: PaymentIntentRecord, now: Date): boolean {
  return now.getTime() - pending.createdAt.getTime() < PENDING_PAYMENT_HOLD_MS;
}

/**
 * A new payment has taken a single-use link: the challenges left unanswered past their hold are
 * cancelled, as a platform cancels a payment intent nobody finished, so that a late approval of one
 * fails and charges nothing (its finalize says it failed) and a `{}` finalize without the payment
 * cookie has one payment to answer: the one that took the link.
 */
export function cancelStale(store: Store, checkout: CheckoutRecord, now: Date): void {
  if (!checkout.singleUse) return;
  for (const pending of paymentsUnderWay(store, checkout)) if (!holdsLink(pending, now)) pending.state = 'failed';
}

/**
 * The buyer's own unfinished 3-D Secure payment, replaced by a new one, is cancelled (as Stripe
 * cancels a payment intent): its challenge can no longer charge them once the new one is paid.
 */
export function cancelReplaced(store: Store, checkout: CheckoutRecord, paymentIntentId: string | null): void {
  const replaced = replacedPayment(store, checkout, paymentIntentId);
  if (replaced?.state === 'requires_action') replaced.state = 'failed';
}

/** The payment of this checkout a complete names in `replaces_payment_intent_id` (another checkout's is ignored). */
function replacedPayment(store: Store, checkout: CheckoutRecord, paymentIntentId: string | null): PaymentIntentRecord | null {
  const replaced = paymentIntentId ? store.paymentIntents.get(paymentIntentId) : undefined;
  return replaced?.checkoutId === checkout.id ? replaced : null;
}

/**
 * The settlement of the payment a complete says it replaces, when that payment (of this checkout)
 * was confirmed by the bank and made its order: the buyer was told it failed (the challenge's
 * answer was lost), but it was paid, so nothing more may be charged. On a reusable link, only
 * within PENDING_PAYMENT_HOLD_MS of that: one paid longer ago is a purchase behind the buyer,
 * named only because their tab kept it (the bank confirmed it after the page stopped listening),
 * and the complete goes on as a new purchase, as it does when the named payment was refunded (it
 * kept nothing). A single-use link it paid has no new purchase to make.
 */
export function settledReplaced(store: Store, checkout: CheckoutRecord, paymentIntentId: string | null, now: Date): Settlement | null {
  const settlement = replacedPayment(store, checkout, paymentIntentId)?.settlement;
  const recent = settlement && now.getTime() - settlement.settledAt.getTime() < PENDING_PAYMENT_HOLD_MS;
  return settlement && (checkout.singleUse || recent) ? settlement : null;
}
