// A payment the bank confirmed is never dropped because the page moved on: when the element is
// pointed at another checkout while the customer is in 3-D Secure, the confirmed payment is still
// finalized (one order) and the page is told by paid-checkout-complete; the element shows the new checkout.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { createCheckout, sandboxRequest, sandboxUrl } from './support/sandbox.ts';
import { fillCard, fillField, mountRecording, payButton, readyToPay, record, waitForText } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

describe('a confirmed payment after the page moved on', function () {
  this.timeout(30_000);

  it('is finalized into one order, and the page hears of it, though the element now shows another checkout', async () => {
    const first = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const second = await createCheckout({ products: [{ id: 'prod_onboarding' }], successUrl: SUCCESS_URL });
    const element = await mountRecording(first.id, sandboxUrl);
    const completes = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', `ada+moved-${Date.now()}@example.com`);
    await fillCard(element, '4000 0027 6000 3184');
    payButton(element).click();
    const completeButton = () => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Complete authentication');
    await waitUntil(completeButton, 'no 3-D Secure challenge', { timeout: 8000 });

    // The page shows another checkout while the customer is still with their bank.
    element.checkoutId = second.id;
    await waitForText(element, 'Onboarding session', 8000);
    completeButton()!.click();

    await waitUntil(() => completes.length === 1, 'the page was not told of the payment', { timeout: 10_000 });
    expect(completes[0]!.detail.checkoutId).to.equal(first.id);
    const read = (await sandboxRequest<{ status: string; orderId: string | null }>('GET', `/api/v2/checkouts/${first.id}`))!.body;
    expect(read.status).to.equal('completed');
    expect(read.orderId).to.equal(completes[0]!.detail.orderId);
    expect(element.navigations, 'the element did not leave the page for the old checkout').to.deep.equal([]);
  });
});
