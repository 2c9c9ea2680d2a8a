// The Stripe Elements mode of an order (src/payment/intent.ts): subscription, payment or setup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intentOptions } from '../../../src/payment/intent.ts';
import type { SummaryLine } from '../../../src/pricing/summary.ts';

function line(interval: SummaryLine['interval']): Pick<SummaryLine, 'interval'> {
  return { interval };
}

test('recurring orders use subscription mode, even at zero due (trials, covered upgrades)', () => {
  const lines = [line('month'), line('one_time')] as SummaryLine[];
  assert.deepEqual(intentOptions({ amountDueToday: 4900, currency: 'usd', lines }), { mode: 'subscription', amount: 4900, currency: 'usd' });
  assert.deepEqual(intentOptions({ amountDueToday: 0, currency: 'eur', lines }), { mode: 'subscription', amount: 0, currency: 'eur' });
});

test('one-off orders use payment mode, or setup mode when nothing is charged', () => {
  const lines = [line('one_time')] as SummaryLine[];
  assert.deepEqual(intentOptions({ amountDueToday: 19900, currency: 'usd', lines }), { mode: 'payment', amount: 19900, currency: 'usd' });
  assert.deepEqual(intentOptions({ amountDueToday: 0, currency: 'usd', lines }), { mode: 'setup', currency: 'usd' });
});
