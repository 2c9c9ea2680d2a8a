// A tax quote is laid over the summary only when its own amounts add up: what is due today is its
// lines' total (none below 0), its subtotal their amounts before tax, its tax and its tax rows the
// difference. A quote that says otherwise (a backend's bug, or a proxy's) would show a due amount,
// and charge it, that the rows above it do not make.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TaxQuote } from '../../../src/api/wire.ts';
import { emptyCustomer, fieldsToCollect, type FieldName, type FieldProblem } from '../../../src/checkout/customer-form.ts';
import { TaxController, type TaxHost } from '../../../src/checkout/tax-controller.ts';
import { summarize } from '../../../src/pricing/summary.ts';
import { defaultSelections, resolveSelections } from '../../../src/pricing/selection.ts';
import { checkoutSession, FakeElement, type Mutable } from './fixtures.ts';

const NOW = '2030-01-01T00:00:00Z';

function setup() {
  const checkout = checkoutSession({ collect: { name: true, email: true, address: true, phone: false } });
  const host: Mutable<TaxHost> = {
    element: Object.assign(new FakeElement(), { addController() {}, removeController() {} }),
    checkout,
    selections: defaultSelections(checkout.products, 'usd'),
    currency: 'usd',
    customer: { ...emptyCustomer(), country: 'GB', postalCode: 'SW1Y 4JH' },
    get collectFields() {
      return fieldsToCollect(checkout.collect, host.customer.country);
    },
    fieldProblems: new Map<FieldName, FieldProblem>(),
    priced: null,
    session: { apiBase: 'http://localhost:4000' },
    choices: {
      reprice: (at) => {
        const resolved = resolveSelections(checkout.products, host.selections, host.currency);
        assert.ok(resolved.ok);
        host.priced = summarize(resolved.resolved, host.currency, new Date(at));
        return true;
      },
    },
    taxChanged: () => {},
    reread: () => {},
    closed: () => {},
  };
  const tax = new TaxController(host, () => new Promise<TaxQuote>(() => {}));
  return { host, tax };
}

/** The order `host` prices, quoted with 20% UK VAT on every line: a quote that adds up. */
function ukQuote(host: TaxHost): TaxQuote {
  const resolved = resolveSelections(host.checkout!.products, host.selections, host.currency);
  assert.ok(resolved.ok);
  const lines = summarize(resolved.resolved, host.currency, new Date(NOW)).lines.map(({ kind, dueToday }) => ({
    kind,
    subtotal: dueToday,
    total: dueToday + Math.round(dueToday / 5),
    taxRate: { inclusive: false },
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.subtotal, 0);
  const total = lines.reduce((sum, line) => sum + line.total, 0);
  return {
    amount: Math.max(0, total),
    currency: 'usd',
    subtotal,
    tax: total - subtotal,
    lines,
    taxLines: [{ name: 'vat', jurisdiction: 'GB', basisPoints: 2000, inclusive: false, amount: total - subtotal }],
    recurring: [],
    reverseCharge: false,
    now: NOW,
  };
}

test('a quote that adds up is laid over the summary', () => {
  const { host, tax } = setup();
  const quote = ukQuote(host);
  assert.ok(quote.amount > 0 && quote.tax > 0, 'a quote with tax to check');
  tax.quote = { status: 'ready', quote };
  assert.equal(tax.quote.status, 'ready');
  assert.equal(tax.summaryOver(host.priced!).amountDueToday, quote.amount);
});

test('a quote whose amounts do not add up is never laid over the summary: its amount is neither shown nor charged', () => {
  const { host } = setup();
  const good = ukQuote(host);
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
    const quote = { ...ukQuote(host), ...change };
    tax.quote = { status: 'ready', quote };
    assert.notEqual(tax.quote.status, 'ready', label);
    const shown = tax.summaryOver(host.priced!);
    assert.notEqual(shown.tax?.status, 'ready', `${label}: no tax rows from it`);
    tax.stop();
  }
});
