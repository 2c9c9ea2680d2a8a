// Pricing an order at complete (and for a quote): the buyer's choices (or each product's only one)
// checked against the checkout again, priced with the shared pricing code (src/pricing/), taxed
// for the buyer's address, held to Stripe's limit, matched to the amount the buyer was shown, and
// written down as the purchase to charge.
import { createHash } from 'node:crypto';
import type { PostalAddress, Product } from '../../src/api/schemas.ts';
import { chargeStep } from '../../src/pricing/currency.ts';
import { formatMoney } from '../../src/pricing/money.ts';
import { periodAt, trialEndAt } from '../../src/pricing/period.ts';
import { resolveSelections, type ResolvedSelection } from '../../src/pricing/selection.ts';
import { summarize, type CheckoutSummary, type RecurringCharge, type SummaryLine } from '../../src/pricing/summary.ts';
import { quoteTax, type LineTax, type LineTaxability, type TaxQuote } from '../../src/pricing/tax.ts';
import { ApiError, validationError, type InvalidField } from '../http.ts';
import { newId } from '../ids.ts';
import { MAX_AMOUNT } from '../request-schemas.ts';
import { TAX_INCLUSIVE_PRODUCTS, taxabilityFor, type TaxPlace } from '../tax-rates.ts';
import type { CheckoutRecord, Purchase } from '../checkout-records.ts';
import { placeOf, taxBasisOf, type TaxBasis } from './billing.ts';
import type { CheckoutAt } from './state.ts';

/**
 * How long a price shown to a buyer is honoured (ours): a proration, which moves with the clock,
 * is charged as it was at the instant the buyer saw it, up to this long ago, and never across the
 * end of the period or the trial it was priced in (`samePeriods`).
 */
const QUOTE_WINDOW_MS = 15 * 60_000;

/**
 * What a complete asks for, in the service's terms; the public route maps Paid's wire body to
 * it. `selections` and `currency` are null when the buyer left them to the session's default.
 */
export interface CompleteInput {
  selections: Array<{ productId: string; planId: string | null; quantity: number }> | null;
  currency: string | null;
  /**
   * What the buyer typed: a new customer's name and email (required), phone, billing address and
   * VAT number; a known customer sends only the billing address and VAT number (ours), where the
   * checkout collects an address. `from: 'confirmation_token'`: not typed in the request but read
   * from the payment form's billing details (token-buyer.ts), where an email address is optional.
   */
  customer: {
    name?: string | null;
    email?: string | null;
    phone?: string | null;
    address?: PostalAddress | null;
    taxId?: string | null;
    from?: 'confirmation_token';
  } | null;
  confirmationToken: string;
  returnUrl: string;
  /** The amount the buyer was shown, when the client sent it. */
  amountShown: number | null;
  /** The buyer's own unfinished 3-D Secure payment, which this one replaces (ours). */
  replacesPaymentIntentId: string | null;
  /** The prices the buyer was shown (`pricesVersionOf` of the read or quote they paid from), when the client sent it (ours). */
  pricesVersion: string | null;
}

/**
 * The prices a checkout's products are sold at, as one short fingerprint (ours): the public read and
 * the quote name it, and a complete that sends it back is refused (409 amount_changed) once the
 * merchant has edited a price since. The amount due today alone cannot tell: a downgrade costs 0
 * today at any price, yet renews at the price edited. The customer's subscriptions are not in it
 * (the amount and the quote window decide those).
 */
export function pricesVersionOf(products: readonly Product[]): string {
  const prices = products.map(({ id, plans, basePrice }) => [id, basePrice, plans.map((plan) => [plan.id, plan.prices])]);
  return createHash('sha256').update(JSON.stringify(prices)).digest('hex').slice(0, 16);
}

/** 409 amount_changed: the order is not what the buyer was shown; with the price now and the sandbox's time, for the client to show. Nothing is charged. */
export function amountChanged(priced: PricedOrder, said: string, now: Date): ApiError {
  const amountDue = priced.summary.tax.amountDue;
  return new ApiError(409, 'amount_changed', `${said}: review it and pay again. Nothing was charged.`, { extra: { amountDue, currency: priced.currency, now: now.toISOString() } });
}

