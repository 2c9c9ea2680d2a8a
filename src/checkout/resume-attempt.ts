// Finishing a payment this tab left under way (a reload, a restored tab, a bank's redirect coming
// back to this page) instead of offering to pay again, also when the page now shows another
// checkout than the one paid (a page that creates a checkout per load): that checkout is read and
// shown while its payment is finished. In the resume reader's chunk: most pages have nothing to
// finish, and never load it. The pay-attempt controller (pay-attempt-controller.ts) runs it with
// what it needs of the controller (`ResumingPayer`), once the chunk has come.
import type { finalizeCheckout, readCheckout } from '../api/client.ts';
import type { PublicCheckout } from '../api/schemas.ts';
import type { PaymentSucceeded } from '../api/wire.ts';
import type { CheckoutError } from '../errors.ts';
import type { ReturnParams, withoutReturnParams } from '../url.ts';
import type { Attempt, AttemptOutcome, classify } from './attempt.ts';
import type { AttemptStore } from './attempt-store.ts';
import { askAtLoad } from './ask-left.ts';
import { redirectReturnOf, type RedirectReturn } from './redirect-return.ts';
import type { SessionReading, SideRead } from './session-controller.ts';
import type { Phase } from './state.ts';
import { attemptMadeOn, isForeignAttempt, mayBeUnderWay, parseStoredAttempt, type StoredAttemptRules } from './stored-attempt.ts';

/** What finishing a kept payment reads and does of the pay-attempt controller. */
export interface ResumingPayer {
  readonly host: {
    readonly phase: Phase;
    /** The checkout shown: another one's while its payment made on this page is finished. */
    checkout: PublicCheckout | null;
    /** How the element reads a session (its retries, its clock hook); another checkout's too, beside its own (`sideRead`: cut short as its own read is). */
    readonly session: { readonly apiBase: string; readonly options: SessionReading; sideRead(): SideRead };
    /** Its `checkout-id` names the checkout it shows, or is loading. */
    readonly element: HTMLElement & { readonly checkoutId?: string | null };
    readonly payments: { stop(): void };
    readonly tax: { retry(): void };
    /** Shows the order a kept attempt buys (the checkout's defaults without one); false when it cannot be priced. */
    restoreOrder(request: Attempt['request'] | null): boolean;
    /** Stripe's fields load (its bank may ask again) and the expiry is watched. */
    resuming(): void;
    showForm(): void;
    fail(error: CheckoutError): void;
  };
  readonly store: AttemptStore;
  readonly requests: { finalize: typeof finalizeCheckout; read: typeof readCheckout };
  /**
   * What this chunk shares with the checkout chunk, passed in (resume-reader.ts says why): how a
   * failed request ends (attempt.ts), what a kept attempt must be (attempt-store.ts), and a bank's
   * return's parameters, and the address without them (url.ts).
   */
  readonly shared: { classify: typeof classify; storedAttemptRules: StoredAttemptRules; returnParams: ReturnParams; withoutReturnParams: typeof withoutReturnParams };
  /** Counts resets: an answer for an attempt started before the last one is dropped. */
  generation(): number;
  /** What the tab keeps for the checkout shown that this element cannot read, stale or said over the form: its Pay pays over it, not reading the session again for it. */
  unread(raw: string): void;
  /** `attempt` is the one under way: the form is locked until it is settled (null: none is). */
  adopt(attempt: Attempt | null): void;
  /** While another checkout's attempt is sent: `handle` decides what its outcomes show (true: handled); null: this checkout's again. */
  away(handle: ((outcome: AttemptOutcome, redirected?: string) => boolean) | null): void;
  /** The payment is under way, and `note` says how. */
  paying(note: 'pay.resuming' | 'pay.redirectReturning'): void;
  /** Sends `attempt` from its stage and acts on the outcome; `redirected`: the payment a bank's redirect came back for. */
  send(attempt: Attempt, checkout: PublicCheckout, generation: number, redirected?: string): Promise<void>;
  /** `lines`: null when what the payment bought is not known here (no kept attempt): the detail names none. */
  succeed(checkout: PublicCheckout, result: PaymentSucceeded, lines?: null): void;
  /** The payment this tab left unfinished (the customer was told nothing was charged) went through after all: its success, with the order it bought. */
  paidEarlier(checkout: PublicCheckout, result: PaymentSucceeded): void;
  /**
   * `left`, a payment of `checkoutId` left unfinished, is over: forgotten (not a newer one left
   * since); `refund`: it was taken and refunded, said with what is shown next, once by this element
   * (in the page: out of it, nobody would hear it, and the payment stays left for the next load).
   */
  settleLeft(checkoutId: string, left: string, refund: CheckoutError | null): void;
  /**
   * `left`, a payment of `checkout` asked about before its end was shown, ended after the element
   * moved on to another checkout: its success (`result`) is told to the page, its refund said over
   * what is shown now, and it is forgotten. Nothing, when the element shows that checkout again (that
   * load asks about it itself).
   */
  leftAway(checkout: PublicCheckout, left: string, result: PaymentSucceeded | null, refund: CheckoutError | null): void;
  /** A payment of `checkout`, which the element no longer shows, ended: its success (`result`) is told to the page, its refund said over what is shown now. */
  endedAway(checkout: PublicCheckout, result: PaymentSucceeded | null, refund: CheckoutError | 'payment_unconfirmed' | null): void;
  /** Says over the form why the last payment did not go through: `cause`, or the words of a code. */
  failed(cause: CheckoutError | 'payment_unconfirmed'): void;
  /** The checkout's form, as read (its end when it is no longer open), saying a refund held meanwhile. */
  offerForm(): void;
  /** A payment that may have been taken could not be looked up (`error`): no form, and the state says it may be pending. */
  unresolved(error: CheckoutError): void;
  /** The bank did not approve the redirect's payment: the customer's next Pay replaces it (null: another checkout's, replaced by nothing). */
  redirectFailed(paymentIntentId: string | null, cause: CheckoutError): void;
}

