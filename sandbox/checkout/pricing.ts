// Pricing an order at complete: the buyer's choices (or each product's only one) checked against
// the checkout again, priced with the shared pricing code (src/pricing/), held to Stripe's limit,
// matched to the amount the buyer was shown, and written down as the purchase to charge.
import type { PostalAddress, Product } from '../../src/api/schemas.ts';
import { formatMoney } from '../../src/pricing/money.ts';
import { resolveSelections, type ResolvedSelection } from '../../src/pricing/selection.ts';
import { summarize, type CheckoutSummary } from '../../src/pricing/summary.ts';
import { ApiError, validationError, type InvalidField } from '../http.ts';
import { newId } from '../ids.ts';
import { MAX_AMOUNT } from '../request-schemas.ts';
import type { CheckoutRecord, Purchase } from '../checkout-records.ts';
import type { CheckoutAt } from './state.ts';

/**
 * How long a price shown to a buyer is honoured (ours): a proration, which moves with the clock,
 * is charged as it was at the instant the buyer saw it, up to this long ago.
 */
const QUOTE_WINDOW_MS = 15 * 60_000;

/**
 * What a complete asks for, in the service's terms; the public route maps Paid's wire body to
 * it. `selections` and `currency` are null when the buyer left them to the session's default.
 */
export interface CompleteInput {
  selections: Array<{ productId: string; planId: string | null; quantity: number }> | null;
  currency: string | null;
  customer: { name: string; email: string; phone?: string | null; address?: PostalAddress | null } | null;
  confirmationToken: string;
  returnUrl: string;
  /** The amount the buyer was shown, when the client sent it. */
  amountShown: number | null;
  /** The buyer's own unfinished 3-D Secure payment, which this one replaces (ours). */
  replacesPaymentIntentId: string | null;
}


