// The private API over HTTP: the secret key guards it, and checkouts, products, customers and
// orders are created, read and listed as CONTRACT §1 and the sandbox spec say.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { addInterval } from '../../../../../src/pricing/interval.ts';
import {
  CANCEL_URL,
  SUCCESS_URL,
  errorOf,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  send,
  validCreateBody,
  type CheckoutObject,
  type CustomerObject,
  type ListBody,
  type OrderObject,
  type ProductObject,
} from '../../support.ts';

const seededBefore = Date.now();
const sandbox = await startTestSandbox();
const seededAfter = Date.now();
after(() => sandbox.close());

const DAY = 86_400_000;
const CHECKOUT_FIELDS = [
  'id', 'url', 'status', 'products', 'customerId', 'externalCustomerId', 'successUrl', 'cancelUrl', 'expiresAt',
  'metadata', 'collectAddress', 'collectPhone', 'singleUse', 'allowedCurrencies', 'currency', 'createdAt', 'updatedAt',
];

const privateRoutes: Array<{ method: 'GET' | 'POST'; path: string; json?: unknown }> = [
  { method: 'POST', path: '/api/v2/checkouts', json: validCreateBody() },
  { method: 'GET', path: '/api/v2/checkouts' },
  { method: 'GET', path: '/api/v2/checkouts/chk_missing' },
  { method: 'POST', path: '/api/v2/checkouts/chk_missing/archive', json: {} },
  { method: 'GET', path: '/api/v2/products' },
  { method: 'POST', path: '/api/v2/products', json: { name: 'Sneaky', basePrice: { currency: 'usd', model: 'flat', amount: 1, interval: 'month' } } },
  { method: 'GET', path: '/api/v2/products/prod_analytics' },
  { method: 'GET', path: '/api/v2/customers' },
  { method: 'POST', path: '/api/v2/customers', json: { name: 'Mallory', email: 'mallory@example.com' } },
  { method: 'GET', path: '/api/v2/customers/cus_ada' },
  { method: 'GET', path: '/api/v2/orders' },
  { method: 'GET', path: '/api/v2/orders/ord_ada' },
];

function call(route: (typeof privateRoutes)[number], headers: Record<string, string>) {
  const options = { headers, ...(route.json === undefined ? {} : { json: route.json }) };
  return route.method === 'GET' ? sandbox.get(route.path, options) : sandbox.post(route.path, options);
}

async function expectUnauthorized(headers: Record<string, string>, label: string): Promise<void> {
  const before = await sandbox.counts();
  for (const route of privateRoutes) {
    const answer = await call(route, headers);
    assert.equal(answer.status, 401, `${label}: ${route.method} ${route.path} answered ${answer.status} ${answer.text}`);
    assert.equal(errorOf(answer).code, 'unauthorized', `${label}: ${route.method} ${route.path}`);
  }
  assert.deepEqual(await sandbox.counts(), before, `${label}: nothing may be created`);
}

test('every private route answers 401 unauthorized without an Authorization header, and creates nothing', async () => {
  await expectUnauthorized({}, 'no header');
});

test('every private route answers 401 with a wrong, truncated, extended or malformed key, and creates nothing', async () => {
  const wrong: Record<string, string> = {
    'another key': 'Bearer sk_test_someone_else',
    'the key with one more character': `Bearer ${sandbox.key}x`,
    'the key missing its last character': `Bearer ${sandbox.key.slice(0, -1)}`,
    'the key in a different case': `Bearer ${sandbox.key.toUpperCase()}`,
    'an empty bearer': 'Bearer ',
    'the key without a scheme': sandbox.key,
    'the key as Basic credentials': `Basic ${Buffer.from(`${sandbox.key}:`).toString('base64')}`,
    'the publishable key': 'Bearer pk_test_paid_sandbox',
  };
  for (const [label, authorization] of Object.entries(wrong)) await expectUnauthorized({ authorization }, label);
});

