import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, minorUnitDigits } from '../../../src/pricing/money.ts';

test('minor units follow the currency: two for USD and EUR, none for JPY, three for KWD', () => {
  assert.equal(minorUnitDigits('usd'), 2);
  assert.equal(minorUnitDigits('eur'), 2);
  assert.equal(minorUnitDigits('jpy'), 0);
  assert.equal(minorUnitDigits('kwd'), 3);
});

test('amounts in minor units are shown in the currency and the locale', () => {
  assert.equal(formatMoney(1999, 'usd', 'en'), '$19.99');
  assert.equal(formatMoney(500, 'jpy', 'en'), '¥500');
  assert.equal(formatMoney(1234, 'kwd', 'en').replace(/\s/g, ' '), 'KWD 1.234');
  // French puts the symbol after, with a narrow no-break space, and a decimal comma.
  assert.match(formatMoney(4900, 'eur', 'fr'), /^49,00\s€$/);
  assert.equal(formatMoney(-950, 'usd', 'en'), '-$9.50');
});

test('a currency code is read in either case, as Stripe writes it or in capitals', () => {
  assert.equal(formatMoney(1999, 'USD', 'en'), formatMoney(1999, 'usd', 'en'));
  assert.equal(formatMoney(1999, 'Usd', 'en'), '$19.99');
  assert.equal(minorUnitDigits('JPY'), 0);
});

test('each locale keeps its own way of writing an amount, and no locale means the runtime default', () => {
  const runtimeDefault = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(49);
  assert.match(formatMoney(4900, 'eur', 'fr'), /^49,00\s€$/);
  assert.equal(formatMoney(4900, 'eur'), runtimeDefault);
  assert.equal(formatMoney(4900, 'eur', 'en'), '€49.00');
  assert.match(formatMoney(4900, 'eur', 'fr'), /^49,00\s€$/);
});

test('the formats kept per currency and per locale never answer for another: alternating ones read as a fresh Intl with Stripe’s digits does', () => {
  // Stripe's digits, written out (not Intl's own, which differ by engine: review R2-1).
  const fresh = (amount: number, currency: string, locale: string) => {
    const digits = { usd: 2, jpy: 0, kwd: 3 }[currency]!;
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount / 10 ** digits);
  };
  const order: Array<[string, string]> = [['usd', 'en'], ['jpy', 'en'], ['usd', 'fr'], ['kwd', 'en'], ['jpy', 'fr'], ['usd', 'en'], ['kwd', 'de']];
  for (const [currency, locale] of [...order, ...[...order].reverse()]) {
    assert.equal(formatMoney(123456, currency, locale), fresh(123456, currency, locale), `${currency} in ${locale}`);
    assert.equal(minorUnitDigits(currency), { usd: 2, jpy: 0, kwd: 3 }[currency]);
  }
});

test('JPY and KRW are whole: 500 is ¥500 and ₩500, with no decimals in any locale', () => {
  assert.equal(formatMoney(500, 'jpy', 'en'), '¥500');
  assert.equal(formatMoney(12_345, 'krw', 'en'), '₩12,345');
  assert.doesNotMatch(formatMoney(12_345, 'krw', 'ko'), /[.,]\d{1,2}$/);
  assert.equal(minorUnitDigits('krw'), 0);
});

test('HUF is written and shown with two decimals, as Stripe charges it: 499000 is HUF 4,990.00', () => {
  assert.equal(formatMoney(499_000, 'huf', 'en').replace(/\s/g, ' '), 'HUF 4,990.00');
  assert.equal(formatMoney(499_050, 'huf', 'en').replace(/\s/g, ' '), 'HUF 4,990.50');
  assert.equal(minorUnitDigits('huf'), 2);
});

test('KWD is shown with its three decimals, trailing zero included: 5120 is KWD 5.120', () => {
  assert.equal(formatMoney(5120, 'kwd', 'en').replace(/\s/g, ' '), 'KWD 5.120');
  assert.equal(formatMoney(5890, 'kwd', 'en').replace(/\s/g, ' '), 'KWD 5.890');
});

test('ISK and UGX are whole units written with two decimals: 50000 is ISK 500, shown without decimals', () => {
  assert.equal(formatMoney(50_000, 'isk', 'en').replace(/\s/g, ' '), 'ISK 500');
  assert.equal(formatMoney(380_000, 'ugx', 'en').replace(/\s/g, ' '), 'UGX 3,800');
  assert.equal(minorUnitDigits('isk'), 2);
});

test('an amount is shown to the exact minor unit however large, where dividing it in floating point would be a cent off', () => {
  // Each written out by hand from its digits: the point goes before the currency's minor digits.
  assert.equal(formatMoney(8_943_038_544_946_843, 'usd', 'en'), '$89,430,385,449,468.43');
  assert.equal(formatMoney(7_232_960_692_440_959, 'usd', 'en'), '$72,329,606,924,409.59');
  assert.equal(formatMoney(-8_084_266_374_823_732, 'usd', 'en'), '-$80,842,663,748,237.32');
  assert.equal(formatMoney(9_007_199_254_740_991, 'kwd', 'en').replace(/\s/g, ' '), 'KWD 9,007,199,254,740.991');
  assert.equal(formatMoney(5, 'usd', 'en'), '$0.05');
  assert.equal(formatMoney(-5, 'usd', 'en'), '-$0.05');
  assert.equal(formatMoney(0, 'usd', 'en'), '$0.00');
  assert.equal(formatMoney(7, 'kwd', 'en').replace(/\s/g, ' '), 'KWD 0.007');
  assert.equal(formatMoney(9_007_199_254_740_991, 'jpy', 'en'), '¥9,007,199,254,740,991');
});