/** `selections[0].planId` (the pricing module's paths) as the dotted `selections.0.planId`. */
function dotted(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/**
 * What a complete without selections buys (Paid's own client sends none): each product's only
 * choice, a product without plans at its smallest quantity or a product with one plan. A
 * product with several plans has no default: the buyer must choose.
 */
type ChosenLine = NonNullable<CompleteInput['selections']>[number];

function defaultSelections(products: readonly Product[], currency: string): { selections: ChosenLine[]; problems: InvalidField[] } {
  const problems: InvalidField[] = [];
  const selections = products.flatMap((product): ChosenLine[] => {
    const onlyPlan = product.plans.length === 1 ? product.plans[0] : undefined;
    if (product.plans.length === 0) return [{ productId: product.id, planId: null, quantity: Math.max(1, product.basePrice?.minQuantity ?? 1) }];
    if (onlyPlan) {
      const price = onlyPlan.prices.find((candidate) => candidate.currency === currency);
      return [{ productId: product.id, planId: onlyPlan.id, quantity: Math.max(1, price?.minQuantity ?? 1) }];
    }
    problems.push({ field: 'selections', message: `Required: ${product.name} has ${product.plans.length} plans; choose one` });
    return [];
  });
  return { selections, problems };
}

/**
 * Refuses an order Stripe could not charge: a line (today, or each period after) or the order
 * (today, or any later invoice) over MAX_AMOUNT. A line names its quantity, the order `selections`.
 */
function assertWithinLimit(summary: CheckoutSummary, selections: CompleteInput['selections']): void {
  const limit = `Stripe's limit of ${MAX_AMOUNT.toLocaleString('en-US')} minor units`;
  const problems: InvalidField[] = summary.lines.flatMap((line) => {
    if (Math.max(line.dueToday, line.periodAmount) <= MAX_AMOUNT) return [];
    const index = selections?.findIndex((chosen) => chosen.productId === line.productId) ?? -1;
    return [{ field: index < 0 ? 'selections' : `selections.${index}.quantity`, message: `makes this line cost more than ${limit}` }];
  });
  const orderTotals = [summary.amountDueToday, ...summary.recurring.map((charge) => charge.amount)];
  if (problems.length === 0 && orderTotals.some((total) => total > MAX_AMOUNT)) {
    problems.push({ field: 'selections', message: `make an order that costs more than ${limit}` });
  }
  if (problems.length > 0) throw validationError(problems);
}

export type PricedOrder = {
  products: Product[];
  summary: CheckoutSummary;
  buyerNeeded: boolean;
  currency: string;
  selections: ChosenLine[];
  resolved: ResolvedSelection[];
};

/**
 * Checks the buyer's choices against the checkout (as `state` read it) again and prices them with
 * the shared pricing code at the instant `now`.
 */
export function priceOrder(checkout: CheckoutRecord, state: CheckoutAt, input: CompleteInput, now: Date): PricedOrder {
  const problems: InvalidField[] = [];
  const { products } = state;
  const currency = input.currency?.toLowerCase() ?? state.currency;
  const defaults = input.selections ? null : defaultSelections(products, currency);
  if (defaults) problems.push(...defaults.problems);
  const body = { ...input, currency, selections: input.selections ?? defaults?.selections ?? [] };
  // Checked against the products as they are now: a currency shown only as a fallback cannot be paid in.
  const buyerNeeded = state.customer === null;

  if (!state.payable.includes(body.currency)) {
    problems.push({ field: 'currency', message: `is not one of this checkout's currencies (${state.offered.join(', ')})` });
  }
  if (buyerNeeded && !body.customer) problems.push({ field: 'customer', message: 'Required: this checkout has no customer yet' });
  if (buyerNeeded && body.customer && checkout.collectAddress && !body.customer.address) {
    problems.push({ field: 'customer.address', message: 'Required: this checkout collects an address' });
  }
  const resolved = resolveSelections(products, body.selections, body.currency);
  if (!resolved.ok) {
    for (const problem of resolved.problems) {
      const field = dotted(problem.field);
      if (!problems.some((known) => known.field === field && field === 'currency')) problems.push({ field, message: problem.message });
    }
  }
  if (problems.length > 0 || !resolved.ok) throw validationError(problems);
  const summary = summarize(resolved.resolved, body.currency, now);
  assertWithinLimit(summary, input.selections);
  return { products, summary, buyerNeeded, currency, selections: body.selections, resolved: resolved.resolved };
}

function upgradedOrderOf(products: readonly Product[], productId: string): string | undefined {
  return products.find((product) => product.id === productId)?.current?.orderId;
}

export function purchaseOf(
  products: readonly Product[],
  summary: CheckoutSummary,
  input: CompleteInput,
  buyerNeeded: boolean,
  now: Date,
): Purchase {
  const lines = summary.lines.flatMap((line) => {
    if (line.kind === 'unchanged') return [];
    const proration = line.proration;
    return [
      {
        id: newId('line'),
        productId: line.productId,
        planId: line.planId,
        quantity: line.quantity,
        interval: line.interval,
        amount: line.periodAmount,
        currency: summary.currency,
        periodStart: proration ? proration.periodStart : now,
        periodEnd: proration ? proration.nextRenewal : (line.nextChargeAt ?? now),
        trialEndsAt: line.trialEndsAt,
        upgradesOrderId: line.kind === 'upgrade' ? (upgradedOrderOf(products, line.productId) ?? null) : null,
      },
    ];
  });
  const charges = summary.lines.flatMap((line) => {
    if (line.kind === 'unchanged') return [];
    const description = line.planName ? `${line.productName} — ${line.planName}` : line.productName;
    return [
      {
        productId: line.productId,
        description,
        quantity: line.quantity,
        amount: line.dueToday,
        periodStart: line.proration ? now : now,
        periodEnd: line.proration ? line.proration.nextRenewal : (line.nextChargeAt ?? now),
      },
    ];
  });
  const customer = input.customer;
  return {
    currency: summary.currency,
    amountDue: summary.amountDueToday,
    amountShown: input.amountShown,
    buyer:
      buyerNeeded && customer
        ? { name: customer.name, email: customer.email, phone: customer.phone ?? null, address: customer.address ?? null }
        : null,
    lines,
    charges,
  };
}

/**
 * The order as the buyer was shown it. Without `amountShown` (Paid's own client), the price now.
 * With it, the price at the instant within the quote window when the order cost that amount (a
 * proration shown a few minutes ago); when it never did, 409 `amount_changed` carrying the amount
 * due now and the sandbox's time, for the client to show and have confirmed. Nothing is charged.
 */
export function quoteShown(
  priced: PricedOrder,
  amountShown: number | null,
  now: Date,
): { summary: CheckoutSummary; at: Date } {
  if (amountShown === null || priced.summary.amountDueToday === amountShown) return { summary: priced.summary, at: now };
  // Only prorated lines move with the clock; pricing is pure, so a second-by-second look back is cheap.
  if (priced.summary.lines.some((line) => line.proration)) {
    for (let back = 1000; back <= QUOTE_WINDOW_MS; back += 1000) {
      const at = new Date(now.getTime() - back);
      const summary = summarize(priced.resolved, priced.currency, at);
      if (summary.amountDueToday === amountShown) return { summary, at };
    }
  }
  const amountDue = priced.summary.amountDueToday;
  throw new ApiError(
    409,
    'amount_changed',
    `The amount due is now ${formatMoney(amountDue, priced.currency, 'en')}, not the ${formatMoney(amountShown, priced.currency, 'en')} shown: review it and pay again. Nothing was charged.`,
    { extra: { amountDue, currency: priced.currency, now: now.toISOString() } },
  );
}
