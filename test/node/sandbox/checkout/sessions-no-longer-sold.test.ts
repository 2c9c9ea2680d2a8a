// A checkout the merchant did not archive but can no longer sell as it was made: a product it sells
// was deactivated (Paid's `active: false`), or the customer it was made for (by id) was deleted.
// Its public read says `archived`, quote and complete refuse it (409 archived, nothing charged), a
// 3-D Secure payment confirmed after is refunded, and reactivating the product sells it again.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { confirmationToken, errorOf, requiresActionOf, selection, send, startTestSandbox, succeededOf, validCompleteBody, validCreateBody } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const privateCall = (method: string, path: string, json?: unknown) => send(sandbox.url, method, path, { key: sandbox.key, ...(json === undefined ? {} : { json }) });

/** A product of its own (so that deactivating it touches no other test's checkout): $15.00 a month. */
async function ownProduct(): Promise<string> {
  const created = await sandbox.post<{ id: string }>('/api/v2/products', {
    key: sandbox.key,
    json: { name: 'Uptime alerts', basePrice: { currency: 'usd', model: 'flat', amount: 1500, interval: 'month' } },
  });
  assert.equal(created.status, 201, created.text);
  return created.body.id;
}

async function setActive(productId: string, active: boolean): Promise<void> {
  const updated = await privateCall('PUT', `/api/v2/products/${productId}`, { active });
  assert.equal(updated.status, 200, updated.text);
}

/** A checkout of Analytics and `productId`, with the complete body that pays it. */
async function checkoutSelling(productId: string, overrides: Record<string, unknown> = {}) {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }, { id: productId }], singleUse: false, ...overrides }));
  const selections = [selection('prod_analytics', 'plan_analytics_growth'), selection(productId, null)];
  return { id: checkout.id, body: (extra: Record<string, unknown> = {}) => validCompleteBody(['prod_analytics'], { selections, ...extra }) };
}

const quote = (checkoutId: string, json: Record<string, unknown>) => sandbox.post(`/api/public/checkout/${checkoutId}/quote`, { json });

test('a product deactivated while its checkout is open: the read says archived, quote and complete are 409 archived naming it, nothing is charged; the merchant’s checkout stays active, and reactivated it sells again', async () => {
  const productId = await ownProduct();
  const checkout = await checkoutSelling(productId);
  const paidBefore = succeededOf(await sandbox.complete(checkout.id, checkout.body()));
  const orders = await sandbox.total('orders');

  await setActive(productId, false);
  const read = await sandbox.readPublic(checkout.id);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.body.status, 'archived', 'the buyer is told it can no longer be bought');
  assert.deepEqual(read.body.products.map((product) => product.id), ['prod_analytics', productId], 'it still shows what it sold');

  const quoted = await quote(checkout.id, { selections: checkout.body().selections });
  assert.equal(quoted.status, 409, quoted.text);
  assert.equal(errorOf(quoted).code, 'archived');
  const refused = await sandbox.complete(checkout.id, checkout.body());
  assert.equal(refused.status, 409, refused.text);
  assert.equal(errorOf(refused).code, 'archived');
  assert.match(errorOf(refused).message, /Uptime alerts is no longer sold/);
  assert.match(errorOf(refused).message, /Nothing was charged/);
  assert.equal(await sandbox.total('orders'), orders, 'nothing was ordered');
  assert.equal((await sandbox.readCheckout(checkout.id)).status, 'active', 'the merchant did not archive it: their read says active');

  // A payment made before is still answered as it stands: its token sent again is its order, not the refusal.
  const resent = await sandbox.complete(checkout.id, { ...checkout.body(), confirmation_token: sandbox.store.paymentIntents.get(paidBefore.payment_intent.id)!.confirmationToken }, 'idem_resent_after_deactivation');
  assert.equal(succeededOf(resent).order_id, paidBefore.order_id);

  await setActive(productId, true);
  assert.equal((await sandbox.readPublic(checkout.id)).body.status, 'active');
  succeededOf(await sandbox.complete(checkout.id, checkout.body()));
});

test('a 3-D Secure payment the bank confirms after a product of its checkout was deactivated is refunded as checkout_closed, and no order is made', async () => {
  const productId = await ownProduct();
  const checkout = await checkoutSelling(productId);
  const payment = requiresActionOf(await sandbox.complete(checkout.id, checkout.body({ confirmation_token: confirmationToken('threeds') }))).payment_intent;
  const orders = await sandbox.total('orders');

  await setActive(productId, false);
  const confirmed = await sandbox.authenticate(payment.client_secret, 'succeeded');
  assert.equal(confirmed.status, 200, confirmed.text);

  const finalized = await sandbox.finalize(checkout.id, { body: { payment_intent_id: payment.id } });
  assert.equal(finalized.status, 409, finalized.text);
  assert.equal(errorOf(finalized).code, 'payment_refunded');
  assert.equal((finalized.body as { refundReason?: string }).refundReason, 'checkout_closed');
  assert.equal(await sandbox.total('orders'), orders, 'no order');
});

test('a checkout made for a customer (by id) the merchant deleted: the read says archived and names nobody, and the signed-in buyer’s quote and complete are 409 archived, not a 400 naming customer.name', async () => {
  const made = await sandbox.post<{ id: string }>('/api/v2/customers', { key: sandbox.key, json: { name: 'Grace Hopper', email: 'grace@example.com' } });
  assert.equal(made.status, 201, made.text);
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }], customerId: made.body.id, collectAddress: true }));
  const address = { line1: '1 Main St', city: 'Portland', state: 'OR', postal_code: '97201', country: 'US' };
  const selections = [selection('prod_analytics', 'plan_analytics_growth')];
  const held = await quote(checkout.id, { selections, address: { country: 'US', postal_code: '97201', state: 'OR' } });
  assert.equal(held.status, 200, held.text);

  assert.equal((await privateCall('DELETE', `/api/v2/customers/${made.body.id}`)).status, 200);
  const read = await sandbox.readPublic(checkout.id);
  assert.deepEqual([read.body.status, read.body.customer], ['archived', null]);
  const quoted = await quote(checkout.id, { selections, address: { country: 'US', postal_code: '97201', state: 'OR' } });
  assert.equal(errorOf(quoted).code, 'archived', quoted.text);
  // What the element sends for a known customer: the billing address alone.
  const refused = await sandbox.complete(checkout.id, validCompleteBody(['prod_analytics'], { selections, customer: { address }, amount_due: (held.body as { data: { amount: number } }).data.amount }));
  assert.equal(refused.status, 409, refused.text);
  assert.equal(errorOf(refused).code, 'archived');
  assert.match(errorOf(refused).message, /account it was made for was closed/);
  // Nor can a stranger pay it as a new customer.
  const stranger = await sandbox.complete(checkout.id, validCompleteBody(['prod_analytics'], { selections, customer: { name: 'Someone Else', email: 'else@example.com', address } }));
  assert.equal(errorOf(stranger).code, 'archived', stranger.text);
});
