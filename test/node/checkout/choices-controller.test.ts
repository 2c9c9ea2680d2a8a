// ChoicesController against a fake host holding a real session: the currency and choices a session
// starts with, each change priced by the server's clock and told to the page, and the customer's fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PublicCheckout } from '../../../src/api/schemas.ts';
import { CheckoutError } from '../../../src/errors.ts';
import { ChoicesController, type ChoicesHost } from '../../../src/checkout/choices-controller.ts';
import { emptyCustomer } from '../../../src/checkout/customer-form.ts';
import { checkoutSession, FakeElement, type Mutable } from './fixtures.ts';

/** The server's time, which the page's clock (years away) must not replace. */
const serverNow = Date.parse('2030-01-11T00:00:00Z');

function setup(session: PublicCheckout = checkoutSession()) {
  const element = new FakeElement();
  /** What was priced at each orderChanged: the coordinator gives it to Stripe's fields and asks the quote again. */
  const orderChanges: Array<{ amount: number; currency: string } | null> = [];
  const failures: CheckoutError[] = [];
  const host: Mutable<ChoicesHost> = {
    checkout: session,
    currencies: [],
    currency: '',
    selections: [],
    priced: null,
    customer: emptyCustomer(),
    fieldProblems: new Map(),
    payError: null,
    editable: true,
    element: element as unknown as ChoicesHost['element'],
    session: { now: () => serverNow },
    fail: (error) => failures.push(error),
    orderChanged: () => orderChanges.push(host.priced && { amount: host.priced.amountDueToday, currency: host.priced.currency }),
  };
  const choices = new ChoicesController(host);
  return { host, choices, element, orderChanges, failures };
}

/** A started session, and the change events from then on. */
function started(session?: PublicCheckout) {
  const t = setup(session);
  assert.equal(t.choices.start(), true);
  const changes = t.element.record('paid-checkout-change');
  const updatesAtStart = t.element.updates;
  return { ...t, changes, updatesAtStart };
}

const seatsOf = (host: ChoicesHost) => host.selections.find((selection) => selection.productId === 'prod_seats');

test('start picks the session’s currency when it is allowed and offered, each product’s first plan at its least quantity, priced by the server’s clock, and the coordinator is told of the order', () => {
  const t = setup(checkoutSession({ currency: 'eur' }));
  assert.equal(t.choices.start(), true);
  assert.deepEqual(t.host.currencies, ['usd', 'eur']);
  assert.equal(t.host.currency, 'eur');
  assert.deepEqual(t.host.selections, [
    { productId: 'prod_app', planId: 'plan_basic', quantity: 1 },
    { productId: 'prod_seats', planId: 'plan_team', quantity: 2 },
  ]);
  assert.equal(t.host.priced?.currency, 'eur');
  assert.equal(t.host.priced?.amountDueToday, 900 + 2 * 450);
  assert.equal(t.host.priced?.lines[0]?.nextChargeAt?.toISOString(), '2030-02-11T00:00:00.000Z');
  assert.deepEqual(t.orderChanges, [{ amount: 1800, currency: 'eur' }]);
  assert.deepEqual(t.failures, []);
});

test('start falls back to the first allowed currency every product is offered in when the session’s own is not offered', () => {
  const t = setup(checkoutSession({ allowedCurrencies: ['gbp', 'eur', 'usd'], currency: 'gbp' }));
  assert.equal(t.choices.start(), true);
  assert.deepEqual(t.host.currencies, ['eur', 'usd']);
  assert.equal(t.host.currency, 'eur');
  assert.equal(t.host.priced?.currency, 'eur');
  assert.equal(t.orderChanges.at(-1)?.currency, 'eur');
});

test('a session whose allowed currencies no product is offered in fails as invalid_response and prices nothing', () => {
  const t = setup(checkoutSession({ allowedCurrencies: ['gbp'], currency: 'gbp' }));
  assert.equal(t.choices.start(), false);
  assert.deepEqual(t.failures.map((error) => error.code), ['invalid_response']);
  assert.equal(t.host.priced, null);
  assert.deepEqual(t.orderChanges, []);
});

test('choosing another plan selects it, raises the quantity to the new plan’s least and tells the page the new amount due', () => {
  const t = started();
  t.choices.choosePlan('prod_seats', 'plan_business');
  assert.deepEqual(seatsOf(t.host), { productId: 'prod_seats', planId: 'plan_business', quantity: 5 });
  assert.equal(t.host.priced?.amountDueToday, 1000 + 5 * 400);
  assert.equal(t.orderChanges.at(-1)?.amount, 3000);
  assert.equal(t.element.updates, t.updatesAtStart + 1);
  assert.equal(t.changes.length, 1);
  assert.deepEqual(t.changes[0]!.detail, {
    selections: [
      { productId: 'prod_app', planId: 'plan_basic', quantity: 1 },
      { productId: 'prod_seats', planId: 'plan_business', quantity: 5 },
    ],
    currency: 'usd',
    amountDue: 3000,
  });
  assert.equal(t.changes[0]!.bubbles, true);
  assert.equal(t.changes[0]!.composed, true);
});

test('choosing a plan with a lower most lowers the quantity to it', () => {
  const t = started();
  t.choices.setQuantity('prod_seats', 10);
  t.choices.choosePlan('prod_seats', 'plan_business');
  assert.equal(seatsOf(t.host)?.quantity, 8);
  assert.equal(t.changes.at(-1)?.detail.amountDue, 1000 + 8 * 400);
});

