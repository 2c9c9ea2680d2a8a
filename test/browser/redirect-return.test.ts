// A payment method that leaves the page for the customer's bank (the stand-in's redirect card and
// the sandbox's test bank): when the page loads again on return_url with Stripe's parameters, the
// element finalizes that payment instead of offering to pay again, fires paid-checkout-complete,
// and takes the parameters out of the address bar; a failed redirect says so and lets the customer
// pay another way. Money facts are read from the sandbox as a merchant would.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { createCheckout, sandboxUrl } from './support/sandbox.ts';
import { moneyFacts } from './support/money.ts';
import { fillCard, fillField, payButton, readyToPay, record, unmountedRecording, type RecordingCheckout, visibleText, waitForSelector, waitForText } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';
const REDIRECT_CARD = '4000 0000 0000 3063';

/** A RecordingCheckout for `checkoutId`, listened to before it is on the page (its answer may come first). */
async function mountOnReturn(checkoutId: string) {
  const element = unmountedRecording(checkoutId, sandboxUrl);
  const completes = record(element, 'paid-checkout-complete');
  const errors = record(element, 'paid-checkout-error');
  await fixture(element);
  return { element, completes, errors };
}

/**
 * Pays with the redirect card up to the bank: the stand-in's navigation is cancelled (a test page
 * cannot leave), and the bank's page address it would have opened is returned.
 */
async function payUntilTheBank(element: RecordingCheckout, email: string): Promise<URL> {
  let bank: string | null = null;
  const stay = (event: Event) => {
    event.preventDefault();
    bank = (event as CustomEvent<{ url: string }>).detail.url;
  };
  window.addEventListener('stripe-standin-redirect', stay);
  try {
    await readyToPay(element);
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', email);
    await fillCard(element, REDIRECT_CARD);
    payButton(element).click();
    await waitUntil(() => bank, 'the stand-in never left for the bank', { timeout: 8000 });
  } finally {
    window.removeEventListener('stripe-standin-redirect', stay);
  }
  return new URL(bank!);
}

/** Presses Approve or Fail on the bank's page (its form's post); returns where the bank sends the customer back. */
async function answerAtTheBank(bank: URL, answer: 'approve' | 'fail'): Promise<string> {
  const form = new URLSearchParams(bank.searchParams);
  form.set('answer', answer);
  const response = await fetch(`${sandboxUrl}/sandbox/stripe/bank`, { method: 'POST', body: form, redirect: 'manual' });
  expect(response.type, 'the bank answers with a redirect').to.equal('opaqueredirect');
  // As the bank's page sends the customer back: return_url with Stripe's parameters appended.
  const back = new URL(bank.searchParams.get('return_url')!);
  const added = new URLSearchParams({
    payment_intent: bank.searchParams.get('payment_intent')!,
    payment_intent_client_secret: bank.searchParams.get('client_secret')!,
    redirect_status: answer === 'approve' ? 'succeeded' : 'failed',
  });
  back.search = back.search.length > 1 ? `${back.search}&${added}` : `?${added}`;
  return back.href;
}

