// The sandbox's test tax rates and where a buyer owes them: TEST DATA, not a tax service and not
// tax advice. The seller is in Ireland; a few countries (VAT, GST) and US states (sales tax) have a
// rate, the rest none.
import { isReverseCharge, parseVatNumber, VAT_NUMBER_COUNTRIES, type LineTaxability, type TaxName } from '../src/pricing/tax.ts';

/** The sandbox's merchant account is established in Ireland (for the EU's reverse charge). */
export const SELLER_COUNTRY = 'IE';

/** Test rates by jurisdiction (ISO 3166-1, or ISO 3166-2 for a US state); anywhere else, no tax is collected. */
export const TEST_TAX_RATES: ReadonlyMap<string, { name: TaxName; basisPoints: number }> = new Map([
  ['GB', { name: 'vat', basisPoints: 2000 }],
  ['DE', { name: 'vat', basisPoints: 1900 }],
  ['FR', { name: 'vat', basisPoints: 2000 }],
  ['NL', { name: 'vat', basisPoints: 2100 }],
  ['IE', { name: 'vat', basisPoints: 2300 }],
  ['AU', { name: 'gst', basisPoints: 1000 }],
  ['NZ', { name: 'gst', basisPoints: 1500 }],
  ['US-CA', { name: 'sales_tax', basisPoints: 725 }],
  ['US-NY', { name: 'sales_tax', basisPoints: 400 }],
  ['US-TX', { name: 'sales_tax', basisPoints: 625 }],
  ['US-WA', { name: 'sales_tax', basisPoints: 650 }],
]);

/**
 * Products whose price already contains the tax (ours; every other price is tax-exclusive). The
 * onboarding session's $499 is what a taxed buyer pays in all; elsewhere it is $499 with no tax.
 */
export const TAX_INCLUSIVE_PRODUCTS: ReadonlySet<string> = new Set(['prod_onboarding']);

/** The taxed states by name, for a state written out in full. */
const stateNames: Readonly<Record<string, string>> = { CALIFORNIA: 'CA', 'NEW YORK': 'NY', TEXAS: 'TX', WASHINGTON: 'WA' };

/** Three-digit ZIP prefixes (USPS) of the taxed states: a US address without its state is placed by its ZIP. */
const zipPrefixes: ReadonlyArray<[state: string, from: number, to: number]> = [
  ['CA', 900, 961],
  ['NY', 5, 5],
  ['NY', 100, 149],
  ['TX', 733, 733],
  ['TX', 750, 799],
  ['TX', 885, 885],
  ['WA', 980, 994],
];

/** Where the buyer is, as far as tax needs to know. */
export interface TaxPlace {
  country: string;
  postalCode: string;
  state: string | null;
}

function usStateOf(place: TaxPlace): string | null {
  const written = place.state?.trim().toUpperCase() ?? '';
  const named = /^[A-Z]{2}$/.test(written) ? written : stateNames[written];
  if (named) return named;
  const zip = /^(\d{3})\d{2}(-\d{4})?$/.exec(place.postalCode.trim());
  if (!zip?.[1]) return null;
  const prefix = Number(zip[1]);
  return zipPrefixes.find(([, from, to]) => prefix >= from && prefix <= to)?.[0] ?? null;
}

/** The jurisdiction a place's tax is found under: the country, or `US-XX` for a US state when known. */
export function jurisdictionOf(place: TaxPlace): string {
  if (place.country !== 'US') return place.country;
  const state = usStateOf(place);
  return state ? `US-${state}` : 'US';
}

/** A tax id the sandbox cannot use, with what to tell the buyer. */
export interface TaxIdProblem {
  message: string;
}

/**
 * How each line is taxed for a buyer at `place` (null: no address to tax from) with an optional VAT
 * number, given whether the line's price is tax-inclusive; or the tax id's problem.
 */
export function taxabilityFor(
  place: TaxPlace | null,
  taxId: string | null,
): { ok: true; of: (inclusive: boolean) => LineTaxability; jurisdiction: string | null; taxId: string | null } | { ok: false; problem: TaxIdProblem } {
  const vatNumber = taxId === null ? null : parseVatNumber(taxId);
  if (taxId !== null && !vatNumber) {
    return { ok: false, problem: { message: 'must be a VAT number: its country prefix and number, e.g. DE123456789 (checked for its format only)' } };
  }
  if (!place) return { ok: true, of: () => ({ kind: 'no_address' }), jurisdiction: null, taxId: vatNumber?.value ?? null };
  if (vatNumber && !VAT_NUMBER_COUNTRIES.has(place.country)) {
    return { ok: false, problem: { message: `is not taken for an address in ${place.country}: only EU and UK VAT numbers are` } };
  }
  if (vatNumber && vatNumber.country !== place.country) {
    return { ok: false, problem: { message: `is a VAT number of ${vatNumber.country}, but the billing address is in ${place.country}` } };
  }
  const jurisdiction = jurisdictionOf(place);
  if (isReverseCharge(SELLER_COUNTRY, place.country, vatNumber)) {
    return { ok: true, of: () => ({ kind: 'reverse_charge' }), jurisdiction, taxId: vatNumber?.value ?? null };
  }
  const rate = TEST_TAX_RATES.get(jurisdiction);
  return {
    ok: true,
    of: (inclusive) => (rate ? { kind: 'taxed', rate: { ...rate, jurisdiction, inclusive } } : { kind: 'not_collected' }),
    jurisdiction,
    taxId: vatNumber?.value ?? null,
  };
}
