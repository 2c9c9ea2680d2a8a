// Browser-side handles on the test sandbox (see sandbox-plugin.ts): the shared one, whose clock
// never moves, and sandboxes of a test's own, whose clock that test may move.
import { executeServerCommand } from '@web/test-runner-commands';

declare global {
  interface Window {
    __PAID_SANDBOX_URL__: string;
  }
}

/** The shared sandbox's origin: pass it as the element's `api-base`. */
export const sandboxUrl: string = window.__PAID_SANDBOX_URL__;

export interface CreatedCheckout {
  id: string;
  url: string;
  successUrl: string;
  [field: string]: unknown;
}

/** Which sandbox a command acts on: the shared one (`undefined`) or an own one's id. */
type Target = string | undefined;

async function createCheckoutOn(sandbox: Target, body: Record<string, unknown>, account: 'main' | 'no_stripe'): Promise<CreatedCheckout> {
  const result = await sandboxCommand<{ status: number; body: CreatedCheckout } | undefined>('sandbox-create-checkout', { body, account, sandbox });
  if (!result || result.status !== 201) throw new Error(`create checkout failed: ${JSON.stringify(result)}`);
  return result.body;
}

async function requestOn<T>(sandbox: Target, method: string, path: string, body?: unknown) {
  return sandboxCommand<{ status: number; body: T }>('sandbox-request', { method, path, body, sandbox });
}

/** Creates a checkout session on the shared sandbox as a merchant server would; throws unless it answers 201. */
export async function createCheckout(body: Record<string, unknown>, account: 'main' | 'no_stripe' = 'main'): Promise<CreatedCheckout> {
  return createCheckoutOn(undefined, body, account);
}

/** A private API call to the shared sandbox with the secret key, e.g. `sandboxRequest('GET', '/api/v2/orders')`. */
export async function sandboxRequest<T = unknown>(method: string, path: string, body?: unknown) {
  return requestOn<T>(undefined, method, path, body);
}

/**
 * A freshly seeded sandbox of one test's own (the shared one's accounts, products and customers),
 * on its own origin. Its clock is the test's to move: no other test sees it. The page's Stripe
 * stand-in is the shared sandbox's, which hands the 3-D Secure answers and the test bank of a
 * payment on this one over to it.
 */
export interface OwnSandbox {
  readonly id: string;
  /** Its origin: the element's `api-base` for the checkouts created on it. */
  readonly url: string;
  createCheckout(body: Record<string, unknown>, account?: 'main' | 'no_stripe'): Promise<CreatedCheckout>;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T } | undefined>;
  /** Moves its clock forward by `ms` (the browser's own clock is the test's business). */
  advanceClock(ms: number): Promise<void>;
  /** Its clock back to real time. */
  resetClock(): Promise<void>;
  /**
   * The merchant edits a plan's price in `currency` (to `amount` minor units), as Paid's dashboard
   * would: no API route edits a price. The open checkouts sell at it at once.
   */
  editPrice(productId: string, planId: string, currency: string, amount: number): Promise<void>;
  /** Stops it; again does nothing. A test that does not is cleaned up after by this module's `afterEach`. */
  dispose(): Promise<void>;
}

/** Runs one of the sandbox plugin's commands; rejects with the plugin's reason when it refuses. */
export async function sandboxCommand<T>(command: string, payload: Record<string, unknown>): Promise<T> {
  const result = await executeServerCommand<T | { refused: string }, unknown>(command, payload);
  if (result && typeof result === 'object' && 'refused' in result) throw new Error(result.refused);
  return result as T;
}

const running = new Set<OwnSandbox>();

/** Starts a sandbox of the calling test's own; dispose of it in a `finally` (see test/README.md). */
export async function ownSandbox(): Promise<OwnSandbox> {
  const started = await executeServerCommand<{ id: string; url: string }, unknown>('sandbox-own-start', {});
  if (!started) throw new Error('the sandbox plugin did not start a sandbox (is it in web-test-runner.config.mjs?)');
  const { id, url } = started;
  const own: OwnSandbox = {
    id,
    url,
    createCheckout: (body, account = 'main') => createCheckoutOn(id, body, account),
    request: (method, path, body) => requestOn(id, method, path, body),
    async advanceClock(ms) {
      await sandboxCommand('sandbox-advance-clock', { ms, sandbox: id });
    },
    async resetClock() {
      await sandboxCommand('sandbox-reset-clock', { sandbox: id });
    },
    async editPrice(productId, planId, currency, amount) {
      const edited = await sandboxCommand<{ amount: number }>('sandbox-edit-price', { sandbox: id, productId, planId, currency, amount });
      if (edited?.amount !== amount) throw new Error(`the sandbox did not edit the price: ${JSON.stringify(edited)}`);
    },
    async dispose() {
      if (!running.delete(own)) return;
      await sandboxCommand('sandbox-own-dispose', { sandbox: id });
    },
  };
  running.add(own);
  return own;
}

// A test that failed before its `finally`, or forgot one, leaves no sandbox running behind it
// (and the plugin stops any left when the runner stops).
afterEach(async () => {
  await Promise.all([...running].map((own) => own.dispose()));
});
