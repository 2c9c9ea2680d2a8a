// The checkout flow as a reactive controller: it owns the async steps (session read, complete,
// 3-D Secure, finalize; Stripe's fields through payment-controller.ts) and the state the views
// render (its shape: state.ts): loading → ready ⇄ paying → succeeded, or a failed state that says why.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PublicCheckout, Selection } from '../api/schemas.ts';
import { completeCheckout, finalizeCheckout, readCheckout } from '../api/client.ts';
import type { PaymentSucceeded } from '../api/wire.ts';
import { CheckoutError } from '../errors.ts';
import { emit } from '../events.ts';
import { translate } from '../i18n/index.ts';
import { appearanceFromTokens } from '../payment/appearance.ts';
import { intentOptions } from '../payment/intent.ts';
import { hostTokenReader, PaymentFields } from '../payment/payment-fields.ts';
import { preloadStripe, stripeFor } from '../payment/stripe-loader.ts';
import { clampQuantity } from '../pricing/price.ts';
import { currenciesOffered, defaultSelections, resolveSelections, selectionsForCurrency } from '../pricing/selection.ts';
import { summarize, type CheckoutSummary } from '../pricing/summary.ts';
import { returnUrlFor } from '../url.ts';
import { newAttempt, sendAttempt, type Attempt } from './attempt.ts';
import { completeDetail } from './complete-detail.ts';
import {
  billingDetails,
  customerDetails,
  emptyCustomer,
  fieldsToCollect,
  problemFromServer,
  validateCustomer,
  validateField,
  type CustomerValues,
  type FieldName,
  type FieldProblem,
} from './customer-form.ts';
import { defaultCountry } from './countries.ts';
import { PaymentController, type Fields } from './payment-controller.ts';
import { SessionController, type SessionHost } from './session-controller.ts';
import type { CheckoutState, PaymentStatus, Phase } from './state.ts';

/** What the controller asks its host to focus: a field of the form, or the state that replaced the form. */
export type FocusTarget = FieldName | 'state';

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
}

export class CheckoutController implements ReactiveController, CheckoutState {
  phase: Phase = { kind: 'idle' };
  checkout: PublicCheckout | null = null;
  currencies: string[] = [];
  currency = '';
  selections: Selection[] = [];
  summary: CheckoutSummary | null = null;
  customer: CustomerValues = emptyCustomer();
  fieldProblems = new Map<FieldName, FieldProblem>();
  /** The error shown beside the payment fields: a decline, a failed authentication, a retry. */
  payError: CheckoutError | null = null;
  /** What the polite live region says. */
  announcement = '';

  readonly #host: CheckoutHost;
  readonly #options: CheckoutControllerOptions;
  /** The session: its read, the server's clock, its expiry. */
  readonly session: SessionController;
  /** Counts sessions loaded: work started for an earlier one compares it and drops its answer. */
  #generation = 0;
  /** Stripe's payment fields (the host refreshes their theme and language through it). */
  readonly payments: PaymentController;
  #attempt: Attempt | null = null;
  /** This buyer's 3-D Secure payment left unfinished: a single-use link stays theirs while they name it. */
  #unfinishedPaymentIntentId: string | null = null;
  #connected = false;
  #nested = false;

