// The store's indexes: a customer found by external id and a customer's orders listed without a
// scan, kept right as records change or go; order numbers never given twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../../sandbox/app.ts';

test("a customer's external id can be changed and found again; the old one finds nobody", async () => {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const headers = { authorization: `Bearer ${sandbox.secretKey}`, 'content-type': 'application/json' };
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${sandbox.url}/api/v2${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const created = await (await api('POST', '/customers', { name: 'Index Test', externalId: 'ext_index_old' })).json();
    assert.equal((await api('GET', '/customers/external/ext_index_old')).status, 200);
    assert.equal((await api('PUT', `/customers/${created.id}`, { externalId: 'ext_index_new' })).status, 200);
    assert.equal(sandbox.store.customers.withKey('ext_index_new')[0]?.id, created.id);
    assert.deepEqual(sandbox.store.customers.withKey('ext_index_old'), []);
    // A checkout for the new external id names that customer.
    const checkout = await (
      await api('POST', '/checkouts', { products: [{ id: 'prod_analytics' }], successUrl: 'https://shop.example/thanks', externalCustomerId: 'ext_index_new' })
    ).json();
    const read = await (await fetch(`${sandbox.url}/api/public/checkout/${checkout.id}`)).json();
    assert.equal(read.data?.customer?.id ?? read.customer?.id, created.id);
  } finally {
    await sandbox.close();
  }
});

test("a customer's orders are listed by customer, and a deleted order's number is not given again", async () => {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const headers = { authorization: `Bearer ${sandbox.secretKey}`, 'content-type': 'application/json' };
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${sandbox.url}/api/v2${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const first = await (await api('POST', '/orders', { customerId: 'cus_grace', lines: [{ productId: 'prod_support' }] })).json();
    const second = await (await api('POST', '/orders', { customerId: 'cus_grace', lines: [{ productId: 'prod_support' }] })).json();
    assert.deepEqual(
      sandbox.store.orders.withKey('cus_grace').map((order) => order.id).filter((id) => id === first.id || id === second.id),
      [first.id, second.id],
    );
    assert.equal((await api('DELETE', `/orders/${second.id}`)).status, 200);
    assert.ok(!sandbox.store.orders.withKey('cus_grace').some((order) => order.id === second.id), 'a deleted order leaves the index');
    const third = await (await api('POST', '/orders', { customerId: 'cus_grace', lines: [{ productId: 'prod_support' }] })).json();
    assert.ok(third.number > second.number, `order number ${third.number} after a deleted ${second.number}`);
  } finally {
    await sandbox.close();
  }
});
