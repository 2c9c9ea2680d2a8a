// The public API (CONTRACT §2): what the browser reads and posts with no key. Every answer
// carries CORS for any origin and no-store; complete and finalize are idempotent per key and
// serialized per checkout.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicCheckout } from '../../src/api/schemas.ts';
import { announcePaymentFailed, announceSettlement } from '../announcements.ts';
import { completeCheckout, type PaymentOutcome } from '../checkout/complete.ts';
import { finalizeCheckout } from '../checkout/finalize.ts';
import type { SandboxContext } from '../context.ts';
import { ApiError, decodePathParam, readJsonBody, sendJson, sendJsonText, validationError, type FieldProblem } from '../http.ts';
import { bodyDigest, idempotencyKeyProblem, rememberAnswer, storedAnswer } from '../idempotency.ts';
import { completeInputOf, completeWireBody, finalizeWireBody, wireFieldOf } from '../public-schemas.ts';
import { parseWith } from '../request-schemas.ts';
import { paymentAnswerOf, publicCheckoutPayload } from '../serializers/checkouts.ts';
import type { CheckoutRecord } from '../store.ts';

export function isPublicPath(pathname: string): boolean {
  return pathname.startsWith('/api/public/');
}

// Says nothing more than that: not whether the id ever existed, nor whose it was.
const noSuchCheckout = () => new ApiError(404, 'not_found', 'No such checkout');

function checkoutNamed(context: SandboxContext, rawId: string | undefined): CheckoutRecord {
  const checkout = context.store.checkouts.get(decodePathParam(rawId ?? ''));
  if (!checkout) throw noSuchCheckout();
  return checkout;
}

function readPublic(context: SandboxContext, request: IncomingMessage, response: ServerResponse, checkout: CheckoutRecord): void {
  const now = context.clock.now();
  const payload = { ...publicCheckoutPayload(context.store, checkout, now, context.publicUrlFor(request)), now: now.toISOString() };
  // The element refuses a payload that does not parse; better to fail loudly here.
  const checked = publicCheckout.safeParse(payload);
  if (!checked.success) throw new Error(`public payload of ${checkout.id} does not parse: ${checked.error.message}`);
  sendJson(response, 200, payload);
}

type PaymentRoute = 'complete' | 'finalize';

/**
 * Which stored answer a request replays. The `Idempotency-Key` header (ours) when sent; else,
 * for complete, the confirmation token, which Stripe lets pay once: Paid's own client sends no
 * key, and a resent token must not pay twice.
 */
function replayKeyOf(header: string | undefined, route: PaymentRoute, body: unknown): string | null {
  if (header !== undefined) return `key:${header}`;
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

/** Complete or finalize: body checked, then under the checkout's lock replay or run once. */
async function pay(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  checkout: CheckoutRecord,
  route: PaymentRoute,
): Promise<void> {
  const rawHeader = request.headers['idempotency-key'];
  const { raw, value } = await readJsonBody(request, { required: route === 'complete' });
  const problems: FieldProblem[] = [];
  const keyProblem = idempotencyKeyProblem(rawHeader);
  if (keyProblem) problems.push(keyProblem);
  let run: (() => PaymentOutcome) | null = null;
  if (route === 'complete') {
    const parsed = parseWith(completeWireBody, value);
    if (parsed.ok) run = () => completeCheckout(context, checkout, completeInputOf(parsed.value));
    else problems.push(...parsed.problems);
  } else {
    const parsed = parseWith(finalizeWireBody, value);
    if (parsed.ok) run = () => finalizeCheckout(context, checkout, parsed.value.payment_intent_id ?? null);
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0 || !run) throw validationError(problems);
  const service = run;

  const header = typeof rawHeader === 'string' ? rawHeader : undefined;
  const replayKey = replayKeyOf(header, route, value);
  const scope = replayKey ? { checkoutId: checkout.id, route, key: replayKey } : null;
  const digest = bodyDigest(raw);
  await context.lockCheckout(checkout.id, () => {
    const replay = scope ? storedAnswer(context.store, scope, digest, header === undefined ? 'confirmation_token' : 'Idempotency-Key') : null;
    if (replay) {
      sendJsonText(response, replay.status, replay.body, { headers: { 'idempotent-replayed': 'true' } });
      return;
    }
    let answer: { status: number; body: string };
    try {
      const outcome = service();
      // Only complete pays here; a 3-D Secure payment is settled and announced when the bank
      // confirms it (routes/stripe.ts), and finalize only reads how it ended.
      if (route === 'complete' && outcome.status === 'succeeded') {
        announceSettlement(context, checkout, outcome.settlement, context.publicUrlFor(request));
      }
      answer = { status: 200, body: JSON.stringify(paymentAnswerOf(outcome)) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (route === 'complete' && error.status === 402) announcePaymentFailed(context, checkout, error);
      answer = { status: error.status, body: inWireTerms(error).toBody() };
    }
    if (scope) rememberAnswer(context.store, scope, { bodyDigest: digest, ...answer });
    sendJsonText(response, answer.status, answer.body);
  });
}

/** Handles a request under /api/public/; errors are thrown as ApiError for the caller to send with CORS. */
export async function handlePublic(context: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const match = /^\/api\/public\/checkout\/([^/]+)(?:\/(complete|finalize))?$/.exec(url.pathname);
  if (!match) throw new ApiError(404, 'not_found', 'No such route.');
  const action = match[2] as PaymentRoute | undefined;
  const allowed = action ? 'POST' : 'GET';
  if (request.method !== allowed) {
    throw new ApiError(405, 'method_not_allowed', `${request.method ?? 'This method'} is not allowed here; use ${allowed}.`);
  }
  const checkout = checkoutNamed(context, match[1]);
  if (!action) return readPublic(context, request, response, checkout);
  await pay(context, request, response, checkout, action);
}
