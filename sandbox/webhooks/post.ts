// One signed POST of a webhook body: the headers, a timeout per attempt, and what came back.
import type { Timers } from './delivery.ts';
import { SIGNATURE_HEADER, signatureHeaderFor } from './signature.ts';

export interface SendInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** A redirect is a failed delivery: following one could leave the URL rule behind. */
  redirect: 'manual';
  signal: AbortSignal;
}

/** What delivers a request; global `fetch` is one. Only the status is read; the body is discarded. */
export type WebhookSender = (url: string, init: SendInit) => Promise<{ status: number; body?: { cancel(): Promise<void> } | null }>;

export interface Delivery {
  url: string;
  eventId: string;
  body: string;
  secret: string;
}

export interface PostSettings {
  send: WebhookSender;
  timers: Timers;
  timeoutMs: number;
  /** The signature's clock: real time, since the receiver checks it against its own. */
  wallClock: () => Date;
}

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export async function postSigned(delivery: Delivery, settings: PostSettings, stop: AbortSignal): Promise<PostResult> {
  const timestamp = Math.floor(settings.wallClock().getTime() / 1000);
  const timeout = new AbortController();
  const timer = settings.timers.setTimeout(() => timeout.abort(), settings.timeoutMs);
  try {
    const response = await settings.send(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'paid-sandbox-webhooks/1',
        'paid-webhook-id': delivery.eventId,
        'paid-webhook-timestamp': String(timestamp),
        [SIGNATURE_HEADER]: signatureHeaderFor(delivery.body, delivery.secret, timestamp),
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.any([timeout.signal, stop]),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return ok ? { ok, status: response.status } : { ok, status: response.status, error: `answered ${response.status}` };
  } catch (error) {
    const reason = timeout.signal.aborted ? `no answer within ${settings.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return { ok: false, status: null, error: reason };
  } finally {
    settings.timers.clearTimeout(timer);
  }
}
