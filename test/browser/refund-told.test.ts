// A payment the processor took and then refunded is told to the buyer, whatever else happens: a
// payment this tab keeps for another checkout, the checkout expiring right after the refund, the
// read that was to say it failing for good, or the page showing another checkout meanwhile.
import { expect } from '@open-wc/testing';
import { ja } from '../../src/i18n/ja.ts';
import { fixture } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { ownSandbox } from './support/sandbox.ts';
import { moneyOf } from './support/money.ts';
import { removedInChallenge, toldNotFinished, unmounted } from './support/challenge.ts';
import {
  authenticate,
  errorCode,
  holdSessionRead,
  type HeldRead,
  fillCard,
  fillField,
  payButton,
  json,
  mountRecording,
  nextTask,
  paidAnswer,
  payAsNewBuyer,
  payThenShowOther,
  readyToPay,
  record,
  type RecordingCheckout,
  refusal,
  sessionJson,
  shadow,
  STUB_API,
  type StubbedFetch,
  stubFetch,
  visibleText,
  waitForSelector,
  waitForText,
  watchedAnswer,
} from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };
const REFUNDED = 'We couldn’t record your order, so your payment was refunded.';
/** The order could not be recorded after the card was charged: refunded, the checkout still open. */
const refunded = () => refusal(409, 'The payment was refunded.', 'payment_refunded', { refundReason: 'fulfilment_failed' });

/** An unsettled attempt this tab kept for another checkout, made on another page of the site (that page's to finish). */
function keptElsewhere(): [key: string, value: string] {
  const value = {
    v: 1,
    checkoutId: 'chk_elsewhere',
    savedAt: Date.now(),
    completeKey: crypto.randomUUID(),
    finalizeKey: crypto.randomUUID(),
    stage: 'complete',
    paymentIntentId: null,
    request: {
      selections: [{ productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 }],
      currency: 'usd',
      confirmationToken: 'ctoken_elsewhere',
      returnUrl: 'https://shop.example.test/another-page',
      amountDue: 1900,
    },
  };
  return ['paid-checkout:attempt:chk_elsewhere', JSON.stringify(value)];
}

