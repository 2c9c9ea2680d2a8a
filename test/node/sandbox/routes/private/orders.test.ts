// Paid's `orders` resource over HTTP (sandbox/routes/private/orders.ts): the seeded order, and the
// orders payments make, listed and read by id.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { addInterval } from '../../../../../src/pricing/interval.ts';
import {
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  type ListBody,
  type OrderObject,
} from '../../support.ts';

const seededBefore = Date.now();
const sandbox = await startTestSandbox();
const seededAfter = Date.now();
after(() => sandbox.close());

const DAY = 86_400_000;

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
