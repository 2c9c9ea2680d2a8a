// src/pricing/tax.ts: a rate's tax on one line (exclusive and inclusive, rounded per line half away
// from zero), an order's quote (sums, groups by rate, reverse charge), and VAT number formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  divideRounded,
  EU_COUNTRIES,
  isReverseCharge,
  parseVatNumber,
  quoteTax,
  taxOfAmount,
  type LineTaxability,
  type TaxRate,
} from '../../../src/pricing/tax.ts';

const gbVat: TaxRate = { name: 'vat', jurisdiction: 'GB', basisPoints: 2000, inclusive: false };
const caSalesTax: TaxRate = { name: 'sales_tax', jurisdiction: 'US-CA', basisPoints: 725, inclusive: false };
const taxed = (rate: TaxRate): LineTaxability => ({ kind: 'taxed', rate });

test('a division rounds halves away from zero, on both sides of zero', () => {
  assert.equal(divideRounded(5, 2), 3);
  assert.equal(divideRounded(-5, 2), -3);
  assert.equal(divideRounded(7, 4), 2);
  assert.equal(divideRounded(-7, 4), -2);
  assert.equal(divideRounded(5, 4), 1);
  assert.ok(Object.is(divideRounded(-1, 4), 0), 'a credit too small to tax is 0, not -0');
});

test('an exclusive price adds the rate on top: 20% of 4,900 is 980', () => {
  assert.deepEqual(taxOfAmount(4900, gbVat), { net: 4900, tax: 980, gross: 5880 });
});

test('an exclusive line rounds its own tax half away from zero: 7.25% of 4,500 is 326.25 → 326, of 1,000 is 72.5 → 73', () => {
  assert.deepEqual(taxOfAmount(4500, caSalesTax), { net: 4500, tax: 326, gross: 4826 });
  assert.deepEqual(taxOfAmount(1000, caSalesTax), { net: 1000, tax: 73, gross: 1073 });
});

test('a credit (a negative prorated line) is taxed as a negative amount, rounded away from zero alike', () => {
  assert.deepEqual(taxOfAmount(-1000, caSalesTax), { net: -1000, tax: -73, gross: -1073 });
});

test('an inclusive price is the gross: 49,900 at 20% is 41,583 net and 8,317 tax', () => {
  assert.deepEqual(taxOfAmount(49_900, { basisPoints: 2000, inclusive: true }), { net: 41_583, tax: 8317, gross: 49_900 });
});

test('an inclusive net rounds half away from zero: 1,005 at 0.5% is 1,000 net exactly, 1 at 100% is 0.5 → 1 net', () => {
  assert.deepEqual(taxOfAmount(1005, { basisPoints: 50, inclusive: true }), { net: 1000, tax: 5, gross: 1005 });
  assert.deepEqual(taxOfAmount(1, { basisPoints: 10_000, inclusive: true }), { net: 1, tax: 0, gross: 1 });
});

test('a zero rate taxes nothing, inclusive or not', () => {
  assert.deepEqual(taxOfAmount(1234, { basisPoints: 0, inclusive: false }), { net: 1234, tax: 0, gross: 1234 });
  assert.deepEqual(taxOfAmount(1234, { basisPoints: 0, inclusive: true }), { net: 1234, tax: 0, gross: 1234 });
});

test('an amount that is not a whole number of minor units, or a rate outside 0–100%, is refused with a code', () => {
  assert.throws(() => taxOfAmount(10.5, gbVat), { code: 'tax_amount_invalid' });
  assert.throws(() => taxOfAmount(Number.MAX_SAFE_INTEGER, gbVat), { code: 'tax_amount_invalid' });
  assert.throws(() => taxOfAmount(100, { basisPoints: 10_001, inclusive: false }), { code: 'tax_rate_invalid' });
  assert.throws(() => taxOfAmount(100, { basisPoints: 12.5, inclusive: false }), { code: 'tax_rate_invalid' });
  assert.throws(() => taxOfAmount(100, { basisPoints: -1, inclusive: false }), { code: 'tax_rate_invalid' });
  // A programming error, never the buyer's: named, and saying what it was given.
  assert.throws(() => taxOfAmount(10.5, gbVat), { name: 'TaxInputError', message: /^10\.5 is not an integer amount of minor units/ });
  assert.throws(() => taxOfAmount(100, { basisPoints: -1, inclusive: false }), { name: 'TaxInputError', message: /^-1 basis points is not a whole rate from 0 to 10000/ });
});

