// Trials and ended periods over HTTP (issue 11, cases 4 and 5): a change during a trial keeps the
// trial and charges nothing now; a change after a period ended is prorated in the period that
// contains now, never against one in the past.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { publicCheckout } from '../../../../src/api/schemas.ts';
import { addIntervals } from '../../../../src/pricing/interval.ts';
import { prorate } from '../../../../src/pricing/proration.ts';
import {
  lineOf,
  selection,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
} from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const DAY = 86_400_000;

function pick(productId: string, planId: string, quantity: number, withCustomer = false) {
  return validCompleteBody([productId], { selections: [selection(productId, planId, quantity)], ...(withCustomer ? {} : { customer: undefined }) });
}

async function currentOf(checkoutId: string) {
  const session = publicCheckout.parse((await sandbox.readPublic(checkoutId)).body);
  return session.products[0]?.current ?? null;
}

/** A new customer who starts the 14-day Business trial with 5 seats; returns the customer, order and line. */
async function startBusinessTrial() {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_seats' }] }));
  const bought = succeededOf(await sandbox.complete(checkout.id, pick('prod_seats', 'plan_seats_business', 5, true)));
  assert.equal(bought.amount_due, 0, 'a trial costs nothing today');
  const line = lineOf(await sandbox.readOrder(bought.order_id), 'prod_seats');
  assert.ok(line.trialEndsAt, 'the line is in its trial');
  return { customerId: bought.customer_id, orderId: bought.order_id, line, trialEndsAt: line.trialEndsAt };
}

function seatsCheckout(customerId: string) {
  return sandbox.createCheckout(validCreateBody({ customerId, products: [{ id: 'prod_seats' }] }));
}

test('a seat change one day into a 14-day trial charges nothing now, keeps the trial, and bills the new count when it ends', async () => {
  sandbox.clock.reset();
  const trial = await startBusinessTrial();
  sandbox.clock.advance(DAY);

  const checkout = await seatsCheckout(trial.customerId);
  const current = await currentOf(checkout.id);
  assert.equal(current?.trialEndsAt, trial.trialEndsAt, 'the public current subscription says when its trial ends');

  const changed = succeededOf(await sandbox.complete(checkout.id, pick('prod_seats', 'plan_seats_business', 6)));
  assert.equal(changed.amount_due, 0, 'nothing of the trial is charged (it was 13,371 for 13 of 14 days)');
  assert.equal(changed.order_id, trial.orderId);

  const line = lineOf(await sandbox.readOrder(trial.orderId), 'prod_seats');
  assert.equal(line.quantity, 6);
  assert.equal(line.amount, 6 * 2400, 'the new count is what the trial end charges');
  assert.equal(line.trialEndsAt, trial.trialEndsAt, 'the trial is kept');
  assert.equal(line.periodStart, trial.line.periodStart);
  assert.equal(line.periodEnd, trial.trialEndsAt, 'the first charge is still at the trial end, not a month later');
  sandbox.clock.reset();
});

test('a change after the trial ended is prorated in the first paid month, which starts at the trial end', async () => {
  sandbox.clock.reset();
  const trial = await startBusinessTrial();
  const trialEnd = new Date(trial.trialEndsAt);
  sandbox.clock.set(new Date(trialEnd.getTime() + 3 * DAY));

  const checkout = await seatsCheckout(trial.customerId);
  const from = sandbox.clock.now();
  const changed = succeededOf(await sandbox.complete(checkout.id, pick('prod_seats', 'plan_seats_business', 6)));
  const to = sandbox.clock.now();

  const periodEnd = addIntervals(trialEnd, 'month', 1);
  // Six seats for the rest of the month less the credit for five, at the whole second of `at`.
  const periodSeconds = (periodEnd.getTime() - trialEnd.getTime()) / 1000;
  const due = (at: Date) => {
    const left = periodSeconds - Math.floor((at.getTime() - trialEnd.getTime()) / 1000);
    return Math.round((6 * 2400 * left) / periodSeconds) - Math.round((5 * 2400 * left) / periodSeconds);
  };
  assert.ok(
    changed.amount_due <= due(from) && changed.amount_due >= due(to),
    `amount_due ${changed.amount_due} is one seat for the rest of the first paid month (${due(to)} to ${due(from)})`,
  );
  assert.ok(changed.amount_due > 2000, 'most of a month of one seat');
  const line = lineOf(await sandbox.readOrder(trial.orderId), 'prod_seats');
  assert.equal(line.trialEndsAt, null, 'a change after the trial starts no new trial');
  assert.equal(line.periodStart, trialEnd.toISOString());
  assert.equal(line.periodEnd, periodEnd.toISOString());
  sandbox.clock.reset();
});

test('an upgrade one second after the period ended is prorated over the period that contains now, whose end is in the future', async () => {
  sandbox.clock.reset();
  const recorded = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  const recordedEnd = new Date(recorded.periodEnd);
  sandbox.clock.set(new Date(recordedEnd.getTime() + 1000));

  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_ada', products: [{ id: 'prod_analytics' }] }));
  const from = sandbox.clock.now();
  const answer = await sandbox.complete(checkout.id, pick('prod_analytics', 'plan_analytics_scale', 1));
  const to = sandbox.clock.now();
  const upgraded = succeededOf(answer);

  const nextEnd = addIntervals(new Date(recorded.periodStart), 'month', 2);
  const [high, low] = [from, to].map((at) => Math.max(0, prorate(recorded, 9900, 'month', at).net));
  assert.ok(upgraded.amount_due <= (high ?? 0) && upgraded.amount_due >= (low ?? 0), 'the element prices it as the sandbox charges it');
  // 9,900 − 1,900 for all but a second or so of the month: never the 0 of a period already over.
  assert.ok(upgraded.amount_due > 7990 && upgraded.amount_due <= 8000, `amount_due ${upgraded.amount_due} is a whole month's difference`);

  const line = lineOf(await sandbox.readOrder('ord_ada'), 'prod_analytics');
  assert.equal(line.planId, 'plan_analytics_scale');
  assert.equal(line.periodStart, recorded.periodEnd, 'the new period starts where the recorded one ended');
  assert.equal(line.periodEnd, nextEnd.toISOString(), 'and ends a month on, on the billing day');
  assert.ok(Date.parse(line.periodEnd) > to.getTime(), 'the period end is not in the past');
  sandbox.clock.reset();
});
