// Finishing a payment this tab left under way (a reload, a restored tab, a bank's redirect coming
// back to this page) instead of offering to pay again. In the resume reader's chunk: most pages have
// nothing to finish, and never load it. The pay-attempt controller (pay-attempt-controller.ts) runs
// it with what it needs of the controller (`ResumingPayer`), once the chunk has come.
import type { finalizeCheckout } from '../api/client.ts';
import type { PublicCheckout } from '../api/schemas.ts';
import type { PaymentSucceeded } from '../api/wire.ts';
import type { CheckoutError } from '../errors.ts';
import type { Attempt, classify } from './attempt.ts';
import type { AttemptStore } from './attempt-store.ts';
import { redirectReturnOf, withoutRedirectParams, type RedirectReturn } from './redirect-return.ts';
import type { Phase } from './state.ts';
import { parseStoredAttempt, type StoredAttemptRules } from './stored-attempt.ts';

/** What finishing a kept payment reads and does of the pay-attempt controller. */
export interface ResumingPayer {
  readonly host: {
    readonly phase: Phase;
    readonly session: { readonly apiBase: string };
    /** Shows the order a kept attempt buys (the checkout's defaults without one); false when it cannot be priced. */
    restoreOrder(request: Attempt['request'] | null): boolean;
    /** Stripe's fields load (its bank may ask again) and the expiry is watched. */
    resuming(): void;
    showForm(): void;
    fail(error: CheckoutError): void;
  };
  readonly store: AttemptStore;
  readonly requests: { finalize: typeof finalizeCheckout };
  /**
   * What this chunk shares with the checkout chunk, passed in (resume-reader.ts says why): how a
   * failed request ends (attempt.ts), and what a kept attempt must be (attempt-store.ts).
   */
  readonly shared: { classify: typeof classify; storedAttemptRules: StoredAttemptRules };
  /** Counts resets: an answer for an attempt started before the last one is dropped. */
  generation(): number;
  /** `attempt` is the one under way: the form is locked until it is settled. */
  adopt(attempt: Attempt): void;
  /** The payment is under way, and `note` says how. */
  paying(note: 'pay.resuming' | 'pay.redirectReturning'): void;
  /** Sends `attempt` from its stage and acts on the outcome; `redirected`: the payment a bank's redirect came back for. */
  send(attempt: Attempt, checkout: PublicCheckout, generation: number, redirected?: string): Promise<void>;
  succeed(checkout: PublicCheckout, result: PaymentSucceeded): void;
  /** The bank did not approve the redirect's payment: the customer's next Pay replaces it. */
  redirectFailed(paymentIntentId: string, cause: CheckoutError): void;
}

/** Finishes what this tab kept for `checkout` (`raw`, from its attempt store), or a bank's redirect back; else shows the form. */
export function resumeAttempt(payer: ResumingPayer, checkout: PublicCheckout, raw: string | null): void {
  const { host, store } = payer;
  const kept = parseStoredAttempt(raw, checkout.id, store.now(), payer.shared.storedAttemptRules);
  const stored = kept && !store.handles(kept) ? kept : null;
  const back = redirectReturnOf(location.search);
  if (back && (!stored || stored.paymentIntentId === back.paymentIntentId)) {
    finishRedirect(payer, checkout, back, stored);
  } else if (stored) {
    if (!host.restoreOrder(stored.request)) return;
    store.claim(stored);
    payer.adopt(stored);
    payer.paying('pay.resuming');
    host.resuming();
    // The bank had been asked and the page was left before it answered here (a reload in the
    // challenge, or Back from a bank's page): finalize says how it ended, and one not finished is
    // replaced by the customer's next Pay, instead of sending them back to the bank.
    const asked = stored.stage === 'complete' ? stored.paymentIntentId : null;
    if (asked) stored.stage = 'finalize';
    void payer.send(stored, checkout, payer.generation(), asked ?? undefined);
  } else {
    host.showForm();
  }
}

/**
 * A redirect came back: finalize names its payment (the bank has answered, and only the server
 * knows how). With this tab's attempt for it, as any resumed attempt; without one (storage
 * unavailable, another tab), once, and a payment of another checkout is left to its own element.
 */
function finishRedirect(payer: ResumingPayer, checkout: PublicCheckout, back: RedirectReturn, stored: Attempt | null): void {
  const { host, store } = payer;
  const generation = payer.generation();
  if (!host.restoreOrder(stored?.request ?? null)) return;
  payer.paying('pay.redirectReturning');
  host.resuming();
  if (stored) {
    stored.stage = 'finalize';
    store.claim(stored);
    store.save(checkout.id, stored);
    payer.adopt(stored);
    forgetRedirect();
    void payer.send(stored, checkout, generation, back.paymentIntentId);
    return;
  }
  payer.requests.finalize(host.session.apiBase, checkout.id, back.paymentIntentId, crypto.randomUUID()).then(
    (result) => {
      if (generation !== payer.generation()) return;
      forgetRedirect();
      payer.succeed(checkout, result);
    },
    (caught: unknown) => {
      if (generation !== payer.generation()) return;
      const outcome = payer.shared.classify(caught);
      // Not this checkout's payment: the form, and the parameters left to the element they are for.
      if (outcome.error.code === 'not_found') return host.showForm();
      // Whether it went through is unknown: the parameters stay, and Try again (or a reload) asks again.
      if (outcome.kind === 'unknown') return host.fail(outcome.error);
      forgetRedirect();
      // Refunded (the checkout closed meanwhile), or closed: the state that says so.
      if (outcome.kind === 'closed') return host.fail(outcome.error);
      host.showForm();
      if (host.phase.kind !== 'ready') return;
      payer.redirectFailed(back.paymentIntentId, outcome.error);
    },
  );
}

/** Takes Stripe's redirect parameters out of the address bar, keeping every other parameter and the hash. */
function forgetRedirect(): void {
  try {
    history.replaceState(history.state, '', withoutRedirectParams(location.href));
  } catch {
    // A sandboxed frame may refuse: the parameters stay, and finalize answers them the same again.
  }
}
