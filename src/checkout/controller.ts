// The checkout's coordinator: it owns the phase and the state the views render (its shape:
// state.ts), loading → ready ⇄ paying → succeeded or a failed state that says why, and moves it
// for one controller per feature: the session, Stripe's fields, the choices, tax, the pay attempt.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PublicCheckout, Selection } from '../api/schemas.ts';
import { readCheckout } from '../api/client.ts';
import { DEV_MODE, diagnose } from '../diagnostics.ts';
import { CheckoutError } from '../errors.ts';
import { emit, type PaidCheckoutState } from '../events.ts';
import { translate } from '../i18n/index.ts';
import { appearanceFromTokens } from '../payment/appearance.ts';
import { intentOptions } from '../payment/intent.ts';
import { hostTokenReader, PaymentFields } from '../payment/payment-fields.ts';
import { stripeFor } from '../payment/stripe-loader.ts';
import { preloadStripe } from '../payment/stripe-script.ts';
import { resolveSelections } from '../pricing/selection.ts';
import type { CheckoutSummary } from '../pricing/summary.ts';
import type { Attempt } from './attempt.ts';
import { ChoicesController } from './choices-controller.ts';
import { emptyCustomer, fieldsToCollect, type CustomerValues, type FieldName, type FieldProblem } from './customer-form.ts';
import { defaultCountry } from './countries.ts';
import { PayAttemptController } from './pay-attempt-controller.ts';
import { TaxController } from './tax-controller.ts';
import type { TaxedSummary } from './taxed-summary.ts';
import { PaymentController } from './payment-controller.ts';
import { SessionController, type SessionHost } from './session-controller.ts';
import { errorDetail, publicStateOf } from './public-state.ts';
import { tellState } from './state-change.ts';
import type { CheckoutState, PaymentStatus, Phase } from './state.ts';

/**
 * What the controller asks its host to focus: a field of the form, the view shown (a state that
 * replaced the form, or the form that replaced a state), the pay button a failed Pay gives back, or
 * the summary whose tax Try again went away as it asked again. Not `state`, which names a field
 * (an address's state or region).
 */
export type FocusTarget = FieldName | 'view' | 'pay' | 'summary';

export interface CheckoutHost extends ReactiveControllerHost, HTMLElement, SessionHost {}

export interface CheckoutControllerOptions {
  /** The locale to format and translate with. */
  locale: () => string;
  /** The current time in ms; the element's clock hook. */
  now: () => number;
  /** Leaves the page for the success URL. */
  navigate: (url: string) => void;
  /** Moves focus to `target`; called once the host has rendered it. */
  focus: (target: FocusTarget) => void;
  /** How long Stripe.js may take to load. */
  stripeTimeoutMs: () => number;
  /** Waits between session read attempts. */
  retryDelays: () => readonly number[];
  /** Whether each change of `state` is logged to the console (the `debug` attribute). */
  debug: () => boolean;
  /** Reads a session: `readCheckout` unless given (the element adopts the read it started at connect). */
  read?: typeof readCheckout;
  /** Try again was pressed where the checkout chunk could not be fetched: the form or state that comes takes the focus. */
  retried?: boolean;
}

/**
 * Two sentences as one text: a space between them, except after a sentence that ends with an
 * ideographic full stop (Japanese, Chinese), where none belongs.
 */
export function sentences(first: string, second: string): string {
  return first + (/[。！？]$/.test(first) ? '' : ' ') + second;
}

export class CheckoutController implements ReactiveController, CheckoutState {
  #phase: Phase = { kind: 'idle' };
  checkout: PublicCheckout | null = null;
  currencies: string[] = [];
  currency = '';
  selections: Selection[] = [];
  /** The summary as the browser prices it, at once; `summary` is it with the tax quote laid over. */
  priced: CheckoutSummary | null = null;
  customer: CustomerValues = emptyCustomer();
  fieldProblems = new Map<FieldName, FieldProblem>();
  /** The error shown beside the payment fields: a decline, a failed authentication, a retry. */
  payError: CheckoutError | null = null;
  /**
   * What the polite live region says, in the words of the locale at render: a message is put into
   * words when shown, so that one said before its catalog came (or the locale changed) is not left
   * in English.
   */
  get announcement(): string {
    return typeof this.#announced === 'string' ? this.#announced : this.#announced();
  }
  #announced: string | (() => string) = '';

