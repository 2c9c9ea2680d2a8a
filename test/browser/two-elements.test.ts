// Two <paid-checkout> elements for the same checkout on one page (a page laid out twice, an inline
// form and a dialog): the tab keeps one payment of a checkout at a time, under its id. While one
// element pays, the other sends nothing and says so; neither clears the other's kept payment; and a
// reload resumes the payment that was made. Money facts are read from the sandbox as a merchant would.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { createCheckout, ownSandbox, sandboxUrl, type OwnSandbox } from './support/sandbox.ts';
import { moneyFacts } from './support/money.ts';
import { removedInChallenge } from './support/challenge.ts';
import { authenticate, type CompleteSpy, fillCard, fillField, holdFirstComplete, mountRecording, payAsNewBuyer, payButton, readyToPay, record, RecordingCheckout, waitForText, watchStatuses } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

async function mount(checkoutId: string): Promise<RecordingCheckout> {
  return fixture(Object.assign(document.createElement('recording-checkout') as RecordingCheckout, { checkoutId, apiBase: sandboxUrl, locale: 'en' }));
}

function pay(element: RecordingCheckout, card: string): Promise<void> {
  return payAsNewBuyer(element, { card, email: `ada+two-${Date.now()}@example.com` });
}

/**
 * On a reusable link (a pricing page: a second payment would be a second purchase), the first
 * element pays with a 3-D Secure card, and the page swaps it for a new one (a framework re-rendering
 * its route) while the bank's challenge stays open: the new element finalizes the payment it found
 * kept, under the attempt's key, and is told it still waits for the bank.
 */
async function swappedDuringChallenge() {
  const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL, singleUse: false });
  const first = await mount(id);
  const firstPaid = record(first, 'paid-checkout-complete');
  await pay(first, '4000 0027 6000 3184');
  await waitUntil(() => [...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === 'Complete authentication'), 'no 3-D Secure challenge', { timeout: 8000 });
  first.remove();
  const second = await mount(id);
  const secondErrors = record(second, 'paid-checkout-error');
  const secondPaid = record(second, 'paid-checkout-complete');
  await waitUntil(() => secondErrors.length > 0, 'the new element said nothing of the payment it found', { timeout: 10_000 });
  expect(secondErrors.map((event) => event.detail.code)).to.deep.equal(['payment_not_finished']);
  return { id, first, firstPaid, second, secondErrors, secondPaid };
}

