// A checkout for a customer the merchant knows by external id, whose record the merchant deletes
// while the buyer (shown "signed in as …") holds the price: the link is paid by whoever comes next
// as a new customer (Paid makes the external id's customer at the first payment), so the buyer's
// complete, which carries no name or email, is told what happened and read again (409
// amount_changed with the price for a new customer), never a 400 naming a field they were not shown.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { confirmationToken, errorOf, selection, send, startTestSandbox, succeededOf, validCompleteBody, validCreateBody } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const privateCall = <T = unknown>(method: string, path: string, json?: unknown) => send<T>(sandbox.url, method, path, { key: sandbox.key, ...(json === undefined ? {} : { json }) });

const PORTLAND = { line1: '1 Main St', city: 'Portland', state: 'OR', postal_code: '97201', country: 'US' };
const selections = [selection('prod_analytics', 'plan_analytics_growth')];

/** A customer the merchant made, and a reusable checkout for them by external id. */
async function knownBuyerCheckout(collectAddress: boolean) {
  const externalId = `ext_closed_${randomBytes(4).toString('hex')}`;
  const made = await privateCall<{ id: string }>('POST', '/api/v2/customers', { name: 'Known Buyer', email: `${externalId}@example.com`, externalId });
  assert.equal(made.status, 201, made.text);
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }], externalCustomerId: externalId, singleUse: false, collectAddress }));
  const read = await sandbox.readPublic(checkout.id);
  assert.equal(read.body.customer?.id, made.body.id, 'the buyer is shown as the known customer');
  return { checkoutId: checkout.id, customerId: made.body.id, externalId, pricesVersion: String((read.body as { pricesVersion?: string }).pricesVersion) };
}

for (const collectAddress of [true, false]) {
  test(`a known customer deleted while the buyer holds the price (a checkout that ${collectAddress ? 'collects' : 'collects no'} address): complete is 409 amount_changed saying the account was closed, nothing charged; read again, the buyer pays as a new customer`, async () => {
    const { checkoutId, customerId, externalId, pricesVersion } = await knownBuyerCheckout(collectAddress);
    const held = await sandbox.post<{ data: { amount: number } }>(`/api/public/checkout/${checkoutId}/quote`, {
      json: { selections, ...(collectAddress ? { address: { country: 'US', postal_code: '97201', state: 'OR' } } : {}) },
    });
    assert.equal(held.status, 200, held.text);

    assert.equal((await privateCall('DELETE', `/api/v2/customers/${customerId}`)).status, 200);
    const orders = await sandbox.total('orders');
    // As the element sends it for a known customer: the billing address alone where the checkout collects one, else no customer.
    const knownBody = validCompleteBody(['prod_analytics'], { selections, customer: collectAddress ? { address: PORTLAND } : undefined, amount_due: held.body.data.amount, prices_version: pricesVersion });
    const refused = await sandbox.complete(checkoutId, knownBody);
    assert.equal(refused.status, 409, refused.text);
    const error = errorOf(refused);
    assert.equal(error.code, 'amount_changed', 'the code that has the element read the checkout again');
    assert.match(error.message, /account .* was closed/);
    assert.match(error.message, /Nothing was charged/);
    assert.equal(error.field, undefined, 'no field the buyer was not shown');
    assert.equal((refused.body as { amountDue?: number }).amountDue, 4900, 'the price for a new customer now');
    assert.equal(await sandbox.total('orders'), orders, 'nothing was ordered');

    const read = await sandbox.readPublic(checkoutId);
    assert.deepEqual([read.body.customer, read.body.collect.name, read.body.collect.email], [null, true, true], 'read again, it asks for a name and email');
    const paid = succeededOf(await sandbox.complete(checkoutId, validCompleteBody(['prod_analytics'], { selections, customer: { name: 'Known Buyer', email: `${externalId}@example.com`, ...(collectAddress ? { address: PORTLAND } : {}) } })));
    assert.notEqual(paid.customer_id, customerId, 'a new record under the external id');
  });
}