test('a create with a wrong key neither creates a checkout nor a customer, even with a new externalCustomerId', async () => {
  const before = await sandbox.counts();
  const answer = await sandbox.post('/api/v2/checkouts', {
    json: validCreateBody({ externalCustomerId: 'ext_never_created' }),
    key: 'sk_test_wrong',
  });
  assert.equal(answer.status, 401);
  assert.deepEqual(await sandbox.counts(), before);
  assert.ok(!answer.text.includes(sandbox.key), 'the 401 must not reveal the real key');
});

test('an archive with a wrong key leaves the checkout active', async () => {
  const checkout = await sandbox.createCheckout();
  const answer = await sandbox.post(`/api/v2/checkouts/${checkout.id}/archive`, { json: {}, key: 'sk_test_wrong' });
  assert.equal(answer.status, 401);
  assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');
});

test('create answers 201 with the Checkout object: every field, an unguessable chk_ id and the defaults', async () => {
  const before = sandbox.clock.now().getTime();
  const answer = await sandbox.post<CheckoutObject>('/api/v2/checkouts', { json: validCreateBody({ collectAddress: undefined }), key: sandbox.key });
  const after = sandbox.clock.now().getTime();
  assert.equal(answer.status, 201, answer.text);
  const checkout = answer.body;
  for (const field of CHECKOUT_FIELDS) assert.ok(field in checkout, `missing ${field}`);
  assert.match(checkout.id, /^chk_[A-Za-z0-9]{14,}$/, 'at least 80 bits of base62 (or more of hex)');
  assert.equal(checkout.status, 'active');
  assert.deepEqual(checkout.products, [{ id: 'prod_analytics' }, { id: 'prod_seats' }]);
  assert.equal(checkout.customerId, null);
  assert.equal(checkout.externalCustomerId, null);
  assert.equal(checkout.successUrl, SUCCESS_URL);
  assert.equal(checkout.cancelUrl, CANCEL_URL);
  assert.equal(checkout.singleUse, true);
  assert.equal(checkout.collectAddress, true, "Paid's guide: the address is collected by default, for tax");
  assert.equal(checkout.collectPhone, false);
  assert.deepEqual([...checkout.allowedCurrencies].sort(), ['EUR', 'USD'], "Paid's upper case");
  assert.ok(checkout.allowedCurrencies.includes(checkout.currency));
  const created = Date.parse(checkout.createdAt);
  assert.ok(created >= before - 1000 && created <= after + 1000, 'createdAt is the sandbox clock at creation');
  assert.equal(Date.parse(checkout.expiresAt) - created, DAY, 'expiresAt defaults to created + 24 h');
  const other = await sandbox.createCheckout();
  assert.notEqual(other.id, checkout.id);
});

test('the checkout url is the sandbox hosted page for it, and that page serves the element for this id', async () => {
  const checkout = await sandbox.createCheckout();
  assert.equal(checkout.url, `${sandbox.url}/checkout/${checkout.id}`);
  const page = await sandbox.get(new URL(checkout.url).pathname, { headers: { accept: 'text/html' } });
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'] ?? '', /text\/html/);
  assert.ok(page.text.includes(`checkout-id="${checkout.id}"`), 'the page mounts <paid-checkout> for this checkout');
});

test('create keeps an expiresAt given in the future, to the millisecond', async () => {
  const expiresAt = new Date(sandbox.clock.now().getTime() + 2 * 3_600_000 + 123).toISOString();
  const checkout = await sandbox.createCheckout(validCreateBody({ expiresAt }));
  assert.equal(Date.parse(checkout.expiresAt), Date.parse(expiresAt));
  const read = await sandbox.readCheckout(checkout.id);
  assert.equal(Date.parse(read.expiresAt), Date.parse(expiresAt));
});

