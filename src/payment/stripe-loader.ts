// Loads Stripe.js once per page, in parallel with the session read: the script tag is injected
// at connect (before the publishable key is known), and the Stripe instance is made from it once
// the key is. Does what `@stripe/stripe-js/pure`'s loadStripe() does for this element (adopt a
// page's Stripe.js or tag, inject one, try again after a failure) in a tenth of its bytes.
import type { Stripe, StripeConstructor } from '@stripe/stripe-js';
import { CheckoutError } from '../errors.ts';

/** Stripe.js release "endive", the one @stripe/stripe-js 10 loads and its types describe. */
export const STRIPE_JS_URL = 'https://js.stripe.com/endive/stripe.js';
const STRIPE_RELEASE = 'endive';
const STRIPE_ORIGINS = ['https://js.stripe.com', 'https://api.stripe.com', 'https://m.stripe.network'];

type ScriptStatus = 'loading' | 'loaded' | 'failed';
const scriptStatus = new WeakMap<HTMLScriptElement, ScriptStatus>();
const instances = new Map<string, Promise<Stripe>>();

function stripeScript(): HTMLScriptElement | null {
  return document.querySelector<HTMLScriptElement>('script[src^="https://js.stripe.com/"]');
}

/** window.Stripe once the page has it: now, or when the tag loads (injecting one if needed). */
function stripeConstructor(): Promise<StripeConstructor> {
  return new Promise((resolve, reject) => {
    if (window.Stripe) return resolve(window.Stripe);
    // A tag that already failed never fires again: replace it.
    const failed = stripeScript();
    if (failed && scriptStatus.get(failed) === 'failed') failed.remove();
    preloadStripe();
    const script = stripeScript()!;
    const loaded = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js loaded without defining Stripe')));
    if (scriptStatus.get(script) === 'loaded') return loaded();
    const listening = new AbortController();
    const settle = (then: () => void) => () => {
      listening.abort();
      then();
    };
    script.addEventListener('load', settle(loaded), { signal: listening.signal });
    script.addEventListener('error', settle(() => reject(new Error('Stripe.js failed to load'))), { signal: listening.signal });
  });
}

function track(script: HTMLScriptElement): void {
  if (scriptStatus.has(script)) return;
  scriptStatus.set(script, 'loading');
  script.addEventListener('load', () => scriptStatus.set(script, 'loaded'), { once: true });
  script.addEventListener('error', () => scriptStatus.set(script, 'failed'), { once: true });
}

function addPreconnects(): void {
  for (const origin of STRIPE_ORIGINS) {
    if (document.head.querySelector(`link[rel="preconnect"][href="${origin}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'preconnect';
    link.href = origin;
    link.crossOrigin = 'anonymous';
    document.head.append(link);
  }
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
  addPreconnects();
  const script = document.createElement('script');
  script.src = STRIPE_JS_URL;
  script.async = true;
  track(script);
  (document.head ?? document.body).append(script);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new CheckoutError('stripe_unavailable', { recoverable: true })), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * The Stripe instance for a publishable key, shared by every element on the page. Fails with
 * `stripe_unavailable` when Stripe.js cannot load (blocked, offline, CSP) or takes longer than
 * `timeoutMs`; a later call tries again.
 */
export function stripeFor(publishableKey: string, options: { timeoutMs?: number; stripeAccount?: string } = {}): Promise<Stripe> {
  const memoKey = `${publishableKey}|${options.stripeAccount ?? ''}`;
  const memoised = instances.get(memoKey);
  if (memoised) return memoised;

  const loading = stripeConstructor()
    .then((Stripe) => {
      const version = (Stripe as StripeConstructor & { version?: unknown }).version;
      if (version !== STRIPE_RELEASE) console.warn(`paid-checkout: Stripe.js ${String(version)} is on the page; it expects ${STRIPE_RELEASE}.`);
      // Called as a function, as Stripe documents it (and as loadStripe() does).
      return Stripe(publishableKey, options.stripeAccount ? { stripeAccount: options.stripeAccount } : undefined);
    })
    .catch((error: unknown) => {
      throw error instanceof CheckoutError ? error : new CheckoutError('stripe_unavailable', { recoverable: true, cause: error });
    });
  const guarded = withTimeout(loading, options.timeoutMs ?? 15_000).catch((error: unknown) => {
    instances.delete(memoKey);
    throw error;
  });
  instances.set(memoKey, guarded);
  return guarded;
}
