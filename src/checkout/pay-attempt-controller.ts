// One payment, from the Pay button to its answer: the customer's fields checked, the page's own
// step (paid-checkout-before-confirm), Stripe's confirmation token, complete with 3-D Secure and
// finalize (attempt.ts), and what each outcome means for the form. An answer that was lost keeps
// its attempt: Try again resends it as it was. The attempt is kept in the tab (attempt-store.ts)
// while it is under way, so that a reload, or a bank's redirect coming back, finishes that same
// attempt (resume-attempt.ts, its own chunk) instead of charging again.
import type { ReactiveControllerHost } from 'lit';
import { completeCheckout, finalizeCheckout, readCheckout, refundReasonOf } from '../api/client.ts';
import type { PublicCheckout, Selection } from '../api/schemas.ts';
import type { PaymentSucceeded } from '../api/wire.ts';
import { lazyChunk } from '../chunks.ts';
import { CheckoutError } from '../errors.ts';
import { emit, type PaidCheckoutCompleteDetail } from '../events.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { CheckoutSummary } from '../pricing/summary.ts';
import { RETURN_PARAMS, returnUrlFor, withoutReturnParams } from '../url.ts';
import { classify, newAttempt, sendAttempt, type Attempt, type AttemptOutcome } from './attempt.ts';
import { beforeConfirm, type PageStep } from './before-confirm.ts';
import { AttemptStore, storedAttemptRules } from './attempt-store.ts';
import { completeDetail } from './complete-detail.ts';
import type { ResumingPayer } from './resume-attempt.ts';
import {
  billingDetails,
  customerDetails,
  problemFromServer,
  validateCustomer,
  type CustomerValues,
  type FieldName,
  type FieldProblem,
} from './customer-form.ts';
import type { Fields } from './payment-controller.ts';
import type { SessionReading, SideRead } from './session-controller.ts';
import type { PaymentStatus, Phase } from './state.ts';
import type { TaxedSummary } from './taxed-summary.ts';

/** What paying reads and changes of the checkout: the coordinator (a fake one in tests). */
export interface PayingHost {
  phase: Phase;
  payError: CheckoutError | null;
  fieldProblems: Map<FieldName, FieldProblem>;
  readonly checkout: PublicCheckout | null;
  /** The summary shown; `pricesVersion`: the quote's laid over it, when one is. */
  readonly summary: (CheckoutSummary & Pick<TaxedSummary, 'pricesVersion'>) | null;
  readonly selections: readonly Selection[];
  readonly currency: string;
  readonly customer: CustomerValues;
  readonly collectFields: readonly FieldName[];
  readonly paymentStatus: PaymentStatus;
  /** The element: events go out from it, focus waits for its render, and its `checkout-id` names the checkout it shows (or is loading). */
  readonly element: ReactiveControllerHost & HTMLElement & { readonly checkoutId?: string | null };
  readonly session: { readonly apiBase: string; readonly options: SessionReading; setServerTime(serverTime?: string): void; stop(): void; sideRead(): SideRead };
  readonly payments: { readonly fields: Fields | null; whenReady(): Promise<Fields | null>; stop(): void };
  readonly choices: { reprice(): boolean; order(): unknown; tell(before?: string): void };
  /** Tax: where its quote stands (with tax, the amount to charge is the quote's); asks it again; stops. */
  readonly tax: { readonly quote: { readonly status: 'none' | 'address' | 'waiting' | 'ready' | 'failed' }; retry(): void; stop(): void };
  t(key: MessageKey): string;
  /** Says `text` in the status region (empty: silence it, where an alert says it; a function: put into words at each render) and renders the state: every phase change here is followed by one. */
  announce(text: string | (() => string)): void;
  /** Tells the page of an error (`paid-checkout-error`). */
  report(error: CheckoutError): void;
  /** `error`, its words after those of `refund` when that is a refund (or an order deleted, or a payment not kept). */
  afterRefund(refund: CheckoutError | null, error: CheckoutError): CheckoutError;
  /** The checkout can no longer be paid: the form gives way to a state that says why. */
  fail(error: CheckoutError): void;
  /** What is due changed (a payment under way began or ended): Stripe's amount follows. */
  taxChanged(): void;
  /** Reads the session again. */
  load(): void;
  /** Reads the session again under the form as the customer left it (their choices and fields kept), priced anew. */
  reread(): void;
  /** Moves focus to a field of the form, to the view shown (the state that replaced the form), or to the pay button, once rendered. */
  focusWhenRendered(target: FieldName | 'view' | 'pay'): void;
  /** Whether the element is in the page: navigate() does nothing while it is not. */
  readonly connected: boolean;
  /** Leaves the page for the success URL, if the element is still in it. */
  navigate(url: string): void;
  /** Shows the checkout's form as read (the coordinator's usual way on), when nothing was left to resume. */
  showForm(): void;
  /** A kept payment is being finished: Stripe's fields load (its bank may ask again) and the expiry is watched. */
  resuming(): void;
  /**
   * Shows the order a kept attempt buys (its selections, currency and the customer's name and
   * email; the checkout's defaults without one) while it is finished. False when it cannot be priced.
   */
  restoreOrder(request: (Pick<Attempt['request'], 'selections' | 'currency'> & Partial<Attempt['request']>) | null): boolean;
}

/** The requests a payment sends (the API client's; a fake in tests). */
export interface PaymentRequests {
  complete: typeof completeCheckout;
  finalize: typeof finalizeCheckout;
  /** Reads another checkout's session, whose payment made on this page is finished here (`readCheckout` unless given). */
  read?: typeof readCheckout;
}

