// A checkout that ends (it expires, the merchant archives it, a late approval completes it) while
// the tab holds a 3-D Secure payment of it left unfinished, whose challenge is still open: before
// the element says how the checkout ended, it asks how that payment ended, so that what it shows
// is true and stays true. The payment is then paid (its success), refunded (said with the end), or
// cancelled by the server as it is told the checkout closed (an approval after that charges
// nothing). Money facts are read from the sandbox as a merchant would.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { ownSandbox } from './support/sandbox.ts';
import { moneyOf } from './support/money.ts';
import { removedInChallenge, toldNotFinished, unmounted } from './support/challenge.ts';
import { authenticate, fillCard, fillField, mountRecording, payButton, readyToPay, record, RecordingCheckout, SkewedClockCheckout, visibleText, waitForText, watchStatuses } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

const HOUR = 3_600_000;

describe('a checkout ending while a payment of it is left unfinished', function () {
  this.timeout(40_000);
  afterEach(() => {
    SkewedClockCheckout.aheadMs = 0;
    sessionStorage.clear();
  });

  it('expiring in the page after the element said the payment was not finished: it asks first, so an approval after the page said "expired" charges nothing', async () => {
    const own = await ownSandbox();
    const approvals = watchStatuses('/authenticate');
    try {
      const { id } = await removedInChallenge(own, 'expiry-in-page');
      const { element, errors } = await toldNotFinished(unmounted<SkewedClockCheckout>('skewed-clock-checkout', id, own.url));
      // A day passes for the server and for the page (a laptop asleep); the page moves the element
      // (a layout change), which looks at the expiry again as it comes back.
      await own.advanceClock(25 * HOUR);
      SkewedClockCheckout.aheadMs = 25 * HOUR;
      const parent = element.parentElement!;
      element.remove();
      parent.append(element);
      await waitUntil(() => errors.length > 1, 'the element never said the checkout ended', { timeout: 10_000 });
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_not_finished', 'expired']);
      await waitForText(element, /expired/i);
      // The buyer answers the challenge still open: the bank's approval is refused, nothing is charged.
      await authenticate('Complete authentication');
      await waitUntil(() => approvals.statuses.length === 1, 'the challenge never answered', { timeout: 8000 });
      expect(approvals.statuses, 'the approval was refused').to.deep.equal([409]);
      expect(await moneyOf(own, id), 'no order the page never shows, nothing taken').to.deep.equal({ orders: [], refunds: [] });
      expect(element.state.status).to.equal('failed');
    } finally {
      approvals.restore();
      await own.dispose();
    }
  });

  it('archived while the challenge is open, approved, refunded out of the page: the next load says the refund with the archive', async () => {
    const own = await ownSandbox();
    try {
      const { id, first } = await removedInChallenge(own, 'archived');
      const firstErrors = record(first, 'paid-checkout-error');
      expect((await own.request('DELETE', `/api/v2/checkouts/${id}`))!.status).to.equal(200);
      // The buyer approves the challenge still open: the payment is taken, then refunded as its
      // checkout is closed. The removed element's run hears it out of the page, where nobody sees it.
      await authenticate('Complete authentication');
      await waitUntil(() => firstErrors.length > 0, 'the removed element never heard its payment end', { timeout: 10_000 });
      expect((await moneyOf(own, id)).refunds).to.deep.equal(['checkout_closed']);
      // The buyer reloads (an element for the checkout again): told the checkout closed, and that their payment was refunded.
      const reloaded = unmounted<RecordingCheckout>('recording-checkout', id, own.url);
      const errors = record(reloaded, 'paid-checkout-error');
      await fixture(reloaded);
      await waitUntil(() => errors.some((event) => event.detail.code === 'archived'), 'the reload never said the checkout was closed', { timeout: 10_000 });
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_refunded', 'archived']);
      expect(visibleText(reloaded)).to.match(/refunded/).and.to.match(/closed this checkout/);
      expect(reloaded.state.status).to.equal('failed');
    } finally {
      await own.dispose();
    }
  });

  it('a payment whose answer was lost, its checkout archived and the bank’s app approving it (refunded), resumed by a reload a day later: the end says any amount taken was refunded', async () => {
    const own = await ownSandbox();
    const realFetch = window.fetch;
    // The first complete reaches the server, which asks for 3-D Secure; its answer never reaches the page.
    let asked: { id: string; client_secret: string } | null = null;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (asked || !String(input instanceof Request ? input.url : input).endsWith('/complete')) return realFetch(input, init);
      void realFetch(input, init)
        .then((answer) => answer.json())
        .then((body: { data: { payment_intent: { id: string; client_secret: string } } }) => (asked = body.data.payment_intent));
      return new Promise<Response>(() => {});
    };
    try {
      const { id } = await own.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, collectAddress: false, singleUse: false });
      const first = await mountRecording(id, own.url);
      await readyToPay(first);
      fillField(first, 'name', 'Grace Hopper');
      fillField(first, 'email', `grace+not-kept-${Date.now()}@example.com`);
      await fillCard(first, '4000 0027 6000 3184');
      payButton(first).click();
      await waitUntil(() => asked !== null, 'the server never answered the complete', { timeout: 8000 });
      window.fetch = realFetch;
      const { id: paymentIntentId, client_secret: clientSecret } = asked!;
      // The merchant archives the checkout; the buyer's bank app approves the payment: taken, then refunded.
      expect((await own.request('DELETE', `/api/v2/checkouts/${id}`))!.status).to.equal(200);
      const approved = await fetch(`${own.url}/sandbox/stripe/payment_intents/${paymentIntentId}/authenticate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientSecret, outcome: 'succeeded' }),
      });
      expect(approved.status).to.equal(200);
      expect((await moneyOf(own, id)).refunds).to.deep.equal(['checkout_closed']);
      // A day later (past the server's memory of the first answer), the buyer reloads: the kept payment is resent.
      await own.advanceClock(25 * HOUR);
      first.remove();
      const reloaded = unmounted<RecordingCheckout>('recording-checkout', id, own.url);
      const errors = record(reloaded, 'paid-checkout-error');
      await fixture(reloaded);
      await waitUntil(() => errors.some((event) => event.detail.code === 'archived'), 'the reload never said the checkout was closed', { timeout: 10_000 });
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_not_kept', 'archived']);
      expect(visibleText(reloaded)).to.match(/any amount taken has been refunded/).and.to.match(/closed this checkout/);
      expect(sessionStorage.getItem(`paid-checkout:attempt:${id}`), 'nothing is kept').to.equal(null);
    } finally {
      window.fetch = realFetch;
      await own.dispose();
    }
  });

  it('a single-use link completed by the approval of the payment the page said was not finished: the next load shows that payment’s success, not "already completed"', async () => {
    const own = await ownSandbox();
    try {
      const { id } = await removedInChallenge(own, 'completed', true);
      const { element } = await toldNotFinished(unmounted<RecordingCheckout>('recording-checkout', id, own.url));
      await authenticate('Complete authentication');
      await waitUntil(async () => (await moneyOf(own, id)).orders.length === 1, 'the approved payment made no order', { timeout: 8000, interval: 100 });
      // A reload: the checkout reads completed; the payment this tab left unfinished is what completed it.
      element.remove();
      const reloaded = unmounted<RecordingCheckout>('recording-checkout', id, own.url);
      const completes = record(reloaded, 'paid-checkout-complete');
      const errors = record(reloaded, 'paid-checkout-error');
      await fixture(reloaded);
      await waitUntil(() => completes.length > 0 || errors.length > 0, 'the reload never said how the checkout ended', { timeout: 10_000 });
      expect(errors.map((event) => event.detail.code), 'no "already completed"').to.deep.equal([]);
      expect(completes.map((event) => event.detail.orderId)).to.deep.equal((await moneyOf(own, id)).orders);
      await waitForText(reloaded, 'Your earlier payment went through');
      // Its success stays for the customer to read (nothing leaves on its own), as for any earlier payment.
      expect(reloaded.navigations).to.deep.equal([]);
    } finally {
      await own.dispose();
    }
  });

  it('that payment’s success answered after the page showed another checkout: the page is told of its order, and the other checkout’s form stays', async () => {
    const own = await ownSandbox();
    const realFetch = window.fetch;
    let release: (() => void) | null = null;
    try {
      const { id } = await removedInChallenge(own, 'completed-away', true);
      const { element } = await toldNotFinished(unmounted<RecordingCheckout>('recording-checkout', id, own.url));
      await authenticate('Complete authentication');
      await waitUntil(async () => (await moneyOf(own, id)).orders.length === 1, 'the approved payment made no order', { timeout: 8000, interval: 100 });
      const other = await own.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, collectAddress: false });
      // The reload's question about that payment is held on its way until the page has moved on.
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        if (!String(input instanceof Request ? input.url : input).endsWith(`/checkout/${id}/finalize`)) return realFetch(input, init);
        return new Promise<void>((resolve) => (release = resolve)).then(() => realFetch(input, init));
      };
      element.remove();
      const reloaded = unmounted<RecordingCheckout>('recording-checkout', id, own.url);
      const completes = record(reloaded, 'paid-checkout-complete');
      const errors = record(reloaded, 'paid-checkout-error');
      await fixture(reloaded);
      await waitUntil(() => release !== null, 'the reload never asked about the payment', { timeout: 10_000 });
      reloaded.checkoutId = other.id;
      await readyToPay(reloaded);
      release!();
      await waitUntil(() => completes.length > 0, 'the page never heard of the order', { timeout: 10_000 });
      const [event] = completes;
      expect([event!.detail.checkoutId, event!.detail.orderId]).to.deep.equal([id, (await moneyOf(own, id)).orders[0]]);
      expect([event!.detail.navigates, event!.cancelable]).to.deep.equal([false, false]);
      expect(errors.map((error) => error.detail.code), 'the first checkout’s end is not said over the second’s form').to.deep.equal([]);
      expect(reloaded.state.status).to.equal('ready');
      expect(visibleText(reloaded)).not.to.match(/earlier payment|already been completed/);
      expect(reloaded.navigations).to.deep.equal([]);
      expect(sessionStorage.getItem(`paid-checkout:unfinished:${id}`), 'nothing left to ask about').to.equal(null);
    } finally {
      window.fetch = realFetch;
      await own.dispose();
    }
  });
});