test('create accepts an expiresAt with a non-UTC offset and means the same instant', async () => {
  const instant = new Date(sandbox.clock.now().getTime() + 5 * 3_600_000);
  instant.setUTCMilliseconds(0);
  const plusTwo = new Date(instant.getTime() + 2 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+02:00');
  const checkout = await sandbox.createCheckout(validCreateBody({ expiresAt: plusTwo }));
  assert.equal(Date.parse(checkout.expiresAt), instant.getTime());
});

test('create refuses an expiresAt in the past with 400 on field expiresAt, and stores nothing', async () => {
  const before = await sandbox.total('checkouts');
  const expiresAt = new Date(sandbox.clock.now().getTime() - 60_000).toISOString();
  const answer = await sandbox.post('/api/v2/checkouts', { json: validCreateBody({ expiresAt }), key: sandbox.key });
  assert.equal(answer.status, 400);
  assert.equal(errorOf(answer).code, 'validation_error');
  assert.equal(errorOf(answer).field, 'expiresAt');
  assert.equal(await sandbox.total('checkouts'), before);
});

test('create keeps the options it is given: customer, flags, currency lock', async () => {
  const checkout = await sandbox.createCheckout(
    validCreateBody({ customerId: 'cus_grace', collectAddress: true, collectPhone: true, singleUse: false, currency: 'eur' }),
  );
  assert.equal(checkout.customerId, 'cus_grace');
  assert.equal(checkout.collectAddress, true);
  assert.equal(checkout.collectPhone, true);
  assert.equal(checkout.singleUse, false);
  assert.equal(checkout.currency, 'EUR');
  assert.deepEqual(checkout.allowedCurrencies, ['EUR']);
});

test('a checkout containing a usd-only product allows only usd', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }, { id: 'prod_support' }] }));
  assert.deepEqual(checkout.allowedCurrencies, ['USD']);
  assert.equal(checkout.currency, 'USD');
});

test('read returns the checkout with metadata exactly as given and orderId null until completed', async () => {
  const metadata = {
    cartId: 'cart_9f2',
    nested: { deep: { list: [1, 'two', { three: 3 }], flag: false, nothing: null } },
    unicode: 'Grüße, 日本語, emoji 🎉, quote " and backslash \\',
    'key.with.dots': 1.5,
    empty: '',
    zero: 0,
    negative: -42,
  };
  const checkout = await sandbox.createCheckout(validCreateBody({ metadata }));
  assert.deepEqual(checkout.metadata, metadata);
  const read = await sandbox.readCheckout(checkout.id);
  assert.deepEqual(read.metadata, metadata);
  assert.equal(read.orderId, null);
  for (const field of CHECKOUT_FIELDS) assert.ok(field in read, `missing ${field}`);
  assert.equal(read.id, checkout.id);
  assert.equal(read.url, checkout.url);
});

test('read after completion carries the orderId of the order the payment created', async () => {
  const checkout = await sandbox.createCheckout();
  const { order_id: orderId } = succeededOf(await sandbox.complete(checkout.id, validCompleteBody()));
  const read = await sandbox.readCheckout(checkout.id);
  assert.equal(read.status, 'completed');
  assert.equal(read.orderId, orderId);
});

test('reading an unknown checkout is 404 not_found', async () => {
  const answer = await sandbox.get('/api/v2/checkouts/chk_doesnotexist000000', { key: sandbox.key });
  assert.equal(answer.status, 404);
  assert.equal(errorOf(answer).code, 'not_found');
});

test('archive answers with status archived, and the private and public reads then say archived', async () => {
  const checkout = await sandbox.createCheckout();
  const answer = await sandbox.post<CheckoutObject>(`/api/v2/checkouts/${checkout.id}/archive`, { json: {}, key: sandbox.key });
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.body.status, 'archived');
  assert.equal((await sandbox.readCheckout(checkout.id)).status, 'archived');
  const publicRead = await sandbox.readPublic(checkout.id);
  assert.equal(publicRead.status, 200);
  assert.equal(publicRead.body.status, 'archived');
});

test('archiving an unknown checkout is 404', async () => {
  const answer = await sandbox.post('/api/v2/checkouts/chk_doesnotexist000000/archive', { json: {}, key: sandbox.key });
  assert.equal(answer.status, 404);
  assert.equal(errorOf(answer).code, 'not_found');
});

async function listAll(query: string): Promise<CheckoutObject[]> {
  const all: CheckoutObject[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await sandbox.get<ListBody<CheckoutObject>>(`/api/v2/checkouts?limit=100&offset=${offset}&${query}`, { key: sandbox.key });
    assert.equal(page.status, 200, page.text);
    all.push(...page.body.data);
    if (!page.body.pagination.hasMore) return all;
  }
}

