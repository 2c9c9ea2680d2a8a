// expect: Property 'orderID' does not exist on type 'PaidCheckoutCompleteDetail'
// A complete handler that reads a detail field the event does not have (orderId).
import type {} from 'paid-checkout/jsx';

export const checkout = <paid-checkout checkout-id="chk_0123456789abcdef" onpaid-checkout-complete={(event) => console.log(event.detail.orderID)} />;
