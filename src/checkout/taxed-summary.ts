// The summary the customer sees with tax in it: the local summary (instant, as they click) with
// the server's quote laid over it once it has come, or where the tax stands until then; and
// whether a quote prices the order the summary shows.
import type { TaxQuote } from '../api/wire.ts';
import type { CheckoutSummary } from '../pricing/summary.ts';
import type { QuoteState } from './quote-controller.ts';

/** Where the tax stands: to come (no address yet, on its way, failed), or the server's. */
export type SummaryTax =
  | { status: 'address' | 'waiting' | 'failed' }
  | { status: 'ready'; subtotal: number; lines: TaxQuote['taxLines']; reverseCharge: boolean };

/**
 * A summary whose `amountDueToday` and renewals are the quote's when it has come; `tax` null where
 * none applies; `pricesVersion` the prices the quote was priced from (Pay sends it back), once it has come.
 */
export type TaxedSummary = CheckoutSummary & { tax: SummaryTax | null; pricesVersion?: string | undefined };

/**
 * `addressTyped`: the customer gives an address here. Without one (a known customer taxed from the
 * address on file), the quote's tax is shown only when it charges some or reverse charges it.
 */
export function taxedSummary(summary: CheckoutSummary, quote: QuoteState<TaxQuote>, addressTyped = true): TaxedSummary {
  if (quote.status === 'none') return { ...summary, tax: null };
  if (quote.status !== 'ready') return { ...summary, tax: { status: quote.status } };
  const { amount, subtotal, taxLines, recurring, reverseCharge, pricesVersion } = quote.quote;
  return {
    ...summary,
    amountDueToday: amount,
    pricesVersion,
    recurring: summary.recurring.map((charge) => {
      // A new subscription renews an interval from now: the server's now in the quote, the page's
      // here, some milliseconds apart. So each renewal takes the quote's of its interval that
      // starts nearest to it, and the quote's date.
      const gap = (candidate: (typeof recurring)[number]) => Math.abs(Date.parse(candidate.startsAt) - charge.startsAt.getTime());
      const [taxed] = recurring.filter((candidate) => candidate.interval === charge.interval).sort((one, other) => gap(one) - gap(other));
      return taxed ? { ...charge, amount: taxed.total, startsAt: new Date(taxed.startsAt) } : charge;
    }),
    tax: addressTyped || taxLines.length > 0 || reverseCharge ? { status: 'ready', subtotal, lines: taxLines, reverseCharge } : null,
  };
}

/**
 * Whether `quote` prices the order `summary` shows: as many lines, each of the same kind and the
 * same amount today (before tax; with it where the price includes tax, as the summary's amounts
 * are the prices'), from the same prices as the read the summary was priced from (`pricesVersion`,
 * when both name theirs). Priced at the quote's `now`, the two agree unless the server prices
 * another order: the subscription an upgrade changes was cancelled or changed meanwhile, or the
 * merchant edited a price (a downgrade costs 0 today at any price, so only the version tells).
 */
export function quotePricesSummary(summary: CheckoutSummary, quote: TaxQuote, pricesVersion?: string): boolean {
  return (
    (!pricesVersion || !quote.pricesVersion || pricesVersion === quote.pricesVersion) &&
    quote.lines.length === summary.lines.length &&
    summary.lines.every(({ kind, dueToday }, index) => {
      const quoted = quote.lines[index]!;
      return quoted.kind === kind && dueToday === (quoted.taxRate?.inclusive ? quoted.total : quoted.subtotal);
    })
  );
}

/**
 * Whether `quote`'s own amounts add up, as a backend that taxes each line makes them: due today is
 * its lines' total (never below 0), its subtotal their amounts before tax, its tax the difference,
 * and its tax rows that tax. Else what it says is due is not what the rows above it make.
 */
export function quoteAddsUp({ amount, subtotal, tax, lines, taxLines }: TaxQuote): boolean {
  const sum = (amounts: number[]) => amounts.reduce((total, each) => total + each, 0);
  const total = sum(lines.map((line) => line.total));
  return amount === Math.max(0, total) && subtotal === sum(lines.map((line) => line.subtotal)) && tax === total - subtotal && tax === sum(taxLines.map((line) => line.amount));
}
