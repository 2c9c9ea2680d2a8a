// A complete that says neither the amount shown (`amount_due`) nor the prices (`prices_version`), as
// Paid's own client sends it: charged the price now, which is what a read or a quote made at that
// instant shows; a 3-D Secure payment whose price the merchant edits before the bank confirms is
// refunded (amount_changed), never ordered at a price nobody was shown.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { confirmationToken, errorOf, requiresActionOf, RETURN_URL, startTestSandbox, succeededOf, validCreateBody } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

/** The merchant edits Priority support's price in Paid's dashboard (no API route edits one). */
function editSupportPrice(amount: number): void {
  const product = sandbox.store.products.get('prod_support')!;
  product.basePrice = { ...product.basePrice!, amount };
  sandbox.store.products.put(product);
}

const paidBlocksComplete = (checkoutId: string, outcome: 'succeeds' | 'threeds') =>
  sandbox.complete(checkoutId, { confirmation_token: confirmationToken(outcome), return_url: RETURN_URL });

/** A checkout of Priority support for a customer the merchant knows, new each time (no subscription to it yet). */
async function supportCheckout(): Promise<string> {
  const customer = await sandbox.post<{ id: string }>('/api/v2/customers', { key: sandbox.key, json: { name: 'Ada Lovelace', email: `ada+${Date.now()}@example.com` } });
  assert.equal(customer.status, 201, customer.text);
  return (await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_support' }], customerId: customer.body.id }))).id;
}

async function shownNow(checkoutId: string): Promise<{ read: number; quote: number }> {
  const read = (await sandbox.readPublic(checkoutId)).body as unknown as { products: Array<{ basePrice: { amount: number } }> };
  const quote = await sandbox.post<{ data: { amount: number } }>(`/api/public/checkout/${checkoutId}/quote`, { json: {} });
  assert.equal(quote.status, 200, quote.text);
  return { read: read.products[0]!.basePrice.amount, quote: quote.body.data.amount };
}

test('paid-blocks’ complete after the merchant edited the price is charged the price now, the amount a read and a quote made then show (not the price of an earlier read)', async () => {
  const checkout = { id: await supportCheckout() };
  assert.deepEqual(await shownNow(checkout.id), { read: 29900, quote: 29900 });
  editSupportPrice(34900);
  try {
    const shown = await shownNow(checkout.id);
    assert.deepEqual(shown, { read: 34900, quote: 34900 });
    const paid = succeededOf(await paidBlocksComplete(checkout.id, 'succeeds'));
    assert.equal(paid.amount_due, shown.quote);
    const invoice = await sandbox.get<{ invoiceTotal: number }>(`/api/v2/invoices/${paid.invoice_id}`, { key: sandbox.key });
    assert.equal(invoice.body.invoiceTotal, shown.quote);
  } finally {
    editSupportPrice(29900);
  }
});

test('paid-blocks’ 3-D Secure payment started at one price, the price edited before the bank confirms: refunded as amount_changed, no order, and its finalize of {} says so', async () => {
  const checkout = { id: await supportCheckout() };
  const started = requiresActionOf(await paidBlocksComplete(checkout.id, 'threeds'));
  assert.equal(started.amount_due, 29900);
  editSupportPrice(34900);
  try {
    const secret = started.payment_intent.client_secret;
    const confirmed = await sandbox.authenticate(secret, 'succeeded');
    assert.equal(confirmed.status, 200, confirmed.text);
    const finalized = await sandbox.finalize(checkout.id, { body: { payment_intent_id: started.payment_intent.id } });
    assert.equal(finalized.status, 409);
    assert.equal(errorOf(finalized).code, 'payment_refunded');
    assert.equal((finalized.body as { refundReason: string }).refundReason, 'amount_changed');
    const read = (await sandbox.readCheckout(checkout.id)) as unknown as { orderId: string | null; refunds: Array<{ amount: number; reason: string }> };
    assert.equal(read.orderId, null);
    assert.deepEqual(read.refunds.map(({ amount, reason }) => [amount, reason]), [[29900, 'amount_changed']]);
  } finally {
    editSupportPrice(29900);
  }
});
