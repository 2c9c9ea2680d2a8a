// One try at paying: `complete`, then 3-D Secure and `finalize` when the bank asks. An attempt
// whose outcome is unknown is resent exactly as it was (same keys, same body, same token), so
// that the server answers it again instead of charging twice.
import type { CompleteRequest } from '../api/schemas.ts';
import type { PaymentResult, PaymentSucceeded } from '../api/wire.ts';
import { CheckoutError, type ErrorCode } from '../errors.ts';

export interface Attempt {
  readonly completeKey: string;
  readonly finalizeKey: string;
  readonly request: CompleteRequest;
  /** Where a resend starts: `finalize` once the bank has confirmed the payment. */
  stage: 'complete' | 'finalize';
  /** The payment the bank was asked to confirm (3-D Secure, or a redirect), which finalize names. */
  paymentIntentId: string | null;
  /**
   * How the payment it replaces ended is still to be asked: its complete was never sent. Kept in
   * the tab with it, so that an attempt read back after a reload during the question asks again;
   * dropped (and kept so) just before the complete goes.
   */
  unasked?: true;
}

/** New attempts whose complete was never sent (one read back from the tab may have been). */
const unsent = new WeakSet<Attempt>();

export function newAttempt(request: CompleteRequest, newKey: () => string = () => crypto.randomUUID()): Attempt {
  const attempt: Attempt = { completeKey: newKey(), finalizeKey: newKey(), request, stage: 'complete', paymentIntentId: null, ...(request.replacesPaymentIntentId ? { unasked: true as const } : {}) };
  unsent.add(attempt);
  return attempt;
}

export type AttemptOutcome =
  | { kind: 'succeeded'; result: PaymentSucceeded }
  /** The server may have acted: only this same attempt may be sent again. */
  | { kind: 'unknown'; error: CheckoutError }
  /**
   * Nothing was charged: the customer may change something and start a new attempt.
   * `unfinishedPaymentIntentId`: a 3-D Secure payment the customer left, which the next attempt names.
   */
  | { kind: 'failed'; error: CheckoutError; unfinishedPaymentIntentId?: string }
  /** The checkout can no longer be paid (expired, completed, archived, gone), or this payment's order was deleted. */
  | { kind: 'closed'; error: CheckoutError }
  /** Nobody is waiting for the answer any more (a newer session, a removed element). */
  | { kind: 'abandoned' }
  /**
   * Paid, though nobody shows this attempt any more (the element reads another checkout): complete
   * answered it paid, or the bank had confirmed it and it was finalized anyway (the money is
   * taken; an order or a refund must follow). The page is told.
   */
  | { kind: 'settled'; result: PaymentSucceeded }
  /**
   * Taken, then refunded or its order deleted, though nobody shows this attempt any more: settled,
   * and told to the buyer over whatever the element shows now.
   */
  | { kind: 'settledRefused'; error: CheckoutError };

export interface AttemptSteps {
  complete: (request: CompleteRequest, idempotencyKey: string) => Promise<PaymentResult>;
  finalize: (paymentIntentId: string | null, idempotencyKey: string) => Promise<PaymentSucceeded>;
  /** Stripe's `handleNextAction`: an error's `type` tells the bank's refusal (`card_error`) from an answer lost. */
  handleNextAction: (clientSecret: string) => Promise<{ error?: { type?: string; message?: string } }>;
  /** False once the answer is no longer wanted; checked after every step. */
  wanted: () => boolean;
  /**
   * The attempt moved on (the bank was asked, with its payment's id; or the bank confirmed it):
   * kept where a reload finds it. Called before the next step, which may leave the page.
   */
  progressed?: (attempt: Attempt) => void;
  /** The payment the attempt replaces was taken after the page stopped listening, then refunded: said with the attempt's end. */
  refunded?: (error: CheckoutError) => void;
}

const outcomeUnknown = new Set<ErrorCode>(['network_error', 'server_error', 'invalid_response']);
// The form cannot go on: a closed checkout, a confirmed payment refunded as its checkout ended (a
// refund whose checkout is still open is recoverable: the customer may pay again), or a payment
// whose order the merchant deleted (it was taken: paying again would charge again).
const checkoutClosed = new Set<ErrorCode>(['expired', 'completed', 'archived', 'not_found', 'payments_not_configured', 'payment_refunded', 'order_deleted']);

/**
 * What a failed request means for the payment: unknown, the checkout closed, or failed (nothing
 * charged). A 429 (`rate_limited`) is a refusal before anything ran: nothing charged by a complete
 * never sent before (`firstSend`). To anything else (finalize, a resend, a read of a payment under
 * way) it says nothing of a payment that may have been taken: as a 5xx, whose Try again resends it.
 */
