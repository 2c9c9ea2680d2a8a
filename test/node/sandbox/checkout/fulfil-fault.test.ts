// A fault while a taken payment is fulfilled (the store refuses a write part-way) never leaves the
// money taken without its order: the store is put back as it was, the payment is refunded, the
// buyer is told so in words, and paying again (a new token) makes exactly one order.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../../../../sandbox/store.ts';
import {
  confirmationToken,
  errorOf,
  requiresActionOf,
  selection,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type OrderObject,
} from '../support.ts';

const store = createMemoryStore();
/** Which write fails next: the store refuses it once. */
let failNext: 'invoice' | 'receipt' | null = null;
const putInvoice = store.invoices.put.bind(store.invoices);
store.invoices.put = (invoice) => {
  if (failNext === 'invoice') {
    failNext = null;
    throw new TypeError('injected: the invoice could not be stored');
  }
  putInvoice(invoice);
};
const putReceipt = store.receipts.put.bind(store.receipts);
store.receipts.put = (receipt) => {
  if (failNext === 'receipt') {
    failNext = null;
    throw new TypeError('injected: the receipt could not be stored');
  }
  putReceipt(receipt);
};

const sandbox = await startTestSandbox({ store });
after(() => sandbox.close());

interface CheckoutWithRefunds {
  status: string;
  orderId: string | null;
  refunds: Array<{ paymentIntentId: string; amount: number; reason: string }>;
}

/** Runs `body` with console.error silenced: the sandbox logs the fault it refunded. */
async function quietly<T>(body: () => Promise<T>): Promise<T> {
  const originalError = console.error;
  console.error = () => {};
  try {
    return await body();
  } finally {
    console.error = originalError;
  }
}

async function storeCounts() {
  return { ...(await sandbox.counts()), invoices: store.invoices.size, receipts: store.receipts.size };
}

test('a new buyer whose order cannot be stored is refunded and told; nothing is left behind, and paying again orders once', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody());
  const before = await storeCounts();

  failNext = 'receipt';
  const failed = await quietly(() => sandbox.complete(checkout.id, validCompleteBody()));
  assert.equal(failNext, null, 'the fault was hit');
  assert.equal(failed.status, 409, failed.text);
  const error = errorOf(failed);
  assert.equal(error.code, 'payment_refunded');
  assert.match(error.message, /refunded/);

  const read = (await sandbox.readCheckout(checkout.id)) as unknown as CheckoutWithRefunds;
  assert.equal(read.status, 'active', 'the checkout can still be paid');
  assert.equal(read.orderId, null);
  assert.equal(read.refunds.length, 1);
  assert.equal(read.refunds[0]?.reason, 'fulfilment_failed');
  assert.deepEqual(await storeCounts(), before, 'no customer, order, invoice or receipt was left behind');

  const paid = succeededOf(await sandbox.complete(checkout.id, validCompleteBody()));
  const after = await storeCounts();
  assert.equal(after.orders, before.orders + 1);
  assert.equal(after.invoices, before.invoices + 1);
  const order = await sandbox.get<OrderObject>(`/api/v2/orders/${paid.order_id}`, { key: sandbox.key });
  assert.equal(order.status, 200, order.text);
  assert.equal(((await sandbox.readCheckout(checkout.id)) as unknown as CheckoutWithRefunds).refunds.length, 1, 'the second payment was kept');
});

test('the same request sent again after the refund charges nothing and says the same', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody());
  const body = validCompleteBody();
  failNext = 'invoice';
  const failed = await quietly(() => sandbox.complete(checkout.id, body));
  assert.equal(errorOf(failed).code, 'payment_refunded');
  const ordersBefore = (await sandbox.counts()).orders;

  const again = await sandbox.complete(checkout.id, body);
  assert.equal(again.status, 409, again.text);
  assert.equal(errorOf(again).code, 'payment_refunded');
  assert.equal((await sandbox.counts()).orders, ordersBefore);
  const read = (await sandbox.readCheckout(checkout.id)) as unknown as CheckoutWithRefunds;
  assert.equal(read.refunds.length, 1, 'one payment, one refund: nothing charged again');
});

test('an upgrade whose invoice cannot be stored leaves the customer’s order as it was', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_ada', products: [{ id: 'prod_analytics' }] }));
  const session = (await sandbox.readPublic(checkout.id)).body;
  const orderId = session.products.find((product) => product.id === 'prod_analytics')?.current?.orderId;
  assert.ok(orderId, 'Ada has an active order to upgrade');
  const orderBefore = (await sandbox.get<OrderObject>(`/api/v2/orders/${orderId}`, { key: sandbox.key })).body;

  failNext = 'invoice';
  const upgrade = validCompleteBody(['prod_analytics'], { selections: [selection('prod_analytics', 'plan_analytics_scale')], customer: undefined });
  const failed = await quietly(() => sandbox.complete(checkout.id, upgrade));
  assert.equal(failNext, null, 'the fault was hit');
  assert.equal(errorOf(failed).code, 'payment_refunded');
  const orderAfter = (await sandbox.get<OrderObject>(`/api/v2/orders/${orderId}`, { key: sandbox.key })).body;
  assert.deepEqual(orderAfter, orderBefore, 'the order keeps its lines, seats and version');
});

test('a 3-D Secure payment the bank confirms but that cannot be fulfilled is refunded, and finalize says so', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody());
  const challenged = requiresActionOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') })));
  failNext = 'invoice';
  const confirmed = await quietly(() =>
    sandbox.authenticate(challenged.payment_intent.client_secret, 'succeeded'),
  );
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(failNext, null, 'the fault was hit');

  const finalized = await sandbox.finalize(checkout.id, { body: { payment_intent_id: challenged.payment_intent.id } });
  assert.equal(errorOf(finalized).code, 'payment_refunded');
  const read = (await sandbox.readCheckout(checkout.id)) as unknown as CheckoutWithRefunds;
  assert.deepEqual(read.refunds.map((refund) => [refund.paymentIntentId, refund.reason]), [[challenged.payment_intent.id, 'fulfilment_failed']]);
  assert.equal(read.orderId, null);
});
