// Money as integers in a currency's minor unit, and its display through Intl.NumberFormat.

const formatterCache = new Map<string, Intl.NumberFormat>();
const digitsCache = new Map<string, number>();

// Intl upper-cases the currency code itself (ECMA-402 SetNumberFormatUnitOptions), so Stripe's
// `usd` goes in as it is. An absent locale keys as `undefined|…`, which no locale can collide
// with: `undefined` is no well-formed language tag, and Intl refuses those before any caching.
function currencyFormatter(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatterCache.get(key);
  if (!formatter) formatterCache.set(key, (formatter = new Intl.NumberFormat(locale, { style: 'currency', currency })));
  return formatter;
}

/** How many decimal places the currency's minor unit has: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string): number {
  // A currency's own (not a locale's): kept per code, as resolvedOptions() builds a new object each call.
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = currencyFormatter(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Formats an integer amount of minor units, e.g. `formatMoney(1999, 'usd', 'en')` is `$19.99`. */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const major = amountMinor / 10 ** minorUnitDigits(currency);
  return currencyFormatter(currency, locale).format(major);
}
