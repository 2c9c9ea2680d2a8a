// The private API (Paid's `/api/v2`, the merchant's server, with the secret key): the key is
// checked before anything else, a missing or wrong one is 401 and changes nothing.
import { accountFor } from '../../auth.ts';
import type { SandboxContext } from '../../context.ts';
import { ApiError, routeTable } from '../../http.ts';
import type { AccountName } from '../../accounts.ts';
import { catalogRoutes } from './catalog.ts';
import { checkoutRoutes } from './checkouts.ts';
import { orderRoutes } from './orders.ts';
import { sandboxExtensionRoutes } from './sandbox-extensions.ts';
import { webhookRoutes } from './webhooks.ts';

export const privateApi = routeTable<SandboxContext, { account: AccountName }>({
  owns: (pathname) => pathname === '/api/v2' || pathname.startsWith('/api/v2/'),
  extend({ context, request }) {
    const account = accountFor(request.headers.authorization, context.secretKey);
    if (!account) throw new ApiError(401, 'unauthorized', 'Send a valid secret key as Authorization: Bearer <key>.');
    return { account };
  },
  routes: [...checkoutRoutes, ...catalogRoutes, ...orderRoutes, ...webhookRoutes, ...sandboxExtensionRoutes],
  trailingSlashOptional: true,
});
