// The quote (ours; Paid's public API has none): what complete would charge now for these choices
// at this billing address, tax included, priced from the sandbox's clock exactly as complete
// prices them. It changes nothing, and says nothing of the checkout's metadata.
import type { ServiceContext } from '../context.ts';
import { ApiError, type InvalidField } from '../http.ts';
import type { CheckoutRecord } from '../checkout-records.ts';
import type { TaxRate } from '../../src/pricing/tax.ts';
import { taxBasisOf } from './billing.ts';
import { priceChoices, pricesVersionOf, type PricingInput, type TaxedSummary } from './pricing.ts';
import { assertOpen } from './sessions.ts';
import { checkoutAt } from './state.ts';

/** The choices and the part of the billing address that tax depends on. */
export type QuoteInput = PricingInput;

export interface Quote {
  checkoutId: string;
  summary: TaxedSummary;
  now: Date;
  /** The prices it was made from (ours): sent back with complete, which refuses it once they were edited. */
  pricesVersion: string;
}

/**
 * Prices the choices at `now`, taxed exactly as complete taxes them (billing.ts): from the address
 * given where the checkout collects one, for a new customer (who must give it) or a known one; else
 * from a known customer's billing address on file; else untaxed (each line `no_address`).
 */
export function quoteCheckout(context: ServiceContext, checkout: CheckoutRecord, input: QuoteInput): Quote {
  const now = context.clock.now();
  const state = checkoutAt(context.store, checkout, now);
  assertOpen(state);
  const problems: InvalidField[] = [];
  if (!state.customer && checkout.collectAddress && !input.place) {
    problems.push({ field: 'address', message: 'Required: this checkout collects an address, and the tax depends on it' });
  }
  const { place, taxId } = taxBasisOf(checkout, state.customer, input);
  const { summary } = priceChoices(state, { ...input, place, taxId }, now, { problems, taxIdField: 'taxId' });
  return { checkoutId: checkout.id, summary, now, pricesVersion: pricesVersionOf(state.products) };
}

/** A refusal of the body's fields as a quote answers it: 422, the same body (ours). */
export function unprocessable(error: ApiError): ApiError {
  return new ApiError(422, error.code, error.message, error.detail);
}

function rateOf({ name, jurisdiction, basisPoints, inclusive }: TaxRate) {
  return { name, jurisdiction, basis_points: basisPoints, inclusive };
}

/**
 * The answer in Paid's envelope: `amount` (due today), `currency`, `subtotal` and `tax` as
 * paid-blocks names a session's pricing; each line, each rate's tax and each renewal, ours.
 */
export function quoteAnswerOf({ checkoutId, summary, now, pricesVersion }: Quote) {
  const { tax } = summary;
  return {
    success: true as const,
    data: {
      checkout_id: checkoutId,
      amount: tax.amountDue,
      currency: summary.currency,
      subtotal: tax.today.subtotal,
      tax: tax.today.tax,
      lines: tax.today.lines.map(({ line, net, tax: lineTax, gross }, index) => {
        const renewal = tax.renewals[index];
        return {
          product_id: line.productId,
          plan_id: line.planId,
          quantity: line.quantity,
          kind: line.kind,
          subtotal: net,
          tax: lineTax,
          total: gross,
          taxability: line.taxability.kind,
          tax_rate: line.taxability.kind === 'taxed' ? rateOf(line.taxability.rate) : null,
          renewal:
            renewal && line.nextChargeAt && line.interval !== 'one_time'
              ? { starts_at: line.nextChargeAt.toISOString(), subtotal: renewal.net, tax: renewal.tax, total: renewal.gross }
              : null,
        };
      }),
      tax_lines: tax.today.taxLines.map((taxLine) => ({ ...rateOf(taxLine), amount: taxLine.amount })),
      recurring: tax.recurring.map((charge) => ({
        interval: charge.interval,
        starts_at: charge.startsAt.toISOString(),
        subtotal: charge.subtotal,
        tax: charge.tax,
        total: charge.total,
        includes_usage: charge.includesUsage,
      })),
      reverse_charge: tax.today.reverseCharge,
      jurisdiction: tax.jurisdiction,
      tax_id: tax.taxId,
      now: now.toISOString(),
      prices_version: pricesVersion,
    },
  };
}
