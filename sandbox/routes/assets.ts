// Files and pages the sandbox serves to browsers: the Stripe stand-in, the element's built
// script, and the hosted checkout page.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../context.ts';
import { decodePathParam, send } from '../http.ts';
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

/** Serves the asset or page at `url`; false when the path is none of them. */
export async function handleAsset(context: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  switch (url.pathname) {
    case '/sandbox/stripe-standin.js':
      await serveFile(response, context.standInScriptPath, javascript, 'The Stripe stand-in (sandbox/stripe-standin.js) is missing.');
      return true;
    case '/paid-checkout.js':
      await serveFile(response, context.elementScriptPath, javascript, 'paid-checkout.js is not built: run `npm run build` first.');
      return true;
    case '/paid-checkout.js.map':
      await serveFile(response, `${context.elementScriptPath}.map`, 'application/json; charset=utf-8', 'paid-checkout.js.map is not built: run `npm run build` first.');
      return true;
  }
  const hosted = /^\/checkout\/([^/]+)$/.exec(url.pathname);
  if (!hosted) return false;
  const checkout = context.store.checkouts.get(decodePathParam(hosted[1] ?? ''));
  const headers = { 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' };
  if (!checkout) {
    send(response, 404, html, notFoundPage(), { headers });
    return true;
  }
  send(response, 200, html, hostedCheckoutPage(checkout.id, context.publicUrlFor(request)), { headers });
  return true;
}
