// The order summary's tax row label (src/views/summary.ts): a tax's name, rate and place in the customer's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from '../../../src/i18n/index.ts';
import { formatterFor } from '../../../src/views/format.ts';
import { taxLabel } from '../../../src/views/summary.ts';

type TaxLine = Parameters<typeof taxLabel>[0];
const vat = (jurisdiction: string, basisPoints: number, inclusive = false) => ({ name: 'vat', jurisdiction, basisPoints, inclusive, amount: 0 }) as unknown as TaxLine;
const plain = (text: string) => text.replace(/\s/g, ' ');

test('a tax row’s label starts with a capital, though its tax’s name is written in lower case inside a sentence (Dutch btw)', async () => {
  await Promise.all(['nl', 'de'].map((language) => loadCatalog(language)));
  assert.equal(plain(taxLabel(vat('NL', 2100), formatterFor('nl'))), 'Btw 21% (Nederland)');
  assert.equal(plain(taxLabel(vat('NL', 2100, true), formatterFor('nl'))), 'Inclusief btw 21% (Nederland)');
  assert.equal(plain(taxLabel(vat('DE', 1900, true), formatterFor('de'))), 'Inkl. MwSt. 19 % (Deutschland)');
  assert.equal(plain(taxLabel(vat('GB', 2000), formatterFor('en'))), 'VAT 20% (United Kingdom)');
});
