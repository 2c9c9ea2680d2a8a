// A sandbox of a test's own (support/sandbox.ts): its clock moves for that test alone, the shared
// sandbox's clock never moves, and a payment on it goes through the page's Stripe stand-in (which
// the shared sandbox serves) end to end.
import { expect } from '@open-wc/testing';
import { createCheckout, ownSandbox, sandboxCommand, sandboxUrl } from './support/sandbox.ts';
import { authenticate, fillCard, fillField, mountRecording, payButton, readyToPay, record, waitForText } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';
const HOUR = 3_600_000;
const analytics = { products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL };

/** What the public API says of a checkout: its status, and the server's time. */
async function publicView(base: string, id: string): Promise<{ status: string; now: string }> {
  return (await fetch(`${base}/api/public/checkout/${id}`)).json();
}

describe('a sandbox of a test’s own', function () {
  this.timeout(30_000);

  it('refuses to move the shared sandbox’s clock, and says how to move one’s own', async () => {
    let refusal: unknown;
    await sandboxCommand('sandbox-advance-clock', { ms: HOUR }).catch((error: unknown) => (refusal = error));
    expect(String(refusal)).to.contain('ownSandbox()');
  });

  it('moves its own clock and no other: its checkout expires, the shared sandbox’s stays open', async () => {
    const own = await ownSandbox();
    try {
      expect(own.url).to.not.equal(sandboxUrl);
      const mine = await own.createCheckout(analytics);
      const theirs = await createCheckout(analytics);
      await own.advanceClock(48 * HOUR);
      const mineNow = await publicView(own.url, mine.id);
      const theirsNow = await publicView(sandboxUrl, theirs.id);
      expect(mineNow.status).to.equal('expired');
      expect(Date.parse(mineNow.now) - Date.now()).to.be.above(47 * HOUR);
      expect(theirsNow.status).to.equal('active');
      expect(Math.abs(Date.parse(theirsNow.now) - Date.now())).to.be.below(HOUR);
      // The shared sandbox does not know the own one's checkouts, nor the other way round.
      expect((await fetch(`${sandboxUrl}/api/public/checkout/${mine.id}`)).status).to.equal(404);
      await own.resetClock();
      expect(Math.abs(Date.parse((await publicView(own.url, mine.id)).now) - Date.now())).to.be.below(HOUR);
    } finally {
      await own.dispose();
    }
  });

  it('is seeded as the shared one: both accounts, the products and Ada', async () => {
    const own = await ownSandbox();
    try {
      const customers = await own.request<{ data: Array<{ externalId?: string; name?: string }> }>('GET', '/api/v2/customers?limit=100');
      expect(customers!.status).to.equal(200);
      const shared = await sandboxCommand<{ status: number; body: { data: unknown[] } }>('sandbox-request', { method: 'GET', path: '/api/v2/customers?limit=100' });
      expect(customers!.body.data.length).to.be.at.least(1);
      expect(customers!.body.data.length).to.be.at.most(shared!.body.data.length);
      expect((await own.createCheckout({ products: [{ id: 'prod_seats' }, { id: 'prod_storage' }], successUrl: SUCCESS_URL })).id).to.match(/^chk_/);
      expect((await own.createCheckout(analytics, 'no_stripe')).id).to.match(/^chk_/);
    } finally {
      await own.dispose();
    }
  });

  it('takes a 3-D Secure payment end to end: the stand-in’s answer reaches it through the shared sandbox', async () => {
    const own = await ownSandbox();
    try {
      const { id } = await own.createCheckout(analytics);
      const element = await mountRecording(id, own.url);
      const complete = record(element, 'paid-checkout-complete');
      await readyToPay(element);
      fillField(element as never, 'name', 'Own Tester');
      fillField(element as never, 'email', `own+${Date.now()}@example.com`);
      await fillCard(element, '4000 0027 6000 3184');
      payButton(element).click();
      await authenticate('Complete authentication');
      await waitForText(element, 'Thank you', 10_000);
      expect(complete).to.have.length(1);
      expect((await own.request<{ status: string }>('GET', `/api/v2/checkouts/${id}`))!.body.status).to.equal('completed');
    } finally {
      await own.dispose();
    }
  });

  it('sends a customer at the shared sandbox’s test bank for a payment on it to its own bank', async () => {
    const own = await ownSandbox();
    try {
      const { id } = await own.createCheckout(analytics);
      const paid = await fetch(`${own.url}/api/public/checkout/${id}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          confirmation_token: `ctoken_test_threeds_${'0123456789abcdef'}${Date.now().toString(16)}`,
          return_url: 'https://shop.example.test/return',
          selections: [{ product_id: 'prod_analytics', plan_id: 'plan_analytics_starter', quantity: 1 }],
          customer: { name: 'Own Tester', email: 'own@example.com' },
        }),
      });
      expect(paid.status, await paid.clone().text()).to.equal(200);
      const intent = ((await paid.json()) as { data: { payment_intent: { id: string; client_secret: string } } }).data.payment_intent;
      const query = new URLSearchParams({ payment_intent: intent.id, client_secret: intent.client_secret, return_url: 'https://shop.example.test/return' });
      const atShared = await fetch(`${sandboxUrl}/sandbox/stripe/bank?${query}`, { redirect: 'manual' });
      expect(atShared.type).to.equal('opaqueredirect');
      const atOwn = await fetch(`${own.url}/sandbox/stripe/bank?${query}`, { headers: { accept: 'text/html' } });
      expect(atOwn.status).to.equal(200);
    } finally {
      await own.dispose();
    }
  });

  it('is stopped when disposed of: its origin no longer answers, and commands for it are refused', async () => {
    const own = await ownSandbox();
    await own.dispose();
    await own.dispose();
    let unreachable = false;
    await fetch(`${own.url}/api/public/checkout/chk_none`).catch(() => (unreachable = true));
    expect(unreachable).to.equal(true);
    let refusal: unknown;
    await sandboxCommand('sandbox-advance-clock', { ms: HOUR, sandbox: own.id }).catch((error: unknown) => (refusal = error));
    expect(String(refusal)).to.contain('disposed of');
  });
});
