// The stand-in's side door: its 3-D Secure challenge posts the customer's answer here, and the
// bank's answer is acted on at once (a confirmed payment settled, a failed one announced).
import { announcePaymentFailed, announceSettlement } from '../announcements.ts';
import { settleConfirmed } from '../checkout/settle.ts';
import type { SandboxContext } from '../context.ts';
import { route, routeTable, sendJson, type Call } from '../http.ts';
import { authenticateIntent, authenticationFailed, stripeStatusOf } from '../payments.ts';
import { authenticateBody, parsedBody } from '../request-schemas.ts';

/**
 * `POST /sandbox/stripe/payment_intents/{pi}/authenticate` `{ clientSecret, outcome }` → `{ id, status }`.
 * Under the checkout's lock, the first answer settles a confirmed payment (the order, or a refund
 * where the checkout ended meanwhile) and sends its webhooks, or announces a failed one. The
 * status is Stripe's: `succeeded` for a confirmed payment even when the sandbox then refunded it,
 * as the refund is a separate object in Stripe; the merchant reads it on the checkout's `refunds`.
 */
async function authenticate({ context, request, response, params }: Call<SandboxContext>): Promise<void> {
  const { clientSecret, outcome } = await parsedBody(request, authenticateBody);
  const intentId = params[0] ?? '';
  const { store } = context;
  const intent = await context.lockCheckout(store.paymentIntents.get(intentId)?.checkoutId ?? intentId, () => {
    const { intent: answered, first } = authenticateIntent(store, intentId, clientSecret, outcome);
    if (!first) return answered;
    const checkout = store.checkouts.get(answered.checkoutId);
    if (!checkout) throw new Error(`payment ${answered.id} has no checkout ${answered.checkoutId}`);
    if (answered.state === 'succeeded') {
      const settlement = settleConfirmed(context, checkout, answered);
      if (settlement) announceSettlement(context, checkout, settlement, context.publicUrlFor(request));
    } else {
      announcePaymentFailed(context, checkout, authenticationFailed());
    }
    return answered;
  });
  sendJson(response, 200, { id: intent.id, status: stripeStatusOf(intent) });
}

export const stripeSideDoor = routeTable<SandboxContext, object>({
  owns: (pathname) => pathname.startsWith('/sandbox/stripe/'),
  extend: () => ({}),
  routes: [route('POST', '/sandbox/stripe/payment_intents/{id}/authenticate', authenticate)],
});