export function classify(caught: unknown, firstSend = false): Extract<AttemptOutcome, { kind: 'unknown' | 'closed' | 'failed' }> {
  let error = caught instanceof CheckoutError ? caught : new CheckoutError('network_error', { recoverable: true, cause: caught });
  if (error.code === 'rate_limited' && !firstSend) error = new CheckoutError('server_error', { recoverable: true, cause: error });
  if (outcomeUnknown.has(error.code)) return { kind: 'unknown', error };
  if (checkoutClosed.has(error.code) && !error.recoverable) return { kind: 'closed', error };
  return { kind: 'failed', error };
}

/** Sends the attempt from its stage; moves it to `finalize` once the bank has confirmed. */
export async function sendAttempt(attempt: Attempt, steps: AttemptSteps): Promise<AttemptOutcome> {
  // While the first complete of a new attempt is on its way: a refusal of it ran nothing before.
  let firstSend = false;
  try {
    if (attempt.stage === 'complete') {
      firstSend = unsent.delete(attempt);
      // Only before the complete is first sent: once it may have charged, only its answer says how.
      if (attempt.unasked) {
        const replaced = await finalizedReplaced(attempt, steps);
        if (replaced) return steps.wanted() ? { kind: 'succeeded', result: replaced } : { kind: 'settled', result: replaced };
        // Kept as one whose complete may have gone: a reload from now on resends it as it was.
        delete attempt.unasked;
        steps.progressed?.(attempt);
      }
      const answer = await steps.complete(attempt.request, attempt.completeKey);
      firstSend = false;
      // Paid: the page is told even when nobody shows the attempt any more, as after 3-D Secure.
      if (answer.status === 'succeeded') return steps.wanted() ? { kind: 'succeeded', result: answer } : { kind: 'settled', result: answer };
      if (!steps.wanted()) return { kind: 'abandoned' };
      attempt.paymentIntentId = answer.paymentIntent.id;
      steps.progressed?.(attempt);
      const action = await steps.handleNextAction(answer.paymentIntent.clientSecret);
      // Only a card error is the bank's refusal (nothing charged). Any other (the connection or
      // Stripe's answer lost, no Stripe.js after a reload) may follow a confirmed payment: the
      // server says how it ended, as after a reload in the challenge.
      if (action.error?.type === 'card_error') {
        if (!steps.wanted()) return { kind: 'abandoned' };
        return {
          kind: 'failed',
          error: new CheckoutError('authentication_failed', { detail: action.error.message ?? null, recoverable: true }),
          unfinishedPaymentIntentId: answer.paymentIntent.id,
        };
      }
      attempt.stage = 'finalize';
      steps.progressed?.(attempt);
    }
    // The bank has confirmed the payment: finalize it whether or not anyone still shows it.
    const result = await steps.finalize(attempt.paymentIntentId, attempt.finalizeKey);
    return steps.wanted() ? { kind: 'succeeded', result } : { kind: 'settled', result };
  } catch (caught) {
    let outcome = classify(caught, firstSend);
    // The question went unanswered (lost, refused for now): no complete was sent, nothing charged.
    if (attempt.unasked && outcome.kind === 'unknown') outcome = { kind: 'failed', error: outcome.error };
    if (!steps.wanted()) return /^(payment_refunded|order_deleted)$/.test(outcome.error.code) ? { kind: 'settledRefused', error: outcome.error } : { kind: 'abandoned' };
    // A payment the bank was asked about and that ended unpaid (never answered there: finalize's
    // `payment_not_finished`) is replaced by the customer's next Pay.
    return outcome.kind === 'failed' && attempt.paymentIntentId ? { ...outcome, unfinishedPaymentIntentId: attempt.paymentIntentId } : outcome;
  }
}

/**
 * The buyer's 3-D Secure payment this attempt replaces, when the bank confirmed it after the page
 * stopped listening: their purchase, answered as its finalize gives it, and nothing more is charged,
 * however long ago it was (the server answers it at complete only within minutes of it on a
 * reusable link). Unfinished, refused, unknown there, or refunded (told) leaves it to the
 * complete; none (lost, 5xx, 429) fails the attempt, nothing sent; over for good (its order
 * deleted, refunded as the checkout closed, the checkout closed) is the attempt's end, as the
 * complete's answer would be within those minutes.
 */
async function finalizedReplaced(attempt: Attempt, steps: AttemptSteps): Promise<PaymentSucceeded | null> {
  const { replacesPaymentIntentId } = attempt.request;
  // An answer lost (or a 429) says nothing: the complete waits for one (the server's 15-minute rule
  // would take a payment confirmed longer ago for a purchase behind the buyer, and charge again).
  return steps.finalize(replacesPaymentIntentId!, crypto.randomUUID()).catch((caught: unknown) => {
    const { kind, error } = classify(caught);
    if (kind === 'unknown' || (kind === 'closed' && error.code !== 'not_found')) throw caught;
    if (error.code === 'payment_refunded') steps.refunded?.(error);
    return null;
  });
}
