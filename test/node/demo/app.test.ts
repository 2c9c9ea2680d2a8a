// The demo's merchant server as a merchant following Paid's docs writes it: sessions created with
// Paid's Node SDK for the signed-in user, and "verify on return" on the success page (getCheckout:
// completed, and for this user) before anything is provisioned.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { PaidClient } from '@paid-ai/paid-node';
import { startDemo, type Demo } from '../../../demo/app.ts';
import { findScenario } from '../../../demo/scenarios.ts';
import { openScenario, payAnalytics, quoteFor, readSuccessPage } from './support.ts';

/** What each tax scenario's description promises for Analytics Growth (docs/TAX.md's test rates). */
const taxScenarioQuotes = [
  { slug: 'tax-uk', address: { country: 'GB', postal_code: 'SW1A 1AA' }, taxId: null, amount: 5880, taxLines: [{ name: 'vat', jurisdiction: 'GB', basis_points: 2000, amount: 980 }] },
  { slug: 'tax-us', address: { country: 'US', postal_code: '95014' }, taxId: null, amount: 5255, taxLines: [{ name: 'sales_tax', jurisdiction: 'US-CA', basis_points: 725, amount: 355 }] },
  { slug: 'tax-eu-business', address: { country: 'DE', postal_code: '10115' }, taxId: 'DE123456789', amount: 4500, taxLines: [] },
  { slug: 'tax-au', address: { country: 'AU', postal_code: '2000' }, taxId: null, amount: 5390, taxLines: [{ name: 'gst', jurisdiction: 'AU', basis_points: 1000, amount: 490 }] },
] as const;

let demo: Demo;
let paid: PaidClient;

