// expect: Property 'checkoutID' does not exist
// A misspelt property: checkoutId.
import type {} from 'paid-checkout/jsx';

export const checkout = <paid-checkout checkoutID="chk_0123456789abcdef" />;
