// Paid's `products` and `customers` resources: by id and by the merchant's external id, with
// customer users and (empty) credit balances.
import {
  createCustomer,
  createProduct,
  customerByExternalId,
  deleteCustomer,
  productByExternalId,
  updateCustomer,
  updateProduct,
  upsertCustomerUser,
} from '../../catalog-service.ts';
import type * as z from 'zod';
import type { ServiceContext } from '../../context.ts';
import { sendJson } from '../../http.ts';
import { emptyBody, optionalBody, pageQuery, parsedBody, parsedQuery } from '../../request-schemas.ts';
import { createCustomerBody, createProductBody, updateCustomerBody, updateProductBody, upsertCustomerUserBody } from '../../catalog-schemas.ts';
import { customerObject, customerUserObject, productObject } from '../../serializers/catalog.ts';
import type { CustomerRecord, ProductRecord } from '../../merchant-records.ts';
import { found, page, route, type PrivateCall, type Route } from './router.ts';

const productById = (call: PrivateCall): ProductRecord => found(call.context.store.products.get(call.params[0] ?? ''), 'product');
const productByExternal = (call: PrivateCall): ProductRecord => found(productByExternalId(call.context.store, call.params[0] ?? ''), 'product');
const customerById = (call: PrivateCall): CustomerRecord => found(call.context.store.customers.get(call.params[0] ?? ''), 'customer');
const customerByExternal = (call: PrivateCall): CustomerRecord =>
  found(customerByExternalId(call.context.store, call.params[0] ?? ''), 'customer');

/** A catalog resource's own paths: its list and create, and the read and update of one found by id or external id. */
interface Resource<R, C extends z.ZodType, U extends z.ZodType> {
  path: string;
  list(context: ServiceContext): readonly R[];
  create: [body: C, run: (context: ServiceContext, body: z.output<C>) => R];
  update: [body: U, run: (context: ServiceContext, record: R, body: z.output<U>) => R];
  present(record: R): unknown;
}

function collectionRoutes<R, C extends z.ZodType, U extends z.ZodType>(resource: Resource<R, C, U>): Route[] {
  const { path, present, create } = resource;
  return [
    route('GET', path, (call) => sendJson(call.response, 200, page(resource.list(call.context), parsedQuery(call.url, pageQuery), present))),
    route('POST', path, async (call) => sendJson(call.response, 201, present(create[1](call.context, await parsedBody(call.request, create[0]))))),
  ];
}

function recordRoutes<R, C extends z.ZodType, U extends z.ZodType>(resource: Resource<R, C, U>, path: string, lookup: (call: PrivateCall) => R): Route[] {
  const { present, update } = resource;
  return [
    route('GET', path, (call) => sendJson(call.response, 200, present(lookup(call)))),
    route('PUT', path, async (call) => {
      const record = lookup(call);
      sendJson(call.response, 200, present(update[1](call.context, record, await parsedBody(call.request, update[0]))));
    }),
  ];
}

/** A resource at `path`: its records, how each is shown, and what its create and update take and do. */
function resource<R, C extends z.ZodType, U extends z.ZodType>(
  path: string,
  list: Resource<R, C, U>['list'],
  present: Resource<R, C, U>['present'],
  { create, update }: Pick<Resource<R, C, U>, 'create' | 'update'>,
): Resource<R, C, U> {
  return { path, list, present, create, update };
}

const products = resource('/products', ({ store }) => store.products.list(), productObject, {
  create: [createProductBody, createProduct],
  update: [updateProductBody, updateProduct],
});

const customers = resource('/customers', ({ store }) => store.customers.list(), customerObject, {
  create: [createCustomerBody, createCustomer],
  update: [updateCustomerBody, updateCustomer],
});

function customerRoutes(path: string, lookup: (call: PrivateCall) => CustomerRecord): Route[] {
  return [
    ...recordRoutes(customers, path, lookup),
    route('DELETE', path, async (call) => {
      const customer = lookup(call);
      await optionalBody(call.request, emptyBody);
      deleteCustomer(call.context, customer);
      sendJson(call.response, 200, {});
    }),
    // The sandbox has no credits: every customer's balance list is empty.
    route('GET', `${path}/credits/balances`, (call) => {
      lookup(call);
      sendJson(call.response, 200, { data: [] });
    }),
  ];
}

export const catalogRoutes: Route[] = [
  ...collectionRoutes(products),
  ...recordRoutes(products, '/products/external/{id}', productByExternal),
  ...recordRoutes(products, '/products/{id}', productById),
  ...collectionRoutes(customers),
  ...customerRoutes('/customers/external/{id}', customerByExternal),
  ...customerRoutes('/customers/{id}', customerById),
  // Paid's upsertCustomerUserByExternalId: `PUT /customers/{customerExternalId}/users/{userExternalId}`.
  route('PUT', '/customers/{id}/users/{id}', async (call) => {
    const body = await parsedBody(call.request, upsertCustomerUserBody);
    const { user, created } = upsertCustomerUser(call.context, call.params[0] ?? '', call.params[1] ?? '', body);
    sendJson(call.response, created ? 201 : 200, customerUserObject(user, created));
  }),
];
