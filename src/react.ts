// `paid-checkout/react`: a typed React component for <paid-checkout>, made with @lit/react;
// the element's events become onReady, onChange, onComplete, onError, onStateChange and
// onBeforeConfirm props.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import './index.ts';
import { PaidCheckoutElement } from './paid-checkout.ts';
import type {
  PaidCheckoutBeforeConfirmEvent,
  PaidCheckoutChangeEvent,
  PaidCheckoutCompleteEvent,
  PaidCheckoutErrorEvent,
  PaidCheckoutReadyEvent,
  PaidCheckoutStateChangeEvent,
} from './events.ts';

/**
 * `<PaidCheckout checkoutId="chk_…" onComplete={(event) => …} />`. Props are the element's
 * properties (`checkoutId`, `apiBase`, `locale`, `theme`, `debug`); call `event.preventDefault()` in
 * `onComplete` to stay on the page instead of following the success URL. `onStateChange` hears each
 * change of the element's `state`; `onBeforeConfirm` runs in the pay click, before anything is
 * charged: `event.detail.waitUntil(promise)` holds the payment for the app's own step.
 */
export const PaidCheckout = createComponent({
  tagName: 'paid-checkout',
  elementClass: PaidCheckoutElement,
  react: React,
  events: {
    onReady: 'paid-checkout-ready' as EventName<PaidCheckoutReadyEvent>,
    onChange: 'paid-checkout-change' as EventName<PaidCheckoutChangeEvent>,
    onComplete: 'paid-checkout-complete' as EventName<PaidCheckoutCompleteEvent>,
    onError: 'paid-checkout-error' as EventName<PaidCheckoutErrorEvent>,
    onStateChange: 'paid-checkout-statechange' as EventName<PaidCheckoutStateChangeEvent>,
    onBeforeConfirm: 'paid-checkout-before-confirm' as EventName<PaidCheckoutBeforeConfirmEvent>,
  },
  displayName: 'PaidCheckout',
});

export type * from './events.ts';
