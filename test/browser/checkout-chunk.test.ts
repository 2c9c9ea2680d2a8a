// Everything after the skeleton is the checkout chunk (src/checkout/checkout-chunk.ts), fetched at
// connect beside the session's read (src/checkout/loader.ts). When it cannot be fetched the
// customer sees a recoverable error with Try again, never a blank element; Try again fetches it
// again; a session's answer that waits for it keeps the server's time as of its arrival; and a
// payment this tab left under way waits for it, then is finished once, never charged twice. The
// chunk's fetch fails through the element's `loadCheckout()` hook.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import type { CheckoutChunk } from '../../src/checkout/loader.ts';
import { createCheckout, sandboxUrl } from './support/sandbox.ts';
import { moneyFacts } from './support/money.ts';
import {
  errorCode,
  fillCard,
  fillField,
  holdFirstComplete,
  json,
  payButton,
  readyToPay,
  record,
  RecordingCheckout,
  sessionJson,
  shadow,
  STUB_API,
  stubFetch,
  visibleText,
  waitForText,
  type StubbedFetch,
} from './helpers.ts';

/** The element, with a chunk fetch that fails `failures` times and then loads the real chunk; or that waits for `hold`. */
class FlakyChunkCheckout extends RecordingCheckout {
  static failures = 0;
  static hold: Promise<void> | null = null;
  static fetches = 0;
  protected override async loadCheckout(): Promise<CheckoutChunk> {
    FlakyChunkCheckout.fetches += 1;
    if (FlakyChunkCheckout.hold) await FlakyChunkCheckout.hold;
    if (FlakyChunkCheckout.failures > 0) {
      FlakyChunkCheckout.failures -= 1;
      throw new TypeError('Failed to fetch dynamically imported module: checkout-chunk.js');
    }
    return super.loadCheckout();
  }
}
customElements.define('flaky-chunk-checkout', FlakyChunkCheckout);

/** The same, on a page whose clock the test moves ahead (`aheadMs`), counting the reads of it. */
class ClockedChunkCheckout extends FlakyChunkCheckout {
  static aheadMs = 0;
  static clockReads = 0;
  protected override now(): number {
    ClockedChunkCheckout.clockReads += 1;
    return Date.now() + ClockedChunkCheckout.aheadMs;
  }
}
customElements.define('clocked-chunk-checkout', ClockedChunkCheckout);

function unmounted(checkoutId: string, apiBase: string, tag = 'flaky-chunk-checkout'): FlakyChunkCheckout {
  const element = document.createElement(tag) as FlakyChunkCheckout;
  element.checkoutId = checkoutId;
  element.apiBase = apiBase;
  element.locale = 'en';
  return element;
}

function retryButton(element: FlakyChunkCheckout): HTMLButtonElement | null {
  return shadow(element).querySelector<HTMLButtonElement>('.state .primary');
}

