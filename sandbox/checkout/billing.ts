// Where an order is taxed from, for a quote and for complete alike: the billing address (and VAT
// number) typed in the checkout where it collects one, for a new customer or a known one; else the
// address Paid has on file for a known customer; else nowhere (no tax, as for a new customer on a
// checkout that collects no address).
import type { PostalAddress } from '../../src/api/schemas.ts';
import type { CheckoutRecord } from '../checkout-records.ts';
import type { CustomerRecord } from '../merchant-records.ts';
import { taxabilityFor, type TaxPlace } from '../tax-rates.ts';

/** Where the buyer owes tax (null: nowhere known) and the VAT number to price it with. */
export interface TaxBasis {
  place: TaxPlace | null;
  taxId: string | null;
  /**
   * True when the place is the address typed in the checkout: it is then saved on the customer
   * (Stripe Checkout's `customer_update.address: 'auto'`), and a VAT number given with it is judged.
   */
  typed: boolean;
}

/** Where a postal address owes tax. */
export function placeOf(address: Pick<PostalAddress, 'country' | 'postalCode' | 'state'>): TaxPlace {
  return { country: address.country, postalCode: address.postalCode, state: address.state ?? null };
}

/**
 * Where Paid's records place a customer: their billing address when it has a country, with their
 * VAT number when that address can take it. A number it cannot take (another country's, or not
 * well formed) is left out rather than refused: the buyer cannot correct it in the checkout, and the
 * order is then taxed as a consumer's.
 */
export function onFileBasis(customer: CustomerRecord): TaxBasis {
  const address = customer.billingAddress;
  const country = address?.country?.trim().toUpperCase() ?? '';
  if (!/^[A-Z]{2}$/.test(country)) return { place: null, taxId: null, typed: false };
  const place: TaxPlace = { country, postalCode: address?.zipCode ?? '', state: address?.state ?? null };
  const vatNumber = customer.vatNumber;
  const taxId = vatNumber && taxabilityFor(place, vatNumber).ok ? vatNumber : null;
  return { place, taxId, typed: false };
}

/**
 * Where `checkout`'s order is taxed from, given what the buyer typed (`typed.place` null when no
 * address came) and the checkout's customer (`known`, null for a new one):
 * - the checkout collects an address and one was typed: there, with the VAT number typed beside it;
 * - a known customer otherwise: the billing address on file (Paid's own client sends none);
 * - a new customer otherwise: nowhere (a checkout that collects an address requires one: the caller
 *   says so), a VAT number still checked for its format, as it always was.
 */
export function taxBasisOf(checkout: Pick<CheckoutRecord, 'collectAddress'>, known: CustomerRecord | null, typed: { place: TaxPlace | null; taxId: string | null }): TaxBasis {
  if (checkout.collectAddress && typed.place) return { place: typed.place, taxId: typed.taxId, typed: true };
  if (known) return onFileBasis(known);
  return { place: null, taxId: typed.taxId, typed: false };
}
