// Regressions of the summary laid over with the charge (controller.ts `get summary()`), found by the
// session's own review: an amount_changed refusal, and Stripe's amount once a resumed payment ends.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { resolveSelections } from '../../../src/pricing/selection.ts';
import { summarize } from '../../../src/pricing/summary.ts';
import { checkoutSession, appOnBasic, app } from './fixtures.ts';
import { coordinator, posted, settle, tabStorage, until } from './coordinator-harness.ts';
import { payUpgrade, upgradeSession } from './upgrade-fixture.ts';

beforeEach(() => {
  tabStorage.clear();
  posted.length = 0;
});

test('amount_changed (no tax, an upgrade whose proration moved): the form keeps what the customer typed and shows the new amount, without reading the session again', async (t) => {
  const clock = { now: Date.parse('2030-01-11T00:00:00Z') };
  const reads: string[] = [];
  const sessions = { chk_up: checkoutSession({ id: 'chk_up', products: [appOnBasic] }) };
  const element = coordinator(sessions, clock);
  t.after(() => element.controller.hostDisconnected());
  const { host, controller, mountFields } = element;
  host.checkoutId = 'chk_up';
  controller.load();
  await settle();
  assert.equal(controller.phase.kind, 'ready');
  mountFields();
  controller.choices.setField('name', 'Ada Lovelace');
  controller.choices.setField('email', 'ada@example.com');
  controller.choices.choosePlan('prod_app', 'plan_pro');
  const shown = controller.summary!.amountDueToday;
  const serverTime = '2030-01-16T00:00:00.000Z';
  const resolved = resolveSelections(controller.checkout!.products, controller.selections, 'usd');
  assert.ok(resolved.ok);
  const quoted = summarize(resolved.resolved, 'usd', new Date(serverTime)).amountDueToday;
  assert.notEqual(quoted, shown);
  const origLoad = controller.load.bind(controller);
  controller.load = () => {
    reads.push('load');
    origLoad();
  };
  controller.paying.pay();
  await settle();
  const complete = posted.pop()!;
  assert.ok(complete.url.endsWith('/chk_up/complete'));
  assert.equal(complete.body.amount_due, shown);
  complete.answer(409, { error: 'The amount due changed.', code: 'amount_changed', amountDue: quoted, now: serverTime });
  await settle(20);
  await settle(20);
  assert.deepEqual(reads, [], 'the session is not read again (the form is not reset)');
  assert.equal(controller.phase.kind, 'ready');
  assert.equal(controller.payError?.code, 'amount_changed', 'the customer is told the total changed');
  assert.equal(controller.customer.name, 'Ada Lovelace', 'what the customer typed is kept');
  assert.equal(controller.summary!.amountDueToday, quoted, 'the new amount is shown');
});

test('an upgrade resumed after a reload ten minutes later, then declined: Stripe is told the amount the form shows again', async (t) => {
  const { intentOptions } = await import('../../../src/payment/intent.ts');
  const local = { now: Date.parse('2030-01-11T00:00:00Z') };
  const sessions = { chk_up: upgradeSession() };
  const before = coordinator(sessions, local);
  const shown = await payUpgrade(before);
  // The reload: the page goes with its element, its complete's answer lost.
  before.controller.hostDisconnected();
  posted.pop()!.lose();
  await settle();
  local.now += 10 * 60_000;
  const { host, controller, mountFields } = coordinator(sessions, local);
  t.after(() => controller.hostDisconnected());
  host.checkoutId = 'chk_up';
  controller.load();
  await until(() => controller.phase.kind !== 'loading');
  await settle();
  assert.equal(controller.phase.kind, 'paying', '"Resuming your payment…"');
  const resent = posted.pop()!;
  assert.equal(resent.body.amount_due, shown);
  // resuming() mounts Stripe's fields, priced by `intentOptions(this.summary!)` when they mount
  // (payment-controller.ts start): stood in for here, with a recorder of setIntent after it.
  let stripeAmount = intentOptions(controller.summary!).amount;
  mountFields();
  controller.payments.fields!.setIntent = (intent) => {
    stripeAmount = intent.amount;
  };
  resent.answer(402, { error: 'Your card was declined.', code: 'card_declined' });
  await settle(20);
  assert.equal(controller.phase.kind, 'ready');
  assert.equal(controller.paying.pending, false);
  const onScreen = controller.summary!.amountDueToday;
  assert.notEqual(onScreen, shown, 'the form shows the order priced now');
  assert.equal(stripeAmount, onScreen, "Stripe's amount (the wallets' sheet) is the one the form shows and the next Pay charges");
});
