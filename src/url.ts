// successUrl templating and the one rule for every URL the element follows: http(s) only.

// `{CHECKOUT_ID}` as a merchant, a URL parser or an encoder may have written it: each character
// itself or percent-encoded (either hex case), the name in any letter case.
const checkoutIdPlaceholder = new RegExp(
  [...'{CHECKOUT_ID}'].map((char) => `(?:${/\w/.test(char) ? char : `\\${char}`}|%${char.charCodeAt(0).toString(16)})`).join(''),
  'gi',
);

// Spaces, control and bidi characters are dropped or moved by URL parsers ("https://shop.example\n@evil.example"
// goes to evil.example): a URL that holds one does not go where it reads.
const hiddenCharacters = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/**
 * Whether a server's `value` is written as an absolute http(s) URL, scheme first and with no
 * hidden characters: the only URLs a session may carry (the element's schema and the sandbox).
 */
export function isWrittenHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value) && !hiddenCharacters.test(value) && URL.canParse(value);
}

// How a browser names its own machine: localhost, 127.0.0.0/8 (a URL writes any IPv4 form as
// dotted decimal) and ::1.
const loopbackHost = /^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * Whether `value` may be where a checkout sends its buyer (successUrl, cancelUrl): https, or
 * http on the buyer's own machine only, where nobody on the network can read or change it.
 */
export function isSecureOrLocalUrl(value: string): boolean {
  if (!isHttpUrl(value)) return false;
  const { protocol, hostname } = new URL(value);
  return protocol === 'https:' || loopbackHost.test(hostname);
}

/** The longest URL a server takes (a session's URLs, a complete's return_url). */
export const MAX_URL_LENGTH = 2048;

/**
 * The parameters a bank's return adds to a payment's return_url, the one list of them: Stripe's
 * `payment_intent`, `payment_intent_client_secret` and `redirect_status`, appended to return_url,
 * and ours, `paid_checkout_id`, which return_url names its checkout by (the page the bank sends the
 * buyer back to may show another checkout, one made per page load). In this order: the resume
 * reader (redirect-return.ts) is handed them, as it imports nothing from this chunk.
 */
export const RETURN_PARAMS = ['payment_intent', 'payment_intent_client_secret', 'redirect_status', 'paid_checkout_id'] as const;
export type ReturnParams = typeof RETURN_PARAMS;

/**
 * The return_url of a payment for `checkoutId` (where a bank's page sends the buyer back): this
 * page's URL when the server takes it, else the page's origin and path, each with
 * `paid_checkout_id=<checkoutId>` in place of any return's parameters it had (Stripe would append
 * its own twice); else `fallback` (the checkout's successUrl, which the server took when the
 * checkout was created).
 */
export function returnUrlFor(pageUrl: string, fallback: string, checkoutId: string): string {
  if (!URL.canParse(pageUrl)) return fallback;
  const { origin, pathname } = new URL(pageUrl);
  const named = `${RETURN_PARAMS[3]}=${encodeURIComponent(checkoutId)}`;
  return [withoutReturnParams(pageUrl, named), `${origin}${pathname}?${named}`].find((candidate) => candidate.length <= MAX_URL_LENGTH && isWrittenHttpUrl(candidate)) ?? fallback;
}

/**
 * `href` without a return's parameters (RETURN_PARAMS: Stripe's and ours), keeping every other
 * parameter as written (`+`, `%20`, order) and the hash, and with `added` (a `name=value`) after
 * them: the one rule for what a return_url is written without and what the address bar is left
 * with after a return. A name is the one URLSearchParams reads, as the return is read:
 * `payment%5Fintent` is `payment_intent`.
 */
export function withoutReturnParams(href: string, added?: string): string {
  const url = new URL(href);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((piece) => piece && !RETURN_PARAMS.some((name) => new URLSearchParams(piece).has(name)));
  url.search = (added ? [...kept, added] : kept).join('&');
  return url.href;
}

/** Whether `value` is an absolute http: or https: URL. */
export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:';
}

/**
 * `successUrl` with every `{CHECKOUT_ID}` (in any case, raw or percent-encoded) replaced by the
 * checkout id, or null when the result is not written as an http(s) URL (isWrittenHttpUrl, the
 * rule successUrl itself was read by) and must not be navigated to.
 */
export function redirectUrlFor(successUrl: string, checkoutId: string): string | null {
  const url = successUrl.replace(checkoutIdPlaceholder, () => encodeURIComponent(checkoutId));
  return isWrittenHttpUrl(url) ? url : null;
}
