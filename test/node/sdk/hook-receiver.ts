// A merchant's webhook endpoint on a free loopback port: answers 200 and hands each delivery to
// whoever waits for the next one.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HookReceiver {
  url: string;
  deliveries: Delivery[];
  /** The next delivery to arrive after this call; rejects after `timeoutMs` with a message saying none came. */
  next(timeoutMs?: number): Promise<Delivery>;
  close(): Promise<void>;
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const deliveries: Delivery[] = [];
  const waiting = new Set<(delivery: Delivery) => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const delivery = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      deliveries.push(delivery);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      for (const resolve of waiting) resolve(delivery);
      waiting.clear();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    next(timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(settle);
          reject(new Error(`no webhook delivery reached ${port} within ${timeoutMs} ms`));
        }, timeoutMs);
        const settle = (delivery: Delivery) => {
          clearTimeout(timer);
          resolve(delivery);
        };
        waiting.add(settle);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
