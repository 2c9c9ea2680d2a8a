// What the page is told of where the checkout stands: `element.state` from the coordinator's
// phase, when a change of it is worth a `paid-checkout-statechange`, and the telling.
import type { CheckoutError } from '../errors.ts';
import { emit, type PaidCheckoutErrorDetail, type PaidCheckoutState, type PaidCheckoutStateChangeDetail } from '../events.ts';
import type { CheckoutState } from './state.ts';

type StateSource = Pick<CheckoutState, 'phase' | 'checkout' | 'summary' | 'currency' | 'payError'> & {
  messageFor(error: CheckoutError): string;
};

function errorDetail(source: StateSource, error: CheckoutError): PaidCheckoutErrorDetail {
  return { code: error.code, message: source.messageFor(error), recoverable: error.recoverable };
}

export function publicStateOf(source: StateSource): PaidCheckoutState {
  const { phase, checkout, summary } = source;
  switch (phase.kind) {
    case 'idle':
    case 'loading':
      return { status: 'loading' };
    case 'failed':
      return { status: 'failed', error: errorDetail(source, phase.error) };
    case 'succeeded':
      return { status: 'succeeded', ...phase.detail };
    case 'paying':
    case 'ready': {
      if (!checkout) return { status: 'loading' };
      if (phase.kind === 'paying' && phase.paymentIntentId) {
        return { status: 'requires_action', checkoutId: checkout.id, paymentIntentId: phase.paymentIntentId };
      }
      const order = { checkoutId: checkout.id, amountDue: summary?.amountDueToday ?? 0, currency: source.currency };
      if (phase.kind === 'paying') return { status: 'paying', ...order };
      return { status: 'ready', ...order, error: source.payError ? errorDetail(source, source.payError) : null };
    }
  }
}

/** What tells two states apart for the page: the status, its ids, and what the customer is told (not every price change). */
function identity(state: PaidCheckoutState): string {
  const { status, checkoutId, paymentIntentId, orderId, error } = state as Partial<Record<string, unknown>>;
  return JSON.stringify([status, checkoutId, paymentIntentId, orderId, error]);
}

/** The `paid-checkout-statechange` detail for a move from `previous` to `next`, or null when nothing the page is told of changed. */
export function stateChange(previous: PaidCheckoutState, next: PaidCheckoutState): PaidCheckoutStateChangeDetail | null {
  if (identity(previous) === identity(next)) return null;
  const webhook =
    next.status === 'succeeded'
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