/** What the form says once an unfinished payment of another checkout is over: a cause, a code's words, the bank's refusal. */
type Notice = CheckoutError | 'payment_unconfirmed' | { refused: CheckoutError } | null;

/**
 * Redirects back whose payment an element of this page is finishing: one finalize each, one
 * success. Each names its element and its run: the same element finishing it again (its session
 * read again meanwhile, `checkout-id` changed and back) takes it over from its own earlier run.
 */
const finishing = new Map<string, { element: HTMLElement; run: object }>();

/** Whether another element of this page is finishing the return of `paymentIntentId`. */
const finishedElsewhere = (paymentIntentId: string, element: HTMLElement) => (finishing.get(paymentIntentId)?.element ?? element) !== element;

/** Takes the return of `paymentIntentId` for a run of `element`; what it gives back lets go of it, unless a later run took it. */
function take(paymentIntentId: string, element: HTMLElement): () => void {
  const run = {};
  finishing.set(paymentIntentId, { element, run });
  return () => {
    if (finishing.get(paymentIntentId)?.run === run) finishing.delete(paymentIntentId);
  };
}

/**
 * Finishes what this tab kept for `checkout` (`raw`, from its attempt store), or a bank's redirect
 * back; else another checkout's payment made on this page (the return names it, or this tab kept
 * it); else shows the form, asking first about `left`, a payment of `checkout` left unfinished
 * (its bank may have approved it since the customer was told nothing was charged).
 */
