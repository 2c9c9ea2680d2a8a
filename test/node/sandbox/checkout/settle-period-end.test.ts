// A 3-D Secure payment confirmed after a period ended (CONTRACT §4 rule 2): an upgrade priced in the
// period that ended is refunded as amount_changed, never made into an order billing that past
// period; a new subscription confirmed late starts when it is paid for, at the amount taken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  confirmationToken,
  errorOf,
  lineOf,
  requiresActionOf,
  RETURN_URL,
  selection,
  startSandboxForTest,
  succeededOf,
  validCompleteBody,
  validCreateBody,
} from '../support.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

const growth = { selections: [selection('prod_analytics', 'plan_analytics_growth')], currency: 'usd' };

test('a 3-D Secure upgrade priced before the period ended and confirmed after it is refunded as amount_changed, never an order billing a past period', async (t) => {
  const sandbox = await startSandboxForTest(t);
  const expiresAt = new Date(sandbox.clock.now().getTime() + 29 * DAY).toISOString();
  const { id } = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }], customerId: 'cus_ada', collectAddress: false, expiresAt }));
  const periodEnd = new Date((await sandbox.readPublic(id)).body.products[0]!.current!.periodEnd).getTime();
  sandbox.clock.set(new Date(periodEnd - 2 * MINUTE));
  const quoted = await sandbox.post<{ data: { amount: number } }>(`/api/public/checkout/${id}/quote`, { json: growth });
  const shown = quoted.body.data.amount;
  const started = requiresActionOf(await sandbox.complete(id, { ...growth, confirmation_token: confirmationToken('threeds'), return_url: RETURN_URL, amount_due: shown }));
  const lineBefore = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  // The bank answers after the period ended.
  sandbox.clock.advance(5 * MINUTE);
  const confirmed = await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded');
  assert.equal(confirmed.status, 200, confirmed.text);
  const told = await sandbox.finalize(id, { body: { payment_intent_id: started.payment_intent.id } });
  assert.equal(errorOf(told).code, 'payment_refunded', told.text);
  assert.match(told.text, /amount_changed/);
  assert.deepEqual(lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics'), lineBefore, 'ord_ada is left as it was');
});

test('a new subscription whose bank confirms it a month and a day later starts then, at the amount taken, and ends ahead', async (t) => {
  const sandbox = await startSandboxForTest(t);
  const { id } = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }] }));
  const started = requiresActionOf(await sandbox.complete(id, validCompleteBody(['prod_analytics'], { ...growth, confirmation_token: confirmationToken('threeds') })));
  sandbox.clock.advance(32 * DAY);
  assert.equal((await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded')).status, 200);
  const paid = succeededOf(await sandbox.finalize(id, { body: { payment_intent_id: started.payment_intent.id } }));
  assert.equal(paid.amount_due, started.amount_due, 'the amount taken');
  const line = lineOf(await sandbox.readOrder(paid.order_id), 'prod_analytics');
  assert.ok(new Date(line.periodEnd).getTime() > sandbox.clock.now().getTime(), `the line's period ends ahead, not at ${line.periodEnd}`);
});
