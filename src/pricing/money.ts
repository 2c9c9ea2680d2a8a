// Money as integers in a currency's minor unit, and its display through Intl.NumberFormat.

const formatterCache = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
    formatterCache.set(key, formatter);
  }
  return formatter;
}

/** How many decimal places the currency's minor unit has: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string): number {
  return currencyFormatter(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats an integer amount of minor units, e.g. `formatMoney(1999, 'usd', 'en')` is `$19.99`. */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const major = amountMinor / 10 ** minorUnitDigits(currency);
  return currencyFormatter(currency, locale).format(major);
}
