// What a taxed purchase leaves in Paid's objects (sandbox/checkout/fulfil.ts, read through the
// private API): the invoice and its lines with the quote's tax, the order's billed and estimated
// tax, and the customer's VAT number; a reverse charge and an untaxed buyer as Paid's fields say them.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CUSTOMER,
  confirmationToken,
  requiresActionOf,
  selection,
  send,
  startTestSandbox,
  succeededOf,
  validCompleteBody,
  validCreateBody,
  type ListBody,
  type WireSelection,
} from '../support.ts';
import { BERLIN, LONDON, PORTLAND, quoteFor, readPrivate, TEAM } from './tax-buyers.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

/** The SDK's Invoice fields this file reads. */
interface InvoiceRead {
  id: string;
  orderId: string;
  customerId: string;
  taxAmount: number;
  taxRate: number;
  taxStatus: string;
  invoiceTotalExcludingTax: number;
  invoiceTotal: number;
  amountDue: number;
  amountPaid: number;
  taxExempt: boolean;
}

interface InvoiceLineRead {
  description: string;
  totalPriceBeforeTax: number;
  tax: number;
  taxRate: number;
  totalPriceAfterTax: number;
}

interface OrderRead {
  orderAmount: number;
  estimatedTax: number;
  billedTax: number;
  billedAmountNoTax: number;
  totalBilledAmount: number;
}

const read = <T>(path: string) => readPrivate<T>(sandbox, path);

/** Pays a checkout that collects an address, at the quote for it; answers what the private API then reads. */
async function buy(selections: WireSelection[], address: Record<string, string>, taxId?: string) {
  const checkout = await sandbox.createCheckout(validCreateBody({ collectAddress: true, products: selections.map(({ product_id }) => ({ id: product_id })) }));
  const quote = await quoteFor(sandbox, checkout.id, selections, address as { country: string; postal_code: string }, taxId);
  const customer = { ...CUSTOMER, address, ...(taxId ? { tax_id: taxId } : {}) };
  const paid = succeededOf(await sandbox.complete(checkout.id, validCompleteBody([], { selections, customer, amount_due: quote.amount })));
  const invoice = await read<InvoiceRead>(`/invoices/${paid.invoice_id}`);
  const lines = (await read<ListBody<InvoiceLineRead>>(`/invoices/${paid.invoice_id}/lines?limit=100`)).data;
  return { quote, paid, invoice, lines };
}

test('a UK buyer’s invoice carries the quote’s tax in Paid’s fields: 20% VAT calculated, the subtotal, and the charged total', async () => {
  const { quote, paid, invoice } = await buy(TEAM, LONDON);
  assert.deepEqual(
    {
      taxAmount: invoice.taxAmount,
      taxRate: invoice.taxRate,
      taxStatus: invoice.taxStatus,
      invoiceTotalExcludingTax: invoice.invoiceTotalExcludingTax,
      invoiceTotal: invoice.invoiceTotal,
      amountDue: invoice.amountDue,
      amountPaid: invoice.amountPaid,
      taxExempt: invoice.taxExempt,
    },
    { taxAmount: 1700, taxRate: 20, taxStatus: 'calculated', invoiceTotalExcludingTax: 8500, invoiceTotal: 10_200, amountDue: 10_200, amountPaid: 10_200, taxExempt: false },
  );
  assert.equal(invoice.taxAmount, quote.tax, 'the quote’s tax');
  assert.equal(invoice.invoiceTotalExcludingTax, quote.subtotal, 'the quote’s subtotal');
  assert.equal(invoice.invoiceTotal, paid.amount_due, 'what was charged');
});

