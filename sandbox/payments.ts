// The sandbox's payment processor: what each test confirmation token does, and the payment
// intents that wait for a 3-D Secure answer from the Stripe stand-in's challenge.
import { createHash, timingSafeEqual } from 'node:crypto';
import { chargeStep } from '../src/pricing/currency.ts';
import { ApiError } from './http.ts';
import { randomHex } from './ids.ts';
import type { PaymentIntentRecord, PaymentIntentState, Purchase } from './checkout-records.ts';
import type { Store } from './store.ts';

/** `ctoken_test_<outcome>_<at least 16 hex>`, what the Stripe stand-in makes from a test card. */
export const confirmationTokenPattern = /^ctoken_test_(succeeds|insufficient_funds|card_declined|threeds)_[0-9a-f]{16,}$/;

export type TokenOutcome = 'succeeds' | 'insufficient_funds' | 'card_declined' | 'threeds';

/** The outcome a (schema-checked) confirmation token stands for. */
export function outcomeOf(confirmationToken: string): TokenOutcome {
  const outcome = confirmationTokenPattern.exec(confirmationToken)?.[1];
  if (outcome === 'succeeds' || outcome === 'insufficient_funds' || outcome === 'card_declined' || outcome === 'threeds') return outcome;
  throw new Error(`not a test confirmation token: ${confirmationToken}`);
}

/** Stripe's own codes and messages for the test cards that decline. */
export function declineFor(outcome: 'insufficient_funds' | 'card_declined'): ApiError {
  return outcome === 'insufficient_funds'
    ? new ApiError(402, 'card_declined', 'Your card has insufficient funds.', { declineCode: 'insufficient_funds' })
    : new ApiError(402, 'card_declined', 'Your card was declined.', { declineCode: 'generic_decline' });
}

/**
 * Stripe's refusal of an amount its currency cannot be charged in: KWD and the other
 * three-decimal currencies in multiples of 10, ISK and UGX of 100 (`chargeStep`). The shared
 * pricing rounds to it, so this guards the rule rather than being met.
 */
export function assertChargeable(amount: number, currency: string): void {
  const step = chargeStep(currency);
  if (amount % step === 0) return;
  throw new ApiError(400, 'invalid_charge_amount', `Invalid amount. Amounts in ${currency.toUpperCase()} must be evenly divisible by ${step}: ${amount} is not.`);
}

export const authenticationFailed = () =>
  new ApiError(
    402,
    'authentication_failed',
    'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
  );

/** A payment intent for `purchase` on `checkoutId`, confirmed with `confirmationToken`: paid at once, or waiting for 3-D Secure. */
export function createPaymentIntent(
  store: Store,
  checkoutId: string,
  confirmationToken: string,
  purchase: Purchase,
  request: PaymentIntentRecord['request'],
  state: PaymentIntentState,
  now: Date,
): PaymentIntentRecord {
  const id = `pi_${randomHex(12)}`;
  const intent: PaymentIntentRecord = {
    id,
    clientSecret: `${id}_secret_${randomHex(12)}`,
    checkoutId,
    confirmationToken,
    state,
    purchase,
    request,
    settlement: null,
    refund: null,
    createdAt: now,
  };
  store.paymentIntents.put(intent);
  return intent;
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Stripe's statuses for an intent after its challenge: paid, or back to asking for a card. */
export function stripeStatusOf(intent: PaymentIntentRecord): 'requires_action' | 'succeeded' | 'requires_payment_method' {
  return intent.state === 'failed' ? 'requires_payment_method' : intent.state;
}

/**
 * Records the customer's answer to the challenge. The same answer twice is harmless (`first` is
 * then false, so that what follows the bank's answer happens once); a different answer after
 * the first is refused, as Stripe refuses to re-authenticate.
 */
export function authenticateIntent(
  store: Store,
  intentId: string,
  clientSecret: string,
  outcome: 'succeeded' | 'failed',
): { intent: PaymentIntentRecord; first: boolean } {
  const intent = store.paymentIntents.get(intentId);
  if (!intent || !sameSecret(clientSecret, intent.clientSecret)) {
    throw new ApiError(404, 'not_found', 'No such payment intent.');
  }
  if (intent.state === 'requires_action') {
    intent.state = outcome;
    return { intent, first: true };
  }
  if (intent.state !== outcome) {
    throw new ApiError(409, 'payment_intent_unexpected_state', `This payment intent has already been authenticated (${stripeStatusOf(intent)}).`);
  }
  return { intent, first: false };
}
