// The sandbox in-process (on a free port) serving the production script-tag build, and the
// merchant-server side of a purchase: creating a session and reading it back with the secret key.
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { startSandbox, type StartedSandbox } from '../../../sandbox/app.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const distDirectory = `${repoRoot}dist/`;

export function assertBuilt(): void {
  for (const file of ['paid-checkout.js', 'paid-checkout.iife.js', 'esm/index.js', 'esm/react.js', 'types/index.d.ts']) {
    if (!existsSync(`${distDirectory}${file}`)) throw new Error(`dist/${file} is missing: run \`node scripts/build.mjs\` first`);
  }
}

export async function startTestSandbox(): Promise<StartedSandbox> {
  assertBuilt();
  return startSandbox({ port: 0, elementScriptPath: `${distDirectory}paid-checkout.js` });
}

export interface Session {
  id: string;
  url: string;
  status: string;
  orderId?: string | null;
}

/** A private API call with the secret key; throws unless the answer is 2xx. */
export async function privateCall<T>(sandbox: StartedSandbox, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.secretKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const payload = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(payload)}`);
  return payload;
}

/** What a merchant's server does before showing the element: one session for one plan product. */
export function createSession(sandbox: StartedSandbox, successUrl: string): Promise<Session> {
  return privateCall<Session>(sandbox, 'POST', '/api/v2/checkouts', {
    products: [{ id: 'prod_analytics' }],
    successUrl,
    cancelUrl: successUrl.replace(/\?.*$/, '?cancelled=1'),
    // The sandbox collects an address by default (Paid's guide); these journeys buy without one.
    collectAddress: false,
  });
}

export function readSession(sandbox: StartedSandbox, id: string): Promise<Session> {
  return privateCall<Session>(sandbox, 'GET', `/api/v2/checkouts/${id}`);
}
