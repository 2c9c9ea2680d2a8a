// The private API's routing: one table of (method, path pattern, handler), paths read with or
// without the trailing slash Paid's SDK sends (`/checkouts/`), bodies and queries parsed to 400s.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as z from 'zod';
import type { SandboxContext } from '../../context.ts';
import { ApiError, readJsonBody, validationError } from '../../http.ts';
import { parseWith } from '../../request-schemas.ts';
import type { AccountName } from '../../store.ts';

export interface PrivateCall {
  context: SandboxContext;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  account: AccountName;
  params: string[];
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: Method;
  /** Matched against the path without its trailing slash, e.g. `^/api/v2/checkouts/([^/]+)$`. */
  pattern: RegExp;
  run(call: PrivateCall): Promise<void> | void;
}

export function route(method: Method, path: string, run: Route['run']): Route {
  // `{id}` is one path segment.
  return { method, pattern: new RegExp(`^/api/v2${path.replaceAll('{id}', '([^/]+)')}$`), run };
}

export async function parsedBody<S extends z.ZodType>(request: IncomingMessage, schema: S): Promise<z.output<S>> {
  const { value } = await readJsonBody(request, { required: true });
  const parsed = parseWith(schema, value);
  if (!parsed.ok) throw validationError(parsed.problems);
  return parsed.value;
}

/** A body that may be absent (the SDK sends none on DELETE) but, when sent, must match. */
export async function optionalBody<S extends z.ZodType>(request: IncomingMessage, schema: S): Promise<z.output<S>> {
  const { value } = await readJsonBody(request, { required: false });
  const parsed = parseWith(schema, value);
  if (!parsed.ok) throw validationError(parsed.problems);
  return parsed.value;
}

export function parsedQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const parsed = parseWith(schema, Object.fromEntries(url.searchParams));
  if (!parsed.ok) throw validationError(parsed.problems.map((problem) => ({ ...problem, field: `query.${problem.field}` })));
  return parsed.value;
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
