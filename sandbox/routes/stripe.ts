// The stand-in's side door: its 3-D Secure challenge posts the customer's answer here, and the
// bank's answer is acted on at once (a confirmed payment settled, a failed one announced).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { announcePaymentFailed, announceSettlement } from '../announcements.ts';
import { settleConfirmed } from '../checkout/settle.ts';
import type { SandboxContext } from '../context.ts';
import { ApiError, decodePathParam, readJsonBody, sendJson, validationError } from '../http.ts';
import { authenticateIntent, authenticationFailed, stripeStatusOf } from '../payments.ts';
import { authenticateBody, parseWith } from '../request-schemas.ts';

const authenticatePath = /^\/sandbox\/stripe\/payment_intents\/([^/]+)\/authenticate$/;

export function isStripePath(pathname: string): boolean {
  return pathname.startsWith('/sandbox/stripe/');
}

/**
 * `POST /sandbox/stripe/payment_intents/{pi}/authenticate` `{ clientSecret, outcome }` → `{ id, status }`.
 * Under the checkout's lock, the first answer settles a confirmed payment (the order, or a refund
 * where the checkout ended meanwhile) and sends its webhooks, or announces a failed one. The
 * status is Stripe's: `succeeded` for a confirmed payment even when the sandbox then refunded it,
 * as the refund is a separate object in Stripe; the merchant reads it on the checkout's `refunds`.
 */
export async function handleStripe(context: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const match = authenticatePath.exec(url.pathname);
  if (!match) throw new ApiError(404, 'not_found', 'No such route.');
  if (request.method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'Use POST.');
  const { value } = await readJsonBody(request, { required: true });
  const parsed = parseWith(authenticateBody, value);
  if (!parsed.ok) throw validationError(parsed.problems);
  const intentId = decodePathParam(match[1] ?? '');
  const { store } = context;
  const intent = await context.lockCheckout(store.paymentIntents.get(intentId)?.checkoutId ?? intentId, () => {
    const { intent: answered, first } = authenticateIntent(store, intentId, parsed.value.clientSecret, parsed.value.outcome);
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
