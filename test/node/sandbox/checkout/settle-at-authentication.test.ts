// A 3-D Secure payment is settled when the bank confirms it, as a Stripe-backed server does on
// `payment_intent.succeeded`, not when the buyer's browser finalizes: a buyer who closes the tab
// after the challenge has their order (or, where the checkout ended, their refund), the merchant
// sees it over the private API and hears of it by webhook once; finalize only reads the result.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSandbox, type StartedSandbox } from '../../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../../sandbox/clock.ts';
import {
  confirmationToken,
  errorOf,
  requiresActionOf,
  send,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type Answer,
  type CheckoutObject,
  type ListBody,
  type OrderObject,
} from '../support.ts';
import { accepted, envelopeOf, startReceiver, type Receiver } from '../webhooks/receiver.ts';

let sandbox: StartedSandbox;
let receiver: Receiver;

const announced = [
  'billing-checkout-created',
  'billing-payment-succeeded',
  'billing-payment-failed',
  'billing-invoice-created',
  'billing-invoice-paid',
  'billing-checkout-completed',
] as const;

before(async () => {
  sandbox = await startSandbox({ port: 0, clock: createAdjustableClock(), webhooks: { retryDelaysMs: [5, 5, 5] } });
  receiver = await startReceiver();
  for (const name of announced) {
    const updated = await privateCall('PATCH', `/api/v2/webhooks/${name}`, { url: receiver.url, enabled: true });
    assert.equal(updated.status, 200, updated.text);
  }
});

after(async () => {
  await sandbox.close();
  await receiver.stop();
});

function privateCall<T = unknown>(method: string, path: string, json?: unknown): Promise<Answer<T>> {
  return send<T>(sandbox.url, method, path, { key: sandbox.secretKey, ...(json === undefined ? {} : { json }) });
}

interface CheckoutDetails extends CheckoutObject {
  refunds: Array<{ paymentIntentId: string; amount: number; currency: string; reason: string }>;
}

async function readCheckout(id: string): Promise<CheckoutDetails> {
  const answer = await privateCall<CheckoutDetails>('GET', `/api/v2/checkouts/${id}`);
  assert.equal(answer.status, 200, answer.text);
  return answer.body;
}

async function orderCount(): Promise<number> {
  const answer = await privateCall<ListBody<unknown>>('GET', '/api/v2/orders?limit=1');
  assert.equal(answer.status, 200, answer.text);
  return answer.body.pagination.total;
}

/** A checkout paid with the 3-D Secure test card, left waiting for the bank. */
async function inThreeDs() {
  const created = await privateCall<CheckoutObject>('POST', '/api/v2/checkouts', validCreateBody());
  assert.equal(created.status, 201, created.text);
  const checkout = created.body;
  const completed = await send(sandbox.url, 'POST', `/api/public/checkout/${checkout.id}/complete`, {
    json: validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') }),
  });
  return { checkout, payment: requiresActionOf(completed).payment_intent, amountDue: requiresActionOf(completed).amount_due };
}

function authenticate(payment: { id: string; client_secret: string }, outcome: 'succeeded' | 'failed'): Promise<Answer> {
  return send(sandbox.url, 'POST', `/sandbox/stripe/payment_intents/${payment.id}/authenticate`, {
    json: { clientSecret: payment.client_secret, outcome },
  });
}

const finalize = (checkoutId: string, body: unknown = {}) => send(sandbox.url, 'POST', `/api/public/checkout/${checkoutId}/finalize`, { json: body });

/** The events delivered for one checkout so far, once every delivery under way has ended. */
async function eventsOf(checkoutId: string): Promise<Array<{ type: string; object: Record<string, unknown> }>> {
  await sandbox.webhooks.idle();
  return accepted(receiver.log.entries)
    .map(envelopeOf)
    .map((envelope) => ({ type: envelope.type, object: (envelope.data.object ?? {}) as Record<string, unknown> }))
    .filter(({ object }) => object.id === checkoutId || object.checkoutId === checkoutId);
}

test('a buyer who passes 3-D Secure and never finalizes has their order: the private API shows it and the checkout completed, and each webhook fires once', async () => {
  const { checkout, payment, amountDue } = await inThreeDs();
  const ordersBefore = await orderCount();

  const answered = await authenticate(payment, 'succeeded');
  assert.equal(answered.status, 200, answered.text);
  assert.deepEqual(answered.body, { id: payment.id, status: 'succeeded' });

  // The tab is closed: no finalize. The merchant reads the result.
  const read = await readCheckout(checkout.id);
  assert.equal(read.status, 'completed');
  assert.match(read.orderId ?? '', /^ord_/);
  assert.deepEqual(read.refunds, []);
  assert.equal(await orderCount(), ordersBefore + 1);
  const order = await privateCall<OrderObject>('GET', `/api/v2/orders/${read.orderId}`);
  assert.equal(order.status, 200, order.text);
  assert.equal(order.body.customerId, read.customerId, 'the order is the buyer the checkout now names');
  const paidEvents = [
    'billing-checkout-created',
    'billing-payment-succeeded',
    'billing-invoice-created',
    'billing-invoice-paid',
    'billing-checkout-completed',
  ];
  const events = await eventsOf(checkout.id);
  assert.deepEqual(events.map((event) => event.type), paidEvents);
  assert.equal(events[1]?.object.id, payment.id);
  assert.equal(events[1]?.object.amount, amountDue);
  assert.equal(events[4]?.object.orderId, read.orderId);

  // The same bank answer again, then the buyer's finalize after all: the same order, nothing new.
  assert.deepEqual((await authenticate(payment, 'succeeded')).body, { id: payment.id, status: 'succeeded' });
  const paid = succeededOf(await finalize(checkout.id), 'finalize');
  assert.equal(paid.order_id, read.orderId);
  assert.equal(paid.payment_intent.id, payment.id);
  assert.equal(succeededOf(await finalize(checkout.id, { payment_intent_id: payment.id }), 'finalize again').order_id, read.orderId);
  assert.equal(await orderCount(), ordersBefore + 1, 'finalize made no second order');
  assert.deepEqual((await eventsOf(checkout.id)).map((event) => event.type), paidEvents, 'no event fired twice');
});

