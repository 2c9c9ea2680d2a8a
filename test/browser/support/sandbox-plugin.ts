// Starts the sandbox beside web-test-runner and lets browser tests drive it through server
// commands: create checkouts with the secret key (as a merchant server would) and move its clock.
// Each engine gets a fresh one (its fixtures as seeded) at the same URL: tests change fixtures
// (Ada's order is upgraded), and every engine must start from the same state.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestRunnerPlugin } from '@web/test-runner';
import { createSandbox, type Sandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock, type AdjustableClock } from '../../../sandbox/clock.ts';
import { ApiError, sendError } from '../../../sandbox/http.ts';

export interface TestSandbox {
  /** http://127.0.0.1:<port>, the same for every engine. */
  url: string;
  readonly secretKey: string;
  clock: AdjustableClock;
  /** Replaces the sandbox behind the URL by a freshly seeded one, its clock back to now. */
  renew(): void;
  close(): Promise<void>;
}

export async function startTestSandbox(): Promise<TestSandbox> {
  const clock = createAdjustableClock();
  let current: Sandbox = createSandbox({ clock });
  const server = createServer((request, response) => {
    void current.handle(request, response).then((handled) => {
      if (!handled) sendError(response, new ApiError(404, 'not_found', 'No such route.'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  current.setPublicUrl(url);
  return {
    url,
    get secretKey() {
      return current.secretKey;
    },
    clock,
    renew() {
      current.stop();
      clock.reset();
      current = createSandbox({ clock, publicUrl: url });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        current.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface CreateCheckoutPayload {
  body: Record<string, unknown>;
  account?: 'main' | 'no_stripe';
}

async function privateRequest(sandbox: TestSandbox, method: string, path: string, body: unknown, key: string) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export function sandboxCommandsPlugin(sandbox: TestSandbox): TestRunnerPlugin {
  return {
    name: 'paid-sandbox-commands',
    async executeCommand({ command, payload }) {
      switch (command) {
        case 'sandbox-info':
          return { url: sandbox.url, secretKey: sandbox.secretKey };
        case 'sandbox-create-checkout': {
          const { body, account = 'main' } = payload as CreateCheckoutPayload;
          const key = account === 'main' ? sandbox.secretKey : `${sandbox.secretKey}_no_stripe`;
          // The sandbox collects an address unless told not to (Paid's guide); tests that want one say so.
          return privateRequest(sandbox, 'POST', '/api/v2/checkouts', { collectAddress: false, ...body }, key);
        }
        case 'sandbox-request': {
          const { method, path, body } = payload as { method: string; path: string; body?: unknown };
          return privateRequest(sandbox, method, path, body, sandbox.secretKey);
        }
        case 'sandbox-advance-clock':
          sandbox.clock.advance((payload as { ms: number }).ms);
          return { now: sandbox.clock.now().toISOString() };
        case 'sandbox-reset-clock':
          sandbox.clock.reset();
          return { now: sandbox.clock.now().toISOString() };
        default:
          return undefined;
      }
    },
  };
}
