// successUrl templating and the one rule for every URL the element follows: http(s) only.

const checkoutIdPlaceholders = ['{CHECKOUT_ID}', '%7BCHECKOUT_ID%7D', '%7bCHECKOUT_ID%7d'];

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
