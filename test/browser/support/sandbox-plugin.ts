// Starts the sandbox beside web-test-runner and lets browser tests drive it through server
// commands: create checkouts with the secret key (as a merchant server would) and move its clock.
import type { TestRunnerPlugin } from '@web/test-runner';
import { startSandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../sandbox/clock.ts';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export async function startTestSandbox(): Promise<Sandbox> {
  return startSandbox({ port: 0, clock: createAdjustableClock() });
}

interface CreateCheckoutPayload {
  body: Record<string, unknown>;
  account?: 'main' | 'no_stripe';
}

async function privateRequest(sandbox: Sandbox, method: string, path: string, body: unknown, key: string) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export function sandboxCommandsPlugin(sandbox: Sandbox): TestRunnerPlugin {
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
