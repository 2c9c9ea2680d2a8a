// expect: Type '"purple"' is not assignable to type 'PaidCheckoutTheme | undefined'
// A theme the element does not have.
import type {} from 'paid-checkout/jsx/preact';

export const checkout = <paid-checkout theme="purple" />;
