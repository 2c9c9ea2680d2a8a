// The payment view's words that depend on the order (src/views/payment.ts): the pay button's label.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SummaryLine } from '../../../src/pricing/summary.ts';

test('the pay button says "Start trial" only for a new subscription in a trial; a plan change during a trial says "Update plan"', async () => {
  const { payLabel } = await import('../../../src/views/payment.ts');
  const { formatterFor } = await import('../../../src/views/format.ts');
  const format = formatterFor('en');
  const trialEndsAt = new Date('2026-12-14T00:00:00Z');
  const line = (kind: SummaryLine['kind']) => ({ kind, trialEndsAt, dueToday: 0 }) as unknown as SummaryLine;
  const summary = (lines: SummaryLine[]) => ({ amountDueToday: 0, currency: 'usd', lines }) as unknown as Parameters<typeof payLabel>[0];
  assert.equal(payLabel(summary([line('new')]), format), format.t('pay.trial'));
  assert.equal(payLabel(summary([line('upgrade')]), format), format.t('pay.update'));
});
