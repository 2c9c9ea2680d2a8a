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
 * the next load asks again.
 */
export function askBeforeEnd(payer: ResumingPayer, checkout: PublicCheckout, left: string, end: CheckoutError): void {
  const generation = payer.generation();
  payer.requests.finalize(payer.host.session.apiBase, checkout.id, left, crypto.randomUUID()).then(
    (result) => {
      if (generation === payer.generation()) payer.paidEarlier(checkout, result);
    },
    (caught: unknown) => {
      if (generation !== payer.generation()) return;
      const { kind, error } = payer.shared.classify(caught);
      if (kind === 'unknown') return payer.unresolved(error);
      if (error.code !== 'payment_not_finished') payer.settleLeft(checkout.id, takenNotice(error));
      payer.host.fail(end);
    },
  );
}
