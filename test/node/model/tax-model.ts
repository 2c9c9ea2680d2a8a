// The money model's tax oracle: the billing addresses and VAT numbers its buyers draw, and what
// docs/TAX.md's test rates say each must be charged or refused. Written apart from
// sandbox/tax-rates.ts on purpose, so that a fault there is caught here rather than copied.

/** Where a buyer's billing address is: taxed and untaxed places of the sandbox's test table. */
export const PLACES = ['GB', 'DE', 'IE', 'US-CA', 'US-CA-by-name', 'US-CA-by-zip', 'US-OR', 'JP'] as const;
export type Place = (typeof PLACES)[number];

/** The VAT number a buyer gives: none, their own country's, another country's, or a malformed one. */
export const VAT_KINDS = ['none', 'none', 'none', 'none', 'own', 'own', 'other', 'malformed'] as const;
export type VatKind = (typeof VAT_KINDS)[number];

interface PlaceFacts {
  address: { line1: string; city: string; postal_code: string; country: string; state?: string };
  /** The test rate in basis points (0: no tax collected there). */
  basisPoints: number;
  /** A well-formed VAT number of the address's own country, as a buyer might type it; null where there is none. */
  ownVat: string | null;
  /** An EU member state other than the seller's Ireland: its own VAT number is a reverse charge. */
  reverseChargeable: boolean;
}

const facts: Readonly<Record<Place, PlaceFacts>> = {
  GB: { address: { line1: '10 Downing St', city: 'London', postal_code: 'SW1A 2AA', country: 'GB' }, basisPoints: 2000, ownVat: 'GB123456789', reverseChargeable: false },
  DE: { address: { line1: 'Unter den Linden 1', city: 'Berlin', postal_code: '10117', country: 'DE' }, basisPoints: 1900, ownVat: 'de 123.456.789', reverseChargeable: true },
  IE: { address: { line1: '1 Grafton St', city: 'Dublin', postal_code: 'D02 X285', country: 'IE' }, basisPoints: 2300, ownVat: 'IE1234567T', reverseChargeable: false },
  'US-CA': { address: { line1: '1 Market St', city: 'San Francisco', state: 'CA', postal_code: '94105', country: 'US' }, basisPoints: 725, ownVat: null, reverseChargeable: false },
  'US-CA-by-name': { address: { line1: '1 Infinite Loop', city: 'Cupertino', state: 'California', postal_code: '95014', country: 'US' }, basisPoints: 725, ownVat: null, reverseChargeable: false },
  'US-CA-by-zip': { address: { line1: '200 N Spring St', city: 'Los Angeles', postal_code: '90012', country: 'US' }, basisPoints: 725, ownVat: null, reverseChargeable: false },
  'US-OR': { address: { line1: '1221 SW 4th Ave', city: 'Portland', state: 'OR', postal_code: '97204', country: 'US' }, basisPoints: 0, ownVat: null, reverseChargeable: false },
  JP: { address: { line1: '1-1 Chiyoda', city: 'Tokyo', postal_code: '100-0001', country: 'JP' }, basisPoints: 0, ownVat: null, reverseChargeable: false },
};

/** The billing address a buyer at `place` types in. */
export const addressAt = (place: Place) => facts[place].address;

/** The address's part a quote is asked with. */
export function quotedAddressAt(place: Place): { country: string; postal_code: string; state?: string } {
  const { country, postal_code, state } = facts[place].address;
  return state === undefined ? { country, postal_code } : { country, postal_code, state };
}

/** The VAT number a buyer at `place` gives, or null (no country of its own outside the EU and the UK). */
export function vatNumberOf(place: Place, kind: VatKind): string | null {
  if (kind === 'own') return facts[place].ownVat;
  if (kind === 'other') return place === 'DE' ? 'FR 12 345678901' : 'DE123456789';
  if (kind === 'malformed') return place === 'DE' ? 'DE12345' : 'XX999';
  return null;
}

/** What Paid has on file for a known buyer: where their billing address is (null: none there), and their VAT number as stored. */
export interface OnFile {
  place: Place | null;
  vatNumber: string | null;
}

/** Who is paying, as far as tax is concerned. */
export interface TaxContext {
  /** The checkout collects a billing address (Paid's default). */
  collectsAddress: boolean;
  /** The checkout's customer exists already: a checkout that collects no address taxes them from what is on file. */
  knownBuyer: boolean;
  /** What is on file for a known buyer. */
  onFile: OnFile;
}

/** What must happen to a buyer's order: refused for its VAT number, or taxed at a rate (0: none), maybe reverse charged. */
export type TaxVerdict = { refused: true } | { refused: false; basisPoints: number; reverseCharge: boolean };

const UNTAXED: TaxVerdict = { refused: false, basisPoints: 0, reverseCharge: false };

/** A VAT number as the sandbox stores it: no spaces, dots or dashes, in capitals. */
const canonical = (vatNumber: string) => vatNumber.replace(/[\s.\-]/g, '').toUpperCase();

/** The place of a billing address the sandbox stored (one this model typed), or null. */
export function placeFiled(address: { line1?: string; zipCode?: string } | null | undefined): Place | null {
  return PLACES.find((place) => facts[place].address.line1 === address?.line1 && facts[place].address.postal_code === address?.zipCode) ?? null;
}

/** The tax of an address typed with a VAT number of `kind`: docs/TAX.md §2. */
function typedVerdict(place: Place, kind: VatKind): TaxVerdict {
  const vat = vatNumberOf(place, kind);
  if (kind === 'malformed') return { refused: true };
  if (vat !== null) {
    // A VAT number is taken only for an EU or UK address, and only that country's.
    if (facts[place].ownVat === null || kind === 'other') return { refused: true };
    if (facts[place].reverseChargeable) return { refused: false, basisPoints: 0, reverseCharge: true };
  }
  return { refused: false, basisPoints: facts[place].basisPoints, reverseCharge: false };
}

/**
 * docs/TAX.md, as the model reads it: the address typed where the checkout collects one, for a new
 * buyer or a known one; else a known buyer's address on file, with the VAT number on file when it
 * is that address's own (any other is left out, never refused); else no tax.
 */
export function expectedTax(place: Place, kind: VatKind, context: TaxContext): TaxVerdict {
  if (context.collectsAddress) return typedVerdict(place, kind);
  if (context.knownBuyer) {
    const { place: filed, vatNumber } = context.onFile;
    if (filed === null) return UNTAXED;
    const own = facts[filed].ownVat;
    return typedVerdict(filed, own !== null && vatNumber !== null && canonical(vatNumber) === canonical(own) ? 'own' : 'none');
  }
  // A new buyer on a checkout that collects no address: untaxed, their VAT number checked for its format.
  return kind === 'malformed' ? { refused: true } : UNTAXED;
}

/** `amount × rate`, rounded half away from zero in integers, as docs/TAX.md's rounding says. */
export function taxOf(amount: number, basisPoints: number): number {
  const product = Math.abs(amount) * basisPoints;
  const rounded = Math.floor(product / 10_000) + (2 * (product % 10_000) >= 10_000 ? 1 : 0);
  return amount < 0 ? -rounded : rounded;
}
