// Receipts: the sandbox records the receipt it would send when the order is made, lists it over its
// API and from the library, and names where it went in the paid answer (receipt_email), which is
// when the element tells the buyer "A receipt is on its way to <email>".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox, type SandboxReceipt } from '../../../sandbox/library.ts';
import { confirmationToken, paymentIntentOf, send, validCompleteBody, validCreateBody, type ListBody } from './support.ts';

const START = new Date('2030-01-15T10:00:00.000Z');

interface Succeeded {
  success: true;
  data: { status: string; order_id: string; invoice_id: string; amount_due: number; currency: string; payment_intent: { id: string; client_secret?: string }; receipt_email?: string | null };
}

let sandbox: RunningSandbox;
before(async () => {
  sandbox = await startSandbox({ now: START });
});
after(() => sandbox.stop());

const key = () => sandbox.secretKey;

async function createCheckout(overrides: Record<string, unknown> = {}, withKey = key()): Promise<string> {
  const created = await send<{ id: string }>(sandbox.url, 'POST', '/api/v2/checkouts', { key: withKey, json: validCreateBody(overrides) });
  assert.equal(created.status, 201, created.text);
  return created.body.id;
}

function complete(checkoutId: string, body: Record<string, unknown>) {
  return send<Succeeded>(sandbox.url, 'POST', `/api/public/checkout/${checkoutId}/complete`, { json: body });
}

async function listed(query = '', withKey = key()): Promise<SandboxReceipt[]> {
  const answer = await send<ListBody<SandboxReceipt>>(sandbox.url, 'GET', `/api/v2/sandbox/receipts${query}`, { key: withKey });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.data;
}

