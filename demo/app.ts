// The demo in one process on one port: the sandbox API and hosted pages, and a merchant site whose
// server uses Paid's Node SDK: sessions created per scenario, "verify on return" on its success
// page, and its own webhook endpoint, configured at start, that fulfils from the webhook alone.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PaidClient } from '@paid-ai/paid-node';
import { createSandbox, type Sandbox, type SandboxOptions } from '../sandbox/app.ts';
import { noStripeKeyOf } from '../sandbox/auth.ts';
import { Fulfilments } from './merchant/fulfilments.ts';
import { receiveWebhook, WEBHOOK_PATH } from './merchant/webhook-receiver.ts';
import { configureWebhooks } from './merchant/webhook-setup.ts';
import { verifyReturn } from './merchant/verify-return.ts';
import { checkoutPage, indexPage, messagePage, successPage, type SuccessCheck } from './pages.ts';
import { ADA_USER_ID, demoScenarios, findScenario } from './scenarios.ts';
import { newUserId, signedInUser, signInCookie } from './signed-in-user.ts';

export interface DemoOptions {
  host?: string;
  /** Default 4000; 0 takes a free port. */
  port?: number;
  /** The sandbox's main key (default the sandbox's). */
  secretKey?: string;
  /** Webhook delivery settings passed to the sandbox (tests hold or count deliveries with `send`). */
  webhooks?: SandboxOptions['webhooks'];
}

export interface Demo {
  origin: string;
  sandbox: Sandbox;
  /** What the merchant's server has provisioned and which webhook deliveries it took. */
  fulfilments: Fulfilments;
  /** The signing secret the merchant verifies deliveries with. */
  signingSecret: string;
  close(): Promise<void>;
}

const assetsDirectory = fileURLToPath(new URL('./public/', import.meta.url));
const assetTypes: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const html = 'text/html; charset=utf-8';
/** Another name of this machine's loopback, with a port: `localhost:4000`, `127.0.0.1:4000`, `[::1]:4000`. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]):\d{1,5}$/i;

function send(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  response.end(body);
}

/** The session as the merchant's server sees it, minus `metadata` (the merchant's own notes). */
function merchantView(session: object): Record<string, unknown> {
  const { metadata: _metadata, ...rest } = session as Record<string, unknown>;
  return rest;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const host = options.host ?? '127.0.0.1';
  const sandbox = createSandbox({
    ...(options.secretKey ? { secretKey: options.secretKey } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  const server = createServer();
  const close = () =>
    new Promise<void>((resolve) => {
      sandbox.stop();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      sandbox.stop();
      reject(error);
    });
    server.listen(options.port ?? 4000, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  sandbox.setPublicUrl(origin);
  // The merchant's server talks to Paid (here the sandbox, over HTTP) with its secret key.
  const paid = new PaidClient({ token: sandbox.secretKey, baseUrl: `${origin}/api/v2` });
  const paidNoStripe = new PaidClient({ token: noStripeKeyOf(sandbox.secretKey), baseUrl: `${origin}/api/v2` });
  const fulfilments = new Fulfilments();
  /** Known once the webhooks are configured; until then every delivery is refused. */
  let signingSecret: string | null = null;

  async function successCheck(request: IncomingMessage, checkoutId: string): Promise<SuccessCheck> {
    if (!checkoutId) return { verified: false, code: 'no_checkout_id' };
    const user = signedInUser(request);
    if (!user) return { verified: false, code: 'not_signed_in' };
    const check = await verifyReturn(paid, checkoutId, user);
    if (check.verified) fulfilments.provision({ checkoutId, orderId: check.orderId, externalCustomerId: user, source: 'return' });
    return check;
  }

  /**
   * The origin this visit came by when it is a loopback name of the demo (`localhost:4000` for a
   * demo printed as `127.0.0.1:4000`): the session's success URL and the element's api-base keep
   * it, so that the sign-in cookie the scenario page sets is sent to the success page. Any other
   * Host gets the printed origin.
   */
  function visitOrigin(request: IncomingMessage): string {
    const name = request.headers.host ?? '';
    return LOOPBACK_HOST.test(name) && name.endsWith(`:${port}`) ? `http://${name.toLowerCase()}` : origin;
  }

  async function handleDemo(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    if (request.method === 'POST' && url.pathname === WEBHOOK_PATH) {
      if (signingSecret === null) return send(response, 503, 'text/plain', 'Webhooks are not configured yet.');
      return receiveWebhook(request, response, { signingSecret, fulfilments });
    }
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'Method not allowed');

    if (url.pathname === '/') return send(response, 200, html, indexPage(demoScenarios));
    // Browsers ask for it on every page: no icon, and no 404 in the console.
    if (url.pathname === '/favicon.ico') return send(response, 204, 'image/x-icon', '');

    if (url.pathname === '/demo/success') {
      const checkoutId = url.searchParams.get('checkout_id') ?? '';
      const check = await successCheck(request, checkoutId);
      return send(response, 200, html, successPage({ checkoutId, check, webhookReceived: fulfilments.completedWebhookReceived(checkoutId) }));
    }

    const asset = /^\/demo\/assets\/([a-z-]+\.(?:css|js))$/.exec(url.pathname);
    if (asset?.[1]) {
      const name = asset[1];
      const body = await readFile(`${assetsDirectory}${name}`, 'utf8').catch(() => null);
      if (body === null) return send(response, 404, 'text/plain', 'Not found');
      return send(response, 200, assetTypes[name.slice(name.lastIndexOf('.'))] ?? 'text/plain', body);
    }

    const scenarioMatch = /^\/demo\/([a-z-]+)$/.exec(url.pathname);
    const scenario = scenarioMatch?.[1] ? findScenario(scenarioMatch[1]) : undefined;
    if (!scenario) return send(response, 404, html, messagePage('Not found', 'There is no such page.'));

    const user = scenario.user === 'ada' ? ADA_USER_ID : newUserId();
    const client = scenario.account === 'no_stripe' ? paidNoStripe : paid;
    const pageOrigin = visitOrigin(request);
    const session = await client.checkouts.createCheckout({ ...scenario.session(pageOrigin, sandbox.clock.now()), externalCustomerId: user });
    if (scenario.waitMs) await new Promise((resolve) => setTimeout(resolve, scenario.waitMs));
    const page = checkoutPage({
      title: scenario.title,
      description: scenario.description,
      checkoutId: session.id,
      apiBase: pageOrigin,
      sessionJson: JSON.stringify(merchantView(session), null, 2),
      ...(scenario.attributes ? { attributes: scenario.attributes } : {}),
    });
    return send(response, 200, html, page, { 'set-cookie': signInCookie(user) });
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      try {
        if (await sandbox.handle(request, response)) return;
        await handleDemo(request, response);
      } catch (error) {
        console.error(error);
        if (!response.headersSent) send(response, 500, 'text/plain', 'The demo server failed; see its console.');
        else response.end();
      }
    })();
  });

  try {
    signingSecret = await configureWebhooks(paid, `${origin}${WEBHOOK_PATH}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { origin, sandbox, fulfilments, signingSecret, close };
}