  /** The element this coordinates: it renders the state, and events go out from it. */
  readonly element: CheckoutHost;
  readonly #options: CheckoutControllerOptions;
  /** The session: its read, the server's clock, its expiry. */
  readonly session: SessionController;
  /** Counts sessions loaded: work started for an earlier one compares it and drops its answer. */
  #generation = 0;
  /** Stripe's payment fields (the host refreshes their theme and language through it). */
  readonly payments: PaymentController;
  /** The tiers, quantities, currency and customer's fields (the host's form calls it). */
  readonly choices: ChoicesController;
  /** One payment from Pay to its answer (the host's form submits through it). */
  readonly paying: PayAttemptController;
  /** Tax: the server's quote for the order and address as they stand. */
  readonly tax: TaxController;
  #connected = false;
  #nested = false;
  /** The state the page was last told of (`paid-checkout-statechange`). */
  #told: PaidCheckoutState = { status: 'loading' };
  /** The session is read again under the form (reread()): its answer updates the order shown. */
  #rereading = false;
  /** Try again was pressed in a failed state: whatever replaces it (the form, or that state again) takes the focus it had. */
  #retried = false;

  constructor(host: CheckoutHost, options: CheckoutControllerOptions) {
    this.element = host;
    this.#options = options;
    this.#retried = !!options.retried;
    this.session = new SessionController(host, {
      ...options,
      read: options.read ?? readCheckout,
      shown: (checkout) => this.#show(checkout),
      failed: (error) => {
        const rereading = this.#rereading;
        this.#rereading = false;
        if (!rereading) return this.fail(error);
        // A read again under the form: a payment pressed meanwhile decides, and one the network
        // lost keeps the form and what was typed (the tax, or Pay, says so and asks again).
        if (!this.editable) return;
        if (!error.recoverable) return this.fail(error);
        if (this.tax.quote.status === 'none') {
          this.payError = error;
          this.element.requestUpdate();
        } else {
          this.tax.rereadFailed(error);
        }
      },
      expired: () => {
        // A payment already under way is the server's to decide; look again once it has answered.
        if (this.phase.kind === 'paying') return true;
        // A payment whose answer was lost keeps its Try again: only the server can say whether it went
        // through (it replays its answer to the resend, or says `expired` if it never ran).
        if (this.phase.kind === 'ready' && !this.paying.pending) this.fail(new CheckoutError('expired'));
        return false;
      },
    });
    this.payments = new PaymentController(host, {
      ...options,
      appearance: () => appearanceFromTokens(hostTokenReader(host)),
      load: stripeFor,
      mount: (stripe, fieldOptions) => new PaymentFields(stripe, host, fieldOptions),
      unavailable: (error) => {
        this.payError = error;
        // The message beside the payment fields is an alert: the status region must not say it twice.
        this.announce('');
        this.report(error);
      },
      changed: () => {
        if (this.payError?.code === 'validation_error') {
          this.payError = null;
          host.requestUpdate();
        }
      },
    });
    this.choices = new ChoicesController(this);
    this.paying = new PayAttemptController(this);
    this.tax = new TaxController(this);
    host.addController(this);
  }

  /** Where the checkout stands: loading → ready ⇄ paying → succeeded, or failed. */
  get phase(): Phase {
    return this.#phase;
  }

  /**
   * Every move of the phase also locks or unlocks Stripe's fields with the form's own, at once (a
   * decline focuses them right after): read-only whenever the order may not change.
   */
  set phase(phase: Phase) {
    this.#phase = phase;
    this.payments.lock(!this.editable);
  }

  /** Stripe's payment fields: none asked for, on their way, shown, or unavailable. */
  get paymentStatus(): PaymentStatus {
    return this.payments.status;
  }

