// What the page is told of where the checkout stands: `element.state` from the coordinator's
// phase. In the checkout chunk; when a change of it is worth a `paid-checkout-statechange`, and
// the telling, are state-change.ts's, in the first download (the loader tells them too).
import type { CheckoutError } from '../errors.ts';
import type { PaidCheckoutErrorDetail, PaidCheckoutState } from '../events.ts';
import type { CheckoutState } from './state.ts';

type StateSource = Pick<CheckoutState, 'phase' | 'checkout' | 'summary' | 'currency' | 'payError' | 'hasPendingAttempt'> & {
  /** A payment kept in the tab, or back from the bank, that could not be looked up: it may have been taken. */
  readonly paymentUnresolved?: boolean;
  messageFor(error: CheckoutError): string;
};

/** What the page is told of an error: in `state`, and as `paid-checkout-error`'s detail. */
export function errorDetail(source: Pick<StateSource, 'messageFor'>, error: CheckoutError): PaidCheckoutErrorDetail {
  return { code: error.code, message: source.messageFor(error), recoverable: error.recoverable };
}

export function publicStateOf(source: StateSource): PaidCheckoutState {
  const { phase, checkout, summary } = source;
  switch (phase.kind) {
    case 'idle':
    case 'loading':
      return { status: 'loading' };
    case 'failed':
      return { status: 'failed', error: errorDetail(source, phase.error), paymentPending: !!source.paymentUnresolved };
    case 'succeeded':
      // What the success state says besides (a refund told there, or why it does not leave), as `failed` carries its error.
      return { status: 'succeeded', ...phase.detail, error: phase.error && errorDetail(source, phase.error) };
    case 'paying':
    case 'ready': {
      if (!checkout) return { status: 'loading' };
      if (phase.kind === 'paying' && phase.paymentIntentId) {
        return { status: 'requires_action', checkoutId: checkout.id, paymentIntentId: phase.paymentIntentId };
      }
      const order = { checkoutId: checkout.id, amountDue: summary?.amountDueToday ?? 0, currency: source.currency };
      if (phase.kind === 'paying') return { status: 'paying', ...order };
      // A payment whose answer was lost: the form stays, locked, and cannot be paid anew; its Try
      // again sends that same payment again (the page already approved it: no new before-confirm).
      if (source.hasPendingAttempt && source.payError) return { status: 'failed', error: errorDetail(source, source.payError), paymentPending: true };
      return { status: 'ready', ...order, error: source.payError ? errorDetail(source, source.payError) : null };
    }
  }
}
