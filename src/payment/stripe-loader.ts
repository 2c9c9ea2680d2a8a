// Loads Stripe.js once per page, in parallel with the session read: the script tag is injected
// at connect (before the publishable key is known), then pure's loadStripe() adopts it.
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe } from '@stripe/stripe-js';
import { CheckoutError } from '../errors.ts';

/** The exact URL `@stripe/stripe-js/pure` injects, so that its findScript() adopts our tag. */
export const STRIPE_JS_URL = 'https://js.stripe.com/endive/stripe.js';
const STRIPE_ORIGINS = ['https://js.stripe.com', 'https://api.stripe.com', 'https://m.stripe.network'];

type ScriptStatus = 'loading' | 'loaded' | 'failed';
const scriptStatus = new WeakMap<HTMLScriptElement, ScriptStatus>();
const instances = new Map<string, Promise<Stripe>>();

function stripeScript(): HTMLScriptElement | null {
  return document.querySelector<HTMLScriptElement>('script[src^="https://js.stripe.com/"]');
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

  // A tag that already failed would never fire again and pure's loadStripe() would wait on it
  // forever: remove it so that loadStripe() injects a fresh one.
  const existing = stripeScript();
  if (existing && scriptStatus.get(existing) === 'failed' && !window.Stripe) existing.remove();

  const loading = loadStripe(publishableKey, options.stripeAccount ? { stripeAccount: options.stripeAccount } : undefined)
    .then((stripe) => {
      if (!stripe) throw new CheckoutError('stripe_unavailable', { recoverable: true });
      return stripe;
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
