// A checkout with no customer paid as Paid's own client pays it (paid-blocks: `{ confirmation_token,
// return_url }` alone): the customer is made from the billing details the stand-in registered for
// its token (sandbox/checkout/token-buyer.ts, the route in sandbox/routes/stripe.ts), at complete and
// after 3-D Secure; a request that names its customer (the element) is unchanged.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  confirmationToken,
  errorOf,
  requiresActionOf,
  RETURN_URL,
  startTestSandbox,
  succeededOf,
  validCreateBody,
  type Answer,
  type CustomerObject,
  type TokenOutcome,
} from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

interface Billing {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: Partial<Record<'line1' | 'line2' | 'city' | 'state' | 'postal_code' | 'country', string | null>>;
}

const NEW_YORK = { line1: '1 Main St', line2: null, city: 'New York', state: 'NY', postal_code: '10001', country: 'US' };
const BERLIN = { line1: 'Unter den Linden 1', line2: null, city: 'Berlin', state: null, postal_code: '10117', country: 'DE' };
const PORTLAND = { line1: '2 Oak Ave', line2: 'Suite 5', city: 'Portland', state: 'OR', postal_code: '97201', country: 'US' };

/** Registers a token as the stand-in's createConfirmationToken does; what its Payment Element alone collects by default is a card's country and postal code. */
async function tokenWith(billing: Billing, outcome: TokenOutcome = 'succeeds'): Promise<string> {
  const id = confirmationToken(outcome);
  const address = { line1: null, line2: null, city: null, state: null, postal_code: null, country: null, ...billing.address };
  const answer = await sandbox.post('/sandbox/stripe/confirmation_tokens', { json: { id, billing_details: { name: null, email: null, phone: null, ...billing, address } } });
  assert.equal(answer.status, 200, answer.text);
  return id;
}

/** paid-blocks' complete: the token and the page, nothing else. */
const paidBlocksComplete = (checkoutId: string, token: string) => sandbox.complete(checkoutId, { confirmation_token: token, return_url: RETURN_URL });

/** An anonymous checkout of Priority support (one product, no plans: nothing to choose). */
const anonymousCheckout = (collectAddress: boolean) => sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_support' }], collectAddress }));

async function readCustomer(id: string): Promise<CustomerObject & { billingAddress: Record<string, unknown> | null }> {
  const answer = await sandbox.get<CustomerObject & { billingAddress: Record<string, unknown> | null }>(`/api/v2/customers/${id}`, { key: sandbox.key });
  assert.equal(answer.status, 200, answer.text);
  return answer.body;
}

async function invoiceOf(id: string): Promise<{ customerId: string; orderId: string; invoiceTotal: number }> {
  const answer = await sandbox.get<{ customerId: string; orderId: string; invoiceTotal: number }>(`/api/v2/invoices/${id}`, { key: sandbox.key });
  assert.equal(answer.status, 200, answer.text);
  return answer.body;
}

test('an anonymous checkout that collects an address, paid with a token whose billing details name the buyer and a whole address (an Address Element), makes one customer of them, one order, one invoice and a receipt', async () => {
  const checkout = await anonymousCheckout(true);
  const before = await sandbox.counts();
  const token = await tokenWith({ name: 'Grace Hopper', email: 'grace@example.com', address: PORTLAND });
  const announced = sandbox.emitted.length;
  const paid = succeededOf(await paidBlocksComplete(checkout.id, token));

  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });
  const customer = await readCustomer(paid.customer_id);
  assert.deepEqual([customer.name, customer.email], ['Grace Hopper', 'grace@example.com']);
  assert.deepEqual(customer.billingAddress, { line1: '2 Oak Ave', line2: 'Suite 5', city: 'Portland', state: 'OR', zipCode: '97201', country: 'US' });
  const invoice = await invoiceOf(paid.invoice_id);
  assert.deepEqual([invoice.customerId, invoice.orderId, invoice.invoiceTotal], [paid.customer_id, paid.order_id, 29900], 'untaxed in Oregon: the price shown');
  assert.equal((paid as { receipt_email?: string | null }).receipt_email, 'grace@example.com');
  assert.equal((await sandbox.readCheckout(checkout.id)).status, 'completed');
  const webhooks = sandbox.emitted.slice(announced);
  for (const name of ['billing-checkout-completed', 'billing-payment-succeeded', 'billing-invoice-paid']) assert.equal(webhooks.filter((each) => each === name).length, 1, name);
});

