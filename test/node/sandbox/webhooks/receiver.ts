// Test machinery for webhooks: a real HTTP receiver on 127.0.0.1 that can be taken down and
// brought back on the same port, a list that resolves waiters as entries arrive, and a hub with tiny delays.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookHub, type DeliveryReport, type WebhookHub, type WebhookHubOptions } from '../../../../sandbox/webhooks/index.ts';

/** Entries in arrival order; `until` resolves as soon as they satisfy a predicate (no polling, no sleeps). */
export interface Log<T> {
  readonly entries: readonly T[];
  push(entry: T): void;
  until(predicate: (entries: readonly T[]) => boolean): Promise<void>;
}

export function createLog<T>(): Log<T> {
  const entries: T[] = [];
  let waiters: Array<{ predicate: (entries: readonly T[]) => boolean; resolve: () => void }> = [];
  return {
    entries,
    push(entry) {
      entries.push(entry);
      const ready = waiters.filter((waiter) => waiter.predicate(entries));
      waiters = waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve();
    },
    until(predicate) {
      if (predicate(entries)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

export interface ReceivedRequest {
  method: string;
  path: string;
  eventId: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered, or null when it held the request unanswered. */
  status: number | null;
}

export interface Envelope {
  id: string;
  type: string;
  createdAt: string;
  account?: string;
  test?: boolean;
  data: { object: unknown };
}

/** How the receiver answers the nth request (1-based): a status (a 3xx points back here), or `hold` to never answer. */
export type AnswerPolicy = (request: { eventId: string; body: string; count: number }) => number | 'hold';

export interface Receiver {
  readonly url: string;
  readonly log: Log<ReceivedRequest>;
  answer: AnswerPolicy;
  /** Closes the server and every open connection: deliveries then fail to connect. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

export async function startReceiver(answer: AnswerPolicy = () => 204): Promise<Receiver> {
  const log = createLog<ReceivedRequest>();
  const held: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const eventId = String(request.headers['paid-webhook-id'] ?? '');
      const decision = receiver.answer({ eventId, body, count: log.entries.length + 1 });
      if (decision === 'hold') held.push(response);
      // A redirect points back here, so a sender that followed it would be seen doing so.
      else response.writeHead(decision, decision >= 300 && decision < 400 ? { location: '/hooks?redirected' } : {}).end();
      log.push({ method: request.method ?? '', path: request.url ?? '', eventId, headers: request.headers, body, status: decision === 'hold' ? null : decision });
    });
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(0);
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hooks`,
    log,
    answer,
    async stop() {
      for (const response of held.splice(0)) response.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
    async restart() {
      await listen(port);
    },
  };
  return receiver;
}

export function envelopeOf(request: ReceivedRequest): Envelope {
  return JSON.parse(request.body) as Envelope;
}

/** The requests answered 2xx, i.e. the deliveries that count. */
export function accepted(entries: readonly ReceivedRequest[]): ReceivedRequest[] {
  return entries.filter((request) => request.status !== null && request.status >= 200 && request.status < 300);
}

export const testApiKeys = { main: 'sk_test_webhooks', no_stripe: 'sk_test_webhooks_no_stripe' } as const;

/** A hub with tiny waits between many attempts, its delivery reports in a log. */
export function startTestHub(options: Partial<WebhookHubOptions> = {}): { hub: WebhookHub; reports: Log<DeliveryReport> } {
  const reports = createLog<DeliveryReport>();
  const hub = createWebhookHub({
    apiKeys: testApiKeys,
    retryDelaysMs: Array.from({ length: 2_000 }, () => 5),
    attemptTimeoutMs: 5_000,
    onDelivery: (report) => reports.push(report),
    ...options,
  });
  return { hub, reports };
}
