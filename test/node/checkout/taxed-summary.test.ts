// taxedSummary (src/checkout/taxed-summary.ts): the local summary as it is until the server's tax
// quote has come, saying where the tax stands; then the quote's amounts laid over it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TaxQuote } from '../../../src/api/wire.ts';
import { CheckoutError } from '../../../src/errors.ts';
import { resolveSelections } from '../../../src/pricing/selection.ts';
import { summarize, type CheckoutSummary } from '../../../src/pricing/summary.ts';
import type { QuoteState } from '../../../src/checkout/quote-controller.ts';
import { quotePricesSummary, taxedSummary } from '../../../src/checkout/taxed-summary.ts';
import { analytics, analyticsUpgrade, product, seats } from '../pricing/fixtures.ts';

/** Growth yearly (450.00 EUR) and two Team seats (22.00 EUR a month), bought on 11 January 2030. */
function localSummary(): CheckoutSummary {
  const selections = [
    { productId: 'prod_analytics', planId: 'plan_yearly', quantity: 1 },
    { productId: 'prod_seats', planId: 'plan_team', quantity: 2 },
  ];
  const resolved = resolveSelections([analytics, seats], selections, 'eur');
  assert.ok(resolved.ok);
  return summarize(resolved.resolved, 'eur', new Date('2030-01-11T00:00:00Z'));
}

/** The same order quoted for a buyer in Germany: 19% VAT on every line, and on each renewal. */
function germanQuote(overrides: Partial<TaxQuote> = {}): TaxQuote {
  return {
    amount: 56_168,
    currency: 'eur',
    subtotal: 47_200,
    tax: 8968,
    lines: [
      { kind: 'new', subtotal: 45_000, total: 53_550, taxRate: { inclusive: false } },
      { kind: 'new', subtotal: 2200, total: 2618, taxRate: { inclusive: false } },
    ],
    taxLines: [{ name: 'vat', jurisdiction: 'DE', basisPoints: 1900, inclusive: false, amount: 8968 }],
    recurring: [
      // Decoys first: an interval at the other renewal's start, and the other interval at this one's.
      { interval: 'month', startsAt: '2031-01-11T00:00:00Z', total: 1, includesUsage: false },
      { interval: 'year', startsAt: '2030-02-11T00:00:00Z', total: 2, includesUsage: false },
      // The same instants as the local renewals, written with another offset.
      { interval: 'month', startsAt: '2030-02-11T01:00:00+01:00', total: 2618, includesUsage: false },
      { interval: 'year', startsAt: '2031-01-11T00:00:00.000Z', total: 53_550, includesUsage: false },
    ],
    reverseCharge: false,
    now: '2030-01-11T00:00:00Z',
    ...overrides,
  };
}

test('with no tax to quote, the summary is the local one with tax null', () => {
  const summary = localSummary();
  assert.deepEqual(taxedSummary(summary, { status: 'none' }), { ...summary, tax: null });
});

test('until the quote has come, or when it failed, the amounts are the local ones and the tax says where it stands', () => {
  const summary = localSummary();
  const states: Array<QuoteState<TaxQuote>> = [
    { status: 'address' },
    { status: 'waiting' },
    { status: 'failed', error: new CheckoutError('network_error', { recoverable: true }) },
  ];
  for (const state of states) {
    assert.deepEqual(taxedSummary(summary, state), { ...summary, tax: { status: state.status } }, state.status);
  }
});

test('a quote that has come says the amount due today and each renewal’s total, and carries the subtotal and tax lines', () => {
  const summary = localSummary();
  // The local amounts, without tax: 47,200 today, 2,200 a month and 45,000 a year.
  assert.equal(summary.amountDueToday, 47_200);
  assert.deepEqual(
    summary.recurring.map((charge) => [charge.interval, charge.amount, charge.startsAt.toISOString()]),
    [
      ['month', 2200, '2030-02-11T00:00:00.000Z'],
      ['year', 45_000, '2031-01-11T00:00:00.000Z'],
    ],
  );
  const before = structuredClone(summary);
  const taxed = taxedSummary(summary, { status: 'ready', quote: germanQuote() });
  assert.equal(taxed.amountDueToday, 56_168);
  assert.deepEqual(
    taxed.recurring.map((charge) => [charge.interval, charge.amount, charge.startsAt.toISOString(), charge.includesUsage]),
    [
      ['month', 2618, '2030-02-11T00:00:00.000Z', false],
      ['year', 53_550, '2031-01-11T00:00:00.000Z', false],
    ],
  );
  assert.deepEqual(taxed.tax, {
    status: 'ready',
    subtotal: 47_200,
    lines: [{ name: 'vat', jurisdiction: 'DE', basisPoints: 1900, inclusive: false, amount: 8968 }],
    reverseCharge: false,
  });
  // What the quote does not price stays the local summary's, which is left as it was.
  assert.equal(taxed.lines, summary.lines);
  assert.equal(taxed.currency, 'eur');
  assert.equal(taxed.creditCarriedForward, 0);
  assert.equal(taxed.hasChanges, true);
  assert.deepEqual(summary, before);
});

