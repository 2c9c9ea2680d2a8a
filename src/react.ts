// `paid-checkout/react`: a typed React component for <paid-checkout>, made with @lit/react;
// the element's events become onReady, onChange, onComplete and onError props.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import './index.ts';
import { PaidCheckoutElement } from './paid-checkout.ts';
import type {
  PaidCheckoutChangeEvent,
  PaidCheckoutCompleteEvent,
  PaidCheckoutErrorEvent,
  PaidCheckoutReadyEvent,
} from './events.ts';

/**
 * `<PaidCheckout checkoutId="chk_…" onComplete={(event) => …} />`. Props are the element's
 * properties (`checkoutId`, `apiBase`, `locale`, `theme`); call `event.preventDefault()` in
 * `onComplete` to stay on the page instead of following the success URL.
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
  },
  displayName: 'PaidCheckout',
});

export type * from './events.ts';
