// Every country's VAT number format, one table: a number that is well formed may make a reverse
// charge (no VAT on the invoice), so each format must take exactly its own shape. Each row names
// numbers at each alternative's shortest and longest length and each character class's edges,
// and numbers one character short, one too long, with a character out of its class, and with text
// before or after a valid one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { divideRounded, parseVatNumber, VAT_NUMBER_COUNTRIES } from '../../../src/pricing/tax.ts';

interface VatFormatRow {
  prefix: string;
  country: string;
  valid: string[];
  invalid: string[];
}

const rows: VatFormatRow[] = [
  { prefix: 'AT', country: 'AT', valid: ['U12345678', 'U00000000', 'U99999999'], invalid: ['U1234567', 'U123456789', '12345678', 'X12345678', 'UA2345678', 'U1234567A', 'UU12345678'] },
  { prefix: 'BE', country: 'BE', valid: ['0123456789', '1123456789', '1999999999'], invalid: ['2123456789', '012345678', '01234567890', '0A23456789', '012345678A'] },
  { prefix: 'BG', country: 'BG', valid: ['123456789', '1234567890'], invalid: ['12345678', '12345678901', '12345678A', 'A23456789'] },
  { prefix: 'CY', country: 'CY', valid: ['12345678A', '12345678Z', '00000000L'], invalid: ['1234567A', '123456789A', '123456789', 'A2345678A', '1234567AB'] },
  { prefix: 'CZ', country: 'CZ', valid: ['12345678', '123456789', '1234567890'], invalid: ['1234567', '12345678901', '1234567A', 'A2345678'] },
  { prefix: 'DE', country: 'DE', valid: ['123456789'], invalid: ['12345678', '1234567890', '12345678A', 'A23456789'] },
  { prefix: 'DK', country: 'DK', valid: ['12345678'], invalid: ['1234567', '123456789', '1234567A', 'A2345678'] },
  { prefix: 'EE', country: 'EE', valid: ['123456789'], invalid: ['12345678', '1234567890', '12345678A', 'A23456789'] },
  { prefix: 'EL', country: 'GR', valid: ['123456789'], invalid: ['12345678', '1234567890', '12345678A', 'A23456789'] },
  {
    prefix: 'ES',
    country: 'ES',
    valid: ['A1234567B', 'Z1234567Z', '01234567A', '91234567Z', 'A12345670', 'A12345679', 'X0000000T'],
    invalid: ['A123456B', 'A12345678B', 'AB234567C', 'A1234567', '#1234567B', 'A1234567#'],
  },
  { prefix: 'FI', country: 'FI', valid: ['12345678'], invalid: ['1234567', '123456789', '1234567A', 'A2345678'] },
  {
    prefix: 'FR',
    country: 'FR',
    valid: ['AH123456789', 'JN123456789', 'PZ123456789', '09123456789', 'XX123456789', 'HA123456789', 'NJ123456789', 'ZP123456789', '90123456789'],
    invalid: ['IA123456789', 'AI123456789', 'OA123456789', 'AO123456789', 'AA12345678', 'AA1234567890', 'AAA23456789', 'A123456789', 'AA12345678A'],
  },
  { prefix: 'HR', country: 'HR', valid: ['12345678901'], invalid: ['1234567890', '123456789012', '1234567890A', 'A2345678901'] },
  { prefix: 'HU', country: 'HU', valid: ['12345678'], invalid: ['1234567', '123456789', '1234567A', 'A2345678'] },
  {
    prefix: 'IE',
    country: 'IE',
    valid: ['1234567A', '1234567W', '1234567AA', '1234567WI', '1234567TW', '6388047V', '1A23456A', '1Z23456W', '1+23456B', '1*23456C'],
    invalid: ['1234567X', '1234567AJ', '1234567AV', '1234567AX', '123456A', '12345678A', '1234567AAA', '1#23456A', '1A23456X', '1A2345A', '1A234567A', 'AA23456A', '1A23456AA', '12345678'],
  },
  { prefix: 'IT', country: 'IT', valid: ['12345678901'], invalid: ['1234567890', '123456789012', '1234567890A', 'A2345678901'] },
  { prefix: 'LT', country: 'LT', valid: ['123456789', '123456789012'], invalid: ['12345678', '1234567890', '12345678901', '1234567890123', '12345678A', '12345678901A'] },
  { prefix: 'LU', country: 'LU', valid: ['12345678'], invalid: ['1234567', '123456789', '1234567A', 'A2345678'] },
  { prefix: 'LV', country: 'LV', valid: ['12345678901'], invalid: ['1234567890', '123456789012', '1234567890A', 'A2345678901'] },
  { prefix: 'MT', country: 'MT', valid: ['12345678'], invalid: ['1234567', '123456789', '1234567A', 'A2345678'] },
  { prefix: 'NL', country: 'NL', valid: ['123456789B01'], invalid: ['12345678B01', '1234567890B01', '123456789B1', '123456789B012', '123456789X01', '123456789BA1', '12345678AB01', '12345678901'] },
  { prefix: 'PL', country: 'PL', valid: ['1234567890'], invalid: ['123456789', '12345678901', '123456789A', 'A234567890'] },
  { prefix: 'PT', country: 'PT', valid: ['123456789'], invalid: ['12345678', '1234567890', '12345678A', 'A23456789'] },
  { prefix: 'RO', country: 'RO', valid: ['12', '1234567890'], invalid: ['1', '12345678901', '1A', 'A2'] },
  { prefix: 'SE', country: 'SE', valid: ['123456789001'], invalid: ['12345678901', '1234567890001', '123456789002', '123456789011', '12345678A01', '1234567890'] },
  { prefix: 'SI', country: 'SI', valid: ['12345678'], invalid: ['1234567', '123456789', '1234567A', 'A2345678'] },
  { prefix: 'SK', country: 'SK', valid: ['1234567890'], invalid: ['123456789', '12345678901', '123456789A', 'A234567890'] },
  {
    prefix: 'GB',
    country: 'GB',
    valid: ['123456789', '123456789012', 'GD001', 'GD999', 'HA001', 'HA999'],
    invalid: ['12345678', '1234567890', '12345678901', '1234567890123', 'GD01', 'GD0001', 'HA01', 'HA0001', 'GA001', 'HD001', 'GDA01', '12345678A'],
  },
];