test('a new subscription’s renewals, dated from the server’s clock in the quote and the page’s here, some milliseconds apart, take the quote’s taxed totals and dates', () => {
  const quote = germanQuote({
    recurring: [
      { interval: 'year', startsAt: '2031-01-11T00:00:00.347Z', total: 53_550, includesUsage: false },
      { interval: 'month', startsAt: '2030-02-10T23:59:59.912Z', total: 2618, includesUsage: false },
    ],
  });
  const taxed = taxedSummary(localSummary(), { status: 'ready', quote });
  assert.deepEqual(
    taxed.recurring.map((charge) => [charge.interval, charge.amount, charge.startsAt.toISOString()]),
    [
      ['month', 2618, '2030-02-10T23:59:59.912Z'],
      ['year', 53_550, '2031-01-11T00:00:00.347Z'],
    ],
  );
});

test('two renewals of one interval on different dates (an upgraded line and a new one) each take the quote’s nearest to it', () => {
  const summary = localSummary();
  const upgraded = { ...summary.recurring[0]!, startsAt: new Date('2030-02-01T00:00:00Z'), amount: 1100 };
  const local = { ...summary, recurring: [upgraded, ...summary.recurring] };
  const quote = germanQuote({
    recurring: [
      { interval: 'month', startsAt: '2030-02-11T00:00:01Z', total: 2618, includesUsage: false },
      { interval: 'month', startsAt: '2030-02-01T00:00:00Z', total: 1309, includesUsage: false },
      { interval: 'year', startsAt: '2031-01-11T00:00:01Z', total: 53_550, includesUsage: false },
    ],
  });
  assert.deepEqual(
    taxedSummary(local, { status: 'ready', quote }).recurring.map((charge) => [charge.interval, charge.amount]),
    [
      ['month', 1309],
      ['month', 2618],
      ['year', 53_550],
    ],
  );
});

test('a reverse-charged quote carries its reverse charge and no tax line', () => {
  const quote = germanQuote({
    amount: 47_200,
    tax: 0,
    taxLines: [],
    recurring: [
      { interval: 'month', startsAt: '2030-02-11T00:00:00Z', total: 2200, includesUsage: false },
      { interval: 'year', startsAt: '2031-01-11T00:00:00Z', total: 45_000, includesUsage: false },
    ],
    reverseCharge: true,
  });
  const taxed = taxedSummary(localSummary(), { status: 'ready', quote });
  assert.equal(taxed.amountDueToday, 47_200);
  assert.deepEqual(taxed.tax, { status: 'ready', subtotal: 47_200, lines: [], reverseCharge: true });
});

test('without an address typed here (a known customer taxed from the one on file), a quote that charges no tax adds no tax rows; one that charges some shows them', () => {
  const untaxed = germanQuote({
    amount: 47_200,
    tax: 0,
    taxLines: [],
    recurring: [{ interval: 'month', startsAt: '2030-02-11T00:00:00Z', total: 2200, includesUsage: false }],
  });
  const plain = taxedSummary(localSummary(), { status: 'ready', quote: untaxed }, false);
  assert.equal(plain.tax, null);
  assert.equal(plain.amountDueToday, 47_200, 'the quote’s amount all the same');
  assert.deepEqual(taxedSummary(localSummary(), { status: 'ready', quote: germanQuote() }, false).tax, {
    status: 'ready',
    subtotal: 47_200,
    lines: [{ name: 'vat', jurisdiction: 'DE', basisPoints: 1900, inclusive: false, amount: 8968 }],
    reverseCharge: false,
  });
  assert.equal(taxedSummary(localSummary(), { status: 'ready', quote: { ...untaxed, reverseCharge: true } }, false).tax?.status, 'ready', 'a reverse charge is said');
  assert.deepEqual(taxedSummary(localSummary(), { status: 'waiting' }, false).tax, { status: 'waiting' }, 'Pay waits for it, and says why');
});

// quotePricesSummary: whether the quote is of the order the summary shows (review R2-2).

type QuotedLine = TaxQuote['lines'][number];

/** The summary's lines as a quote prices them at `basisPoints` (exclusive unless `inclusive`), or untaxed. */
function quotedLines(summary: CheckoutSummary, basisPoints: number | null, inclusive = false): QuotedLine[] {
  return summary.lines.map(({ kind, dueToday }) => {
    if (basisPoints === null) return { kind, subtotal: dueToday, total: dueToday, taxRate: null };
    if (inclusive) return { kind, subtotal: Math.round((dueToday * 10_000) / (10_000 + basisPoints)), total: dueToday, taxRate: { inclusive } };
    return { kind, subtotal: dueToday, total: dueToday + Math.round((dueToday * basisPoints) / 10_000), taxRate: { inclusive } };
  });
}

