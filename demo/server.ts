// `npm run demo`: one process, one port: the sandbox API, the hosted checkout pages, and a demo
// merchant site whose server creates a checkout session for each scenario with the secret key.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createSandbox } from '../sandbox/app.ts';
import { demoScenarios, findScenario } from './scenarios.ts';
import { checkoutPage, indexPage, messagePage, successPage } from './pages.ts';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4000);
const origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
const secretKey = process.env.PAID_SANDBOX_SECRET_KEY;

const sandbox = createSandbox({ publicUrl: origin, ...(secretKey ? { secretKey } : {}) });
const assetsDirectory = fileURLToPath(new URL('./public/', import.meta.url));
const assetTypes: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(body);
}

/** The merchant server's side: create a session with the secret key over HTTP, like any backend would. */
async function createSession(body: Record<string, unknown>, key: string): Promise<{ id: string } & Record<string, unknown>> {
  const response = await fetch(`${origin}/api/v2/checkouts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const payload = (await response.json()) as { id: string } & Record<string, unknown>;
  if (response.status !== 201) throw new Error(`the sandbox refused the session: ${JSON.stringify(payload)}`);
  return payload;
}

/** The session as the merchant's server sees it, minus `metadata` (the merchant's own notes). */
function merchantView(session: Record<string, unknown>): Record<string, unknown> {
  const { metadata: _metadata, ...rest } = session;
  return rest;
}

async function handleDemo(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', origin);
  if (request.method !== 'GET') return send(response, 405, 'text/plain', 'Method not allowed');

  if (url.pathname === '/') return send(response, 200, 'text/html; charset=utf-8', indexPage(demoScenarios));

  if (url.pathname === '/demo/success') {
    return send(response, 200, 'text/html; charset=utf-8', successPage(url.searchParams.get('checkout_id') ?? ''));
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
  if (!scenario) return send(response, 404, 'text/html; charset=utf-8', messagePage('Not found', 'There is no such page.'));

  const key = scenario.account === 'no_stripe' ? `${sandbox.secretKey}_no_stripe` : sandbox.secretKey;
  const session = await createSession(scenario.session(origin, sandbox.clock.now()), key);
  if (scenario.waitMs) await new Promise((resolve) => setTimeout(resolve, scenario.waitMs));
  return send(
    response,
    200,
    'text/html; charset=utf-8',
    checkoutPage({
      title: scenario.title,
      checkoutId: session.id,
      apiBase: origin,
      sessionJson: JSON.stringify(merchantView(session), null, 2),
      ...(scenario.attributes ? { attributes: scenario.attributes } : {}),
    }),
  );
}

const server = createServer((request, response) => {
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

server.listen(port, host, () => {
  console.log(`paid-checkout demo: ${origin}/`);
  console.log(`sandbox secret key: ${sandbox.secretKey}`);
});

function stop(): void {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