  constructor(host: CheckoutHost, options: CheckoutControllerOptions) {
    this.#host = host;
    this.#options = options;
    this.session = new SessionController(host, {
      ...options,
      read: readCheckout,
      shown: (checkout) => this.#show(checkout),
      failed: (error) => this.#fail(error),
      expired: () => {
        // A payment already under way is the server's to decide; look again once it has answered.
        if (this.phase.kind === 'paying') return true;
        // A payment whose answer was lost keeps its Try again: only the server can say whether it went
        // through (it replays its answer to the resend, or says `expired` if it never ran).
        if (this.phase.kind === 'ready' && this.#attempt === null) this.#fail(new CheckoutError('expired'));
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
        this.#announce('');
        this.#report(error);
      },
      changed: () => {
        if (this.payError?.code === 'validation_error') {
          this.payError = null;
          host.requestUpdate();
        }
      },
    });
    host.addController(this);
  }

  /** Stripe's payment fields: none asked for, on their way, shown, or unavailable. */
  get paymentStatus(): PaymentStatus {
    return this.payments.status;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  hostConnected(): void {
    this.#connected = true;
    this.#nested = this.#host.getRootNode() instanceof ShadowRoot;
    if (this.#nested) {
      this.session.stop(true);
      this.#fail(new CheckoutError('nested_shadow_root'));
      return;
    }
    preloadStripe();
    if (this.session.stale) {
      // Loaded in hostUpdate, so that properties a framework sets right after connecting count.
      this.#host.requestUpdate();
    } else if (this.phase.kind === 'ready' || this.phase.kind === 'paying') {
      this.session.watchExpiry(this.checkout!.expiresAt);
      this.#startPayments();
    }
  }

  hostUpdate(): void {
    if (this.#connected && !this.#nested && this.session.stale) this.load();
  }

  hostDisconnected(): void {
    this.#connected = false;
    // A read cut short is read again on reconnect.
    this.session.stop();
    this.payments.stop();
  }

  // ---- derived ---------------------------------------------------------------------------

  get collectFields(): FieldName[] {
    return this.checkout ? fieldsToCollect(this.checkout.collect) : [];
  }

  /** Whether the pay button may be pressed now. */
  get canPay(): boolean {
    return (
      this.phase.kind === 'ready' &&
      this.paymentStatus === 'ready' &&
      this.#attempt === null &&
      this.summary !== null &&
      this.summary.hasChanges
    );
  }

  /** An attempt whose outcome is unknown (network, 5xx): the form is locked until it is retried. */
  get hasPendingAttempt(): boolean {
    return this.#attempt !== null;
  }

  t(key: Parameters<typeof translate>[1], params?: Record<string, string | number>): string {
    return translate(this.#options.locale(), key, params);
  }

  /** The words for an error: the server's or Stripe's own message where it has one. */
  messageFor(error: CheckoutError): string {
    return error.detail ?? this.t(`error.${error.code}`);
  }

  // ---- loading ---------------------------------------------------------------------------

  /** Reads the session for the current id, dropping anything in flight for an earlier one. */
  load(): void {
    this.#generation += 1;
    const reading = this.session.load();
    this.payments.stop();
    this.checkout = null;
    this.summary = null;
    this.#attempt = null;
    this.#unfinishedPaymentIntentId = null;
    this.payError = null;
    this.fieldProblems = new Map();
    this.customer = { ...emptyCustomer(), country: defaultCountry(this.#options.locale()) };
    if (!reading) {
      this.#fail(new CheckoutError('missing_checkout_id'));
      return;
    }
    this.phase = { kind: 'loading' };
    this.#announce(this.t('loading'));
  }

  #show(checkout: PublicCheckout): void {
    // A session that is no longer active ends the flow; each such status is also its error code.
    if (checkout.status !== 'active') {
      this.checkout = checkout;
      this.#fail(new CheckoutError(checkout.status));
      return;
    }
    const offered = currenciesOffered(checkout.products);
    const currencies = checkout.allowedCurrencies.filter((currency) => offered.includes(currency));
    const currency = currencies.includes(checkout.currency) ? checkout.currency : currencies[0];
    if (!currency) {
      this.#fail(new CheckoutError('invalid_response'));
      return;
    }
    this.checkout = checkout;
    this.currencies = currencies;
    this.currency = currency;
    this.selections = defaultSelections(checkout.products, currency);
    if (!this.#recompute()) return;
    this.phase = { kind: 'ready' };
    this.#announce(this.t('status.loaded'));
    this.#host.requestUpdate();
    // "Ready" means shown: a listener may look at the rendered form.
    const generation = this.#generation;
    void this.#host.updateComplete.then(() => {
      if (generation === this.#generation && this.phase.kind !== 'failed') emit(this.#host, 'paid-checkout-ready', { checkout });
    });
    this.session.watchExpiry(checkout.expiresAt, true);
    if (checkout.payments) {
      this.#startPayments(true);
    } else {
      this.#report(new CheckoutError('payments_not_configured'));
    }
  }

  #fail(error: CheckoutError): void {
    const formWasShown = this.phase.kind === 'ready' || this.phase.kind === 'paying';
    this.session.stop();
    this.payments.stop();
    this.phase = { kind: 'failed', error };
    this.#announce(this.messageFor(error));
    // The control that had focus went with the form: the state that says why takes it.
    if (formWasShown) this.#focusWhenRendered('state');
    this.#report(error);
  }

  #report(error: CheckoutError): void {
    emit(this.#host, 'paid-checkout-error', { code: error.code, message: this.messageFor(error), recoverable: error.recoverable });
  }

  #announce(text: string): void {
    this.announcement = text;
    this.#host.requestUpdate();
  }

  /** Asks the host to focus `target` once the update asked for so far has rendered it. */
  #focusWhenRendered(target: FocusTarget): void {
    void this.#host.updateComplete.then(() => this.#options.focus(target));
  }

  // ---- choices ---------------------------------------------------------------------------

  /** Recomputes the summary and the Stripe amount after a change; false when it can't be priced. */
  #recompute(): boolean {
    if (!this.checkout) return false;
    const resolved = resolveSelections(this.checkout.products, this.selections, this.currency);
    if (!resolved.ok) {
      this.#fail(new CheckoutError('invalid_response'));
      return false;
    }
    this.summary = summarize(resolved.resolved, this.currency, new Date(this.session.now()));
    this.payments.fields?.setIntent(intentOptions(this.summary));
    return true;
  }

  #changed(): void {
    if (!this.#recompute() || !this.summary) return;
    if (this.payError?.code === 'no_change') this.payError = null;
    this.#host.requestUpdate();
    emit(this.#host, 'paid-checkout-change', {
      selections: this.selections.map((selection) => ({ ...selection })),
      currency: this.currency,
      amountDue: this.summary.amountDueToday,
    });
  }

