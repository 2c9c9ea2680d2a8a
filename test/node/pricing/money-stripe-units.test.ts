// The minor unit an amount is written in is Stripe's (CONTRACT: "Money is an integer in the
// currency's minor unit"), and the element shows it the same way in every browser. Intl's own
// digits differ by engine: V8/ICU (Chromium, Node) says 0 for HUF, IDR, COP and PKR, which Stripe
// and ISO 4217 write with two decimals (Firefox's Intl says 2); Firefox says 2 for MGA, which Stripe
// writes with none (Chromium says 0). So one amount was shown 100 times apart in two browsers
// (review R2-1): the digits now come from Stripe's table (src/pricing/currency.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, minorUnitDigits } from '../../../src/pricing/money.ts';

test('an amount in Stripe minor units is shown as Stripe charges it, whatever the engine: HUF, IDR, COP, PKR have two decimals', () => {
  // Stripe's two-decimal currencies (every one not in its zero- or three-decimal lists).
  for (const currency of ['huf', 'idr', 'cop', 'pkr']) assert.equal(minorUnitDigits(currency), 2, currency);
  // Stripe's zero-decimal currencies: none.
  for (const currency of ['jpy', 'krw', 'mga', 'vnd', 'clp', 'xaf']) assert.equal(minorUnitDigits(currency), 0, currency);
  // Stripe's three-decimal currencies.
  for (const currency of ['kwd', 'bhd', 'jod', 'omr', 'tnd']) assert.equal(minorUnitDigits(currency), 3, currency);
  // 499000 HUF minor units is 4,990.00 Ft as Stripe charges it.
  assert.match(formatMoney(499_000, 'huf', 'en').replace(/\s/g, ' '), /4,990(\.00)?\b/);
  assert.doesNotMatch(formatMoney(499_000, 'huf', 'en'), /499,000/);
});

test('the digits shown are given to Intl, never its own: each engine shows HUF, IDR, MGA and RSD alike', () => {
  const space = (text: string) => text.replace(/\s/g, ' ');
  assert.equal(space(formatMoney(499_000, 'huf', 'en')), 'HUF 4,990.00');
  assert.equal(space(formatMoney(1_500_000, 'idr', 'en')), 'IDR 15,000.00');
  assert.equal(space(formatMoney(499_050, 'huf', 'hu')), space(new Intl.NumberFormat('hu', { style: 'currency', currency: 'HUF', minimumFractionDigits: 2 }).format(4990.5)));
  assert.equal(space(formatMoney(5000, 'mga', 'en')), 'MGA 5,000');
  assert.equal(space(formatMoney(12_345, 'rsd', 'en')), 'RSD 123.45');
});
