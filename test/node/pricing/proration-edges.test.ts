// Edges of proration that mutation testing found unpinned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prorate } from '../../../src/pricing/proration.ts';

test('a change priced over an empty recorded period (start equals end) credits and charges nothing instead of failing', () => {
  const empty = { periodStart: '2026-05-01T00:00:00Z', periodEnd: '2026-05-01T00:00:00Z', amount: 1900, interval: 'month' as const };
  const result = prorate(empty, 4900, 'month', new Date('2026-04-20T00:00:00Z'));
  assert.equal(result.periodSeconds, 0);
  assert.equal(result.remainingSeconds, 0);
  assert.equal(result.credit, 0);
  assert.equal(result.charge, 0);
  assert.equal(result.net, 0);
});

test('during a trial the period a change is measured against is the trial itself, from its start to its end', () => {
  const trial = {
    periodStart: '2026-04-01T00:00:00Z',
    periodEnd: '2026-04-15T00:00:00Z',
    trialEndsAt: '2026-04-15T00:00:00Z',
    amount: 0,
    interval: 'month' as const,
  };
  const result = prorate(trial, 2400, 'month', new Date('2026-04-02T00:00:00Z'));
  assert.equal(result.periodSeconds, 14 * 86_400);
  assert.equal(result.remainingSeconds, 13 * 86_400);
});