test('a buyer who passes 3-D Secure after the merchant archived the checkout is refunded at once: the refund is on the private checkout, no order, no payment webhooks; finalize then says so', async () => {
  const { checkout, payment, amountDue } = await inThreeDs();
  const ordersBefore = await orderCount();
  assert.equal((await privateCall('DELETE', `/api/v2/checkouts/${checkout.id}`)).status, 200);

  const answered = await authenticate(payment, 'succeeded');
  assert.equal(answered.status, 200, answered.text);
  assert.deepEqual(answered.body, { id: payment.id, status: 'succeeded' }, "Stripe's answer: the payment succeeded; the refund is apart");

  const read = await readCheckout(checkout.id);
  assert.equal(read.status, 'archived');
  assert.equal(read.orderId, null);
  assert.deepEqual(
    read.refunds.map((refund) => [refund.paymentIntentId, refund.amount, refund.reason]),
    [[payment.id, amountDue, 'checkout_closed']],
  );
  assert.equal(await orderCount(), ordersBefore, 'no order');
  assert.deepEqual((await eventsOf(checkout.id)).map((event) => event.type), ['billing-checkout-created']);

  for (const body of [{}, { payment_intent_id: payment.id }]) {
    const told = await finalize(checkout.id, body);
    assert.equal(told.status, 409, told.text);
    const error = errorOf(told);
    assert.equal(error.code, 'payment_refunded');
    assert.match(error.message, /refunded/);
    assert.equal((told.body as { refundReason: string }).refundReason, 'checkout_closed');
  }
  assert.equal((await readCheckout(checkout.id)).refunds.length, 1, 'refunded once');
  assert.equal(await orderCount(), ordersBefore, 'finalize made no order');
});

test('a buyer who passes 3-D Secure after the merchant deleted their customer is refunded with reason customer_deleted, and told so in those words, not that the price changed', async () => {
  const customer = await privateCall<{ id: string }>('POST', '/api/v2/customers', { name: 'Mary Jackson', email: 'mary@example.com' });
  assert.equal(customer.status, 201, customer.text);
  const created = await privateCall<CheckoutObject>('POST', '/api/v2/checkouts', validCreateBody({ customerId: customer.body.id }));
  assert.equal(created.status, 201, created.text);
  const completed = await send(sandbox.url, 'POST', `/api/public/checkout/${created.body.id}/complete`, {
    json: validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds'), customer: undefined }),
  });
  const payment = requiresActionOf(completed).payment_intent;
  const ordersBefore = await orderCount();
  assert.equal((await privateCall('DELETE', `/api/v2/customers/${customer.body.id}`)).status, 200);

  assert.equal((await authenticate(payment, 'succeeded')).status, 200);
  const read = await readCheckout(created.body.id);
  assert.deepEqual(read.refunds.map((refund) => [refund.paymentIntentId, refund.reason]), [[payment.id, 'customer_deleted']]);
  assert.equal(await orderCount(), ordersBefore, 'no order');
  const told = await finalize(created.body.id, { payment_intent_id: payment.id });
  const error = errorOf(told);
  assert.equal(error.code, 'payment_refunded');
  assert.equal((told.body as { refundReason: string }).refundReason, 'customer_deleted');
  assert.doesNotMatch(error.message, /price/);
  assert.match(error.message, /refunded/);
});

test('a failed challenge announces payment failed once, when the bank answers, however often finalize is asked', async () => {
  const { checkout, payment } = await inThreeDs();
  assert.deepEqual((await authenticate(payment, 'failed')).body, { id: payment.id, status: 'requires_payment_method' });
  const failedEvents = async () => (await eventsOf(checkout.id)).filter((event) => event.type === 'billing-payment-failed');
  const failed = await failedEvents();
  assert.equal(failed.length, 1, 'announced when the bank answered');
  assert.equal(failed[0]?.object.code, 'authentication_failed');

  for (let asked = 0; asked < 3; asked += 1) assert.equal(errorOf(await finalize(checkout.id)).code, 'authentication_failed');
  assert.equal((await failedEvents()).length, 1, 'not again at each finalize');
  assert.equal((await readCheckout(checkout.id)).status, 'active');
});
