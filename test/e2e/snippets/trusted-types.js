// trusted-types.js — the page's `default` Trusted Types policy, as Stripe documents for Stripe.js.
// Load it first, as a file: <script src="/trusted-types.js"></script> before any other script.
// The element and @stripe/stripe-js add Stripe.js's <script> tag with a plain URL; this policy
// lets exactly Stripe's script origins through (those of script-src) and refuses every other string.
if (window.trustedTypes) {
  trustedTypes.createPolicy('default', {
    createScriptURL(url) {
      const { protocol, hostname } = new URL(url, document.baseURI);
      const stripe = protocol === 'https:' && (hostname === 'js.stripe.com' || hostname.endsWith('.js.stripe.com'));
      return stripe ? url : null; // null: the browser refuses the URL and reports a violation
    },
  });
}
