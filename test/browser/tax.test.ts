// Tax before the customer pays, against the real sandbox and its test rates: the summary says
// where tax stands until the address does, then shows the server's quote (VAT, reverse charge, a
// state without sales tax), and the payment is exactly the quoted amount: for a new buyer, and for
// a known customer's first purchase (the address typed) and upgrade (the address on file). Stripe's
// wallets are given the total with tax.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { createCheckout, sandboxRequest, sandboxUrl } from './support/sandbox.ts';
import { fillCard, fillField, mountRecording, payButton, record, shadow, visibleText, waitForText, wrapStripeElements, type RecordingCheckout } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

// Every amount the element gives Stripe's wallets (`elements.update({ amount })`), per elements
// group, recorded before anything in this page loads Stripe; the objects stay the stand-in's own.
const walletAmounts: number[][] = [];
wrapStripeElements((group) => {
  const amounts: number[] = [];
  walletAmounts.push(amounts);
  const update = group.update;
  group.update = (changes) => {
    const amount = (changes as { amount?: unknown } | null)?.amount;
    if (typeof amount === 'number') amounts.push(amount);
    return update.call(group, changes);
  };
});

/** The total due today the summary shows, in minor units. */
function dueShown(element: RecordingCheckout): number {
  return cents(shadow(element).querySelector('[data-testid="due-today"] .amount')!.textContent);
}

/** A customer the merchant made through Paid's API: a checkout for them is a known customer's. */
async function knownCustomer(): Promise<{ id: string; name: string }> {
  const name = `Known ${Date.now()}`;
  const created = await sandboxRequest<{ id: string }>('POST', '/api/v2/customers', { name, email: `known+${Date.now()}@example.com` });
  expect(created?.status).to.equal(201);
  return { id: created!.body.id, name };
}

/** Minor units from an amount as the element shows it in US dollars ("$1,180.00" → 118000). */
function cents(text: string | null | undefined): number {
  return Math.round(Number((text ?? '').replace(/[^\d.-]/g, '')) * 100);
}

/** The tax rows the summary shows: each label and its amount in minor units. */
function taxRows(element: RecordingCheckout): Array<[string, number]> {
  return [...shadow(element).querySelectorAll('.tax > div')].map((row) => [row.querySelector('dt')!.textContent!.trim(), cents(row.querySelector('dd')!.textContent)]);
}

async function checkoutFor(address: { country: string; postalCode: string; city?: string; state?: string }, taxId?: string): Promise<RecordingCheckout> {
  const created = await createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, collectAddress: true });
  const element = await mountRecording(created.id, sandboxUrl);
  await waitForText(element, 'Tax calculated from your address');
  fillField(element, 'name', 'Ada Lovelace');
  fillField(element, 'email', `ada+${Date.now()}@example.com`);
  fillField(element, 'country', address.country);
  await element.updateComplete;
  fillField(element, 'line1', '1 Example Street');
  fillField(element, 'city', address.city ?? 'Example');
  if (address.state) fillField(element, 'state', address.state);
  fillField(element, 'postalCode', address.postalCode);
  if (taxId) {
    await element.updateComplete;
    fillField(element, 'taxId', taxId);
  }
  return element;
}

/** Pays with the test card once the quote is in; the complete event's amount. */
async function payQuoted(element: RecordingCheckout): Promise<number> {
  const completed = record(element, 'paid-checkout-complete');
  await fillCard(element, '4242424242424242');
  await waitUntil(() => !payButton(element).disabled, 'Pay never enabled', { timeout: 8000 });
  payButton(element).click();
  await waitForText(element, 'Thank you', 10_000);
  return completed[0]!.detail.amountDue;
}

