// Paid's `checkouts` resource over HTTP (sandbox/routes/private/checkouts.ts): create, read, list
// and archive, as CONTRACT §1 and the sandbox spec say.
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Paid } from '@paid-ai/paid-node';
import { checkoutStatus } from '../../../../../src/api/schemas.ts';
import {
  CANCEL_URL,
  SUCCESS_URL,
  errorOf,
  send,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type CheckoutObject,
  type ListBody,
  type ProductObject,
} from '../../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const DAY = 86_400_000;
const CHECKOUT_FIELDS = [
  'id', 'url', 'status', 'products', 'customerId', 'externalCustomerId', 'successUrl', 'cancelUrl', 'expiresAt',
  'metadata', 'collectAddress', 'collectPhone', 'singleUse', 'allowedCurrencies', 'currency', 'createdAt', 'updatedAt',
];

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

test("list's status filter takes each of the SDK's ListCheckoutsRequestStatus values, and expired, an extension CONTRACT §1 marks [ext]; anything else is 400", async () => {
  const active = await sandbox.createCheckout();
  const archived = await sandbox.createCheckout();
  assert.equal((await send(sandbox.url, 'DELETE', `/api/v2/checkouts/${archived.id}`, { key: sandbox.key })).status, 200);
  const paid = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_support' }] }));
  succeededOf(await sandbox.complete(paid.id, validCompleteBody(['prod_support'])));
  const expired = await sandbox.createCheckout(validCreateBody({ expiresAt: new Date(sandbox.clock.now().getTime() + 60_000).toISOString() }));
  sandbox.clock.advance(2 * 60_000);
  const sdkStatuses = Object.values(Paid.ListCheckoutsRequestStatus);
  const expected: Record<string, string> = { active: active.id, archived: archived.id, completed: paid.id, expired: expired.id };
  for (const status of [...sdkStatuses, 'expired']) {
    const listed = await sandbox.get<ListBody<CheckoutObject>>(`/api/v2/checkouts?status=${status}&limit=100`, { key: sandbox.key });
    assert.equal(listed.status, 200, `status=${status}: ${listed.text}`);
    assert.deepEqual(listed.body.data.filter((checkout) => checkout.status !== status).map((checkout) => checkout.id), [], `status=${status} lists only ${status}`);
    assert.ok(listed.body.data.some((checkout) => checkout.id === expected[status]), `status=${status} lists ${expected[status]}`);
  }
  sandbox.clock.reset();
  const refused = await sandbox.get(`/api/v2/checkouts?status=open`, { key: sandbox.key });
  assert.equal(refused.status, 400, refused.text);
  assert.equal(errorOf(refused).code, 'validation_error');
  // Every status the sandbox takes beyond the SDK's is documented as ours on the list's row.
  const contract = readFileSync(new URL('../../../../../docs/CONTRACT.md', import.meta.url), 'utf8');
  const row = contract.split('\n').find((line) => line.startsWith('| `GET /checkouts?'));
  assert.ok(row, 'CONTRACT §1 has the list row');
  const extensions = checkoutStatus.options.filter((status) => !(sdkStatuses as readonly string[]).includes(status));
  assert.deepEqual(extensions, ['expired']);
  for (const status of extensions) assert.match(row, new RegExp(`\`status=${status}\` \\*\\*\\[ext\\]\\*\\*`), `CONTRACT §1 marks status=${status} as ours: ${row}`);
});