export function resumeAttempt(payer: ResumingPayer, checkout: PublicCheckout, raw: string | null, left: string | null): void {
  const { host, store } = payer;
  // What this tab keeps for this checkout that this element cannot read: nothing it could have
  // written (not JSON, another checkout's) is dropped; another version's, or a malformed or stale
  // one, is left as it is (it may be a payment taken), and this element's Pay goes on over it: a
  // stale one's at once; one that may be a payment under way or taken (a newer element's in this
  // tab) only once its form has said so (`unsaid` until then: a Pay reads the session again).
  let unsaid: string | null = null;
  if (raw && !parseStoredAttempt(raw, checkout.id, store.now(), payer.shared.storedAttemptRules)) {
    if (isForeignAttempt(raw, checkout.id)) store.clear(checkout.id);
    else if (mayBeUnderWay(raw, store.now())) unsaid = raw;
    else payer.unread(raw);
  }
  const mine = keptFor(payer, checkout.id, raw);
  let back = redirectReturnOf(location.search, payer.shared.returnParams);
  // A return made before it named its checkout (an earlier version's return_url): the checkout this
  // tab kept its payment for names it, so that only that checkout's element finishes it (another
  // element's finalize would not know it, and warn of a payment that is being finished).
  if (back && !back.checkoutId) {
    const owner = store.kept().find((id) => parseStoredAttempt(store.raw(id), id, store.now(), payer.shared.storedAttemptRules)?.paymentIntentId === back!.paymentIntentId);
    if (owner) back = { ...back, checkoutId: owner };
  }
  const ownBack = back && (back.checkoutId ?? checkout.id) === checkout.id ? back : null;
  if (ownBack || mine) return finish(payer, checkout, ownBack, mine, null);
  // Another checkout's payment made on this page: the return names it, else this tab kept one.
  const other = back
    ? { checkoutId: back.checkoutId!, attempt: keptFor(payer, back.checkoutId!, store.raw(back.checkoutId!)) }
    : attemptMadeOn(location.href, store.kept().map((id) => [id, store.raw(id)] as const), store.now(), payer.shared.storedAttemptRules, (kept) => store.handles(kept));
  // Nothing, or that checkout's own element is on this page: it finishes it. A return naming another
  // checkout that this tab kept nothing of is not finished here: anyone can write one (a return of
  // a checkout they paid, on this API, for any merchant), and finishing it would show that checkout
  // paid and send the customer to its successUrl. Its order was made when the bank confirmed it:
  // its parameters leave the address bar, and one the bank approved is said as one that may be paid.
  const shown = other && shownHere(host.element, other.checkoutId);
  if (!other || shown || !other.attempt) {
    // Not kept at all (kept, it is another element's of this page to finish, with its parameters).
    const unkept = !shown && !!back && !parseStoredAttempt(store.raw(back.checkoutId!), back.checkoutId!, store.now(), payer.shared.storedAttemptRules);
    if (unkept) forgetRedirect(payer);
    const unconfirmed = !!unsaid || (unkept && back!.status === 'succeeded');
    if (left && !unconfirmed) return askAtLoad(payer, checkout, left);
    host.showForm();
    if (host.phase.kind === 'ready' && unconfirmed) {
      if (unsaid) payer.unread(unsaid);
      payer.failed('payment_unconfirmed');
    }
    return;
  }
  finishAway(payer, checkout, other.checkoutId, back, other.attempt);
}

/** The attempt this tab kept for `checkoutId`, unless an element of this page is handling it. */
function keptFor(payer: ResumingPayer, checkoutId: string, raw: string | null): Attempt | null {
  const kept = parseStoredAttempt(raw, checkoutId, payer.store.now(), payer.shared.storedAttemptRules);
  return kept && !payer.store.handles(kept) ? kept : null;
}

/** Whether another element of this page shows `checkoutId` (its payment is that element's to finish). */
function shownHere(element: HTMLElement, checkoutId: string): boolean {
  return [...(globalThis.document?.querySelectorAll(element.localName) ?? [])].some((other) => other !== element && (other as HTMLElement & { checkoutId?: unknown }).checkoutId === checkoutId);
}

/** A bank's return for `checkout` whose payment is `stored`'s (or nothing was kept), or `stored` alone. */
function finish(payer: ResumingPayer, checkout: PublicCheckout, back: RedirectReturn | null, stored: Attempt | null, away: Away | null): void {
  if (back && (!stored || stored.paymentIntentId === back.paymentIntentId)) return finishRedirect(payer, checkout, back, stored, away);
  if (!stored || !payer.host.restoreOrder(stored.request)) return;
  payer.store.claim(stored);
  payer.adopt(stored);
  payer.paying('pay.resuming');
  payer.host.resuming();
  // The bank had been asked and the page was left before it answered here (a reload in the
  // challenge, or Back from a bank's page): finalize says how it ended, and one not finished is
  // replaced by the customer's next Pay, instead of sending them back to the bank.
  const asked = stored.stage === 'complete' ? stored.paymentIntentId : null;
  if (asked) stored.stage = 'finalize';
  void payer.send(stored, checkout, payer.generation(), asked ?? undefined);
}

