// Starts the sandbox beside web-test-runner and lets browser tests drive it through server
// commands: create checkouts with the secret key (as a merchant server would), call the private
// API, and give a test a sandbox of its own whose clock it may move and whose prices it may edit.
// The shared sandbox serves every file of a run, two at a time (the config's `concurrency`): its
// clock never moves, or a file running beside the one that moved it would see its checkouts
// expire and its prorations change. A test that needs another time starts its own instance
// (`sandbox-own-start`), freshly seeded, on a port of its own, and disposes of it when it ends.
// Each engine gets a fresh shared sandbox (its fixtures as seeded) at the same URL: tests change
// fixtures (Ada's order is upgraded), and every engine must start from the same state.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestRunnerPlugin } from '@web/test-runner';
import { createSandbox, startSandbox, type Sandbox, type StartedSandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../sandbox/clock.ts';
import { ApiError, corsHeadersFor, sendError } from '../../../sandbox/http.ts';

/** A sandbox of one test's own: its clock is that test's to move. */
interface OwnInstance {
  id: string;
  started: StartedSandbox;
}

export interface TestSandbox {
  /** http://127.0.0.1:<port>, the same for every engine. */
  url: string;
  readonly secretKey: string;
  /** Replaces the sandbox behind the URL by a freshly seeded one. */
  renew(): void;
  /** Starts a freshly seeded sandbox of its own for a test, on its own port. */
  startOwn(): Promise<OwnInstance>;
  /** The own instance `id`; throws when there is none (never started, or disposed of). */
  own(id: string): OwnInstance;
  /** Stops the own instance `id`; nothing when it is stopped already. */
  disposeOwn(id: string): Promise<void>;
  /** How many own instances run (the leftovers of a test that did not dispose of its own). */
  readonly ownCount: number;
  /** Stops the shared sandbox and every own instance still running. */
  close(): Promise<void>;
}

/**
 * The own instance that holds the payment intent a call to the stand-in's side door names. The
 * page loads the stand-in from the shared sandbox, so its 3-D Secure answer and its test bank go
 * there (`/sandbox/stripe/…`), whichever sandbox the checkout is on. The challenge's answer is
 * handed on to the owner; the bank's page sends the customer to the owner's (its form posts to
 * its own origin). A form posted to the shared sandbox's bank is its own: post to the owner's.
 */
function sideDoorOwner(request: IncomingMessage, ownerOf: (paymentIntentId: string) => OwnInstance | undefined) {
  const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
  const authenticate = /^\/sandbox\/stripe\/payment_intents\/([^/]+)\/authenticate$/.exec(url.pathname);
  if (authenticate && request.method === 'POST') return { kind: 'forward' as const, owner: ownerOf(decodeURIComponent(authenticate[1]!)) };
  // The bank's page posts its form to its own origin: the customer is sent to the owner's.
  if (url.pathname === '/sandbox/stripe/bank' && request.method === 'GET') {
    return { kind: 'redirect' as const, owner: ownerOf(url.searchParams.get('payment_intent') ?? '') };
  }
  return undefined;
}

/** Sends `request` on to `target`'s server as it came (headers, body), and its answer back as it comes. */
function forward(request: IncomingMessage, response: ServerResponse, target: string): void {
  const outgoing = httpRequest(new URL(request.url ?? '/', target), { method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  outgoing.on('error', (error) => {
    if (response.headersSent) response.destroy(error);
    else sendError(response, new ApiError(502, 'bad_gateway', `The test sandbox ${target} did not answer: ${error.message}`));
  });
  request.pipe(outgoing);
}

export async function startTestSandbox(): Promise<TestSandbox> {
  let current: Sandbox = createSandbox();
  const owns = new Map<string, OwnInstance>();
  let ownSerial = 0;
  const ownerOf = (paymentIntentId: string) => [...owns.values()].find((own) => own.started.store.paymentIntents.get(paymentIntentId));

  const server = createServer((request, response) => {
    const sideDoor = sideDoorOwner(request, ownerOf);
    if (sideDoor?.owner && sideDoor.kind === 'forward') return forward(request, response, sideDoor.owner.started.url);
    if (sideDoor?.owner && sideDoor.kind === 'redirect') {
      const location = new URL(request.url ?? '/', sideDoor.owner.started.url).href;
      response.writeHead(307, { ...corsHeadersFor(request), location }).end();
      return;
    }
    void current.handle(request, response).then((handled) => {
      if (!handled) sendError(response, new ApiError(404, 'not_found', 'No such route.'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  current.setPublicUrl(url);

  async function disposeOwn(id: string): Promise<void> {
    const own = owns.get(id);
    if (!own) return;
    owns.delete(id);
    own.started.server.closeAllConnections();
    await own.started.close();
  }

  return {
    url,
    get secretKey() {
      return current.secretKey;
    },
    renew() {
      current.stop();
      current = createSandbox({ publicUrl: url });
    },
    async startOwn() {
      ownSerial += 1;
      const id = `own_${ownSerial}`;
      const started = await startSandbox({ port: 0, clock: createAdjustableClock(), rootPage: false });
      const own = { id, started };
      owns.set(id, own);
      return own;
    },
    own(id) {
      const own = owns.get(id);
      if (!own) throw new Refusal(`No sandbox ${JSON.stringify(id)} of a test's own runs (never started, or disposed of already).`);
      return own;
    },
    disposeOwn,
    get ownCount() {
      return owns.size;
    },
    async close() {
      await Promise.all([...owns.keys()].map(disposeOwn));
      await new Promise<void>((resolve, reject) => {
        current.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** Which sandbox a command acts on: the shared one, or the own instance a test started. */
interface Target {
  /** The id `sandbox-own-start` answered; none for the shared sandbox. */
  sandbox?: string;
}

interface CreateCheckoutPayload extends Target {
  body: Record<string, unknown>;
  account?: 'main' | 'no_stripe';
}

async function privateRequest(baseUrl: string, method: string, path: string, body: unknown, key: string) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const SHARED_CLOCK_STAYS =
  'The shared test sandbox’s clock does not move: the files running beside this one would see it ' +
  '(their checkouts expire, their prorations change). Move the clock of a sandbox of the test’s own: ' +
  '`const own = await ownSandbox(); … await own.advanceClock(ms)` (test/README.md, “A test that moves the clock”).';

const SHARED_PRICES_STAY =
  'The shared test sandbox’s prices do not change: the files running beside this one would be ' +
  'charged them. Edit a price of a sandbox of the test’s own: `const own = await ownSandbox(); … ' +
  'await own.editPrice(…)`.';

export function sandboxCommandsPlugin(sandbox: TestSandbox): TestRunnerPlugin {
  const target = (payload: unknown) => {
    const id = (payload as Target | undefined)?.sandbox;
    if (id === undefined) return { url: sandbox.url, secretKey: sandbox.secretKey, own: undefined };
    const own = sandbox.own(id);
    return { url: own.started.url, secretKey: own.started.secretKey, own };
  };
  const ownClock = (payload: unknown) => {
    const { own } = target(payload);
    if (!own) throw new Refusal(SHARED_CLOCK_STAYS);
    return own.started.clock;
  };
  return {
    name: 'paid-sandbox-commands',
    async serverStop() {
      await sandbox.close();
    },
    async executeCommand({ command, payload }) {
      // A refusal is an answer, thrown again in the page by support/sandbox.ts's sandboxCommand: a
      // command that throws here is printed as an error in the run's log, as if a test had failed.
      try {
        return await run(command, payload);
      } catch (error) {
        if (error instanceof Refusal) return { refused: error.message };
        throw error;
      }
    },
  };

  async function run(command: string, payload: unknown): Promise<unknown> {
    switch (command) {
      case 'sandbox-info': {
        const { url, secretKey } = target(payload);
        return { url, secretKey };
      }
      case 'sandbox-own-start': {
        const own = await sandbox.startOwn();
        return { id: own.id, url: own.started.url };
      }
      case 'sandbox-own-dispose':
        await sandbox.disposeOwn((payload as Required<Target>).sandbox);
        return { disposed: true };
      case 'sandbox-create-checkout': {
        const { body, account = 'main' } = payload as CreateCheckoutPayload;
        const { url, secretKey } = target(payload);
        const key = account === 'main' ? secretKey : `${secretKey}_no_stripe`;
        // The sandbox collects an address unless told not to (Paid's guide); tests that want one say so.
        return privateRequest(url, 'POST', '/api/v2/checkouts', { collectAddress: false, ...body }, key);
      }
      case 'sandbox-request': {
        const { method, path, body } = payload as { method: string; path: string; body?: unknown };
        const { url, secretKey } = target(payload);
        return privateRequest(url, method, path, body, secretKey);
      }
      case 'sandbox-advance-clock': {
        const clock = ownClock(payload);
        clock.advance((payload as { ms: number }).ms);
        return { now: clock.now().toISOString() };
      }
      case 'sandbox-reset-clock': {
        const clock = ownClock(payload);
        clock.reset();
        return { now: clock.now().toISOString() };
      }
      case 'sandbox-edit-price': {
        // As the merchant would in Paid's dashboard: no API of Paid's (or ours) edits a price.
        const { own } = target(payload);
        if (!own) throw new Refusal(SHARED_PRICES_STAY);
        const { productId, planId, currency, amount } = payload as { productId: string; planId: string; currency: string; amount: number };
        const { products } = own.started.store;
        const product = products.get(productId);
        const plan = product?.plans.find((candidate) => candidate.id === planId);
        if (!product || !plan?.prices.some((price) => price.currency === currency)) throw new Refusal(`No ${currency} price of ${productId}'s ${planId} to edit.`);
        plan.prices = plan.prices.map((price) => (price.currency === currency ? { ...price, amount } : price));
        products.put(product);
        return { amount };
      }
      default:
        return undefined;
    }
  }
}

/** What a command refuses to do, and says why. */
class Refusal extends Error {}