test('a token whose billing details have a name and no email makes a customer without one (email ""), and no receipt; the name alone is enough where the checkout collects no address', async () => {
  const checkout = await anonymousCheckout(false);
  const paid = succeededOf(await paidBlocksComplete(checkout.id, await tokenWith({ name: 'Alan Turing', address: { country: 'GB', postal_code: 'SW1A 1AA' } })));
  const customer = await readCustomer(paid.customer_id);
  assert.deepEqual([customer.name, customer.email], ['Alan Turing', '']);
  assert.equal(customer.billingAddress, null, 'a checkout that collects no address keeps none');
  assert.equal((paid as { receipt_email?: string | null }).receipt_email, null);
  assert.equal((await invoiceOf(paid.invoice_id)).invoiceTotal, 29900);
});

test('a customer made from a token without an email has none as a merchant-made one has none: `null` in the public read, `""` in the SDK\'s Customer', async () => {
  const externalId = `ext_noemail_${randomBytes(4).toString('hex')}`;
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_support' }], externalCustomerId: externalId, singleUse: false, collectAddress: false }));
  const paid = succeededOf(await paidBlocksComplete(checkout.id, await tokenWith({ name: 'Alan Turing' })));
  const merchantMade = await sandbox.post<{ id: string }>('/api/v2/customers', { key: sandbox.key, json: { name: 'No Email Ltd', externalId: `${externalId}_m` } });
  assert.equal(merchantMade.status, 201, merchantMade.text);
  // A checkout made for each after they exist shows them (one made before does not: state.ts namedCustomerOf).
  const [again, other] = [
    await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_support' }], externalCustomerId: externalId, collectAddress: false })),
    await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_support' }], externalCustomerId: `${externalId}_m`, collectAddress: false })),
  ];
  const [fromToken, fromMerchant] = [(await sandbox.readPublic(again.id)).body.customer, (await sandbox.readPublic(other.id)).body.customer];
  assert.deepEqual([fromToken?.id, fromToken?.email], [paid.customer_id, null], 'the token-made customer');
  assert.deepEqual([fromMerchant?.id, fromMerchant?.email], [merchantMade.body.id, null], 'the merchant-made customer');
  assert.deepEqual([(await readCustomer(paid.customer_id)).email, (await readCustomer(merchantMade.body.id)).email], ['', ''], "the SDK's Customer types email as a string");
});

test('an email without a name names the customer by their email address', async () => {
  const checkout = await anonymousCheckout(false);
  const paid = succeededOf(await paidBlocksComplete(checkout.id, await tokenWith({ email: 'edsger@example.com' })));
  const customer = await readCustomer(paid.customer_id);
  assert.deepEqual([customer.name, customer.email], ['edsger@example.com', 'edsger@example.com']);
});

test('a token with only what the Payment Element collects for a card (country, postal code) is refused 400, nothing charged: the customer has no name, and a checkout that collects an address needs a whole one', async () => {
  const checkout = await anonymousCheckout(true);
  const before = await sandbox.counts();
  const answer = await paidBlocksComplete(checkout.id, await tokenWith({ address: { country: 'US', postal_code: '10001' } }));
  assert.equal(answer.status, 400);
  const refused = errorOf(answer);
  assert.equal(refused.code, 'validation_error');
  assert.deepEqual(refused.errors?.map((problem) => problem.field), ['customer.name', 'customer.address']);
  assert.match(refused.errors?.[0]?.message ?? '', /payment form's billing details have none/);
  assert.match(refused.errors?.[1]?.message ?? '', /Address Element in billing mode/);
  assert.deepEqual(await sandbox.counts(), before);
  assert.equal((await sandbox.readCheckout(checkout.id)).status, 'active');
});

test('a billing detail the rules for a typed customer refuse (an email that is not one) is 400 naming it; a token the sandbox never saw is asked for the customer, as before', async () => {
  const checkout = await anonymousCheckout(false);
  const bad = await paidBlocksComplete(checkout.id, await tokenWith({ name: 'Ada', email: 'ada@' }));
  assert.equal(bad.status, 400);
  assert.deepEqual(errorOf(bad).errors?.map((problem) => problem.field), ['customer.email']);
  const unknown = await paidBlocksComplete(checkout.id, confirmationToken('succeeds'));
  assert.equal(unknown.status, 400);
  assert.deepEqual(errorOf(unknown).errors?.map((problem) => problem.field), ['customer']);
});

test('an order taxed from the billing address the payment form gave, sent without amount_due (paid-blocks shows its price before tax), is 409 amount_changed with the amount with tax, nothing charged; with that amount_due it pays it', async () => {
  const checkout = await anonymousCheckout(true);
  const before = await sandbox.counts();
  const billing = { name: 'Grace Hopper', email: 'grace@example.com', address: NEW_YORK };
  const refused = await paidBlocksComplete(checkout.id, await tokenWith(billing));
  assert.equal(refused.status, 409);
  assert.equal(errorOf(refused).code, 'amount_changed');
  const body = refused.body as { amountDue: number; error: string };
  assert.equal(body.amountDue, 29900 + 1196, "New York's 4%");
  assert.match(body.error, /\$11\.96.*\$310\.96.*Nothing was charged/);
  assert.deepEqual(await sandbox.counts(), before);

  const paid = succeededOf(await sandbox.complete(checkout.id, { confirmation_token: await tokenWith(billing), return_url: RETURN_URL, amount_due: 31096 }));
  assert.equal((await invoiceOf(paid.invoice_id)).invoiceTotal, 31096);
});

test('a product whose price includes tax, paid through paid-blocks (no amount_due) with a whole billing address that owes tax, pays once at the price shown: the tax is inside it', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_onboarding' }], collectAddress: true }));
  const before = await sandbox.counts();
  const paid = succeededOf(await paidBlocksComplete(checkout.id, await tokenWith({ name: 'Anna Schmidt', email: 'anna@example.com', address: BERLIN })));
  assert.equal(paid.amount_due, 49900, 'the price shown, tax included');
  assert.deepEqual(await sandbox.counts(), { ...before, orders: before.orders + 1, customers: before.customers + 1 });
  const invoice = (await sandbox.get<{ invoiceTotal: number; taxAmount: number }>(`/api/v2/invoices/${paid.invoice_id}`, { key: sandbox.key })).body;
  assert.equal(invoice.invoiceTotal, 49900);
  assert.ok(invoice.taxAmount > 0, `German VAT inside the price: ${invoice.taxAmount}`);
});

