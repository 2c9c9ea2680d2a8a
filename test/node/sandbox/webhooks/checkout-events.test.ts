// The sandbox's webhooks end to end, as a merchant configures them with Paid's SDK: events of
// real checkouts (created, paid, declined, expired) reach the merchant's server signed, once
// each, in order per checkout, even after the server was down for a while.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { PaidClient } from '@paid-ai/paid-node';
import { startSandbox, type StartedSandbox } from '../../../../sandbox/app.ts';
import { verifyWebhookSignature } from '../../../../sandbox/webhooks/index.ts';
import { DELIVERED_WEBHOOK_NAMES } from './delivered-names.ts';
import { accepted, createLog, envelopeOf, startReceiver, type Receiver } from './receiver.ts';

let sandbox: StartedSandbox;
let paid: PaidClient;
let receiver: Receiver;
let signingSecret: string;
const failedAttempts = createLog<string>();

before(async () => {
  sandbox = await startSandbox({
    port: 0,
    webhooks: {
      retryDelaysMs: Array.from({ length: 1_000 }, () => 5),
      onDelivery: (report) => void (report.outcome === 'failed' && failedAttempts.push(report.eventId)),
    },
  });
  paid = new PaidClient({ token: sandbox.secretKey, baseUrl: `${sandbox.url}/api/v2` });
  receiver = await startReceiver();
  for (const webhookName of DELIVERED_WEBHOOK_NAMES) await paid.webhooks.updateWebhook({ webhookName, url: receiver.url, enabled: true });
  const list = (await paid.webhooks.listWebhooks()) as unknown as { signingSecret: string };
  signingSecret = list.signingSecret;
});

after(async () => {
  await sandbox.close();
  await receiver.stop().catch(() => undefined);
});

const token = (outcome: string) => `ctoken_test_${outcome}_${randomBytes(8).toString('hex')}`;

/** What a buyer chooses and types in the form where the checkout leaves it to them (a reusable link, a checkout for no one yet). */
interface BuyersOrder {
  selections: Array<{ product_id: string; plan_id: string | null; quantity: number }>;
  customer: Record<string, unknown>;
}

/** Pays `checkoutId` with a card whose outcome is `outcome`; `order`, in usd, where the buyer chooses it. */
async function complete(checkoutId: string, outcome: string, order?: BuyersOrder): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.url}/api/public/checkout/${checkoutId}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      confirmation_token: token(outcome),
      return_url: 'https://shop.example/return',
      ...(order && { selections: order.selections, currency: 'usd', customer: order.customer }),
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A checkout of one product without plans for a customer of its own, so that each can be paid. */
async function newCheckout() {
  const customer = await paid.customers.createCustomer({ name: 'Webhook Buyer', email: 'buyer@example.com' });
  return paid.checkouts.createCheckout({ products: [{ id: 'prod_support' }], customerId: customer.id, successUrl: 'https://shop.example/thanks' });
}

function eventsOf(checkoutId: string): Array<{ id: string; type: string; object: Record<string, unknown> }> {
  return accepted(receiver.log.entries)
    .map(envelopeOf)
    .filter((envelope) => (envelope.data.object as { id?: string; checkoutId?: string }).id === checkoutId || (envelope.data.object as { checkoutId?: string }).checkoutId === checkoutId)
    .map((envelope) => ({ id: envelope.id, type: envelope.type, object: envelope.data.object as Record<string, unknown> }));
}

test('a merchant who fulfils from webhooks alone gets, for one paid checkout, created, payment succeeded, invoice created and paid, then completed, each signed and carrying the SDK object', async () => {
  const checkout = await newCheckout();
  const paidAnswer = await complete(checkout.id, 'succeeds');
  assert.equal(paidAnswer.status, 200, JSON.stringify(paidAnswer.body));
  const data = paidAnswer.body.data as { order_id: string; invoice_id: string };
  await receiver.log.until(() => eventsOf(checkout.id).some((event) => event.type === 'billing-checkout-completed'));

  const events = eventsOf(checkout.id);
  assert.deepEqual(
    events.map((event) => event.type),
    ['billing-checkout-created', 'billing-payment-succeeded', 'billing-invoice-created', 'billing-invoice-paid', 'billing-checkout-completed'],
  );
  const completed = events.at(-1)?.object ?? {};
  assert.equal(completed.status, 'completed');
  assert.equal(completed.orderId, data.order_id);
  assert.equal((events[2]?.object ?? {}).id, data.invoice_id);
  assert.equal((events[2]?.object ?? {}).paymentStatus, 'paid');
  // The checkout a merchant fulfils from must say who paid: the completed event names the customer.
  assert.equal(completed.customerId, checkout.customerId);
  for (const request of accepted(receiver.log.entries)) {
    const check = verifyWebhookSignature(request.body, String(request.headers['paid-signature']), signingSecret);
    assert.equal(check.ok, true, `signature of ${request.eventId}: ${JSON.stringify(check)}`);
  }
});

