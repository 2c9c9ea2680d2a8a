// Tax for the order as it stands: asks the server's quote (QuoteController) once the buyer's
// address says where (for a known customer whose session collects none, at once: the server has
// their address on file), lays it over the browser's summary once it prices the order the summary
// shows (else the session is read again), and shows under its field a value of the customer's that
// the server refused (a VAT number of another country).
import type { ReactiveControllerHost } from 'lit';
import { quoteCheckout } from '../api/client.ts';
import { CheckoutError } from '../errors.ts';
import { classify } from './attempt.ts';
import type { PublicCheckout, QuoteRequest, Selection } from '../api/schemas.ts';
import type { TaxQuote } from '../api/wire.ts';
import type { CheckoutSummary } from '../pricing/summary.ts';
import { optional, problemFromServer, validateField, vatNumberOf, type CustomerValues, type FieldName, type FieldProblem } from './customer-form.ts';
import { QuoteController, type QuoteState } from './quote-controller.ts';
import { quoteAddsUp, quotePricesSummary, taxedSummary, type TaxedSummary } from './taxed-summary.ts';

/** What tax reads and changes of the checkout: the coordinator (a fake one in tests). */
export interface TaxHost {
  readonly element: ReactiveControllerHost;
  readonly checkout: PublicCheckout | null;
  readonly selections: readonly Selection[];
  readonly currency: string;
  readonly customer: CustomerValues;
  readonly collectFields: readonly FieldName[];
  fieldProblems: Map<FieldName, FieldProblem>;
  /** The summary priced in the browser, which a quote is laid over. */
  readonly priced: CheckoutSummary | null;
  readonly session: { readonly apiBase: string };
  readonly choices: { reprice(at: number): boolean };
  /** The quote changed what is due: Stripe's amount follows. */
  taxChanged(): void;
  /** Reads the session again under the form as it stands; `reread()` here once it has come. */
  reread(): void;
  /**
   * A quote was refused because the checkout can no longer be paid (`409 archived`, `expired`,
   * `completed`; a 404): the flow ends as a closed payment's does, unless a payment under way decides.
   */
  closed(error: CheckoutError): void;
}

export class TaxController {
  readonly element: ReactiveControllerHost;
  readonly #host: TaxHost;
  readonly #quotes: QuoteController<TaxQuote>;
  #quote: QuoteState<TaxQuote> = { status: 'none' };
  #taxed: TaxedSummary | null = null;
  #taxedFrom: CheckoutSummary | null = null;
  #taxedQuote: QuoteState<TaxQuote> | null = null;
  /** The session read again because a quote priced another order: on its way, or read (null: neither). */
  #reread: 'reading' | 'read' | null = null;

  constructor(host: TaxHost, request: typeof quoteCheckout = quoteCheckout) {
    this.element = host.element;
    this.#host = host;
    this.#quotes = new QuoteController<TaxQuote>(this, {
      settleMs: 400,
      request: (asked, signal) => request(host.session.apiBase, host.checkout!.id, asked, { signal }),
    });
  }

  /** Where the quote stands. */
  get quote(): QuoteState<TaxQuote> {
    return this.#quote;
  }

  set quote(state: QuoteState<TaxQuote>) {
    const host = this.#host;
    this.#quote = state.status === 'ready' ? this.#checked(state.quote) : state;
    host.taxChanged();
    // The quote names its own fields (`tax_id`, `address.country`); complete's are the customer's.
    const refused = state.status === 'failed' && state.error.code === 'validation_error' ? problemFromServer(`customer.${state.error.field}`) : null;
    if (refused && host.collectFields.includes(refused.field)) host.fieldProblems = new Map([...host.fieldProblems, [refused.field, refused.problem]]);
    // Asking again would be refused again, and Pay would stay disabled for ever: the checkout closed.
    if (state.status === 'failed' && classify(state.error).kind === 'closed') host.closed(state.error);
  }

  /**
   * A quote that has come, priced by the server at its `now`: the summary is priced here at that
   * instant too, so that its lines (credit, renewal dates) and the quote's total are of one moment.
   * A quote of another order than the summary shows (the subscription an upgrade changes was
   * cancelled meanwhile), or of other prices than the read (its `prices_version`: a price edited
   * since), is not shown: the session is read again and the quote asked again, and a quote that
   * still disagrees then fails (Try again). While the session is read again, a quote waits: it is
   * asked again once the session has come.
   */
  #checked(quote: TaxQuote): QuoteState<TaxQuote> {
    const host = this.#host;
    const reread = this.#reread;
    if (reread !== 'reading') {
      host.choices.reprice(Date.parse(quote.now));
      this.#reread = null;
      // Amounts that do not add up are no price at all: said as the tax failed (Try again asks again).
      if (!quoteAddsUp(quote)) return { status: 'failed', error: new CheckoutError('invalid_response', { recoverable: true }) };
      if (host.priced && quotePricesSummary(host.priced, quote, host.checkout?.pricesVersion)) return { status: 'ready', quote };
      if (reread) return { status: 'failed', error: new CheckoutError('invalid_response') };
      this.#reread = 'reading';
      host.reread();
    }
    return { status: 'waiting' };
  }

  /** The session was read again (a quote priced another order): asks again for the order as it now stands. */
  reread(): void {
    this.#reread = 'read';
    this.retry();
  }

  /**
   * The session could not be read again (the network): the form stays as the customer left it, and
   * the tax says it failed, whose Try again asks again (a quote that still differs reads again).
   */
  rereadFailed(error: CheckoutError): void {
    this.#reread = null;
    this.quote = { status: 'failed', error };
    this.element.requestUpdate();
  }

  /**
   * What a quote is asked for. With the session collecting an address, the one typed (new customer
   * or known), once it says where; without, a known customer's order (the server taxes it from the
   * address it has on file), and nothing for a new one (no tax).
   */
  quoteRequest(): QuoteRequest | 'none' | 'address' {
    const { checkout, customer, selections, currency } = this.#host;
    if (!checkout?.collect.address) return checkout?.customer ? { selections, currency, address: null, taxId: null } : 'none';
    const country = customer.country.trim();
    const postalCode = customer.postalCode.trim();
    if (!/^[A-Z]{2}$/.test(country) || !postalCode) return 'address';
    // The VAT number Pay sends (trimmed, for a country with the field)...
    const taxId = vatNumberOf(customer);
    return {
      selections,
      currency,
      // The state as Pay sends it (customerDetails): one that shows nothing is none.
      address: { country, postalCode, state: optional(customer.state) },
      // ...unless the form refuses it: it is not asked about, and Pay will say what is wrong with it.
      taxId: taxId && !validateField('taxId', taxId) ? taxId : null,
    };
  }

  /** `priced` with the quote laid over it once it has come (the same object while neither changes). */
  summaryOver(priced: CheckoutSummary): TaxedSummary {
    if (this.#taxedFrom !== priced || this.#taxedQuote !== this.#quote) {
      this.#taxed = taxedSummary(priced, this.#quote, this.#host.checkout?.collect.address ?? false);
      this.#taxedFrom = priced;
      this.#taxedQuote = this.#quote;
    }
    return this.#taxed!;
  }

  /** The order or the address may have changed: ask again once changes pause. */
  changed(): void {
    this.#quotes.changed();
  }

  /** Asks again (after a failure, or when the server's price moved). */
  retry(): void {
    this.#quotes.retry();
  }

  stop(): void {
    this.#quotes.stop();
  }

  /** Forgets the quote: a new session is shown. */
  reset(): void {
    this.#reread = null;
    this.#quotes.reset();
  }
}
