// A payment shown again as under way ("Resuming your payment…": checkout-id A→B→A, a reload)
// shows, and tells in `state`, the amount that payment charges, with the address that taxed it,
// and a Try again over it charges the amount due today on screen (review, session 13). Drives the
// real CheckoutController (coordinator-harness.ts).
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { checkoutSession, app } from './fixtures.ts';
import { coordinator, posted, settle, tabStorage, until } from './coordinator-harness.ts';
import { payUpgrade, upgradeSession } from './upgrade-fixture.ts';

beforeEach(() => {
  tabStorage.clear();
  posted.length = 0;
});

const clock = { now: Date.parse('2030-01-11T00:00:00Z') };
const collect = { name: true, email: true, address: true, phone: false };
const session = (id: string) => checkoutSession({ id, collect, products: [app] });
const sessions = Object.fromEntries(['chk_a', 'chk_b', 'chk_c', 'chk_d'].map((id) => [id, session(id)]));

/** The sandbox's quote for Basic (10.00) in London: VAT 20%. */
const londonQuote = (checkoutId: string) => ({
  success: true,
  data: {
    checkout_id: checkoutId,
    amount: 1200,
    currency: 'usd',
    subtotal: 1000,
    tax: 200,
    lines: [{ kind: 'new', subtotal: 1000, total: 1200, tax_rate: { inclusive: false } }],
    tax_lines: [{ name: 'vat', jurisdiction: 'GB', basis_points: 2000, inclusive: false, amount: 200 }],
    recurring: [{ interval: 'month', starts_at: '2030-02-11T00:00:00.000Z', total: 1200, includes_usage: false }],
    reverse_charge: false,
    now: new Date(clock.now).toISOString(),
  },
});

