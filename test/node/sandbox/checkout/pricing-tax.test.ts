// Tax at complete over HTTP (sandbox/checkout/pricing.ts): the amount charged is the quote for the
// buyer's address, tax included; another address is 409 amount_changed with the new amount and
// charges nothing; a reverse-charged business keeps its VAT number through 3-D Secure.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CUSTOMER,
  confirmationToken,
  errorOf,
  requiresActionOf,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
} from '../support.ts';
import { BERLIN, LONDON, PORTLAND, quoteFor, TEAM } from './tax-buyers.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

function addressedCheckout() {
  return sandbox.createCheckout(validCreateBody({ collectAddress: true }));
}

/** The quote's `amount` for this address (and VAT number), as the element would be shown it. */
async function quotedAmount(checkoutId: string, address: { country: string; postal_code: string; state?: string }, taxId?: string): Promise<number> {
  return (await quoteFor(sandbox, checkoutId, TEAM, address, taxId)).amount;
}

function payBody(address: Record<string, string>, extra: Record<string, unknown> = {}) {
  const { amount_due, tax_id, ...rest } = extra;
  return validCompleteBody(['prod_analytics', 'prod_seats'], {
    selections: TEAM,
    customer: { ...CUSTOMER, address, ...(tax_id ? { tax_id } : {}) },
    ...(amount_due === undefined ? {} : { amount_due }),
    ...rest,
  });
}

test('a complete whose amount_due is the quote for the same address succeeds and charges exactly it, tax included', async () => {
  const checkout = await addressedCheckout();
  const quoted = await quotedAmount(checkout.id, LONDON);
  assert.equal(quoted, 10_200, '8,500 and 20% VAT');
  const paid = succeededOf(await sandbox.complete(checkout.id, payBody(LONDON, { amount_due: quoted })));
  assert.equal(paid.amount_due, quoted);
});

test('a complete for another address than the one quoted is 409 amount_changed with the new amount, and nothing is charged', async () => {
  const checkout = await addressedCheckout();
  const quotedInLondon = await quotedAmount(checkout.id, LONDON);
  const before = await sandbox.counts();
  const refused = await sandbox.complete(checkout.id, payBody(BERLIN, { amount_due: quotedInLondon }));
  assert.equal(refused.status, 409, refused.text);
  assert.equal(errorOf(refused).code, 'amount_changed');
  const body = refused.body as { amountDue: number; currency: string };
  assert.deepEqual({ amountDue: body.amountDue, currency: body.currency }, { amountDue: await quotedAmount(checkout.id, BERLIN), currency: 'usd' });
  assert.equal(body.amountDue, 8500 + 931 + 684, '19% German VAT');
  assert.deepEqual(await sandbox.counts(), before);
  assert.equal((await sandbox.readCheckout(checkout.id)).status, 'active');
});

test('a complete without amount_due (Paid’s own client) charges the price now for the buyer’s address, tax included', async () => {
  const checkout = await addressedCheckout();
  const paid = succeededOf(await sandbox.complete(checkout.id, payBody({ line1: '1 Infinite Loop', city: 'Cupertino', state: 'CA', postal_code: '95014', country: 'US' })));
  assert.equal(paid.amount_due, 8500 + 355 + 261, '7.25% on each line, rounded: 355.25 → 355, 261 exactly');
});

test('a buyer where no tax is collected pays the same as before tax existed', async () => {
  const checkout = await addressedCheckout();
  assert.equal(await quotedAmount(checkout.id, PORTLAND), 8500);
  assert.equal(succeededOf(await sandbox.complete(checkout.id, payBody(PORTLAND, { amount_due: 8500 }))).amount_due, 8500);
});

test('a checkout that collects no address charges no tax, even for an address sent anyway', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ collectAddress: false }));
  assert.equal(succeededOf(await sandbox.complete(checkout.id, payBody(LONDON, { amount_due: 8500 }))).amount_due, 8500);
});

test('a reverse-charged German business pays the subtotal, as quoted for its VAT number', async () => {
  const checkout = await addressedCheckout();
  const quoted = await quotedAmount(checkout.id, BERLIN, 'DE123456789');
  assert.equal(quoted, 8500);
  assert.equal(succeededOf(await sandbox.complete(checkout.id, payBody(BERLIN, { amount_due: quoted, tax_id: 'DE 123 456 789' }))).amount_due, 8500);
});

test('a malformed VAT number at complete is 400 naming customer.tax_id, and nothing is charged', async () => {
  const checkout = await addressedCheckout();
  const before = await sandbox.counts();
  const refused = await sandbox.complete(checkout.id, payBody(BERLIN, { tax_id: 'DE12' }));
  assert.equal(refused.status, 400, refused.text);
  assert.deepEqual([errorOf(refused).code, errorOf(refused).field], ['validation_error', 'customer.tax_id']);
  assert.deepEqual(await sandbox.counts(), before);
});

test('a reverse-charged business paying through 3-D Secure keeps its VAT number: the bank’s confirmation makes the order at the amount quoted, not a refund', async () => {
  const checkout = await addressedCheckout();
  const quoted = await quotedAmount(checkout.id, BERLIN, 'DE123456789');
  const started = requiresActionOf(
    await sandbox.complete(checkout.id, payBody(BERLIN, { amount_due: quoted, tax_id: 'DE123456789', confirmation_token: confirmationToken('threeds') })),
  );
  assert.equal(started.amount_due, quoted);
  const { id, client_secret } = started.payment_intent;
  const authenticated = await sandbox.authenticate(client_secret, 'succeeded');
  assert.equal(authenticated.status, 200, authenticated.text);
  const finalized = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: id } }), 'finalize');
  assert.equal(finalized.amount_due, quoted);
});

test('a UK buyer paying through 3-D Secure is settled at the taxed amount', async () => {
  const checkout = await addressedCheckout();
  const quoted = await quotedAmount(checkout.id, LONDON);
  const started = requiresActionOf(await sandbox.complete(checkout.id, payBody(LONDON, { amount_due: quoted, confirmation_token: confirmationToken('threeds') })));
  const { id, client_secret } = started.payment_intent;
  await sandbox.authenticate(client_secret, 'succeeded');
  assert.equal(succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: id } }), 'finalize').amount_due, 10_200);
});