test('the checkout list filters by status: archived, completed and active each list only their own', async () => {
  const archived = await sandbox.createCheckout();
  await sandbox.post(`/api/v2/checkouts/${archived.id}/archive`, { json: {}, key: sandbox.key });
  const completed = await sandbox.createCheckout();
  assert.equal((await sandbox.complete(completed.id, validCompleteBody())).status, 200);
  const active = await sandbox.createCheckout();

  const byStatus = {
    archived: await listAll('status=archived'),
    completed: await listAll('status=completed'),
    active: await listAll('status=active'),
  };
  for (const [status, list] of Object.entries(byStatus)) {
    assert.ok(list.length > 0, `some ${status}`);
    for (const item of list) assert.equal(item.status, status, `?status=${status} listed ${item.id} as ${item.status}`);
  }
  assert.ok(byStatus.archived.some((item) => item.id === archived.id));
  assert.ok(byStatus.completed.some((item) => item.id === completed.id));
  assert.ok(byStatus.active.some((item) => item.id === active.id));
  assert.ok(!byStatus.active.some((item) => item.id === archived.id || item.id === completed.id));
  const everything = await listAll('');
  assert.equal(everything.length, byStatus.archived.length + byStatus.completed.length + byStatus.active.length + (await listAll('status=expired')).length);
});

test('the checkout list pages with limit and offset: no repeats, no gaps, hasMore exact, default limit 20', async () => {
  for (let index = 0; index < 23; index += 1) await sandbox.createCheckout();
  const first = await sandbox.get<ListBody<CheckoutObject>>('/api/v2/checkouts', { key: sandbox.key });
  assert.equal(first.status, 200);
  const { total } = first.body.pagination;
  assert.ok(total >= 23);
  assert.equal(first.body.pagination.limit, 20);
  assert.equal(first.body.pagination.offset, 0);
  assert.equal(first.body.data.length, 20);
  assert.equal(first.body.pagination.hasMore, true);

  const seen = new Set<string>();
  for (let offset = 0; offset < total; offset += 7) {
    const page = await sandbox.get<ListBody<CheckoutObject>>(`/api/v2/checkouts?limit=7&offset=${offset}`, { key: sandbox.key });
    assert.equal(page.status, 200);
    assert.deepEqual(page.body.pagination, { limit: 7, offset, total, hasMore: offset + 7 < total });
    assert.equal(page.body.data.length, Math.min(7, total - offset));
    for (const item of page.body.data) {
      assert.ok(!seen.has(item.id), `${item.id} listed twice`);
      seen.add(item.id);
    }
  }
  assert.equal(seen.size, total);
  const past = await sandbox.get<ListBody<CheckoutObject>>(`/api/v2/checkouts?limit=5&offset=${total + 10}`, { key: sandbox.key });
  assert.equal(past.status, 200);
  assert.deepEqual(past.body.data, []);
  assert.equal(past.body.pagination.hasMore, false);
  const max = await sandbox.get<ListBody<CheckoutObject>>('/api/v2/checkouts?limit=100', { key: sandbox.key });
  assert.equal(max.body.data.length, Math.min(100, total));
});

test('list queries out of range are 400 on the bad parameter: limit 0, 101, -1, 2.5, abc; negative offset; unknown status', async () => {
  const cases: Array<[string, string]> = [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=2.5', 'limit'],
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=x', 'offset'],
    ['status=paid', 'status'],
  ];
  for (const [query, field] of cases) {
    const answer = await sandbox.get(`/api/v2/checkouts?${query}`, { key: sandbox.key });
    assert.equal(answer.status, 400, `${query}: ${answer.status} ${answer.text}`);
    assert.ok([field, `query.${field}`].includes(errorOf(answer).field ?? ''), `${query}: field ${errorOf(answer).field}`);
  }
});

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

