// The private API (Paid's `/api/v2`, the merchant's server, with the secret key): the key is
// checked before anything else, a missing or wrong one is 401 and changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountFor } from '../../auth.ts';
import type { SandboxContext } from '../../context.ts';
import { ApiError, decodePathParam } from '../../http.ts';
import { catalogRoutes } from './catalog.ts';
import { checkoutRoutes } from './checkouts.ts';
import { orderRoutes } from './orders.ts';
import type { Route } from './router.ts';
import { webhookRoutes } from './webhooks.ts';

const routes: Route[] = [...checkoutRoutes, ...catalogRoutes, ...orderRoutes, ...webhookRoutes];

export function isPrivatePath(pathname: string): boolean {
  return pathname === '/api/v2' || pathname.startsWith('/api/v2/');
}

/** Handles a request under /api/v2; errors are thrown as ApiError for the caller to send. */
export async function handlePrivate(context: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const account = accountFor(request.headers.authorization, context.secretKey);
  if (!account) {
    throw new ApiError(401, 'unauthorized', 'Send a valid secret key as Authorization: Bearer <key>.');
  }
  // Paid's SDK sends collection paths with a trailing slash (`/checkouts/`); both forms are one route.
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method !== request.method) {
      allowed.push(route.method);
      continue;
    }
    const params = match.slice(1).map(decodePathParam);
    await route.run({ context, request, response, url, account, params });
    return;
  }
  if (allowed.length > 0) {
    throw new ApiError(405, 'method_not_allowed', `${request.method ?? 'This method'} is not allowed here; use ${allowed.join(' or ')}.`);
  }
  throw new ApiError(404, 'not_found', 'No such route.');
}
