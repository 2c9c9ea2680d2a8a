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
  /** The VAT number it was priced with as the answer shows it: whole when the buyer sent it, masked when it is the one on file. */
  taxIdShown: string | null;
}

/**
 * A known customer's VAT number on file, as a quote shows it to whoever holds the link: its country
 * and last four characters (`DE••••6789`), as Stripe shows a card, and never more than half of
 * what follows the country (`DE12345` is `DE••••45`). Enough for the customer to recognise the
 * number that made the reverse charge; not the number itself, which the link's holder did not send
 * and the element does not show.
 */
export function maskedTaxId(taxId: string): string {
  const rest = taxId.slice(2);
  const shown = Math.min(4, Math.floor(rest.length / 2));
  return `${taxId.slice(0, 2)}••••${shown > 0 ? rest.slice(-shown) : ''}`;
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
  const { place, taxId, typed } = taxBasisOf(checkout, state.customer, input);
  const { summary } = priceChoices(state, { ...input, place, taxId }, now, { problems, taxIdField: 'taxId' });
  const fromFile = state.customer !== null && !typed;
  const shown = summary.tax.taxId;
  return { checkoutId: checkout.id, summary, now, pricesVersion: pricesVersionOf(state.products), taxIdShown: shown && fromFile ? maskedTaxId(shown) : shown };
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
export function quoteAnswerOf({ checkoutId, summary, now, pricesVersion, taxIdShown }: Quote) {
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
      tax_id: taxIdShown,
      now: now.toISOString(),
      prices_version: pricesVersion,
    },
  };
}