/**
 * Another checkout's payment made on this page (`checkoutId`), whose attempt this tab kept
 * (`stored`; a bank's return may name it too). That checkout is read and shown while its payment
 * is finished, as a payment of the page's own checkout would be (its success screen, its
 * paid-checkout-complete, its successUrl). Once it is known not to have been paid (the bank refused it, a decline, that
 * checkout closed before it was charged), the page's own checkout's form is shown, saying why.
 */
function finishAway(payer: ResumingPayer, own: PublicCheckout, checkoutId: string, back: RedirectReturn | null, stored: Attempt): void {
  const { host, store } = payer;
  const generation = payer.generation();
  // Taken before the read: a second element of this page does not take it too.
  store.claim(stored);
  // Once it is over here, or is to be taken again (a Try again that reads the sessions again).
  const letGo = () => store.release(stored);
  const side = host.session.sideRead();
  // Cut short (the element removed, or reading another session): the session is read again, and this with it.
  const dropped = () => side.signal.aborted || generation !== payer.generation();
  payer.requests.read(host.session.apiBase, checkoutId, { signal: side.signal, retryDelays: host.session.options.retryDelays(), now: host.session.options.now }).then(
    ({ body: checkout }) => {
      side.done();
      if (dropped()) return letGo();
      host.checkout = checkout;
      // Its attempt sent: a failure, or that checkout closed before it was paid, is the page's own form again.
      payer.away((outcome, redirected) => {
        if (outcome.kind === 'closed') goHome(payer, own, takenNotice(outcome.error));
        else if (outcome.kind === 'failed') goHome(payer, own, redirected ? { refused: outcome.error } : outcome.error);
        else return false;
        return true;
      });
      finish(payer, checkout, back, stored, { home: own, letGo });
    },
    (caught: unknown) => {
      side.done();
      letGo();
      if (dropped()) return;
      const outcome = payer.shared.classify(caught);
      // Whether it went through is unknown: what is kept stays, and Try again (or a reload) reads it again.
      if (outcome.kind === 'unknown') return payer.unresolved(outcome.error);
      // That checkout cannot be read: its payment cannot be looked up from here.
      store.clear(checkoutId);
      if (back) forgetRedirect(payer);
      goHome(payer, own, 'payment_unconfirmed');
    },
  );
}

/**
 * What the page's own form says of another checkout's payment that closed: a payment that was taken
 * (refunded as its checkout ended, or its order since deleted by the merchant), or may have been
 * (not kept: its token sent again, its payment had failed or was refunded), is told; a checkout
 * that closed before anything was charged, nothing.
 */
export function takenNotice(error: CheckoutError): CheckoutError | null {
  return /^(payment_refunded|order_deleted|payment_not_kept)$/.test(error.code) ? error : null;
}

/** Another checkout's payment being finished: the page's own checkout, and what ends the claim on it. */
interface Away {
  home: PublicCheckout;
  letGo(): void;
}

/**
 * The page's own checkout again, once another one's payment made on this page is known not to
 * have been made: its form, as read, saying why with `notice`.
 */
function goHome(payer: ResumingPayer, own: PublicCheckout, notice: Notice): void {
  const { host } = payer;
  payer.away(null);
  payer.adopt(null);
  // Stripe's fields were mounted for the other checkout: kept only when it pays through the same account.
  if (JSON.stringify(host.checkout?.payments) !== JSON.stringify(own.payments)) host.payments.stop();
  host.checkout = own;
  host.showForm();
  if (host.phase.kind !== 'ready') {
    // The page's own checkout ended too: a payment taken (refunded), or maybe taken, is said with its end all the same.
    const taken = notice === 'payment_unconfirmed' ? notice : notice && takenNotice('refused' in notice ? notice.refused : notice);
    if (taken) payer.endedAway(own, null, taken);
    return;
  }
  // A quote asked for the other checkout's order is not this one's.
  host.tax.retry();
  if (!notice) return;
  if (typeof notice === 'object' && 'refused' in notice) payer.redirectFailed(null, notice.refused);
  else payer.failed(notice);
}