test("a known customer deleted while the buyer holds the price, paid from the element (no customer sent) with a token the stand-in registered with the signed-in name and email: 409 amount_changed saying the account was closed, never a customer made again from the token", async () => {
  const { checkoutId, customerId, externalId, pricesVersion } = await knownBuyerCheckout(false);
  const held = await sandbox.post<{ data: { amount: number } }>(`/api/public/checkout/${checkoutId}/quote`, { json: { selections } });
  assert.equal(held.status, 200, held.text);
  assert.equal((await privateCall('DELETE', `/api/v2/customers/${customerId}`)).status, 200);
  const before = await sandbox.counts();

  // What the stand-in registers for the element's token: the signed-in customer's name and email
  // (billingDetails(..., known)), and the card's country and postal code.
  const token = confirmationToken('succeeds');
  const registered = await sandbox.post('/sandbox/stripe/confirmation_tokens', {
    json: { id: token, billing_details: { name: 'Known Buyer', email: `${externalId}@example.com`, phone: null, address: { line1: null, line2: null, city: null, state: null, postal_code: '97201', country: 'US' } } },
  });
  assert.equal(registered.status, 200, registered.text);
  const refused = await sandbox.complete(checkoutId, validCompleteBody(['prod_analytics'], { selections, confirmation_token: token, customer: undefined, amount_due: held.body.data.amount, prices_version: pricesVersion }));
  assert.equal(refused.status, 409, refused.text);
  const error = errorOf(refused);
  assert.equal(error.code, 'amount_changed');
  assert.match(error.message, /account .* was closed/);
  assert.deepEqual(await sandbox.counts(), before, 'no order, and the closed account is not made again');
  assert.equal(sandbox.store.receipts.list().filter((receipt) => receipt.to === `${externalId}@example.com`).length, 0, 'no receipt to the closed account');
});

test('on a checkout made for nobody, a complete without a name is still 400 naming customer.name', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }] }));
  const refused = await sandbox.complete(checkout.id, validCompleteBody(['prod_analytics'], { selections, customer: { email: 'someone@example.com' } }));
  assert.equal(refused.status, 400, refused.text);
  assert.equal(errorOf(refused).field, 'customer.name');
});

test("an external id whose customer never existed is no closed account: a client that sends amount_due and no customer pays as the new buyer the payment form's token names, and without one is told a customer is required", async () => {
  const externalId = `ext_never_${randomBytes(4).toString('hex')}`;
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }], externalCustomerId: externalId, singleUse: false, collectAddress: false }));
  const read = await sandbox.readPublic(checkout.id);
  assert.equal(read.body.customer, null, 'nobody is signed in: the external id names no customer yet');
  const pricesVersion = String((read.body as { pricesVersion?: string }).pricesVersion);
  const held = await sandbox.post<{ data: { amount: number } }>(`/api/public/checkout/${checkout.id}/quote`, { json: { selections } });
  assert.equal(held.status, 200, held.text);

  const nameless = await sandbox.complete(checkout.id, validCompleteBody(['prod_analytics'], { selections, customer: undefined, amount_due: held.body.data.amount, prices_version: pricesVersion }));
  assert.equal(nameless.status, 400, nameless.text);
  assert.equal(errorOf(nameless).field, 'customer');
  assert.doesNotMatch(errorOf(nameless).message, /closed/);

  const token = confirmationToken('succeeds');
  const registered = await sandbox.post('/sandbox/stripe/confirmation_tokens', {
    json: { id: token, billing_details: { name: 'First Buyer', email: `${externalId}@example.com`, phone: null, address: { line1: null, line2: null, city: null, state: null, postal_code: '97201', country: 'US' } } },
  });
  assert.equal(registered.status, 200, registered.text);
  const paid = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(['prod_analytics'], { selections, confirmation_token: token, customer: undefined, amount_due: held.body.data.amount, prices_version: pricesVersion })));
  const customer = sandbox.store.customers.get(paid.customer_id);
  assert.deepEqual([customer?.name, customer?.externalId], ['First Buyer', externalId], "the external id's customer, made from the token");
});
