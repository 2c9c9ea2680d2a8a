// The side-effect entry: defines <paid-checkout> once (importing this module twice is safe)
// and re-exports the class and the public types.
import { PaidCheckoutElement } from './paid-checkout.ts';

if (typeof customElements !== 'undefined' && !customElements.get('paid-checkout')) {
  customElements.define('paid-checkout', PaidCheckoutElement);
}

export { PaidCheckoutElement } from './paid-checkout.ts';
export type { PaidCheckoutTheme } from './paid-checkout.ts';
export type * from './events.ts';
export type { ErrorCode } from './errors.ts';
export type { PublicCheckout, Product, Plan, Price, Selection, CustomerDetails } from './api/schemas.ts';
