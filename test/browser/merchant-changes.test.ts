// The merchant changes the checkout's prices while a buyer pays: the element names the prices it
// showed (`prices_version`), so a downgrade, which costs 0 today at any price, is refused rather
// than ordered at a price the buyer never saw; the new price is shown, and the next Pay buys it.
import { expect, waitUntil } from '@open-wc/testing';
import { ownSandbox, type OwnSandbox } from './support/sandbox.ts';
import { fillCard, loseSessionReads, mountRecording, payButton, readyToPay, record, shadow, visibleText, waitForText } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

const hex = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A customer subscribed to Analytics Scale ($99.00 a month), bought through a checkout on `own`; a checkout of theirs to change it, and their order. */
async function scaleSubscriber(own: OwnSandbox): Promise<{ checkoutId: string; orderId: string }> {
  const externalCustomerId = `ext_prices_${hex()}`;
  const first = await own.createCheckout({ products: [{ id: 'prod_analytics' }], externalCustomerId, successUrl: SUCCESS_URL });
  const bought = await fetch(`${own.url}/api/public/checkout/${first.id}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      confirmation_token: `ctoken_test_succeeds_${hex()}`,
      return_url: 'https://shop.example.test/return',
      selections: [{ product_id: 'prod_analytics', plan_id: 'plan_analytics_scale', quantity: 1 }],
      customer: { name: 'Price Tester', email: 'prices@example.com' },
    }),
  });
  expect(bought.status, await bought.clone().text()).to.equal(200);
  const { data } = (await bought.json()) as { data: { order_id: string } };
  const checkout = await own.createCheckout({ products: [{ id: 'prod_analytics' }], externalCustomerId, successUrl: SUCCESS_URL });
  return { checkoutId: checkout.id, orderId: data.order_id };
}

/** The Analytics line of `orderId` as the merchant's API has it: its plan and its price. */
async function analyticsLine(own: OwnSandbox, orderId: string): Promise<[string, number]> {
  const order = await own.request<{ lines: Array<{ productId: string; planId: string; amount: number }> }>('GET', `/api/v2/orders/${orderId}`);
  const line = order!.body.lines.find((candidate) => candidate.productId === 'prod_analytics')!;
  return [line.planId, line.amount];
}

describe('the merchant edits a price while the buyer pays', function () {
  this.timeout(30_000);

  it('a downgrade (0 today) whose new plan the merchant re-priced is refused, nothing charged; the new price is shown, and the next Pay buys it', async () => {
    // A sandbox of this test's own: its prices change, and no other file sees them change.
    const own = await ownSandbox();
    try {
      const { checkoutId, orderId } = await scaleSubscriber(own);
      const element = await mountRecording(checkoutId, own.url);
      const complete = record(element, 'paid-checkout-complete');
      const errors = record(element, 'paid-checkout-error');
      await waitForText(element, 'Signed in as Price Tester');
      shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.click();
      await readyToPay(element);
      expect(visibleText(element)).to.contain('$19.00');
      expect(visibleText(element)).to.not.contain('$29.00');
      await fillCard(element, '4242 4242 4242 4242');

      // While the customer looks at Starter at $19.00, the merchant raises it to $29.00.
      await own.editPrice('prod_analytics', 'plan_analytics_starter', 'usd', 2900);
      payButton(element).click();
      await waitForText(element, 'The prices changed since they were shown', 10_000);
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['amount_changed']);
      expect(complete).to.have.length(0);
      expect(await analyticsLine(own, orderId)).to.deep.equal(['plan_analytics_scale', 9900], 'nothing changed, nothing charged');

      // The checkout read again under the form: the downgrade still chosen, at its new price.
      await waitForText(element, '$29.00', 10_000);
      expect(shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.checked).to.equal(true);
      await readyToPay(element, 10_000);
      payButton(element).click();
      await waitForText(element, 'Thank you', 10_000);
      expect(complete).to.have.length(1);
      expect(complete[0]!.detail.amountDue).to.equal(0);
      expect(await analyticsLine(own, orderId)).to.deep.equal(['plan_analytics_starter', 2900]);
    } finally {
      await own.dispose();
    }
  });

  it('a read again of the re-priced checkout that the network loses keeps the form as chosen, the tax says so, and its Try again finds the new price', async () => {
    const own = await ownSandbox();
    let reads: ReturnType<typeof loseSessionReads> | undefined;
    try {
      const { checkoutId, orderId } = await scaleSubscriber(own);
      const element = await mountRecording(checkoutId, own.url);
      const complete = record(element, 'paid-checkout-complete');
      await waitForText(element, 'Signed in as Price Tester');
      shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.click();
      await readyToPay(element);
      await fillCard(element, '4242 4242 4242 4242');
      await own.editPrice('prod_analytics', 'plan_analytics_starter', 'usd', 2900);

      // From now on the session's reads are lost on the network (each retry too).
      reads = loseSessionReads(checkoutId);
      payButton(element).click();
      // A known customer's order is quoted: the tax says it could not be calculated, with Try again.
      await waitUntil(() => shadow(element).querySelector('[data-tax="failed"] button'), 'the tax never offered Try again', { timeout: 15_000 });
      expect(reads.lost(), 'the checkout was read again, and lost').to.be.greaterThan(0);
      expect(payButton(element).disabled, 'nothing to pay until the tax is known').to.equal(true);
      expect(shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')?.checked, 'the form stays as chosen').to.equal(true);
      expect(complete).to.have.length(0);
      expect(await analyticsLine(own, orderId)).to.deep.equal(['plan_analytics_scale', 9900], 'nothing charged');

      // The network back: Try again asks the quote again, whose prices are not the ones shown, so the
      // checkout is read again and shows the new price, which the next Pay buys.
      reads.restore();
      shadow(element).querySelector<HTMLButtonElement>('[data-tax="failed"] button')!.click();
      await waitForText(element, '$29.00', 10_000);
      await readyToPay(element, 10_000);
      payButton(element).click();
      await waitForText(element, 'Thank you', 10_000);
      expect(complete).to.have.length(1);
      expect(await analyticsLine(own, orderId)).to.deep.equal(['plan_analytics_starter', 2900]);
    } finally {
      reads?.restore();
      await own.dispose();
    }
  });
});
