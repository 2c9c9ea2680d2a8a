// Finalize: which payment the buyer means, and how it ended after 3-D Secure (read only, but for a
// payment told its checkout closed while its bank waits: cancelled).
import { ApiError } from '../http.ts';
import type { ServiceContext } from '../context.ts';
import { authenticationFailed } from '../payments.ts';
import type { CheckoutRecord, PaymentIntentRecord } from '../checkout-records.ts';
import type { Store } from '../store.ts';
import type { PaymentOutcome } from './complete.ts';
import { refundedError } from './refunds.ts';
import { answerSettled } from './settled.ts';
import { assertActive } from './sessions.ts';
import { paymentsUnderWay } from './single-use.ts';
import { paymentIntentsOf, statusOf } from './state.ts';

/** Who a finalize says it is: the payment its body names, and those its browser's cookie names (newest first). */
export interface FinalizeClaim {
  named: string | null;
  fromCookie: readonly string[];
}

/**
 * Of the payments of this checkout a browser started (its cookie, newest first), the one its `{}`
 * finalize means. Paid's client finalizes right after its bank approved a payment, so when the
 * browser pays in two tabs it is the one the bank answered last since the newest started (made its
 * order or was refunded), not the newest, whose challenge may still be open in the other tab; none
 * answered since, the newest (an answer from before it is of an earlier purchase).
 */
function browserPayment(store: Store, checkout: CheckoutRecord, ids: readonly string[]): PaymentIntentRecord | undefined {
  const started = ids.flatMap((id) => store.paymentIntents.get(id) ?? []).filter((intent) => intent.checkoutId === checkout.id);
  const answeredAt = (intent: PaymentIntentRecord) => (intent.settlement?.settledAt ?? intent.refund?.createdAt)?.getTime() ?? -Infinity;
  let meant = started[0];
  let last = meant ? meant.createdAt.getTime() - 1 : -Infinity;
  for (const intent of started) {
    if (answeredAt(intent) > last) [meant, last] = [intent, answeredAt(intent)];
  }
  return meant;
}

/**
 * Which payment a finalize means. Ours: the client names it (`payment_intent_id`, which only its
 * buyer was given). Paid's client sends `{}`: then the payment its browser started, which the
 * payment cookie names (of this checkout; of several, browserPayment's); else, on a single-use link
 * (one buyer at a time), the payment that paid it, else the one in 3-D Secure (a challenge left
 * past its hold was cancelled when another payment took the link), else its last; when more than
 * one could still be meant, and on a reusable link, where several buyers may pay, nobody's is guessed.
 */
function paymentToFinalize(store: Store, checkout: CheckoutRecord, { named, fromCookie }: FinalizeClaim): PaymentIntentRecord {
  if (named !== null) {
    const intent = store.paymentIntents.get(named);
    if (!intent || intent.checkoutId !== checkout.id) throw new ApiError(404, 'not_found', 'No such payment on this checkout.');
    return intent;
  }
  const started = browserPayment(store, checkout, fromCookie);
  if (started) return started;
  const payments = paymentIntentsOf(store, checkout);
  if (payments.length === 0) throw new ApiError(409, 'no_pending_payment', 'There is no payment waiting to be finalized.');
  if (checkout.singleUse) {
    const paid = payments.find((intent) => intent.settlement !== null);
    const underWay = paymentsUnderWay(store, checkout);
    const only = paid ?? (underWay.length <= 1 ? (underWay[0] ?? payments.at(-1)) : undefined);
    if (only) return only;
  }
  throw new ApiError(409, 'payment_intent_required', 'Several payments may be meant on this link: name your payment with payment_intent_id.');
}

/**
 * Tells the buyer how their payment ended after 3-D Secure. It makes nothing: the payment was
 * settled (or refunded) when the bank confirmed it, so finalize answers the same however often
 * (unless the merchant deletes the order it made and the client named the payment: `answerSettled`),
 * and never makes an order. The one thing it changes: a named payment still waiting for its bank,
 * on a checkout that has closed, is cancelled as it is told so.
 */
export function finalizeCheckout(context: ServiceContext, checkout: CheckoutRecord, claim: FinalizeClaim = { named: null, fromCookie: [] }): PaymentOutcome {
  const intent = paymentToFinalize(context.store, checkout, claim);
  if (intent.settlement) {
    const settlement = answerSettled(context.store, intent.settlement, claim.named !== null);
    // Found by the link alone (no payment named, no cookie of the browser that started it): whoever
    // holds a paid link learns that it was paid, never to whom the receipt went.
    const byLinkAlone = claim.named === null && !claim.fromCookie.includes(intent.id);
    return { status: 'succeeded', settlement: byLinkAlone ? { ...settlement, receiptTo: null } : settlement };
  }
  if (intent.refund) throw refundedError(intent.refund);
  switch (intent.state) {
    case 'requires_action': {
      // Its checkout closed while the bank waits: a client that named it (the element, reloaded or
      // put in another's place) is told so, ends there and forgets it. What it was told stays true:
      // the payment is cancelled, and an approval after this (a challenge still open, a bank's app)
      // charges nothing. A `{}` finalize only guesses whose payment it is, and cancels nothing.
      const status = statusOf(checkout, context.clock.now());
      if (status !== 'active' && claim.named !== null) intent.state = 'failed';
      assertActive(status);
      throw new ApiError(409, 'requires_action', 'The payment still needs 3-D Secure authentication.');
    }
    case 'failed':
      throw authenticationFailed();
    case 'succeeded':
      throw new Error(`payment ${intent.id} was confirmed but neither settled nor refunded`);
  }
}
