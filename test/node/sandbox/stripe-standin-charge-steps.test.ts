// sandbox/stripe-standin.js keeps its own copy of the charge steps (a classic script imports
// nothing): it must be the table the element and the sandbox price with (src/pricing/currency.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chargeStep } from '../../../src/pricing/currency.ts';

test('the stand-in refuses amounts in the same steps as the shared pricing rounds to', () => {
  const source = readFileSync(new URL('../../../sandbox/stripe-standin.js', import.meta.url), 'utf8');
  const written = /const CHARGE_STEPS = (\{[^}]*\});/.exec(source)?.[1];
  assert.ok(written, 'CHARGE_STEPS in the stand-in');
  const steps = JSON.parse(written.replace(/(\w+):/g, '"$1":')) as Record<string, number>;
  for (const [currency, step] of Object.entries(steps)) assert.equal(step, chargeStep(currency), currency);
  // Every currency the shared table charges in steps is in the stand-in's.
  for (const currency of ['bhd', 'jod', 'kwd', 'omr', 'tnd', 'isk', 'ugx', 'usd', 'huf', 'jpy']) assert.equal(steps[currency] ?? 1, chargeStep(currency), currency);
});
