// The checkout chunk: all the element needs beyond the skeleton, fetched at connect beside the
// session's read and Stripe.js (loader.ts): the coordinator and its controllers, the schemas that
// check the session, pricing, Stripe's fields, and every view after the skeleton.
export { CheckoutView } from '../views/checkout-view.ts';
export { parseCheckout, readCheckout } from '../api/client.ts';
export { warmUpInSteps } from '../warm-up.ts';
