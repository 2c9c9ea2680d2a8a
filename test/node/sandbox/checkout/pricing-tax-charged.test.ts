// The amount charged equals the quote shown, over HTTP (sandbox/checkout/pricing.ts, quote.ts,
// billing.ts): for a new buyer, a known customer's first purchase, an upgrade with proration and
// a trial (nothing due today), each paid once into one order whose invoice carries the quote's tax;
// a known customer's typed billing address taxes the order and is saved on them; another amount
// is 409 amount_changed and charges nothing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CUSTOMER,
  confirmationToken,
  errorOf,
  requiresActionOf,
  selection,
  send,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type SucceededData,
  type WireSelection,
} from '../support.ts';
import { BERLIN, knownCustomer, LONDON, quoteFor, readCustomer, readPrivate, TEAM, type QuoteData } from './tax-buyers.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const GROWTH = [selection('prod_analytics', 'plan_analytics_growth')];
const STARTER = [selection('prod_analytics', 'plan_analytics_starter')];
/** Business seats: a 14-day trial, at least five seats of $24 a month. */
const BUSINESS_SEATS = [selection('prod_seats', 'plan_seats_business', 5)];

interface InvoiceRead {
  orderId: string;
  customerId: string;
  invoiceTotalExcludingTax: number;
  taxAmount: number;
  invoiceTotal: number;
}

const read = <T>(path: string) => readPrivate<T>(sandbox, path);

/** A checkout that collects the billing address, for `customerId` (none: a new buyer's). */
function checkoutOf(selections: WireSelection[], customerId?: string) {
  return sandbox.createCheckout(validCreateBody({ collectAddress: true, products: selections.map(({ product_id }) => ({ id: product_id })), ...(customerId ? { customerId } : {}) }));
}

/** Pays `checkoutId` for `selections` at `amountDue`, as the element does: a new buyer with their details, a known one with the billing address alone. */
function pay(checkoutId: string, selections: WireSelection[], address: Record<string, string>, amountDue: number, options: { known: boolean; token?: string }) {
  const customer = options.known ? { address } : { ...CUSTOMER, address };
  return sandbox.complete(checkoutId, validCompleteBody([], { selections, customer, amount_due: amountDue, confirmation_token: options.token ?? confirmationToken('succeeds') }));
}

/** The payment charged the quote, and its one invoice says the quote's subtotal, tax and total. */
async function assertChargedAsQuoted(paid: SucceededData, quote: QuoteData): Promise<InvoiceRead> {
  assert.equal(paid.amount_due, quote.amount, 'charged the amount quoted');
  const invoice = await read<InvoiceRead>(`/invoices/${paid.invoice_id}`);
  assert.deepEqual(
    [invoice.invoiceTotalExcludingTax, invoice.taxAmount, invoice.invoiceTotal],
    [quote.subtotal, quote.tax, quote.amount],
    'the invoice is the quote: before tax, tax, total',
  );
  assert.equal(invoice.orderId, paid.order_id);
  return invoice;
}

test('a new buyer is charged the quote for the address they typed', async () => {
  const checkout = await checkoutOf(TEAM);
  const quote = await quoteFor(sandbox, checkout.id, TEAM, LONDON);
  assert.equal(quote.amount, 10_200);
  const orders = await sandbox.total('orders');
  await assertChargedAsQuoted(succeededOf(await pay(checkout.id, TEAM, LONDON, quote.amount, { known: false })), quote);
  assert.equal(await sandbox.total('orders'), orders + 1, 'one order');
});

test('a known customer’s first purchase is charged the quote for the address typed, which becomes their billing address', async () => {
  const customer = await knownCustomer(sandbox);
  const checkout = await checkoutOf(TEAM, customer.id);
  const quote = await quoteFor(sandbox, checkout.id, TEAM, BERLIN);
  assert.deepEqual([quote.subtotal, quote.tax, quote.amount], [8500, 1615, 10_115], 'German VAT 19%');
  const orders = await sandbox.total('orders');
  const paid = succeededOf(await pay(checkout.id, TEAM, BERLIN, quote.amount, { known: true }));
  assert.equal(paid.customer_id, customer.id, 'the known customer, no new one');
  await assertChargedAsQuoted(paid, quote);
  assert.equal(await sandbox.total('orders'), orders + 1, 'one order');
  assert.deepEqual((await readCustomer(sandbox, customer.id)).billingAddress, { line1: BERLIN.line1, city: BERLIN.city, zipCode: BERLIN.postal_code, country: 'DE' });
});

