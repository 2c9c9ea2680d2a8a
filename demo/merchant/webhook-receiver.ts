// The merchant's webhook endpoint: refuses what Paid did not sign (400), takes each event id once,
// and provisions from `billing-checkout-completed` alone (the customer may never see the success page).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fulfilments } from './fulfilments.ts';
import { isSignedByPaid } from './webhook-signature.ts';

export const WEBHOOK_PATH = '/merchant/webhooks';

const MAX_BODY_BYTES = 1024 * 1024;

type Refusal = { status: 400 | 413; code: 'bad_signature' | 'bad_event_id' | 'malformed_event' | 'too_large'; error: string };

interface Envelope {
  id: string;
  type: string;
  object: Record<string, unknown> | null;
}

async function readRawBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function envelopeOf(rawBody: Buffer): Envelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed.id !== 'string' || typeof parsed.type !== 'string' || !isRecord(parsed.data)) return null;
  const { object } = parsed.data;
  return { id: parsed.id, type: parsed.type, object: isRecord(object) ? object : null };
}

function answer(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** Takes one delivery; the answer's status tells the sender whether to retry. */
export async function receiveWebhook(
  request: IncomingMessage,
  response: ServerResponse,
  options: { signingSecret: string; fulfilments: Fulfilments },
): Promise<void> {
  const rawBody = await readRawBody(request);
  const refuse = (refusal: Refusal) => answer(response, refusal.status, { error: refusal.error, code: refusal.code });
  if (rawBody === null) return refuse({ status: 413, code: 'too_large', error: 'The body is larger than 1 MiB.' });

  const signature = request.headers['paid-signature'];
  if (!isSignedByPaid(rawBody, typeof signature === 'string' ? signature : undefined, options.signingSecret)) {
    return refuse({ status: 400, code: 'bad_signature', error: 'The paid-signature header does not match this body.' });
  }
  const event = envelopeOf(rawBody);
  if (!event) return refuse({ status: 400, code: 'malformed_event', error: 'The body is not a webhook event.' });
  // The header names the event for de-duplication; the signed body must agree with it.
  if (request.headers['paid-webhook-id'] !== event.id) {
    return refuse({ status: 400, code: 'bad_event_id', error: 'The paid-webhook-id header does not name the event in the body.' });
  }

  const checkoutId = event.type.startsWith('billing-checkout-') && typeof event.object?.id === 'string' ? event.object.id : null;
  const taken = options.fulfilments.takeDelivery({ eventId: event.id, type: event.type, checkoutId, receivedAt: new Date() });
  if (!taken) return answer(response, 200, { received: true, duplicate: true });

  const orderId = event.object?.orderId;
  if (event.type === 'billing-checkout-completed' && checkoutId !== null && typeof orderId === 'string') {
    const externalCustomerId = event.object?.externalCustomerId;
    options.fulfilments.provision({
      checkoutId,
      orderId,
      externalCustomerId: typeof externalCustomerId === 'string' ? externalCustomerId : null,
      source: 'webhook',
    });
  }
  answer(response, 200, { received: true });
}
