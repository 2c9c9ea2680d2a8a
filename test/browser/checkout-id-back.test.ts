// The page points the element at another checkout while its payment is on its way, then back: the
// payment is still the buyer's, so the element shows it under way again (never a form to pay it a
// second time) and its success as its own. Money facts are read from the sandbox as a merchant would.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { createCheckout, sandboxUrl } from './support/sandbox.ts';
import { moneyFacts } from './support/money.ts';
import { holdNextComplete, mountRecording, payAsNewBuyer, payButton, readyToPay, record, waitForText } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

describe('checkout-id changed and back while a payment is on its way', function () {
  this.timeout(30_000);
  let held: ReturnType<typeof holdNextComplete> | null = null;
  afterEach(() => {
    held?.release();
    held?.restore();
    held = null;
    sessionStorage.clear();
  });

  it('shows that payment under way again, sends nothing more, and shows its success: one order, one payment', async () => {
    const paying = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const other = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const element = await mountRecording(paying.id, sandboxUrl);
    const completes = record(element, 'paid-checkout-complete');
    held = holdNextComplete();
    await payAsNewBuyer(element, { email: `ada+back-${Date.now()}@example.com` });
    await held.asked;

    element.checkoutId = other.id;
    await readyToPay(element, 8000);
    expect(element.state).to.deep.include({ status: 'ready', checkoutId: other.id });
    element.checkoutId = paying.id;
    await waitUntil(() => element.state.status === 'paying' && element.state.checkoutId === paying.id, 'the payment on its way was not shown again', { timeout: 8000 });
    await element.updateComplete;
    expect(payButton(element).disabled, 'no Pay over a payment on its way').to.equal(true);
    await waitForText(element, 'Resuming your payment…');

    held.release();
    await waitUntil(() => element.state.status === 'succeeded', 'the payment’s success was not shown', { timeout: 10_000 });
    await waitForText(element, 'Thank you');
    expect(completes).to.have.length(1);
    expect(completes[0]!.detail.checkoutId).to.equal(paying.id);
    await waitUntil(() => element.navigations.length === 1, 'the success never left for its URL');
    expect(element.navigations).to.deep.equal([SUCCESS_URL.replace('{CHECKOUT_ID}', paying.id)]);
    const facts = await moneyFacts(paying.id);
    expect(facts.status).to.equal('completed');
    expect(facts.orders).to.have.length(1);
    expect(facts.invoices).to.have.length(1);
    expect((await moneyFacts(other.id)).invoices, 'nothing paid for the other checkout').to.have.length(0);
  });
});
