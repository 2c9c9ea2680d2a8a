// `paid-checkout/sandbox`: the sandbox as a library for a merchant's own tests. Start it on a free
// port, read its URL, keys, clock and receipts, stop it. Its types stand alone: the published
// .d.ts names nothing a package user lacks.
import { DEFAULT_SECRET_KEY, standInScriptPath, startSandbox as startServer } from './app.ts';
import { noStripeKeyOf, secretKeyProblem } from './auth.ts';
import { createAdjustableClock } from './clock.ts';
import { receiptObject } from './serializers/receipts.ts';

export interface StartSandboxOptions {
  /** Port to listen on; 0 (the default) takes a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** The private API's key (default `sk_test_paid_sandbox_dev`): 8 to 200 characters without spaces. */
  secretKey?: string;
  /** Seed the fixtures: products `prod_analytics` …, customers `cus_ada`, `cus_grace` (default true). */
  seed?: boolean;
  /** Where the sandbox's clock starts (default now); it runs on from there. */
  now?: Date;
}

/** The sandbox's "now": every expiry, proration, receipt and webhook reads it. */
export interface SandboxClock {
  now(): Date;
  /** Moves the clock forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void;
  /** Jumps to `date`; the clock runs on from there. */
  set(date: Date): void;
}

export interface SandboxReceiptLine {
  productId: string;
  description: string;
  quantity: number;
  /** What the line charged today with its tax, in minor units: the lines add up to the receipt's `amount`. */
  amount: number;
  /** The tax in `amount` (0 when none was charged). */
  tax: number;
}

/** A receipt the sandbox would have emailed when a checkout was paid (it sends no mail). */
export interface SandboxReceipt {
  id: string;
  /** The paying customer's email address. */
  to: string;
  customerId: string;
  customerName: string;
  checkoutId: string;
  orderId: string;
  invoiceId: string;
  paymentIntentId: string;
  /** What was charged, tax included, in minor units: the invoice's `invoiceTotal`. */
  amount: number;
  /** The tax in `amount`: the invoice's `taxAmount`. */
  tax: number;
  /** Upper case, as Paid writes it (`USD`). */
  currency: string;
  lines: SandboxReceiptLine[];
  /** ISO 8601, by the sandbox's clock. */
  sentAt: string;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>`: the element's `api-base`; the private API is at `${url}/api/v2`. */
  url: string;
  port: number;
  /** The private API's key (`Authorization: Bearer <key>`), for Paid's SDK or your own client. */
  secretKey: string;
  /** The key of an account without Stripe: its checkouts say payments are not set up. */
  noStripeSecretKey: string;
  /** The Stripe stand-in, served by this sandbox: load it before the element, in tests and development only. */
  standInUrl: string;
  clock: SandboxClock;
  /** The receipts recorded so far, oldest first (the same objects as `GET /api/v2/sandbox/receipts`, for every account). */
  receipts(): SandboxReceipt[];
  /** Stops the server and frees its port; calling it again changes nothing. */
  stop(): Promise<void>;
}

/** The Stripe stand-in script's absolute path in the installed package, for a page or bundler that serves it itself. */
export const standInPath: string = standInScriptPath;

/** A bad option of `startSandbox`; `code` is stable. */
export class SandboxOptionError extends TypeError {
  readonly code = 'invalid_sandbox_option';
  constructor(message: string) {
    super(`paid-checkout/sandbox: ${message}`);
    this.name = 'SandboxOptionError';
  }
}

function checked(options: StartSandboxOptions): void {
  const { port, secretKey, now } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new SandboxOptionError(`port must be a whole number from 0 to 65535, not ${String(port)}`);
  }
  const keyProblem = secretKey === undefined ? null : secretKeyProblem(secretKey);
  if (keyProblem) throw new SandboxOptionError(keyProblem);
  if (now !== undefined && !(now instanceof Date && Number.isFinite(now.getTime()))) {
    throw new SandboxOptionError('now must be a valid Date');
  }
}

/** Starts a sandbox on its own HTTP server (on a free port unless told otherwise). */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  checked(options);
  const clock = createAdjustableClock(options.now);
  const server = await startServer({
    port: options.port ?? 0,
    ...(options.host === undefined ? {} : { host: options.host }),
    secretKey: options.secretKey ?? DEFAULT_SECRET_KEY,
    seed: options.seed ?? true,
    clock,
  });
  let stopped: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    secretKey: server.secretKey,
    noStripeSecretKey: noStripeKeyOf(server.secretKey),
    standInUrl: `${server.url}/sandbox/stripe-standin.js`,
    clock: {
      now: () => clock.now(),
      advance: (ms) => clock.advance(ms),
      set: (date) => clock.set(date),
    },
    receipts: (): SandboxReceipt[] => server.store.receipts.list().map(receiptObject),
    stop() {
      stopped ??= server.close();
      return stopped;
    },
  };
}
