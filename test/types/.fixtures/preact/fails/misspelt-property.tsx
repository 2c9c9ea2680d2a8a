// expect: 'checkoutID' does not exist
// A misspelt property: checkoutId.
import type {} from 'paid-checkout/jsx/preact';

export const checkout = <paid-checkout checkoutID="chk_0123456789abcdef" />;
