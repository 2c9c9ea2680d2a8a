// The currency rules: which currencies a checkout's products can be bought in, which one is shown
// first, and how Paid writes a currency code.
import type { Product } from '../src/api/schemas.ts';
import { currenciesOffered } from '../src/pricing/selection.ts';

/** Currencies in which every product can be bought (only the subscription's own for an upgrade), narrowed by a lock. */
export function allowedCurrenciesOf(products: readonly Product[], lockedCurrency: string | null): string[] {
  const offered = currenciesOffered(products);
  return lockedCurrency ? offered.filter((currency) => currency === lockedCurrency) : offered;
}

/** The currency shown first: the lock, else usd when allowed, else the first allowed. */
export function defaultCurrencyOf(allowed: readonly string[], lockedCurrency: string | null): string {
  if (lockedCurrency) return lockedCurrency;
  if (allowed.includes('usd')) return 'usd';
  return allowed[0] ?? 'usd';
}

/** Paid writes currencies in upper case (`"USD"`); the element and Stripe, in lower case. */
export function paidCurrency(code: string): string {
  return code.toUpperCase();
}
