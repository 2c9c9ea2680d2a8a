// Files and pages the sandbox serves to browsers: the Stripe stand-in, the element's built
// script and the chunks it fetches from beside itself, and the hosted checkout page.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.ts';
import { route, routeTable, send, type Call, type Method, type Route } from '../http.ts';
import { hostedCheckoutPage, notFoundPage } from '../hosted-page.ts';

const javascript = 'text/javascript; charset=utf-8';
const html = 'text/html; charset=utf-8';
const plainText = 'text/plain; charset=utf-8';

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

async function serveFile(response: ServerResponse, path: string, contentType: string, missing: string): Promise<void> {
  const file = await readOrNull(path);
  // Cross-origin pages load these as scripts (the element as a module, which needs CORS).
  if (!file) return send(response, 404, plainText, missing);
  send(response, 200, contentType, file);
}

function hostedPage({ context, request, response, params }: Call<SandboxContext>): void {
  const checkout = context.store.checkouts.get(params[0] ?? '');
  const headers = { 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' };
  if (!checkout) return send(response, 404, html, notFoundPage(), { headers });
  send(response, 200, html, hostedCheckoutPage(checkout.id, context.publicUrlFor(request)), { headers });
}

const pages: Array<[path: string, run: Route<Call<SandboxContext>>['run']]> = [
  ['/sandbox/stripe-standin.js', ({ context, response }) =>
    serveFile(response, context.standInScriptPath, javascript, 'The Stripe stand-in (sandbox/stripe-standin.js) is missing.')],
  ['/paid-checkout.js', ({ context, response }) =>
    serveFile(response, context.elementScriptPath, javascript, 'paid-checkout.js is not built: run `npm run build` first.')],
  ['/paid-checkout.js.map', ({ context, response }) =>
    serveFile(response, `${context.elementScriptPath}.map`, 'application/json; charset=utf-8', 'paid-checkout.js.map is not built: run `npm run build` first.')],
  ['/checkout/{id}', hostedPage],
];

/**
 * The element's chunks, fetched by its script from beside itself (`/checkout-chunk-<hash>.js`,
 * `/locales/fr-<hash>.js`) and their maps: a name and an 8-character hash, as the build writes them.
 */
export const CHUNK_PATH = /^\/((?:locales\/)?(?!sandbox-)[A-Za-z][\w-]*-[\w-]{8}\.js(?:\.map)?)$/;

function chunk({ context, response, params }: Call<SandboxContext>): Promise<void> {
  const file = params[0] ?? '';
  const type = file.endsWith('.map') ? 'application/json; charset=utf-8' : javascript;
  return serveFile(response, join(dirname(context.elementScriptPath), file), type, `${file} is not built: run \`npm run build\` first.`);
}

const chunkRoutes = (['GET', 'HEAD'] as Method[]).map((method): Route<Call<SandboxContext>> => ({ method, pattern: CHUNK_PATH, run: chunk }));

/** The files and pages, by GET or HEAD; any other path or method is left to the caller. */
export const assets = routeTable<SandboxContext, object>({
  owns: () => true,
  extend: () => ({}),
  routes: [...pages.flatMap(([path, run]) => [route('GET', path, run), route('HEAD', path, run)]), ...chunkRoutes],
  fallThrough: true,
});
