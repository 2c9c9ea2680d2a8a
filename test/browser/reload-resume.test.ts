// A page reloaded (or a tab restored) while a payment is under way resumes that same attempt with
// the same Idempotency-Keys, kept in sessionStorage under the checkout's id: a reload never charges
// twice and never loses a payment. A reload is an element removed mid-payment and a new one for the
// same checkout in the same tab. Money facts are read from the sandbox as a merchant would.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import type { CheckoutChunk } from '../../src/checkout/loader.ts';
import { PayAttemptController } from '../../src/checkout/pay-attempt-controller.ts';
import { createCheckout, sandboxUrl } from './support/sandbox.ts';
import { moneyFacts } from './support/money.ts';
import {
  authenticate,
  fillCard,
  fillField,
  holdFirstComplete,
  payButton,
  readyToPay,
  record,
  RecordingCheckout,
  shadow,
  type CompleteSpy,
  visibleText,
  waitForText,
} from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

/**
 * The element, whose resume reader's chunk cannot be fetched the first `failures` times: its pay
 * attempts' controller is given a loader that fails, then the real one.
 */
class ReaderlessCheckout extends RecordingCheckout {
  static failures = 0;
  protected override async loadCheckout(): Promise<CheckoutChunk> {
    const chunk = await super.loadCheckout();
    class View extends chunk.CheckoutView {
      constructor(...args: ConstructorParameters<CheckoutChunk['CheckoutView']>) {
        super(...args);
        const reader = () =>
          ReaderlessCheckout.failures-- > 0
            ? Promise.reject(new TypeError('Failed to fetch dynamically imported module: resume-reader.js'))
            : import('../../src/checkout/resume-reader.ts');
        (this.controller as { paying: PayAttemptController }).paying = new PayAttemptController(this.controller, undefined, undefined, reader);
      }
    }
    return { ...chunk, CheckoutView: View };
  }
}
customElements.define('readerless-checkout', ReaderlessCheckout);

