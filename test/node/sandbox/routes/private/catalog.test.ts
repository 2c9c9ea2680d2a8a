// Paid's `products` and `customers` resources over HTTP (sandbox/routes/private/catalog.ts): the
// seeded catalog and customers, and what a create makes or refuses.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  errorOf,
  startTestSandbox,
  validCreateBody,
  type CustomerObject,
  type ListBody,
  type OrderObject,
  type ProductObject,
} from '../../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

test('the seeded catalog lists every fixture product, and a product reads with its plans in order', async () => {
  const list = await sandbox.get<ListBody<ProductObject>>('/api/v2/products?limit=100', { key: sandbox.key });
  assert.equal(list.status, 200);
  const ids = list.body.data.map((product) => product.id);
  for (const id of ['prod_analytics', 'prod_seats', 'prod_storage', 'prod_api', 'prod_support', 'prod_onboarding']) {
    assert.ok(ids.includes(id), `${id} is seeded`);
  }
  const analytics = await sandbox.get<ProductObject>('/api/v2/products/prod_analytics', { key: sandbox.key });
  assert.equal(analytics.status, 200);
  assert.equal(analytics.body.name, 'Analytics');
  assert.deepEqual(
    analytics.body.plans.map((plan) => plan.id),
    ['plan_analytics_starter', 'plan_analytics_growth', 'plan_analytics_scale', 'plan_analytics_growth_yearly'],
  );
  const support = await sandbox.get<ProductObject>('/api/v2/products/prod_support', { key: sandbox.key });
  assert.deepEqual(support.body.plans, []);
  assert.deepEqual(support.body.basePrice, { currency: 'usd', model: 'flat', amount: 29900, interval: 'month' });
});

test('a created product gets prod_ and plan_ ids, is listed and read back, and can be sold in a checkout', async () => {
  const before = await sandbox.total('products');
  const answer = await sandbox.post<ProductObject>('/api/v2/products', {
    key: sandbox.key,
    json: {
      name: 'Backups',
      description: 'Nightly backups.',
      plans: [
        { name: 'Daily', prices: [{ currency: 'usd', model: 'flat', amount: 700, interval: 'month' }] },
        { name: 'Hourly', recommended: true, features: ['24 restores'], prices: [{ currency: 'usd', model: 'flat', amount: 2100, interval: 'month' }] },
      ],
    },
  });
  assert.equal(answer.status, 201, answer.text);
  const product = answer.body;
  assert.match(product.id, /^prod_\w+$/);
  assert.equal(product.name, 'Backups');
  assert.equal(product.plans.length, 2);
  for (const plan of product.plans) assert.match(plan.id, /^plan_\w+$/);
  assert.equal(await sandbox.total('products'), before + 1);
  const read = await sandbox.get<ProductObject>(`/api/v2/products/${product.id}`, { key: sandbox.key });
  assert.equal(read.status, 200);
  assert.deepEqual(read.body, product);

  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: product.id }] }));
  const publicRead = await sandbox.readPublic(checkout.id);
  assert.equal(publicRead.body.products[0]?.id, product.id);
  assert.deepEqual(publicRead.body.products[0]?.plans.map((plan) => plan.name), ['Daily', 'Hourly']);
});

test('a product with a base price and no plans can be created', async () => {
  const answer = await sandbox.post<ProductObject>('/api/v2/products', {
    key: sandbox.key,
    json: { name: 'Audit', basePrice: { currency: 'eur', model: 'one_time', amount: 15000, interval: 'one_time' } },
  });
  assert.equal(answer.status, 201, answer.text);
  assert.deepEqual(answer.body.plans, []);
  assert.deepEqual(answer.body.basePrice, { currency: 'eur', model: 'one_time', amount: 15000, interval: 'one_time' });
});

test("creating a product without a name, or with a negative price, is 400 and stores nothing; one with only Paid's fields is made (it cannot be sold)", async () => {
  const before = await sandbox.total('products');
  const noName = await sandbox.post('/api/v2/products', {
    key: sandbox.key,
    json: { basePrice: { currency: 'usd', model: 'flat', amount: 100, interval: 'month' } },
  });
  assert.equal(noName.status, 400);
  assert.equal(errorOf(noName).field, 'name');
  const negative = await sandbox.post('/api/v2/products', {
    key: sandbox.key,
    json: { name: 'Negative', basePrice: { currency: 'usd', model: 'flat', amount: -1, interval: 'month' } },
  });
  assert.equal(negative.status, 400);
  assert.equal(errorOf(negative).field, 'basePrice.amount');
  assert.equal(await sandbox.total('products'), before);
  // Paid's CreateProductRequest needs only a name: such a product is made, but has nothing to sell.
  const nothingToSell = await sandbox.post<ProductObject>('/api/v2/products', { key: sandbox.key, json: { name: 'Empty' } });
  assert.equal(nothingToSell.status, 201, nothingToSell.text);
  const unsellable = await sandbox.post('/api/v2/checkouts', { key: sandbox.key, json: validCreateBody({ products: [{ id: nothingToSell.body.id }] }) });
  assert.equal(unsellable.status, 400, 'a checkout cannot sell a product without a price');
});

