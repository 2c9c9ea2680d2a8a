// The amount shown is the amount charged, whatever the page's clock says: the element prices
// an upgrade by the server's time (the session's `now`), and when the server's price differs
// anyway it shows the new amount for the customer to confirm, keeping what they typed.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { createCheckout, ownSandbox, sandboxUrl, type CreatedCheckout } from './support/sandbox.ts';
import { SkewedClockCheckout, fillCard, mountRecording, payButton, readyToPay, record, shadow, visibleText, waitForText } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';
const DAY = 86_400_000;

const hex = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A sandbox to buy on: the shared one, or one of a test's own. */
interface Shop {
  url: string;
  createCheckout(body: Record<string, unknown>): Promise<CreatedCheckout>;
}
const shared: Shop = { url: sandboxUrl, createCheckout: (body) => createCheckout(body) };

/** A customer with a monthly Starter subscription, bought through a checkout, and a checkout to upgrade it. */
async function upgradeCheckout(shop: Shop = shared): Promise<string> {
  const externalCustomerId = `ext_clock_${hex()}`;
  const first = await shop.createCheckout({ products: [{ id: 'prod_analytics' }], externalCustomerId, successUrl: SUCCESS_URL });
  const bought = await fetch(`${shop.url}/api/public/checkout/${first.id}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      confirmation_token: `ctoken_test_succeeds_${hex()}`,
      return_url: 'https://shop.example.test/return',
      selections: [{ product_id: 'prod_analytics', plan_id: 'plan_analytics_starter', quantity: 1 }],
      customer: { name: 'Clock Tester', email: 'clock@example.com' },
    }),
  });
  expect(bought.status, await bought.clone().text()).to.equal(200);
  return (await shop.createCheckout({ products: [{ id: 'prod_analytics' }], externalCustomerId, successUrl: SUCCESS_URL })).id;
}

describe('the server’s clock decides the price', function () {
  this.timeout(30_000);

  // Ahead only: a subscription bought a moment ago is charged for its whole period by a clock behind.
  for (const [label, aheadMs] of [
    ['a day ahead', DAY],
    ['twenty days ahead', 20 * DAY],
  ] as const) {
    it(`an upgrade on a laptop whose clock is ${label} is shown at the server’s price and charged exactly that`, async () => {
      const id = await upgradeCheckout();
      SkewedClockCheckout.aheadMs = aheadMs;
      const element = document.createElement('skewed-clock-checkout') as SkewedClockCheckout;
      element.checkoutId = id;
      element.apiBase = sandboxUrl;
      element.locale = 'en';
      await fixture(element);
      const complete = record(element, 'paid-checkout-complete');
      const errors = record(element, 'paid-checkout-error');
      await waitForText(element, 'Signed in as Clock Tester');
      shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_growth"]')!.click();
      await readyToPay(element);
      const shownDue = Number(shadow(element).querySelector('[data-testid="due-today"] .amount')!.textContent!.replace(/[^\d]/g, ''));
      await fillCard(element, '4242 4242 4242 4242');
      payButton(element).click();
      await waitForText(element, 'Thank you', 10_000);
      expect(errors.map((event) => event.detail.code)).to.not.include('amount_changed');
      expect(complete[0]!.detail.amountDue).to.equal(shownDue);
    });
  }

  it('when the price moved while the customer was on the page, the new amount is shown for them to confirm, and that is charged', async () => {
    // A sandbox of this test's own: its clock moves, and no other file sees it move.
    const own = await ownSandbox();
    try {
      const id = await upgradeCheckout(own);
      const element = await mountRecording(id, own.url);
      const complete = record(element, 'paid-checkout-complete');
      const errors = record(element, 'paid-checkout-error');
      await waitForText(element, 'Signed in as Clock Tester');
      shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_growth"]')!.click();
      await readyToPay(element);
      const dueToday = () => Number(shadow(element).querySelector('[data-testid="due-today"] .amount')!.textContent!.replace(/[^\d]/g, ''));
      const shownFirst = dueToday();
      await fillCard(element, '4242 4242 4242 4242');
      // Two hours pass on the server before the customer presses Pay: the proration is smaller.
      await own.advanceClock(2 * 3_600_000);
      payButton(element).click();
      await waitUntil(() => errors.some((event) => event.detail.code === 'amount_changed'), 'no amount_changed', { timeout: 10_000 });
      await readyToPay(element);
      expect(complete).to.have.length(0);
      const shownNow = dueToday();
      expect(shownNow).to.be.below(shownFirst);
      expect(visibleText(element)).to.contain('The amount due is now');
      payButton(element).click();
      await waitForText(element, 'Thank you', 10_000);
      expect(complete[0]!.detail.amountDue).to.equal(shownNow);
    } finally {
      await own.dispose();
    }
  });

  it('a taxed Pay refused because the server’s time moved the proration tells the page the new amount (paid-checkout-change), as a read again does', async () => {
    const own = await ownSandbox();
    try {
      const id = await upgradeCheckout(own);
      const element = await mountRecording(id, own.url);
      const errors = record(element, 'paid-checkout-error');
      const changes = record(element, 'paid-checkout-change');
      await waitForText(element, 'Signed in as Clock Tester');
      shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_growth"]')!.click();
      await readyToPay(element);
      // A signed-in customer is quoted at once (tax from the address on file): Pay charges the quote's amount.
      expect(shadow(element).querySelector('[data-testid="due-today"]'), 'the summary shows a total').to.exist;
      const told = changes.length;
      const amountBefore = changes.at(-1)!.detail.amountDue;
      await fillCard(element, '4242 4242 4242 4242');
      await own.advanceClock(2 * 3_600_000);
      payButton(element).click();
      await waitUntil(() => errors.some((event) => event.detail.code === 'amount_changed'), 'no amount_changed', { timeout: 10_000 });
      await waitUntil(() => changes.length > told, 'the page was never told the new amount', { timeout: 10_000 });
      await readyToPay(element);
      const { amountDue } = changes.at(-1)!.detail;
      expect(amountDue, 'a smaller proration').to.be.below(amountBefore);
      expect(changes.at(-1)!.detail.selections.find((line) => line.productId === 'prod_analytics')!.planId).to.equal('plan_analytics_growth');
      const dueToday = Number(shadow(element).querySelector('[data-testid="due-today"] .amount')!.textContent!.replace(/[^\d]/g, ''));
      expect(amountDue, 'the amount the summary now shows (no tax on file)').to.equal(dueToday);
    } finally {
      await own.dispose();
    }
  });
});
