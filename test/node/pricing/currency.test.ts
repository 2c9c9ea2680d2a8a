// src/pricing/currency.ts: Stripe's minor units as a fixed table (docs.stripe.com/currencies), the
// digits shown, and the multiple a charge must be in each currency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chargeStep, minorUnitDigits, shownDigits } from '../../../src/pricing/currency.ts';

const table = (currency: string) => [minorUnitDigits(currency), shownDigits(currency), chargeStep(currency)];

test('Stripe’s zero-decimal currencies have no decimals and charge any whole amount: JPY, KRW, MGA, VND', () => {
  for (const currency of ['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']) {
    assert.deepEqual(table(currency), [0, 0, 1], currency);
  }
});

test('Stripe’s three-decimal currencies show three and are charged in tens: KWD, BHD, JOD, OMR, TND', () => {
  for (const currency of ['bhd', 'jod', 'kwd', 'omr', 'tnd']) assert.deepEqual(table(currency), [3, 3, 10], currency);
});

test('ISK and UGX are written with two decimals but shown whole, and charged in hundreds (Stripe’s special cases)', () => {
  for (const currency of ['isk', 'ugx']) assert.deepEqual(table(currency), [2, 0, 100], currency);
});

test('every other currency has two decimals, HUF and TWD included (whole only in Stripe’s payouts), whatever Intl says', () => {
  for (const currency of ['usd', 'eur', 'gbp', 'huf', 'twd', 'idr', 'cop', 'pkr', 'iqd', 'rsd', 'xyz']) assert.deepEqual(table(currency), [2, 2, 1], currency);
});

test('a code is read in either case, as Stripe writes it or as Paid does', () => {
  assert.deepEqual(table('KWD'), table('kwd'));
  assert.deepEqual(table('Jpy'), [0, 0, 1]);
  assert.deepEqual(table('ISK'), [2, 0, 100]);
});