/** Analytics for a customer on Starter (1 April to 1 May 2026), Growth or Enterprise (5,000.00 USD a month) chosen, at `at`. */
function upgradeSummary(planId: string, at: string, current = true): CheckoutSummary {
  const enterprise = { id: 'plan_enterprise', name: 'Enterprise', prices: [{ currency: 'usd', model: 'flat', amount: 500_000, interval: 'month' }] };
  const analyticsProduct = product({ ...analyticsUpgrade, plans: [...analyticsUpgrade.plans, enterprise], current: current ? analyticsUpgrade.current : null });
  const resolved = resolveSelections([analyticsProduct], [{ productId: 'prod_analytics', planId, quantity: 1 }], 'usd');
  assert.ok(resolved.ok);
  return summarize(resolved.resolved, 'usd', new Date(at));
}

test('a quote prices the summary’s order when it has its lines, each of the same kind and amount before tax', () => {
  assert.equal(quotePricesSummary(localSummary(), germanQuote()), true);
  assert.equal(quotePricesSummary(localSummary(), germanQuote({ lines: quotedLines(localSummary(), null) })), true, 'untaxed lines (no address, not collected, reverse charge): the amount as it is');
});

test('a line of another kind, an amount a cent off, or a line more or fewer is another order', () => {
  const [yearly, seatsLine] = germanQuote().lines as [QuotedLine, QuotedLine];
  const disagreeing: Record<string, QuotedLine[]> = {
    'another kind': [{ ...yearly, kind: 'upgrade' }, seatsLine],
    'a cent more': [yearly, { ...seatsLine, subtotal: 2201 }],
    'a cent less': [{ ...yearly, subtotal: 44_999 }, seatsLine],
    'a line fewer': [yearly],
    'a line more': [yearly, seatsLine, seatsLine],
    'the local amount as the quote’s total with tax': [{ ...yearly, total: 45_000, subtotal: 37_815 }, seatsLine],
  };
  for (const [name, lines] of Object.entries(disagreeing)) assert.equal(quotePricesSummary(localSummary(), germanQuote({ lines })), false, name);
});

test('a price that includes its tax is compared with the tax: the summary’s amount is the price, the gross', () => {
  const summary = localSummary();
  const inclusive = quotedLines(summary, 1900, true);
  assert.deepEqual(inclusive[0], { kind: 'new', subtotal: 37_815, total: 45_000, taxRate: { inclusive: true } });
  assert.equal(quotePricesSummary(summary, germanQuote({ lines: inclusive })), true);
  assert.equal(quotePricesSummary(summary, germanQuote({ lines: inclusive.map((line) => ({ ...line, taxRate: { inclusive: false } })) })), false);
});

test('an upgrade’s prorated line is not the new subscription the server quotes once the subscription was cancelled (review R2-2)', () => {
  const at = '2026-04-16T09:00:00.000Z';
  const upgrade = upgradeSummary('plan_growth', at);
  assert.equal(upgrade.lines[0]!.kind, 'upgrade');
  const quoted = quotedLines(upgradeSummary('plan_growth', at, false), 2000);
  assert.deepEqual(quoted, [{ kind: 'new', subtotal: 4900, total: 5880, taxRate: { inclusive: false } }]);
  assert.equal(quotePricesSummary(upgrade, germanQuote({ lines: quoted })), false);
  assert.equal(quotePricesSummary(upgrade, germanQuote({ lines: quotedLines(upgrade, 2000) })), true, 'the subscription as the summary has it');
});

test('an upgrade priced at the quote’s instant agrees with it; priced at the click, seconds before, its proration is cents off', () => {
  const quoteNow = '2026-04-16T09:00:10.000Z';
  const quote = germanQuote({ lines: quotedLines(upgradeSummary('plan_enterprise', quoteNow), 2000), now: quoteNow });
  assert.equal(quotePricesSummary(upgradeSummary('plan_enterprise', quote.now), quote), true);
  const atClick = upgradeSummary('plan_enterprise', '2026-04-16T09:00:00.000Z');
  assert.notEqual(atClick.lines[0]!.dueToday, quote.lines[0]!.subtotal, '5,000.00 a month prorates by about 0.2 cents a second');
  assert.equal(quotePricesSummary(atClick, quote), false);
});

test('a quote of other prices than the read the summary was priced from (the merchant edited one) is another order, even at the same amounts; a side that names none decides nothing', () => {
  const quote = germanQuote({ pricesVersion: 'fedcba9876543210' });
  assert.equal(quotePricesSummary(localSummary(), quote, '0123456789abcdef'), false);
  assert.equal(quotePricesSummary(localSummary(), quote, 'fedcba9876543210'), true);
  assert.equal(quotePricesSummary(localSummary(), quote), true, 'a read without pricesVersion');
  assert.equal(quotePricesSummary(localSummary(), germanQuote(), '0123456789abcdef'), true, 'a quote without prices_version');
});

test('a quote laid over the summary carries its prices_version, which Pay sends back; until it has come, none', () => {
  assert.equal(taxedSummary(localSummary(), { status: 'ready', quote: germanQuote({ pricesVersion: 'fedcba9876543210' }) }).pricesVersion, 'fedcba9876543210');
  assert.equal(taxedSummary(localSummary(), { status: 'waiting' }).pricesVersion, undefined);
});