test('a quote rounds each line on its own, so two lines of 7.25% on 1,000 tax 146, not round(145)', () => {
  const quote = quoteTax([
    { amount: 1000, taxability: taxed(caSalesTax) },
    { amount: 1000, taxability: taxed(caSalesTax) },
  ]);
  assert.deepEqual({ subtotal: quote.subtotal, tax: quote.tax, total: quote.total }, { subtotal: 2000, tax: 146, total: 2146 });
  assert.deepEqual(quote.taxLines, [{ name: 'sales_tax', jurisdiction: 'US-CA', basisPoints: 725, inclusive: false, amount: 146 }]);
});

test('a quote groups tax by rate and inclusiveness, in the order the lines first name them, and the subtotal is net of inclusive tax', () => {
  const gbInclusive = { ...gbVat, inclusive: true };
  const quote = quoteTax([
    { amount: 4500, taxability: taxed(gbVat) },
    { amount: 49_900, taxability: taxed(gbInclusive) },
    { amount: 3300, taxability: taxed(gbVat) },
  ]);
  assert.deepEqual(quote.taxLines, [
    { ...gbVat, amount: 900 + 660 },
    { ...gbInclusive, amount: 8317 },
  ]);
  assert.deepEqual({ subtotal: quote.subtotal, tax: quote.tax, total: quote.total }, { subtotal: 4500 + 41_583 + 3300, tax: 1560 + 8317, total: 5400 + 49_900 + 3960 });
  assert.equal(quote.reverseCharge, false);
});

test('a reverse-charged quote has no tax and no tax lines, and each line says why', () => {
  const quote = quoteTax([
    { amount: 4500, taxability: { kind: 'reverse_charge' } as const },
    { amount: 3300, taxability: { kind: 'reverse_charge' } as const },
  ]);
  assert.deepEqual({ subtotal: quote.subtotal, tax: quote.tax, total: quote.total, reverseCharge: quote.reverseCharge }, { subtotal: 7800, tax: 0, total: 7800, reverseCharge: true });
  assert.deepEqual(quote.taxLines, []);
  assert.deepEqual(quote.lines.map((line) => line.line.taxability.kind), ['reverse_charge', 'reverse_charge']);
});

test('a quote with one reverse-charged line among taxed ones says it is reverse charged', () => {
  const quote = quoteTax([
    { amount: 1000, taxability: taxed(gbVat) },
    { amount: 4500, taxability: { kind: 'reverse_charge' } as const },
  ]);
  assert.equal(quote.reverseCharge, true);
  assert.equal(quote.tax, 200);
});

test('lines where no tax is collected, or with no address, cost their amount and carry no tax', () => {
  const quote = quoteTax([
    { amount: 4500, taxability: { kind: 'not_collected' } as const },
    { amount: 49_900, taxability: { kind: 'no_address' } as const },
  ]);
  assert.deepEqual(quote.lines.map(({ net, tax, gross }) => ({ net, tax, gross })), [
    { net: 4500, tax: 0, gross: 4500 },
    { net: 49_900, tax: 0, gross: 49_900 },
  ]);
  assert.equal(quote.tax, 0);
});

const amounts = fc.integer({ min: -99_999_999, max: 99_999_999 });
const basisPoints = fc.integer({ min: 0, max: 10_000 });

test('property: an exclusive line costs net + tax exactly, its tax within half a minor unit of amount × rate', () => {
  fc.assert(
    fc.property(amounts, basisPoints, (amount, points) => {
      const { net, tax, gross } = taxOfAmount(amount, { basisPoints: points, inclusive: false });
      assert.equal(net, amount);
      assert.equal(gross, net + tax);
      assert.ok(Number.isInteger(tax));
      // |tax × 10000 − amount × rate| ≤ 5000: the exact error of rounding to the nearest minor unit.
      assert.ok(Math.abs(tax * 10_000 - amount * points) <= 5000);
      assert.ok(amount >= 0 ? tax >= 0 : tax <= 0, 'a charge is taxed, a credit credited');
    }),
    { numRuns: 2000 },
  );
});