/** A RecordingCheckout (or the element `tag` names) for `checkoutId`, mounted and watched. */
async function mount(checkoutId: string, tag = 'recording-checkout') {
  const element = Object.assign(document.createElement(tag) as RecordingCheckout, { checkoutId, apiBase: sandboxUrl, locale: 'en' });
  const completes = record(element, 'paid-checkout-complete');
  // Everything the customer is shown or told, as it changes.
  const seen: string[] = [];
  // What the pay button says, as it changes.
  const buttons: string[] = [];
  const observer = new MutationObserver(() => {
    seen.push(visibleText(element));
    buttons.push(payButton(element)?.textContent?.trim() ?? '');
  });
  await fixture(element);
  observer.observe(element.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return { element, completes, seen, buttons };
}


async function payWithCard(element: RecordingCheckout, card: string): Promise<void> {
  await readyToPay(element);
  fillField(element, 'name', 'Ada Lovelace');
  fillField(element, 'email', `ada+reload-${Date.now()}@example.com`);
  await fillCard(element, card);
  payButton(element).click();
}

describe('a reload while a payment is under way', function () {
  this.timeout(30_000);
  const spies: CompleteSpy[] = [];
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.restore();
    ReaderlessCheckout.failures = 0;
    sessionStorage.clear();
  });

  /** A payment the server took while its answer was held back, and the element gone before it came: as a reload leaves it. */
  async function chargedThenGone() {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const spy = holdFirstComplete('sent');
    spies.push(spy);
    const first = await mount(id);
    await payWithCard(first.element, '4242 4242 4242 4242');
    await waitUntil(async () => (await moneyFacts(id)).invoices.length === 1, 'the server never took the first payment', { timeout: 8000, interval: 100 });
    first.element.remove();
    return { id, spy };
  }

  it('after the server charged: the same attempt is sent again, answered from the first, one order and one payment', async () => {
    const { id, spy } = await chargedThenGone();

    const reloaded = await mount(id);
    await waitUntil(() => reloaded.completes.length === 1, 'the reloaded page did not finish the payment', { timeout: 10_000 });
    expect(reloaded.seen.some((text) => text.includes('Resuming your payment…')), 'the customer is told it resumes').to.equal(true);
    expect(reloaded.buttons, 'the pay button says so while it resumes').to.include('Resuming your payment…');
    expect(spy.keys).to.have.length(2);
    expect(spy.keys[1], 'the same Idempotency-Key').to.equal(spy.keys[0]);
    expect(payButton(reloaded.element)).to.equal(null);
    expect(sessionStorage.getItem(`paid-checkout:attempt:${id}`)).to.equal(null);

    const money = await moneyFacts(id);
    expect(money.orders.map((order) => order.id)).to.deep.equal([reloaded.completes[0]!.detail.orderId]);
    expect(money.invoices, 'charged once').to.have.length(1);
    expect(money.refunds).to.deep.equal([]);
  });

  it('after the server charged, with the resume reader unreachable: failed with the payment pending, no form to pay again; Try again finishes it, one order and one payment', async () => {
    const { id, spy } = await chargedThenGone();

    ReaderlessCheckout.failures = 1;
    const reloaded = await mount(id, 'readerless-checkout');
    await waitUntil(() => reloaded.element.state.status === 'failed', 'the reloaded page did not say it failed', { timeout: 10_000 });
    expect(reloaded.element.state).to.deep.include({ paymentPending: true });
    expect(reloaded.element.state.status === 'failed' && reloaded.element.state.error).to.deep.include({ code: 'network_error', recoverable: true });
    expect(payButton(reloaded.element), 'no form to pay again').to.equal(null);
    expect(visibleText(reloaded.element)).not.to.match(/pay again/i);
    expect(sessionStorage.getItem(`paid-checkout:attempt:${id}`), 'still kept').not.to.equal(null);

    shadow(reloaded.element).querySelector<HTMLButtonElement>('.state .primary')!.click();
    await waitUntil(() => reloaded.completes.length === 1, 'Try again did not finish the payment', { timeout: 10_000 });
    expect(spy.keys).to.have.length(2);
    expect(spy.keys[1], 'the same Idempotency-Key').to.equal(spy.keys[0]);
    const money = await moneyFacts(id);
    expect(money.orders.map((order) => order.id)).to.deep.equal([reloaded.completes[0]!.detail.orderId]);
    expect(money.invoices, 'charged once').to.have.length(1);
  });

  it('after the server charged, to a page that made a new checkout for this load: the old checkout’s attempt is resumed there, one order and one payment', async () => {
    const old = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const spy = holdFirstComplete('sent');
    spies.push(spy);
    const first = await mount(old.id);
    await payWithCard(first.element, '4242 4242 4242 4242');
    await waitUntil(async () => (await moneyFacts(old.id)).invoices.length === 1, 'the server never took the first payment', { timeout: 8000, interval: 100 });
    first.element.remove();

    // The merchant's server made a new checkout for the reloaded page.
    const fresh = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const reloaded = await mount(fresh.id);
    await waitUntil(() => reloaded.completes.length === 1, 'the reloaded page did not finish the payment', { timeout: 10_000 });
    expect(reloaded.buttons, 'the pay button says it resumes').to.include('Resuming your payment…');
    expect(spy.keys).to.have.length(2);
    expect(spy.keys[1], 'the same Idempotency-Key').to.equal(spy.keys[0]);
    const detail = reloaded.completes[0]!.detail;
    expect(detail.checkoutId, 'the old checkout’s').to.equal(old.id);
    expect(reloaded.element.navigations).to.deep.equal([`https://shop.example.test/thanks?checkout=${old.id}`]);
    await waitForText(reloaded.element, /successful|receipt/i);
    expect(payButton(reloaded.element)).to.equal(null);
    expect(sessionStorage.getItem(`paid-checkout:attempt:${old.id}`)).to.equal(null);

    const money = await moneyFacts(old.id);
    expect(money.orders.map((order) => order.id)).to.deep.equal([detail.orderId]);
    expect(money.invoices, 'charged once').to.have.length(1);
    expect((await moneyFacts(fresh.id)).invoices, 'nothing on the new checkout').to.have.length(0);
  });

  it('in 3-D Secure, to a page that made a new checkout: said not finished there, then approved in the page, and the old checkout shown again: its load finds that payment paid, shows it, and charges nothing more', async () => {
    // Reusable: the approval leaves it open (a single-use link would end completed, and say so with that payment's success).
    const old = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL, singleUse: false });
    const first = await mount(old.id);
    await payWithCard(first.element, '4000 0027 6000 3184');
    await waitUntil(() => first.element.state.status === 'requires_action', 'no 3-D Secure challenge', { timeout: 8000 });
    first.element.remove();
    // The reloaded page made a new checkout; the challenge is still open.
    const fresh = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const reloaded = await mount(fresh.id);
    const errors = record(reloaded.element, 'paid-checkout-error');
    await waitUntil(() => errors.length > 0, 'the reloaded page said nothing of the old checkout’s payment', { timeout: 10_000 });
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_not_finished']);
    expect(reloaded.element.state).to.deep.include({ status: 'ready', checkoutId: fresh.id });
    // The buyer approves the challenge after all: the old checkout's order is made.
    await authenticate('Complete authentication');
    await waitUntil(async () => (await moneyFacts(old.id)).orders.length === 1, 'the approval made no order', { timeout: 8000, interval: 100 });
    // The page shows the old checkout again: its load asks how the payment left unfinished ended, and shows its order.
    reloaded.element.checkoutId = old.id;
    await waitUntil(() => reloaded.completes.length > 0, 'the old checkout’s load never showed that payment', { timeout: 10_000 });
    const money = await moneyFacts(old.id);
    expect(reloaded.completes.map((event) => event.detail.orderId), 'the order the approval made').to.deep.equal(money.orders.map((order) => order.id));
    expect(money.invoices, 'charged once').to.have.length(1);
    await waitForText(reloaded.element, 'Your earlier payment went through');
    expect(payButton(reloaded.element), 'no form to pay again').to.equal(null);
    expect(reloaded.element.state).to.deep.include({ status: 'succeeded', checkoutId: old.id });
  });

  it('twice, to pages that each made a new checkout, the second during the resume itself: still one order and one payment', async () => {
    const old = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const spy = holdFirstComplete('sent');
    spies.push(spy);
    const first = await mount(old.id);
    await payWithCard(first.element, '4242 4242 4242 4242');
    await waitUntil(() => spy.keys.length === 1, 'Pay sent nothing', { timeout: 8000 });
    first.element.remove();
    spy.restore();
    // The first reload's resume is held too: its answer never reaches the page.
    const resumeSpy = holdFirstComplete('sent');
    spies.push(resumeSpy);
    const second = await mount((await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL })).id);
    await waitUntil(() => resumeSpy.keys.length === 1, 'the first reload did not resume', { timeout: 10_000 });
    second.element.remove();
    resumeSpy.restore();

    const third = await mount((await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL })).id);
    await waitUntil(() => third.completes.length === 1, 'the second reload did not finish the payment', { timeout: 10_000 });
    expect(resumeSpy.keys[0], 'the same Idempotency-Key throughout').to.equal(spy.keys[0]);
    expect(third.completes[0]!.detail.checkoutId).to.equal(old.id);
    const money = await moneyFacts(old.id);
    expect(money.orders).to.have.length(1);
    expect(money.invoices).to.have.length(1);
  });

  it('before the request left the page: the reloaded page sends it, once', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const spy = holdFirstComplete('unsent');
    spies.push(spy);
    const first = await mount(id);
    await payWithCard(first.element, '4242 4242 4242 4242');
    await waitUntil(() => spy.keys.length === 1, 'Pay sent nothing', { timeout: 8000 });
    first.element.remove();
    expect((await moneyFacts(id)).invoices).to.have.length(0);

    const reloaded = await mount(id);
    await waitUntil(() => reloaded.completes.length === 1, 'the reloaded page did not pay', { timeout: 10_000 });
    expect(spy.keys[1]).to.equal(spy.keys[0]);
    const money = await moneyFacts(id);
    expect(money.orders).to.have.length(1);
    expect(money.invoices).to.have.length(1);
  });

  it('after a decline: nothing is resumed, the form is offered again', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const first = await mount(id);
    await payWithCard(first.element, '4000 0000 0000 0002');
    await waitForText(first.element, 'Your card was declined.', 8000);
    expect(sessionStorage.getItem(`paid-checkout:attempt:${id}`), 'a settled attempt is not kept').to.equal(null);
    first.element.remove();
    const reloaded = await mount(id);
    await readyToPay(reloaded.element, 8000);
    expect(reloaded.seen.some((text) => text.includes('Resuming'))).to.equal(false);
  });

  it('ignores a kept value it did not write, and pays as usual', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const key = `paid-checkout:attempt:${id}`;
    const valid = {
      v: 1,
      checkoutId: id,
      savedAt: Date.now(),
      completeKey: 'key-aaaaaaaa',
      finalizeKey: 'key-bbbbbbbb',
      stage: 'finalize',
      paymentIntentId: 'pi_unknown1',
      request: { selections: [{ productId: 'prod_support', planId: null, quantity: 1 }], currency: 'usd', confirmationToken: 'ctoken_x', returnUrl: 'https://shop.example.test/', amountDue: 1 },
    };
    const hostile = [
      '{not json',
      JSON.stringify({ ...valid, v: 2 }),
      JSON.stringify({ ...valid, checkoutId: 'chk_someone_else' }),
      JSON.stringify({ ...valid, completeKey: '<img src=x onerror=alert(1)>' }),
      JSON.stringify({ ...valid, request: { ...valid.request, returnUrl: 'javascript:alert(1)' } }),
      JSON.stringify({ ...valid, stage: 'finalize', paymentIntentId: null }),
    ];
    for (const value of hostile) {
      sessionStorage.setItem(key, value);
      const spy = holdFirstComplete('sent');
      spies.push(spy);
      const { element, seen } = await mount(id);
      await readyToPay(element, 8000);
      spy.restore();
      expect(spy.keys, value).to.deep.equal([]);
      expect(seen.some((text) => text.includes('Resuming')), value).to.equal(false);
      element.remove();
    }
    expect((await moneyFacts(id)).invoices).to.have.length(0);
  });

  it('with storage that refuses to keep the payment, asks the customer to keep the page open while it is under way, and only then', async () => {
    const keepOpen = 'Keep this page open until your payment is finished.';
    const challenged = async (element: RecordingCheckout) => {
      await payWithCard(element, '4000 0027 6000 3184');
      await waitUntil(() => [...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === 'Complete authentication'), 'no 3-D Secure challenge');
    };
    // Storage that works: a reload would resume the payment, so nothing is asked.
    const kept = await mount((await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL })).id);
    await challenged(kept.element);
    expect(visibleText(kept.element)).not.to.contain(keepOpen);
    await authenticate('Fail authentication');
    await readyToPay(kept.element);
    kept.element.remove();

    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const { element, completes } = await mount(id);
      expect(visibleText(element)).not.to.contain(keepOpen);
      await challenged(element);
      expect(visibleText(element)).to.contain(keepOpen);
      await authenticate('Fail authentication');
      await readyToPay(element);
      expect(visibleText(element), 'the payment over, the form shown again').not.to.contain(keepOpen);
      payButton(element).click();
      await authenticate('Complete authentication');
      await waitUntil(() => completes.length === 1, 'did not pay', { timeout: 10_000 });
      element.remove();
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect((await moneyFacts(id)).orders).to.have.length(1);
  });

  it('with storage that refuses to keep the payment, asks to keep the page open from the moment its request leaves', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const spy = holdFirstComplete('unsent');
    spies.push(spy);
    try {
      const first = await mount(id);
      await payWithCard(first.element, '4242 4242 4242 4242');
      await waitUntil(() => spy.keys.length === 1, 'the complete request never left');
      await first.element.updateComplete;
      expect(shadow(first.element).querySelector('.keep-open')?.textContent).to.equal('Keep this page open until your payment is finished.');
      expect(shadow(first.element).querySelector('[role="status"]')?.textContent, 'said to a screen reader').to.equal('Keep this page open until your payment is finished.');
      first.element.remove();
      // Within the page, another element for the checkout finishes that same payment.
      const second = await mount(id);
      await waitUntil(() => second.completes.length === 1, 'the payment was not finished', { timeout: 10_000 });
      expect(spy.keys).to.have.length(2);
      expect(spy.keys[1]).to.equal(spy.keys[0]);
      second.element.remove();
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect((await moneyFacts(id)).orders).to.have.length(1);
  });

  it('with storage that refuses to keep the payment, still asks to keep the page open while its answer is lost, until Try again settles it', async () => {
    const keepOpen = 'Keep this page open until your payment is finished.';
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    // The first complete reaches the server, and its answer is lost on the way back.
    const realFetch = window.fetch;
    let sent = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (!String(input instanceof Request ? input.url : input).endsWith('/complete') || ++sent > 1) return realFetch(input, init);
      return realFetch(input, init).then(() => Promise.reject(new TypeError('Failed to fetch')));
    };
    try {
      const { element, completes } = await mount(id);
      await payWithCard(element, '4242 4242 4242 4242');
      await waitUntil(() => payButton(element).textContent?.includes('Try again'), 'no Try again after the lost answer', { timeout: 8000 });
      expect(shadow(element).querySelector('.keep-open')?.textContent).to.equal(keepOpen);
      payButton(element).click();
      await waitUntil(() => completes.length === 1, 'Try again did not pay', { timeout: 10_000 });
      expect(visibleText(element)).not.to.contain(keepOpen);
      element.remove();
    } finally {
      window.fetch = realFetch;
      Storage.prototype.setItem = setItem;
    }
    expect(sent, 'Try again resent it').to.equal(2);
    expect((await moneyFacts(id)).orders).to.have.length(1);
  });

  it('with storage that throws, pays as it did without it', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL });
    const original = { get: Storage.prototype.getItem, set: Storage.prototype.setItem, remove: Storage.prototype.removeItem };
    const refuse = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Storage.prototype.getItem = refuse;
    Storage.prototype.setItem = refuse;
    Storage.prototype.removeItem = refuse;
    try {
      const { element, completes } = await mount(id);
      await payWithCard(element, '4242 4242 4242 4242');
      await waitUntil(() => completes.length === 1, 'did not pay', { timeout: 10_000 });
    } finally {
      Storage.prototype.getItem = original.get;
      Storage.prototype.setItem = original.set;
      Storage.prototype.removeItem = original.remove;
    }
    expect((await moneyFacts(id)).orders).to.have.length(1);
  });
});
