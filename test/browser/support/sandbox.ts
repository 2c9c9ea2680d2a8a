// Browser-side handles on the test sandbox (see sandbox-plugin.ts).
import { executeServerCommand } from '@web/test-runner-commands';

declare global {
  interface Window {
    __PAID_SANDBOX_URL__: string;
  }
}

/** The sandbox origin: pass it as the element's `api-base`. */
export const sandboxUrl: string = window.__PAID_SANDBOX_URL__;

export interface CreatedCheckout {
  id: string;
  url: string;
  successUrl: string;
  [field: string]: unknown;
}

/** Creates a checkout session as a merchant server would; throws unless the sandbox answers 201. */
export async function createCheckout(
  body: Record<string, unknown>,
  account: 'main' | 'no_stripe' = 'main',
): Promise<CreatedCheckout> {
  const result = await executeServerCommand<{ status: number; body: CreatedCheckout }, unknown>(
    'sandbox-create-checkout',
    { body, account },
  );
  if (!result || result.status !== 201) throw new Error(`create checkout failed: ${JSON.stringify(result)}`);
  return result.body;
}

/** A private API call with the secret key, e.g. `sandboxRequest('GET', '/api/v2/orders')`. */
export async function sandboxRequest<T = unknown>(method: string, path: string, body?: unknown) {
  return executeServerCommand<{ status: number; body: T }, unknown>('sandbox-request', { method, path, body });
}

/** Moves the sandbox's clock forward (the browser's own clock is the test's business). */
export async function advanceSandboxClock(ms: number): Promise<void> {
  await executeServerCommand('sandbox-advance-clock', { ms });
}

export async function resetSandboxClock(): Promise<void> {
  await executeServerCommand('sandbox-reset-clock', {});
}
