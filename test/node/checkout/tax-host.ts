// The fake host the TaxController's tests run it on (a checkout that collects the address, its
// default selections priced as the element's choices would price them), and quotes that add up for
// the order it prices.
import assert from 'node:assert/strict';
import type { CollectFields, QuoteRequest } from '../../../src/api/schemas.ts';
import type { TaxQuote } from '../../../src/api/wire.ts';
import { emptyCustomer, fieldsToCollect, type CustomerValues, type FieldName, type FieldProblem } from '../../../src/checkout/customer-form.ts';
import { TaxController, type TaxHost } from '../../../src/checkout/tax-controller.ts';
import type { CheckoutError } from '../../../src/errors.ts';
import { summarize } from '../../../src/pricing/summary.ts';
import { defaultSelections, resolveSelections } from '../../../src/pricing/selection.ts';
import { checkoutSession, FakeElement, type Mutable } from './fixtures.ts';

/** A quote's request the test answers, or fails. */
export interface AskedQuote {
  request: QuoteRequest;
  answer: (quote: TaxQuote) => void;
  fail: (error: unknown) => void;
}

export interface TaxHostSetup {
  collect?: CollectFields;
  /** A known customer (Ada) on the session. */
  known?: boolean;
  customer?: Partial<CustomerValues>;
  /** Answers each quote the controller asks for; by default, each waits in `asked` for the test. */
  quoteRequest?: (request: QuoteRequest) => Promise<TaxQuote>;
}

/**
 * A TaxController on a fake host; each quote it asks for waits in `asked` for the test to answer.
 * Counts what the controller asks of its host: tax changes, reads again, the times it priced at,
 * and the ends it reported (`closed`).
 */
export function taxHost({ collect = { name: true, email: true, address: true, phone: false }, known = false, customer = {}, quoteRequest }: TaxHostSetup = {}) {
  const checkout = checkoutSession({ collect, ...(known ? { customer: { id: 'cus_1', name: 'Ada', email: 'ada@example.com' } } : {}) });
  const asked: AskedQuote[] = [];
  const closed: CheckoutError[] = [];
  const pricedAt: number[] = [];
  let taxChanges = 0;
  let rereads = 0;
  const host: Mutable<TaxHost> = {
    element: Object.assign(new FakeElement(), { addController() {}, removeController() {} }),
    checkout,
    selections: defaultSelections(checkout.products, 'usd'),
    currency: 'usd',
    customer: { ...emptyCustomer(), ...customer },
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
        pricedAt.push(at);
        host.priced = summarize(resolved.resolved, host.currency, new Date(at));
        return true;
      },
    },
    taxChanged: () => (taxChanges += 1),
    reread: () => (rereads += 1),
    closed: (error) => closed.push(error),
  };
  const tax = new TaxController(host, (_apiBase, _id, request) => quoteRequest?.(request) ?? new Promise<TaxQuote>((answer, fail) => asked.push({ request, answer, fail })));
  return { host, tax, asked, closed, pricedAt, taxChanges: () => taxChanges, rereads: () => rereads };
}

/** A quote of 20% UK VAT on an order of $49.00 (its lines left to quoteOf). */
export const quote: TaxQuote = {
  amount: 5880,
  currency: 'usd',
  subtotal: 4900,
  tax: 980,
  lines: [],
  taxLines: [{ name: 'vat', jurisdiction: 'GB', basisPoints: 2000, inclusive: false, amount: 980 }],
  recurring: [],
  reverseCharge: false,
  now: '2030-01-01T00:00:00Z',
};

/**
 * `quote` for the order `host` prices, each line taxed at its 20% VAT, or as `change` makes it; its
 * due amount, subtotal, tax and tax row the lines' sums, as a quote's add up (quoteAddsUp).
 */
export function quoteOf(host: TaxHost, change: (line: TaxQuote['lines'][number]) => TaxQuote['lines'][number] = (line) => line): TaxQuote {
  const resolved = resolveSelections(host.checkout!.products, host.selections, host.currency);
  assert.ok(resolved.ok);
  const lines = summarize(resolved.resolved, host.currency, new Date(quote.now)).lines.map(({ kind, dueToday }) =>
    change({ kind, subtotal: dueToday, total: dueToday + Math.round(dueToday / 5), taxRate: { inclusive: false } }),
  );
  const subtotal = lines.reduce((sum, line) => sum + line.subtotal, 0);
  const total = lines.reduce((sum, line) => sum + line.total, 0);
  const taxLines = total === subtotal ? [] : [{ ...quote.taxLines[0]!, amount: total - subtotal }];
  return { ...quote, amount: Math.max(0, total), subtotal, tax: total - subtotal, taxLines, lines };
}
