// A public read never names the buyer of an anonymous checkout, with or without an
// externalCustomerId; a checkout the merchant made for an existing customer may name that customer.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { publicCheckout } from '../../../../src/api/schemas.ts';
import { selection, startTestSandbox, succeededOf, validCompleteBody, validCreateBody } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const BUYER = { name: 'Dorothy Vaughan', email: 'dorothy.vaughan@example.com' };

let serial = 0;
/** An external id no customer has yet. */
function newExternalId(): string {
  serial += 1;
  return `ext_anonymous_${process.pid}_${Date.now()}_${serial}`;
}

/** The public read of `id` as anyone with the link gets it: parsed, and its raw text. */
async function readAsStranger(id: string) {
  const answer = await sandbox.readPublic(id);
  assert.equal(answer.status, 200, answer.text);
  return { session: publicCheckout.parse(answer.body), text: answer.text };
}

function assertNamesNoOne(read: { session: { customer: unknown }; text: string }, label: string): void {
  assert.equal(read.session.customer, null, `${label}: customer`);
  assert.doesNotMatch(read.text, /Dorothy|dorothy\.vaughan/, `${label}: the buyer's name or email appears in the payload`);
}

test('a paid single-use checkout made with a new externalCustomerId shows no customer on its public read', async () => {
  const externalId = newExternalId();
  const checkout = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId }));
  const paid = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { ...BUYER } })));

  assertNamesNoOne(await readAsStranger(checkout.id), 'after payment');
  // The merchant still learns who paid, over the private API.
  assert.equal((await sandbox.readCheckout(checkout.id)).customerId, paid.customer_id);
});

test('a multi-use checkout made with a new externalCustomerId names no one after its first payment, and the next payment is still that customer\'s', async () => {
  const externalId = newExternalId();
  const checkout = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId, singleUse: false }));
  const first = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { ...BUYER } })));

  const read = await readAsStranger(checkout.id);
  assertNamesNoOne(read, 'after the first payment');
  assert.equal(read.session.status, 'active');

  // Only the read changed: the checkout still prices and pays as the customer the first payment made.
  const more = [selection('prod_analytics', 'plan_analytics_growth', 1), selection('prod_seats', 'plan_seats_team', 5)];
  const second = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: undefined, selections: more })));
  assert.equal(second.customer_id, first.customer_id);
});

test('a checkout made for an existing externalCustomerId still shows that customer after payment', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ externalCustomerId: 'ext_ada', products: [{ id: 'prod_analytics' }] }));
  succeededOf(await sandbox.complete(checkout.id, validCompleteBody(['prod_analytics'], { customer: undefined })));
  const { session } = await readAsStranger(checkout.id);
  assert.deepEqual(session.customer, { id: 'cus_ada', name: 'Ada Lovelace', email: 'ada@example.com' });
});

test('a checkout made for a customerId still shows that customer after payment', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace', products: [{ id: 'prod_analytics' }] }));
  succeededOf(await sandbox.complete(checkout.id, validCompleteBody(['prod_analytics'], { customer: undefined })));
  const { session } = await readAsStranger(checkout.id);
  assert.deepEqual(session.customer, { id: 'cus_grace', name: 'Grace Hopper', email: 'grace@example.com' });
});

test('a checkout made with an externalCustomerId after a payment created that customer shows the customer', async () => {
  const externalId = newExternalId();
  const first = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId }));
  const paid = succeededOf(await sandbox.complete(first.id, validCompleteBody(undefined, { customer: { ...BUYER } })));
  const later = await sandbox.createCheckout(validCreateBody({ externalCustomerId: externalId, products: [{ id: 'prod_storage' }] }));
  const { session } = await readAsStranger(later.id);
  assert.deepEqual(session.customer, { id: paid.customer_id, ...BUYER });
});
