// The sandbox backend: a request handler that serves the checkout contract (private API, public
// API, hosted pages, the Stripe stand-in) and a helper that runs it on its own HTTP server (with
// its root page).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { asAdjustable, systemClock, type AdjustableClock, type Clock } from './clock.ts';
import { announceExpired } from './announcements.ts';
import { noStripeKeyOf } from './auth.ts';
import type { SandboxContext } from './context.ts';
import { seedFixtures } from './fixtures.ts';
import { ApiError, corsHeadersFor, dispatch, sendFailure, sendPreflight } from './http.ts';
import { createKeyedMutex } from './mutex.ts';
import { assets, CHUNK_PATH } from './routes/assets.ts';
import { privateApi } from './routes/private/index.ts';
import { isPublicPath, publicApi } from './routes/public.ts';
import { rootPageRoute } from './routes/root.ts';
import { stripeSideDoor } from './routes/stripe.ts';
import { createMemoryStore, type Store } from './store.ts';
import { createWebhookHub, type WebhookHub, type WebhookHubOptions } from './webhooks/index.ts';

export const DEFAULT_PORT = 4040;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_SECRET_KEY = 'sk_test_paid_sandbox_dev';

export interface SandboxOptions {
  /** Port for `startSandbox` (default 4040; 0 picks a free one). */
  port?: number;
  /** Interface for `startSandbox` (default 127.0.0.1). */
  host?: string;
  /** The main account's key (default `sk_test_paid_sandbox_dev`); `<key>_no_stripe` opens the account without Stripe. */
  secretKey?: string;
  /** What "now" is; default the system clock. The sandbox's `clock` is this one when it is adjustable, else one on top of it. */
  clock?: Clock;
  store?: Store;
  /** Origin used in `checkout.url` and the hosted page; default http://host:port, or the request's Host. */
  publicUrl?: string;
  /** The built element (default <repo>/dist/paid-checkout.js), served at /paid-checkout.js, its chunks beside it. */
  elementScriptPath?: string;
  /** Webhook delivery settings (retry schedule, sender, timers); the keys and clock come from the sandbox. */
  webhooks?: Omit<WebhookHubOptions, 'apiKeys' | 'clock'>;
  /** Seed the fixtures into an empty store (default true). */
  seed?: boolean;
  /**
   * Answer `GET /` with the sandbox's page (keys, routes, test cards, recent checkouts and
   * receipts). Default: true for `startSandbox`, false for `createSandbox`, whose host (the demo)
   * serves its own root.
   */
  rootPage?: boolean;
  /**
   * For `startSandbox`: how long a client may take to send a whole request (default 30 s). A
   * client that trickles its headers or body slower is answered 408 and cut off, so that slow
   * connections cannot hold the sandbox's sockets forever.
   */
  requestTimeoutMs?: number;
}

export interface Sandbox {
  /** Serves a sandbox route; resolves false when the path is not one, so that the caller can handle it. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** Stops the expiry sweep and webhook deliveries (pending retries are dropped). */
  stop(): void;
  store: Store;
  clock: AdjustableClock;
  secretKey: string;
  webhooks: WebhookHub;
  publicUrl: string | undefined;
  setPublicUrl(url: string): void;
}

const defaultElementScriptPath = fileURLToPath(new URL('../dist/paid-checkout.js', import.meta.url));
/** The Stripe stand-in's file: beside this module in the repository, and beside the built sandbox in dist/. */
export const standInScriptPath = fileURLToPath(new URL('./stripe-standin.js', import.meta.url));

function isCorsPath(pathname: string): boolean {
  return isPublicPath(pathname) || pathname.startsWith('/sandbox/') || pathname.startsWith('/paid-checkout.js') || CHUNK_PATH.test(pathname);
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const clock = asAdjustable(options.clock ?? systemClock);
  const store = options.store ?? createMemoryStore({ clock });
  const secretKey = options.secretKey ?? DEFAULT_SECRET_KEY;
  if (options.seed !== false && !store.products.get('prod_analytics')) seedFixtures(store, clock.now());

  let publicUrl = options.publicUrl?.replace(/\/+$/, '');
  const webhooks = createWebhookHub({ ...options.webhooks, apiKeys: { main: secretKey, no_stripe: noStripeKeyOf(secretKey) }, clock });
  const context: SandboxContext = {
    store,
    clock,
    secretKey,
    webhooks,
    lockCheckout: createKeyedMutex(),
    publicUrlFor: (request) => publicUrl ?? `http://${request.headers.host ?? `${DEFAULT_HOST}:${DEFAULT_PORT}`}`,
    elementScriptPath: options.elementScriptPath ?? defaultElementScriptPath,
    standInScriptPath,
  };

  // The first table that owns a path serves it; assets own every other path and leave it to the caller.
  const tables = [privateApi, publicApi, stripeSideDoor, ...(options.rootPage ? [rootPageRoute] : []), assets];

  const fallbackPublicUrl = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
  // Expiry is a matter of time, not of requests: swept each second, and before each request (a
  // moved test clock takes effect at once). A sweep reads only the checkouts whose expiry has come.
  const sweepExpired = (url: string) => announceExpired(context, url);
  const sweep = setInterval(() => sweepExpired(publicUrl ?? fallbackPublicUrl), 1000);
  sweep.unref();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    sweepExpired(context.publicUrlFor(request));
    if (isCorsPath(url.pathname)) {
      for (const [name, value] of Object.entries(corsHeadersFor(request))) response.setHeader(name, value);
    }
    try {
      if (request.method === 'OPTIONS' && isCorsPath(url.pathname)) {
        sendPreflight(response);
        return true;
      }
      return await dispatch(tables, { context, request, response, url, params: [] });
    } catch (error) {
      sendFailure(request, response, error);
      return true;
    }
  }

  return {
    handle,
    stop() {
      clearInterval(sweep);
      webhooks.close();
    },
    store,
    clock,
    secretKey,
    webhooks,
    get publicUrl() {
      return publicUrl;
    },
    setPublicUrl(url) {
      publicUrl = url.replace(/\/+$/, '');
    },
  };
}

export interface StartedSandbox {
  url: string;
  port: number;
  host: string;
  secretKey: string;
  clock: AdjustableClock;
  store: Store;
  webhooks: WebhookHub;
  server: Server;
  close(): Promise<void>;
}

function originOf(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/** Runs the sandbox on its own HTTP server; `port: 0` takes a free port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<StartedSandbox> {
  const sandbox = createSandbox({ ...options, rootPage: options.rootPage ?? true });
  const host = options.host ?? DEFAULT_HOST;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const timeouts = {
    requestTimeout,
    headersTimeout: requestTimeout,
    // How often Node looks for connections over those limits.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeout / 4))),
  };
  const server = createServer(timeouts, (request, response) => {
    void sandbox.handle(request, response).then((handled) => {
      if (!handled) sendFailure(request, response, new ApiError(404, 'not_found', 'No such route.'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = originOf(host, port);
  if (!options.publicUrl) sandbox.setPublicUrl(url);
  return {
    url,
    port,
    host,
    secretKey: sandbox.secretKey,
    clock: sandbox.clock,
    store: sandbox.store,
    webhooks: sandbox.webhooks,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
