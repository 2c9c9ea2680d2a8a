// expect: 'prop:checkoutID' does not exist
// A misspelt property: checkoutId.
import type {} from 'paid-checkout/jsx/solid';

export const checkout = <paid-checkout prop:checkoutID="chk_0123456789abcdef" />;
