// Hostile input from the address bar: a link to the merchant's page with a bank's return parameters
// (Stripe's and our paid_checkout_id) that this tab never made. Anyone can write one, or replay one
// of a checkout they paid themselves on the same API (any merchant's): the element must not show
// that checkout's success, tell the page it was paid, or send the customer to its successUrl.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { STUB_API, json, paidAnswer, record, sessionJson, unmountedRecording } from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };
const EVIL = 'https://evil.example.test/phish?c={CHECKOUT_ID}';

describe('a crafted bank return naming another checkout, in a tab that kept nothing of it', () => {
  const original = location.href;
  const realFetch = window.fetch;
  let asked: string[] = [];
  beforeEach(() => {
    asked = [];
    // The page's own checkout, and the attacker's (paid by the attacker, so finalize says succeeded).
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith(STUB_API)) return realFetch(input, init);
      asked.push(`${init?.method ?? 'GET'} ${url.slice(STUB_API.length)}`);
      if (url.endsWith('/chk_attacker')) return json(200, sessionJson({ id: 'chk_attacker', successUrl: EVIL, cancelUrl: null, payments: PK }));
      if (url.endsWith('/chk_attacker/finalize')) return paidAnswer({ checkout_id: 'chk_attacker', payment_intent: { id: 'pi_attacker', status: 'succeeded' } });
      return json(200, sessionJson({ payments: PK }));
    };
    history.replaceState(
      null,
      '',
      `${location.pathname}?payment_intent=pi_attacker&payment_intent_client_secret=pi_attacker_secret_abc&redirect_status=succeeded&paid_checkout_id=chk_attacker`,
    );
  });
  afterEach(() => {
    window.fetch = realFetch;
    history.replaceState(null, '', original);
  });

  it('is not finished here: the page’s own form, no success, no paid-checkout-complete, no navigation, and the parameters leave the address bar', async () => {
    const element = unmountedRecording('chk_fixture');
    const completes = record(element, 'paid-checkout-complete');
    const errors = record(element, 'paid-checkout-error');
    await fixture(element);
    await waitUntil(() => /^(ready|succeeded)$/.test(element.state.status), 'neither the form nor a success', { timeout: 10_000 });
    expect(element.state.status, 'the page’s own form').to.equal('ready');
    expect(element.state.status === 'ready' && element.state.checkoutId).to.equal('chk_fixture');
    expect(completes, 'the page is not told of another checkout’s payment').to.deep.equal([]);
    expect(element.navigations, 'never sent to that checkout’s successUrl').to.deep.equal([]);
    expect(asked.filter((request) => request.includes('chk_attacker')), 'that checkout is neither read nor finalized').to.deep.equal([]);
    // The bank said succeeded: a customer whose storage was off is told to look for a receipt first.
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_unconfirmed']);
    expect(new URLSearchParams(location.search).has('paid_checkout_id'), 'the parameters are taken out').to.equal(false);
    expect(new URLSearchParams(location.search).has('payment_intent_client_secret')).to.equal(false);
  });
});
