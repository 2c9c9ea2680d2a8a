// sandbox/tax-rates.ts: the test rate table, where a buyer's address places them (a US state by
// its name or its ZIP), reverse charge for an EU business, and the VAT numbers it refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jurisdictionOf, SELLER_COUNTRY, TAX_INCLUSIVE_PRODUCTS, TEST_TAX_RATES, taxabilityFor, type TaxPlace } from '../../../sandbox/tax-rates.ts';
import { seedFixtures } from '../../../sandbox/fixtures.ts';
import { createMemoryStore } from '../../../sandbox/store.ts';

const place = (country: string, postalCode: string, state: string | null = null): TaxPlace => ({ country, postalCode, state });

function taxabilityOf(where: TaxPlace | null, taxId: string | null = null, inclusive = false) {
  const found = taxabilityFor(where, taxId);
  if (!found.ok) throw new Error(`refused: ${found.problem.message}`);
  return { ...found.of(inclusive), jurisdiction: found.jurisdiction, taxId: found.taxId };
}

const table: Array<[TaxPlace, string, 'vat' | 'gst' | 'sales_tax', number]> = [
  [place('GB', 'SW1Y 4JH'), 'GB', 'vat', 2000],
  [place('DE', '10115'), 'DE', 'vat', 1900],
  [place('FR', '75001'), 'FR', 'vat', 2000],
  [place('NL', '1012 AB'), 'NL', 'vat', 2100],
  [place('IE', 'D02 X285'), 'IE', 'vat', 2300],
  [place('AU', '2000'), 'AU', 'gst', 1000],
  [place('NZ', '6011'), 'NZ', 'gst', 1500],
  [place('US', '95014', 'CA'), 'US-CA', 'sales_tax', 725],
  [place('US', '10001', 'NY'), 'US-NY', 'sales_tax', 400],
  [place('US', '73301', 'TX'), 'US-TX', 'sales_tax', 625],
  [place('US', '98101', 'WA'), 'US-WA', 'sales_tax', 650],
];

for (const [where, jurisdiction, name, basisPoints] of table) {
  test(`a buyer in ${jurisdiction} is taxed ${name} at ${basisPoints / 100}%, exclusive unless the product's price includes it`, () => {
    assert.deepEqual(taxabilityOf(where), { kind: 'taxed', rate: { name, jurisdiction, basisPoints, inclusive: false }, jurisdiction, taxId: null });
    assert.deepEqual(taxabilityOf(where, null, true), { kind: 'taxed', rate: { name, jurisdiction, basisPoints, inclusive: true }, jurisdiction, taxId: null });
  });
}

test('the table holds exactly the eleven test jurisdictions, and the seller is in Ireland', () => {
  assert.deepEqual([...TEST_TAX_RATES.keys()].sort(), ['AU', 'DE', 'FR', 'GB', 'IE', 'NL', 'NZ', 'US-CA', 'US-NY', 'US-TX', 'US-WA']);
  assert.equal(SELLER_COUNTRY, 'IE');
});

test('other countries and other US states collect no tax, and say so', () => {
  for (const where of [place('IT', '00118'), place('JP', '100-0001'), place('US', '97201', 'OR'), place('US', '23666'), place('CA', 'K1A 0B1', 'ON')]) {
    assert.equal(taxabilityOf(where).kind, 'not_collected', `${where.country} ${where.postalCode}`);
  }
});

test('a US state is read from its code in any case or its name, else from the ZIP code, else left unknown', () => {
  assert.equal(jurisdictionOf(place('US', '00000', 'ca')), 'US-CA');
  assert.equal(jurisdictionOf(place('US', '00000', 'New York')), 'US-NY');
  assert.equal(jurisdictionOf(place('US', '95014')), 'US-CA');
  assert.equal(jurisdictionOf(place('US', '10001-1234')), 'US-NY');
  assert.equal(jurisdictionOf(place('US', '78701')), 'US-TX');
  assert.equal(jurisdictionOf(place('US', '98101')), 'US-WA');
  assert.equal(jurisdictionOf(place('US', '95014', 'OR')), 'US-OR', 'a written state wins over the ZIP');
  assert.equal(jurisdictionOf(place('US', 'ABCDE')), 'US');
  assert.equal(jurisdictionOf(place('GB', '95014', 'CA')), 'GB', 'only the US is split by state');
});

test('an EU business in another member state than Ireland, with a VAT number of its own, is reverse charged', () => {
  assert.deepEqual(taxabilityOf(place('DE', '10115'), 'de 123 456 789'), { kind: 'reverse_charge', jurisdiction: 'DE', taxId: 'DE123456789' });
  assert.equal(taxabilityOf(place('IT', '00118'), 'IT12345678901').kind, 'reverse_charge', 'even where this table collects no VAT');
});

test('an Irish business, like a UK one, pays VAT at its rate: no reverse charge at home or outside the EU', () => {
  assert.deepEqual(taxabilityOf(place('IE', 'D02 X285'), 'IE6388047V'), { kind: 'taxed', rate: { name: 'vat', jurisdiction: 'IE', basisPoints: 2300, inclusive: false }, jurisdiction: 'IE', taxId: 'IE6388047V' });
  assert.equal(taxabilityOf(place('GB', 'SW1Y 4JH'), 'GB123456789').kind, 'taxed');
});

test('a malformed VAT number, one of another country than the address, or one for a country without VAT numbers is refused', () => {
  const refusal = (where: TaxPlace | null, taxId: string) => {
    const found = taxabilityFor(where, taxId);
    assert.equal(found.ok, false, `${taxId} at ${where?.country}`);
    return found.ok ? '' : found.problem.message;
  };
  assert.match(refusal(place('DE', '10115'), 'DE12345'), /must be a VAT number/);
  assert.match(refusal(null, 'not a number'), /must be a VAT number/, 'checked even where there is no address to tax');
  assert.match(refusal(place('FR', '75001'), 'DE123456789'), /VAT number of DE, but the billing address is in FR/);
  assert.match(refusal(place('US', '95014', 'CA'), 'DE123456789'), /not taken for an address in US/);
  assert.match(refusal(place('AU', '2000'), 'GB123456789'), /not taken for an address in AU/, 'GST is charged to a business too: no VAT number taken');
});

test('without an address every line is untaxed for want of one, whatever the product', () => {
  assert.deepEqual(taxabilityOf(null), { kind: 'no_address', jurisdiction: null, taxId: null });
  assert.deepEqual(taxabilityOf(null, 'DE123456789', true), { kind: 'no_address', jurisdiction: null, taxId: 'DE123456789' });
});

test('the tax-inclusive products are seeded products', () => {
  const store = createMemoryStore();
  seedFixtures(store, new Date('2026-04-16T00:00:00Z'));
  assert.ok(TAX_INCLUSIVE_PRODUCTS.size > 0);
  for (const id of TAX_INCLUSIVE_PRODUCTS) assert.ok(store.products.get(id), `${id} is seeded`);
});
