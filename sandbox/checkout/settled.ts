// A payment that made its order, answered again later (finalize, its token sent again, the payment
// named as replaced): its order, or, when the merchant has deleted that order since, the truth.
import { formatMoney } from '../../src/pricing/money.ts';
import { ApiError } from '../http.ts';
import type { Settlement } from '../checkout-records.ts';
import type { Store } from '../store.ts';

/**
 * The settlement of a payment, to answer now. Its order deleted by the merchant after the sale (a
 * subscription cancelled, as Stripe's cancel refunds nothing by itself), the payment still went
 * through and is not refunded here: to a client that names the payment (`named`: the element's
 * finalize, a token sent again, a payment named as replaced), `409 order_deleted` says so, with
 * the order and the payment for the buyer to quote to the seller, rather than a success naming an
 * order that is gone. Paid's client finalizes with `{}` and shows "Payment failed" for any
 * refusal, which would invite a buyer who was charged to pay again: it is answered the payment as
 * paid, which is true of the money. A stored answer (the same Idempotency-Key) still replays as it
 * was first sent.
 */
export function answerSettled(store: Store, settlement: Settlement, named = true): Settlement {
  if (!named || store.orders.get(settlement.orderId)) return settlement;
  const amount = formatMoney(settlement.amountDue, settlement.currency, 'en');
  throw new ApiError(
    409,
    'order_deleted',
    `Your payment of ${amount} went through and made your order, but the seller has since cancelled that order. Contact the seller about it, quoting payment ${settlement.paymentIntentId}.`,
    { extra: { orderId: settlement.orderId, paymentIntentId: settlement.paymentIntentId } },
  );
}
