// Starts fetching Stripe.js at connect, in the first download, before the publishable key is
// known (the session's read and Stripe.js load side by side); stripe-loader.ts, in the checkout
// chunk, adopts the tag once the key has come.
/** The exact URL `@stripe/stripe-js/pure` injects, so that its findScript() adopts our tag. */
export const STRIPE_JS_URL = 'https://js.stripe.com/endive/stripe.js';
const STRIPE_ORIGINS = ['https://js.stripe.com', 'https://api.stripe.com', 'https://m.stripe.network'];

/** Each Stripe.js tag seen, and whether it failed to load (a failed tag never fires again). */
const failedScripts = new WeakMap<HTMLScriptElement, boolean>();

/** The page's Stripe.js tag, ours or the page's own. */
export function stripeScript(): HTMLScriptElement | null {
  return document.querySelector<HTMLScriptElement>('script[src^="https://js.stripe.com/"]');
}

/** Whether a Stripe.js tag failed to load (it never fires again). */
export function scriptFailed(script: HTMLScriptElement): boolean {
  return failedScripts.get(script) === true;
}

function track(script: HTMLScriptElement): void {
  if (failedScripts.has(script)) return;
  failedScripts.set(script, false);
  script.addEventListener('error', () => failedScripts.set(script, true), { once: true });
}

/**
 * Starts fetching Stripe.js now, unless the page already has it (or a stand-in) or a tag for
 * it. Idempotent: many elements on a page inject one tag.
 */
export function preloadStripe(): void {
  if (typeof window === 'undefined' || window.Stripe) return;
  const existing = stripeScript();
  if (existing) {
    track(existing);
    return;
  }
  // Connections to Stripe's origins warm up while the script downloads.
  for (const origin of STRIPE_ORIGINS) {
    if (document.head.querySelector(`link[rel="preconnect"][href="${origin}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'preconnect';
    link.href = origin;
    link.crossOrigin = 'anonymous';
    document.head.append(link);
  }
  const script = document.createElement('script');
  try {
    script.src = STRIPE_JS_URL;
  } catch {
    // Trusted Types refused the URL (the page has no default policy letting Stripe's through,
    // docs/EMBEDDING.md §8): Stripe's loader then fails as `stripe_unavailable`, which the element shows.
    return;
  }
  script.async = true;
  track(script);
  (document.head ?? document.body).append(script);
}

