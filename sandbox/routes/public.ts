// The public API (CONTRACT §2, and the quote of docs/TAX.md): what the browser reads and posts with
// no key. Every answer carries CORS for any origin and no-store; complete and finalize are
// idempotent per key and serialized per checkout. Each route: request → validation → service →
// serializer → answer.
import * as z from 'zod';
import { publicCheckout } from '../../src/api/schemas.ts';
import { announcePaymentFailed, announceSettlement } from '../announcements.ts';
import { completeCheckout, type PaymentOutcome } from '../checkout/complete.ts';
import { finalizeCheckout } from '../checkout/finalize.ts';
import { pricesVersionOf } from '../checkout/pricing.ts';
import { quoteAnswerOf, quoteCheckout, unprocessable } from '../checkout/quote.ts';
import type { SandboxContext } from '../context.ts';
import { ApiError, readJsonBody, route, routeTable, sendJson, sendJsonText, validationError, type Call, type InvalidField } from '../http.ts';
import { bodyDigest, idempotencyKeyProblem, rememberAnswer, storedAnswer } from '../idempotency.ts';
import { completeInputOf, completeWireBody, finalizeWireBody, quoteInputOf, quoteWireBody, wireFieldOf } from '../public-schemas.ts';
import { paymentCookieOfAnswer, paymentsNamedByCookie } from '../payment-cookie.ts';
import { parseWith } from '../request-schemas.ts';
import { paymentAnswerOf, publicCheckoutPayload } from '../serializers/checkouts.ts';
import type { CheckoutRecord } from '../checkout-records.ts';

type PublicCall = Call<SandboxContext>;

export function isPublicPath(pathname: string): boolean {
  return pathname.startsWith('/api/public/');
}

function checkoutNamed({ context, params }: PublicCall): CheckoutRecord {
  const checkout = context.store.checkouts.get(params[0] ?? '');
  // Says nothing more than that: not whether the id ever existed, nor whose it was.
  if (!checkout) throw new ApiError(404, 'not_found', 'No such checkout');
  return checkout;
}

function readPublic(call: PublicCall): void {
  const { context, request, response } = call;
  const checkout = checkoutNamed(call);
  const now = context.clock.now();
  const session = publicCheckoutPayload(context.store, checkout, now, context.publicUrlFor(request));
  // `pricesVersion` (ours): the prices this read shows, for complete's `prices_version`.
  const payload = { ...session, now: now.toISOString(), pricesVersion: pricesVersionOf(session.products) };
  // The element refuses a payload that does not parse; better to fail loudly here.
  const checked = publicCheckout.safeParse(payload);
  if (!checked.success) throw new Error(`public payload of ${checkout.id} does not parse: ${checked.error.message}`);
  sendJson(response, 200, payload);
}

type PaymentRoute = 'complete' | 'finalize';

/** What besides its body a payment route's answer depends on, and sends. */
interface AnswerOptions {
  /**
   * The payment the browser's cookie names, which a `{}` finalize answers: two browsers sending
   * the same body under the same Idempotency-Key are two requests, each with its stored answer.
   */
  asker?: string | null;
  /** Headers to send with the answer, fresh or replayed (the payment cookie of complete). */
  headersOf?: (answer: { status: number; body: string }) => Record<string, string>;
}

/**
 * Which stored answer a request replays. The `Idempotency-Key` header (ours) when sent, with who
 * asks; else, for complete, the confirmation token, which Stripe lets pay once: Paid's own
 * client sends no key, and a resent token must not pay twice.
 */
function replayKeyOf(header: string | undefined, route: PaymentRoute, body: unknown, asker: string | null): string | null {
  if (header !== undefined) return asker === null ? `key:${header}` : `key:${header}:payment:${asker}`;
  if (route !== 'complete' || typeof body !== 'object' || body === null) return null;
  const token = (body as { confirmation_token?: unknown }).confirmation_token;
  return typeof token === 'string' ? `confirmation_token:${token}` : null;
}

/** The service's refusal with its field paths named as the wire names them. */
function inWireTerms(error: ApiError): ApiError {
  const fields = error.detail.fields;
  if (!fields) return error;
  if (error.code === 'validation_error') return validationError(fields.map((problem) => ({ ...problem, field: wireFieldOf(problem.field) })));
  return error;
}

/** The body as `schema` reads it, with the Idempotency-Key header's problem named first beside the body's. */
function validated<S extends z.ZodType>(schema: S, value: unknown, keyHeader: string | string[] | undefined): z.output<S> {
  const problems: InvalidField[] = [];
  const keyProblem = idempotencyKeyProblem(keyHeader);
  if (keyProblem) problems.push(keyProblem);
  const parsed = parseWith(schema, value);
  if (!parsed.ok) problems.push(...parsed.problems);
  if (problems.length > 0 || !parsed.ok) throw validationError(problems);
  return parsed.value;
}

