// expect: Property 'lcale' does not exist
// A misspelt attribute. (TypeScript never checks a JSX attribute whose name has a dash, such as
// checkout-id, against the element's type; a misspelt locale or theme, or property, is caught.)
import type {} from 'paid-checkout/jsx';

export const checkout = <paid-checkout checkout-id="chk_0123456789abcdef" lcale="fr" />;