/**
 * Refuses (409 amount_changed) a complete that names the prices it was shown (`pricesVersion`)
 * when the merchant has edited them since. Without it (Paid's own client), the amount decides alone.
 */
export function assertPricesShown(priced: PricedOrder, pricesVersion: string | null, now: Date): void {
  if (pricesVersion === null || pricesVersion === pricesVersionOf(priced.products)) return;
  throw amountChanged(priced, `The prices changed since they were shown; the amount due is now ${formatMoney(priced.summary.tax.amountDue, priced.currency, 'en')}`, now);
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

/** A summary line to tax: what it costs today (gross when its product's price includes tax), and how it is taxed. */
export type TaxableSummaryLine = SummaryLine & { amount: number; taxability: LineTaxability };

/** What the order costs with tax: today, line by line, and at each renewal. */
export interface OrderTax {
  today: TaxQuote<TaxableSummaryLine>;
  /** The total with tax charged today, never negative. */
  amountDue: number;
  /** Each line's next full period with its tax, in the order of the summary's lines. */
  renewals: LineTax[];
  recurring: Array<RecurringCharge & { subtotal: number; tax: number; total: number }>;
  /** Where tax was looked up (`GB`, `US-CA`, `US` for an unknown state), or null without an address. */
  jurisdiction: string | null;
  /** The buyer's VAT number, written canonically, when given. */
  taxId: string | null;
}

/** The shared summary with its tax: what complete charges and a quote shows. */
export type TaxedSummary = CheckoutSummary & { tax: OrderTax };

/** How the buyer's lines are taxed: by whether a line's price includes tax. */
interface Taxability {
  of: (inclusive: boolean) => LineTaxability;
  jurisdiction: string | null;
  taxId: string | null;
}

function taxSummary(summary: CheckoutSummary, taxability: Taxability): TaxedSummary {
  const taxabilityOf = (line: SummaryLine) => taxability.of(TAX_INCLUSIVE_PRODUCTS.has(line.productId));
  // Rounded to the currency's charge step (KWD's 10), as the summary's prorations are: TAX.md §3.
  const step = chargeStep(summary.currency);
  const today = quoteTax(summary.lines.map((line) => ({ ...line, amount: line.dueToday, taxability: taxabilityOf(line) })), step);
  const renewals = quoteTax(summary.lines.map((line) => ({ amount: line.periodAmount, taxability: taxabilityOf(line) })), step).lines;
  // Grouped as the summary groups its renewals: by interval and the date they fall on.
  const recurring = summary.recurring.map((charge) => {
    const taxed = renewals.filter((_, index) => {
      const line = summary.lines[index];
      return line?.interval === charge.interval && line.nextChargeAt?.getTime() === charge.startsAt.getTime();
    });
    const sum = (pick: (line: LineTax) => number) => taxed.reduce((total, line) => total + pick(line), 0);
    return { ...charge, subtotal: sum((line) => line.net), tax: sum((line) => line.tax), total: sum((line) => line.gross) };
  });
  const { jurisdiction, taxId } = taxability;
  return { ...summary, tax: { today, amountDue: Math.max(0, today.total), renewals, recurring, jurisdiction, taxId } };
}

/**
 * Refuses an order Stripe could not charge: a line (today, or each period after) or the order
 * (today, or any later invoice) over MAX_AMOUNT, tax included. A line names its quantity, the order `selections`.
 */
function assertWithinLimit(summary: TaxedSummary, selections: CompleteInput['selections']): void {
  const limit = `Stripe's limit of ${MAX_AMOUNT.toLocaleString('en-US')} minor units`;
  const problems: InvalidField[] = summary.lines.flatMap((line, index) => {
    const today = summary.tax.today.lines[index]?.gross ?? line.dueToday;
    const renewal = summary.tax.renewals[index]?.gross ?? line.periodAmount;
    if (Math.max(line.dueToday, line.periodAmount, today, renewal) <= MAX_AMOUNT) return [];
    const chosen = selections?.findIndex((pick) => pick.productId === line.productId) ?? -1;
    return [{ field: chosen < 0 ? 'selections' : `selections.${chosen}.quantity`, message: `makes this line cost more than ${limit}` }];
  });
  const orderTotals = [summary.amountDueToday, summary.tax.amountDue, ...summary.recurring.map((charge) => charge.amount), ...summary.tax.recurring.map((charge) => charge.total)];
  if (problems.length === 0 && orderTotals.some((total) => total > MAX_AMOUNT)) {
    problems.push({ field: 'selections', message: `make an order that costs more than ${limit}` });
  }
  if (problems.length > 0) throw validationError(problems);
}

export type PricedOrder = {
  products: Product[];
  summary: TaxedSummary;
  buyerNeeded: boolean;
  currency: string;
  selections: ChosenLine[];
  resolved: ResolvedSelection[];
  taxability: Taxability;
  /** The billing address typed in the checkout, when the order was taxed from it: saved on the customer. */
  billingAddress: PostalAddress | null;
  /** Where the order was taxed from. */
  basis: TaxBasis;
};

/** What an order is priced from: the choices, and where the buyer owes tax (null: nowhere known). */
export interface PricingInput {
  selections: CompleteInput['selections'];
  currency: string | null;
  place: TaxPlace | null;
  taxId: string | null;
}

/**
 * Checks the choices against the checkout (as `state` read it) again, prices them with the shared
 * pricing code at the instant `now` and taxes them for `place`. `named` carries the caller's own
 * problems (named after the currency's, as they always were) and the tax id's field path.
 */
export function priceChoices(state: CheckoutAt, input: PricingInput, now: Date, named: { problems: readonly InvalidField[]; taxIdField: string }): PricedOrder {
  const problems: InvalidField[] = [];
  const { products } = state;
  const currency = input.currency?.toLowerCase() ?? state.currency;
  const defaults = input.selections ? null : defaultSelections(products, currency);
  if (defaults) problems.push(...defaults.problems);
  const selections = input.selections ?? defaults?.selections ?? [];
  // Checked against the products as they are now: a currency shown only as a fallback cannot be paid in.
  if (!state.payable.includes(currency)) {
    problems.push({ field: 'currency', message: `is not one of this checkout's currencies (${state.offered.join(', ')})` });
  }
  problems.push(...named.problems);
  const resolved = resolveSelections(products, selections, currency);
  if (!resolved.ok) {
    for (const problem of resolved.problems) {
      const field = dotted(problem.field);
      if (!problems.some((known) => known.field === field && field === 'currency')) problems.push({ field, message: problem.message });
    }
  }
  const taxability = taxabilityFor(input.place, input.taxId);
  if (!taxability.ok) problems.push({ field: named.taxIdField, message: taxability.problem.message });
  if (problems.length > 0 || !resolved.ok || !taxability.ok) throw validationError(problems);
  const summary = taxSummary(summarize(resolved.resolved, currency, now), taxability);
  assertWithinLimit(summary, input.selections);
  return { products, summary, buyerNeeded: state.customer === null, currency, selections, resolved: resolved.resolved, taxability, billingAddress: null, basis: { place: input.place, taxId: input.taxId, typed: false } };
}

/** A new customer's details a complete must carry (a known customer's come from Paid's records). */
function newBuyerProblems(checkout: CheckoutRecord, customer: CompleteInput['customer']): InvalidField[] {
  if (!customer) return [{ field: 'customer', message: 'Required: this checkout has no customer yet' }];
  const problems: InvalidField[] = [];
  // Read from the payment form (the request named no customer): say where else it could come from.
  const inForm = customer.from === 'confirmation_token' ? ", and the payment form's billing details have none" : '';
  if (!customer.name) problems.push({ field: 'customer.name', message: `Required: this checkout has no customer yet${inForm}` });
  if (!customer.email && customer.from !== 'confirmation_token') problems.push({ field: 'customer.email', message: 'Required: this checkout has no customer yet' });
  if (checkout.collectAddress && !customer.address) {
    const whole = inForm && " (a whole billing address: an Address Element in billing mode, not the card's country and postal code alone)";
    problems.push({ field: 'customer.address', message: `Required: this checkout collects an address${whole}` });
  }
  return problems;
}

/**
 * A buyer shown a known customer's session ("signed in as …": no name or email asked) whose record
 * the merchant deleted meanwhile. The checkout names them by external id, so its next payment makes
 * a new customer (as a first payment does), who must give a name and an email: the buyer is told
 * what happened, with the price for a new customer now, as `409 amount_changed` (the order they were
 * shown is not the one that would be charged), which has the element read the checkout again under
 * the form, never a 400 naming a field they were not shown. Told apart from Paid's own client, which
 * sends neither a customer nor the amount shown, by sending either; a buyer read from the payment
 * form's token counts as none sent (its first payment is a new buyer's: `newBuyerProblems`). An
 * external id whose customer never existed had nobody signed in: a new buyer's rules alone. (A
 * checkout made for a customer by id is no longer sold once they are deleted: `assertOpen`.)
 */
function assertStillSignedIn(checkout: CheckoutRecord, state: CheckoutAt, input: CompleteInput, now: Date): void {
  if (!state.externalCustomerDeleted) return;
  const customer = input.customer;
  // A buyer read from the token is no customer sent: the stand-in registers the signed-in
  // customer's name and email the element passes to the payment form, which must not make the
  // closed account again.
  const fromToken = customer?.from === 'confirmation_token';
  if (!fromToken && (customer?.name || customer?.email)) return;
  if ((customer === null || fromToken) && input.amountShown === null) return;
  const typed = customer?.address ?? null;
  const basis = taxBasisOf(checkout, null, { place: typed && placeOf(typed), taxId: customer?.taxId ?? null });
  const priced = priceChoices(state, { selections: input.selections, currency: input.currency, place: basis.place, taxId: basis.taxId }, now, { problems: [], taxIdField: 'customer.taxId' });
  throw amountChanged(priced, 'The account you were signed in as was closed by the seller since you opened this checkout, so you would pay as a new customer, with your name and email', now);
}

/**
 * Checks a complete's choices and buyer against the checkout (as `state` read it) again and
 * prices them at the instant `now`, taxed as a quote taxes them (billing.ts): from the billing
 * address typed where the checkout collects one, new customer or known, else from a known
 * customer's address on file. A payment settled after 3-D Secure passes the `basis` it was
 * priced with at complete, so that an address saved meanwhile (another tab) does not move its tax.
 */
export function priceOrder(checkout: CheckoutRecord, state: CheckoutAt, input: CompleteInput, now: Date, pricedBasis?: TaxBasis): PricedOrder {
  const customer = input.customer;
  assertStillSignedIn(checkout, state, input, now);
  const problems = state.customer === null ? newBuyerProblems(checkout, customer) : [];
  const typed = customer?.address ?? null;
  const basis = pricedBasis ?? taxBasisOf(checkout, state.customer, { place: typed && placeOf(typed), taxId: customer?.taxId ?? null });
  const pricing = { selections: input.selections, currency: input.currency, place: basis.place, taxId: basis.taxId };
  const priced = priceChoices(state, pricing, now, { problems, taxIdField: 'customer.taxId' });
  return { ...priced, billingAddress: basis.typed ? typed : null, basis };
}

function upgradedOrderOf(products: readonly Product[], productId: string): string | undefined {
  return products.find((product) => product.id === productId)?.current?.orderId;
}

/**
 * The purchase to charge: its order lines (each with its period's tax), today's charges with their
 * tax, the new buyer, and the billing address and VAT number to save on the customer.
 */
export function purchaseOf(
  { products, buyerNeeded, billingAddress }: Pick<PricedOrder, 'products' | 'buyerNeeded' | 'billingAddress'>,
  summary: TaxedSummary,
  input: CompleteInput,
  now: Date,
): Purchase {
  const lines = summary.lines.flatMap((line, index) => {
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
        periodTax: summary.tax.renewals[index]?.tax ?? 0,
        upgradesOrderId: line.kind === 'upgrade' ? (upgradedOrderOf(products, line.productId) ?? null) : null,
      },
    ];
  });
  const charges = summary.tax.today.lines.flatMap(({ line, net, tax, gross }) => {
    if (line.kind === 'unchanged') return [];
    const description = line.planName ? `${line.productName} — ${line.planName}` : line.productName;
    return [
      {
        productId: line.productId,
        description,
        quantity: line.quantity,
        periodStart: now,
        periodEnd: line.proration ? line.proration.nextRenewal : (line.nextChargeAt ?? now),
        tax: { net, tax, gross, taxability: line.taxability },
      },
    ];
  });
  const customer = input.customer;
  const { subtotal, tax, total, taxLines, reverseCharge } = summary.tax.today;
  return {
    currency: summary.currency,
    amountDue: summary.tax.amountDue,
    amountShown: input.amountShown,
    buyer:
      buyerNeeded && customer?.name && (customer.email || customer.from === 'confirmation_token')
        ? {
            name: customer.name,
            email: customer.email || null,
            phone: customer.phone ?? null,
            address: customer.address ?? null,
            taxId: summary.tax.taxId,
            ...(customer.from ? { from: customer.from } : {}),
          }
        : null,
    billing: billingAddress ? { address: billingAddress, taxId: summary.tax.taxId } : null,
    lines,
    charges,
    tax: { subtotal, tax, total, taxLines, reverseCharge, jurisdiction: summary.tax.jurisdiction },
  };
}

