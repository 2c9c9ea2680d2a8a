// Upgrades over HTTP with the clock moved: the existing order is updated in place and the
// amount due is exactly `prorate` from src/pricing at the sandbox's now, to the second.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { publicCheckout, type BillingInterval } from '../../../../src/api/schemas.ts';
import { addInterval } from '../../../../src/pricing/interval.ts';
import { prorate } from '../../../../src/pricing/proration.ts';
import {
  errorOf,
  lineOf,
  selection,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type Answer,
  type OrderLine,
  type SucceededData,
} from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const DAY = 86_400_000;

function adaCheckout() {
  return sandbox.createCheckout(validCreateBody({ customerId: 'cus_ada', products: [{ id: 'prod_analytics' }] }));
}

function pick(productId: string, planId: string, quantity = 1) {
  return validCompleteBody([productId], { selections: [selection(productId, planId, quantity)], customer: undefined });
}

/**
 * Completes and returns the answer with the range of instants (ms) the server could have
 * priced it at: the adjustable clock keeps running while the request is in flight.
 */
async function completeTimed(checkoutId: string, body: Record<string, unknown>): Promise<{ answer: Answer; from: number; to: number }> {
  const from = sandbox.clock.now().getTime();
  const answer = await sandbox.complete(checkoutId, body);
  const to = sandbox.clock.now().getTime();
  return { answer, from, to };
}

/**
 * The amounts `prorate` gives at every instant the request may have been priced at; proration
 * counts whole seconds since the period start, so sampling every half second covers them all.
 */
function proratedCandidates(line: OrderLine, newAmount: number, newInterval: BillingInterval, from: number, to: number) {
  const results = new Map<number, ReturnType<typeof prorate>>();
  for (let instant = from; ; instant = Math.min(instant + 500, to)) {
    const proration = prorate(line, newAmount, newInterval, new Date(instant));
    results.set(Math.max(0, proration.net), proration);
    if (instant === to) return results;
  }
}

function succeeded(answer: Answer): SucceededData {
  return succeededOf(answer, 'upgrade');
}

test('picking the current plan and quantity is 409 no_change, and ord_ada is left as it was', async () => {
  const before = await sandbox.readOrder('ord_ada');
  const checkout = await adaCheckout();
  const counts = await sandbox.counts();
  const answer = await sandbox.complete(checkout.id, pick('prod_analytics', 'plan_analytics_starter'));
  assert.equal(answer.status, 409, answer.text);
  assert.equal(errorOf(answer).code, 'no_change');
  assert.deepEqual(await sandbox.readOrder('ord_ada'), before);
  assert.deepEqual(await sandbox.counts(), counts);
  assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');
});

test("an upgrade checkout is locked to the current subscription's currency: eur is 400 currency", async () => {
  const checkout = await adaCheckout();
  assert.deepEqual(checkout.allowedCurrencies, ['USD']);
  const answer = await sandbox.complete(checkout.id, { ...pick('prod_analytics', 'plan_analytics_scale'), currency: 'eur' });
  assert.equal(answer.status, 400, answer.text);
  assert.equal(errorOf(answer).field, 'currency');
});

test('an upgrade mid-period is charged exactly prorate(current, new, now) to the second and updates ord_ada in place', async () => {
  const current = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  const ordersBefore = await sandbox.total('orders');
  sandbox.clock.set(new Date(Date.parse(current.periodStart) + 9 * DAY + 3 * 3_600_000 + 17 * 60_000 + 42_500));

  const checkout = await adaCheckout();
  const session = publicCheckout.parse((await sandbox.readPublic(checkout.id)).body);
  assert.equal(session.products[0]?.current?.planId, 'plan_analytics_starter');

  const { answer, from, to } = await completeTimed(checkout.id, pick('prod_analytics', 'plan_analytics_scale'));
  const result = succeeded(answer);
  const candidates = proratedCandidates(current, 9900, 'month', from, to);
  assert.ok(candidates.has(result.amount_due), `amount_due ${result.amount_due} is not prorate() at now (${[...candidates.keys()].join(' or ')})`);
  assert.ok(result.amount_due > 0 && result.amount_due < 9900 - 1900, 'a partial-period charge');
  assert.equal(result.order_id, 'ord_ada');
  assert.equal(result.customer_id, 'cus_ada');
  assert.equal(await sandbox.total('orders'), ordersBefore, 'no second order');

  const updated = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  assert.equal(updated.planId, 'plan_analytics_scale');
  assert.equal(updated.amount, 9900);
  assert.equal(updated.interval, 'month');
  assert.equal(updated.periodStart, current.periodStart, 'same interval: the period is kept');
  assert.equal(updated.periodEnd, current.periodEnd, 'same interval: the renewal date is kept');
  const read = await sandbox.readCheckout(checkout.id);
  assert.equal(read.status, 'completed');
  assert.equal(read.orderId, 'ord_ada');

  const next = publicCheckout.parse((await sandbox.readPublic((await adaCheckout()).id)).body);
  assert.equal(next.products[0]?.current?.planId, 'plan_analytics_scale');
  assert.equal(next.products[0]?.current?.amount, 9900);
});