test('property: an inclusive line splits its gross into net + tax exactly, the net within half a unit of gross / (1 + rate)', () => {
  fc.assert(
    fc.property(amounts, basisPoints, (amount, points) => {
      const { net, tax, gross } = taxOfAmount(amount, { basisPoints: points, inclusive: true });
      assert.equal(gross, amount);
      assert.equal(net + tax, gross);
      assert.ok(Math.abs(net * (10_000 + points) - amount * 10_000) * 2 <= 10_000 + points);
    }),
    { numRuns: 2000 },
  );
});

test('property: a quote’s subtotal, tax and total are its lines’ sums, the total is subtotal + tax, and the tax lines add up to the tax', () => {
  const taxability = fc.oneof(
    fc.record({ kind: fc.constant('taxed' as const), rate: fc.record({ name: fc.constantFrom('vat' as const, 'sales_tax' as const), jurisdiction: fc.constantFrom('GB', 'DE', 'US-CA'), basisPoints, inclusive: fc.boolean() }) }),
    fc.constant({ kind: 'not_collected' as const }),
    fc.constant({ kind: 'reverse_charge' as const }),
  );
  fc.assert(
    fc.property(fc.array(fc.record({ amount: amounts, taxability }), { maxLength: 20 }), (lines) => {
      const quote = quoteTax(lines);
      assert.equal(quote.subtotal, quote.lines.reduce((sum, line) => sum + line.net, 0));
      assert.equal(quote.tax, quote.lines.reduce((sum, line) => sum + line.tax, 0));
      assert.equal(quote.total, quote.subtotal + quote.tax);
      assert.equal(quote.taxLines.reduce((sum, taxLine) => sum + taxLine.amount, 0), quote.tax);
      quote.lines.forEach((taxedLine, index) => {
        const line = lines[index]!;
        const alone = line.taxability.kind === 'taxed' ? taxOfAmount(line.amount, line.taxability.rate) : { net: line.amount, tax: 0, gross: line.amount };
        assert.deepEqual({ net: taxedLine.net, tax: taxedLine.tax, gross: taxedLine.gross }, alone, 'each line is rounded on its own');
      });
    }),
    { numRuns: 500 },
  );
});

test('VAT numbers are read with spaces, dots and dashes, in any case, and written canonically', () => {
  assert.deepEqual(parseVatNumber('de 123 456 789'), { value: 'DE123456789', country: 'DE' });
  assert.deepEqual(parseVatNumber('NL-123.456.789.B01'), { value: 'NL123456789B01', country: 'NL' });
  assert.deepEqual(parseVatNumber('FRXX123456789'), { value: 'FRXX123456789', country: 'FR' });
  assert.deepEqual(parseVatNumber('IE6388047V'), { value: 'IE6388047V', country: 'IE' });
  assert.deepEqual(parseVatNumber('IE1234567WA'), { value: 'IE1234567WA', country: 'IE' });
  assert.deepEqual(parseVatNumber('ATU12345678'), { value: 'ATU12345678', country: 'AT' });
  assert.deepEqual(parseVatNumber('EL123456789'), { value: 'EL123456789', country: 'GR' }, 'Greece writes EL');
  assert.deepEqual(parseVatNumber('GB123456789'), { value: 'GB123456789', country: 'GB' });
});

test('a VAT number with the wrong length, letters or prefix is not well formed', () => {
  for (const text of ['DE12345678', 'DE1234567890', 'NL123456789', 'NL123456789X01', 'FRIO123456789', 'XX123456789', 'GR123456789', 'IE12345', 'AT12345678', '123456789', '', 'DE']) {
    assert.equal(parseVatNumber(text), null, text);
  }
});

test('reverse charge is for a buyer in another EU country than the seller, with a VAT number of that country', () => {
  const german = parseVatNumber('DE123456789');
  assert.equal(isReverseCharge('IE', 'DE', german), true);
  assert.equal(isReverseCharge('IE', 'DE', null), false, 'a consumer pays VAT');
  assert.equal(isReverseCharge('DE', 'DE', german), false, 'a buyer in the seller’s own country pays VAT');
  assert.equal(isReverseCharge('IE', 'FR', german), false, 'the number must be of the buyer’s country');
  assert.equal(isReverseCharge('IE', 'GB', parseVatNumber('GB123456789')), false, 'the UK is not in the EU');
  assert.equal(isReverseCharge('IE', 'GR', parseVatNumber('EL123456789')), true);
  assert.equal(EU_COUNTRIES.size, 27);
});
