// The stand-in's side door: its 3-D Secure challenge posts the customer's answer here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.ts';
import { ApiError, decodePathParam, readJsonBody, sendJson, validationError } from '../http.ts';
import { authenticateIntent, stripeStatusOf } from '../payments.ts';
import { authenticateBody, parseWith } from '../request-schemas.ts';

const authenticatePath = /^\/sandbox\/stripe\/payment_intents\/([^/]+)\/authenticate$/;

export function isStripePath(pathname: string): boolean {
  return pathname.startsWith('/sandbox/stripe/');
}

/** `POST /sandbox/stripe/payment_intents/{pi}/authenticate` `{ clientSecret, outcome }` → `{ id, status }`. */
export async function handleStripe(context: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const match = authenticatePath.exec(url.pathname);
  if (!match) throw new ApiError(404, 'not_found', 'No such route.');
  if (request.method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'Use POST.');
  const { value } = await readJsonBody(request, { required: true });
  const parsed = parseWith(authenticateBody, value);
  if (!parsed.ok) throw validationError(parsed.problems);
  const intentId = decodePathParam(match[1] ?? '');
  const intent = await context.lockCheckout(
    context.store.paymentIntents.get(intentId)?.checkoutId ?? intentId,
    () => authenticateIntent(context.store, intentId, parsed.value.clientSecret, parsed.value.outcome),
  );
  sendJson(response, 200, { id: intent.id, status: stripeStatusOf(intent) });
}
