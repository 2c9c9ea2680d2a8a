// The private API's door (sandbox/routes/private/index.ts): the secret key is checked before
// anything else, a missing or wrong one is 401 and changes nothing, and no answer carries CORS.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, startTestSandbox, send, validCreateBody } from '../../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

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