test('a UK buyer’s invoice lines are each the quote’s line before tax, its tax at 20% and after tax, and add up to the invoice', async () => {
  const { quote, invoice, lines } = await buy(TEAM, LONDON);
  assert.deepEqual(
    lines.map(({ totalPriceBeforeTax, tax, taxRate, totalPriceAfterTax }) => ({ totalPriceBeforeTax, tax, taxRate, totalPriceAfterTax })),
    quote.lines.map((line) => ({ totalPriceBeforeTax: line.subtotal, tax: line.tax, taxRate: 20, totalPriceAfterTax: line.total })),
  );
  assert.deepEqual(lines.map((line) => line.tax), [980, 720]);
  for (const line of lines) assert.equal(line.totalPriceBeforeTax + line.tax, line.totalPriceAfterTax, line.description);
  const sum = (pick: (line: InvoiceLineRead) => number) => lines.reduce((total, line) => total + pick(line), 0);
  assert.equal(sum((line) => line.totalPriceBeforeTax), invoice.invoiceTotalExcludingTax);
  assert.equal(sum((line) => line.tax), invoice.taxAmount);
  assert.equal(sum((line) => line.totalPriceAfterTax), invoice.invoiceTotal);
});

test('a tax-inclusive price is invoiced at its net before tax: a UK buyer’s $499 onboarding is 415.83 and 83.17 VAT', async () => {
  const { invoice, lines } = await buy([selection('prod_onboarding', null)], LONDON);
  assert.deepEqual(
    lines.map(({ totalPriceBeforeTax, tax, taxRate, totalPriceAfterTax }) => ({ totalPriceBeforeTax, tax, taxRate, totalPriceAfterTax })),
    [{ totalPriceBeforeTax: 41_583, tax: 8317, taxRate: 20, totalPriceAfterTax: 49_900 }],
  );
  assert.deepEqual([invoice.invoiceTotalExcludingTax, invoice.taxAmount, invoice.invoiceTotal], [41_583, 8317, 49_900]);
});

test('the order a UK buyer’s purchase makes says the tax billed and the renewal’s tax, apart from the amounts before tax', async () => {
  const { quote, paid } = await buy(TEAM, LONDON);
  const order = await read<OrderRead>(`/orders/${paid.order_id}`);
  const renewalTax = quote.recurring.reduce((total, charge) => total + charge.tax, 0);
  assert.equal(renewalTax, 1700);
  assert.deepEqual(
    { orderAmount: order.orderAmount, estimatedTax: order.estimatedTax, billedAmountNoTax: order.billedAmountNoTax, billedTax: order.billedTax, totalBilledAmount: order.totalBilledAmount },
    { orderAmount: 8500, estimatedTax: renewalTax, billedAmountNoTax: 8500, billedTax: 1700, totalBilledAmount: 10_200 },
  );
});

test('a one-time purchase has no renewal to tax: its order bills the tax and estimates none', async () => {
  const { paid } = await buy([selection('prod_onboarding', null)], LONDON);
  const order = await read<OrderRead>(`/orders/${paid.order_id}`);
  assert.deepEqual([order.billedTax, order.estimatedTax], [8317, 0]);
});

test('a reverse-charged German business’s invoice is tax exempt: tax calculated at 0, every line untaxed, the subtotal charged', async () => {
  const { invoice, lines } = await buy(TEAM, BERLIN, 'DE 123 456 789');
  assert.deepEqual(
    { taxExempt: invoice.taxExempt, taxStatus: invoice.taxStatus, taxAmount: invoice.taxAmount, taxRate: invoice.taxRate, excluding: invoice.invoiceTotalExcludingTax, total: invoice.invoiceTotal },
    { taxExempt: true, taxStatus: 'calculated', taxAmount: 0, taxRate: 0, excluding: 8500, total: 8500 },
  );
  assert.deepEqual(lines.map((line) => [line.tax, line.taxRate, line.totalPriceBeforeTax === line.totalPriceAfterTax]), [[0, 0, true], [0, 0, true]]);
});