test('a switch to a yearly plan credits the unused month and charges a whole year starting now', async () => {
  const current = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  sandbox.clock.advance(2 * DAY + 11 * 60_000);
  const ordersBefore = await sandbox.total('orders');
  const checkout = await adaCheckout();
  const { answer, from, to } = await completeTimed(checkout.id, pick('prod_analytics', 'plan_analytics_growth_yearly'));
  const result = succeeded(answer);
  const candidates = proratedCandidates(current, 49000, 'year', from, to);
  const proration = candidates.get(result.amount_due);
  assert.ok(proration, `amount_due ${result.amount_due} is not prorate() at now (${[...candidates.keys()].join(' or ')})`);
  assert.equal(result.order_id, 'ord_ada');
  assert.equal(await sandbox.total('orders'), ordersBefore);

  const updated = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  assert.equal(updated.planId, 'plan_analytics_growth_yearly');
  assert.equal(updated.interval, 'year');
  assert.equal(updated.amount, 49000);
  const start = Date.parse(updated.periodStart);
  assert.ok(start >= Math.floor(from / 1000) * 1000 && start <= to, 'the new period starts now');
  assert.equal(start % 1000, 0, 'to the whole second');
  assert.equal(Date.parse(updated.periodEnd), addInterval(new Date(start), 'year').getTime());
});

test('a downgrade whose credit exceeds the charge costs nothing today and still moves the order to the new plan', async () => {
  const current = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  sandbox.clock.advance(20 * DAY);
  const checkout = await adaCheckout();
  const { answer, from, to } = await completeTimed(checkout.id, pick('prod_analytics', 'plan_analytics_starter'));
  const result = succeeded(answer);
  const candidates = proratedCandidates(current, 1900, 'month', from, to);
  for (const proration of candidates.values()) assert.ok(proration.net < 0, 'the test moves to a real downgrade');
  assert.equal(result.amount_due, 0);
  const updated = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  assert.equal(updated.planId, 'plan_analytics_starter');
  assert.equal(updated.interval, 'month');
  assert.equal(result.order_id, 'ord_ada');
});

test('a seat count change is an upgrade of the same order, prorated; the same count again is no_change', async () => {
  sandbox.clock.reset();
  const first = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace', products: [{ id: 'prod_seats' }] }));
  const bought = succeeded(await sandbox.complete(first.id, pick('prod_seats', 'plan_seats_team', 3)));
  const line = lineOf(await sandbox.readOrder(bought.order_id), 'prod_seats');
  assert.equal(line.amount, 3600);

  sandbox.clock.advance(6 * DAY + 5 * 3_600_000);
  const ordersBefore = await sandbox.total('orders');
  const second = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace', products: [{ id: 'prod_seats' }] }));
  const current = publicCheckout.parse((await sandbox.readPublic(second.id)).body).products[0]?.current;
  assert.equal(current?.orderId, bought.order_id);
  assert.equal(current?.quantity, 3);

  const unchanged = await sandbox.complete(second.id, pick('prod_seats', 'plan_seats_team', 3));
  assert.equal(unchanged.status, 409);
  assert.equal(errorOf(unchanged).code, 'no_change');

  const { answer, from, to } = await completeTimed(second.id, pick('prod_seats', 'plan_seats_team', 5));
  const result = succeeded(answer);
  const candidates = proratedCandidates(line, 5 * 1200, 'month', from, to);
  assert.ok(candidates.has(result.amount_due), `amount_due ${result.amount_due} is not prorate() at now (${[...candidates.keys()].join(' or ')})`);
  assert.equal(result.order_id, bought.order_id);
  assert.equal(await sandbox.total('orders'), ordersBefore);
  const updated = lineOf(await sandbox.readOrder(bought.order_id), 'prod_seats');
  assert.equal(updated.quantity, 5);
  assert.equal(updated.amount, 6000);
  assert.equal(updated.periodEnd, line.periodEnd);
  sandbox.clock.reset();
});
