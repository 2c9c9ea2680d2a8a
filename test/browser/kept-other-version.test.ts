// What the tab keeps for a checkout that this element cannot read (another version of the element
// kept it: a newer one paying in this tab, or an older one before a rollback): it may be a payment
// under way or taken. The buyer is told before anything is paid over it; a stale one is not said.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { json, mountRecording, paidAnswer, payAsNewBuyer, readyToPay, record, sessionJson, STUB_API, type StubbedFetch, stubFetch, visibleText, waitForText } from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };
const KEY = 'paid-checkout:attempt:chk_fixture';
const UNCONFIRMED = 'Your payment may already have gone through. Check your email for a receipt before you pay again.';

/** A record another version of the element kept for chk_fixture, `age` ago. */
const otherVersion = (age: number) => JSON.stringify({ v: 2, checkoutId: 'chk_fixture', savedAt: Date.now() - age, attempt: { key: crypto.randomUUID(), stage: 'confirming' } });

describe('a kept payment this element cannot read', function () {
  this.timeout(20_000);
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  it('is said over the form before anything is paid over it; the buyer’s Pay then pays, once', async () => {
    const kept = otherVersion(60_000);
    sessionStorage.setItem(KEY, kept);
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), paidAnswer({ checkout_id: 'chk_fixture', order_id: 'ord_over' }));
    const element = await mountRecording('chk_fixture');
    const errors = record(element, 'paid-checkout-error');
    const completes = record(element, 'paid-checkout-complete');

    await waitForText(element, UNCONFIRMED, 8000);
    await readyToPay(element);
    expect(errors.map((event) => [event.detail.code, event.detail.message])).to.deep.equal([['payment_unconfirmed', UNCONFIRMED]]);
    expect(element.state).to.deep.include({ status: 'ready', error: { code: 'payment_unconfirmed', message: UNCONFIRMED, recoverable: true } });
    expect(sessionStorage.getItem(KEY), 'left as it is until the buyer pays').to.equal(kept);
    expect(api.calls.filter((call) => call.method === 'POST')).to.have.length(0);

    await payAsNewBuyer(element);
    await waitUntil(() => completes.length === 1, 'the buyer’s Pay never paid', { timeout: 8000 });
    expect(api.calls.filter((call) => call.method === 'POST').map((call) => call.url)).to.deep.equal([`${STUB_API}/api/public/checkout/chk_fixture/complete`]);
    expect(completes[0]!.detail.orderId).to.equal('ord_over');
    expect(sessionStorage.getItem(KEY), 'its own payment, settled, keeps nothing').to.equal(null);
    expect(errors, 'said once').to.have.length(1);
  });

  it('kept longer ago than a kept attempt lasts is stale: nothing is said, and Pay pays over it', async () => {
    sessionStorage.setItem(KEY, otherVersion(32 * 86_400_000));
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), paidAnswer({ checkout_id: 'chk_fixture' }));
    const element = await mountRecording('chk_fixture');
    const errors = record(element, 'paid-checkout-error');
    const completes = record(element, 'paid-checkout-complete');
    await payAsNewBuyer(element);
    await waitUntil(() => completes.length === 1, 'never paid', { timeout: 8000 });
    expect(errors).to.have.length(0);
    expect(visibleText(element)).to.not.contain(UNCONFIRMED);
  });
});
