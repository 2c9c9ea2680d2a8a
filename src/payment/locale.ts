// The locale for Stripe's fields: one Stripe knows, closest to the customer's.
import type { StripeElementLocale } from '@stripe/stripe-js';

// Stripe Elements' locales (its StripeElementLocale type, without 'auto').
const stripeLocales = new Set<string>(
  'ar bg cs da de el en en-AU en-CA en-NZ en-GB es es-ES es-419 et fi fil fr fr-CA fr-FR he hu hr id it it-IT ja ko lt lv ms mt nb nl no pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW'.split(' '),
);

/** `fr-CA` stays `fr-CA`, `fr-BE` becomes `fr`, a language Stripe lacks becomes `auto`. */
export function stripeLocale(locale: string): StripeElementLocale {
  if (stripeLocales.has(locale)) return locale as StripeElementLocale;
  const language = locale.split('-')[0] ?? '';
  return stripeLocales.has(language) ? (language as StripeElementLocale) : 'auto';
}
