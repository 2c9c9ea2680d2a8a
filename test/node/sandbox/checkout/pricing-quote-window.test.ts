// The quote window across a period's or a trial's end (CONTRACT §4 rules 1 and 2): a proration shown
// minutes ago is honoured while the subscription is still in the period (and the trial) it was priced
// in; shown before that period or trial ended and paid after, it is 409 amount_changed with the new
// amount and nothing is charged (3-D Secure confirmed after the end: settle-period-end.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  confirmationToken,
  errorOf,
  lineOf,
  RETURN_URL,
  selection,
  startSandboxForTest,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type TestSandbox,
} from '../support.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

async function quote(sandbox: TestSandbox, checkoutId: string, body: Record<string, unknown>): Promise<number> {
  const answer = await sandbox.post<{ data: { amount: number } }>(`/api/public/checkout/${checkoutId}/quote`, { json: body });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.data.amount;
}

/** Ada's checkout for her Analytics order (Starter, monthly), collecting no address; and the end of her period. */
async function adaAtPeriodEnd(sandbox: TestSandbox) {
  const expiresAt = new Date(sandbox.clock.now().getTime() + 29 * DAY).toISOString();
  const { id } = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }], customerId: 'cus_ada', collectAddress: false, expiresAt }));
  const read = await sandbox.readPublic(id);
  const periodEnd = new Date(read.body.products[0]!.current!.periodEnd).getTime();
  return { id, periodEnd };
}

const growth = { selections: [selection('prod_analytics', 'plan_analytics_growth')], currency: 'usd' };

test('Growth shown five minutes before the period ends and paid five minutes after it is 409 amount_changed with the new amount; nothing is charged', async (t) => {
  const sandbox = await startSandboxForTest(t);
  const { id, periodEnd } = await adaAtPeriodEnd(sandbox);
  sandbox.clock.set(new Date(periodEnd - 5 * MINUTE));
  const shown = await quote(sandbox, id, growth);
  sandbox.clock.advance(10 * MINUTE);
  const before = await sandbox.counts();
  const lineBefore = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  const refused = await sandbox.complete(id, { ...growth, confirmation_token: confirmationToken('succeeds'), return_url: RETURN_URL, amount_due: shown });
  assert.equal(refused.status, 409, refused.text);
  assert.equal(errorOf(refused).code, 'amount_changed');
  const { amountDue } = refused.body as { amountDue: number };
  assert.deepEqual(await sandbox.counts(), before, 'nothing was charged or made');
  assert.deepEqual(lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics'), lineBefore, 'ord_ada is left as it was');
  // The new period's price, which the refusal names, is what a confirmed retry pays; its period ends ahead.
  const now = await quote(sandbox, id, growth);
  assert.ok(now > shown, `the new period costs more (${now}) than the old one's last minutes (${shown})`);
  assert.equal(amountDue, now, 'the refusal carries the amount due now');
  const paid = succeededOf(await sandbox.complete(id, { ...growth, confirmation_token: confirmationToken('succeeds'), return_url: RETURN_URL, amount_due: amountDue }));
  assert.equal(paid.amount_due, now);
  const line = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  assert.equal(line.planId, 'plan_analytics_growth');
  assert.ok(new Date(line.periodStart).getTime() >= periodEnd, `the upgrade bills the period that contains now (${line.periodStart})`);
  assert.ok(new Date(line.periodEnd).getTime() > sandbox.clock.now().getTime(), `the line's period ends ahead, not at ${line.periodEnd}`);
});

test('within one period, a quote shown ten minutes ago is still charged as shown', async (t) => {
  const sandbox = await startSandboxForTest(t);
  const { id, periodEnd } = await adaAtPeriodEnd(sandbox);
  sandbox.clock.set(new Date(periodEnd - 20 * MINUTE));
  const shown = await quote(sandbox, id, growth);
  sandbox.clock.advance(10 * MINUTE);
  const paid = succeededOf(await sandbox.complete(id, { ...growth, confirmation_token: confirmationToken('succeeds'), return_url: RETURN_URL, amount_due: shown }));
  assert.equal(paid.amount_due, shown);
  assert.equal(new Date(lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics').periodEnd).getTime(), periodEnd, 'the period it was shown in');
});

test('a seat change shown at $0 during a trial and paid after the trial ended is 409 amount_changed; the trial is not kept in the past', async (t) => {
  const sandbox = await startSandboxForTest(t);
  const created = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_seats' }] }));
  const business = (seats: number) => ({ selections: [selection('prod_seats', 'plan_seats_business', seats)], currency: 'usd' });
  const started = succeededOf(await sandbox.complete(created.id, validCompleteBody(['prod_seats'], business(5))));
  const trial = lineOf(await sandbox.readOrder(started.order_id), 'prod_seats');
  assert.ok(trial.trialEndsAt, 'the line is in its 14-day trial');
  const trialEnd = new Date(trial.trialEndsAt).getTime();
  const { id } = await sandbox.createCheckout(validCreateBody({ customerId: started.customer_id, products: [{ id: 'prod_seats' }], collectAddress: false, expiresAt: new Date(trialEnd + 10 * DAY).toISOString() }));
  sandbox.clock.set(new Date(trialEnd - 5 * MINUTE));
  const shown = await quote(sandbox, id, business(6));
  assert.equal(shown, 0, 'a change during the trial costs nothing now');
  sandbox.clock.advance(10 * MINUTE);
  const before = await sandbox.counts();
  const refused = await sandbox.complete(id, { ...business(6), confirmation_token: confirmationToken('succeeds'), return_url: RETURN_URL, amount_due: 0 });
  assert.equal(refused.status, 409, refused.text);
  assert.equal(errorOf(refused).code, 'amount_changed');
  assert.deepEqual(await sandbox.counts(), before, 'nothing was charged or made');
  const line = lineOf(await sandbox.readOrder(started.order_id), 'prod_seats');
  assert.deepEqual([line.quantity, line.trialEndsAt], [5, trial.trialEndsAt], 'the order is left as it was');
});
