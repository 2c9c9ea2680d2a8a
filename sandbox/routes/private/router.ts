// The private API's route pieces: its call (the account the key opened), routes under /api/v2,
// Paid's list page, and 404 for a record that does not exist.
import type { SandboxContext } from '../../context.ts';
import { ApiError, route as httpRoute, type Call, type Method, type Route as HttpRoute } from '../../http.ts';
import type { AccountName } from '../../accounts.ts';

export type PrivateCall = Call<SandboxContext> & { account: AccountName };
export type Route = HttpRoute<PrivateCall>;

/** A private route at `/api/v2` + `path`. */
export function route(method: Method, path: string, run: Route['run']): Route {
  return httpRoute(method, `/api/v2${path}`, run);
}

/** `{ data, pagination }` for one page of `items` (oldest first), Paid's list shape. */
export function page<T, R>(items: readonly T[], query: { limit: number; offset: number }, present: (item: T) => R) {
  const data = items.slice(query.offset, query.offset + query.limit).map(present);
  return {
    data,
    pagination: { limit: query.limit, offset: query.offset, total: items.length, hasMore: query.offset + data.length < items.length },
  };
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `No such ${what}.`);

/** The record `id` names, or 404. */
export function found<T>(record: T | undefined, what: string): T {
  if (record === undefined) throw notFound(what);
  return record;
}