test('a buyer where no tax is collected, and a checkout that collects no address, get invoices whose tax is not applicable', async () => {
  const { invoice: inPortland } = await buy(TEAM, PORTLAND);
  const checkout = await sandbox.createCheckout(validCreateBody({ collectAddress: false }));
  const paid = succeededOf(await sandbox.complete(checkout.id, validCompleteBody(['prod_analytics', 'prod_seats'])));
  const noAddress = await read<InvoiceRead>(`/invoices/${paid.invoice_id}`);
  for (const [label, invoice] of [['Portland', inPortland], ['no address', noAddress]] as const) {
    assert.deepEqual(
      { taxStatus: invoice.taxStatus, taxAmount: invoice.taxAmount, taxRate: invoice.taxRate, taxExempt: invoice.taxExempt, excluding: invoice.invoiceTotalExcludingTax, total: invoice.invoiceTotal },
      { taxStatus: 'not_applicable', taxAmount: 0, taxRate: 0, taxExempt: false, excluding: 8500, total: 8500 },
      label,
    );
  }
});

test('the customer a business’s purchase creates stores its VAT number as written canonically; a buyer without one stores none', async () => {
  const { invoice: business } = await buy(TEAM, BERLIN, 'de 123.456-789');
  assert.equal((await read<{ vatNumber: string | null }>(`/customers/${business.customerId}`)).vatNumber, 'DE123456789');
  const { invoice: consumer } = await buy(TEAM, LONDON);
  assert.equal((await read<{ vatNumber: string | null }>(`/customers/${consumer.customerId}`)).vatNumber, null);
});

test('a new customer keeps the billing address their order was taxed from; one sent to a checkout that collects none is not kept', async () => {
  const { invoice: addressed } = await buy(TEAM, LONDON);
  assert.equal((await read<{ billingAddress: { country?: string } | null }>(`/customers/${addressed.customerId}`)).billingAddress?.country, 'GB');
  const checkout = await sandbox.createCheckout(validCreateBody({ collectAddress: false }));
  const paid = succeededOf(await sandbox.complete(checkout.id, validCompleteBody([], { selections: TEAM, customer: { ...CUSTOMER, address: LONDON } })));
  assert.equal(paid.amount_due, 8500, 'untaxed');
  assert.equal((await read<{ billingAddress: unknown }>(`/customers/${paid.customer_id}`)).billingAddress, null);
});

test('a known customer keeps the VAT number on file when their checkout is paid', async () => {
  const updated = await send(sandbox.url, 'PUT', '/api/v2/customers/cus_grace', { key: sandbox.key, json: { vatNumber: 'GB123456789' } });
  assert.equal(updated.status, 200, updated.text);
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_grace', products: [{ id: 'prod_storage' }] }));
  succeededOf(await sandbox.complete(checkout.id, validCompleteBody(['prod_storage'], { customer: undefined })));
  assert.equal((await read<{ vatNumber: string | null }>('/customers/cus_grace')).vatNumber, 'GB123456789');
});

test('a UK buyer paying through 3-D Secure gets the same taxed invoice when the bank confirms it', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ collectAddress: true }));
  const quote = await quoteFor(sandbox, checkout.id, TEAM, LONDON);
  const body = validCompleteBody([], { selections: TEAM, customer: { ...CUSTOMER, address: LONDON }, amount_due: quote.amount, confirmation_token: confirmationToken('threeds') });
  const { id, client_secret } = requiresActionOf(await sandbox.complete(checkout.id, body)).payment_intent;
  const authenticated = await sandbox.authenticate(client_secret, 'succeeded');
  assert.equal(authenticated.status, 200, authenticated.text);
  const paid = succeededOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: id } }), 'finalize');
  const invoice = await read<InvoiceRead>(`/invoices/${paid.invoice_id}`);
  assert.deepEqual([invoice.invoiceTotalExcludingTax, invoice.taxAmount, invoice.invoiceTotal, invoice.taxStatus], [8500, 1700, 10_200, 'calculated']);
});