export class PayAttemptController {
  readonly #host: PayingHost;
  readonly #requests: PaymentRequests;
  readonly #store: AttemptStore;
  readonly #loadReader: () => Promise<ResumeReader>;
  #held: Attempt | null = null;
  /** Counts resets: an answer for an attempt started before the last one is dropped. */
  #generation = 0;
  /**
   * A refund to say once the checkout is read again (its price may have moved, or it may have
   * ended): over its form, or in the state that says how it ended; over another checkout's form
   * when the page changed `checkout-id` meanwhile; in the failed state when the read fails
   * (`untoldRefund`). One that answers while another checkout's payment is under way is said
   * where that payment ends (#told): its success, or the form it gives back. Kept through reset(),
   * said once.
   */
  #refunded: CheckoutError | null = null;
  /** The payment left unfinished whose refund a Pay's question found (#refunded): no longer to be replaced once that refund is said. */
  #refundedLeft: { checkoutId: string; id: string } | null = null;
  /**
   * The payment this element said was not finished (nothing charged): its next Pay names it, and so
   * asks how it ended, even when the tab's record of it is gone (another element of the page, put
   * back, was shown its success and cleared it). Forgotten once it is settled here; named only to
   * its own checkout (after `checkout-id` changed, a Pay there asks nothing of it).
   */
  #said: { checkoutId: string; id: string } | null = null;
  /** The payment left unfinished last asked about before its checkout's end was shown (askBeforeEnd): once a load. */
  #askedAbout: string | null = null;
  /** What the tab keeps for the checkout shown that the resume reader could not read, stale or said over the form (resume-attempt.ts): paid over. */
  #unread: string | null = null;
  /** While another checkout's payment made on this page is finished (resume-attempt.ts): what its failures show; true when handled. */
  #away: ((outcome: AttemptOutcome, redirected?: string) => boolean) | null = null;

  constructor(
    host: PayingHost,
    requests: PaymentRequests = { complete: completeCheckout, finalize: finalizeCheckout },
    store: AttemptStore = new AttemptStore(),
    loadReader: () => Promise<ResumeReader> = loadResumeReader,
  ) {
    this.#host = host;
    this.#requests = requests;
    this.#store = store;
    this.#loadReader = loadReader;
  }

  /**
   * The attempts whose request is on its way, each with its checkout and the generation that wants
   * its answer: raised to the current one when the page shows that checkout again (resume).
   */
  readonly #sending = new Map<Attempt, { checkoutId: string; generation: number }>();
  /** Attempts whose end (paid, refunded, its order deleted) a run has answered: another run of one (restored() after Back) tells it no more. */
  readonly #ended = new WeakSet<Attempt>();
  /** Payments whose end this element said or holds, found by a run or by a question about one left unfinished: said no more. */
  readonly #endedIds = new Set<string>();
  #unresolved = false;
  /** Orders the page was told of: each once, however many runs of an attempt or Pay's questions find it paid. */
  readonly #toldOrders = new Set<string>();

  /** An attempt whose outcome is unknown (network, 5xx): the form is locked until it is resent. */
  get pending(): boolean {
    return this.#attempt !== null;
  }

  /** The attempt under way (or to be resent) is kept only by this page, as the tab's storage refused it: a reload would lose it. */
  get unkept(): boolean {
    return !!this.#attempt && !!this.#host.checkout && this.#store.inPage(this.#host.checkout.id);
  }

  /** What the attempt under way (or to be resent) charges; null when there is none. */
  get charging(): number | null {
    return this.#held?.request.amountDue ?? null;
  }