/**
 * A redirect came back: finalize names its payment (the bank has answered, and only the server
 * knows how). With this tab's attempt for it, as any resumed attempt; without one (storage
 * unavailable, another tab), once, and only for the page's own checkout. `away`: `checkout` is
 * another one than the page's own, whose attempt this tab kept.
 */
function finishRedirect(payer: ResumingPayer, checkout: PublicCheckout, back: RedirectReturn, stored: Attempt | null, away: Away | null): void {
  const { host, store } = payer;
  const generation = payer.generation();
  const returned = back.paymentIntentId;
  // Another element of this page for the same checkout is finishing it (a page laid out twice): it
  // shows the success and leaves; this one's form sends nothing while that payment is kept. (One
  // finishing another checkout's return claimed its kept attempt in finishAway.)
  if (!away && finishedElsewhere(returned, host.element)) return host.showForm();
  if (!host.restoreOrder(stored?.request ?? null)) return;
  payer.paying('pay.redirectReturning');
  host.resuming();
  const letGo = away ? away.letGo : take(returned, host.element);
  if (stored) {
    stored.stage = 'finalize';
    store.claim(stored);
    store.save(checkout.id, stored);
    payer.adopt(stored);
    forgetRedirect(payer);
    void payer.send(stored, checkout, generation, returned).finally(() => away || letGo());
    return;
  }
  payer.requests.finalize(host.session.apiBase, checkout.id, returned, crypto.randomUUID()).then(
    (result) => {
      letGo();
      if (generation !== payer.generation()) return returnedAway(payer, checkout, result, null);
      forgetRedirect(payer);
      // Nothing kept says what it bought: the form showed the checkout's defaults, not the order paid.
      // Nor whose it is: anyone who has a payment's id can write its return, so the receipt's
      // address (another buyer's, on a reusable link) is not shown.
      payer.succeed(checkout, { ...result, receiptEmail: null }, null);
    },
    (caught: unknown) => {
      letGo();
      const outcome = payer.shared.classify(caught);
      if (generation !== payer.generation()) return returnedAway(payer, checkout, null, outcome.kind === 'unknown' ? null : takenNotice(outcome.error));
      // Whether it went through is unknown: the parameters stay, and Try again (or a reload) asks again.
      if (outcome.kind === 'unknown') return payer.unresolved(outcome.error);
      // Finalize does not know this payment. A return that names no checkout may be another
      // element's on this page: its parameters stay for it. Either way, one the bank said succeeded
      // is not offered as unpaid without a word: the customer is told to look for a receipt first.
      const unknownHere = outcome.error.code === 'not_found';
      if (!unknownHere || back.checkoutId) forgetRedirect(payer);
      const unconfirmed = unknownHere && back.status === 'succeeded' ? 'payment_unconfirmed' : null;
      // Refunded (the checkout closed meanwhile), or closed: the state that says so.
      if (outcome.kind === 'closed' && !unknownHere) return host.fail(outcome.error);
      host.showForm();
      if (host.phase.kind !== 'ready') return;
      if (unknownHere) {
        if (unconfirmed) payer.failed(unconfirmed);
        return;
      }
      payer.redirectFailed(back.paymentIntentId, outcome.error);
    },
  );
}

/**
 * A return's payment, answered after the element moved on to another checkout: its success told to
 * the page, its refund said, and its parameters taken away. Nothing else: what shows that checkout
 * again (the element, a reload) finalizes the return from its parameters itself.
 */
function returnedAway(payer: ResumingPayer, checkout: PublicCheckout, result: PaymentSucceeded | null, refund: CheckoutError | null): void {
  if (payer.host.element.checkoutId === checkout.id || (!result && !refund)) return;
  forgetRedirect(payer);
  payer.endedAway(checkout, result, refund);
}

/** Takes Stripe's redirect parameters (and ours) out of the address bar, keeping every other parameter and the hash. */
function forgetRedirect(payer: ResumingPayer): void {
  try {
    history.replaceState(history.state, '', payer.shared.withoutReturnParams(location.href));
  } catch {
    // A sandboxed frame may refuse: the parameters stay, and finalize answers them the same again.
  }
}
