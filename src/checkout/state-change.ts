// When a change of `state` is worth a `paid-checkout-statechange`, and the telling of it: in the
// first download, where the loader tells the page of the skeleton and a chunk that could not be
// fetched; the coordinator tells it of the rest (`state` itself: public-state.ts, in the chunk).
import { emit, type PaidCheckoutState, type PaidCheckoutStateChangeDetail } from '../events.ts';

/** What tells two states apart for the page: the status, its ids, and what the customer is told (not every price change). */
function identity(state: PaidCheckoutState): string {
  const { status, checkoutId, paymentIntentId, orderId, error } = state as Partial<Record<string, unknown>>;
  return JSON.stringify([status, checkoutId, paymentIntentId, orderId, error]);
}

/** The `paid-checkout-statechange` detail for a move from `previous` to `next`, or null when nothing the page is told of changed. */
export function stateChange(previous: PaidCheckoutState, next: PaidCheckoutState): PaidCheckoutStateChangeDetail | null {
  if (identity(previous) === identity(next)) return null;
  // Paid once: what the success state says besides (told after it, say) mirrors no second webhook;
  // another order's success does.
  const webhook =
    next.status === 'succeeded' && (previous.status !== 'succeeded' || previous.orderId !== next.orderId)
      ? 'billing-checkout-completed'
      : next.status === 'ready' && /^(card_declined|authentication_failed)$/.test(next.error?.code ?? '')
        ? 'billing-payment-failed'
        : null;
  return { state: next, previous: previous.status, webhook };
}

/**
 * Tells the page of a move from `told` to `state` (`paid-checkout-statechange`, and the console
 * with `debug`), once; returns the state the page now knows.
 */
export function tellState(element: EventTarget, told: PaidCheckoutState, state: PaidCheckoutState, debug: boolean): PaidCheckoutState {
  const change = stateChange(told, state);
  if (!change) return told;
  if (debug) console.info(`[paid-checkout] ${change.previous} → ${state.status}`, state);
  emit(element, 'paid-checkout-statechange', change);
  return state;
}
