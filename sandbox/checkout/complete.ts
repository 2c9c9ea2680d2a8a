// Paying at complete: an active checkout, not taken by another buyer's payment, in an account that
// takes payments, priced and matched to what the buyer was shown, then charged once per
// confirmation token: declined, waiting for 3-D Secure, or paid and fulfilled at once.
import type { ServiceContext } from '../context.ts';
import { paymentsOf } from '../accounts.ts';
import { ApiError } from '../http.ts';
import { assertChargeable, createPaymentIntent, declineFor, outcomeOf } from '../payments.ts';
import type { CheckoutRecord, PaymentIntentRecord, Settlement } from '../checkout-records.ts';
import { fulfilOrRefund } from './fulfil.ts';
import { refundedError } from './refunds.ts';
import { answerSettled } from './settled.ts';
import { assertPricesShown, priceOrder, purchaseOf, quoteShown, type CompleteInput } from './pricing.ts';
import { assertOpen } from './sessions.ts';
import { assertNotTaken, assertRoomForChallenge, cancelReplaced, cancelStale, settledReplaced } from './single-use.ts';
import { checkoutAt } from './state.ts';
import { assertTaxShown, buyerOfToken } from './token-buyer.ts';

/**
 * How a complete or finalize ended: paid (an order and an invoice), or waiting for 3-D Secure.
 * `earlier` marks the answer of a payment made before this request (announced then, charged
 * nothing now), which the route sends as a replay and announces no more.
 */
export type PaymentOutcome =
  | { status: 'succeeded'; settlement: Settlement; earlier?: true }
  | { status: 'requires_action'; checkoutId: string; paymentIntentId: string; clientSecret: string; amountDue: number; currency: string; earlier?: true };

const tokenUsed = () => new ApiError(409, 'confirmation_token_used', 'This confirmation token was already used; create a new one for a new payment.');

/** What a payment waiting for 3-D Secure answers: its challenge to run. */
function challengeOf(intent: PaymentIntentRecord): Extract<PaymentOutcome, { status: 'requires_action' }> {
  return {
    status: 'requires_action',
    checkoutId: intent.checkoutId,
    paymentIntentId: intent.id,
    clientSecret: intent.clientSecret,
    amountDue: intent.purchase.amountDue,
    currency: intent.purchase.currency,
  };
}

/**
 * Stripe lets a confirmation token confirm one payment, however long after it is sent again. The
 * payment this checkout already made with the token, answered as it stands (the stored answer of
 * the first request may be long forgotten: the idempotency window and cap): paid → its answer,
 * waiting for 3-D Secure → its challenge again; failed or refunded → refused, for the buyer to pay
 * with a new token. Null when this checkout has no payment with it.
 */
function paymentOfToken(context: ServiceContext, checkout: CheckoutRecord, token: string): PaymentOutcome | null {
  const made = context.store.paymentIntents.withKey(token).find((intent) => intent.checkoutId === checkout.id);
  if (!made) return null;
  if (made.settlement) return { status: 'succeeded', settlement: answerSettled(context.store, made.settlement), earlier: true };
  if (made.state === 'requires_action' && !made.refund) return { ...challengeOf(made), earlier: true };
  throw tokenUsed();
}

export function completeCheckout(context: ServiceContext, checkout: CheckoutRecord, sent: CompleteInput): PaymentOutcome {
  const now = context.clock.now();
  const made = paymentOfToken(context, checkout, sent.confirmationToken);
  if (made) return made;
  // The buyer's "unfinished" payment that the bank has in fact confirmed, moments ago (its answer
  // was lost on the way to the browser): that payment is their purchase, whatever the checkout
  // became since.
  const replaced = settledReplaced(context.store, checkout, sent.replacesPaymentIntentId, now);
  if (replaced) return { status: 'succeeded', settlement: answerSettled(context.store, replaced), earlier: true };
  const state = checkoutAt(context.store, checkout, now);
  assertOpen(state);
  assertNotTaken(context.store, checkout, sent, now);
  if (!paymentsOf(checkout.account)) {
    throw new ApiError(409, 'payments_not_configured', 'This account cannot take payments: it has no Stripe connection.');
  }
  // A new buyer the request does not name (Paid's own client sends none): the payment form's.
  const input = state.customer === null && sent.customer === null ? { ...sent, customer: buyerOfToken(context.store, sent.confirmationToken) } : sent;
  const priced = priceOrder(checkout, state, input, now);
  const { selections } = priced;
  if (!priced.summary.hasChanges) {
    throw new ApiError(409, 'no_change', 'Nothing would change: every line keeps its current plan and quantity.');
  }
  assertPricesShown(priced, input.pricesVersion, now);
  assertTaxShown(priced, input, now);
  const { summary, at: pricedAt } = quoteShown(priced, input.amountShown, now);
  const purchase = purchaseOf(priced, summary, input, pricedAt);
  assertChargeable(purchase.amountDue, purchase.currency);
  // Stripe lets a confirmation token confirm one payment: one that made a payment of another
  // checkout (for ever: it is on that payment) or was declined (within the idempotency window) is
  // refused before anything is charged.
  const { store } = context;
  if (store.paymentIntents.withKey(input.confirmationToken).length > 0 || store.usedConfirmationTokens.has(input.confirmationToken)) throw tokenUsed();
  const outcome = outcomeOf(input.confirmationToken);
  if (outcome === 'threeds') assertRoomForChallenge(store, checkout, input.replacesPaymentIntentId, now);
  cancelReplaced(store, checkout, input.replacesPaymentIntentId);
  // What to price it from again when the bank confirms it: the new buyer, or a known one's typed
  // billing address, and where it was taxed from (not the address on file as it will be then).
  const request = { selections, currency: purchase.currency, customer: purchase.buyer ?? purchase.billing, pricedAt, taxBasis: priced.basis, customerId: state.customer?.id ?? null };
  switch (outcome) {
    case 'insufficient_funds':
    case 'card_declined':
      store.usedConfirmationTokens.add(input.confirmationToken);
      throw declineFor(outcome);
    case 'threeds': {
      cancelStale(store, checkout, now);
      const intent = createPaymentIntent(store, checkout.id, input.confirmationToken, purchase, request, 'requires_action', now);
      checkout.paymentIntentIds.push(intent.id);
      checkout.updatedAt = now;
      return challengeOf(intent);
    }
    case 'succeeds': {
      cancelStale(store, checkout, now);
      const intent = createPaymentIntent(store, checkout.id, input.confirmationToken, purchase, request, 'succeeded', now);
      checkout.paymentIntentIds.push(intent.id);
      const settlement = fulfilOrRefund(context, checkout, purchase, intent);
      if (!settlement) throw refundedError(intent.refund!);
      return { status: 'succeeded', settlement };
    }
  }
}
