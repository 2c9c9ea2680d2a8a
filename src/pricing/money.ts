// Money as integers in a currency's minor unit (Stripe's: currency.ts), and its display through
// Intl.NumberFormat with those digits, so that every engine shows an amount alike.
import { minorUnitDigits, shownDigits } from './currency.ts';

export { minorUnitDigits } from './currency.ts';

const formatterCache = new Map<string, Intl.NumberFormat>();

// Intl upper-cases the currency code itself (ECMA-402 SetNumberFormatUnitOptions), so Stripe's
// `usd` goes in as it is. An absent locale keys as `undefined|…`, which no locale can collide
// with: `undefined` is no well-formed language tag, and Intl refuses those before any caching.
// The digits are given, never Intl's own: V8 shows HUF with none, Firefox with two (review R2-1).
function currencyFormatter(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    const digits = shownDigits(currency);
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatterCache.set(key, formatter);
  }
  return formatter;
}

/** Formats an integer amount of minor units, e.g. `formatMoney(1999, 'usd', 'en')` is `$19.99`. */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const digits = minorUnitDigits(currency);
  // A decimal string (`1999e-2`) is formatted exactly: the float division is a cent off for some
  // amounts above 7×10^15.
  return currencyFormatter(currency, locale).format(Number.isSafeInteger(amountMinor) ? (`${amountMinor}e-${digits}` as `${number}`) : amountMinor / 10 ** digits);
}
