// expect: Type '"purple"' is not assignable to type 'PaidCheckoutTheme | undefined'
// A theme the element does not have.
import type {} from 'paid-checkout/jsx';

export const checkout = <paid-checkout checkout-id="chk_0123456789abcdef" theme="purple" />;
