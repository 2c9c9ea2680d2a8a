// Loads Stripe.js once per page, in parallel with the session read: the script tag is injected
// at connect (before the publishable key is known, stripe-script.ts), then pure's loadStripe()
// adopts it.
import { loadStripe } from '@stripe/stripe-js/pure';
import { stripeLocale } from './locale.ts';
import type { Stripe } from '@stripe/stripe-js';
import { CheckoutError } from '../errors.ts';
import { scriptFailed, stripeScript } from './stripe-script.ts';

const instances = new Map<string, Promise<Stripe>>();

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
export function stripeFor(publishableKey: string, options: { timeoutMs?: number; stripeAccount?: string; locale?: string } = {}): Promise<Stripe> {
  // Stripe.js's own messages (a failed 3-D Secure, a network error) speak the instance's locale.
  const locale = options.locale ? stripeLocale(options.locale) : undefined;
  const memoKey = `${publishableKey}|${options.stripeAccount ?? ''}|${locale ?? ''}`;
  const memoised = instances.get(memoKey);
  if (memoised) return memoised;

  // A tag that already failed would never fire again and pure's loadStripe() would wait on it
  // forever: remove it so that loadStripe() injects a fresh one.
  const existing = stripeScript();
  if (existing && scriptFailed(existing) && !window.Stripe) existing.remove();

  const loading = loadStripe(publishableKey, {
    ...(options.stripeAccount ? { stripeAccount: options.stripeAccount } : {}),
    ...(locale ? { locale } : {}),
  })
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
