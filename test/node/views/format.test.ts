// How prices read in the customer's language (src/views/format.ts): each price model, and tiers with their ranges.
import { before, test } from 'node:test';
import { loadCatalog } from '../../../src/i18n/index.ts';
import assert from 'node:assert/strict';
import { formatterFor } from '../../../src/views/format.ts';
import type { Price } from '../../../src/api/schemas.ts';

const volume: Price = {
  currency: 'usd',
  model: 'volume',
  amount: 0,
  interval: 'month',
  unitLabel: 'GB',
  tiers: [
    { upTo: 100, unitAmount: 12, flatAmount: 0 },
    { upTo: 1000, unitAmount: 9, flatAmount: 500 },
    { upTo: null, unitAmount: 6, flatAmount: 1000 },
  ],
};

// French loads on first use (src/i18n/index.ts): loaded before the French expectations.
before(() => loadCatalog('fr'));

test('every price model reads as one line in the customer’s language', () => {
  const en = formatterFor('en');
  assert.equal(en.price({ currency: 'usd', model: 'flat', amount: 4900, interval: 'month' }), '$49.00 / month');
  assert.equal(en.price({ currency: 'usd', model: 'one_time', amount: 49900, interval: 'one_time' }), '$499.00 one-time');
  assert.equal(en.price({ currency: 'usd', model: 'per_unit', amount: 1200, interval: 'year', unitLabel: 'seat' }), '$12.00 per seat / year');
  assert.equal(en.price({ currency: 'usd', model: 'usage', amount: 50, interval: 'month', unitLabel: '1,000 requests' }), '$0.50 per 1,000 requests, billed in arrears');
  assert.equal(en.price(volume), 'From $0.06 per GB / month');
  assert.match(formatterFor('fr').price({ currency: 'eur', model: 'flat', amount: 4500, interval: 'quarter' }), /^45,00\s€ \/ trimestre$/);
});

test('graduated and volume tiers are listed with their ranges and flat fees', () => {
  assert.deepEqual(formatterFor('en').tiers(volume), ['1–100: $0.12', '101–1,000: $0.09 + $5.00', '1,001 and more: $0.06 + $10.00']);
  assert.deepEqual(formatterFor('fr').tiers(volume).map((line) => line.replace(/\s/g, ' ')), [
    '1 à 100 : 0,12 $US',
    '101 à 1 000 : 0,09 $US + 5,00 $US',
    '1 001 et plus : 0,06 $US + 10,00 $US',
  ]);
  assert.deepEqual(formatterFor('en').tiers({ currency: 'usd', model: 'flat', amount: 1, interval: 'month' }), []);
});
