// sandbox/checkout/billing.ts: where an order is taxed from. The address typed where the checkout
// collects one, for any buyer; else a known customer's address on file (with a VAT number that
// address can take); else nowhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onFileBasis, taxBasisOf } from '../../../../sandbox/checkout/billing.ts';
import type { CustomerRecord } from '../../../../sandbox/merchant-records.ts';
import { customerRecord } from '../../../../sandbox/records.ts';
import type { TaxPlace } from '../../../../sandbox/tax-rates.ts';

const now = new Date('2026-04-16T09:00:00Z');
const LONDON: TaxPlace = { country: 'GB', postalCode: 'SW1Y 4JH', state: null };
const collects = { collectAddress: true };
const collectsNone = { collectAddress: false };
const customer = (fields: Partial<CustomerRecord> = {}) => customerRecord({ id: 'cus_t', name: 'T', ...fields }, now);
const inBerlin = customer({ billingAddress: { line1: 'Unter den Linden 1', city: 'Berlin', zipCode: '10115', country: 'DE' } });

test('the address typed where the checkout collects one taxes the order, for a new customer and a known one alike, with the VAT number typed beside it', () => {
  const typed = { place: LONDON, taxId: 'GB123456789' };
  assert.deepEqual(taxBasisOf(collects, null, typed), { ...typed, typed: true });
  assert.deepEqual(taxBasisOf(collects, inBerlin, typed), { ...typed, typed: true }, 'not the address on file');
});

test('a known customer without a typed address is taxed from the billing address on file, whether or not the checkout collects one', () => {
  const onFile = { place: { country: 'DE', postalCode: '10115', state: null }, taxId: null, typed: false };
  assert.deepEqual(taxBasisOf(collectsNone, inBerlin, { place: null, taxId: null }), onFile);
  assert.deepEqual(taxBasisOf(collectsNone, inBerlin, { place: LONDON, taxId: 'GB123456789' }), onFile, 'an address sent to a checkout that collects none is not read');
  assert.deepEqual(taxBasisOf(collects, inBerlin, { place: null, taxId: null }), onFile, 'Paid’s own client sends no address');
});

test('a known customer with no address on file is untaxed, as a new customer on a checkout that collects none', () => {
  assert.deepEqual(taxBasisOf(collectsNone, customer(), { place: null, taxId: null }), { place: null, taxId: null, typed: false });
  assert.deepEqual(taxBasisOf(collectsNone, customer({ billingAddress: { city: 'Nowhere' } }), { place: null, taxId: null }), { place: null, taxId: null, typed: false });
  assert.deepEqual(taxBasisOf(collectsNone, null, { place: LONDON, taxId: null }), { place: null, taxId: null, typed: false });
  // A new buyer's VAT number is still checked for its format (pricing refuses a malformed one).
  assert.deepEqual(taxBasisOf(collectsNone, null, { place: null, taxId: 'DE12' }), { place: null, taxId: 'DE12', typed: false });
});

test('the VAT number on file goes with the address on file only when that address can take it', () => {
  assert.equal(onFileBasis({ ...inBerlin, vatNumber: 'de 123 456 789' }).taxId, 'de 123 456 789');
  assert.equal(onFileBasis({ ...inBerlin, vatNumber: 'FR12345678901' }).taxId, null, 'another country’s number');
  assert.equal(onFileBasis({ ...inBerlin, vatNumber: 'DE12' }).taxId, null, 'a malformed number');
  assert.equal(onFileBasis(customer({ vatNumber: 'DE123456789' })).taxId, null, 'no address to take it');
});

test('the address on file is read as Paid writes it: zipCode, a state, a country in any case', () => {
  const filed = customer({ billingAddress: { zipCode: '95014', state: 'CA', country: 'us' } });
  assert.deepEqual(onFileBasis(filed).place, { country: 'US', postalCode: '95014', state: 'CA' });
  assert.deepEqual(onFileBasis(customer({ billingAddress: { country: 'AU' } })).place, { country: 'AU', postalCode: '', state: null });
});
