// The demo's tax scenarios bought in Chromium against the production build: the visitor types the
// address its description names, the summary shows the tax docs/TAX.md promises, and Paid's invoice
// for the purchase is exactly the total the customer was shown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type Demo } from '../../demo/app.ts';
import { launchBrowser, watchPage } from './support/browser.ts';
import { newBuyer, pay } from './support/purchase.ts';
import { assertBuilt } from './support/sandbox.ts';

let demo: Demo;
let browser: Browser;

before(async () => {
  assertBuilt();
  demo = await startDemo({ port: 0 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

interface TaxScenario {
  slug: string;
  address: { country: string; city: string; postalCode: string };
  taxId?: string;
  /** The summary's rows once quoted, as the customer reads them. */
  rows: Array<[string, string]>;
  total: string;
  /** The total in minor units, as Paid's invoice states it. */
  totalMinor: number;
  currency: string;
}

const scenarios: TaxScenario[] = [
  {
    slug: 'tax-uk',
    address: { country: 'GB', city: 'London', postalCode: 'SW1A 1AA' },
    rows: [['Subtotal', '$49.00'], ['VAT 20% (United Kingdom)', '$9.80']],
    total: '$58.80',
    totalMinor: 5880,
    currency: 'USD',
  },
  {
    slug: 'tax-us',
    address: { country: 'US', city: 'Cupertino', postalCode: '95014' },
    rows: [['Subtotal', '$49.00'], ['Sales tax 7.25% (CA, United States)', '$3.55']],
    total: '$52.55',
    totalMinor: 5255,
    currency: 'USD',
  },
  {
    slug: 'tax-eu-business',
    address: { country: 'DE', city: 'Berlin', postalCode: '10115' },
    taxId: 'DE123456789',
    rows: [['Subtotal', '€45.00'], ['VAT reverse charge: the business customer accounts for the VAT', '€0.00']],
    total: '€45.00',
    totalMinor: 4500,
    currency: 'EUR',
  },
  {
    slug: 'tax-au',
    address: { country: 'AU', city: 'Sydney', postalCode: '2000' },
    rows: [['Subtotal', '$49.00'], ['GST 10% (Australia)', '$4.90']],
    total: '$53.90',
    totalMinor: 5390,
    currency: 'USD',
  },
];

interface InvoiceView {
  checkoutId: string;
  orderId: string;
  currency: string;
  invoiceTotal: number;
  amountPaid: number;
}

/** The invoice Paid made for a checkout, read with the merchant's secret key. */
async function invoiceOf(checkoutId: string): Promise<InvoiceView> {
  const response = await fetch(`${demo.origin}/api/v2/invoices?limit=100`, { headers: { authorization: `Bearer ${demo.sandbox.secretKey}` } });
  const body = (await response.json()) as { data: InvoiceView[] };
  assert.equal(response.status, 200, JSON.stringify(body));
  const invoices = body.data.filter((invoice) => invoice.checkoutId === checkoutId);
  assert.equal(invoices.length, 1, `one invoice for ${checkoutId}`);
  return invoices[0]!;
}

/** Types the billing address (and the VAT number) as the scenario's description asks. */
async function fillAddress(page: Page, scenario: TaxScenario): Promise<void> {
  await page.getByLabel('Country').selectOption(scenario.address.country);
  await page.getByLabel('Address', { exact: true }).fill('1 Example Street');
  await page.getByLabel('City').fill(scenario.address.city);
  await page.getByLabel('Postal code').fill(scenario.address.postalCode);
  if (scenario.taxId) await page.getByLabel('VAT number (businesses, optional)').fill(scenario.taxId);
}

/** The summary's tax rows, each label and amount as shown. */
function summaryRows(page: Page): Promise<Array<[string, string]>> {
  return page
    .locator('paid-checkout dl.tax > div')
    .evaluateAll((rows) => rows.map((row) => [row.querySelector('dt')?.textContent?.trim() ?? '', row.querySelector('dd')?.textContent?.trim() ?? ''] as [string, string]));
}

describe("the demo's tax scenarios", () => {
  for (const scenario of scenarios) {
    test(`${scenario.slug}: the summary shows the tax for the address the description names, and the invoice is the total shown`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const report = await watchPage(page);
      try {
        await page.goto(`${demo.origin}/demo/${scenario.slug}`);
        const description = (await page.locator('#scenario-description').textContent()) ?? '';
        assert.ok(description.includes(scenario.address.postalCode), `the description names ${scenario.address.postalCode}: ${description}`);
        if (scenario.taxId) assert.ok(description.includes(scenario.taxId), 'the description names the VAT number');
        const checkoutId = (await page.locator('paid-checkout').getAttribute('checkout-id')) ?? '';

        await page.getByText('Tax calculated from your address').waitFor();
        await fillAddress(page, scenario);
        const lastRow = scenario.rows[scenario.rows.length - 1]![0];
        await page.locator('paid-checkout dl.tax dt', { hasText: lastRow }).waitFor({ timeout: 10_000 });
        assert.deepEqual(await summaryRows(page), scenario.rows);
        const shownTotal = (await page.locator('paid-checkout [data-testid="due-today"] .amount').textContent())?.trim();
        assert.equal(shownTotal, scenario.total);

        const buyer = newBuyer(scenario.slug);
        await pay(page, buyer);
        await page.waitForURL(`${demo.origin}/demo/success?**`, { timeout: 15_000 });

        assert.equal(page.url(), `${demo.origin}/demo/success?checkout_id=${checkoutId}`);
        assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Thank you!');
        assert.equal(await page.locator('#verification').getAttribute('data-verified'), 'true');
        const orderId = await page.locator('#order-id').textContent();
        const invoice = await invoiceOf(checkoutId);
        assert.equal(invoice.orderId, orderId);
        assert.equal(invoice.currency.toUpperCase(), scenario.currency);
        assert.equal(invoice.amountPaid, scenario.totalMinor, 'Paid charged the total shown');
        assert.equal(invoice.invoiceTotal, scenario.totalMinor);
        assert.deepEqual(report.errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