  /** The summary the customer sees: the browser's, with the tax quote laid over it once it has come. */
  get summary(): TaxedSummary | null {
    const taxed = this.priced && this.tax.summaryOver(this.priced);
    // While a payment is under way (resumed after a reload, or shown again), what it charges is
    // what is due: priced again later (a proration moves with the clock), the lines may differ.
    const charging = this.paying.charging;
    if (!taxed || charging === null || charging === taxed.amountDueToday) return taxed;
    if (this.#charged?.from !== taxed || this.#charged.summary.amountDueToday !== charging) this.#charged = { from: taxed, summary: { ...taxed, amountDueToday: charging } };
    return this.#charged.summary;
  }

  /** The summary with the amount of the payment under way laid over it, kept while neither changes. */
  #charged: { from: TaxedSummary; summary: TaxedSummary } | null = null;

  /** The order or the address changed: ask for a new quote once changes pause; Stripe's amount follows. */
  orderChanged(): void {
    this.tax.changed();
    this.taxChanged();
  }

  /** What is due changed (the order, or a quote came): Stripe's amount follows. */
  taxChanged(): void {
    const { summary } = this;
    if (summary) this.payments.fields?.setIntent(intentOptions(summary));
  }

  // ---- lifecycle -------------------------------------------------------------------------

  hostConnected(): void {
    this.#connected = true;
    this.#nested = this.element.getRootNode() instanceof ShadowRoot;
    if (this.#nested) {
      this.session.stop(true);
      this.fail(new CheckoutError('nested_shadow_root'));
      return;
    }
    preloadStripe();
    this.paying.away(false);
    if (this.session.stale) {
      // Loaded in hostUpdate, so that properties a framework sets right after connecting count.
      this.element.requestUpdate();
    } else if (this.phase.kind === 'ready' || this.phase.kind === 'paying') {
      this.session.watchExpiry(this.checkout!.expiresAt);
      this.#startPayments();
      if (this.tax.quote.status === 'waiting') this.tax.retry();
    }
  }

  hostUpdate(): void {
    if (this.#connected && !this.#nested && this.session.stale) this.load();
  }

  /** After each render: the page hears of a change of `state`, once. */
  hostUpdated(): void {
    this.#told = tellState(this.element, this.#told, this.state, this.#options.debug());
  }

  /** Where the checkout stands, for the page (`element.state`). */
  get state(): PaidCheckoutState {
    return publicStateOf(this);
  }

  /** A payment kept in the tab, or back from the bank, that could not be looked up: it may have been taken. */
  get paymentUnresolved(): boolean {
    return this.paying.unresolved;
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.paying.away(true);
    // A read cut short is read again on reconnect; so is a quote.
    this.session.stop();
    this.payments.stop();
    this.tax.stop();
  }

  // ---- derived ---------------------------------------------------------------------------

  get collectFields(): FieldName[] {
    return this.checkout ? fieldsToCollect(this.checkout.collect, this.customer.country) : [];
  }

  /** Whether the pay button may be pressed now. */
  get canPay(): boolean {
    return (
      this.editable &&
      this.paymentStatus === 'ready' &&
      this.summary !== null &&
      this.summary.hasChanges &&
      // With tax, the amount to charge is the server's quote for the order and address as they
      // are. Without an address yet, Pay asks for it (the fields' own check says what is missing).
      this.tax.quote.status !== 'waiting' &&
      this.tax.quote.status !== 'failed'
    );
  }

  /** Whether the order may change now: the form is shown and no payment is under way. */
  get editable(): boolean {
    return this.phase.kind === 'ready' && !this.paying.pending;
  }

  /** An attempt whose outcome is unknown (network, 5xx): the form is locked until it is retried. */
  get hasPendingAttempt(): boolean {
    return this.paying.pending;
  }

  get unkept(): boolean {
    return this.paying.unkept;
  }

  t(key: Parameters<typeof translate>[1], params?: Record<string, string | number>): string {
    return translate(this.#options.locale(), key, params);
  }

  /** The words for an error: the server's or Stripe's own message where it has one. */
  messageFor(error: CheckoutError): string {
    return error.detail ?? this.t(error.reason ? `refund.${error.reason}` : `error.${error.code}`);
  }

  // ---- loading ---------------------------------------------------------------------------

  /** Reads the session for the current id, dropping anything in flight for an earlier one. */
  load(): void {
    this.#generation += 1;
    this.#rereading = false;
    const reading = this.session.load();
    this.payments.stop();
    this.paying.reset();
    this.tax.reset();
    this.checkout = null;
    this.priced = null;
    this.payError = null;
    this.fieldProblems = new Map();
    this.customer = { ...emptyCustomer(), country: defaultCountry(this.#options.locale()) };
    if (!reading) {
      this.fail(new CheckoutError('missing_checkout_id'));
      return;
    }
    this.phase = { kind: 'loading' };
    this.announce(() => this.t('loading'));
  }

  /**
   * Reads the session again under the form, which stays as the customer left it (the tax quote
   * priced another order than the one shown: the subscription changed on the server). Its answer
   * prices their choices again, and the tax asks again. While a payment is under way nothing is
   * read: the tax asks again at once.
   */
  reread(): void {
    if (this.editable) {
      this.#rereading = true;
      this.session.load();
    } else {
      this.tax.reread();
    }
  }

  #show(checkout: PublicCheckout): void {
    const rereading = this.#rereading;
    this.#rereading = false;
    // Read again under the form, while a payment pressed meanwhile is under way or has ended: that
    // payment decides (a refusal reads the session again), and this answer must not reset its order
    // or replace its result.
    if (rereading && !this.editable) return;
    const { selections, currency } = this;
    this.checkout = checkout;
    if (rereading && checkout.status === 'active') {
      const before = JSON.stringify(this.choices.order());
      this.session.watchExpiry(checkout.expiresAt, true);
      // The page learns of new prices as of a change: the amount due (or a choice no longer sold) moved.
      if (this.restoreOrder({ selections, currency })) {
        this.tax.reread();
        this.choices.tell(before);
      }
      this.element.requestUpdate();
      return;
    }
    // A payment this tab left under way (a reload, a bank's redirect back) is finished first,
    // whatever the session says now: it may be the payment that completed it. Else, the form.
    this.paying.resume(checkout);
  }

  /** A kept payment is being finished: Stripe's fields load (its bank may ask again) and the expiry is watched. */
  resuming(): void {
    const checkout = this.checkout;
    if (!checkout) return;
    if (checkout.status === 'active') this.session.watchExpiry(checkout.expiresAt, true);
    this.#startPayments(true);
  }

  /** Shows the checkout's form as read; a session no longer active ends the flow instead. */
  showForm(): void {
    const checkout = this.checkout;
    if (!checkout) return;
    // Each status but active is also its error code.
    if (checkout.status !== 'active') {
      this.fail(new CheckoutError(checkout.status));
      return;
    }
    if (!this.choices.start()) return;
    this.phase = { kind: 'ready' };
    if (this.#retried) this.focusWhenRendered('view');
    this.#retried = false;
    // Without payments nothing can be paid: it says so rather than "ready".
    this.announce(() => this.t(checkout.payments ? 'status.loaded' : 'error.payments_not_configured'));
    this.element.requestUpdate();
    // "Ready" means shown: a listener may look at the rendered form.
    const generation = this.#generation;
    void this.element.updateComplete.then(() => {
      if (generation === this.#generation && this.phase.kind !== 'failed') emit(this.element, 'paid-checkout-ready', { checkout });
    });
    this.session.watchExpiry(checkout.expiresAt, true);
    if (checkout.payments) {
      this.#startPayments(true);
    } else {
      this.report(new CheckoutError('payments_not_configured'));
    }
  }

  /**
   * Shows the order a kept attempt buys while it is finished (or the order shown, once the session
   * was read again under it): its selections and currency when the session still sells them (else
   * the session's defaults), and the customer's name and email, billing address and VAT number
   * when it has them (the address taxed it: the tax is asked for again).
   */
  restoreOrder(request: (Pick<Attempt['request'], 'selections' | 'currency'> & Partial<Attempt['request']>) | null): boolean {
    if (!this.choices.start()) return false;
    const products = this.checkout?.products ?? [];
    if (request && this.currencies.includes(request.currency) && resolveSelections(products, request.selections, request.currency).ok) {
      this.currency = request.currency;
      this.selections = request.selections.map((selection) => ({ ...selection }));
      if (!this.choices.reprice()) return false;
    }
    const customer = request?.customer;
    if (customer && 'name' in customer) this.customer = { ...this.customer, name: customer.name, email: customer.email };
    const address = customer?.address;
    if (address && this.checkout?.collect.address) {
      const { line1, line2, city, postalCode, state, country } = address;
      this.customer = { ...this.customer, line1, line2: line2 ?? '', city, postalCode, state: state ?? '', country, taxId: customer.taxId ?? '' };
      this.tax.changed();
    }
    return true;
  }

  /**
   * A quote said the checkout can no longer be paid (a product deactivated, the checkout archived,
   * expired or paid meanwhile): its state replaces the form, as a payment refused so would. A
   * payment under way, or one whose answer was lost (its Try again), is the server's to answer first.
   */
  closed(error: CheckoutError): void {
    if (this.editable) this.fail(error);
  }

  /** The checkout can no longer be paid or shown: a state that says why replaces the form. */
  fail(error: CheckoutError): void {
    // A payment of it this tab left unfinished is asked about first: this comes again with its answer.
    if (this.paying.askBeforeEnd(error)) return;
    // A refund said over the form (the checkout expiring right after it, say) stays said in the state
    // that replaces it; one not yet said (the read that was to say it failed) is said there, and told.
    const untold = this.paying.untoldRefund();
    if (untold) this.report(untold);
    error = this.afterRefund(untold ?? this.payError, error);
    const formWasShown = this.phase.kind === 'ready' || this.phase.kind === 'paying' || this.#retried;
    this.#retried = false;
    this.session.stop();
    this.payments.stop();
    this.tax.stop();
    this.phase = { kind: 'failed', error };
    this.announce(() => this.messageFor(error));
    // The control that had focus went with the form (or with the state whose Try again was pressed): the state that says why takes it.
    if (formWasShown) this.focusWhenRendered('view');
    this.report(error);
  }

  /** `error`, its words after those of `refund` when that is a refund (or an order deleted, or a payment not kept): both said in one place. */
  afterRefund(refund: CheckoutError | null, error: CheckoutError): CheckoutError {
    return refund && /^(payment_refunded|order_deleted|payment_not_kept)$/.test(refund.code)
      ? new CheckoutError(error.code, { detail: sentences(this.messageFor(refund), this.messageFor(error)), recoverable: error.recoverable })
      : error;
  }

  /** Tells the page of an error (`paid-checkout-error`). */
  report(error: CheckoutError): void {
    emit(this.element, 'paid-checkout-error', errorDetail(this, error));
    if (DEV_MODE) {
      const advice = diagnose(error, { apiBase: this.session.apiBase, checkoutId: this.element.checkoutId ?? '', pageOrigin: location.origin });
      if (advice) console.warn(advice);
    }
  }

  /** Says `text` in the status region (empty: silence it, where an alert says it); a function is put into words at each render. */
  announce(text: string | (() => string)): void {
    this.#announced = text;
    this.element.requestUpdate();
  }

  /** Asks the host to focus `target` once the update asked for so far has rendered it. */
  focusWhenRendered(target: FocusTarget): void {
    void this.element.updateComplete.then(() => this.#options.focus(target));
  }

  /** Whether the element is in the page: navigate() does nothing while it is not. */
  get connected(): boolean {
    return this.#connected;
  }

  /** Leaves the page for the success URL, if the element is still in it. */
  navigate(url: string): void {
    if (this.#connected) this.#options.navigate(url);
  }

  // ---- payment fields --------------------------------------------------------------------

  #startPayments(beforeRender?: boolean): void {
    const checkout = this.checkout;
    if (!checkout?.payments || !this.#connected) return;
    this.payments.start(checkout.payments, checkout.collect.address, () => intentOptions(this.summary!), beforeRender);
  }

  /** Try again: reads a session that failed recoverably, loads Stripe.js again, or resends a payment whose answer was lost. */
  retry(): void {
    if (this.phase.kind === 'failed') {
      if (this.phase.error.recoverable) {
        // Before load(), which may fail at once (and then consumes it), never after it.
        this.#retried = true;
        this.load();
      }
    } else if (this.paymentStatus === 'unavailable') {
      this.payError = null;
      this.#startPayments();
    } else {
      this.paying.resend();
    }
  }
}