describe('a refunded payment is always told', function () {
  this.timeout(20_000);
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  it('found by a Pay’s question, is said after a reload when that Pay’s own payment is then left unfinished: the merchant edited the price, then the bank approved the payment left before (refunded) after the load had asked about it', async function () {
    this.timeout(40_000);
    const own = await ownSandbox();
    try {
      const { id } = await removedInChallenge(own, 'refund-over-reload');
      const { element } = await toldNotFinished(unmounted<RecordingCheckout>('recording-checkout', id, own.url));
      for (const [plan, amount] of [['plan_analytics_starter', 2100], ['plan_analytics_growth', 5400], ['plan_analytics_scale', 10_900]] as const) {
        await own.editPrice('prod_analytics', plan, 'usd', amount);
      }
      // A reload shows the new price: its load asks about the payment left unfinished, still waiting for the bank, and offers the form.
      element.remove();
      const paying = unmounted<RecordingCheckout>('recording-checkout', id, own.url);
      const told = record(paying, 'paid-checkout-error');
      await fixture(paying);
      await readyToPay(paying);
      expect(told, 'nothing said at the load').to.deep.equal([]);
      // The challenge still open is approved: taken at the old price, then refunded.
      await authenticate('Complete authentication');
      const refunds = async () => (await moneyOf(own, id)).refunds;
      await waitUntil(async () => (await refunds()).length > 0, 'the approval was never refunded', { timeout: 8000, interval: 100 });
      expect(await refunds()).to.deep.equal(['amount_changed']);
      // Pay first asks about the payment left before (refunded, said at this Pay's end), then pays at the new price, and its bank asks again.
      fillField(paying, 'name', 'Grace Hopper');
      fillField(paying, 'email', `grace+refund-over-reload-${Date.now()}@example.com`);
      await fillCard(paying, '4000 0027 6000 3184');
      payButton(paying).click();
      await waitUntil(() => paying.state.status === 'requires_action', 'no 3-D Secure challenge for the new payment', { timeout: 8000 });
      expect(told, 'nothing said before that Pay ends').to.deep.equal([]);
      // The page reloads in that challenge: the new element finds the payment still waiting, and says the refund with it.
      paying.remove();
      const reloaded = unmounted<RecordingCheckout>('recording-checkout', id, own.url);
      const errors = record(reloaded, 'paid-checkout-error');
      await fixture(reloaded);
      await waitUntil(() => errors.some((event) => event.detail.code === 'payment_not_finished'), 'the reload never said the payment was not finished', { timeout: 10_000 });
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_refunded', 'payment_not_finished']);
      expect(visibleText(reloaded)).to.contain('The price changed while your bank was confirming the payment, so your payment was refunded.');
      expect(told, 'the element reloaded away told nobody').to.deep.equal([]);
      await authenticate('Fail authentication');
      await waitUntil(() => ![...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === 'Fail authentication'), 'the challenge stayed open');
    } finally {
      sessionStorage.clear();
      await own.dispose();
    }
  });

  it('answered while the page shows its checkout again, archived meanwhile, is said once with the archive: the payment is not asked about again', async function () {
    this.timeout(40_000);
    const own = await ownSandbox();
    const successUrl = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';
    let read: HeldRead | null = null;
    try {
      const paid = (await own.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl })).id;
      const other = (await own.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl })).id;
      const element = await mountRecording(paid, own.url);
      const errors = record(element, 'paid-checkout-error');
      await payAsNewBuyer(element, { card: '4000 0027 6000 3184', email: `ada+refund-back-${Date.now()}@example.com` });
      await waitUntil(() => element.state.status === 'requires_action', 'no 3-D Secure challenge', { timeout: 8000 });
      // The page shows another checkout, then this one again, whose read is held on its way.
      element.checkoutId = other;
      await readyToPay(element);
      read = holdSessionRead(paid);
      element.checkoutId = paid;
      await read.asked;
      for (const [plan, amount] of [['plan_analytics_starter', 2100], ['plan_analytics_growth', 5400], ['plan_analytics_scale', 10_900]] as const) {
        await own.editPrice('prod_analytics', plan, 'usd', amount);
      }
      // The challenge still open is approved: taken at the old price, then refunded, as the element learns while it reads.
      await authenticate('Complete authentication');
      const keptRefund = () => JSON.parse(sessionStorage.getItem(`paid-checkout:unfinished:${paid}`) ?? '{}').refund;
      await waitUntil(() => keptRefund() === 'amount_changed', 'the refund was never kept with its payment', { timeout: 10_000 });
      expect((await own.request('DELETE', `/api/v2/checkouts/${paid}`))!.status).to.equal(200);
      const refundsBefore = (await moneyOf(own, paid)).refunds;
      expect(refundsBefore).to.deep.equal(['amount_changed']);
      await read.answer();
      await waitUntil(() => errors.some((event) => event.detail.code === 'archived'), 'the archive was never said', { timeout: 10_000 });
      expect(element.state.status).to.equal('failed');
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_refunded', 'archived']);
      const state = shadow(element).querySelector('[part="error"]')!.textContent!.replace(/\s+/g, ' ');
      const said = state.split('The price changed while your bank was confirming the payment, so your payment was refunded.').length - 1;
      expect(said, 'the refund’s words, once').to.equal(1);
      expect(keptRefund(), 'forgotten once said').to.equal(undefined);
      expect(await moneyOf(own, paid), 'no order, and no other refund').to.deep.equal({ orders: [], refunds: refundsBefore });
    } finally {
      read?.restore();
      sessionStorage.clear();
      await own.dispose();
    }
  });

  it('is said over the form read again when the tab also keeps another checkout’s payment, which stays kept', async () => {
    const [key, kept] = keptElsewhere();
    sessionStorage.setItem(key, kept);
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), refunded(), json(200, sessionJson({ payments: PK })));
    const element = await mountRecording('chk_fixture');
    const errors = record(element, 'paid-checkout-error');
    await payAsNewBuyer(element);

    await waitForText(element, REFUNDED, 8000);
    await readyToPay(element);
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_refunded']);
    expect(element.state).to.deep.include({ status: 'ready' });
    expect(sessionStorage.getItem(key), 'the other page’s payment is left to it').to.equal(kept);
  });

  it('stays said when the checkout expires within a second of the refund', async () => {
    const session = () => json(200, sessionJson({ payments: PK }));
    // Read again after the refund: still open, for half a second more by the server's clock.
    const reread = () => json(200, sessionJson({ payments: PK, now: new Date().toISOString(), expiresAt: new Date(Date.now() + 500).toISOString() }));
    api = stubFetch(STUB_API, session(), refunded, reread);
    const element = await mountRecording('chk_fixture');
    const errors = record(element, 'paid-checkout-error');
    await payAsNewBuyer(element);

    await waitUntil(() => element.state.status === 'failed', 'the checkout never expired', { timeout: 8000 });
    await waitForText(element, 'This checkout has expired');
    expect(visibleText(element), 'the refund is still said').to.contain(REFUNDED);
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_refunded', 'expired']);
    expect((element.state as { error: { code: string; message: string } }).error).to.deep.include({ code: 'expired' });
    expect((element.state as { error: { message: string } }).error.message).to.contain(REFUNDED);
  });

  it('is said in the failed state, and told, when the read that was to say it fails for good (not_found)', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), refunded(), refusal(404, 'Not found.', 'not_found'));
    const element = await mountRecording('chk_fixture');
    const errors = record(element, 'paid-checkout-error');
    await payAsNewBuyer(element);

    await waitUntil(() => element.state.status === 'failed', 'the read never failed', { timeout: 8000 });
    await waitForText(element, 'Checkout not found');
    expect(visibleText(element), 'the refund is said').to.contain(REFUNDED);
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_refunded', 'not_found']);
    expect(errors[0]!.detail.message).to.equal(REFUNDED);
    const { error } = element.state as { error: { code: string; message: string } };
    expect(error.code, 'the state’s code stays its own').to.equal('not_found');
    expect(error.message.startsWith(`${REFUNDED} `), error.message).to.equal(true);
  });

  it('is said over the next checkout’s form, and told once, when checkout-id changes before the read that was to say it answers', async () => {
    let answerHeld!: (response: Response) => void;
    const held = new Promise<Response>((resolve) => (answerHeld = resolve));
    const other = sessionJson({ id: 'chk_other', url: 'https://pay.example.test/chk_other', payments: PK });
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), refunded(), () => held, json(200, other));
    try {
      const element = await mountRecording('chk_fixture');
      const errors = record(element, 'paid-checkout-error');
      await payAsNewBuyer(element);
      await waitUntil(() => api!.calls.length === 3, 'the checkout was never read again after the refund', { timeout: 8000 });
      element.checkoutId = 'chk_other';

      await waitForText(element, REFUNDED, 8000);
      await readyToPay(element);
      expect(api.calls[3]!.url).to.match(/\/chk_other$/);
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_refunded']);
      expect(element.state).to.deep.include({ status: 'ready', checkoutId: 'chk_other' });
      expect((element.state as { error: { code: string } }).error.code).to.equal('payment_refunded');
      // The old checkout's read answers late: once the element has read it (and every step after
      // that, queued before the next task), it is dropped, and nothing is said twice.
      const late = watchedAnswer(json(200, sessionJson({ payments: PK })));
      answerHeld(late.answer);
      await late.read;
      await nextTask();
      expect(errors).to.have.length(1);
      expect(element.state).to.deep.include({ status: 'ready', checkoutId: 'chk_other' });
    } finally {
      answerHeld(json(200, sessionJson({ payments: PK })));
    }
  });

  it('fails once when the read again says the checkout ended: its own code, the refund’s words first', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), refunded(), json(200, sessionJson({ payments: PK, status: 'expired' })));
    const element = await mountRecording('chk_fixture');
    const errors = record(element, 'paid-checkout-error');
    await payAsNewBuyer(element);

    await waitUntil(() => element.state.status === 'failed', 'the read again never ended the flow', { timeout: 8000 });
    await waitForText(element, 'This checkout has expired');
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_refunded', 'expired']);
    const { error } = element.state as { error: { code: string; message: string } };
    expect(error.code, 'the state’s code stays its own').to.equal('expired');
    expect(error.message.startsWith(`${REFUNDED} `), error.message).to.equal(true);
  });

  it('is said over the next checkout’s form, once, when it answers after checkout-id changed, and the tab keeps nothing of it', async () => {
    let answerHeld!: (response: Response) => void;
    const held = new Promise<Response>((resolve) => (answerHeld = resolve));
    const other = sessionJson({ id: 'chk_other', url: 'https://pay.example.test/chk_other', payments: PK });
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), () => held, json(200, other));
    try {
      const element = await mountRecording('chk_fixture');
      const errors = record(element, 'paid-checkout-error');
      await payThenShowOther(element, api);
      expect(element.state).to.deep.include({ status: 'ready', checkoutId: 'chk_other' });
      answerHeld(refunded());

      await waitForText(element, REFUNDED, 8000);
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_refunded']);
      expect((element.state as { error: { code: string } }).error.code).to.equal('payment_refunded');
      expect(sessionStorage.getItem('paid-checkout:attempt:chk_fixture'), 'the settled payment is not kept').to.equal(null);
    } finally {
      answerHeld(refunded());
    }
  });

  /**
   * Checkout A's payment is refunded while the page, moved on to checkout B, pays B: the refund is
   * held, and said on B's success. `cancel`: the page cancels B's paid-checkout-complete.
   */
  async function refundHeldUntilNextSucceeds(cancel: boolean) {
    let firstHeld!: (response: Response) => void;
    let secondHeld!: (response: Response) => void;
    const first = new Promise<Response>((resolve) => (firstHeld = resolve));
    const second = new Promise<Response>((resolve) => (secondHeld = resolve));
    const other = sessionJson({ id: 'chk_other', url: 'https://pay.example.test/chk_other', payments: PK });
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), () => first, json(200, other), () => second);
    try {
      const element = await mountRecording('chk_fixture');
      const errors = record(element, 'paid-checkout-error');
      const completes = record(element, 'paid-checkout-complete');
      const changes = record(element, 'paid-checkout-statechange');
      // What the page knew when it heard of the success (a page that cancels may route away then).
      const toldBeforeComplete: string[][] = [];
      element.addEventListener('paid-checkout-complete', (event) => {
        toldBeforeComplete.push(errors.map((error) => error.detail.code));
        if (cancel) event.preventDefault();
      });
      await payAsNewBuyer(element);
      await waitUntil(() => api!.calls.length === 2, 'the first payment was never sent', { timeout: 8000 });
      element.checkoutId = 'chk_other';
      await payAsNewBuyer(element);
      await waitUntil(() => api!.calls.length === 4, 'the second payment was never sent', { timeout: 8000 });
      expect(api.calls[3]!.url).to.match(/\/chk_other\//);
      firstHeld(refunded());
      // The refund is settled while the second payment is under way: nothing is said over its form.
      await waitUntil(() => sessionStorage.getItem('paid-checkout:attempt:chk_fixture') === null, 'the refunded payment was never settled');
      expect(element.state).to.deep.include({ status: 'paying', checkoutId: 'chk_other' });
      secondHeld(paidAnswer({ checkout_id: 'chk_other', order_id: 'ord_other' }));

      await waitUntil(() => element.state.status === 'succeeded', 'the second payment never succeeded', { timeout: 8000 });
      await waitForText(element, REFUNDED);
      await waitUntil(() => changes.some((change) => change.detail.state.status === 'succeeded'), 'the page was never told of the success');
      expect(toldBeforeComplete, 'the refund is told before paid-checkout-complete').to.deep.equal([['payment_refunded']]);
      expect(errors[0]!.detail.message).to.equal(REFUNDED);
      expect(errorCode(element), 'the success state says the refund under its own code').to.equal('payment_refunded');
      expect(completes.map((event) => event.detail.checkoutId)).to.deep.equal(['chk_other']);
      expect(completes[0]!.detail.orderId).to.equal('ord_other');
      // `state` says what the buyer sees, as `failed` carries its error; the page is told of it.
      const said = { code: 'payment_refunded', message: REFUNDED, recoverable: true };
      expect(element.state).to.deep.include({ status: 'succeeded', orderId: 'ord_other', error: said });
      expect(changes.filter((change) => change.detail.state.status === 'succeeded').map((change) => [change.detail.webhook, (change.detail.state as { error: unknown }).error])).to.deep.equal([
        ['billing-checkout-completed', said],
      ]);
      return { element, errors, completes };
    } finally {
      firstHeld(refunded());
      secondHeld(paidAnswer({ checkout_id: 'chk_other' }));
    }
  }

  it('is said on the next checkout’s success, once, when it answers while that checkout’s payment is under way, which still completes; the success stays until the customer follows its link', async () => {
    const { element, errors, completes } = await refundHeldUntilNextSucceeds(false);
    const link = await waitForSelector<HTMLAnchorElement>(element, '.success a.back');
    expect(element.navigations, 'leaving on its own would take the refund’s words away unread').to.deep.equal([]);
    expect(completes[0]!.detail.navigates, 'the page is told the success stays').to.equal(false);
    expect(visibleText(element)).to.contain(REFUNDED);
    expect(visibleText(element)).to.not.contain('Taking you back');
    expect(link.href).to.equal(completes[0]!.detail.redirectUrl);
    expect(link.textContent!.replace(/\s+/g, ' ').trim(), 'it leads on, not back').to.equal('Continue →');
    // A click with a modifier key (a new tab) is the browser's: the element neither routes it nor
    // prevents it (this test's own listener, after the element's, keeps the page from leaving).
    let browsersToOpen = false;
    link.addEventListener('click', (event) => {
      browsersToOpen = !event.defaultPrevented;
      event.preventDefault();
    }, { once: true });
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, ctrlKey: true }));
    expect(browsersToOpen, 'the element took a new-tab click').to.equal(true);
    expect(element.navigations).to.deep.equal([]);
    link.click();
    expect(element.navigations, 'through the element’s navigate(), which a page may route').to.deep.equal([completes[0]!.detail.redirectUrl]);
    // Followed once: the success then says it is leaving, and the link is gone.
    await waitForText(element, 'Taking you back');
    expect(element.shadowRoot!.querySelector('.success a.back')).to.equal(null);
    link.click();
    expect(element.navigations).to.have.length(1);
    expect(errors, 'told once').to.have.length(1);
  });

  it('stays said on the next checkout’s success when the page cancels paid-checkout-complete: told once, the buyer stays', async () => {
    const { element, errors } = await refundHeldUntilNextSucceeds(true);
    // The success is shown (its last step, as the page cancelled leaving), and no answer is still on its way.
    await element.updateComplete;
    expect(element.navigations, 'the page said not to leave').to.deep.equal([]);
    expect(visibleText(element), 'the refund is still said').to.contain(REFUNDED);
    expect(visibleText(element)).to.not.contain('Taking you back');
    expect(errors, 'told once').to.have.length(1);
    expect((element.state as { error: unknown }).error).to.deep.equal({ code: 'payment_refunded', message: REFUNDED, recoverable: true });
  });

  it('joins the refund’s words and the expiry’s without a space in Japanese', async () => {
    const session = () => json(200, sessionJson({ payments: PK }));
    const reread = () => json(200, sessionJson({ payments: PK, now: new Date().toISOString(), expiresAt: new Date(Date.now() + 500).toISOString() }));
    api = stubFetch(STUB_API, session(), refunded, reread);
    const element = await mountRecording('chk_fixture', STUB_API, 'ja');
    await payAsNewBuyer(element, { labels: [/カード番号/, /有効期限/, /セキュリティコード/, /郵便番号/] });

    await waitUntil(() => element.state.status === 'failed', 'the checkout never expired', { timeout: 8000 });
    const { error } = element.state as { error: { code: string; message: string } };
    expect(error.code).to.equal('expired');
    expect(error.message).to.equal(`${ja['refund.fulfilment_failed']}${ja['error.expired']}`);
    expect(visibleText(element)).to.contain(`${ja['refund.fulfilment_failed']}${ja['error.expired']}`);
  });
});
