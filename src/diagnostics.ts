// What the developer should do about an error the customer sees: which attribute, which script,
// which Content-Security-Policy source, and the docs' section. Logged by development builds only
// (DEV_MODE); production builds leave this module out.
import { DEFAULT_API_BASE } from './api/client.ts';
import type { CheckoutError, ErrorCode } from './errors.ts';

declare const __PAID_CHECKOUT_DEV__: boolean | undefined;

/**
 * True in the development builds (the package's `development` export condition, which Vite and
 * webpack pick while developing, and `paid-checkout/script.dev`), false in production builds.
 */
export const DEV_MODE: boolean = typeof __PAID_CHECKOUT_DEV__ === 'boolean' && __PAID_CHECKOUT_DEV__;

/** The docs ship in the package: node_modules/paid-checkout/docs/. */
const DOCS = 'paid-checkout/docs/';

export interface DiagnosticContext {
  /** The API origin the element uses (its `api-base`, or Paid's when unset). */
  apiBase: string;
  checkoutId: string;
  /** The page's origin, which the API must allow (CORS) and the CSP must name. */
  pageOrigin: string;
}

type Advice = (context: DiagnosticContext) => string;

const sandboxHint = 'Developing offline? Start the sandbox (`npx paid-checkout-sandbox`) and set api-base to the URL it prints.';

/**
 * An api-base that ends in `/api` or `/api/v2` is likely the Node SDK's `baseUrl` copied over: the
 * element's is the origin alone, and it adds `/api/public/checkout/…` itself.
 */
function pathHint(apiBase: string): string {
  const match = /^(https?:\/\/[^/]+)\/api(\/v\d+)?\/?$/.exec(apiBase);
  return match ? ` api-base is the API's origin, ${match[1]}, without ${apiBase.slice(match[1]!.length)} (Paid's Node SDK's baseUrl has that path; the element adds /api/public/checkout/… itself).` : '';
}

const advice: Partial<Record<ErrorCode, Advice>> = {
  missing_checkout_id: () =>
    `The element has no checkout-id. Create a session on your server with Paid's SDK (paid.checkouts.createCheckout) and put its id (chk_…) in the checkout-id attribute or the checkoutId property. A page that fetches the id itself: add the element, or set its id, once the id has come. See ${DOCS}EMBEDDING.md#1-create-a-session-on-your-server`,
  not_found: ({ apiBase, checkoutId }) =>
    `${apiBase} has no checkout "${checkoutId}". Is the id from the same Paid account and environment as api-base (${apiBase === DEFAULT_API_BASE ? "unset: Paid's production API" : apiBase})?${pathHint(apiBase)} ${sandboxHint} See ${DOCS}EMBEDDING.md#1-create-a-session-on-your-server`,
  expired: () =>
    `The session expired (24 h after it was created, or at its expiresAt). Create a session per visit rather than reusing one. See ${DOCS}ELEMENT.md`,
  completed: () => `The session was paid already. Create a new session for a new purchase; verify the paid one on your server. See ${DOCS}EMBEDDING.md#verify-on-return`,
  archived: () =>
    `The session was archived on the server, or it can no longer be sold as made (a product it sells was deactivated, or the customer it was made for was deleted). Create a new session. See ${DOCS}EMBEDDING.md#1-create-a-session-on-your-server`,
  payments_not_configured: ({ apiBase }) =>
    `${apiBase} says this account has no payment processor: connect Stripe in Paid's dashboard (the sandbox's accounts have it connected). See ${DOCS}EMBEDDING.md#1-create-a-session-on-your-server`,
  network_error: ({ apiBase, pageOrigin }) =>
    `The element could not reach ${apiBase}${apiBase === DEFAULT_API_BASE ? " (api-base is unset: Paid's production API)" : ''}. Check that api-base is right, that the server is up and answers CORS for ${pageOrigin}, and that your Content-Security-Policy's connect-src allows ${apiBase}.${pathHint(apiBase)} ${sandboxHint} See ${DOCS}EMBEDDING.md#8-content-security-policy`,
  server_error: ({ apiBase }) => `${apiBase} answered with a server error (5xx); the element retried. Check the server's log. See ${DOCS}CONTRACT.md`,
  invalid_response: ({ apiBase }) =>
    `${apiBase} answered with something that is not Paid's public checkout API (is api-base the API's origin, not your own site or a path?).${pathHint(apiBase)} See ${DOCS}CONTRACT.md`,
  stripe_unavailable: ({ apiBase }) =>
    `Stripe.js did not load. In production, allow https://js.stripe.com in script-src and frame-src (and https://api.stripe.com in connect-src). Against the sandbox, load its Stripe stand-in before the element: <script src="${apiBase === DEFAULT_API_BASE ? 'http://127.0.0.1:4040' : apiBase}/sandbox/stripe-standin.js"></script>. See ${DOCS}EMBEDDING.md#10-developing-offline-with-the-sandbox. A page that enforces Trusted Types (require-trusted-types-for 'script') needs a default policy that lets Stripe.js's URL through, as Stripe documents: see ${DOCS}EMBEDDING.md#trusted-types`,
  nested_shadow_root: () =>
    `Stripe's card fields cannot mount inside another shadow root. Put <paid-checkout> in the page's light DOM (or a slot of your component). See ${DOCS}ELEMENT.md`,
  unsafe_url: () => `The session's successUrl is not an absolute http(s) URL, so the element did not navigate. Set successUrl when creating the session. See ${DOCS}EMBEDDING.md#1-create-a-session-on-your-server`,
};

/** What the developer should do about `error`, or null for the customer's own errors (a decline, a typo). */
export function diagnose(error: CheckoutError, context: DiagnosticContext): string | null {
  const advise = advice[error.code];
  return advise ? `[paid-checkout] ${error.code}: ${advise(context)}` : null;
}
