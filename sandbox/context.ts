// What every route handler needs: the store, the clock, the key, the per-checkout lock, and
// where the sandbox is reachable and its files are.
import type { IncomingMessage } from 'node:http';
import type { Clock } from './clock.ts';
import type { KeyedMutex } from './mutex.ts';
import type { Store } from './store.ts';
import type { WebhookHub } from './webhooks/index.ts';

export interface SandboxContext {
  store: Store;
  clock: Clock;
  secretKey: string;
  /** Serializes complete/finalize/archive of one checkout. */
  lockCheckout: KeyedMutex;
  /** The origin in checkout URLs and the hosted page: the configured one, else the request's own. */
  publicUrlFor(request: IncomingMessage): string;
  /** The accounts' webhooks: configured by the private API, fed by the services. */
  webhooks: WebhookHub;
  elementScriptPath: string;
  standInScriptPath: string;
}
