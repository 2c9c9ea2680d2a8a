// The sandbox in-process on a free loopback port, plus the bench's own pages on the same origin
// (so the element, the API and the pages need no CORS between them).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createSandbox, type Sandbox } from '../../sandbox/app.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface BenchServer {
  /** http://127.0.0.1:<port> */
  url: string;
  sandbox: Sandbox;
  /** Serves `body` at `path`, as HTML unless `contentType` says otherwise (before the sandbox's own routes). */
  page(path: string, body: string, contentType?: string): void;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const sandbox = createSandbox({ elementScriptPath: `${repoRoot}dist/paid-checkout.js` });
  const pages = new Map<string, { body: string; contentType: string }>();
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://bench.invalid');
    // The delaying proxy: `/delay/<ms>/…` is the sandbox's `/…`, answered <ms> later. An element
    // whose api-base ends in /delay/<ms> gets every API answer that late, with no interception.
    const delayed = /^\/delay\/(\d+)(\/.*)$/.exec(request.url ?? '');
    if (delayed) {
      request.url = delayed[2];
      setTimeout(() => void sandbox.handle(request, response), Number(delayed[1]));
      return;
    }
    const page = pages.get(pathname);
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': page.contentType, 'cache-control': 'no-store' });
      response.end(page.body);
      return;
    }
    void sandbox.handle(request, response).then((handled) => {
      if (!handled) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('Not found');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox.setPublicUrl(url);
  return {
    url,
    sandbox,
    page: (path, body, contentType = 'text/html; charset=utf-8') => void pages.set(path, { body, contentType }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** What a merchant's server does: one session over the private API; returns its id. */
export async function createCheckout(server: BenchServer, products: string[]): Promise<string> {
  const response = await fetch(`${server.url}/api/v2/checkouts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.sandbox.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ products: products.map((id) => ({ id })), successUrl: 'https://merchant.example/thanks', collectAddress: false }),
  });
  const body = (await response.json()) as { id?: string };
  if (response.status !== 201 || !body.id) throw new Error(`create checkout: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}
