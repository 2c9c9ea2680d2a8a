// The public API (CONTRACT §2): what the browser reads and posts with no key. Every answer
// carries CORS for any origin and no-store; complete and finalize are idempotent per key and
// serialized per checkout.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicCheckout } from '../../src/api/schemas.ts';
import { completeCheckout, finalizeCheckout, type ServiceAnswer } from '../checkout-service.ts';
import type { SandboxContext } from '../context.ts';
import { ApiError, decodePathParam, readJsonBody, sendJson, sendJsonText, validationError, type FieldProblem } from '../http.ts';
import { bodyDigest, idempotencyKeyProblem, rememberAnswer, storedAnswer } from '../idempotency.ts';
import { completeBody, emptyBody, parseWith } from '../request-schemas.ts';
import { publicCheckoutPayload } from '../serializers.ts';
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
  const payload = publicCheckoutPayload(context.store, checkout, context.clock.now(), context.publicUrlFor(request));
  // The element refuses a payload that does not parse; better to fail loudly here.
  const checked = publicCheckout.safeParse(payload);
  if (!checked.success) throw new Error(`public payload of ${checkout.id} does not parse: ${checked.error.message}`);
  sendJson(response, 200, payload);
}

type PaymentRoute = 'complete' | 'finalize';

/** Complete or finalize: key and body checked, then under the checkout's lock replay or run once. */
async function pay(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  checkout: CheckoutRecord,
  route: PaymentRoute,
): Promise<void> {
  const keyHeader = request.headers['idempotency-key'];
  const { raw, value } = await readJsonBody(request, { required: route === 'complete' });
  const problems: FieldProblem[] = [];
  const keyProblem = idempotencyKeyProblem(keyHeader);
  if (keyProblem) problems.push(keyProblem);
  let run: (() => ServiceAnswer) | null = null;
  if (route === 'complete') {
    const parsed = parseWith(completeBody, value);
    if (parsed.ok) run = () => completeCheckout(context, checkout, parsed.value);
    else problems.push(...parsed.problems);
  } else {
    const parsed = parseWith(emptyBody, value);
    if (parsed.ok) run = () => finalizeCheckout(context, checkout);
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0 || !run || typeof keyHeader !== 'string') throw validationError(problems);
  const service = run;

  const scope = { checkoutId: checkout.id, route, key: keyHeader };
  const digest = bodyDigest(raw);
  await context.lockCheckout(checkout.id, () => {
    const replay = storedAnswer(context.store, scope, digest);
    if (replay) {
      sendJsonText(response, replay.status, replay.body, { headers: { 'idempotent-replayed': 'true' } });
      return;
    }
    let answer: { status: number; body: string };
    try {
      const result = service();
      answer = { status: result.status, body: JSON.stringify(result.body) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      answer = { status: error.status, body: error.toBody() };
    }
    rememberAnswer(context.store, scope, { bodyDigest: digest, ...answer });
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
