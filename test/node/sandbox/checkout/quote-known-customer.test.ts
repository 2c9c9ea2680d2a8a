// The quote for a checkout made for a known customer (sandbox/checkout/quote.ts with billing.ts),
// over HTTP: the address typed where the checkout collects one taxes it, as a new customer's; else
// the billing address Paid has on file; with none on file, no tax. An upgrade is taxed on what is
// due today, its proration credit included, and its renewal's tax is quoted.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, selection, startTestSandbox, validCreateBody } from '../support.ts';
import { BERLIN, knownCustomer, LONDON, quoteFor, TEAM } from './tax-buyers.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const BERLIN_ON_FILE = { line1: BERLIN.line1, city: BERLIN.city, zipCode: BERLIN.postal_code, country: 'DE' };

/** A checkout of Analytics and Team seats for `customerId`. */
function checkoutFor(customerId: string, collectAddress: boolean) {
  return sandbox.createCheckout(validCreateBody({ customerId, collectAddress }));
}

test('a known customer is quoted the tax of the address typed where the checkout collects one, as a new customer is', async () => {
  const customer = await knownCustomer(sandbox, { billingAddress: BERLIN_ON_FILE });
  const quote = await quoteFor(sandbox, (await checkoutFor(customer.id, true)).id, TEAM, LONDON);
  assert.deepEqual({ amount: quote.amount, subtotal: quote.subtotal, tax: quote.tax, jurisdiction: quote.jurisdiction }, { amount: 10_200, subtotal: 8500, tax: 1700, jurisdiction: 'GB' });
  assert.deepEqual(quote.lines.map((line) => line.taxability), ['taxed', 'taxed']);
});

test('a known customer’s checkout that collects no address is quoted from the billing address on file, an address sent being ignored', async () => {
  const customer = await knownCustomer(sandbox, { billingAddress: BERLIN_ON_FILE });
  const checkout = await checkoutFor(customer.id, false);
  for (const address of [null, LONDON]) {
    const quote = await quoteFor(sandbox, checkout.id, TEAM, address);
    // 19% of 4,900 is 931, of 3,600 is 684.
    assert.deepEqual({ amount: quote.amount, tax: quote.tax, jurisdiction: quote.jurisdiction }, { amount: 10_115, tax: 1615, jurisdiction: 'DE' }, `sent ${JSON.stringify(address)}`);
  }
});

test('a known customer’s checkout that collects an address is quoted from the address on file when none is given (Paid’s own client)', async () => {
  const customer = await knownCustomer(sandbox, { billingAddress: BERLIN_ON_FILE });
  const quote = await quoteFor(sandbox, (await checkoutFor(customer.id, true)).id, TEAM, null);
  assert.deepEqual({ amount: quote.amount, jurisdiction: quote.jurisdiction }, { amount: 10_115, jurisdiction: 'DE' });
});

test('a VAT number on file that the address on file can take is a reverse charge; one it cannot take is left out', async () => {
  const business = await knownCustomer(sandbox, { billingAddress: BERLIN_ON_FILE, vatNumber: 'de 123.456.789' });
  const reverse = await quoteFor(sandbox, (await checkoutFor(business.id, false)).id, TEAM, null);
  // The number on file is not the link holder's to read: masked as Stripe masks a card, its country and last four.
  assert.deepEqual({ amount: reverse.amount, tax: reverse.tax, tax_id: reverse.tax_id }, { amount: 8500, tax: 0, tax_id: 'DE••••6789' });
  assert.deepEqual(reverse.lines.map((line) => line.taxability), ['reverse_charge', 'reverse_charge']);
  const mismatched = await knownCustomer(sandbox, { billingAddress: BERLIN_ON_FILE, vatNumber: 'FR12345678901' });
  const taxed = await quoteFor(sandbox, (await checkoutFor(mismatched.id, false)).id, TEAM, null);
  assert.deepEqual({ amount: taxed.amount, tax_id: taxed.tax_id }, { amount: 10_115, tax_id: null }, 'taxed as a consumer, not refused: the buyer cannot correct it here');
});

test('a known customer with no address on file is untaxed, as a new customer on a checkout that collects none', async () => {
  const customer = await knownCustomer(sandbox);
  const quote = await quoteFor(sandbox, (await checkoutFor(customer.id, false)).id, TEAM, null);
  assert.deepEqual({ amount: quote.amount, tax: quote.tax, jurisdiction: quote.jurisdiction }, { amount: 8500, tax: 0, jurisdiction: null });
  assert.deepEqual(quote.lines.map((line) => line.taxability), ['no_address', 'no_address']);
});

test('a known customer’s VAT number typed with the address is judged as a new customer’s: another country’s is 422 naming tax_id', async () => {
  const customer = await knownCustomer(sandbox);
  const checkout = await checkoutFor(customer.id, true);
  const refused = await sandbox.post(`/api/public/checkout/${checkout.id}/quote`, {
    json: { selections: TEAM, currency: 'usd', address: { country: 'DE', postal_code: '10115' }, tax_id: 'FR12345678901' },
  });
  assert.equal(refused.status, 422, refused.text);
  assert.equal(errorOf(refused).field, 'tax_id');
  const reverse = await quoteFor(sandbox, checkout.id, TEAM, BERLIN, 'de 123.456.789');
  assert.equal(reverse.amount, 8500, 'its own country’s number is a reverse charge');
  assert.equal(reverse.tax_id, 'DE123456789', 'a number the buyer typed is answered whole, as written canonically');
});

test('an upgrade is taxed on what is due today, the credit for the current plan included, and its renewal’s tax is quoted', async () => {
  // Ada has Analytics Starter ($19 a month, 12 days into its period): Growth ($49) for the rest of it.
  const checkout = await sandbox.createCheckout(validCreateBody({ customerId: 'cus_ada', products: [{ id: 'prod_analytics' }], collectAddress: true }));
  const quote = await quoteFor(sandbox, checkout.id, [selection('prod_analytics', 'plan_analytics_growth')], LONDON);
  const [line] = quote.lines;
  assert.equal(line?.kind, 'upgrade');
  // Growth's rest of the period less Starter's unused time: under the full difference of 3,000.
  assert.ok(line.subtotal > 0 && line.subtotal < 3000, `prorated: ${line.subtotal}`);
  assert.equal(line.tax, Math.round(line.subtotal * 0.2), 'VAT 20% of the prorated amount, the credit netted before tax');
  assert.deepEqual({ amount: quote.amount, subtotal: quote.subtotal, tax: quote.tax }, { amount: line.subtotal + line.tax, subtotal: line.subtotal, tax: line.tax });
  assert.deepEqual(line.renewal && { subtotal: line.renewal.subtotal, tax: line.renewal.tax, total: line.renewal.total }, { subtotal: 4900, tax: 980, total: 5880 });
});
