// Row 6: the sandbox under 500 concurrent completes over distinct checkouts, over HTTP on
// loopback. The sandbox runs in this process (as the e2e suite runs it), so the client's own
// work shares the event loop with the server's: the latencies are an upper bound.
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { startSandbox, type StartedSandbox } from '../sandbox/app.ts';
import { repoRoot } from './lib/server.ts';
import { ms, percentile } from './lib/stats.ts';
import type { Row } from './lib/table.ts';

const CHECKOUTS = 500;

const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function call(sandbox: StartedSandbox, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${sandbox.url}${path}`,
      { method, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

export async function sandboxLoadRows(): Promise<Row[]> {
  const sandbox = await startSandbox({ port: 0, elementScriptPath: `${repoRoot}dist/paid-checkout.js` });
  try {
    const auth = { authorization: `Bearer ${sandbox.secretKey}` };
    const ids: string[] = [];
    for (let batch = 0; batch < CHECKOUTS; batch += 50) {
      const created = await Promise.all(
        Array.from({ length: Math.min(50, CHECKOUTS - batch) }, () =>
          call(sandbox, 'POST', '/api/v2/checkouts', { products: [{ id: 'prod_analytics' }], successUrl: 'https://merchant.example/thanks', collectAddress: false }, auth),
        ),
      );
      for (const answer of created) {
        if (answer.status !== 201) throw new Error(`create checkout: ${answer.status} ${JSON.stringify(answer.body)}`);
        ids.push(String(answer.body.id));
      }
    }

    const started = performance.now();
    const results = await Promise.all(
      ids.map(async (id, index) => {
        const sent = performance.now();
        const answer = await call(
          sandbox,
          'POST',
          `/api/public/checkout/${id}/complete`,
          {
            confirmation_token: `ctoken_test_succeeds_${randomBytes(12).toString('hex')}`,
            return_url: 'https://merchant.example/checkout',
            selections: [{ product_id: 'prod_analytics', plan_id: 'plan_analytics_starter', quantity: 1 }],
            currency: 'usd',
            customer: { name: `Buyer ${index}`, email: `buyer${index}@example.com` },
          },
          { 'idempotency-key': randomUUID() },
        );
        return { id, latency: performance.now() - sent, ...answer };
      }),
    );
    const wall = performance.now() - started;

    const dataOf = (body: Record<string, unknown>) => (body.data ?? {}) as Record<string, unknown>;
    const succeeded = results.filter((result) => result.status === 200 && dataOf(result.body).status === 'succeeded');
    const orderIds = new Set(succeeded.map((result) => String(dataOf(result.body).order_id)));
    const wanted = new Set(ids);
    // None twice: one order per checkout in the store, and each checkout paid once, by that order.
    const ordersOfThese = sandbox.store.orders.list().filter((order) => order.checkoutId !== null && wanted.has(order.checkoutId));
    const completed = ids.filter((id) => {
      const record = sandbox.store.checkouts.get(id);
      return record?.completedAt !== null && record?.orderId !== null && orderIds.has(String(record?.orderId));
    }).length;
    const latencies = results.map((result) => result.latency);
    const failures = results.filter((result) => !succeeded.includes(result));
    const pass = succeeded.length === CHECKOUTS && orderIds.size === CHECKOUTS && ordersOfThese.length === CHECKOUTS && completed === CHECKOUTS;
    return [
      {
        what: `6. sandbox: ${CHECKOUTS} concurrent completes over distinct checkouts (HTTP, loopback)`,
        measured: `${succeeded.length}/${CHECKOUTS} succeeded, ${orderIds.size} distinct orders, ${completed} checkouts completed, ${ordersOfThese.length} orders in the store for them; latency p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, all in ${ms(wall)}${failures.length > 0 ? `; first failure: ${failures[0]!.status} ${JSON.stringify(failures[0]!.body)}` : ''}`,
        goal: 'all succeed, none twice; report p50/p99',
        verdict: pass ? 'pass' : 'FAIL',
      },
    ];
  } finally {
    agent.destroy();
    await sandbox.close();
  }
}