test('on a reusable link, each buyer’s billing-checkout-completed says completed, by that buyer, with that order (the link itself stays active)', async () => {
  const created = await fetch(`${sandbox.url}/api/v2/checkouts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.secretKey}` },
    body: JSON.stringify({ products: [{ id: 'prod_support' }], successUrl: 'https://shop.example/thanks', singleUse: false, collectAddress: false }),
  });
  assert.equal(created.status, 201);
  const checkout = (await created.json()) as { id: string };
  const buyers: Array<{ order_id: string; customer_id: string }> = [];
  for (const name of ['Ada', 'Grace']) {
    const answer = await complete(checkout.id, 'succeeds', {
      selections: [{ product_id: 'prod_support', plan_id: null, quantity: 1 }],
      customer: { name, email: `${name.toLowerCase()}@example.com` },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    buyers.push(answer.body.data as { order_id: string; customer_id: string });
  }
  await receiver.log.until(() => eventsOf(checkout.id).filter((event) => event.type === 'billing-checkout-completed').length === 2);
  const completed = eventsOf(checkout.id).filter((event) => event.type === 'billing-checkout-completed').map((event) => event.object);
  assert.deepEqual(
    completed.map((object) => [object.status, object.customerId, object.orderId]),
    buyers.map((buyer) => ['completed', buyer.customer_id, buyer.order_id]),
    'the fulfilment recipe (status completed, the customer, the order) serves every buyer',
  );
  assert.notEqual(buyers[0]!.customer_id, buyers[1]!.customer_id);
  assert.equal((await paid.checkouts.getCheckout({ id: checkout.id })).status, 'active', 'the link is still for sale');
});

test('a declined card sends payment failed with the decline, and no payment, invoice or completed event', async () => {
  const checkout = await newCheckout();
  const declined = await complete(checkout.id, 'insufficient_funds');
  assert.equal(declined.status, 402);
  await receiver.log.until(() => eventsOf(checkout.id).some((event) => event.type === 'billing-payment-failed'));
  const events = eventsOf(checkout.id);
  assert.deepEqual(events.map((event) => event.type), ['billing-checkout-created', 'billing-payment-failed']);
  assert.equal(events[1]?.object.declineCode, 'insufficient_funds');
});

test('a checkout left past its expiresAt sends checkout expired once, however many requests follow', async () => {
  const checkout = await newCheckout();
  sandbox.clock.advance(25 * 3_600_000);
  try {
    await paid.checkouts.getCheckout({ id: checkout.id });
    await paid.checkouts.getCheckout({ id: checkout.id });
    await receiver.log.until(() => eventsOf(checkout.id).some((event) => event.type === 'billing-checkout-expired'));
    await paid.checkouts.listCheckouts();
    await sandbox.webhooks.idle();
    const expired = eventsOf(checkout.id).filter((event) => event.type === 'billing-checkout-expired');
    assert.equal(expired.length, 1);
    assert.equal(expired[0]?.object.status, 'expired');
  } finally {
    sandbox.clock.advance(-25 * 3_600_000);
  }
});

