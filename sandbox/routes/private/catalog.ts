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

function productRoutes(path: string, lookup: (call: PrivateCall) => ProductRecord): Route[] {
  return [
    route('GET', path, (call) => sendJson(call.response, 200, productObject(lookup(call)))),
    route('PUT', path, async (call) => {
      const product = lookup(call);
      sendJson(call.response, 200, productObject(updateProduct(call.context, product, await parsedBody(call.request, updateProductBody))));
    }),
  ];
}

function customerRoutes(path: string, lookup: (call: PrivateCall) => CustomerRecord): Route[] {
  return [
    route('GET', path, (call) => sendJson(call.response, 200, customerObject(lookup(call)))),
    route('PUT', path, async (call) => {
      const customer = lookup(call);
      sendJson(call.response, 200, customerObject(updateCustomer(call.context, customer, await parsedBody(call.request, updateCustomerBody))));
    }),
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
  route('GET', '/products', (call) => {
    const query = parsedQuery(call.url, pageQuery);
    sendJson(call.response, 200, page(call.context.store.products.list(), query, productObject));
  }),
  route('POST', '/products', async (call) => {
    sendJson(call.response, 201, productObject(createProduct(call.context, await parsedBody(call.request, createProductBody))));
  }),
  ...productRoutes('/products/external/{id}', productByExternal),
  ...productRoutes('/products/{id}', productById),
  route('GET', '/customers', (call) => {
    const query = parsedQuery(call.url, pageQuery);
    sendJson(call.response, 200, page(call.context.store.customers.list(), query, customerObject));
  }),
  route('POST', '/customers', async (call) => {
    sendJson(call.response, 201, customerObject(createCustomer(call.context, await parsedBody(call.request, createCustomerBody))));
  }),
  ...customerRoutes('/customers/external/{id}', customerByExternal),
  ...customerRoutes('/customers/{id}', customerById),
  // Paid's upsertCustomerUserByExternalId: `PUT /customers/{customerExternalId}/users/{userExternalId}`.
  route('PUT', '/customers/{id}/users/{id}', async (call) => {
    const body = await parsedBody(call.request, upsertCustomerUserBody);
    const { user, created } = upsertCustomerUser(call.context, call.params[0] ?? '', call.params[1] ?? '', body);
    sendJson(call.response, created ? 201 : 200, customerUserObject(user, created));
  }),
];