describe('receipts', () => {
  test('a paid checkout records one receipt to the buyer, naming its checkout, order and invoice, amount, lines and the sandbox clock’s time', async () => {
    const checkoutId = await createCheckout();
    const before = sandbox.clock.now().getTime();
    const paid = await complete(checkoutId, validCompleteBody(['prod_analytics', 'prod_seats'], { customer: { name: 'Mary Jackson', email: 'mary@example.com' } }));
    assert.equal(paid.status, 200, paid.text);
    const { data } = paid.body;

    assert.equal(data.receipt_email, 'mary@example.com');
    const receipts = await listed(`?checkoutId=${checkoutId}`);
    assert.equal(receipts.length, 1);
    const [receipt] = receipts;
    assert.ok(receipt);
    assert.equal(receipt.to, 'mary@example.com');
    assert.equal(receipt.customerName, 'Mary Jackson');
    assert.equal(receipt.checkoutId, checkoutId);
    assert.equal(receipt.orderId, data.order_id);
    assert.equal(receipt.invoiceId, data.invoice_id);
    assert.equal(receipt.paymentIntentId, data.payment_intent.id);
    assert.equal(receipt.amount, data.amount_due);
    assert.equal(receipt.currency, data.currency.toUpperCase());
    assert.deepEqual(receipt.lines.map((line) => [line.productId, line.quantity]), [['prod_analytics', 1], ['prod_seats', 3]]);
    assert.equal(receipt.lines.reduce((sum, line) => sum + line.amount, 0), receipt.amount);
    // By the sandbox's clock (started in 2030), not the machine's.
    const sentAt = Date.parse(receipt.sentAt);
    assert.ok(sentAt >= before && sentAt <= sandbox.clock.now().getTime(), `${receipt.sentAt} is the sandbox's now`);
    assert.equal(new Date(sentAt).getUTCFullYear(), 2030);

    const invoice = await send<{ customerId: string }>(sandbox.url, 'GET', `/api/v2/invoices/${data.invoice_id}`, { key: key() });
    assert.equal(receipt.customerId, invoice.body.customerId);
  });

  test('a UK buyer’s receipt says what was charged with tax: its lines with their VAT add up to the amount, the invoice’s total', async () => {
    const checkoutId = await createCheckout({ collectAddress: true });
    const address = { line1: '12 St James’s Square', city: 'London', postal_code: 'SW1Y 4JH', country: 'GB' };
    const paid = await complete(checkoutId, validCompleteBody(['prod_analytics', 'prod_seats'], { customer: { name: 'Mary Jackson', email: 'mary@example.com', address } }));
    assert.equal(paid.status, 200, paid.text);
    const [receipt] = await listed(`?checkoutId=${checkoutId}`);
    assert.ok(receipt);
    assert.deepEqual(receipt.lines.map((line) => [line.productId, line.amount, line.tax]), [['prod_analytics', 5880, 980], ['prod_seats', 4320, 720]]);
    assert.equal(receipt.lines.reduce((sum, line) => sum + line.amount, 0), receipt.amount);
    const invoice = await send<{ invoiceTotal: number; taxAmount: number }>(sandbox.url, 'GET', `/api/v2/invoices/${paid.body.data.invoice_id}`, { key: key() });
    assert.deepEqual([receipt.amount, receipt.tax], [invoice.body.invoiceTotal, invoice.body.taxAmount]);
    assert.deepEqual([receipt.amount, receipt.tax], [paid.body.data.amount_due, 1700]);
  });

  test('sandbox.receipts() holds the same receipts as the API, oldest first', async () => {
    await complete(await createCheckout(), validCompleteBody());
    const fromApi = await listed('?limit=100');
    assert.ok(fromApi.length >= 1);
    assert.deepEqual(sandbox.receipts(), fromApi);
    const times = fromApi.map((receipt) => Date.parse(receipt.sentAt));
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
  });

  test('a declined card records no receipt', async () => {
    const checkoutId = await createCheckout();
    const declined = await complete(checkoutId, validCompleteBody(undefined, { confirmation_token: confirmationToken('insufficient_funds') }));
    assert.equal(declined.status, 402);
    assert.deepEqual(await listed(`?checkoutId=${checkoutId}`), []);
  });

  test('a 3-D Secure payment records its receipt when the bank confirms it, not at complete, and a failed challenge records none', async () => {
    for (const outcome of ['succeeded', 'failed'] as const) {
      const checkoutId = await createCheckout();
      const started = await complete(checkoutId, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') }));
      assert.equal(started.body.data.status, 'requires_action', started.text);
      assert.deepEqual(await listed(`?checkoutId=${checkoutId}`), [], 'nothing is sent while the challenge waits');
      const clientSecret = started.body.data.payment_intent.client_secret ?? '';
      const answered = await send(sandbox.url, 'POST', `/sandbox/stripe/payment_intents/${paymentIntentOf(clientSecret)}/authenticate`, {
        json: { clientSecret, outcome },
      });
      assert.equal(answered.status, 200, answered.text);
      const receipts = await listed(`?checkoutId=${checkoutId}`);
      assert.equal(receipts.length, outcome === 'succeeded' ? 1 : 0, outcome);
    }
  });

  test('a known customer’s receipt goes to the address the element shows them (their email on file)', async () => {
    const checkoutId = await createCheckout({ customerId: 'cus_grace', products: [{ id: 'prod_storage' }] });
    const shown = await send<{ customer: { email: string } | null }>(sandbox.url, 'GET', `/api/public/checkout/${checkoutId}`);
    assert.equal(shown.body.customer?.email, 'grace@example.com');
    const paid = await complete(checkoutId, validCompleteBody(['prod_storage'], { customer: undefined }));
    assert.equal(paid.status, 200, paid.text);
    const [receipt] = await listed(`?checkoutId=${checkoutId}`);
    assert.equal(receipt?.to, 'grace@example.com');
    // The answer tells the element where the receipt went (ours): it says so only then.
    assert.equal(paid.body.data.receipt_email, 'grace@example.com');
  });

  test('a customer without an email address gets no receipt (the element then promises none)', async () => {
    const customer = await send<{ id: string }>(sandbox.url, 'POST', '/api/v2/customers', { key: key(), json: { name: 'No Mail Ltd' } });
    assert.equal(customer.status, 201, customer.text);
    const checkoutId = await createCheckout({ customerId: customer.body.id, products: [{ id: 'prod_storage' }] });
    const shown = await send<{ customer: { email: string | null } | null }>(sandbox.url, 'GET', `/api/public/checkout/${checkoutId}`);
    assert.equal(shown.body.customer?.email, null);
    const paid = await complete(checkoutId, validCompleteBody(['prod_storage'], { customer: undefined }));
    assert.equal(paid.status, 200, paid.text);
    assert.deepEqual(await listed(`?checkoutId=${checkoutId}`), []);
    assert.equal(paid.body.data.receipt_email, null, 'the answer promises no receipt');
  });

  test('the receipts route needs the key, lists each account’s own, filters by address, and refuses unknown query parameters', async () => {
    const unauthorized = await send(sandbox.url, 'GET', '/api/v2/sandbox/receipts');
    assert.equal(unauthorized.status, 401);
    await complete(await createCheckout(), validCompleteBody(undefined, { customer: { name: 'Dorothy Vaughan', email: 'dorothy@example.com' } }));
    assert.ok((await listed()).length > 0);
    assert.deepEqual(await listed('', sandbox.noStripeSecretKey), [], 'the account without Stripe took no payment');
    const toDorothy = await listed('?to=DOROTHY@example.com');
    assert.deepEqual(toDorothy.map((receipt) => receipt.to), ['dorothy@example.com']);
    const unknown = await send<{ code: string }>(sandbox.url, 'GET', '/api/v2/sandbox/receipts?sort=desc', { key: key() });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.code, 'validation_error');
    const page = await send<ListBody<SandboxReceipt>>(sandbox.url, 'GET', '/api/v2/sandbox/receipts/?limit=1', { key: key() });
    assert.equal(page.status, 200);
    assert.equal(page.body.data.length, 1);
    assert.equal(page.body.pagination.hasMore, true);
  });
});