test('a first payment by paid-blocks on a checkout made for an external id whose customer does not exist yet, with a token that names nobody, is 400 naming customer.name (nobody was signed in, nothing was closed), nothing charged', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_support' }], externalCustomerId: `ext_new_${randomBytes(4).toString('hex')}`, singleUse: false, collectAddress: false }));
  const before = await sandbox.counts();
  const answer = await paidBlocksComplete(checkout.id, await tokenWith({ address: { country: 'US', postal_code: '97201' } }));
  assert.equal(answer.status, 400, answer.text);
  const refused = errorOf(answer);
  assert.equal(refused.code, 'validation_error');
  assert.deepEqual(refused.errors?.map((problem) => problem.field), ['customer.name']);
  assert.doesNotMatch(refused.message, /closed/);
  assert.deepEqual(await sandbox.counts(), before);
});

test('a 3-D Secure payment of an anonymous checkout, its buyer from the token, ends in their order once the bank confirms (priced again for the same buyer), and finalize answers it', async () => {
  const checkout = await anonymousCheckout(true);
  const started = requiresActionOf(await paidBlocksComplete(checkout.id, await tokenWith({ name: 'Barbara Liskov', email: 'barbara@example.com', address: PORTLAND }, 'threeds')));
  const secret = started.payment_intent.client_secret;
  const confirmed: Answer = await sandbox.authenticate(secret, 'succeeded');
  assert.equal(confirmed.status, 200, confirmed.text);
  const paid = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: started.payment_intent.id } }), 'finalize');
  const customer = await readCustomer(paid.customer_id);
  assert.deepEqual([customer.name, customer.email], ['Barbara Liskov', 'barbara@example.com']);
  assert.deepEqual((await sandbox.readCheckout(checkout.id) as { refunds?: unknown[] }).refunds, [], 'not refunded');
});

test('a request that names its customer (the element) is paid for that customer, whatever its token carries', async () => {
  const checkout = await anonymousCheckout(false);
  const token = await tokenWith({ name: 'Someone Else', email: 'else@example.com' });
  const paid = succeededOf(await sandbox.complete(checkout.id, { confirmation_token: token, return_url: RETURN_URL, customer: { name: 'Katherine Johnson', email: 'katherine@example.com' } }));
  const customer = await readCustomer(paid.customer_id);
  assert.deepEqual([customer.name, customer.email], ['Katherine Johnson', 'katherine@example.com']);
});

test('the registration route takes a sandbox token and its billing details only, and keeps the first details of a token', async () => {
  const refused = await sandbox.post('/sandbox/stripe/confirmation_tokens', { json: { id: 'tok_visa', billing_details: { name: null, email: null, phone: null, address: {} } } });
  assert.equal(refused.status, 400, refused.text);
  const id = await tokenWith({ name: 'First Name' });
  const again = await sandbox.post('/sandbox/stripe/confirmation_tokens', {
    json: { id, billing_details: { name: 'Second Name', email: null, phone: null, address: { line1: null, line2: null, city: null, state: null, postal_code: null, country: null } } },
  });
  assert.equal(again.status, 200);
  const checkout = await anonymousCheckout(false);
  const paid = succeededOf(await paidBlocksComplete(checkout.id, id));
  assert.equal((await readCustomer(paid.customer_id)).name, 'First Name');
});
