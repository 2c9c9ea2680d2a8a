// The summary's lines and its taxed totals describe one order: when the server's quote prices the
// order otherwise than the session the element read (the subscription it upgrades was cancelled
// meanwhile), the customer is not asked to pay the quote's total under lines that say something else.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { createCheckout, sandboxRequest, sandboxUrl } from './support/sandbox.ts';
import { fillCard, fillField, mountRecording, payButton, record, shadow, visibleText, waitForText, loseSessionReads, type RecordingCheckout } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

/** Minor units from an amount as the element shows it in US dollars ("$1,180.00" → 118000). */
function cents(text: string | null | undefined): number {
  return Math.round(Number((text ?? '').replace(/[^\d.-]/g, '')) * 100);
}

describe('tax quote against a stale session', function () {
  this.timeout(40_000);
  // Review R2-2: a quote that prices another order than the session read (its subscription cancelled)
  // was laid over stale lines ("upgrade, credit…, $30" above "Subtotal $49.00", Pay $58.80). The
  // element now reads the session again under the form and asks again.
  /** A known customer on Starter, whose upgrade to Growth is shown; the merchant has just cancelled Starter. */
  async function upgradeWhoseOrderWasCancelled() {
    const name = `Stale ${Date.now()}`;
    const created = await sandboxRequest<{ id: string }>('POST', '/api/v2/customers', { name, email: `stale+${Date.now()}@example.com` });
    const customerId = created!.body.id;
    // Starter bought first (no address: untaxed), so that Growth is an upgrade.
    const first = await createCheckout({ products: [{ id: 'prod_analytics' }], customerId, successUrl: SUCCESS_URL });
    const buying = await mountRecording(first.id, sandboxUrl);
    await waitForText(buying, `Signed in as ${name}`);
    shadow(buying).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.click();
    const completed = record(buying, 'paid-checkout-complete');
    await fillCard(buying, '4242424242424242');
    await waitUntil(() => !payButton(buying).disabled, 'Pay never enabled', { timeout: 8000 });
    payButton(buying).click();
    await waitForText(buying, 'Thank you', 10_000);
    const orderId = completed[0]!.detail.orderId;
    buying.remove();

    const upgrade = await createCheckout({ products: [{ id: 'prod_analytics' }], customerId, successUrl: SUCCESS_URL, collectAddress: true });
    const element = await mountRecording(upgrade.id, sandboxUrl);
    await waitForText(element, 'Current plan');
    shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_growth"]')!.click();
    await waitForText(element, 'Credit for unused time on your current plan');
    // The merchant cancels the subscription while the customer types the address.
    expect((await sandboxRequest('DELETE', `/api/v2/orders/${orderId}`))?.status).to.equal(200);
    return { element, checkoutId: upgrade.id };
  }

  /** The customer types a London address: the quote is asked. */
  async function typeLondon(element: RecordingCheckout) {
    fillField(element, 'country', 'GB');
    await element.updateComplete;
    fillField(element, 'line1', '12 St James’s Square');
    fillField(element, 'city', 'London');
    fillField(element, 'postalCode', 'SW1Y 4JH');
  }

  /** The summary shows Growth as a new subscription, taxed, with what the customer typed kept. */
  async function showsGrowthAsNew(element: RecordingCheckout) {
    await waitForText(element, 'VAT 20% (United Kingdom)', 8000);
    const lineAmount = cents(shadow(element).querySelector('.line .line-head .amount')!.textContent);
    const subtotal = cents(shadow(element).querySelector('.tax > div dd')!.textContent);
    expect(subtotal).to.equal(4900, 'the server quotes Growth as a new subscription');
    expect(lineAmount).to.equal(subtotal, 'the line above the subtotal says what the subtotal charges');
    expect(visibleText(element)).not.to.contain('Credit for unused time');
    expect(payButton(element).textContent).to.contain('$58.80');
    expect(shadow(element).querySelector<HTMLInputElement>('#field-postalCode')!.value).to.equal('SW1Y 4JH', 'what the customer typed is kept');
  }

  it('does not show an upgrade’s prorated line above the quote of a whole new subscription', async () => {
    const { element } = await upgradeWhoseOrderWasCancelled();
    await typeLondon(element);
    await showsGrowthAsNew(element);
  });

  it('keeps the form when the network loses that read again: the tax says so, and its Try again shows the new order', async () => {
    const { element, checkoutId } = await upgradeWhoseOrderWasCancelled();
    const reads = loseSessionReads(checkoutId);
    try {
      const failed = record(element, 'paid-checkout-error');
      await typeLondon(element);
      await waitUntil(() => shadow(element).querySelector('[data-tax="failed"] button'), 'the tax never offered Try again', { timeout: 15_000 }).catch((error) => {
        throw new Error(`${error.message}; lost ${reads.lost()}; tax ${shadow(element).querySelector('[data-tax]')?.getAttribute('data-tax')}; state ${JSON.stringify((element as unknown as { state: unknown }).state).slice(0, 300)}`);
      });
      expect(reads.lost(), 'the session was read again, and every read lost').to.be.greaterThan(0);
      expect(shadow(element).querySelector<HTMLInputElement>('#field-postalCode')?.value, 'the form stays, as typed').to.equal('SW1Y 4JH');
      expect(payButton(element).disabled, 'nothing to pay until the tax is known').to.equal(true);
      expect(failed.map((event) => event.detail.code)).not.to.include('network_error');
      reads.restore();
      shadow(element).querySelector<HTMLButtonElement>('[data-tax="failed"] button')!.click();
      await showsGrowthAsNew(element);
    } finally {
      reads.restore();
    }
  });
});
