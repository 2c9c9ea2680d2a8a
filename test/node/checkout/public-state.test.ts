// `state` as the page reads it (src/checkout/public-state.ts), and which changes are told
// (src/checkout/state-change.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publicStateOf } from '../../../src/checkout/public-state.ts';
import { stateChange } from '../../../src/checkout/state-change.ts';
import { CheckoutError } from '../../../src/errors.ts';
import type { PublicCheckout } from '../../../src/api/schemas.ts';
import type { PaidCheckoutCompleteDetail } from '../../../src/events.ts';
import type { Phase } from '../../../src/checkout/state.ts';

const checkout = { id: 'chk_1' } as PublicCheckout;
const source = (phase: Phase, payError: CheckoutError | null = null, hasPendingAttempt = false) => ({
  phase,
  checkout,
  summary: { amountDueToday: 4900 } as never,
  currency: 'usd',
  payError,
  hasPendingAttempt,
  messageFor: (error: CheckoutError) => error.detail ?? error.code,
});

test('each phase has its status and data', () => {
  assert.deepEqual(publicStateOf(source({ kind: 'idle' })), { status: 'loading' });
  assert.deepEqual(publicStateOf(source({ kind: 'ready' })), { status: 'ready', checkoutId: 'chk_1', amountDue: 4900, currency: 'usd', error: null });
  assert.deepEqual(publicStateOf(source({ kind: 'paying' })), { status: 'paying', checkoutId: 'chk_1', amountDue: 4900, currency: 'usd' });
  assert.deepEqual(publicStateOf(source({ kind: 'paying', paymentIntentId: 'pi_1' })), { status: 'requires_action', checkoutId: 'chk_1', paymentIntentId: 'pi_1' });
  assert.deepEqual(publicStateOf(source({ kind: 'failed', error: new CheckoutError('expired') })), {
    status: 'failed',
    error: { code: 'expired', message: 'expired', recoverable: false },
    paymentPending: false,
  });
  const detail = { checkoutId: 'chk_1', orderId: 'ord_1' } as PaidCheckoutCompleteDetail;
  assert.deepEqual(publicStateOf(source({ kind: 'succeeded', detail, navigating: false, held: false, error: null })), { status: 'succeeded', ...detail, error: null });
  const declined = publicStateOf(source({ kind: 'ready' }, new CheckoutError('card_declined', { detail: 'Your card was declined.', recoverable: true })));
  assert.deepEqual(declined.status === 'ready' && declined.error, { code: 'card_declined', message: 'Your card was declined.', recoverable: true });
});

test('a failure over a payment that could not be looked up (kept in the tab, or back from the bank) says a payment may be pending', () => {
  const failed = { kind: 'failed', error: new CheckoutError('network_error', { recoverable: true }) } as const;
  assert.equal((publicStateOf({ ...source(failed), paymentUnresolved: true }) as { paymentPending: boolean }).paymentPending, true);
  assert.equal((publicStateOf({ ...source(failed), paymentUnresolved: false }) as { paymentPending: boolean }).paymentPending, false);
});

test('a payment whose answer was lost is failed with paymentPending, never ready: the form is locked and Try again resends it', () => {
  for (const code of ['network_error', 'server_error', 'invalid_response'] as const) {
    const lost = publicStateOf(source({ kind: 'ready' }, new CheckoutError(code, { recoverable: true }), true));
    assert.deepEqual(lost, { status: 'failed', error: { code, message: code, recoverable: true }, paymentPending: true });
  }
  // Its Try again: paying again, the same payment.
  const resent = publicStateOf(source({ kind: 'paying' }, null, true));
  assert.equal(resent.status, 'paying');
  const paying = publicStateOf(source({ kind: 'paying' }));
  const lost = publicStateOf(source({ kind: 'ready' }, new CheckoutError('network_error', { recoverable: true }), true));
  assert.deepEqual(stateChange(paying, lost), { state: lost, previous: 'paying', webhook: null });
  assert.deepEqual(stateChange(lost, resent), { state: resent, previous: 'failed', webhook: null });
});

test('a change is told once; a new price alone is not a change; the webhooks it mirrors', () => {
  const ready = publicStateOf(source({ kind: 'ready' }));
  assert.equal(stateChange(ready, { ...ready, amountDue: 100 } as typeof ready), null);
  const paying = publicStateOf(source({ kind: 'paying' }));
  assert.deepEqual(stateChange(ready, paying), { state: paying, previous: 'ready', webhook: null });
  const declined = publicStateOf(source({ kind: 'ready' }, new CheckoutError('card_declined', { recoverable: true })));
  assert.equal(stateChange(paying, declined)?.webhook, 'billing-payment-failed');
  assert.equal(stateChange(declined, declined), null);
  const invalid = publicStateOf(source({ kind: 'ready' }, new CheckoutError('validation_error', { recoverable: true })));
  assert.equal(stateChange(paying, invalid)?.webhook, null);
  const paid = publicStateOf(source({ kind: 'succeeded', detail: { orderId: 'ord_1' } as PaidCheckoutCompleteDetail, navigating: false, held: false, error: null }));
  assert.equal(stateChange(paying, paid)?.webhook, 'billing-checkout-completed');
});

test('succeeded carries what its state says besides, as failed carries its error: a refund told there, or why it does not leave', () => {
  const detail = { checkoutId: 'chk_2', orderId: 'ord_2' } as PaidCheckoutCompleteDetail;
  const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' });
  const told = publicStateOf(source({ kind: 'succeeded', detail, navigating: true, held: false, error: refunded }));
  assert.deepEqual(told, { status: 'succeeded', ...detail, error: { code: 'payment_refunded', message: 'payment_refunded', recoverable: true } });
  const stays = publicStateOf(source({ kind: 'succeeded', detail, navigating: false, held: false, error: new CheckoutError('unsafe_url', { detail: 'Refunded. Cannot leave.' }) }));
  assert.deepEqual(stays.status === 'succeeded' && stays.error, { code: 'unsafe_url', message: 'Refunded. Cannot leave.', recoverable: false });
  // Said once the page is told of it: a success with words is a change from one without.
  const quiet = publicStateOf(source({ kind: 'succeeded', detail, navigating: false, held: false, error: null }));
  assert.deepEqual(stateChange(quiet, told), { state: told, previous: 'succeeded', webhook: null }, 'paid once: no second billing-checkout-completed');
  // Another order's success straight after one (no loading between) is another checkout completed.
  const next = publicStateOf(source({ kind: 'succeeded', detail: { checkoutId: 'chk_3', orderId: 'ord_3' } as PaidCheckoutCompleteDetail, navigating: false, held: false, error: null }));
  assert.equal(stateChange(told, next)?.webhook, 'billing-checkout-completed', 'a second order is a second billing-checkout-completed');
});
