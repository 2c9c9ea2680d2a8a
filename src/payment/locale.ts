// The locale for Stripe's fields: one Stripe knows, closest to the customer's.
import type { StripeElementLocale } from '@stripe/stripe-js';

// Stripe Elements' locales (its StripeElementLocale type, without 'auto'), by their lower-case tag.
const stripeLocales = new Map(
  'ar bg cs da de el en en-AU en-CA en-NZ en-GB es es-ES es-419 et fi fil fr fr-CA fr-FR he hu hr id it it-IT ja ko lt lv ms mt nb nl no pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW'
    .split(' ')
    .map((tag) => [tag.toLowerCase(), tag as StripeElementLocale]),
);

// Spanish as Latin America and the United States write it: Stripe's es-419.
const latinAmerica = new Set('419 ar bo cl co cr cu do ec gt hn mx ni pa pe pr py sv us uy ve'.split(' '));

/**
 * `fr-CA` stays `fr-CA`, `pt-br` becomes `pt-BR`, `fr-BE` becomes `fr`, `es-MX` becomes `es-419`,
 * `zh-Hant` becomes `zh-TW`, a language Stripe lacks becomes `auto`.
 */
export function stripeLocale(locale: string): StripeElementLocale {
  const [language = '', ...rest] = locale.toLowerCase().replace(/_/g, '-').split('-');
  // A script between the language and the region (zh-Hant-TW, sr-Latn-RS) is skipped for the region.
  const script = rest[0]?.length === 4 ? rest.shift() : '';
  const region = rest[0] ?? '';
  // Chinese: traditional characters are Hong Kong's (and Macau's) or Taiwan's; Stripe's zh is simplified.
  if (language === 'zh') return script === 'hans' ? 'zh' : region === 'hk' || region === 'mo' ? 'zh-HK' : script === 'hant' || region === 'tw' ? 'zh-TW' : 'zh';
  // Plain pt is Brazil's Portuguese (CLDR's pt, and the catalog the element reads for it); Stripe's pt is Portugal's.
  if (language === 'pt' && !region) return 'pt-BR';
  const tag = `${language}-${region}`;
  if (stripeLocales.has(tag)) return stripeLocales.get(tag)!;
  if (language === 'es' && latinAmerica.has(region)) return 'es-419';
  return stripeLocales.get(language) ?? 'auto';
}