describe('tax before paying (sandbox test rates)', () => {
  it('shows a UK buyer VAT 20% once the address says where, and charges exactly the quoted total', async () => {
    const element = await checkoutFor({ country: 'GB', postalCode: 'SW1Y 4JH', city: 'London' });
    await waitForText(element, 'VAT 20% (United Kingdom)', 8000);
    const [[subtotalLabel, subtotal], [, vat]] = taxRows(element) as [[string, number], [string, number]];
    expect(subtotalLabel).to.equal('Subtotal');
    expect(vat).to.equal(Math.round(subtotal * 0.2));
    const due = cents(shadow(element).querySelector('[data-testid="due-today"] .amount')!.textContent);
    expect(due).to.equal(subtotal + vat);
    expect(payButton(element).textContent).to.contain(shadow(element).querySelector('[data-testid="due-today"] .amount')!.textContent!.trim());
    // A new monthly subscription renews at today's total, VAT included: the quote's renewal, dated
    // from the sandbox's clock, is matched to the one the page dated from its own.
    const dollars = `$${(due / 100).toFixed(2)}`;
    expect(visibleText(element)).to.contain(`Then ${dollars} monthly`, 'the renewal with its VAT');
    const completed = record(element, 'paid-checkout-complete');
    expect(await payQuoted(element)).to.equal(due);
    expect(completed[0]!.detail.recurring.map((charge) => charge.amount)).to.deep.equal([due], 'the complete event’s renewal with its VAT');
  });

  it('charges an EU business with its VAT number no VAT, and the summary says it is a reverse charge', async () => {
    const element = await checkoutFor({ country: 'DE', postalCode: '10115', city: 'Berlin' }, 'DE123456789');
    await waitForText(element, 'VAT reverse charge', 8000);
    const rows = taxRows(element);
    const subtotal = rows[0]![1];
    const due = cents(shadow(element).querySelector('[data-testid="due-today"] .amount')!.textContent);
    expect(due).to.equal(subtotal);
    expect(visibleText(element)).to.not.contain('VAT 19%');
    expect(await payQuoted(element)).to.equal(subtotal);
  });

  it('adds no tax line for a US state without sales tax, and asks again when the address moves to a taxed one', async () => {
    const element = await checkoutFor({ country: 'US', postalCode: '97201', city: 'Portland', state: 'OR' });
    await waitUntil(() => taxRows(element).length > 0, 'no quote', { timeout: 8000 });
    expect(taxRows(element).map(([label]) => label)).to.deep.equal(['Subtotal']);
    fillField(element, 'state', 'CA');
    fillField(element, 'postalCode', '95014');
    await waitForText(element, 'Sales tax 7.25% (CA, United States)', 8000);
    const [[, subtotal], [, tax]] = taxRows(element) as [[string, number], [string, number]];
    expect(tax).to.be.within(Math.floor(subtotal * 0.0725), Math.ceil(subtotal * 0.0725));
  });

  it('shows an Australian buyer GST 10%, with no VAT number field, and charges the quoted total', async () => {
    const element = await checkoutFor({ country: 'AU', postalCode: '2000', city: 'Sydney' });
    await waitForText(element, 'GST 10% (Australia)', 8000);
    expect(shadow(element).querySelector('#field-taxId')).to.equal(null);
    const [[, subtotal], [, gst]] = taxRows(element) as [[string, number], [string, number]];
    expect(gst).to.equal(Math.round(subtotal * 0.1));
    expect(await payQuoted(element)).to.equal(subtotal + gst);
  });

  it('leaves out a VAT number typed for Germany once the buyer moves to the US (its field gone), and charges the US quote', async () => {
    const element = await checkoutFor({ country: 'DE', postalCode: '10115', city: 'Berlin' }, 'DE123456789');
    await waitForText(element, 'VAT reverse charge', 8000);
    fillField(element, 'country', 'US');
    await element.updateComplete;
    fillField(element, 'state', 'CA');
    fillField(element, 'postalCode', '95014');
    await waitForText(element, 'Sales tax 7.25% (CA, United States)', 8000);
    expect(shadow(element).querySelector('#field-taxId')).to.equal(null, 'no VAT number field for the US');
    const due = dueShown(element);
    expect(await payQuoted(element)).to.equal(due);
  });

  it('shows the server’s refusal of a VAT number from another country under the VAT field', async () => {
    const element = await checkoutFor({ country: 'DE', postalCode: '10115', city: 'Berlin' }, 'FR12345678901');
    await waitUntil(() => shadow(element).querySelector('.field-taxId.invalid'), 'the VAT field never showed the refusal', { timeout: 8000 });
    expect(shadow(element).querySelector('#field-taxId')!.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element).querySelector('.field-taxId .field-error')!.textContent).to.contain('VAT number');
    expect(payButton(element).disabled).to.equal(true);
  });

  it('gives Stripe’s wallets the total with tax once the quote has come, the amount the summary shows', async () => {
    const created = await createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, collectAddress: true });
    const groups = walletAmounts.length;
    const element = await mountRecording(created.id, sandboxUrl);
    await waitForText(element, 'Tax calculated from your address');
    const untaxed = dueShown(element);
    fillField(element, 'country', 'GB');
    fillField(element, 'postalCode', 'SW1Y 4JH');
    await waitForText(element, 'VAT 20% (United Kingdom)', 8000);
    const taxed = dueShown(element);
    expect(taxed).to.equal(untaxed + Math.round(untaxed * 0.2));
    const given = () => walletAmounts.slice(groups).flat();
    await waitUntil(() => given().at(-1) === taxed, 'Stripe was never given the taxed total').catch(() => {
      throw new Error(`Stripe was given ${JSON.stringify(given())}, not the taxed ${taxed}`);
    });
  });

  it('charges a known customer’s first purchase the quote for the address they type, and their upgrade the quote from that address, now on file', async () => {
    const customer = await knownCustomer();
    const first = await createCheckout({ products: [{ id: 'prod_analytics' }], customerId: customer.id, successUrl: SUCCESS_URL, collectAddress: true });
    const element = await mountRecording(first.id, sandboxUrl);
    await waitForText(element, `Signed in as ${customer.name}`);
    await waitForText(element, 'Tax calculated from your address');
    expect(shadow(element).querySelector('#field-name')).to.equal(null);
    shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.click();
    fillField(element, 'country', 'GB');
    await element.updateComplete;
    fillField(element, 'line1', '12 St James’s Square');
    fillField(element, 'city', 'London');
    fillField(element, 'postalCode', 'SW1Y 4JH');
    await waitForText(element, 'VAT 20% (United Kingdom)', 8000);
    expect(dueShown(element)).to.equal(2280, 'Starter $19 and VAT $3.80');
    expect(await payQuoted(element)).to.equal(2280);
    const filed = (await sandboxRequest<{ billingAddress: { country?: string; zipCode?: string } | null }>('GET', `/api/v2/customers/${customer.id}`))!.body;
    expect(filed.billingAddress).to.deep.include({ country: 'GB', zipCode: 'SW1Y 4JH' });
    element.remove();

    // The upgrade's session collects no address: the one now on file says where, and Growth is prorated against Starter.
    const upgrade = await createCheckout({ products: [{ id: 'prod_analytics' }], customerId: customer.id, successUrl: SUCCESS_URL });
    const upgrading = await mountRecording(upgrade.id, sandboxUrl);
    await waitForText(upgrading, 'Current plan');
    shadow(upgrading).querySelector<HTMLInputElement>('input[value="plan_analytics_growth"]')!.click();
    await waitForText(upgrading, 'Credit for unused time on your current plan');
    await waitForText(upgrading, 'VAT 20% (United Kingdom)', 8000);
    const [[, subtotal], [, vat]] = taxRows(upgrading) as [[string, number], [string, number]];
    expect(subtotal).to.be.within(1, 3000, 'Growth for the rest of the period less Starter’s unused time');
    expect(vat).to.equal(Math.round(subtotal * 0.2));
    const due = dueShown(upgrading);
    expect(due).to.equal(subtotal + vat);
    expect(visibleText(upgrading)).to.contain('Then $58.80 monthly', 'the renewal with its VAT');
    expect(await payQuoted(upgrading)).to.equal(due);
  });

  it('says the tax could not be calculated, keeps Pay disabled, and a retry asks again', async () => {
    const created = await createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, collectAddress: true });
    const realFetch = window.fetch;
    let refuse = true;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
      refuse && String(input).endsWith('/quote') ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init);
    try {
      const element = await mountRecording(created.id, sandboxUrl);
      await waitForText(element, 'Tax calculated from your address');
      fillField(element, 'country', 'GB');
      fillField(element, 'postalCode', 'SW1Y 4JH');
      await waitForText(element, 'couldn’t calculate the tax', 8000);
      expect(payButton(element).disabled).to.equal(true);
      refuse = false;
      shadow(element).querySelector<HTMLButtonElement>('.tax-note button')!.click();
      await waitForText(element, 'VAT 20% (United Kingdom)', 8000);
    } finally {
      window.fetch = realFetch;
    }
  });
});