  /** The attempt under way, or whose outcome is unknown. */
  get #attempt(): Attempt | null {
    return this.#held;
  }

  set #attempt(attempt: Attempt | null) {
    const before = this.charging;
    this.#held = attempt;
    // What is due is what it charges while it is held (the coordinator's summary): Stripe's amount follows.
    if (this.charging !== before) this.#host.taxChanged();
  }

  /**
   * A payment this tab kept, or a bank's return, that could not be looked up (the resume reader's
   * chunk did not load, or the answer of its lookup was lost): it may have been taken. The form is
   * withheld, and the failed state says so (`paymentPending`) until Try again reads the session
   * again and finishes it.
   */
  get unresolved(): boolean {
    return this.#unresolved;
  }

  /**
   * The element left the page (or came back): while it is away, a new element for the same
   * checkout may take over the attempt it kept, as a reloaded page does.
   */
  away(gone: boolean): void {
    if (!this.#attempt) return;
    if (gone) this.#store.release(this.#attempt);
    else this.#store.claim(this.#attempt);
  }

  /**
   * The page came back from the browser's back-forward cache: a payment that had left for the bank
   * (whose redirect never answers this page) is looked up with finalize, as after a reload.
   */
  restored(): void {
    const { phase, checkout } = this.#host;
    const attempt = this.#attempt;
    // Frozen while a question was on its way (about a payment left unfinished, or a bank's return, at
    // load or before the checkout's end): its answer never comes. The session is read, and asks, again.
    if (checkout && !attempt && (phase.kind === 'loading' || (phase.kind === 'paying' && phase.note === 'pay.redirectReturning'))) return this.#host.load();
    if (phase.kind !== 'paying' || !phase.paymentIntentId || !attempt || !checkout) return;
    this.#generation += 1;
    attempt.stage = 'finalize';
    this.#paying('pay.resuming');
    void this.#send(attempt, checkout, this.#generation, phase.paymentIntentId);
  }

  /** Forgets the attempt and drops any answer still on its way: a session is being read again. */
  reset(): void {
    this.#generation += 1;
    // Kept in the tab with its outcome unknown and nothing on its way: another load (this
    // element's or another's) may take it over. One still on its way stays this element's.
    if (this.#attempt && !this.#sending.has(this.#attempt)) this.#store.release(this.#attempt);
    this.#attempt = null;
    this.#away = null;
    this.#unresolved = false;
    this.#askedAbout = null;
  }

  /** The payment of `checkoutId` left unfinished is over: neither the tab nor this element names it any more. */
  #forgetUnfinished(checkoutId: string): void {
    if (this.#said?.checkoutId === checkoutId) this.#said = null;
    this.#store.leave(checkoutId, null);
  }

  /** The payment of `checkoutId` this tab or element left unfinished, which a Pay names (and so asks about). */
  #left(checkoutId: string): string | null {
    return this.#store.unfinished(checkoutId) ?? (this.#said?.checkoutId === checkoutId ? this.#said.id : null);
  }

  /**
   * The checkout shown ended (`end`: expired, archived, completed) while this tab or element holds a
   * payment of it left unfinished, whose bank may still approve it: asked about first
   * (ask-left.ts, in the resume reader's chunk), so that what is shown is how it ended. True
   * while it is asked: the caller shows nothing yet.
   */
  askBeforeEnd(end: CheckoutError): boolean {
    const { checkout, connected, phase } = this.#host;
    const left = checkout && connected && /^(expired|archived|completed)$/.test(end.code) ? this.#left(checkout.id) : null;
    // One whose refund is held is known: said with the end, not asked about (and said) again.
    if (!checkout || !left || left === this.#askedAbout || left === this.#refundedLeft?.id) return false;
    this.#askedAbout = left;
    // The form, while shown, waits as for a payment being finished.
    if (phase.kind === 'ready') this.#paying('pay.redirectReturning');
    this.#withReader((reader) => reader.askBeforeEnd(this.#resumingPayer(), checkout, left, end));
    return true;
  }

  /**
   * Runs `run` with the resume reader's chunk, unless a reset came first. A chunk that did not load
   * leaves what may be a payment taken unknown: the form is not offered, and the state says a
   * payment may be pending. What is kept stays kept, and Try again (or a reload) looks again.
   */
  #withReader(run: (reader: ResumeReader) => void): void {
    const generation = this.#generation;
    this.#loadReader().then(
      (reader) => {
        if (generation === this.#generation) run(reader);
      },
      (cause: unknown) => {
        if (generation === this.#generation) this.#unresolve(new CheckoutError('network_error', { recoverable: true, cause }));
      },
    );
  }

  /**
   * The form's submit handler. `elements.submit()` runs first and synchronously (wallets need the
   * user's gesture), then `paid-checkout-before-confirm` in the same gesture; the in-flight phase
   * is set before anything awaits, so repeated clicks or Enter presses start one payment.
   */
  pay(): void {
    if (this.#host.phase.kind !== 'ready') return;
    if (this.#attempt) {
      this.resend();
      return;
    }
    const { checkout, summary } = this.#host;
    const payments = this.#host.payments.fields;
    if (!payments || !checkout || !summary || this.#host.paymentStatus !== 'ready') return;
    if (!summary.hasChanges) {
      this.#host.payError = new CheckoutError('no_change', { recoverable: true });
      this.#host.element.requestUpdate();
      return;
    }
    // Another element's payment of this checkout: nothing is started, and the page's step is not asked.
    if (this.#keptElsewhere(checkout.id)) return;
    const submission = payments.submit();
    this.#host.fieldProblems = validateCustomer(this.#host.customer, this.#host.collectFields);
    this.#paying();
    // The page's step runs only for a form the element itself finds complete; Stripe's own check
    // answers later, and a payment it refuses never waits for the page's step.
    const step =
      this.#host.fieldProblems.size === 0
        ? beforeConfirm(this.#host.element, {
            checkoutId: checkout.id,
            amountDue: summary.amountDueToday,
            currency: this.#host.currency,
            selections: this.#host.selections.map((selection) => ({ ...selection })),
            customer: { name: this.#host.customer.name.trim() || null, email: this.#host.customer.email.trim() || null },
          })
        : null;
    // The prices the amounts on screen were priced from: the quote's when one is laid over them.
    const pricesVersion = summary.pricesVersion ?? checkout.pricesVersion;
    void this.#start(payments, checkout, submission, step, summary.amountDueToday, pricesVersion, this.#generation);
  }

  /** Sends again the attempt whose outcome is unknown, with the same keys and token. */
  resend(): void {
    const attempt = this.#attempt;
    const { checkout, phase } = this.#host;
    if (phase.kind !== 'ready' || !attempt || !checkout) return;
    this.#paying();
    void this.#send(attempt, checkout, this.#generation);
  }

  /**
   * Finishes a payment this tab left under way for `checkout` (a reload, a restored tab, a bank's
   * redirect coming back to this page), or for another checkout on this page (one made per load),
   * instead of offering to pay again; else shows the form, once a payment of it left unfinished
   * was asked about. What reads and finishes them (resume-attempt.ts) is its own chunk, fetched
   * only when the tab kept something, left a payment unfinished, or the address has Stripe's parameters.
   */
  resume(checkout: PublicCheckout): void {
    if (this.#readopt(checkout)) return;
    const raw = this.#store.raw(checkout.id);
    // A payment of it left unfinished is asked about before the form is shown: its bank may have
    // approved it since. Not one whose end this element said or holds, nor on a checkout that
    // ended (its end asks: askBeforeEnd).
    const unfinished = checkout.status === 'active' ? this.#left(checkout.id) : null;
    const left = unfinished && !this.#endedIds.has(unfinished) && unfinished !== this.#refundedLeft?.id ? unfinished : null;
    // A refund of this checkout's payment (or of the one shown before `checkout-id` changed) is said now, whatever else the tab keeps: that payment is
    // settled, and anything kept is another element's or another page's, or left to the next load.
    // A checkout that ended meanwhile fails (the coordinator's fail() says the refund first, in its
    // failed state, with its own code).
    if (this.#refunded || (!left && !this.#store.kept().length && !new URLSearchParams(location.search).has(RETURN_PARAMS[0]))) {
      if (left) this.#withReader((reader) => reader.askAtLoad(this.#resumingPayer(), checkout, left));
      else this.#offerForm();
      return;
    }
    this.#withReader((reader) => reader.resumeAttempt(this.#resumingPayer(), checkout, raw, left));
  }

  /**
   * This element's own payment of `checkout`, still on its way since the page showed another
   * checkout and came back to this one (`checkout-id` changed twice): shown again as under way, its
   * order restored, and its answer this form's, as a reload would resume it. True when there is one.
   */
  #readopt(checkout: PublicCheckout): boolean {
    for (const [attempt, run] of this.#sending) {
      if (run.checkoutId !== checkout.id || !this.#host.restoreOrder(attempt.request)) continue;
      run.generation = this.#generation;
      this.#attempt = attempt;
      this.#paying('pay.resuming', attempt.paymentIntentId);
      this.#host.resuming();
      return true;
    }
    return false;
  }

  /** The refund not yet said, which the caller now says (the read that was to say it failed): then forgotten. */
  untoldRefund(): CheckoutError | null {
    const refunded = this.#refunded;
    this.#refunded = null;
    if (refunded) this.#forgetLeft();
    return refunded;
  }

  /**
   * The refund a Pay's question found is said: its payment is settled, and the next Pay names it no
   * more (nor asks, and says it, again), unless a newer one was left meanwhile.
   */
  #forgetLeft(): void {
    const left = this.#refundedLeft;
    this.#refundedLeft = null;
    if (left) this.#settled(left.checkoutId, left.id);
  }

  /** Payment `id` of `checkoutId`, left unfinished, is settled: forgotten, unless a newer one was left since (by another element of the page). */
  #settled(checkoutId: string, id: string): void {
    if (this.#said?.id === id) this.#said = null;
    if (this.#store.unfinished(checkoutId) === id) this.#store.leave(checkoutId, null);
  }

  /** The form, as read, saying a refund not said yet; in the state that replaces it when it cannot be shown. */
  #offerForm(): void {
    this.#host.showForm();
    const refunded = this.untoldRefund();
    if (!refunded) return;
    if (this.#host.phase.kind === 'ready') this.#settleFailure(refunded);
    else this.#host.fail(new CheckoutError(refunded.code, { detail: refunded.detail, reason: refunded.reason }));
  }

  /**
   * A refund a Pay's question found, kept in the tab with the payment it replaced and unsaid when the
   * page reloaded or left for the bank: held, to be said with this payment's end (its success or
   * not), and that payment then forgotten as in the page.
   */
  #found(checkoutId: string): void {
    const left = this.#store.left(checkoutId);
    if (typeof left?.refund !== 'string' || this.#refunded) return;
    this.#refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: refundReasonOf(left.refund) });
    this.#refundedLeft = { checkoutId, id: left.id };
  }

  /** A refund held (#hold) kept in the tab with its payment until said (untoldRefund forgets it): a reload or removal first still says it. */
  #keepUntilSaid(checkoutId: string, attempt: Attempt, refund: CheckoutError): void {
    const id = attempt.paymentIntentId;
    if (!id) return;
    this.#store.leave(checkoutId, id, attempt.request);
    this.#store.refundFound(checkoutId, id, refund.reason ?? '');
    this.#refundedLeft ??= { checkoutId, id };
  }

  /** Holds `refund` to be said: after the words of one already held (told to the page now), never instead of them. */
  #hold(refund: CheckoutError): void {
    const held = this.untoldRefund();
    if (held) this.#host.report(held);
    this.#refunded = this.#host.afterRefund(held, refund);
  }

  #unresolve(error: CheckoutError): void {
    this.#unresolved = true;
    this.#host.fail(error);
  }

  /** What finishing a kept payment (resume-attempt.ts, in the resume reader's chunk) needs of this controller. */
  #resumingPayer(): ResumingPayer {
    return {
      host: this.#host,
      store: this.#store,
      requests: { read: readCheckout, ...this.#requests },
      shared: { classify, storedAttemptRules, returnParams: RETURN_PARAMS, withoutReturnParams },
      generation: () => this.#generation,
      unread: (raw) => {
        this.#unread = raw;
      },
      adopt: (attempt) => {
        this.#attempt = attempt;
      },
      away: (handle) => {
        this.#away = handle;
      },
      unresolved: (error) => this.#unresolve(error),
      failed: (cause) => this.#settleFailure(typeof cause === 'string' ? new CheckoutError(cause, { recoverable: true }) : cause),
      offerForm: () => this.#offerForm(),
      paying: (note) => this.#paying(note),
      send: (attempt, checkout, generation, redirected) => this.#send(attempt, checkout, generation, redirected),
      succeed: (checkout, result, lines) => this.#succeed(checkout, result, lines),
      paidEarlier: (checkout, result) => this.#paidEarlier(checkout, result),
      settleLeft: (checkoutId, left, refund) => {
        // Out of the page a refund is said to nobody: that payment stays left, for whoever shows its checkout next to ask about and say (as #over keeps it).
        if (refund && !this.#host.connected) return;
        // Said once by this element, whichever of its questions or runs found it first.
        if (refund && !this.#endedIds.has(left)) this.#hold(refund);
        this.#endedIds.add(left);
        this.#settled(checkoutId, left);
      },
      leftAway: (checkout, left, result, refund) => {
        if (this.#host.element.checkoutId === checkout.id || this.#left(checkout.id) !== left) return;
        this.#forgetUnfinished(checkout.id);
        this.#endedAway(checkout, result, refund);
      },
      endedAway: (checkout, result, refund) => this.#endedAway(checkout, result, refund === 'payment_unconfirmed' ? new CheckoutError(refund, { recoverable: true }) : refund),
      redirectFailed: (paymentIntentId, cause) => {
        const checkoutId = this.#host.checkout!.id;
        // Refunded, it is settled: nothing is left for the next Pay to replace, nor to ask about (and
        // say) again, also when it was left before (said not finished after Back from the bank).
        if (paymentIntentId && cause.code !== 'payment_refunded') this.#store.leave(checkoutId, paymentIntentId);
        else if (paymentIntentId && this.#left(checkoutId) === paymentIntentId) this.#forgetUnfinished(checkoutId);
        this.#settleFailure(this.#redirectFailed(cause));
      },
    };
  }

  /**
   * A payment the bank was asked about ended unpaid: refused by the bank (its failed answer, a
   * declined challenge), or never answered there (`payment_not_finished`: finalize found it still
   * waiting, after a reload in the challenge or Back from the bank's page), which is said as it is,
   * as is a refund (the bank approved it, and it could not be used).
   */
  #redirectFailed(cause: CheckoutError): CheckoutError {
    return /^(payment_not_finished|payment_refunded)$/.test(cause.code)
      ? cause
      : new CheckoutError('authentication_failed', { detail: this.#host.t('pay.redirectFailed'), recoverable: true, cause });
  }

  /**
   * The payment is under way; `note` says so for a payment resumed or back from the bank, and
   * `paymentIntentId` that it waits for the bank's challenge (the page's `requires_action`).
   */
  #paying(note?: 'pay.resuming' | 'pay.redirectReturning', paymentIntentId?: string | null): void {
    this.#host.phase = { kind: 'paying', ...(note ? { note } : {}), ...(paymentIntentId ? { paymentIntentId } : {}) };
    this.#host.payError = null;
    // Put into words at render: a payment resumed at load may say so before the locale's catalog has come.
    this.#host.announce(() => this.#host.t(note ?? 'status.processing'));
  }

  async #start(
    payments: Fields,
    checkout: PublicCheckout,
    submission: Promise<{ error?: { message?: string } }>,
    step: PageStep | null,
    amountShown: number,
    pricesVersion: string | undefined,
    generation: number,
  ): Promise<void> {
    let submitted: { error?: { message?: string } };
    try {
      submitted = await submission;
    } catch (error) {
      submitted = { error: { message: error instanceof Error ? error.message : undefined } };
    }
    if (generation !== this.#generation) return;
    const [firstProblem] = this.#host.fieldProblems.keys();
    if (firstProblem || submitted.error) {
      this.#host.phase = { kind: 'ready' };
      this.#host.payError = this.#told();
      this.#host.announce(this.#host.t('error.validation_error'));
      this.#host.report(new CheckoutError('validation_error', { detail: submitted.error?.message ?? null, recoverable: true }));
      if (firstProblem) this.#host.focusWhenRendered(firstProblem);
      else void this.#host.element.updateComplete.then(() => payments.focus());
      return;
    }
    if (step) {
      const answer = await step;
      if (generation !== this.#generation) return;
      if (answer.stopped) {
        // Nothing was asked of Stripe or the server: the customer can do what the page asked, and pay.
        this.#settleFailure(new CheckoutError('stopped_by_page', { detail: answer.message, recoverable: true }));
        return;
      }
    }

    const returnUrl = returnUrlFor(location.href, checkout.successUrl, checkout.id);
    const known = checkout.customer ? { name: checkout.customer.name, email: checkout.customer.email } : null;
    let tokenResult;
    try {
      tokenResult = await payments.createToken(returnUrl, billingDetails(this.#host.customer, checkout.collect, known));
    } catch (error) {
      tokenResult = { error: { type: 'api_error', message: error instanceof Error ? error.message : undefined } };
    }
    if (generation !== this.#generation) return;
    if (tokenResult.error || !tokenResult.token) {
      const code = tokenResult.error?.type === 'card_error' ? 'card_declined' : 'validation_error';
      this.#settleFailure(new CheckoutError(code, { detail: tokenResult.error?.message ?? null, recoverable: true }));
      return;
    }
    // Checked again: another element may have started paying while the page's step or Stripe ran.
    if (this.#keptElsewhere(checkout.id)) return;
    const replacesPaymentIntentId = this.#left(checkout.id);
    this.#attempt = newAttempt({
      selections: this.#host.selections.map((selection) => ({ ...selection })),
      currency: this.#host.currency,
      customer: customerDetails(this.#host.customer, checkout.collect),
      confirmationToken: tokenResult.token.id,
      returnUrl,
      amountDue: amountShown,
      ...(pricesVersion ? { pricesVersion } : {}),
      ...(replacesPaymentIntentId ? { replacesPaymentIntentId } : {}),
    });
    // Kept before it is sent: a reload from now on resumes it with the same keys.
    this.#store.claim(this.#attempt);
    this.#store.save(checkout.id, this.#attempt);
    // Where the tab's storage refused it, the form now asks the customer to keep the page open, and a screen reader says so.
    if (this.unkept) this.#host.announce(() => this.#host.t('pay.keepOpen'));
    await this.#send(this.#attempt, checkout, generation);
  }

  /**
   * The tab keeps one payment of a checkout at a time, under its id. Another element of this page
   * paying this checkout keeps its own there: this one sends nothing (two payments, one order), and
   * the customer finishes in that one. One no element handles (its element was removed mid-payment)
   * may have been taken: it is finished here, as a reload would. True when something is kept.
   */
  #keptElsewhere(checkoutId: string): boolean {
    const raw = this.#store.raw(checkoutId);
    // Nothing, or what the session's read found kept and could not read (another version's), stale or said: paid over.
    if (!raw || raw === this.#unread) return false;
    if (this.#store.paying(checkoutId)) this.#settleFailure(new CheckoutError('payment_in_progress', { recoverable: true }));
    else this.#host.load();
    return true;
  }

  /**
   * Sends `attempt` from its stage and acts on the outcome. `redirected`: the payment a bank's
   * redirect came back for; a failure then says the bank did not approve it.
   */
  async #send(attempt: Attempt, checkout: PublicCheckout, generation: number, redirected?: string): Promise<void> {
    const requests = this.#requests;
    const { apiBase } = this.#host.session;
    // What this attempt buys, kept for a payment settled after the element has moved on: its
    // summary only when the form shows its order (not the checkout's defaults, shown for a kept
    // attempt whose order no longer resolves).
    const { customer } = this.#host;
    const summary = this.#shows(attempt.request) ? this.#host.summary : null;
    const run = { checkoutId: checkout.id, generation };
    this.#sending.set(attempt, run);
    const outcome = await sendAttempt(attempt, {
      complete: (request, key) => requests.complete(apiBase, checkout.id, request, key),
      finalize: (paymentIntentId, key) => requests.finalize(apiBase, checkout.id, paymentIntentId, key),
      // Stripe.js may still be loading after a reload: the bank's step waits for it. Without it,
      // an error that is no card error: finalize says how the payment ended.
      handleNextAction: async (clientSecret) => {
        const fields = await this.#host.payments.whenReady();
        return fields ? fields.handleNextAction(clientSecret) : { error: {} };
      },
      wanted: () => run.generation === this.#generation,
      refunded: (error) => {
        // Said with this Pay's end; once nobody shows it, where the element is now, as settledRefused.
        if (run.generation === this.#generation) this.#hold(error);
        else this.#sayAway(error);
        const id = attempt.request.replacesPaymentIntentId!;
        this.#refundedLeft = { checkoutId: checkout.id, id };
        if (!this.#refunded) this.#forgetLeft();
        else this.#store.refundFound(checkout.id, id, error.reason ?? '');
      },
      progressed: (progressed) => {
        this.#store.save(checkout.id, progressed, true);
        if (run.generation !== this.#generation) return;
        const paymentIntentId = progressed.stage === 'complete' ? progressed.paymentIntentId : null;
        this.#host.phase = paymentIntentId ? { kind: 'paying', paymentIntentId } : { kind: 'paying' };
        this.#host.element.requestUpdate();
      },
    });
    // The same attempt may be sent again while this run waits (restored() after Back).
    if (this.#sending.get(attempt) === run) this.#sending.delete(attempt);
    // Whether the tab still kept it: else another element of the page took it over, finished it and said how it ended.
    const keptHere = this.#store.keeps(checkout.id, attempt);
    // Settled one way or the other, except an answer lost (resent as it was) or never heard.
    if (outcome.kind !== 'unknown' && outcome.kind !== 'abandoned') {
      this.#store.clear(checkout.id, attempt);
      this.#store.release(attempt);
    } else if (this.#attempt !== attempt) {
      // Still kept, its outcome unknown, and this element has moved on (reset() found it on its
      // way): another load may take it over, as reset() lets it when nothing is on its way.
      this.#store.release(attempt);
    }
    // Its end answered another run of the same attempt first (restored() while its challenge stayed open): told once.
    if ('result' in outcome || ('error' in outcome && /^(payment_refunded|order_deleted)$/.test(outcome.error.code))) {
      const id = attempt.paymentIntentId;
      const endedHere = this.#ended.has(attempt) || (!!id && this.#endedIds.has(id));
      if (outcome.kind.startsWith('settled') && endedHere) return;
      // This run is the one the form waits for (restored() after Back, or the checkout shown again),
      // and another run of it answered first, holding its refund to say where it ends: this run says it, once.
      if (endedHere && this.#refundedLeft?.id === id) this.untoldRefund();
      this.#ended.add(attempt);
      if (id) this.#endedIds.add(id);
    }
    // A refund a Pay's question found, kept in the tab with the payment it replaced: held now, to be
    // said with this end, also when it is another checkout's (over the page's own form, before #unpaid
    // leaves this payment in its place).
    if (outcome.kind === 'closed' || outcome.kind === 'failed') this.#found(checkout.id);
    if (this.#away?.(outcome, redirected)) {
      // Another checkout's payment, said over this one's form: kept for whoever shows that checkout, as below.
      if (outcome.kind === 'failed') this.#unpaid(checkout, attempt, outcome, redirected, keptHere);
      return;
    }
    switch (outcome.kind) {
      case 'abandoned':
        return;
      case 'settled': {
        const { phase } = this.#host;
        // Shown already (another run of the same attempt answered first): told once.
        if (phase.kind === 'succeeded' && phase.detail.orderId === outcome.result.orderId) return;
        // Paid for the checkout this form shows, with no other payment of it under way here: one
        // given up as unfinished that went through after all (a challenge still open when Back
        // restored the page, answered after finalize found it waiting), or this very attempt,
        // waiting for Try again or sent again. The buyer paid: their success, and the other
        // run's answer, when it comes, is this one's.
        if (this.#host.checkout?.id === checkout.id && (this.#attempt === attempt || (phase.kind === 'ready' && !this.#attempt))) {
          this.#generation += 1;
          this.#paid(attempt, checkout, outcome.result, summary);
          return;
        }
        this.#store.leave(checkout.id, null);
        // Paid for a checkout this element no longer shows (its id changed, or it was put back
        // after the page moved on): the page still learns of it; nothing here navigates. Answered
        // with the payment it replaced, it bought that payment's order, which is not shown: no lines.
        this.#tellComplete(completeDetail(checkout, this.#replayed(attempt, outcome.result) ? null : summary, customer, outcome.result, false));
        return;
      }
      case 'settledRefused': {
        // Refunded (or its order deleted) after the page moved on to another checkout: said once,
        // over that checkout's form when it shows one now (beside a lost answer's words), in the
        // state that replaced it (a failure, a success the page kept on screen), else when one is
        // shown (resume, fail, or the end of the payment under way).
        const held = this.#sayAway(outcome.error);
        const id = attempt.paymentIntentId;
        // Held: kept in the tab with its payment until said, as a reload may come first (and
        // whatever shows that checkout next says it, or asks about that payment).
        if (held && id && outcome.error.code === 'payment_refunded') {
          this.#keepUntilSaid(checkout.id, attempt, outcome.error);
        } else {
          this.#store.leave(checkout.id, null);
          // Said not finished before (restored() after Back asked while its challenge was open): said over now, no Pay asks about it.
          if (this.#said?.id === id) this.#said = null;
        }
        return;
      }
      case 'succeeded':
        this.#paid(attempt, checkout, outcome.result, summary);
        return;
      case 'unknown':
        // The attempt is kept: the button resends it as it was.
        this.#host.phase = { kind: 'ready' };
        this.#host.payError = this.#host.afterRefund(this.#told(), outcome.error);
        this.#host.announce('');
        this.#host.report(outcome.error);
        // Its button, disabled while paying, lost the focus: it takes it back, now saying Try again.
        this.#host.focusWhenRendered('pay');
        return;
      case 'closed':
        this.#attempt = null;
        // Nothing more can be paid here: a payment left unfinished is over too (in the page: see #succeed).
        this.#over(checkout, attempt, keptHere);
        this.#host.fail(outcome.error);
        return;
      case 'failed':
        this.#unpaid(checkout, attempt, outcome, redirected, keptHere);
        if (outcome.error.code === 'amount_changed' && !this.#requote(outcome.error, attempt.request.amountDue)) return;
        // Refunded, its checkout still open: read again (the price may have moved), then said.
        if (outcome.error.code === 'payment_refunded') {
          this.#attempt = null;
          this.#hold(outcome.error);
          // Kept in the tab with its payment until said, as the element may be removed, or the page
          // reloaded, before that read answers: whoever shows the checkout next asks, and says it.
          if (this.#host.connected) this.#keepUntilSaid(checkout.id, attempt, outcome.error);
          this.#host.load();
          return;
        }
        // A kept attempt can end on a checkout that is no longer open (a reload after it closed).
        if (checkout.status !== 'active') {
          this.#attempt = null;
          // Its payment not kept (refunded, or never taken) is said with the end, as a refund is.
          if (outcome.error.code === 'payment_not_kept') this.#hold(outcome.error);
          this.#host.fail(new CheckoutError(checkout.status));
          return;
        }
        this.#settleFailure(redirected ? this.#redirectFailed(outcome.error) : outcome.error);
    }
  }

  /**
   * The server priced the order differently (time passed, or the page's clock was off): price it
   * again by the server's time and show the new amount for the customer to confirm with Pay,
   * keeping what they typed. When the prices still disagree (the subscription itself changed),
   * the session is read again. False when it was. When the server's amount is the one `sent`, the
   * clock changed nothing: the merchant edited the prices the customer was shown (`prices_version`:
   * a downgrade costs 0 today at any price). The session is read again under the form, and its
   * new prices (and a new quote) shown for the customer to review and pay.
   */
  #requote(error: CheckoutError, sent: number): boolean {
    // Refused, nothing charged: what is due is no longer the amount it sent, whichever way this ends.
    this.#attempt = null;
    this.#host.session.setServerTime(error.quote?.serverTime);
    if (error.quote?.amountDue === sent) {
      this.#host.phase = { kind: 'ready' };
      this.#host.reread();
      return true;
    }
    const before = JSON.stringify(this.#host.choices.order());
    const repriced = this.#host.choices.reprice();
    // With tax, the server's quote says the amount: ask for it again, and Pay waits for it.
    const requoted = repriced && this.#host.tax.quote.status !== 'none';
    if (requoted) this.#host.tax.retry();
    if (requoted || (repriced && this.#host.summary?.amountDueToday === error.quote?.amountDue)) {
      // The page learns of the new amount as after a read again: paid-checkout-change.
      this.#host.choices.tell(before);
      return true;
    }
    this.#host.load();
    return false;
  }

  /** `attempt` paid for the checkout this form shows: its success. `summary`: what the form showed when it was sent. */
  #paid(attempt: Attempt, checkout: PublicCheckout, result: PaymentSucceeded, summary: PayingHost['summary']): void {
    this.#attempt = null;
    // Answered with the payment it replaced (the bank had confirmed it after all): that
    // payment's order is shown and told, never this attempt's lines beside its order id (nor the
    // checkout's defaults, shown when that order no longer resolves: the catalogue changed since).
    if (this.#replayed(attempt, result)) return this.#paidEarlier(checkout, result);
    // The form's lines only when it showed this order when it was sent and shows it still.
    this.#succeed(checkout, result, summary && this.#shows(attempt.request) ? undefined : null);
  }

  /** The payment left unfinished went through after all: its success, showing the order it bought when that still resolves. */
  #paidEarlier(checkout: PublicCheckout, result: PaymentSucceeded): void {
    const order = this.#store.left(checkout.id)?.order;
    this.#succeed(checkout, result, order && this.#host.restoreOrder(order) && this.#shows(order) ? undefined : null, true);
  }

  /** A payment of a checkout no longer shown ended, as #send's settled and settledRefused say it: what it bought is not known here. */
  #endedAway(checkout: PublicCheckout, result: PaymentSucceeded | null, refund: CheckoutError | null): void {
    if (refund) this.#sayAway(refund);
    if (result) this.#tellComplete(completeDetail(checkout, null, { name: '', email: '' }, result, false));
  }

  /** `paid-checkout-complete` for an order not told before; false when the page cancelled it. */
  #tellComplete(detail: PaidCheckoutCompleteDetail, cancelable = false): boolean {
    if (this.#toldOrders.has(detail.orderId)) return true;
    this.#toldOrders.add(detail.orderId);
    return emit(this.#host.element, 'paid-checkout-complete', detail, { cancelable });
  }

  /**
   * A refund of a payment nobody shows any more, said where the element is now (settledRefused's
   * comment). True when it is only held, to be said when what is under way here ends.
   */
  #sayAway(refund: CheckoutError): boolean {
    const { phase } = this.#host;
    if (phase.kind === 'ready' && !this.#attempt) this.#settleFailure(refund);
    else if (phase.kind === 'failed' || phase.kind === 'succeeded') this.#sayOver(phase, refund);
    else if (phase.kind !== 'ready') return this.#hold(refund), true;
    else {
      // A form whose payment's answer was lost: said before those words, its Try again kept.
      this.#host.report(refund);
      this.#host.payError = this.#host.payError ? this.#host.afterRefund(refund, this.#host.payError) : refund;
      this.#host.announce('');
    }
    return false;
  }

  /** A refund of a checkout no longer shown, said in the state the element shows now (a failure, a success), after its words. */
  #sayOver(phase: Extract<Phase, { kind: 'failed' | 'succeeded' }>, refund: CheckoutError): void {
    const error = phase.error ? this.#host.afterRefund(refund, phase.error) : refund;
    this.#host.report(refund);
    this.#host.phase = { ...phase, error };
    // A success's alert says it; a failed state's words are announced, as fail() does.
    this.#host.announce(phase.kind === 'failed' ? (error.detail ?? '') : '');
    this.#host.element.requestUpdate();
  }

  /** A definite failure: nothing was charged, the customer can change something and pay again. */
  #settleFailure(error: CheckoutError): void {
    this.#attempt = null;
    this.#host.phase = { kind: 'ready' };
    const told = this.#told();
    this.#host.report(error);
    const refused = error.code === 'validation_error' ? problemFromServer(error.field) : null;
    if (refused && this.#host.collectFields.includes(refused.field)) {
      // The server refused one of the customer's own fields: say so under it, and go there.
      this.#host.fieldProblems = new Map([...this.#host.fieldProblems, [refused.field, refused.problem]]);
      this.#host.payError = told;
      this.#host.announce(this.#host.t('error.validation_error'));
      this.#host.focusWhenRendered(refused.field);
      return;
    }
    this.#host.payError = this.#host.afterRefund(told, error);
    this.#host.announce('');
    if (/^(card_declined|authentication_failed|payment_not_finished)$/.test(error.code)) this.#host.payments.fields?.focus();
    // Else the pay button, disabled while paying, takes back the focus it lost.
    else this.#host.focusWhenRendered('pay');
  }

  /**
   * `attempt` of `checkout` ended unpaid (`redirected`: the bank's redirect came back for it). Kept for
   * the page, by checkout: another element's next Pay for it names it too. A refunded payment is
   * settled: nothing is left to replace (in the page: see #succeed).
   */
  #unpaid(checkout: PublicCheckout, attempt: Attempt, outcome: Extract<AttemptOutcome, { kind: 'failed' }>, redirected: string | undefined, keptHere: boolean): void {
    if (outcome.error.code === 'payment_refunded') {
      this.#over(checkout, attempt, keptHere);
    } else if (outcome.unfinishedPaymentIntentId || redirected) {
      this.#said = { checkoutId: checkout.id, id: (redirected ?? outcome.unfinishedPaymentIntentId)! };
      this.#store.leave(checkout.id, this.#said.id, attempt.request);
    }
  }

  /**
   * `attempt` of `checkout` ended for good (refunded, or its checkout closed): in the page, said here,
   * and nothing is left for a later Pay to name. Out of it (see #succeed), nobody was told: its
   * payment is kept as left unfinished, so that whoever shows the checkout next asks how it ended
   * and says so (a refund: at the next Pay, or before the checkout's end is shown); unless the tab no
   * longer kept it (`keptHere` false): another element took it over, and said it.
   */
  #over(checkout: PublicCheckout, attempt: Attempt, keptHere: boolean): void {
    if (this.#host.connected) this.#store.leave(checkout.id, null);
    else if (attempt.paymentIntentId && keptHere) this.#store.leave(checkout.id, attempt.paymentIntentId, attempt.request);
  }

  /**
   * A payment ended without a read again (succeeded, or gave the form back): a refund held while
   * it was under way (settledRefused) is told now, once, and said where it ended. Null when none was.
   */
  #told(): CheckoutError | null {
    const refunded = this.untoldRefund();
    if (refunded) this.#host.report(refunded);
    return refunded;
  }

  /** Whether `result` is the payment `attempt` replaced, not its own: that payment's order, not this attempt's. */
  #replayed(attempt: Attempt, result: PaymentSucceeded): boolean {
    return !!attempt.request.replacesPaymentIntentId && result.paymentIntent?.id === attempt.request.replacesPaymentIntentId;
  }

  /**
   * Whether the form shows the order `request` buys: a kept attempt resumed over the checkout's
   * defaults (its order no longer resolves: the catalogue changed before the reload) does not.
   */
  #shows(request: Pick<Attempt['request'], 'selections' | 'currency'>): boolean {
    // Both are copies of the form's selections (kept as JSON): their keys come in the same order.
    return JSON.stringify([request.selections, request.currency]) === JSON.stringify([this.#host.selections, this.#host.currency]);
  }

  /**
   * `lines`: null when what the order bought is not known here (the detail then names none), as
   * when no summary is shown: a payment taken is shown, told and left for, whatever else is known.
   */
  #succeed(checkout: PublicCheckout, result: PaymentSucceeded, lines?: null, earlier = false): void {
    this.#found(checkout.id);
    // Paid: nothing of this checkout is left unfinished for a later Pay to name. Out of the page, this
    // end (as a refund's, or its checkout's closing) is shown to nobody: another element may have
    // taken the payment over and said it was not finished (its challenge still open here), and that
    // one's next Pay must ask how it ended, and say it, not charge again. (In the page, one that
    // said so beside it still asks: #said.)
    this.#said = null;
    if (this.#host.connected) this.#store.leave(checkout.id, null);
    this.#host.session.stop();
    this.#host.tax.stop();
    const summary = lines === null ? null : this.#host.summary;
    this.#host.payments.stop();
    // Another checkout's refund that answered while this payment was under way: said on its success.
    const refunded = this.#told();
    // Leaving at once would take the refund's (or the earlier payment's) words away before the
    // customer has read them: the success stays, and its link leaves. So does a success answered
    // while the element is out of the page, which cannot navigate: put back, its link leaves.
    // An order the page was told of already is not told again: without its event, it does not leave by itself either.
    const detail = completeDetail(checkout, summary, this.#host.customer, result, !refunded && !earlier && this.#host.connected && !this.#toldOrders.has(result.orderId));
    this.#host.phase = { kind: 'succeeded', detail, navigating: false, held: false, error: refunded, earlier };
    // A screen reader hears that nothing more was charged, as a sighted customer reads it.
    this.#host.announce(() => this.#host.t('status.succeeded') + (earlier ? ` ${this.#host.t('success.earlier')}` : ''));
    this.#host.focusWhenRendered('view');
    if (!this.#tellComplete(detail, true)) return;
    if (!detail.redirectUrl) {
      const error = new CheckoutError('unsafe_url');
      this.#host.phase = { ...this.#host.phase, error: this.#host.afterRefund(refunded, error) };
      this.#host.element.requestUpdate();
      this.#host.report(error);
      return;
    }
    if (detail.navigates) {
      this.leave();
    } else {
      this.#host.phase = { ...this.#host.phase, held: true };
      this.#host.element.requestUpdate();
    }
  }

  /** A success leaves for its URL, once: it then says so (the held success's link, or at once). */
  leave(): void {
    const { phase } = this.#host;
    if (phase.kind !== 'succeeded' || phase.navigating || !phase.detail.redirectUrl) return;
    this.#host.phase = { ...phase, held: false, navigating: true };
    this.#host.element.requestUpdate();
    // Its link, followed, goes with the focus it had: the success takes it, and says where it goes.
    if (phase.held) {
      this.#host.announce(() => this.#host.t('success.redirecting'));
      this.#host.focusWhenRendered('view');
    }
    this.#host.navigate(phase.detail.redirectUrl);
  }
}

type ResumeReader = typeof import('./resume-reader.ts');

/** The resume reader's chunk, fetched once a page (again, under a fresh URL, after it failed). */
const loadResumeReader = lazyChunk<ResumeReader>('checkout/resume-reader.ts', () => import('./resume-reader.ts'));
