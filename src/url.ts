// successUrl templating and the one rule for every URL the element follows: http(s) only.

const checkoutIdPlaceholders = ['{CHECKOUT_ID}', '%7BCHECKOUT_ID%7D', '%7bCHECKOUT_ID%7d'];

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

/** Whether `value` is an absolute http: or https: URL. */
export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:';
}

/**
 * `successUrl` with every `{CHECKOUT_ID}` (raw or percent-encoded) replaced by the checkout id,
 * or null when the result is not an http(s) URL and must not be navigated to.
 */
export function redirectUrlFor(successUrl: string, checkoutId: string): string | null {
  let url = successUrl;
  for (const placeholder of checkoutIdPlaceholders) url = url.split(placeholder).join(encodeURIComponent(checkoutId));
  return isHttpUrl(url) ? url : null;
}