describe("the demo's merchant server, with Paid's SDK", () => {
  before(async () => {
    demo = await startDemo({ port: 0 });
    paid = new PaidClient({ token: demo.sandbox.secretKey, baseUrl: `${demo.origin}/api/v2` });
  });

  after(() => demo.close());

  it('creates the scenario’s session for the signed-in user, as getCheckout reads it back', async () => {
    const visit = await openScenario(demo.origin, 'tiers');
    const checkout = await paid.checkouts.getCheckout({ id: visit.checkoutId });
    assert.deepEqual(checkout.products.map((product) => product.id), ['prod_analytics', 'prod_seats', 'prod_storage', 'prod_api']);
    assert.equal(checkout.externalCustomerId, visit.userId);
    assert.equal(checkout.status, 'active');
    assert.equal(checkout.collectAddress, false, 'the scenario says it collects no address');
    assert.equal(checkout.successUrl, `${demo.origin}/demo/success?checkout_id={CHECKOUT_ID}`);
  });

  it('keeps a visit on the loopback name it came by (localhost for a demo printed as 127.0.0.1), so that its sign-in cookie reaches the success page', async () => {
    const port = new URL(demo.origin).port;
    const visitBy = (host: string) =>
      new Promise<string>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: '/demo/new-customer', headers: { host } }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve(body));
        }).on('error', reject);
      });
    for (const [host, expected] of [[`localhost:${port}`, `http://localhost:${port}`], [`127.0.0.1:${port}`, demo.origin], [`shop.example:${port}`, demo.origin]]) {
      const page = await visitBy(host!);
      assert.match(page, new RegExp(`api-base="${expected!.replace(/[.]/g, '\\.')}"`), `${host}: the element talks to ${expected}`);
      const checkoutId = /<paid-checkout checkout-id="(chk_[A-Za-z0-9]+)"/.exec(page)?.[1];
      assert.ok(checkoutId, host);
      const checkout = await paid.checkouts.getCheckout({ id: checkoutId });
      assert.equal(checkout.successUrl, `${expected}/demo/success?checkout_id={CHECKOUT_ID}`, `${host}: the success URL keeps the visit's origin`);
    }
  });

  it('signs each new-customer visit in as a new user', async () => {
    const first = await openScenario(demo.origin, 'new-customer');
    const second = await openScenario(demo.origin, 'new-customer');
    assert.notEqual(first.userId, second.userId);
    assert.equal((await paid.checkouts.getCheckout({ id: first.checkoutId })).externalCustomerId, first.userId);
  });

  it('creates Ada’s upgrade by her external id, which Paid resolves to her customer', async () => {
    const visit = await openScenario(demo.origin, 'upgrade');
    assert.equal(visit.userId, 'ext_ada');
    assert.equal((await paid.checkouts.getCheckout({ id: visit.checkoutId })).externalCustomerId, 'ext_ada');
    const publicView = (await (await fetch(`${demo.origin}/api/public/checkout/${visit.checkoutId}`)).json()) as { customer: { id: string } | null };
    assert.equal(publicView.customer?.id, 'cus_ada');
  });

  it('collects an address only in the scenario that asks for one', async () => {
    const visit = await openScenario(demo.origin, 'add-ons');
    const checkout = await paid.checkouts.getCheckout({ id: visit.checkoutId });
    assert.equal(checkout.collectAddress, true);
    assert.equal(checkout.collectPhone, true);
  });

  it('collects the address in each tax scenario, in the currency its description prices in', async () => {
    for (const [slug, currency] of [['tax-uk', 'usd'], ['tax-us', 'usd'], ['tax-eu-business', 'eur'], ['tax-au', 'usd']] as const) {
      const visit = await openScenario(demo.origin, slug);
      const checkout = await paid.checkouts.getCheckout({ id: visit.checkoutId });
      assert.equal(checkout.collectAddress, true, slug);
      assert.deepEqual(checkout.allowedCurrencies.map((code) => code.toLowerCase()), [currency], slug);
      assert.equal(checkout.externalCustomerId, visit.userId, slug);
      assert.deepEqual(checkout.products.map((product) => product.id), ['prod_analytics'], slug);
    }
  });

  it('prices each tax scenario, for the address its description asks for, at the amounts it promises', async () => {
    for (const { slug, address, taxId, taxLines, amount } of taxScenarioQuotes) {
      const visit = await openScenario(demo.origin, slug);
      const description = findScenario(slug)?.description ?? '';
      assert.ok(description.includes(address.postal_code), `${slug}'s description names the postal code ${address.postal_code}`);
      if (taxId) assert.ok(description.includes(taxId), `${slug}'s description names the VAT number`);
      const quote = await quoteFor(demo.origin, visit.checkoutId, address, taxId);
      assert.deepEqual(quote.tax_lines.map(({ name, jurisdiction, basis_points, amount: tax }) => ({ name, jurisdiction, basis_points, amount: tax })), taxLines, slug);
      assert.equal(quote.amount, amount, slug);
      assert.equal(quote.reverse_charge, slug === 'tax-eu-business', slug);
    }
  });

  it('prices Ada’s taxed upgrade at the address its description asks for: VAT 20% on what is due today and on the renewal', async () => {
    const visit = await openScenario(demo.origin, 'tax-upgrade');
    assert.equal(visit.userId, 'ext_ada');
    const checkout = await paid.checkouts.getCheckout({ id: visit.checkoutId });
    assert.equal(checkout.collectAddress, true);
    assert.ok((findScenario('tax-upgrade')?.description ?? '').includes('SW1A 1AA'));
    const quote = await quoteFor(demo.origin, visit.checkoutId, { country: 'GB', postal_code: 'SW1A 1AA' }, null);
    const [vat] = quote.tax_lines;
    assert.deepEqual(vat && { name: vat.name, jurisdiction: vat.jurisdiction, basis_points: vat.basis_points }, { name: 'vat', jurisdiction: 'GB', basis_points: 2000 });
    assert.ok(quote.subtotal > 0 && quote.subtotal < 3000, `prorated: ${quote.subtotal}`);
    assert.equal(quote.amount, quote.subtotal + Math.round(quote.subtotal * 0.2));
    assert.deepEqual(quote.recurring.map((charge) => charge.total), [5880], 'the renewal with its VAT');
  });

  it('says an unpaid checkout is not verified, and provisions nothing', async () => {
    const visit = await openScenario(demo.origin, 'new-customer');
    const page = await readSuccessPage(demo.origin, visit.checkoutId, visit.cookie);
    assert.equal(page.verified, false);
    assert.equal(page.code, 'not_completed');
    assert.match(page.html, /Not verified:<\/strong> Paid says the checkout is active, not completed\./);
    assert.doesNotMatch(page.html, /Thank you/);
    assert.equal(page.orderId, null);
    assert.equal(demo.fulfilments.provisioned(visit.checkoutId), undefined);
  });

  it('says a paid checkout is verified for the signed-in user, names its order and provisions it', async () => {
    const visit = await openScenario(demo.origin, 'new-customer');
    const { orderId } = await payAnalytics(demo.origin, visit.checkoutId, { withCustomer: true });
    const page = await readSuccessPage(demo.origin, visit.checkoutId, visit.cookie);
    assert.equal(page.verified, true, page.html);
    assert.equal(page.orderId, orderId);
    assert.match(page.html, /<h1>Thank you!<\/h1>/);
    assert.match(page.html, new RegExp(`is the signed-in user, <code>${visit.userId}</code>`));
    assert.equal(demo.fulfilments.provisioned(visit.checkoutId)?.orderId, orderId);
  });

  it('says a paid checkout made for another user is not verified for this one', async () => {
    const visit = await openScenario(demo.origin, 'new-customer');
    const someoneElses = await paid.checkouts.createCheckout({
      products: [{ id: 'prod_analytics' }],
      externalCustomerId: 'user_someone_else',
      successUrl: `${demo.origin}/demo/success?checkout_id={CHECKOUT_ID}`,
      collectAddress: false,
    });
    await payAnalytics(demo.origin, someoneElses.id, { withCustomer: true });
    assert.equal((await paid.checkouts.getCheckout({ id: someoneElses.id })).status, 'completed');
    const page = await readSuccessPage(demo.origin, someoneElses.id, visit.cookie);
    assert.equal(page.verified, false);
    assert.equal(page.code, 'other_user');
    assert.equal(page.orderId, null);
  });

  it('verifies nothing for a visitor who is not signed in', async () => {
    const visit = await openScenario(demo.origin, 'new-customer');
    await payAnalytics(demo.origin, visit.checkoutId, { withCustomer: true });
    const page = await readSuccessPage(demo.origin, visit.checkoutId);
    assert.equal(page.verified, false);
    assert.equal(page.code, 'not_signed_in');
  });

  it('says a checkout Paid does not know is not verified', async () => {
    const visit = await openScenario(demo.origin, 'new-customer');
    const page = await readSuccessPage(demo.origin, 'chk_doesnotexist000000', visit.cookie);
    assert.equal(page.verified, false);
    assert.equal(page.code, 'not_found');
  });
});