/**
 * Runs `pay` once under the checkout's lock and answers its outcome (or its refusal) through the
 * serializer; a request that repeats an earlier one (same key) is answered the stored answer.
 */
async function answerOnce(
  call: PublicCall,
  checkout: CheckoutRecord,
  route: PaymentRoute,
  raw: Buffer,
  value: unknown,
  pay: () => PaymentOutcome,
  { asker = null, headersOf = () => ({}) }: AnswerOptions = {},
): Promise<void> {
  const { context, request, response } = call;
  const rawHeader = request.headers['idempotency-key'];
  const header = typeof rawHeader === 'string' ? rawHeader : undefined;
  const replayKey = replayKeyOf(header, route, value, asker);
  const scope = replayKey ? { checkoutId: checkout.id, route, key: replayKey } : null;
  const digest = bodyDigest(raw);
  await context.lockCheckout(checkout.id, () => {
    const replay = scope ? storedAnswer(context.store, scope, digest, header === undefined ? 'confirmation_token' : 'Idempotency-Key') : null;
    if (replay) {
      sendJsonText(response, replay.status, replay.body, { headers: { ...headersOf(replay), 'idempotent-replayed': 'true' } });
      return;
    }
    let answer: { status: number; body: string };
    let earlier = false;
    let refusalHeaders: Record<string, string> = {};
    try {
      const outcome = pay();
      earlier = outcome.earlier === true;
      answer = { status: 200, body: JSON.stringify(paymentAnswerOf(outcome)) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      answer = { status: error.status, body: inWireTerms(error).toBody() };
      refusalHeaders = error.detail.headers ?? {};
    }
    if (scope) rememberAnswer(context.store, scope, { bodyDigest: digest, ...answer });
    // The answer of a payment made before this request is a replay of it, whatever the key.
    sendJsonText(response, answer.status, answer.body, { headers: { ...refusalHeaders, ...headersOf(answer), ...(earlier ? { 'idempotent-replayed': 'true' } : {}) } });
  });
}

/**
 * Complete: pays, and tells the merchant's webhooks of a payment made or declined. A payment
 * waiting for 3-D Secure is named in a cookie [ext], for the `{}` finalize of the same browser.
 */
async function complete(call: PublicCall): Promise<void> {
  const { context, request } = call;
  const checkout = checkoutNamed(call);
  const { raw, value } = await readJsonBody(request, { required: true });
  const input = completeInputOf(validated(completeWireBody, value, request.headers['idempotency-key']));
  await answerOnce(call, checkout, 'complete', raw, value, () => {
    try {
      const outcome = completeCheckout(context, checkout, input);
      // A 3-D Secure payment is settled and announced when the bank confirms it (routes/stripe.ts);
      // a payment settled before this request (`earlier`) was announced then.
      if (outcome.status === 'succeeded' && !outcome.earlier) announceSettlement(context, checkout, outcome.settlement, context.publicUrlFor(request));
      return outcome;
    } catch (error) {
      if (error instanceof ApiError && error.status === 402) announcePaymentFailed(context, checkout, error);
      throw error;
    }
  }, { headersOf: (answer) => paymentCookieOfAnswer(checkout.id, answer, paymentsNamedByCookie(request)) });
}

/** Finalize: only reads how the payment ended; of the payment the body names, else the cookie's. */
async function finalize(call: PublicCall): Promise<void> {
  const { context, request } = call;
  const checkout = checkoutNamed(call);
  const { raw, value } = await readJsonBody(request, { required: false });
  const body = validated(finalizeWireBody, value, request.headers['idempotency-key']);
  const named = body.payment_intent_id ?? null;
  const fromCookie = named === null ? paymentsNamedByCookie(request) : [];
  await answerOnce(call, checkout, 'finalize', raw, value, () => finalizeCheckout(context, checkout, { named, fromCookie }), { asker: fromCookie.join('.') || null });
}

/** Quote (ours): the price with tax for an address, changing nothing; a field it cannot price from is 422. */
async function quote(call: PublicCall): Promise<void> {
  const { context, request, response } = call;
  const checkout = checkoutNamed(call);
  const { value } = await readJsonBody(request, { required: true });
  try {
    const parsed = parseWith(quoteWireBody, value);
    if (!parsed.ok) throw validationError(parsed.problems);
    sendJson(response, 200, quoteAnswerOf(quoteCheckout(context, checkout, quoteInputOf(parsed.value))));
  } catch (error) {
    if (error instanceof ApiError && error.code === 'validation_error') throw unprocessable(inWireTerms(error));
    throw error;
  }
}

export const publicApi = routeTable<SandboxContext, object>({
  owns: isPublicPath,
  extend: () => ({}),
  routes: [
    route('GET', '/api/public/checkout/{id}', readPublic),
    route('POST', '/api/public/checkout/{id}/complete', complete),
    route('POST', '/api/public/checkout/{id}/finalize', finalize),
    route('POST', '/api/public/checkout/{id}/quote', quote),
  ],
});
