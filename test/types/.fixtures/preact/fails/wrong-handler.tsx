// expect: Type 'PaidCheckoutCompleteDetail' is missing the following properties from type 'PaidCheckoutErrorDetail'
// A complete handler that takes another event (the error event's detail).
import type {} from 'paid-checkout/jsx/preact';
import type { PaidCheckoutErrorEvent } from 'paid-checkout';

export const checkout = <paid-checkout onpaid-checkout-complete={(event: PaidCheckoutErrorEvent) => console.log(event.detail.code)} />;
