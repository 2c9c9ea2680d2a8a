// A tax quote is laid over the summary only when its own amounts add up: what is due today is its
// lines' total (none below 0), its subtotal their amounts before tax, its tax and its tax rows the
// difference. A quote that says otherwise (a backend's bug, or a proxy's) would show a due amount,
// and charge it, that the rows above it do not make.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TaxQuote } from '../../../src/api/wire.ts';
import { quoteOf, taxHost } from './tax-host.ts';

const setup = () => taxHost({ customer: { country: 'GB', postalCode: 'SW1Y 4JH' } });

test('a quote that adds up is laid over the summary', () => {
  const { host, tax } = setup();
  const quote = quoteOf(host);
  assert.ok(quote.amount > 0 && quote.tax > 0, 'a quote with tax to check');
  tax.quote = { status: 'ready', quote };
  assert.equal(tax.quote.status, 'ready');
  assert.equal(tax.summaryOver(host.priced!).amountDueToday, quote.amount);
});

test('a quote whose amounts do not add up is never laid over the summary: its amount is neither shown nor charged', () => {
  const { host } = setup();
  const good = quoteOf(host);
  const broken: Record<string, Partial<TaxQuote>> = {
    'due today ten times its lines’ total': { amount: good.amount * 10 },
    'due today a cent more than its lines’ total': { amount: good.amount + 1 },
    'due today of 1 cent': { amount: 1 },
    'due today of nothing': { amount: 0 },
    'a subtotal other than its lines’': { subtotal: good.subtotal - 100 },
    'a tax other than its lines’': { tax: good.tax + 100 },
    'a tax row of another amount than the tax': { taxLines: [{ ...good.taxLines[0]!, amount: good.tax - 1 }] },
    'no tax row for the tax it charges': { taxLines: [] },
  };
  for (const [label, change] of Object.entries(broken)) {
    const { host, tax } = setup();
    const quote = { ...quoteOf(host), ...change };
    tax.quote = { status: 'ready', quote };
    assert.notEqual(tax.quote.status, 'ready', label);
    const shown = tax.summaryOver(host.priced!);
    assert.notEqual(shown.tax?.status, 'ready', `${label}: no tax rows from it`);
    tax.stop();
  }
});