describe('two elements for one checkout on a page', function () {
  this.timeout(30_000);
  let spy: CompleteSpy | null = null;
  afterEach(() => {
    spy?.restore();
    spy = null;
    sessionStorage.clear();
  });

  it('while one’s payment is under way, the other pays nothing and leaves it kept: a reload finishes it, one order and one payment', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    // The first payment reaches the server, which takes it; its answer never reaches the page.
    spy = holdFirstComplete('sent');
    const first = await mount(id);
    const second = await mount(id);
    const secondErrors = record(second, 'paid-checkout-error');
    const secondSteps = record(second, 'paid-checkout-before-confirm');
    await pay(first, '4242 4242 4242 4242');
    await waitUntil(async () => (await moneyFacts(id)).invoices.length === 1, 'the server never took the first payment', { timeout: 8000, interval: 100 });
    const kept = sessionStorage.getItem(`paid-checkout:attempt:${id}`);
    expect(kept, 'the first payment is kept in the tab').to.not.equal(null);

    // The customer tries the other form with another card.
    await pay(second, '4000 0000 0000 0002');
    await waitUntil(() => secondErrors.length > 0, 'the second element said nothing', { timeout: 8000 });
    expect(secondErrors.map((event) => event.detail.code)).to.deep.equal(['payment_in_progress']);
    expect(spy.keys, 'the second element sent no payment').to.have.length(1);
    // A Pay that sends nothing never tells the page a purchase is starting.
    expect(secondSteps, 'no paid-checkout-before-confirm from the second element').to.have.length(0);
    expect(sessionStorage.getItem(`paid-checkout:attempt:${id}`), 'the first payment is still kept, as it was').to.equal(kept);

    // A reload: both gone, one element for the checkout again. It finishes the payment that was made.
    first.remove();
    second.remove();
    const reloaded = await mount(id);
    const completes = record(reloaded, 'paid-checkout-complete');
    await waitUntil(() => completes.length === 1, 'the reloaded page did not finish the kept payment', { timeout: 10_000 });
    await waitForText(reloaded, 'Thank you');
    expect(spy.keys).to.have.length(2);
    expect(spy.keys[1], 'the same Idempotency-Key').to.equal(spy.keys[0]);
    const money = await moneyFacts(id);
    expect(money.orders.map((order) => order.id)).to.deep.equal([completes[0]!.detail.orderId]);
    expect(money.invoices, 'charged once').to.have.length(1);
    expect(money.refunds).to.deep.equal([]);
  });

  it('a payment kept by an element removed in the middle of it is finished by the other element’s Pay, never paid anew: one order, one payment', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    spy = holdFirstComplete('sent');
    const first = await mount(id);
    const second = await mount(id);
    const completes = record(second, 'paid-checkout-complete');
    await pay(first, '4242 4242 4242 4242');
    await waitUntil(async () => (await moneyFacts(id)).invoices.length === 1, 'the server never took the first payment', { timeout: 8000, interval: 100 });
    // The first element leaves the page with its payment's answer lost: nothing handles it now.
    first.remove();

    await pay(second, '4000 0000 0000 0002');
    await waitUntil(() => completes.length === 1, 'the other element did not finish the kept payment', { timeout: 10_000 });
    expect(spy.keys).to.have.length(2);
    expect(spy.keys[1], 'the kept payment, with the same Idempotency-Key').to.equal(spy.keys[0]);
    const money = await moneyFacts(id);
    expect(money.orders.map((order) => order.id)).to.deep.equal([completes[0]!.detail.orderId]);
    expect(money.invoices, 'charged once').to.have.length(1);
  });

  it('after one element’s 3-D Secure challenge is refused, the other’s Pay replaces that payment: the single-use link stays the buyer’s, one order', async () => {
    // A single-use link (the default): a challenge left unfinished holds it for 15 minutes, except
    // for a payment that names it as the one it replaces.
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const realFetch = window.fetch;
    const completes: Array<{ status: number; replaces: unknown }> = [];
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const answer = await realFetch(input, init);
      if (String(input instanceof Request ? input.url : input).endsWith('/complete')) {
        completes.push({ status: answer.status, replaces: JSON.parse(String(init?.body)).replaces_payment_intent_id });
      }
      return answer;
    };
    try {
      const first = await mount(id);
      const second = await mount(id);
      const firstErrors = record(first, 'paid-checkout-error');
      const secondErrors = record(second, 'paid-checkout-error');
      const paid = record(second, 'paid-checkout-complete');
      await pay(first, '4000 0027 6000 3184');
      await authenticate('Fail authentication');
      await waitUntil(() => firstErrors.length > 0, 'the first element said nothing of the refused challenge', { timeout: 8000 });
      expect(firstErrors.map((event) => event.detail.code)).to.deep.equal(['authentication_failed']);
      const challenged = (await moneyFacts(id)).orders;
      expect(challenged, 'nothing was bought by the refused challenge').to.deep.equal([]);

      await pay(second, '4242 4242 4242 4242');
      await waitUntil(() => paid.length === 1 || secondErrors.length > 0, 'the second element’s Pay never ended', { timeout: 10_000 });
      expect(secondErrors.map((event) => event.detail.code), 'no payment_in_progress').to.deep.equal([]);
      expect(completes.map((complete) => complete.status)).to.deep.equal([200, 200]);
      expect(completes[1]!.replaces, 'the second Pay names the refused challenge’s payment').to.match(/^pi_/);
      await waitForText(second, 'Thank you');
      const money = await moneyFacts(id);
      expect(money.orders.map((order) => order.id)).to.deep.equal([paid[0]!.detail.orderId]);
      expect(money.invoices, 'charged once').to.have.length(1);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('an element removed during its 3-D Secure challenge, whose payment a new element for the checkout finds unfinished, then approved in the challenge still open: the new element’s next Pay finds it paid and charges nothing more', async () => {
    const { id, firstPaid, second, secondErrors, secondPaid } = await swappedDuringChallenge();
    // The buyer answers the challenge still open: the bank approves, the payment makes its order,
    // and the removed element's own run, whose finalize under that key is answered how it ended
    // (a finalize's 409 is not kept for its key), tells its page (it is out of it).
    await authenticate('Complete authentication');
    await waitUntil(async () => (await moneyFacts(id)).orders.length === 1, 'the approved payment made no order', { timeout: 8000, interval: 100 });
    await waitUntil(() => firstPaid.length === 1, 'the removed element never heard its payment end', { timeout: 8000 });
    // Told it was not finished, the buyer pays again in the new element: that payment went through, and nothing more is charged.
    await pay(second, '4242 4242 4242 4242');
    await waitUntil(() => secondPaid.length === 1 || secondErrors.length > 1, 'the second Pay never ended', { timeout: 10_000 });
    expect(secondErrors.map((event) => event.detail.code), 'nothing more refused').to.deep.equal(['payment_not_finished']);
    await waitForText(second, 'Thank you');
    const money = await moneyFacts(id);
    expect(money.invoices, 'charged once').to.have.length(1);
    expect(money.orders.map((order) => order.id)).to.deep.equal([firstPaid[0]!.detail.orderId]);
    expect(secondPaid[0]!.detail.orderId).to.equal(firstPaid[0]!.detail.orderId);
  });

  it('an element removed during its 3-D Secure challenge and put back beside the new element that found its payment unfinished, then approved: it shows the success, and the new element’s next Pay charges nothing more', async () => {
    const { id, first, firstPaid, second, secondErrors, secondPaid } = await swappedDuringChallenge();
    // The page puts the first element back (a layout shown again), the new one still beside it saying the payment was not finished.
    second.after(first);
    await authenticate('Complete authentication');
    await waitUntil(() => firstPaid.length === 1, 'the element put back never showed its success', { timeout: 10_000 });
    await waitForText(first, 'Thank you');
    // The buyer, told in the new element that nothing was charged, pays there: that payment went through, nothing more is charged.
    await pay(second, '4242 4242 4242 4242');
    await waitUntil(() => secondPaid.length === 1 || secondErrors.length > 1, 'the second Pay never ended', { timeout: 10_000 });
    const money = await moneyFacts(id);
    expect(money.invoices, 'charged once').to.have.length(1);
    expect(secondPaid[0]!.detail.orderId).to.equal(firstPaid[0]!.detail.orderId);
    await waitForText(second, 'Your earlier payment went through');
  });

  it('an element removed during its 3-D Secure challenge, whose payment a new element finds unfinished, then approved and refunded (the merchant re-priced the plan meanwhile): the new element’s next Pay tells the refund', async () => {
    const own = await ownSandbox();
    const realFetch = window.fetch;
    let finalized = 0;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const answer = await realFetch(input, init);
      if (String(input instanceof Request ? input.url : input).endsWith('/finalize')) finalized += 1;
      return answer;
    };
    try {
      const { id } = await removedInChallenge(own, 'refund');
      const second = await mountRecording(id, own.url);
      const secondErrors = record(second, 'paid-checkout-error');
      await waitUntil(() => secondErrors.length > 0, 'the new element said nothing of the payment it found', { timeout: 10_000 });
      expect(secondErrors.map((event) => event.detail.code)).to.deep.equal(['payment_not_finished']);
      // The merchant re-prices every plan while the challenge is open; the buyer approves it: the payment is refunded.
      for (const plan of ['plan_analytics_starter', 'plan_analytics_growth', 'plan_analytics_scale']) await own.editPrice('prod_analytics', plan, 'usd', 31_400);
      await authenticate('Complete authentication');
      // The removed element's run hears how it ended (its finalize after the new element's).
      await waitUntil(() => finalized === 2, 'the removed element never finalized', { timeout: 10_000 });
      const read = await own.request<{ refunds: Array<{ reason: string }> }>('GET', `/api/v2/checkouts/${id}`);
      expect(read!.body.refunds.map((refund) => refund.reason)).to.deep.equal(['amount_changed']);
      // Told it was not finished, the buyer pays again in the new element: told of the refund.
      await readyToPay(second);
      await fillCard(second, '4242 4242 4242 4242');
      payButton(second).click();
      await waitUntil(() => secondErrors.some((event) => event.detail.code === 'payment_refunded'), 'the refund of the payment taken was never told', { timeout: 10_000 });
    } finally {
      window.fetch = realFetch;
      await own.dispose();
    }
  });

  it('an element removed during its 3-D Secure challenge, its checkout expiring meanwhile: the new element says it expired, and an approval of the challenge still open charges nothing', async () => {
    const own = await ownSandbox();
    const approvals = watchStatuses('/authenticate');
    try {
      const { id } = await removedInChallenge(own, 'expired');
      // The checkout expires (a day, by default) while the challenge stays open; a new element takes the page's place.
      await own.advanceClock(25 * 3_600_000);
      const second = await mountRecording(id, own.url);
      const secondErrors = record(second, 'paid-checkout-error');
      await waitUntil(() => secondErrors.length > 0, 'the new element said nothing of the payment it found', { timeout: 10_000 });
      // It finalized the payment it found kept: the checkout has expired, so its flow ends there and it forgets that payment.
      expect(secondErrors.map((event) => event.detail.code)).to.deep.equal(['expired']);
      await waitForText(second, /expired/i);
      // The buyer answers the challenge still open: refused by the bank, since the buyer was told the checkout ended.
      await authenticate('Complete authentication');
      await waitUntil(() => approvals.statuses.length === 1, 'the challenge never answered', { timeout: 8000 });
      const orders = await own.request<{ data: Array<{ checkoutId?: string | null }> }>('GET', '/api/v2/orders?limit=100');
      const read = await own.request<{ refunds: unknown[] }>('GET', `/api/v2/checkouts/${id}`);
      expect(orders!.body.data.filter((order) => order.checkoutId === id), 'no order the page never shows').to.deep.equal([]);
      expect(read!.body.refunds, 'nothing taken, so nothing refunded').to.deep.equal([]);
      expect(approvals.statuses, 'the approval was refused').to.deep.equal([409]);
      expect(second.state.status).to.equal('failed');
    } finally {
      approvals.restore();
      await own.dispose();
    }
  });
});