const typed = { name: 'Ada Lovelace', email: 'ada@example.com', line1: '1 Main St', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' } as const;

/** A form of `checkoutId` shown, its London address typed and quoted (12.00 with VAT), and Pay pressed: its complete, on its way. */
async function payWithVat(t: { after(fn: () => void): void }, checkoutId: string) {
  const element = coordinator(sessions, clock);
  t.after(() => element.controller.hostDisconnected());
  element.host.checkoutId = checkoutId;
  element.controller.load();
  await settle();
  assert.equal(element.controller.phase.kind, 'ready');
  element.mountFields();
  for (const [field, value] of Object.entries(typed)) element.controller.choices.setField(field as keyof typeof typed, value);
  await until(() => posted.some((request) => request.url.endsWith('/quote')));
  const quote = posted.pop()!;
  assert.ok(quote.url.endsWith(`/${checkoutId}/quote`));
  quote.answer(200, londonQuote(checkoutId));
  await settle();
  assert.equal(element.controller.summary!.amountDueToday, 1200, 'shown: 12.00 with VAT');
  assert.equal(element.controller.canPay, true);
  element.controller.paying.pay();
  await settle();
  const complete = posted.pop()!;
  assert.ok(complete.url.endsWith(`/${checkoutId}/complete`));
  assert.equal(complete.body.amount_due, 1200);
  return { ...element, complete };
}

/** The page shows checkout chk_b, then `checkoutId` again, while its payment is on its way. */
async function awayAndBack(element: Awaited<ReturnType<typeof payWithVat>>, checkoutId: string) {
  element.host.checkoutId = 'chk_b';
  element.controller.load();
  await settle();
  element.host.checkoutId = checkoutId;
  element.controller.load();
  await settle();
  assert.equal(element.controller.phase.kind, 'paying', 'shown again as under way');
}

test('A→B→A with a payment with tax under way: the summary and state say the amount it charges', async (t) => {
  const element = await payWithVat(t, 'chk_a');
  await awayAndBack(element, 'chk_a');
  assert.deepEqual(element.controller.state, { status: 'paying', checkoutId: 'chk_a', amountDue: 1200, currency: 'usd' }, 'state tells the amount the payment under way charges');
  assert.equal(element.controller.summary!.amountDueToday, 1200, 'the summary shows the amount the payment under way charges');
  // The address that taxed it is shown again, and its tax asked for again: the summary's VAT line.
  assert.deepEqual(
    [element.controller.customer.line1, element.controller.customer.city, element.controller.customer.postalCode, element.controller.customer.country],
    [typed.line1, typed.city, typed.postalCode, typed.country],
  );
  await until(() => posted.some((request) => request.url.endsWith('/chk_a/quote')));
  posted.find((request) => request.url.endsWith('/chk_a/quote'))!.answer(200, londonQuote('chk_a'));
  await settle();
  const { tax } = element.controller.summary!;
  assert.deepEqual(tax?.status === 'ready' ? tax.lines.map((line) => [line.name, line.amount]) : tax, [['vat', 200]], 'its VAT, as when Pay was pressed');
  assert.equal(element.controller.summary!.amountDueToday, 1200);
});

test('A→B→A, then the answer lost: Try again charges the amount due today on screen', async (t) => {
  const element = await payWithVat(t, 'chk_d');
  await awayAndBack(element, 'chk_d');
  element.complete.lose();
  await settle();
  assert.equal(element.controller.phase.kind, 'ready');
  assert.equal(element.controller.hasPendingAttempt, true, 'the form, locked, offers Try again');
  const onScreen = element.controller.summary!.amountDueToday;
  element.controller.retry();
  await settle();
  const resent = posted.pop()!;
  assert.ok(resent.url.endsWith('/chk_d/complete'));
  assert.equal(resent.body.amount_due, onScreen, 'Try again charges the amount due today on screen');
});

test('a payment with tax resumed after a reload: the summary and state say the amount it charges', async (t) => {
  const before = await payWithVat(t, 'chk_c');
  // The reload: this page goes (its element with it); a new one reads the checkout and resumes the payment kept in the tab.
  before.controller.hostDisconnected();
  before.complete.lose();
  await settle();
  const after = coordinator(sessions, clock);
  t.after(() => after.controller.hostDisconnected());
  after.host.checkoutId = 'chk_c';
  after.controller.load();
  await settle(20);
  assert.equal(after.controller.phase.kind, 'paying', '"Resuming your payment…"');
  const resumed = posted.pop()!;
  assert.ok(resumed.url.endsWith('/chk_c/complete'));
  assert.equal(resumed.body.amount_due, 1200, 'the same payment, as it was sent');
  assert.deepEqual(after.controller.state, { status: 'paying', checkoutId: 'chk_c', amountDue: 1200, currency: 'usd' }, 'state tells the amount the payment under way charges');
  assert.equal(after.controller.summary!.amountDueToday, 1200, 'the summary shows the amount the payment under way charges');
});

test('an upgrade shown again as under way ten minutes later (no tax): the summary says the amount it charges, not the proration now', async (t) => {
  const upgrades = {
    chk_up: upgradeSession(),
    chk_other: checkoutSession({ id: 'chk_other', products: [app] }),
  };
  const local = { now: Date.parse('2030-01-11T00:00:00Z') };
  const element = coordinator(upgrades, local);
  const { host, controller } = element;
  t.after(() => controller.hostDisconnected());
  const shown = await payUpgrade(element);
  const complete = posted.pop()!;
  assert.equal(complete.body.amount_due, shown);
  // Ten minutes on (within the server's 15-minute window), the page shows another checkout and this one again.
  local.now += 10 * 60_000;
  host.checkoutId = 'chk_other';
  controller.load();
  await settle();
  host.checkoutId = 'chk_up';
  controller.load();
  await settle();
  assert.equal(controller.phase.kind, 'paying');
  assert.equal(controller.summary!.amountDueToday, shown, 'the summary shows the amount the payment under way charges');
  assert.equal((controller.state as { amountDue: number }).amountDue, shown);
});

test('control: Pay with VAT, nothing switched: state says the 12.00 shown and sent', async (t) => {
  const element = await payWithVat(t, 'chk_a');
  assert.deepEqual(element.controller.state, { status: 'paying', checkoutId: 'chk_a', amountDue: 1200, currency: 'usd' });
});