test('the plan already chosen, a plan or product the session does not have, or any plan while the order cannot change, changes nothing and tells the page nothing', () => {
  const t = started();
  const before = { selections: t.host.selections, summary: t.host.priced, orderChanges: t.orderChanges.length };
  t.choices.choosePlan('prod_app', 'plan_basic');
  t.choices.choosePlan('prod_app', 'plan_unknown');
  t.choices.choosePlan('prod_unknown', 'plan_pro');
  t.host.editable = false;
  t.choices.choosePlan('prod_app', 'plan_pro');
  assert.equal(t.host.selections, before.selections);
  assert.equal(t.host.priced, before.summary);
  assert.equal(t.orderChanges.length, before.orderChanges);
  assert.equal(t.element.updates, t.updatesAtStart);
  assert.deepEqual(t.changes, []);
});

test('a quantity past the plan’s bounds is clamped to them and the page is told the amount', () => {
  const t = started();
  t.choices.setQuantity('prod_seats', 50);
  assert.equal(seatsOf(t.host)?.quantity, 10);
  t.choices.setQuantity('prod_seats', 0);
  assert.equal(seatsOf(t.host)?.quantity, 2);
  assert.deepEqual(
    t.changes.map((event) => event.detail.amountDue),
    [1000 + 10 * 500, 1000 + 2 * 500],
  );
});

test('a quantity that clamps to the one already chosen renders the input back without a change event', () => {
  const t = started();
  const selections = t.host.selections;
  t.choices.setQuantity('prod_seats', 1);
  assert.equal(t.host.selections, selections);
  assert.equal(t.element.updates, t.updatesAtStart + 1);
  assert.deepEqual(t.changes, []);
});

test('while the order cannot change, quantities and currencies are left as they are', () => {
  const t = started();
  t.host.editable = false;
  t.choices.setQuantity('prod_seats', 4);
  t.choices.setCurrency('eur');
  assert.equal(seatsOf(t.host)?.quantity, 2);
  assert.equal(t.host.currency, 'usd');
  assert.equal(t.element.updates, t.updatesAtStart);
  assert.deepEqual(t.changes, []);
});

test('switching currency keeps each product’s plan and quantity, prices them in it and tells the page', () => {
  const t = started();
  t.choices.choosePlan('prod_app', 'plan_pro');
  t.choices.setQuantity('prod_seats', 4);
  t.choices.setCurrency('eur');
  assert.equal(t.host.currency, 'eur');
  assert.deepEqual(t.host.selections, [
    { productId: 'prod_app', planId: 'plan_pro', quantity: 1 },
    { productId: 'prod_seats', planId: 'plan_team', quantity: 4 },
  ]);
  assert.equal(t.host.priced?.currency, 'eur');
  assert.deepEqual(t.orderChanges.at(-1), { amount: 2700 + 4 * 450, currency: 'eur' });
  assert.deepEqual(
    t.changes.map((event) => [event.detail.currency, event.detail.amountDue]),
    [
      ['usd', 3000 + 2 * 500],
      ['usd', 3000 + 4 * 500],
      ['eur', 2700 + 4 * 450],
    ],
  );
});

test('a currency the session does not offer, or the one already shown, is ignored', () => {
  const t = started();
  const summary = t.host.priced;
  t.choices.setCurrency('gbp');
  t.choices.setCurrency('usd');
  assert.equal(t.host.currency, 'usd');
  assert.equal(t.host.priced, summary);
  assert.equal(t.element.updates, t.updatesAtStart);
  assert.deepEqual(t.changes, []);
});

test('a change clears a no_change or total_changed error, and leaves any other error shown', () => {
  const t = started();
  t.host.payError = new CheckoutError('no_change', { recoverable: true });
  t.choices.choosePlan('prod_app', 'plan_pro');
  assert.equal(t.host.payError, null);
  t.host.payError = new CheckoutError('total_changed', { recoverable: true });
  t.choices.setQuantity('prod_seats', 4);
  assert.equal(t.host.payError, null);
  const declined = new CheckoutError('card_declined', { recoverable: true });
  t.host.payError = declined;
  t.choices.setQuantity('prod_seats', 3);
  assert.equal(t.host.payError, declined);
  assert.equal(t.changes.length, 3);
});

test('leaving a field that holds nothing raises nothing', () => {
  const t = started();
  t.choices.leaveField('email');
  t.choices.setField('name', '   ');
  t.choices.leaveField('name');
  assert.equal(t.host.fieldProblems.size, 0);
  assert.equal(t.element.updates, t.updatesAtStart);
});

test('an invalid email raises nothing while typed and its problem once the customer leaves the field', () => {
  const t = started();
  t.choices.setField('email', 'ada@');
  assert.equal(t.host.customer.email, 'ada@');
  assert.equal(t.host.fieldProblems.size, 0);
  t.choices.leaveField('email');
  assert.deepEqual([...t.host.fieldProblems], [['email', { key: 'invalid.email' }]]);
  assert.equal(t.element.updates, t.updatesAtStart + 1);
});

test('typing the fix into a field that shows a problem clears the problem at once', () => {
  const t = started();
  t.choices.setField('email', 'ada@');
  t.choices.leaveField('email');
  t.choices.setField('email', 'ada@example');
  assert.equal(t.host.fieldProblems.get('email')?.key, 'invalid.email');
  t.choices.setField('email', 'ada@example.com');
  assert.equal(t.host.fieldProblems.has('email'), false);
  assert.equal(t.element.updates, t.updatesAtStart + 2);
});

test('each keystroke in a customer field tells the coordinator, whose quote depends on the address', () => {
  const t = started();
  const before = t.orderChanges.length;
  t.choices.setField('postalCode', 'SW1');
  t.choices.setField('postalCode', 'SW1Y');
  assert.equal(t.host.customer.postalCode, 'SW1Y');
  assert.equal(t.orderChanges.length, before + 2);
  assert.deepEqual(t.changes, []);
});
