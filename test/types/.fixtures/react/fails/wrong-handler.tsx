// expect: Type 'PaidCheckoutCompleteDetail' is missing the following properties from type 'PaidCheckoutErrorDetail'
// A complete handler that takes another event (the error event's detail).
import type {} from 'paid-checkout/jsx';
import type { PaidCheckoutErrorEvent } from 'paid-checkout';

export const checkout = (
  <paid-checkout checkout-id="chk_0123456789abcdef" onpaid-checkout-complete={(event: PaidCheckoutErrorEvent) => console.log(event.detail.code)} />
);