describe('a payment that left the page for the bank and came back', function () {
  this.timeout(30_000);
  const original = location.href;
  afterEach(() => {
    history.replaceState(null, '', original);
    sessionStorage.clear();
  });

  it('approved: is finalized into one order, the page is told, and the address bar loses the parameters', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    history.replaceState(null, '', `${location.pathname}${new URL(original).search}&campaign=spring&x=a%20b#plans`);
    const first = await mountOnReturn(id);
    const bank = await payUntilTheBank(first.element, `ada+redirect-${Date.now()}@example.com`);
    expect(bank.origin).to.equal(new URL(sandboxUrl).origin);
    expect(sessionStorage.getItem(`paid-checkout:attempt:${id}`), 'the attempt is kept while the customer is away').to.be.a('string');
    const back = await answerAtTheBank(bank, 'approve');

    // The page the bank sends the customer back to loads the element afresh.
    first.element.remove();
    history.replaceState(null, '', back);
    const returned = await mountOnReturn(id);
    await waitUntil(() => returned.completes.length === 1, 'no paid-checkout-complete on return', { timeout: 10_000 });
    await waitForText(returned.element, /successful|receipt/i);
    expect(payButton(returned.element), 'never offered to pay again').to.equal(null);
    expect(visibleText(returned.element)).to.not.contain('already been completed');

    const detail = returned.completes[0]!.detail;
    expect(detail.checkoutId).to.equal(id);
    expect(returned.element.navigations).to.deep.equal([detail.redirectUrl]);
    expect(location.search, 'Stripe’s parameters removed, the page’s own kept as written').to.equal(`${new URL(original).search}&campaign=spring&x=a%20b`);
    expect(location.hash).to.equal('#plans');
    expect(sessionStorage.getItem(`paid-checkout:attempt:${id}`), 'cleared once settled').to.equal(null);

    const money = await moneyFacts(id);
    expect(money.status).to.equal('completed');
    expect(money.orders.map((order) => order.id)).to.deep.equal([detail.orderId]);
    expect(money.invoices, 'one payment taken').to.have.length(1);
    expect(money.refunds).to.deep.equal([]);
  });

  it('failed: says the bank did not approve it, and the customer pays another way; one order', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(id);
    const email = `ada+redirect-fail-${Date.now()}@example.com`;
    const bank = await payUntilTheBank(first.element, email);
    const back = await answerAtTheBank(bank, 'fail');
    first.element.remove();
    history.replaceState(null, '', back);

    const returned = await mountOnReturn(id);
    await waitForText(returned.element, 'Your bank didn’t approve the payment', 10_000);
    expect(returned.completes).to.have.length(0);
    expect(location.search).to.equal(new URL(original).search);
    // What they chose and typed is still there: another card pays.
    await readyToPay(returned.element, 8000);
    await fillCard(returned.element, '4242 4242 4242 4242');
    payButton(returned.element).click();
    await waitUntil(() => returned.completes.length === 1, 'the second way did not pay', { timeout: 10_000 });

    const money = await moneyFacts(id);
    expect(money.orders.map((order) => order.id)).to.deep.equal([returned.completes[0]!.detail.orderId]);
    expect(money.invoices).to.have.length(1);
    expect(money.refunds).to.deep.equal([]);
  });

  it('approved, in a tab that kept nothing (storage cleared or refused): finalized all the same, one order', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(id);
    const bank = await payUntilTheBank(first.element, `ada+redirect-nostore-${Date.now()}@example.com`);
    const back = await answerAtTheBank(bank, 'approve');
    first.element.remove();
    sessionStorage.clear();
    history.replaceState(null, '', back);

    const returned = await mountOnReturn(id);
    await waitUntil(() => returned.completes.length === 1, 'no paid-checkout-complete on return', { timeout: 10_000 });
    expect(payButton(returned.element)).to.equal(null);
    expect(location.search).to.equal(new URL(original).search);
    const money = await moneyFacts(id);
    expect(money.orders.map((order) => order.id)).to.deep.equal([returned.completes[0]!.detail.orderId]);
    expect(money.invoices).to.have.length(1);
  });

  it('when finalize’s answer is lost on the way back: the parameters stay, Try again asks again, one order', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(id);
    const bank = await payUntilTheBank(first.element, `ada+redirect-lost-${Date.now()}@example.com`);
    const back = await answerAtTheBank(bank, 'approve');
    first.element.remove();
    sessionStorage.clear();
    history.replaceState(null, '', back);
    const realFetch = window.fetch;
    let finalizes = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('/finalize') && (finalizes += 1) === 1) return Promise.reject(new TypeError('Failed to fetch'));
      return realFetch(input, init);
    };
    try {
      const returned = await mountOnReturn(id);
      const retry = await waitForSelector<HTMLButtonElement>(returned.element, '.state button', 8000);
      expect(returned.completes).to.have.length(0);
      expect(new URLSearchParams(location.search).get('payment_intent'), 'kept for the next try').to.equal(bank.searchParams.get('payment_intent'));
      expect(visibleText(returned.element)).to.not.contain('didn’t approve');
      retry.click();
      await waitUntil(() => returned.completes.length === 1, 'Try again did not finish the payment', { timeout: 10_000 });
      expect(finalizes).to.equal(2);
      expect(location.search).to.equal(new URL(original).search);
    } finally {
      window.fetch = realFetch;
    }
    const money = await moneyFacts(id);
    expect(money.orders).to.have.length(1);
    expect(money.invoices).to.have.length(1);
  });

  it('left at the bank’s page (Back, or a reload there): the form again with the bank’s refusal, never the bank again; the next Pay replaces it; one order', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(id);
    await payUntilTheBank(first.element, `ada+redirect-back-${Date.now()}@example.com`);
    first.element.remove();

    // Back to the page, without the bank's answer: the element must not send the customer to the bank again.
    let sentBack = false;
    const noticeBank = (event: Event) => {
      event.preventDefault();
      sentBack = true;
    };
    window.addEventListener('stripe-standin-redirect', noticeBank);
    try {
      const back = await mountOnReturn(id);
      await waitForText(back.element, 'Your bank didn’t approve the payment', 10_000);
      expect(sentBack).to.equal(false);
      await readyToPay(back.element, 8000);
      await fillCard(back.element, '4242 4242 4242 4242');
      payButton(back.element).click();
      await waitUntil(() => back.completes.length === 1, 'the next Pay did not pay', { timeout: 10_000 });
    } finally {
      window.removeEventListener('stripe-standin-redirect', noticeBank);
    }
    const money = await moneyFacts(id);
    expect(money.orders).to.have.length(1);
    expect(money.invoices, 'the payment left at the bank was not taken').to.have.length(1);
  });

  it('back from the bank to a page the browser kept whole (pageshow, persisted): the form again, not “Processing…” for ever', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const { element, completes } = await mountOnReturn(id);
    await payUntilTheBank(element, `ada+redirect-bfcache-${Date.now()}@example.com`);
    expect(element.state.status).to.equal('requires_action');
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await waitForText(element, 'Your bank didn’t approve the payment', 10_000);
    await readyToPay(element, 8000);
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitUntil(() => completes.length === 1, 'the next Pay did not pay', { timeout: 10_000 });
    const money = await moneyFacts(id);
    expect(money.orders).to.have.length(1);
    expect(money.invoices).to.have.length(1);
  });

  it('is left alone when it is another checkout’s payment: this checkout shows its form', async () => {
    const other = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const mine = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(other.id);
    const bank = await payUntilTheBank(first.element, `ada+redirect-other-${Date.now()}@example.com`);
    const back = await answerAtTheBank(bank, 'approve');
    first.element.remove();
    sessionStorage.clear();
    history.replaceState(null, '', back);

    const shown = await mountOnReturn(mine.id);
    await readyToPay(shown.element, 8000);
    expect(shown.completes).to.have.length(0);
    expect(new URLSearchParams(location.search).get('payment_intent'), 'another element’s parameters are not removed').to.equal(bank.searchParams.get('payment_intent'));
    expect((await moneyFacts(mine.id)).orders).to.deep.equal([]);
  });
});
