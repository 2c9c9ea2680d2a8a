// The stand-in's side door: the confirmation tokens it makes are registered here (their billing
// details, which complete reads as a Stripe-backed server retrieves a token); its 3-D Secure
// challenge posts the customer's answer here, and so does the test bank a redirect payment method
// leaves the page for; the bank's answer is acted on at once (a confirmed payment settled, a failed
// one announced).
import { formatMoney } from '../../src/pricing/money.ts';
import { announcePaymentFailed, announceSettlement } from '../announcements.ts';
import { settleConfirmed } from '../checkout/settle.ts';
import type { SandboxContext } from '../context.ts';
import { ApiError, readRawBody, route, routeTable, send, sendError, sendJson, validationError, type Call } from '../http.ts';
import { authenticateIntent, authenticationFailed, stripeStatusOf } from '../payments.ts';
import type { PaymentIntentRecord } from '../checkout-records.ts';
import { authenticateBody, confirmationTokenBody, parsedBody } from '../request-schemas.ts';
import { answeredPage, bankPage, bankVisitOf, bankVisitProblems, refusalPage, returnAddressFor } from '../test-bank.ts';

/**
 * The customer's answer for a payment intent. Under the checkout's lock, the first answer settles
 * a confirmed payment (the order, or a refund where the checkout ended meanwhile) and sends its
 * webhooks, or announces a failed one.
 */
async function answer(call: Call<SandboxContext>, intentId: string, clientSecret: string, outcome: 'succeeded' | 'failed'): Promise<PaymentIntentRecord> {
  const { context, request } = call;
  const { store } = context;
  return context.lockCheckout(store.paymentIntents.get(intentId)?.checkoutId ?? intentId, () => {
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
}

/**
 * `POST /sandbox/stripe/payment_intents/{pi}/authenticate` `{ clientSecret, outcome }` → `{ id, status }`.
 * The status is Stripe's: `succeeded` for a confirmed payment even when the sandbox then refunded
 * it, as the refund is a separate object in Stripe; the merchant reads it on the checkout's `refunds`.
 */
async function authenticate(call: Call<SandboxContext>): Promise<void> {
  const { clientSecret, outcome } = await parsedBody(call.request, authenticateBody);
  const intent = await answer(call, call.params[0] ?? '', clientSecret, outcome);
  sendJson(call.response, 200, { id: intent.id, status: stripeStatusOf(intent) });
}

/**
 * `POST /sandbox/stripe/confirmation_tokens` `{ id, billing_details }` → `{ id, object }`: the
 * stand-in's `createConfirmationToken`, as Stripe.js creates a token on Stripe's API. The billing
 * details are kept for the idempotency window (24 h; Stripe's tokens expire in 12), and a token
 * registered again keeps its first details: a token, once made, does not change.
 */
async function registerConfirmationToken(call: Call<SandboxContext>): Promise<void> {
  const { id, billing_details: billingDetails } = await parsedBody(call.request, confirmationTokenBody);
  call.context.store.confirmationTokens.add(id, billingDetails);
  sendJson(call.response, 200, { id, object: 'confirmation_token' });
}

const html = 'text/html; charset=utf-8';
// The bank's page is a page of the sandbox's own: no script, its own style only, no framing.
const pageHeaders = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
};

/**
 * The bank's refusal, as every refusal of the sandbox: its status, and Paid's `ErrorResponse` for
 * a client; a person's browser (which asks for HTML) gets a page that says it in the same words,
 * or `page` when there is more to tell.
 */
function refuse(call: Call<SandboxContext>, error: ApiError, page?: string): void {
  const options = { headers: pageHeaders };
  if (/\btext\/html\b/.test(call.request.headers.accept ?? '')) send(call.response, error.status, html, page ?? refusalPage(error.message), options);
  else sendError(call.response, error, options);
}

/** `GET /sandbox/stripe/bank?payment_intent&client_secret&return_url`: the test bank's page. */
function bankVisit(call: Call<SandboxContext>): void {
  const visit = bankVisitOf(call.url.searchParams);
  if (!visit) return refuse(call, validationError(bankVisitProblems(call.url.searchParams)));
  const intent = call.context.store.paymentIntents.get(visit.paymentIntentId);
  // In the currency's own minor units (¥500 has none, KWD 5.120 three), as the element shows it.
  const amount = intent ? formatMoney(intent.purchase.amountDue, intent.purchase.currency, 'en') : null;
  send(call.response, 200, html, bankPage(visit, amount), { headers: pageHeaders });
}

/**
 * `POST /sandbox/stripe/bank` (the page's form): records Approve or Fail as the challenge does,
 * then sends the customer back to `return_url` with Stripe's parameters (303). The same answer
 * again does the same; the other answer is refused (409), and a person is shown the first one.
 */
async function bankAnswer(call: Call<SandboxContext>): Promise<void> {
  const form = new URLSearchParams((await readRawBody(call.request)).toString('utf8'));
  const visit = bankVisitOf(form);
  const choice = form.get('answer');
  if (!visit || (choice !== 'approve' && choice !== 'fail')) {
    const problems = bankVisitProblems(form);
    if (choice !== 'approve' && choice !== 'fail') problems.push({ field: 'answer', message: 'must be approve or fail' });
    return refuse(call, validationError(problems));
  }
  const outcome = choice === 'approve' ? 'succeeded' : 'failed';
  try {
    await answer(call, visit.paymentIntentId, visit.clientSecret, outcome);
  } catch (error) {
    // Answered already the other way, or unknown: say so, as a bank would.
    if (!(error instanceof ApiError)) throw error;
    const first = call.context.store.paymentIntents.get(visit.paymentIntentId)?.state;
    return refuse(call, error, error.status === 409 && first && first !== 'requires_action' ? answeredPage(visit, first) : undefined);
  }
  send(call.response, 303, 'text/plain; charset=utf-8', '', { headers: { ...pageHeaders, location: returnAddressFor(visit, outcome) } });
}

export const stripeSideDoor = routeTable<SandboxContext, object>({
  owns: (pathname) => pathname.startsWith('/sandbox/stripe/'),
  extend: () => ({}),
  routes: [
    route('POST', '/sandbox/stripe/confirmation_tokens', registerConfirmationToken),
    route('POST', '/sandbox/stripe/payment_intents/{id}/authenticate', authenticate),
    route('GET', '/sandbox/stripe/bank', bankVisit),
    route('POST', '/sandbox/stripe/bank', bankAnswer),
  ],
});