/** Answers the 3-D Secure challenge of `answer`'s payment as the buyer would (the stand-in's bank). */
async function approveChallenge(answer: { body: Record<string, unknown> }): Promise<number> {
  const intent = (answer.body.data as { payment_intent: { id: string; client_secret: string } }).payment_intent;
  const response = await fetch(`${sandbox.url}/sandbox/stripe/payment_intents/${intent.id}/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientSecret: intent.client_secret, outcome: 'succeeded' }),
  });
  return response.status;
}

test('a checkout whose 3-D Secure payment is at the bank when it expires is not announced expired: approved within its hold, it is completed, and only that is sent', async () => {
  const checkout = await newCheckout();
  const expiresIn = Date.parse(checkout.expiresAt!) - sandbox.clock.now().getTime();
  sandbox.clock.advance(expiresIn - 5 * 60_000);
  try {
    const started = await complete(checkout.id, 'threeds');
    assert.equal(started.status, 200, JSON.stringify(started.body));
    // Past expiresAt, the challenge still open (10 of its 15 minutes): requests sweep, nothing is sent.
    sandbox.clock.advance(10 * 60_000);
    assert.equal((await paid.checkouts.getCheckout({ id: checkout.id })).status, 'expired');
    await sandbox.webhooks.idle();
    assert.ok(!eventsOf(checkout.id).some((event) => event.type === 'billing-checkout-expired'), 'not unpaid while its bank may still confirm it');
    assert.equal(await approveChallenge(started), 200);
    await receiver.log.until(() => eventsOf(checkout.id).some((event) => event.type === 'billing-checkout-completed'));
    sandbox.clock.advance(60 * 60_000);
    await paid.checkouts.getCheckout({ id: checkout.id });
    await sandbox.webhooks.idle();
    assert.deepEqual(
      eventsOf(checkout.id).map((event) => event.type),
      ['billing-checkout-created', 'billing-payment-succeeded', 'billing-invoice-created', 'billing-invoice-paid', 'billing-checkout-completed'],
    );
  } finally {
    sandbox.clock.advance(-(expiresIn + 65 * 60_000));
  }
});

test('a 3-D Secure payment left at the bank past expiry and its hold: the checkout is announced expired once; approved after all, it is still honoured and announced completed after', async () => {
  const checkout = await newCheckout();
  const started = await complete(checkout.id, 'threeds');
  assert.equal(started.status, 200, JSON.stringify(started.body));
  sandbox.clock.advance(25 * 3_600_000);
  try {
    await paid.checkouts.getCheckout({ id: checkout.id });
    await receiver.log.until(() => eventsOf(checkout.id).some((event) => event.type === 'billing-checkout-expired'));
    assert.equal(await approveChallenge(started), 200, 'a payment the bank confirms is honoured');
    await receiver.log.until(() => eventsOf(checkout.id).some((event) => event.type === 'billing-checkout-completed'));
    await paid.checkouts.getCheckout({ id: checkout.id });
    await sandbox.webhooks.idle();
    assert.deepEqual(eventsOf(checkout.id).map((event) => event.type), [
      'billing-checkout-created',
      'billing-checkout-expired',
      'billing-payment-succeeded',
      'billing-invoice-created',
      'billing-invoice-paid',
      'billing-checkout-completed',
    ]);
    assert.equal((await paid.checkouts.getCheckout({ id: checkout.id })).status, 'completed');
  } finally {
    sandbox.clock.advance(-25 * 3_600_000);
  }
});

test('a UK buyer’s billing-invoice-created carries the invoice with its VAT in the SDK’s fields, as the API reads it', async () => {
  const checkout = await paid.checkouts.createCheckout({ products: [{ id: 'prod_analytics' }, { id: 'prod_seats' }], successUrl: 'https://shop.example/thanks', collectAddress: true });
  const answer = await complete(checkout.id, 'succeeds', {
    selections: [
      { product_id: 'prod_analytics', plan_id: 'plan_analytics_growth', quantity: 1 },
      { product_id: 'prod_seats', plan_id: 'plan_seats_team', quantity: 3 },
    ],
    customer: { name: 'Mary Jackson', email: 'mary@example.com', address: { line1: '12 St James’s Square', city: 'London', postal_code: 'SW1Y 4JH', country: 'GB' } },
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  // Every event of this payment in, so that none arrives during the next test.
  await receiver.log.until(() => eventsOf(checkout.id).some((event) => event.type === 'billing-checkout-completed'));
  const created = eventsOf(checkout.id).find((event) => event.type === 'billing-invoice-created')?.object ?? {};
  const { taxAmount, taxRate, taxStatus, invoiceTotalExcludingTax, invoiceTotal, amountDue, taxExempt } = created;
  assert.deepEqual(
    { taxAmount, taxRate, taxStatus, invoiceTotalExcludingTax, invoiceTotal, amountDue, taxExempt },
    { taxAmount: 1700, taxRate: 20, taxStatus: 'calculated', invoiceTotalExcludingTax: 8500, invoiceTotal: 10_200, amountDue: 10_200, taxExempt: false },
  );
  const read = await paid.invoices.getInvoiceById({ id: String(created.id) });
  assert.deepEqual(created, JSON.parse(JSON.stringify(read)), 'the webhook carries the invoice the API reads');
});

test('while the merchant server is down, payments go on; when it is back every event arrives exactly once, in order per checkout', async () => {
  await receiver.stop();
  const checkouts: Array<Awaited<ReturnType<typeof newCheckout>>> = [];
  for (let index = 0; index < 3; index += 1) {
    checkouts.push(await newCheckout());
  }
  // Interleaved: the second checkout is paid first.
  for (const checkout of [checkouts[1], checkouts[0], checkouts[2]]) {
    const answer = await complete(checkout!.id, 'succeeds');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
  }
  const seenWhileDown = receiver.log.entries.length;
  // Deliveries are refused while the server is down; only then does it come back.
  await failedAttempts.until((failures) => failures.length >= checkouts.length);
  await receiver.restart();
  const expected = ['billing-checkout-created', 'billing-payment-succeeded', 'billing-invoice-created', 'billing-invoice-paid', 'billing-checkout-completed'];
  await receiver.log.until(() => checkouts.every((checkout) => eventsOf(checkout.id).length >= expected.length));
  await sandbox.webhooks.idle();
  assert.equal(receiver.log.entries.length - seenWhileDown, checkouts.length * expected.length, 'nothing arrived twice');
  assert.ok(failedAttempts.entries.length > 0, 'deliveries failed while the server was down');
  for (const checkout of checkouts) {
    const events = eventsOf(checkout.id);
    assert.deepEqual(events.map((event) => event.type), expected, checkout.id);
    assert.equal(new Set(events.map((event) => event.id)).size, events.length, `each event id of ${checkout.id} arrived once`);
  }
});
