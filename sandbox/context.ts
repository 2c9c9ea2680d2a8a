// What the services need (the store and the clock), and what every route handler needs besides:
// the key, the per-checkout lock, the webhooks, and where the sandbox is reachable and its files are.
import type { IncomingMessage } from 'node:http';
import type { Clock } from './clock.ts';
import type { KeyedMutex } from './mutex.ts';
import type { Store } from './store.ts';
import type { WebhookHub } from './webhooks/index.ts';

/** What a service reads and changes: the store, at the sandbox's now. */
export interface ServiceContext {
  store: Store;
  clock: Clock;
}

export interface SandboxContext extends ServiceContext {
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
