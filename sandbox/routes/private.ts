// The private API (CONTRACT §1): the merchant's server, with the secret key. The key is checked
// before anything else; a missing or wrong one is 401 and changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountFor } from '../auth.ts';
import { createCustomer, createProduct } from '../catalog-service.ts';
import { statusOf } from '../checkout-state.ts';
import { archiveCheckout, checkoutReferenceProblems, createCheckout } from '../checkout-service.ts';
import type { SandboxContext } from '../context.ts';
import { ApiError, decodePathParam, readJsonBody, sendJson, validationError } from '../http.ts';
import {
  createCheckoutBody,
  createCustomerBody,
  createProductBody,
  emptyBody,
  parseWith,
  checkoutListQuery,
  pageQuery,
} from '../request-schemas.ts';
import { checkoutObject, customerObject, orderObject, productObject } from '../serializers.ts';
import type { AccountName, CheckoutRecord, Collection, Store } from '../store.ts';
import type * as z from 'zod';

interface PrivateRequest {
  context: SandboxContext;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  account: AccountName;
  params: string[];
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  run(call: PrivateRequest): Promise<void> | void;
}

async function parsedBody<S extends z.ZodType>(request: IncomingMessage, schema: S): Promise<z.output<S>> {
  const { value } = await readJsonBody(request, { required: true });
  const parsed = parseWith(schema, value);
  if (!parsed.ok) throw validationError(parsed.problems);
  return parsed.value;
}

function parsedQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const parsed = parseWith(schema, Object.fromEntries(url.searchParams));
  if (!parsed.ok) throw validationError(parsed.problems.map((problem) => ({ ...problem, field: `query.${problem.field}` })));
  return parsed.value;
}

/** `{ data, pagination }` for one page of `items` (oldest first). */
function page<T, R>(items: readonly T[], query: { limit: number; offset: number }, present: (item: T) => R) {
  const data = items.slice(query.offset, query.offset + query.limit).map(present);
  return {
    data,
    pagination: { limit: query.limit, offset: query.offset, total: items.length, hasMore: query.offset + data.length < items.length },
  };
}

const notFound = (what: string) => new ApiError(404, 'not_found', `No such ${what}.`);

function checkoutOf({ context, account, params }: PrivateRequest): CheckoutRecord {
  const checkout = context.store.checkouts.get(params[0] ?? '');
  // Another account's checkout does not exist for this key.
  if (!checkout || checkout.account !== account) throw notFound('checkout');
  return checkout;
}

function presentCheckout(call: PrivateRequest, checkout: CheckoutRecord, detailed: boolean) {
  const { context, request } = call;
  return checkoutObject(context.store, checkout, context.clock.now(), { publicUrl: context.publicUrlFor(request), detailed });
}

/** `GET /api/v2/<resource>` (a page, oldest first) and `GET /api/v2/<resource>/{id}`. */
function listAndRead<T extends { id: string }>(
  resource: string,
  singular: string,
  collection: (store: Store) => Collection<T>,
  present: (record: T) => unknown,
): Route[] {
  return [
    {
      method: 'GET',
      pattern: new RegExp(`^/api/v2/${resource}$`),
      run(call) {
        const query = parsedQuery(call.url, pageQuery);
        sendJson(call.response, 200, page(collection(call.context.store).list(), query, present));
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/api/v2/${resource}/([^/]+)$`),
      run(call) {
        const record = collection(call.context.store).get(call.params[0] ?? '');
        if (!record) throw notFound(singular);
        sendJson(call.response, 200, present(record));
      },
    },
  ];
}

const routes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/api\/v2\/checkouts$/,
    async run(call) {
      const { value } = await readJsonBody(call.request, { required: true });
      const parsed = parseWith(createCheckoutBody, value);
      if (!parsed.ok) {
        // Name unknown products or customers too, not only the malformed fields.
        const named = new Set(parsed.problems.map((problem) => problem.field));
        const references = checkoutReferenceProblems(call.context, value).filter((problem) => !named.has(problem.field));
        throw validationError([...parsed.problems, ...references]);
      }
      const checkout = createCheckout(call.context, call.account, parsed.value);
      sendJson(call.response, 201, presentCheckout(call, checkout, true));
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/checkouts$/,
    run(call) {
      const query = parsedQuery(call.url, checkoutListQuery);
      const now = call.context.clock.now();
      const checkouts = call.context.store.checkouts
        .list()
        .filter((checkout) => checkout.account === call.account && (!query.status || statusOf(checkout, now) === query.status));
      sendJson(call.response, 200, page(checkouts, query, (checkout) => presentCheckout(call, checkout, true)));
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/checkouts\/([^/]+)$/,
    run(call) {
      sendJson(call.response, 200, presentCheckout(call, checkoutOf(call), true));
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/checkouts\/([^/]+)\/archive$/,
    async run(call) {
      const checkout = checkoutOf(call);
      const { value } = await readJsonBody(call.request, { required: false });
      const parsed = parseWith(emptyBody, value);
      if (!parsed.ok) throw validationError(parsed.problems);
      const archived = await call.context.lockCheckout(checkout.id, () => archiveCheckout(call.context, checkout));
      sendJson(call.response, 200, presentCheckout(call, archived, true));
    },
  },
  ...listAndRead('products', 'product', (store) => store.products, productObject),
  {
    method: 'POST',
    pattern: /^\/api\/v2\/products$/,
    async run(call) {
      const product = createProduct(call.context, await parsedBody(call.request, createProductBody));
      sendJson(call.response, 201, productObject(product));
    },
  },
  ...listAndRead('customers', 'customer', (store) => store.customers, customerObject),
  {
    method: 'POST',
    pattern: /^\/api\/v2\/customers$/,
    async run(call) {
      const customer = createCustomer(call.context, await parsedBody(call.request, createCustomerBody));
      sendJson(call.response, 201, customerObject(customer));
    },
  },
  ...listAndRead('orders', 'order', (store) => store.orders, orderObject),
];

export function isPrivatePath(pathname: string): boolean {
  return pathname === '/api/v2' || pathname.startsWith('/api/v2/');
}

/** Handles a request under /api/v2; errors are thrown as ApiError for the caller to send. */
export async function handlePrivate(context: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const account = accountFor(request.headers.authorization, context.secretKey);
  if (!account) {
    throw new ApiError(401, 'unauthorized', 'Send a valid secret key as Authorization: Bearer <key>.');
  }
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== request.method) continue;
    const params = match.slice(1).map(decodePathParam);
    await route.run({ context, request, response, url, account, params });
    return;
  }
  if (pathMatched) throw new ApiError(405, 'method_not_allowed', `${request.method ?? 'This method'} is not allowed here.`);
  throw new ApiError(404, 'not_found', 'No such route.');
}
