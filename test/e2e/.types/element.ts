// What a TypeScript app gets from 'paid-checkout': the tag in HTMLElementTagNameMap, typed
// properties, and the events in HTMLElementEventMap. Checked by `tsc -p test/e2e/.types`.
import { PaidCheckoutElement } from 'paid-checkout';
import type { PaidCheckoutCompleteEvent, PaidCheckoutErrorDetail, PaidCheckoutTheme } from 'paid-checkout';
import { PaidCheckoutElement as UndefinedPaidCheckout } from 'paid-checkout/element';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(): T | void {}

const el = document.createElement('paid-checkout');
expectTrue<Equal<typeof el, PaidCheckoutElement>>();
expectTrue<Equal<HTMLElementTagNameMap['paid-checkout'], PaidCheckoutElement>>();
expectTrue<Equal<typeof UndefinedPaidCheckout, typeof PaidCheckoutElement>>();
const found: PaidCheckoutElement | null = document.querySelector('paid-checkout');

el.checkoutId = 'chk_0123456789abcdef';
el.apiBase = 'http://127.0.0.1:4040';
el.locale = 'fr';
el.theme = 'dark';
const theme: PaidCheckoutTheme = 'auto';
el.theme = theme;
// @ts-expect-error 'purple' is not a theme
el.theme = 'purple';

el.addEventListener('paid-checkout-complete', (e) => e.detail.orderId);
el.addEventListener('paid-checkout-complete', (e) => {
  expectTrue<Equal<typeof e, PaidCheckoutCompleteEvent>>();
  const orderId: string = e.detail.orderId;
  const redirectUrl: string | null = e.detail.redirectUrl;
  const amountDue: number = e.detail.amountDue;
  e.preventDefault();
  return [orderId, redirectUrl, amountDue];
});
// @ts-expect-error the detail has orderId, not orderID
el.addEventListener('paid-checkout-complete', (e) => e.detail.orderID);
el.addEventListener('paid-checkout-ready', (e) => e.detail.checkout.id);
el.addEventListener('paid-checkout-change', (e) => {
  const amountDue: number = e.detail.amountDue;
  const currency: string = e.detail.currency;
  return e.detail.selections.map((selection) => selection.productId).concat(String(amountDue), currency);
});
found?.addEventListener('paid-checkout-error', (e) => {
  const detail: PaidCheckoutErrorDetail = e.detail;
  const recoverable: boolean = detail.recoverable;
  return `${detail.code}: ${detail.message} ${recoverable}`;
});

// The class is exported for subclassing (scoped registries, an SPA router's navigate()).
export class RoutedCheckout extends UndefinedPaidCheckout {
  protected override navigate(url: string): void {
    history.pushState(null, '', url);
  }
}