  get #editable(): boolean {
    return this.phase.kind === 'ready' && this.#attempt === null;
  }

  choosePlan(productId: string, planId: string): void {
    const product = this.checkout?.products.find((candidate) => candidate.id === productId);
    const plan = product?.plans.find((candidate) => candidate.id === planId);
    const price = plan?.prices.find((candidate) => candidate.currency === this.currency);
    if (!this.#editable || !plan || !price) return;
    const previous = this.selections.find((selection) => selection.productId === productId);
    if (previous?.planId === planId) return;
    const quantity = clampQuantity(price, previous?.quantity ?? 1);
    this.selections = this.selections.map((selection) =>
      selection.productId === productId ? { productId, planId, quantity } : selection,
    );
    this.#changed();
  }

  setQuantity(productId: string, quantity: number): void {
    if (!this.#editable || !this.summary) return;
    const line = this.summary.lines.find((candidate) => candidate.productId === productId);
    if (!line) return;
    const clamped = clampQuantity(line.price, quantity);
    if (clamped === line.quantity) {
      this.#host.requestUpdate();
      return;
    }
    this.selections = this.selections.map((selection) =>
      selection.productId === productId ? { ...selection, quantity: clamped } : selection,
    );
    this.#changed();
  }

  setCurrency(currency: string): void {
    if (!this.#editable || !this.checkout || currency === this.currency || !this.currencies.includes(currency)) return;
    this.currency = currency;
    this.selections = selectionsForCurrency(this.checkout.products, this.selections, currency);
    this.#changed();
  }

  setField(field: FieldName, value: string): void {
    this.customer = { ...this.customer, [field]: value };
    // Once a field shows a problem, say as soon as it is fixed (but never complain mid-typing).
    if (this.fieldProblems.has(field)) this.checkField(field);
  }

  /**
   * A field the customer leaves is checked once it holds something: tabbing through empty fields
   * (keyboard users do) raises nothing until Pay is pressed.
   */
  leaveField(field: FieldName): void {
    if (this.customer[field].trim() !== '' || this.fieldProblems.has(field)) this.checkField(field);
  }

  checkField(field: FieldName): void {
    const problem = validateField(field, this.customer[field]);
    const before = this.fieldProblems.get(field);
    if (problem?.key === before?.key) return;
    const next = new Map(this.fieldProblems);
    if (problem) next.set(field, problem);
    else next.delete(field);
    this.fieldProblems = next;
    this.#host.requestUpdate();
  }

  // ---- payment fields --------------------------------------------------------------------

  #startPayments(beforeRender?: boolean): void {
    const checkout = this.checkout;
    if (!checkout?.payments || !this.#connected) return;
    this.payments.start(checkout.payments, checkout.collect.address, () => intentOptions(this.summary!), beforeRender);
  }

  // ---- paying ----------------------------------------------------------------------------

  /**
   * The form's submit handler. `elements.submit()` runs first and synchronously (wallets need the
   * user's gesture), and the in-flight phase is set before anything awaits, so repeated clicks or
   * Enter presses start one payment.
   */
  pay(): void {
    if (this.phase.kind !== 'ready') return;
    if (this.#attempt) {
      this.retry();
      return;
    }
    const payments = this.payments.fields;
    const checkout = this.checkout;
    if (!payments || !checkout || !this.summary || this.paymentStatus !== 'ready') return;
    if (!this.summary.hasChanges) {
      this.payError = new CheckoutError('no_change', { recoverable: true });
      this.#host.requestUpdate();
      return;
    }
    const submission = payments.submit();
    this.phase = { kind: 'paying' };
    this.payError = null;
    this.#announce(this.t('status.processing'));
    void this.#startAttempt(payments, checkout, submission, this.summary.amountDueToday, this.#generation);
  }

  async #startAttempt(
    payments: Fields,
    checkout: PublicCheckout,
    submission: Promise<{ error?: { message?: string } }>,
    amountShown: number,
    generation: number,
  ): Promise<void> {
    const fields = this.collectFields;
    this.fieldProblems = validateCustomer(this.customer, fields);
    let submitted: { error?: { message?: string } };
    try {
      submitted = await submission;
    } catch (error) {
      submitted = { error: { message: error instanceof Error ? error.message : undefined } };
    }
    if (generation !== this.#generation) return;
    const [firstProblem] = this.fieldProblems.keys();
    if (firstProblem || submitted.error) {
      this.phase = { kind: 'ready' };
      const error = new CheckoutError('validation_error', { detail: submitted.error?.message ?? null, recoverable: true });
      this.#announce(this.t('error.validation_error'));
      this.#report(error);
      await this.#host.updateComplete;
      if (firstProblem) this.#options.focus(firstProblem);
      else payments.focus();
      return;
    }

    const returnUrl = returnUrlFor(location.href, checkout.successUrl);
    const known = checkout.customer ? { name: checkout.customer.name, email: checkout.customer.email } : null;
    let tokenResult;
    try {
      tokenResult = await payments.createToken(returnUrl, billingDetails(this.customer, checkout.collect, known));
    } catch (error) {
      tokenResult = { error: { type: 'api_error', message: error instanceof Error ? error.message : undefined } };
    }
    if (generation !== this.#generation) return;
    if (tokenResult.error || !tokenResult.token) {
      const code = tokenResult.error?.type === 'card_error' ? 'card_declined' : 'validation_error';
      this.#settleFailure(new CheckoutError(code, { detail: tokenResult.error?.message ?? null, recoverable: true }), payments);
      return;
    }
    this.#attempt = newAttempt({
      selections: this.selections.map((selection) => ({ ...selection })),
      currency: this.currency,
      customer: customerDetails(this.customer, checkout.collect),
      confirmationToken: tokenResult.token.id,
      returnUrl,
      amountDue: amountShown,
      ...(this.#unfinishedPaymentIntentId ? { replacesPaymentIntentId: this.#unfinishedPaymentIntentId } : {}),
    });
    await this.#send(this.#attempt, payments, checkout, generation);
  }

  /** Resends the attempt whose outcome is unknown, with the same keys and token; or reloads. */
  retry(): void {
    if (this.phase.kind === 'failed') {
      if (this.phase.error.recoverable) this.load();
      return;
    }
    if (this.paymentStatus === 'unavailable') {
      this.payError = null;
      this.#startPayments();
      return;
    }
    const attempt = this.#attempt;
    const payments = this.payments.fields;
    if (this.phase.kind !== 'ready' || !attempt || !payments || !this.checkout) return;
    this.phase = { kind: 'paying' };
    this.payError = null;
    this.#announce(this.t('status.processing'));
    void this.#send(attempt, payments, this.checkout, this.#generation);
  }

  async #send(attempt: Attempt, payments: Fields, checkout: PublicCheckout, generation: number): Promise<void> {
    const { apiBase } = this.session;
    // What this attempt buys, kept for a payment settled after the element has moved on.
    const { summary, customer } = this;
    const outcome = await sendAttempt(attempt, {
      complete: (request, key) => completeCheckout(apiBase, checkout.id, request, key),
      finalize: (paymentIntentId, key) => finalizeCheckout(apiBase, checkout.id, paymentIntentId, key),
      handleNextAction: (clientSecret) => payments.handleNextAction(clientSecret),
      wanted: () => generation === this.#generation,
    });
    switch (outcome.kind) {
      case 'abandoned':
        return;
      case 'settled':
        // Paid for a checkout this element no longer shows (its id changed, or it was put back
        // after the page moved on): the page still learns of it; nothing here navigates.
        if (summary) emit(this.#host, 'paid-checkout-complete', completeDetail(checkout, summary, customer, outcome.result));
        return;
      case 'succeeded':
        this.#attempt = null;
        this.#unfinishedPaymentIntentId = null;
        this.#succeed(checkout, outcome.result);
        return;
      case 'unknown':
        // The attempt is kept: the button resends it as it was.
        this.phase = { kind: 'ready' };
        this.payError = outcome.error;
        this.#announce('');
        this.#report(outcome.error);
        return;
      case 'closed':
        this.#attempt = null;
        this.#fail(outcome.error);
        return;
      case 'failed':
        if (outcome.unfinishedPaymentIntentId) this.#unfinishedPaymentIntentId = outcome.unfinishedPaymentIntentId;
        if (outcome.error.code === 'amount_changed' && !this.#requote(outcome.error)) return;
        this.#settleFailure(outcome.error, payments);
    }
  }

  /**
   * The server priced the order differently (time passed, or the page's clock was off): price it
   * again by the server's time and show the new amount for the customer to confirm with Pay,
   * keeping what they typed. When the prices still disagree (the subscription itself changed),
   * the session is read again. False when it was.
   */
  #requote(error: CheckoutError): boolean {
    this.session.setServerTime(error.quote?.serverTime);
    if (this.#recompute() && this.summary && this.summary.amountDueToday === error.quote?.amountDue) return true;
    this.#attempt = null;
    this.load();
    return false;
  }

  /** A definite failure: nothing was charged, the customer can change something and pay again. */
  #settleFailure(error: CheckoutError, payments: Fields): void {
    this.#attempt = null;
    this.phase = { kind: 'ready' };
    this.#report(error);
    const refused = error.code === 'validation_error' ? problemFromServer(error.field) : null;
    if (refused && this.collectFields.includes(refused.field)) {
      // The server refused one of the customer's own fields: say so under it, and go there.
      this.fieldProblems = new Map([...this.fieldProblems, [refused.field, refused.problem]]);
      this.payError = null;
      this.#announce(this.t('error.validation_error'));
      this.#focusWhenRendered(refused.field);
      return;
    }
    this.payError = error;
    this.#announce('');
    if (error.code === 'card_declined' || error.code === 'authentication_failed') payments.focus();
  }

  #succeed(checkout: PublicCheckout, result: PaymentSucceeded): void {
    this.session.stop();
    if (!this.summary) return;
    const detail = completeDetail(checkout, this.summary, this.customer, result);
    this.payments.stop();
    this.phase = { kind: 'succeeded', detail, navigating: false, error: null };
    this.#announce(this.t('status.succeeded'));
    this.#focusWhenRendered('state');
    const proceed = emit(this.#host, 'paid-checkout-complete', detail, { cancelable: true });
    if (!proceed) return;
    if (!detail.redirectUrl) {
      const error = new CheckoutError('unsafe_url');
      this.phase = { ...this.phase, error };
      this.#host.requestUpdate();
      this.#report(error);
      return;
    }
    this.phase = { ...this.phase, navigating: true };
    this.#host.requestUpdate();
    if (this.#connected) this.#options.navigate(detail.redirectUrl);
  }
}
