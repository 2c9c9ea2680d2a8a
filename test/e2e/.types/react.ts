// What a TypeScript React app gets from 'paid-checkout/react': typed props and typed event props.
// (createElement rather than JSX keeps this checkable without a JSX setting.)
import { createElement } from 'react';
import { PaidCheckout } from 'paid-checkout/react';
import type { PaidCheckoutCompleteEvent } from 'paid-checkout/react';

createElement(PaidCheckout, {
  checkoutId: 'chk_0123456789abcdef',
  apiBase: 'http://127.0.0.1:4040',
  theme: 'dark',
  onReady: (event) => event.detail.checkout.id,
  onChange: (event) => event.detail.amountDue.toFixed(0),
  onComplete: (event: PaidCheckoutCompleteEvent) => event.detail.orderId,
  onError: (event) => event.detail.code,
});
// @ts-expect-error the detail has orderId, not orderID
createElement(PaidCheckout, { checkoutId: 'chk_0123456789abcdef', onComplete: (event) => event.detail.orderID });
// @ts-expect-error 'purple' is not a theme
createElement(PaidCheckout, { checkoutId: 'chk_0123456789abcdef', theme: 'purple' });