test('an upgrade with proration is charged the quote shown minutes before, tax on what is due today, in the same order', async () => {
  const customer = await knownCustomer(sandbox);
  const first = await checkoutOf(STARTER, customer.id);
  const bought = succeededOf(await pay(first.id, STARTER, LONDON, (await quoteFor(sandbox, first.id, STARTER, LONDON)).amount, { known: true }));
  assert.equal(bought.amount_due, 2280, 'Starter $19 with VAT 20%');
  sandbox.clock.advance(10 * 24 * 3_600_000);
  try {
    const upgrade = await checkoutOf(GROWTH, customer.id);
    const quote = await quoteFor(sandbox, upgrade.id, GROWTH, LONDON);
    const [line] = quote.lines;
    assert.equal(line?.kind, 'upgrade');
    assert.ok(line.subtotal > 0 && line.subtotal < 3000, `Growth for the rest of the period less Starter’s unused time: ${line.subtotal}`);
    assert.equal(quote.tax, Math.round(quote.subtotal * 0.2));
    assert.equal(line.renewal?.tax, 980, 'the renewal’s VAT is quoted');
    // The buyer reads the summary for five minutes: the proration moved, the quote is honoured.
    sandbox.clock.advance(5 * 60_000);
    const orders = await sandbox.total('orders');
    const paid = succeededOf(await pay(upgrade.id, GROWTH, LONDON, quote.amount, { known: true }));
    await assertChargedAsQuoted(paid, quote);
    assert.equal(paid.order_id, bought.order_id, 'the order is upgraded in place');
    assert.equal(await sandbox.total('orders'), orders, 'no second order');
  } finally {
    sandbox.clock.reset();
  }
});

test('a trial is charged nothing today, as quoted, and its order expects the renewal’s tax', async () => {
  const customer = await knownCustomer(sandbox);
  const checkout = await checkoutOf(BUSINESS_SEATS, customer.id);
  const quote = await quoteFor(sandbox, checkout.id, BUSINESS_SEATS, LONDON);
  assert.deepEqual([quote.amount, quote.tax], [0, 0]);
  assert.deepEqual(quote.lines[0]?.renewal, { ...quote.lines[0]?.renewal, subtotal: 12_000, tax: 2400, total: 14_400 });
  const paid = succeededOf(await pay(checkout.id, BUSINESS_SEATS, LONDON, 0, { known: true }));
  await assertChargedAsQuoted(paid, quote);
  assert.equal((await read<{ estimatedTax: number }>(`/orders/${paid.order_id}`)).estimatedTax, 2400);
});

test('a known customer sending the amount before tax is refused 409 amount_changed with the taxed amount, and nothing is charged', async () => {
  const customer = await knownCustomer(sandbox);
  const checkout = await checkoutOf(TEAM, customer.id);
  const before = await sandbox.counts();
  const refused = await pay(checkout.id, TEAM, LONDON, 8500, { known: true });
  assert.equal(refused.status, 409, refused.text);
  assert.equal(errorOf(refused).code, 'amount_changed');
  assert.equal((refused.body as { amountDue?: number }).amountDue, 10_200);
  assert.deepEqual(await sandbox.counts(), before);
  assert.equal((await readCustomer(sandbox, customer.id)).billingAddress, null, 'nothing saved either');
});

