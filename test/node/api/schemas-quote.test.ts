// The quote answer as the element reads it (`quoteAnswer`): what the sandbox sends is read, and an
// amount or a tax the element cannot show truthfully is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoteAnswer } from '../../../src/api/schemas.ts';
import { quoteData } from './answers.ts';

const readable = (data: Record<string, unknown>) => quoteAnswer.safeParse({ success: true, data }).success;
const taxLine = { name: 'vat', jurisdiction: 'DE', basis_points: 1900, inclusive: false, amount: 931 };

test('a quote as the sandbox sends it is read', () => {
  assert.equal(readable(quoteData()), true);
});

test('a quote carries the prices it was priced from (prices_version), kept for complete; a backend without it is still read', () => {
  assert.equal(quoteAnswer.parse({ success: true, data: quoteData({ prices_version: '0123456789abcdef' }) }).data.prices_version, '0123456789abcdef');
  assert.equal(quoteAnswer.parse({ success: true, data: quoteData() }).data.prices_version, undefined);
  assert.equal(readable(quoteData({ prices_version: '' })), false);
  assert.equal(readable(quoteData({ prices_version: 42 })), false);
});

test('a quote whose amount due is negative, or not whole minor units, is refused', () => {
  assert.equal(readable(quoteData({ amount: -1 })), false);
  assert.equal(readable(quoteData({ amount: 58.31 })), false);
  assert.equal(readable(quoteData({ amount: 0 })), true);
});

test('a downgrade’s credit may make the subtotal and its tax negative', () => {
  assert.equal(readable(quoteData({ amount: 0, subtotal: -1000, tax: -190, tax_lines: [{ ...taxLine, amount: -190 }] })), true);
});

test('a tax line of a tax the element has no words for is refused', () => {
  assert.equal(readable(quoteData({ tax_lines: [{ ...taxLine, name: 'gst' }] })), true);
  assert.equal(readable(quoteData({ tax_lines: [{ ...taxLine, name: 'sales_tax' }] })), true);
  for (const name of ['luxury_tax', 'VAT', '']) {
    assert.equal(readable(quoteData({ tax_lines: [{ ...taxLine, name }] })), false, name);
  }
});

test('a tax rate outside 0 to 100% is refused', () => {
  assert.equal(readable(quoteData({ tax_lines: [{ ...taxLine, basis_points: -1 }] })), false);
  assert.equal(readable(quoteData({ tax_lines: [{ ...taxLine, basis_points: 10_001 }] })), false);
});

test('a quote without its reverse charge or its renewals is refused', () => {
  assert.equal(readable(quoteData({ reverse_charge: undefined })), false);
  assert.equal(readable(quoteData({ recurring: undefined })), false);
});

test('a quote without its lines, or with a line of a kind the element does not price, is refused: its summary could not be checked against them', () => {
  const [line] = quoteData().lines as Array<Record<string, unknown>>;
  assert.equal(readable(quoteData({ lines: undefined })), false);
  assert.equal(readable(quoteData({ lines: [{ ...line, kind: 'downgrade' }] })), false);
  assert.equal(readable(quoteData({ lines: [{ ...line, subtotal: 49.5 }] })), false);
  assert.equal(readable(quoteData({ lines: [{ ...line, tax_rate: undefined }] })), false);
  assert.equal(readable(quoteData({ lines: [{ ...line, taxability: 'no_address', tax_rate: null, tax: 0, total: 4900 }] })), true);
});