test('reading an unknown product, customer or order is 404 not_found', async () => {
  for (const path of ['/api/v2/products/prod_nope', '/api/v2/customers/cus_nope', '/api/v2/orders/ord_nope']) {
    const answer = await sandbox.get(path, { key: sandbox.key });
    assert.equal(answer.status, 404, path);
    assert.equal(errorOf(answer).code, 'not_found', path);
  }
});

test('the seeded customers read back: Ada with her external id, Grace without orders', async () => {
  const ada = await sandbox.get<CustomerObject>('/api/v2/customers/cus_ada', { key: sandbox.key });
  assert.equal(ada.status, 200);
  assert.equal(ada.body.name, 'Ada Lovelace');
  assert.equal(ada.body.email, 'ada@example.com');
  assert.equal(ada.body.externalId, 'ext_ada');
  const grace = await sandbox.get<CustomerObject>('/api/v2/customers/cus_grace', { key: sandbox.key });
  assert.equal(grace.body.name, 'Grace Hopper');
  assert.equal(grace.body.email, 'grace@example.com');
  const orders = await sandbox.get<ListBody<OrderObject>>('/api/v2/orders?limit=100', { key: sandbox.key });
  assert.ok(!orders.body.data.some((order) => order.customerId === 'cus_grace'));
});

test('a created customer gets a cus_ id, is listed and read back with its external id', async () => {
  const before = await sandbox.total('customers');
  const answer = await sandbox.post<CustomerObject>('/api/v2/customers', {
    key: sandbox.key,
    json: { name: 'Margaret Hamilton', email: 'margaret@example.com', externalId: 'ext_margaret' },
  });
  assert.equal(answer.status, 201, answer.text);
  assert.match(answer.body.id, /^cus_\w+$/);
  assert.equal(answer.body.name, 'Margaret Hamilton');
  assert.equal(answer.body.email, 'margaret@example.com');
  assert.equal(answer.body.externalId, 'ext_margaret');
  assert.equal(await sandbox.total('customers'), before + 1);
  const read = await sandbox.get<CustomerObject>(`/api/v2/customers/${answer.body.id}`, { key: sandbox.key });
  assert.deepEqual(read.body, answer.body);
  const list = await sandbox.get<ListBody<CustomerObject>>('/api/v2/customers?limit=100', { key: sandbox.key });
  assert.ok(list.body.data.some((customer) => customer.id === answer.body.id));

  const checkout = await sandbox.createCheckout(validCreateBody({ externalCustomerId: 'ext_margaret' }));
  assert.equal((await sandbox.readPublic(checkout.id)).body.customer?.id, answer.body.id, 'the external id resolves to her');
});

test('creating a customer without a name or with a bad email is 400 on that field and stores nothing', async () => {
  const before = await sandbox.total('customers');
  const noName = await sandbox.post('/api/v2/customers', { key: sandbox.key, json: { email: 'x@example.com' } });
  assert.equal(noName.status, 400);
  assert.equal(errorOf(noName).field, 'name');
  const badEmail = await sandbox.post('/api/v2/customers', { key: sandbox.key, json: { name: 'X', email: 'not-an-email' } });
  assert.equal(badEmail.status, 400);
  assert.equal(errorOf(badEmail).field, 'email');
  assert.equal(await sandbox.total('customers'), before);
});

test('a product cannot take a plan id that is already used, so a fixture plan cannot be hijacked', async () => {
  const before = await sandbox.total('products');
  const taken = await sandbox.post('/api/v2/products', {
    key: sandbox.key,
    json: { name: 'Hijack', plans: [{ id: 'plan_analytics_starter', name: 'Free', prices: [{ currency: 'usd', model: 'flat', amount: 0, interval: 'month' }] }] },
  });
  assert.equal(taken.status, 400, taken.text);
  assert.equal(errorOf(taken).field, 'plans.0.id');
  assert.equal(await sandbox.total('products'), before);
  const analytics = await sandbox.get<ProductObject>('/api/v2/products/prod_analytics', { key: sandbox.key });
  assert.equal(analytics.body.plans[0]?.name, 'Starter');
});
