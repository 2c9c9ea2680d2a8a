// A 3-D Secure payment this tab or element left unfinished (the customer was told nothing was
// charged) that its bank may still approve: a challenge still open, a bank's app. It is asked about
// by name when the page loads its checkout, and again before that checkout's end (expired,
// archived, completed) is shown; on a closed checkout, asking also cancels it if its bank still
// waits. So what the page shows stays true: the order it made, or its refund. In the resume
// reader's chunk: most pages never hold such a payment, and never load it.
import type { PublicCheckout } from '../api/schemas.ts';
import type { PaymentSucceeded } from '../api/wire.ts';
import type { CheckoutError } from '../errors.ts';
import { takenNotice, type ResumingPayer } from './resume-attempt.ts';

/** How asking about a payment left unfinished ended, for the element that asked (its generation unchanged). */
type Answer =
  | { kind: 'paid'; result: PaymentSucceeded }
  | { kind: 'unknown'; error: CheckoutError }
  | { kind: 'waiting' }
  /** Refused, refunded, or cancelled as its checkout closed; `closed`: the form cannot go on. */
  | { kind: 'over'; error: CheckoutError; closed: boolean };

/**
 * Asks how `left` (a payment of `checkout`) ended, with a key of its own (finalize answers the
 * same payment the same way). Answered after the element moved on (`checkout-id` changed), it is
 * the page's to learn of all the same (leftAway); else `then` shows it.
 */
function ask(payer: ResumingPayer, checkout: PublicCheckout, left: string, then: (answer: Answer) => void): void {
  const generation = payer.generation();
  payer.requests.finalize(payer.host.session.apiBase, checkout.id, left, crypto.randomUUID()).then(
    (result) => {
      if (generation === payer.generation()) then({ kind: 'paid', result });
      else payer.leftAway(checkout, left, result, null);
    },
    (caught: unknown) => {
      const { kind, error } = payer.shared.classify(caught);
      // Over (refused, refunded, cancelled as its checkout closed), unless unknown or still waiting.
      const over = kind !== 'unknown' && error.code !== 'payment_not_finished';
      if (generation !== payer.generation()) {
        if (over) payer.leftAway(checkout, left, null, takenNotice(error));
        return;
      }
      // A payment finalize does not know (`not_found`: a record another version or a script wrote) is no end of its checkout.
      if (kind === 'unknown') then({ kind, error });
      else then(over ? { kind: 'over', error, closed: kind === 'closed' && error.code !== 'not_found' } : { kind: 'waiting' });
    },
  );
}

/**
 * Asks how `left` ended, then shows `end`: after its refund's words when it was refunded; its
 * success instead when the bank approved it in time (it is the buyer's purchase). An answer lost
 * keeps it, and the state says a payment may be pending (Try again asks again). One the server
 * still sees waiting (the page's clock ran ahead of the server's) is kept: the next load asks again.
 */
export function askBeforeEnd(payer: ResumingPayer, checkout: PublicCheckout, left: string, end: CheckoutError): void {
  ask(payer, checkout, left, (answer) => {
    if (answer.kind === 'paid') return payer.paidEarlier(checkout, answer.result);
    if (answer.kind === 'unknown') return payer.unresolved(answer.error);
    if (answer.kind === 'over') payer.settleLeft(checkout.id, left, takenNotice(answer.error));
    payer.host.fail(end);
  });
}

/**
 * The page loaded `checkout` (open) while the tab or element keeps `left` of it: asked about before
 * the form is shown (the element still loading). Approved since (its order made, or made now), its
 * success; refunded, the form saying so; refused or still waiting, the form, whose next Pay names
 * it if it is still left. An answer lost gives the form too: that Pay names it, and so asks again.
 * The checkout closed meanwhile (or the payment refunded as it closed): the state that says so.
 */
export function askAtLoad(payer: ResumingPayer, checkout: PublicCheckout, left: string): void {
  ask(payer, checkout, left, (answer) => {
    if (answer.kind === 'paid') return payer.paidEarlier(checkout, answer.result);
    if (answer.kind === 'over' && answer.closed) {
      payer.settleLeft(checkout.id, left, null);
      return payer.host.fail(answer.error);
    }
    if (answer.kind === 'over') payer.settleLeft(checkout.id, left, takenNotice(answer.error));
    payer.offerForm();
  });
}
