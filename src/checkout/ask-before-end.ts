// A checkout that ended (expired, archived, completed) while this tab or element held a 3-D Secure
// payment of it left unfinished: its bank may still approve it (a challenge still open, a bank's
// app). Before the end is shown, that payment is asked about by name, which on a closed checkout
// also cancels it if its bank still waits, so that what the page says stays true. In the resume
// reader's chunk: most pages never hold such a payment, and never load it.
import type { PublicCheckout } from '../api/schemas.ts';
import type { CheckoutError } from '../errors.ts';
import { takenNotice, type ResumingPayer } from './resume-attempt.ts';

/**
 * Asks how `left` (a payment of `checkout`) ended, then shows `end`: after its refund's words when it
 * was refunded; its success instead when the bank approved it in time (it is the buyer's
 * purchase). An answer lost keeps it, and the state says a payment may be pending (Try again asks
 * again). One the server still sees waiting (the page's clock ran ahead of the server's) is kept:
 * the next load asks again. Answered after the element moved on (`checkout-id` changed), it is the
 * page's to learn of all the same (leftAway).
 */
export function askBeforeEnd(payer: ResumingPayer, checkout: PublicCheckout, left: string, end: CheckoutError): void {
  const generation = payer.generation();
  payer.requests.finalize(payer.host.session.apiBase, checkout.id, left, crypto.randomUUID()).then(
    (result) => {
      if (generation === payer.generation()) payer.paidEarlier(checkout, result);
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
      if (kind === 'unknown') return payer.unresolved(error);
      if (over) payer.settleLeft(checkout.id, takenNotice(error));
      payer.host.fail(end);
    },
  );
}