test("the seeded order ord_ada is Ada's active Starter subscription that began 12 days before start", async () => {
  const answer = await sandbox.get<OrderObject>('/api/v2/orders/ord_ada', { key: sandbox.key });
  assert.equal(answer.status, 200, answer.text);
  const order = answer.body;
  assert.equal(order.id, 'ord_ada');
  assert.equal(order.customerId, 'cus_ada');
  assert.equal(order.status, 'active');
  assert.equal(order.currency, 'USD');
  assert.equal(order.lines.length, 1);
  const line = order.lines[0]!;
  assert.equal(line.productId, 'prod_analytics');
  assert.equal(line.planId, 'plan_analytics_starter');
  assert.equal(line.quantity, 1);
  assert.equal(line.interval, 'month');
  assert.equal(line.amount, 1900);
  assert.equal(line.currency, 'usd');
  const start = Date.parse(line.periodStart);
  assert.ok(start >= seededBefore - 12 * DAY - 1000 && start <= seededAfter - 12 * DAY + 1000, 'period started 12 days before seeding');
  assert.equal(Date.parse(line.periodEnd), addInterval(new Date(line.periodStart), 'month').getTime());
});

test('the order list contains ord_ada and each order created by a payment, readable by id', async () => {
  const checkout = await sandbox.createCheckout();
  const { order_id: orderId } = succeededOf(await sandbox.complete(checkout.id, validCompleteBody()));
  const list = await sandbox.get<ListBody<OrderObject>>('/api/v2/orders?limit=100', { key: sandbox.key });
  assert.equal(list.status, 200);
  const ids = list.body.data.map((order) => order.id);
  assert.ok(ids.includes('ord_ada'));
  assert.ok(ids.includes(orderId));
  assert.equal(list.body.pagination.total, (await sandbox.total('orders')));
  const read = await sandbox.get<OrderObject>(`/api/v2/orders/${orderId}`, { key: sandbox.key });
  assert.equal(read.status, 200);
  assert.deepEqual(
    read.body.lines.map((line) => [line.productId, line.planId, line.quantity, line.amount, line.currency, line.interval]),
    [
      ['prod_analytics', 'plan_analytics_growth', 1, 4900, 'usd', 'month'],
      ['prod_seats', 'plan_seats_team', 3, 3600, 'usd', 'month'],
    ],
  );
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

test('a checkout whose products share no currency is refused (400 products), since nothing could be paid', async () => {
  const yen = await sandbox.post<ProductObject>('/api/v2/products', {
    key: sandbox.key,
    json: { name: 'Yen only', basePrice: { currency: 'jpy', model: 'flat', amount: 500, interval: 'month' } },
  });
  assert.equal(yen.status, 201);
  const before = await sandbox.total('checkouts');
  const answer = await sandbox.post('/api/v2/checkouts', { key: sandbox.key, json: validCreateBody({ products: [{ id: 'prod_analytics' }, { id: yen.body.id }] }) });
  assert.equal(answer.status, 400, answer.text);
  assert.equal(errorOf(answer).field, 'products');
  assert.equal(await sandbox.total('checkouts'), before);
});

test("an upgrade checkout cannot be locked to a currency other than the subscription's (400 currency)", async () => {
  const answer = await sandbox.post('/api/v2/checkouts', {
    key: sandbox.key,
    json: validCreateBody({ customerId: 'cus_ada', products: [{ id: 'prod_analytics' }], currency: 'eur' }),
  });
  assert.equal(answer.status, 400, answer.text);
  assert.equal(errorOf(answer).field, 'currency');
});

test('the private API stays closed to browsers: no CORS on its answers or preflights, whatever the Origin', async () => {
  const origin = 'https://shop.example';
  const answers = [
    await send(sandbox.url, 'GET', '/api/v2/checkouts/', { key: sandbox.key, headers: { origin } }),
    await send(sandbox.url, 'POST', '/api/v2/checkouts/', { key: sandbox.key, headers: { origin }, json: validCreateBody() }),
    await send(sandbox.url, 'GET', '/api/v2/orders/', { headers: { origin } }),
    await send(sandbox.url, 'OPTIONS', '/api/v2/checkouts/', {
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    }),
  ];
  for (const answer of answers) {
    const cors = Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'));
    assert.deepEqual(cors, [], `${answer.status}: ${cors.join(', ')}`);
  }
  assert.equal(answers[3]?.status, 401, 'a preflight carries no key: refused');
});
