// A payment method that leaves the page for the customer's bank (the stand-in's redirect card and
// the sandbox's test bank): when the page loads again on return_url with Stripe's parameters, the
// element finalizes that payment instead of offering to pay again, fires paid-checkout-complete,
// and takes the parameters out of the address bar; a failed redirect says so and lets the customer
// pay another way. Money facts are read from the sandbox as a merchant would.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { createCheckout, ownSandbox, sandboxUrl } from './support/sandbox.ts';
import { moneyFacts } from './support/money.ts';
import { authenticate, fillCard, fillField, payButton, readyToPay, record, unmountedRecording, type RecordingCheckout, visibleText, waitForSelector, waitForText } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';
const REDIRECT_CARD = '4000 0000 0000 3063';
/** What a payment left at the bank unanswered says (`payment_not_finished`): not the bank's refusal. */
const NOT_FINISHED = 'Your payment wasn’t finished. Nothing was charged.';

/** A RecordingCheckout for `checkoutId`, listened to before it is on the page (its answer may come first). */
async function mountOnReturn(checkoutId: string, apiBase = sandboxUrl) {
  const element = unmountedRecording(checkoutId, apiBase);
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

/**
 * Presses Approve or Fail on the bank's page (its form's post) of the sandbox at `origin` (the
 * stand-in's address names the shared one, whose script the page loaded); returns where the bank
 * sends the customer back.
 */
async function answerAtTheBank(bank: URL, answer: 'approve' | 'fail', origin = bank.origin): Promise<string> {
  const form = new URLSearchParams(bank.searchParams);
  form.set('answer', answer);
  const response = await fetch(`${origin}/sandbox/stripe/bank`, { method: 'POST', body: form, redirect: 'manual' });
  expect(response.type, `the bank answers with a redirect (${response.status} from ${origin})`).to.equal('opaqueredirect');
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
    const email = `ada+redirect-${Date.now()}@example.com`;
    const bank = await payUntilTheBank(first.element, email);
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
    await expect(returned.element).to.be.accessible();

    const detail = returned.completes[0]!.detail;
    expect(detail.checkoutId).to.equal(id);
    expect(detail.receiptEmail, 'the tab kept this payment: its receipt address is the buyer’s own').to.equal(email);
    expect(visibleText(returned.element)).to.contain(email);
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
    expect(returned.errors.map((event) => event.detail.code), 'the bank’s refusal').to.deep.equal(['authentication_failed']);
    // Said once, as an alert beside the payment fields (the status region leaves it to the alert).
    const root = returned.element.shadowRoot!;
    expect([...root.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent!.trim())).to.deep.equal([
      'Your bank didn’t approve the payment. Try again, or choose another way to pay.',
    ]);
    expect(root.querySelector('.root > [role="status"]')!.textContent!.trim()).to.equal('');
    await expect(returned.element).to.be.accessible();
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

  it('approved, in a tab that kept nothing (storage cleared or refused): finalized all the same, one order, and the receipt’s address not shown (anyone with a payment’s id can write its return)', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(id);
    const email = `ada+redirect-nostore-${Date.now()}@example.com`;
    const bank = await payUntilTheBank(first.element, email);
    const back = await answerAtTheBank(bank, 'approve');
    first.element.remove();
    sessionStorage.clear();
    history.replaceState(null, '', back);

    const returned = await mountOnReturn(id);
    await waitUntil(() => returned.completes.length === 1, 'no paid-checkout-complete on return', { timeout: 10_000 });
    expect(payButton(returned.element)).to.equal(null);
    await waitForText(returned.element, /successful/i);
    expect(visibleText(returned.element)).to.not.contain(email);
    expect(returned.completes[0]!.detail.receiptEmail).to.equal(null);
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

  it('left at the bank’s page (Back, or a reload there): the form again saying the payment was not finished (not a refusal by the bank), never the bank again; the next Pay replaces it; one order', async () => {
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
      await waitForText(back.element, NOT_FINISHED, 10_000);
      expect(visibleText(back.element)).to.not.contain('didn’t approve');
      expect(back.errors.map((event) => event.detail.code)).to.deep.equal(['payment_not_finished']);
      expect(back.element.state.status === 'ready' && back.element.state.error?.code).to.equal('payment_not_finished');
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

  it('left at the bank’s page, then approved there after the page stopped listening: the next Pay, 20 minutes on, on a reusable link, is answered that payment’s order, never charged again', async () => {
    const own = await ownSandbox();
    try {
      const { id } = await own.createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL, singleUse: false });
      const first = await mountOnReturn(id, own.url);
      const bank = await payUntilTheBank(first.element, `ada+redirect-late-${Date.now()}@example.com`);
      first.element.remove();
      const back = await mountOnReturn(id, own.url);
      await waitForText(back.element, NOT_FINISHED);
      // The bank's page, still open in another tab, is approved now, and the buyer comes back later.
      await answerAtTheBank(bank, 'approve', own.url);
      const orders = async () => (await own.request<{ data: Array<{ id: string; checkoutId: string | null }> }>('GET', '/api/v2/orders'))!.body.data.filter((order) => order.checkoutId === id);
      const made = await orders();
      expect(made, 'the approval made its order').to.have.length(1);
      await own.advanceClock(20 * 60_000);
      await readyToPay(back.element);
      await fillCard(back.element, '4242 4242 4242 4242');
      payButton(back.element).click();
      await waitUntil(() => back.completes.length === 1, `no paid-checkout-complete (shown: ${visibleText(back.element).slice(0, 200)})`);
      expect(back.completes[0]!.detail.orderId, 'the order the bank’s approval made').to.equal(made[0]!.id);
      // The customer, who typed another card, reads that it was not charged; the success stays until they go on.
      await waitForText(back.element, 'Your earlier payment went through, so nothing more was charged.');
      const liveRegion = back.element.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!;
      expect(liveRegion.textContent, 'a screen reader hears it too').to.contain('nothing more was charged');
      expect(back.element.navigations).to.deep.equal([]);
      expect(back.completes[0]!.detail.navigates, 'the page is told the success stays').to.equal(false);
      const onwards = await waitForSelector<HTMLAnchorElement>(back.element, '.success a.back');
      expect(onwards.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Continue →');
      onwards.click();
      expect(back.element.navigations).to.deep.equal([back.completes[0]!.detail.redirectUrl]);
      expect((await orders()).map((order) => order.id), 'nothing bought again').to.deep.equal([made[0]!.id]);
      const invoices = (await own.request<{ data: Array<{ checkoutId?: string | null }> }>('GET', '/api/v2/invoices'))!.body.data.filter((invoice) => invoice.checkoutId === id);
      expect(invoices, 'one payment taken').to.have.length(1);
    } finally {
      await own.dispose();
    }
  });

  it('back from the bank to a page the browser kept whole (pageshow, persisted): the form again saying the payment was not finished, not “Processing…” for ever', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const { element, completes, errors } = await mountOnReturn(id);
    await payUntilTheBank(element, `ada+redirect-bfcache-${Date.now()}@example.com`);
    expect(element.state.status).to.equal('requires_action');
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await waitForText(element, NOT_FINISHED, 10_000);
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_not_finished']);
    await readyToPay(element, 8000);
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitUntil(() => completes.length === 1, 'the next Pay did not pay', { timeout: 10_000 });
    const money = await moneyFacts(id);
    expect(money.orders).to.have.length(1);
    expect(money.invoices).to.have.length(1);
  });

  it('back to a page the browser kept whole while the bank’s challenge is still open on it (pageshow, persisted), then approved: the success, never “nothing was charged” for a payment taken', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const { element, completes, errors } = await mountOnReturn(id);
    await readyToPay(element);
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', `ada+bfcache-modal-${Date.now()}@example.com`);
    await fillCard(element, '4000 0027 6000 3184');
    payButton(element).click();
    await waitUntil(() => element.state.status === 'requires_action', 'no 3-D Secure challenge', { timeout: 8000 });
    // The page comes back from the back-forward cache with the challenge still open on it: finalize finds the payment waiting.
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await waitForText(element, NOT_FINISHED, 10_000);
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_not_finished']);
    await authenticate('Complete authentication');
    await waitUntil(async () => (await moneyFacts(id)).orders.length === 1, 'the approved payment made no order', { timeout: 8000, interval: 100 });
    await waitUntil(() => completes.length === 1, 'the buyer whose payment was taken is not shown its success', { timeout: 10_000 });
    await waitForText(element, 'Thank you');
    expect(visibleText(element)).to.not.contain('Nothing was charged');
    expect(completes[0]!.detail.orderId).to.equal((await moneyFacts(id)).orders[0]!.id);
  });

  it('approved, back to a page that made a new checkout for this load: the old checkout’s payment is finished there, its success shown; one order', async () => {
    const old = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(old.id);
    const bank = await payUntilTheBank(first.element, `ada+redirect-newcheckout-${Date.now()}@example.com`);
    expect(new URL(bank.searchParams.get('return_url')!).searchParams.get('paid_checkout_id'), 'the return URL names the checkout').to.equal(old.id);
    const back = await answerAtTheBank(bank, 'approve');
    first.element.remove();
    history.replaceState(null, '', back);

    // The merchant's server made a new checkout for the page the bank sends the customer back to.
    const fresh = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const returned = await mountOnReturn(fresh.id);
    await waitUntil(() => returned.completes.length === 1, 'no paid-checkout-complete on return', { timeout: 10_000 });
    await waitForText(returned.element, /successful|receipt/i);
    expect(payButton(returned.element), 'never offered to pay again').to.equal(null);
    const detail = returned.completes[0]!.detail;
    expect(detail.checkoutId, 'the old checkout’s').to.equal(old.id);
    expect(returned.element.navigations).to.deep.equal([detail.redirectUrl]);
    expect(detail.redirectUrl).to.equal(`https://shop.example.test/thanks?checkout=${old.id}`);
    expect(returned.element.state.status).to.equal('succeeded');
    expect(location.search, 'Stripe’s parameters and ours removed').to.equal(new URL(original).search);
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('paid-checkout:')), 'nothing left kept').to.deep.equal([]);

    const money = await moneyFacts(old.id);
    expect(money.status).to.equal('completed');
    expect(money.orders.map((order) => order.id)).to.deep.equal([detail.orderId]);
    expect(money.invoices, 'one payment taken').to.have.length(1);
    expect((await moneyFacts(fresh.id)).invoices, 'nothing on the new checkout').to.have.length(0);
  });

  it('failed, back to a page that made a new checkout: that checkout’s form, saying the bank did not approve; the next Pay pays it', async () => {
    const old = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(old.id);
    const bank = await payUntilTheBank(first.element, `ada+redirect-newfail-${Date.now()}@example.com`);
    const back = await answerAtTheBank(bank, 'fail');
    first.element.remove();
    history.replaceState(null, '', back);

    const fresh = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const returned = await mountOnReturn(fresh.id);
    await waitForText(returned.element, 'Your bank didn’t approve the payment', 10_000);
    expect(location.search).to.equal(new URL(original).search);
    await readyToPay(returned.element, 8000);
    expect(returned.element.state.status === 'ready' && returned.element.state.checkoutId, 'the page’s own checkout').to.equal(fresh.id);
    await fillCard(returned.element, '4242 4242 4242 4242');
    payButton(returned.element).click();
    await waitUntil(() => returned.completes.length === 1, 'the next Pay did not pay', { timeout: 10_000 });
    expect(returned.completes[0]!.detail.checkoutId).to.equal(fresh.id);
    expect((await moneyFacts(fresh.id)).orders).to.have.length(1);
    expect((await moneyFacts(old.id)).invoices, 'the refused payment was not taken').to.have.length(0);
  });

  it('is left to the element of this page that shows that checkout: the other one shows its own form', async () => {
    const other = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const mine = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(other.id);
    const bank = await payUntilTheBank(first.element, `ada+redirect-other-${Date.now()}@example.com`);
    const back = await answerAtTheBank(bank, 'approve');
    first.element.remove();
    sessionStorage.clear();
    history.replaceState(null, '', back);

    const shown = unmountedRecording(mine.id, sandboxUrl);
    const itsOwn = unmountedRecording(other.id, sandboxUrl);
    const shownCompletes = record(shown, 'paid-checkout-complete');
    const ownCompletes = record(itsOwn, 'paid-checkout-complete');
    // Appended as a page would (a fixture of a plain <div> waits for an animation frame, which a
    // page in the background never gets).
    const pair = document.createElement('div');
    pair.append(shown, itsOwn);
    document.body.append(pair);
    try {
      await waitUntil(() => ownCompletes.length === 1, 'the element for that checkout did not finish it', { timeout: 10_000 });
      await readyToPay(shown, 8000);
      expect(shownCompletes).to.have.length(0);
      expect((await moneyFacts(mine.id)).orders).to.deep.equal([]);
      expect((await moneyFacts(other.id)).orders).to.have.length(1);
    } finally {
      pair.remove();
    }
  });

  it('naming no checkout (a return_url made before it did), its payment kept in this tab: left to the element that shows its checkout, the other one shows its own form without a warning', async () => {
    const other = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const mine = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(other.id);
    const bank = await payUntilTheBank(first.element, `ada+redirect-unnamed-kept-${Date.now()}@example.com`);
    const back = new URL(await answerAtTheBank(bank, 'approve'));
    back.searchParams.delete('paid_checkout_id');
    first.element.remove();
    history.replaceState(null, '', back);

    const shown = unmountedRecording(mine.id, sandboxUrl);
    const itsOwn = unmountedRecording(other.id, sandboxUrl);
    const shownErrors = record(shown, 'paid-checkout-error');
    const ownCompletes = record(itsOwn, 'paid-checkout-complete');
    const pair = document.createElement('div');
    pair.append(shown, itsOwn);
    document.body.append(pair);
    try {
      await waitUntil(() => ownCompletes.length === 1, 'the element for that checkout did not finish it', { timeout: 10_000 });
      await readyToPay(shown, 8000);
      expect(shownErrors.map((event) => event.detail.code), 'no payment_unconfirmed').to.deep.equal([]);
      expect(shown.state.status === 'ready' && shown.state.error).to.equal(null);
      expect((await moneyFacts(mine.id)).orders).to.deep.equal([]);
      expect((await moneyFacts(other.id)).orders).to.have.length(1);
    } finally {
      pair.remove();
    }
  });

  it('naming no checkout (a return_url made before it did), for a payment finalize does not know: says it may have been made, and the form stays usable', async () => {
    const other = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const mine = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mountOnReturn(other.id);
    const bank = await payUntilTheBank(first.element, `ada+redirect-unnamed-${Date.now()}@example.com`);
    const back = new URL(await answerAtTheBank(bank, 'approve'));
    back.searchParams.delete('paid_checkout_id');
    first.element.remove();
    sessionStorage.clear();
    history.replaceState(null, '', back);

    const shown = await mountOnReturn(mine.id);
    await waitForText(shown.element, 'Your payment may already have gone through. Check your email for a receipt before you pay again.', 10_000);
    expect(shown.errors.map((event) => event.detail.code)).to.deep.equal(['payment_unconfirmed']);
    expect(shown.element.state.status === 'ready' && shown.element.state.error?.code).to.equal('payment_unconfirmed');
    expect(shown.completes).to.have.length(0);
    // Usable: the customer who has no receipt can pay.
    await readyToPay(shown.element, 8000);
    fillField(shown.element, 'name', 'Ada Lovelace');
    fillField(shown.element, 'email', `ada+redirect-unnamed-pay-${Date.now()}@example.com`);
    await fillCard(shown.element, '4242 4242 4242 4242');
    payButton(shown.element).click();
    await waitUntil(() => shown.completes.length === 1, 'the form did not pay', { timeout: 10_000 });
    expect((await moneyFacts(mine.id)).orders).to.have.length(1);
  });
});