test('a known customer’s checkout that collects no address charges the tax of the address on file, and leaves it as it was', async () => {
  const onFile = { line1: '1 Grafton St', city: 'Dublin', zipCode: 'D02 X285', country: 'IE' };
  const customer = await knownCustomer(sandbox, { billingAddress: onFile });
  // Reusable, to be paid twice.
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: customer.id, collectAddress: false, singleUse: false }));
  const quote = await quoteFor(sandbox, checkout.id, TEAM, null);
  assert.deepEqual([quote.jurisdiction, quote.amount], ['IE', 8500 + 1127 + 828], 'Irish VAT 23%');
  // An address sent anyway is not read; Paid's own client sends no amount and is charged the price now.
  await assertChargedAsQuoted(succeededOf(await pay(checkout.id, TEAM, LONDON, quote.amount, { known: true })), quote);
  const withoutAmount = succeededOf(await sandbox.complete(checkout.id, validCompleteBody([], { selections: [selection('prod_analytics', 'plan_analytics_scale'), selection('prod_seats', 'plan_seats_team', 3)], customer: undefined })));
  const invoice = await read<InvoiceRead & { taxRate: number }>(`/invoices/${withoutAmount.invoice_id}`);
  assert.equal(invoice.taxRate, 23, 'taxed in Ireland');
  assert.equal(invoice.invoiceTotal, withoutAmount.amount_due);
  assert.deepEqual((await readCustomer(sandbox, customer.id)).billingAddress, onFile);
});

test('a known customer’s 3-D Secure payment is settled at the tax they were shown, though another tab saved a new address on file before the bank confirmed', async () => {
  const dublin = { line1: '1 Grafton St', city: 'Dublin', zipCode: 'D02 X285', country: 'IE' };
  const customer = await knownCustomer(sandbox, { billingAddress: dublin });
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: customer.id, collectAddress: false }));
  const quote = await quoteFor(sandbox, checkout.id, TEAM, null);
  assert.deepEqual([quote.jurisdiction, quote.amount], ['IE', 8500 + 1127 + 828], 'Irish VAT 23%, from the address on file');
  const started = requiresActionOf(await pay(checkout.id, TEAM, LONDON, quote.amount, { known: true, token: confirmationToken('threeds') }));
  // Meanwhile the customer's address on file moves to an untaxed US state (their account page, another tab).
  const portland = { line1: '1 Main St', city: 'Portland', state: 'OR', zipCode: '97201', country: 'US' };
  const moved = await send(sandbox.url, 'PUT', `/api/v2/customers/${customer.id}`, { key: sandbox.key, json: { billingAddress: portland } });
  assert.equal(moved.status, 200, moved.text);
  const { id, client_secret } = started.payment_intent;
  const authenticated = await sandbox.authenticate(client_secret, 'succeeded');
  assert.equal(authenticated.status, 200, authenticated.text);
  const paid = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: id } }), 'settled as shown, not refunded as amount_changed');
  await assertChargedAsQuoted(paid, quote);
  assert.equal((await read<{ taxRate: number }>(`/invoices/${paid.invoice_id}`)).taxRate, 23, 'taxed in Ireland, as the buyer was shown');
  assert.deepEqual((await readCustomer(sandbox, customer.id)).billingAddress, portland, 'the address saved meanwhile stays');
});

test('a known customer paying through 3-D Secure is settled at the quote, and their typed address saved once the bank confirms', async () => {
  const customer = await knownCustomer(sandbox, { vatNumber: 'GB123456789' });
  const checkout = await checkoutOf(TEAM, customer.id);
  const quote = await quoteFor(sandbox, checkout.id, TEAM, BERLIN, 'DE 123 456 789');
  assert.deepEqual([quote.amount, quote.tax_id], [8500, 'DE123456789'], 'reverse charge');
  const started = requiresActionOf(await sandbox.complete(checkout.id, validCompleteBody([], {
    selections: TEAM,
    customer: { address: BERLIN, tax_id: 'DE 123 456 789' },
    amount_due: quote.amount,
    confirmation_token: confirmationToken('threeds'),
  })));
  assert.equal((await readCustomer(sandbox, customer.id)).billingAddress, null, 'nothing saved before the bank confirms');
  const { id, client_secret } = started.payment_intent;
  const authenticated = await sandbox.authenticate(client_secret, 'succeeded');
  assert.equal(authenticated.status, 200, authenticated.text);
  await assertChargedAsQuoted(succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: id } }), 'finalize'), quote);
  const saved = await readCustomer(sandbox, customer.id);
  assert.deepEqual([saved.billingAddress?.country, saved.vatNumber], ['DE', 'DE123456789'], 'the address and the VAT number typed replace those on file');
});