/**
 * What an upgrade's price depends on besides the instant: for each line's current subscription,
 * the trial that still runs, else the billing period it is in. An earlier instant that differs
 * priced a period (or a trial) that has since ended, whose order line would end in the past.
 */
function billingStateAt(resolved: readonly ResolvedSelection[], at: Date): string {
  return resolved
    .map(({ product }) => {
      const current = product.current;
      if (!current) return '-';
      const trialEnd = trialEndAt(current, at);
      return trialEnd ? `trial ${trialEnd.getTime()}` : `period ${periodAt(current, at).start.getTime()}`;
    })
    .join('|');
}

/**
 * Whether the order priced at `earlier` is still in force at `now`: every upgraded subscription is
 * in the same billing period, and the same trial (or none), at both instants (CONTRACT §4 rule 2).
 */
export function samePeriods(resolved: readonly ResolvedSelection[], earlier: Date, now: Date): boolean {
  return billingStateAt(resolved, earlier) === billingStateAt(resolved, now);
}

/**
 * The order as the buyer was shown it. Without `amountShown` (Paid's own client), the price now.
 * With it, the price at the instant within the quote window when the order cost that amount (a
 * proration shown a few minutes ago), as long as every upgraded subscription is in the same period
 * and trial then as now: a price shown before a period or a trial ended is not paid after it.
 * When it never did, 409 `amount_changed` carrying the amount due now and the sandbox's time, for
 * the client to show and have confirmed. Nothing is charged.
 */
export function quoteShown(
  priced: PricedOrder,
  amountShown: number | null,
  now: Date,
): { summary: TaxedSummary; at: Date } {
  if (amountShown === null || priced.summary.tax.amountDue === amountShown) return { summary: priced.summary, at: now };
  // Only prorated lines move with the clock; pricing is pure, so a second-by-second look back is cheap.
  if (priced.summary.lines.some((line) => line.proration)) {
    const stateNow = billingStateAt(priced.resolved, now);
    for (let back = 1000; back <= QUOTE_WINDOW_MS; back += 1000) {
      const at = new Date(now.getTime() - back);
      // Periods only move forward: once a subscription was in an earlier one, every instant before is too.
      if (billingStateAt(priced.resolved, at) !== stateNow) break;
      const summary = taxSummary(summarize(priced.resolved, priced.currency, at), priced.taxability);
      if (summary.tax.amountDue === amountShown) return { summary, at };
    }
  }
  throw amountChanged(priced, `The amount due is now ${formatMoney(priced.summary.tax.amountDue, priced.currency, 'en')}, not the ${formatMoney(amountShown, priced.currency, 'en')} shown`, now);
}
