// Stripe's minor units, a fixed table (never the browser's Intl, whose digits differ by engine):
// how many decimals an amount on the wire has, how many are shown, and the multiple a charge must be.
// https://docs.stripe.com/currencies (zero-decimal, three-decimal, special cases); docs/CONTRACT.md.

// Stripe's zero-decimal currencies: `500` is ¥500. UGX is in Stripe's list but is a special case (below).
const ZERO_DECIMAL = 'bif clp djf gnf jpy kmf krw mga pyg rwf vnd vuv xaf xof xpf';
// Stripe's three-decimal currencies: `5120` is KWD 5.120; a charge must end in 0.
const THREE_DECIMAL = 'bhd jod kwd omr tnd';
// Whole units written with two decimals "for backwards compatibility" (Stripe's special cases):
// `500` is 5 ISK; a charge must be a multiple of 100. HUF and TWD are not here: Stripe charges
// them with two decimals (only its payouts are whole), so they are two-decimal currencies.
const WHOLE_IN_HUNDREDTHS = 'isk ugx';

// A 3-letter code (as every schema checks) can only match one whole code of a list: any other window holds a space.
const listed = (list: string, currency: string) => list.includes(currency.toLowerCase());

/** How many decimals an amount in minor units has (Stripe's exponent): 2 for USD, HUF and ISK, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string): number {
  return listed(ZERO_DECIMAL, currency) ? 0 : listed(THREE_DECIMAL, currency) ? 3 : 2;
}

/** How many decimals are shown: the amount's own, except ISK and UGX, whole units shown without. */
export function shownDigits(currency: string): number {
  return listed(WHOLE_IN_HUNDREDTHS, currency) ? 0 : minorUnitDigits(currency);
}

/**
 * The multiple of minor units Stripe charges in the currency: 10 for the three-decimal ones, 100
 * for ISK and UGX, 1 for the rest. Prices are written in it and proration and tax round to it
 * (TAX.md §3), so that every amount due is one Stripe accepts and is shown exactly.
 */
export function chargeStep(currency: string): number {
  return listed(THREE_DECIMAL, currency) ? 10 : listed(WHOLE_IN_HUNDREDTHS, currency) ? 100 : 1;
}