describe('the checkout chunk', function () {
  this.timeout(30_000);
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
    FlakyChunkCheckout.failures = 0;
    FlakyChunkCheckout.hold = null;
    FlakyChunkCheckout.fetches = 0;
    ClockedChunkCheckout.aheadMs = 0;
    ClockedChunkCheckout.clockReads = 0;
    sessionStorage.clear();
  });

  it('is fetched while the session is on its way, and the session is read while the chunk is', async () => {
    let releaseSession: (response: Response) => void = () => {};
    api = stubFetch(STUB_API, () => new Promise<Response>((resolve) => (releaseSession = resolve)));
    let releaseChunk: () => void = () => {};
    FlakyChunkCheckout.hold = new Promise((resolve) => (releaseChunk = resolve));
    const element = await fixture<FlakyChunkCheckout>(unmounted('chk_fixture', STUB_API));
    await waitUntil(() => api!.calls.length === 1 && FlakyChunkCheckout.fetches === 1, 'the session and the chunk were not both asked for at connect');
    expect(shadow(element).querySelector('.skeleton'), 'the skeleton while both are on their way').to.exist;
    releaseChunk();
    releaseSession(json(200, sessionJson()));
    await waitForText(element, 'Analytics');
    expect(api.calls, 'the session is read once: the coordinator takes the read started at connect').to.have.length(1);
  });

  it('keeps the server’s time as of the session’s answer however late it comes: the expiry is said when it passes by the server’s clock', async () => {
    const MINUTE = 60_000;
    const serverNow = Date.now();
    // The server answers at serverNow; its session ends five minutes and two seconds later.
    const expiresAt = serverNow + 5 * MINUTE + 2000;
    let releaseSession: (response: Response) => void = () => {};
    api = stubFetch(STUB_API, () => new Promise<Response>((resolve) => (releaseSession = resolve)));
    let releaseChunk: () => void = () => {};
    FlakyChunkCheckout.hold = new Promise((resolve) => (releaseChunk = resolve));
    const element = unmounted('chk_fixture', STUB_API, 'clocked-chunk-checkout');
    let expiredSaidAt: number | null = null;
    element.addEventListener('paid-checkout-error', (event) => {
      if (event.detail.code === 'expired') expiredSaidAt ??= Date.now() + ClockedChunkCheckout.aheadMs;
    });
    await fixture(element);
    await waitUntil(() => api!.calls.length === 1 && FlakyChunkCheckout.fetches === 1, 'the session and the chunk were not both asked for at connect');
    expect(ClockedChunkCheckout.clockReads, 'nothing reads the page’s clock before an answer or the chunk').to.equal(0);
    releaseSession(json(200, sessionJson({ now: new Date(serverNow).toISOString(), expiresAt: new Date(expiresAt).toISOString() })));
    await waitUntil(() => ClockedChunkCheckout.clockReads > 0, 'the page never read its clock as the answer arrived');
    // The chunk comes five minutes later by the page's clock.
    ClockedChunkCheckout.aheadMs = 5 * MINUTE;
    releaseChunk();
    await waitUntil(() => expiredSaidAt !== null, 'no expiry said: measured when the chunk came, it would be five minutes late', { timeout: 15_000 });
    expect(expiredSaidAt, 'not before the expiry by the page’s clock').to.be.at.least(expiresAt);
    expect(element.state).to.deep.include({ status: 'failed' });
    expect(errorCode(element)).to.equal('expired');
  });

  it('could not be fetched: a recoverable network_error with Try again, which fetches it again and reads the session', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    FlakyChunkCheckout.failures = 1;
    const element = unmounted('chk_fixture', STUB_API);
    const errors = record(element, 'paid-checkout-error');
    const changes = record(element, 'paid-checkout-statechange');
    await fixture(element);
    await waitUntil(() => errorCode(element) === 'network_error', `no error shown: ${visibleText(element)}`);
    expect(visibleText(element)).to.contain('Something went wrong');
    expect(errors.map((event) => event.detail)).to.deep.equal([{ code: 'network_error', message: errors[0]!.detail.message, recoverable: true }]);
    expect(element.state).to.deep.include({ status: 'failed' });
    expect(changes.map((event) => event.detail.state.status)).to.deep.equal(['failed']);
    expect(shadow(element).querySelector('[role="status"]')!.textContent).to.equal(errors[0]!.detail.message);
    await expect(element).to.be.accessible();

    retryButton(element)!.click();
    await waitForText(element, 'Analytics');
    expect(FlakyChunkCheckout.fetches).to.equal(2);
    expect(api.calls, 'read again with the chunk: an answer kept meanwhile would be old').to.have.length(2);
    expect(changes.map((event) => event.detail.state.status)).to.deep.equal(['failed', 'loading', 'ready']);
  });

  it('could not be fetched: Try again hands its focus to what replaces it, the failed state again, then the form', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    FlakyChunkCheckout.failures = 2;
    const element = await fixture<FlakyChunkCheckout>(unmounted('chk_fixture', STUB_API));
    await waitUntil(() => retryButton(element) !== null, `no Try again: ${visibleText(element)}`);
    retryButton(element)!.focus();
    retryButton(element)!.click();
    await waitUntil(() => FlakyChunkCheckout.fetches === 2 && retryButton(element) !== null, 'the state did not come back after the second failure');
    await waitUntil(() => shadow(element).activeElement?.matches('.state') === true, `focus is on ${shadow(element).activeElement?.outerHTML ?? document.activeElement?.localName}, not the failed state`);
    retryButton(element)!.focus();
    retryButton(element)!.click();
    await waitForText(element, 'Analytics');
    await waitUntil(() => shadow(element).activeElement?.matches('form') === true, `focus is on ${shadow(element).activeElement?.outerHTML ?? document.activeElement?.localName}, not the form`);
  });

  it('for a payment this tab left under way: nothing is sent until it has come, then the same attempt is finished once', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}' });
    // The first page pays, and its answer never reaches it (the page is reloaded at that moment).
    const spy = holdFirstComplete('sent');
    try {
      const first = await fixture<FlakyChunkCheckout>(unmounted(id, sandboxUrl));
      await readyToPay(first, 8000);
      fillField(first, 'name', 'Ada Lovelace');
      fillField(first, 'email', `ada+chunk-${Date.now()}@example.com`);
      await fillCard(first, '4242 4242 4242 4242');
      payButton(first).click();
      await waitUntil(async () => (await moneyFacts(id)).invoices.length === 1, 'the server never took the first payment', { timeout: 8000, interval: 100 });
      first.remove();

      // The reloaded page cannot fetch the chunk: the attempt stays kept, nothing is offered to pay.
      FlakyChunkCheckout.failures = 1;
      const reloaded = unmounted(id, sandboxUrl);
      const completes = record(reloaded, 'paid-checkout-complete');
      await fixture(reloaded);
      await waitUntil(() => errorCode(reloaded) === 'network_error', `no error shown: ${visibleText(reloaded)}`);
      expect(payButton(reloaded)).to.equal(null);
      expect(sessionStorage.getItem(`paid-checkout:attempt:${id}`), 'the attempt is still kept').to.not.equal(null);
      expect(spy.keys).to.have.length(1);

      retryButton(reloaded)!.click();
      await waitUntil(() => completes.length === 1, `the payment was not finished: ${visibleText(reloaded)}`, { timeout: 10_000 });
      expect(spy.keys, 'the same Idempotency-Key').to.deep.equal([spy.keys[0], spy.keys[0]]);
      const money = await moneyFacts(id);
      expect(money.orders.map((order) => order.id)).to.deep.equal([completes[0]!.detail.orderId]);
      expect(money.invoices, 'charged once').to.have.length(1);
      expect(money.refunds).to.deep.equal([]);
    } finally {
      spy.restore();
    }
  });
});
