// The page's own step before anything is charged: `paid-checkout-before-confirm`, fired in the pay
// click (after Stripe's `elements.submit()`), whose `waitUntil(promise)` holds the payment until
// the promise settles. A cancelled event or a rejected promise stops the payment.
import { emit, type PaidCheckoutBeforeConfirmDetail } from '../events.ts';

/** How the page's step ended: go on, or stop with the page's words for the customer (plain text). */
export type PageStep = Promise<{ stopped: false } | { stopped: true; message: string | null }>;

const MAX_MESSAGE = 500;

/**
 * The words of a rejection, as text: an Error's message or a string; null for anything else or
 * nothing (an Error whose message a page set to something else than text too, or one that throws
 * when read: the step must settle, or the Pay would stay busy).
 */
export function messageOf(reason: unknown): string | null {
  try {
    const text: unknown = reason instanceof Error ? reason.message : reason;
    const trimmed = typeof text === 'string' && text.trim();
    return trimmed ? trimmed.slice(0, MAX_MESSAGE) : null;
  } catch {
    return null;
  }
}

/**
 * Fires the event on `target` now (in the caller's gesture) and resolves once every promise given
 * to `waitUntil` during the dispatch has settled. `waitUntil` after the dispatch throws, as an
 * ExtendableEvent's does: the payment cannot wait for a step it was not told of in time.
 */
export function beforeConfirm(target: EventTarget, detail: Omit<PaidCheckoutBeforeConfirmDetail, 'waitUntil'>): PageStep {
  const waits: Array<Promise<unknown>> = [];
  let dispatching = true;
  let proceed: boolean;
  try {
    proceed = emit(
      target,
      'paid-checkout-before-confirm',
      {
        ...detail,
        waitUntil(promise: PromiseLike<unknown>) {
          if (!dispatching) throw new DOMException('waitUntil() must be called while paid-checkout-before-confirm is dispatched.', 'InvalidStateError');
          waits.push(Promise.resolve(promise));
        },
      },
      { cancelable: true },
    );
  } finally {
    dispatching = false;
  }
  if (!proceed) return Promise.resolve({ stopped: true, message: null });
  return Promise.all(waits).then(
    () => ({ stopped: false }),
    (reason: unknown) => ({ stopped: true, message: messageOf(reason) }),
  );
}