test('the table names every country a VAT number is taken for, and nothing else', () => {
  assert.deepEqual(new Set(rows.map((row) => row.country)), VAT_NUMBER_COUNTRIES);
});

for (const { prefix, country, valid, invalid } of rows) {
  test(`${prefix}: its numbers are well formed, and nothing one character off is`, () => {
    for (const number of valid) {
      assert.deepEqual(parseVatNumber(prefix + number), { value: prefix + number, country }, `${prefix}${number} is well formed`);
      assert.equal(parseVatNumber(`${prefix}#${number}`), null, `text before ${prefix}${number}`);
      assert.equal(parseVatNumber(`${prefix}${number}#`), null, `text after ${prefix}${number}`);
    }
    for (const number of invalid) assert.equal(parseVatNumber(prefix + number), null, `${prefix}${number} is not well formed`);
  });
}

test('a VAT number is read whatever the prefix’s case, with spaces, dots and dashes anywhere', () => {
  assert.deepEqual(parseVatNumber(' nl 123-456.789 b 01 '), { value: 'NL123456789B01', country: 'NL' });
  assert.deepEqual(parseVatNumber('\tie\n1a23456a'), { value: 'IE1A23456A', country: 'IE' });
  assert.equal(parseVatNumber('DE_123456789'), null, 'an underscore is not a separator');
  assert.equal(parseVatNumber('DE/123456789'), null, 'a slash is not a separator');
});

test('divideRounded is the exact rounded quotient, halves away from zero, also near 2^53', () => {
  const denominators = fc.integer({ min: 1, max: 100_000_000 });
  fc.assert(
    fc.property(fc.maxSafeInteger(), denominators, (numerator, denominator) => {
      const exact = BigInt(numerator);
      const divisor = BigInt(denominator);
      const magnitude = exact < 0n ? -exact : exact;
      const quotient = magnitude / divisor;
      const rounded = 2n * (magnitude % divisor) >= divisor ? quotient + 1n : quotient;
      const expected = Number(exact < 0n ? -rounded : rounded);
      assert.ok(Object.is(divideRounded(numerator, denominator), expected === 0 ? 0 : expected), `${numerator} / ${denominator}`);
    }),
    { numRuns: 5_000 },
  );
});

test('divideRounded is exact at the edges of the safe integers', () => {
  const numerators = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, 2 ** 52 + 1, 2 ** 52 - 1, 4_503_599_627_370_495];
  const denominators = [2, 3, 7, 9_999, 10_000, 12_000, 2 ** 26 + 1, 2 ** 52 - 1, Number.MAX_SAFE_INTEGER];
  for (const numerator of numerators) {
    for (const denominator of denominators) {
      const quotient = BigInt(numerator) / BigInt(denominator);
      const remainder = BigInt(numerator) % BigInt(denominator);
      const expected = Number(2n * remainder >= BigInt(denominator) ? quotient + 1n : quotient);
      assert.equal(divideRounded(numerator, denominator), expected, `${numerator} / ${denominator}`);
      assert.ok(Object.is(divideRounded(-numerator, denominator), expected === 0 ? 0 : -expected), `-${numerator} / ${denominator}`);
    }
  }
});
