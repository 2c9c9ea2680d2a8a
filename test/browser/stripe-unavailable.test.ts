// Stripe.js that cannot load (blocked, offline): its own error code and a link to the hosted
// page. Runs in its own page, without the stand-in, so the element injects the real script tag
// (which this machine cannot fetch).
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from './support/wait.ts';
import { STUB_API, json, mountRecording, record, sessionJson, shadow, stubFetch, visibleText } from './helpers.ts';

describe('paid-checkout without Stripe.js', () => {
  const standIn = window.Stripe;
  before(() => {
    delete (window as { Stripe?: unknown }).Stripe;
  });
  after(() => {
    window.Stripe = standIn;
    for (const node of document.querySelectorAll('script[src^="https://js.stripe.com"], link[rel="preconnect"]')) node.remove();
  });

  it('injects one Stripe.js tag with the session request, and offers the hosted page when it fails', async () => {
    const api = stubFetch(STUB_API, json(200, sessionJson({ payments: { provider: 'stripe', publishableKey: 'pk_test_blocked' } })));
    try {
      const element = document.createElement('recording-checkout');
      const errors = record(element, 'paid-checkout-error');
      element.setAttribute('checkout-id', 'chk_fixture');
      element.setAttribute('api-base', STUB_API);
      element.setAttribute('locale', 'en');
      // A second element on the page shares the one script tag.
      const second = mountRecording('chk_fixture');
      document.body.append(element);
      // The tag is in the page before the session has even been answered.
      expect(document.querySelector('script[src="https://js.stripe.com/endive/stripe.js"]')).to.exist;
      expect(document.querySelector('link[rel="preconnect"][href="https://js.stripe.com"]')).to.exist;
      expect(document.querySelectorAll('script[src^="https://js.stripe.com"]')).to.have.length(1);

      await waitUntil(() => errors.some((event) => event.detail.code === 'stripe_unavailable'), 'no stripe_unavailable', {
        timeout: 8000,
      });
      const root = shadow(element as never);
      const link = root.querySelector<HTMLAnchorElement>('a.hosted-link')!;
      expect(link.href).to.equal('https://pay.example.test/chk_fixture');
      expect(visibleText(element as never)).to.contain('secure payment form couldn’t load');
      expect(root.querySelector('[part~="pay-button"]')).to.equal(null);
      expect(errors.find((event) => event.detail.code === 'stripe_unavailable')!.detail.recoverable).to.equal(true);
      await expect(element).to.be.accessible();

      // Once Stripe.js is reachable (the blocker turned off), Try again brings the payment fields.
      // Pressed with the keyboard, it goes with the focus it had: the payment section takes it.
      window.Stripe = standIn;
      [...root.querySelectorAll<HTMLButtonElement>('.pay-error button')].find((button) => button.textContent?.includes('Try again'))!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root.querySelector<HTMLButtonElement>('[part~="pay-button"]') && element.querySelector('[slot="payment"] input'), 'payment fields never mounted after Try again');
      await waitUntil(() => root.activeElement?.matches('.payment, .pay'), `focus went to ${document.activeElement?.localName}, not the payment section`);
      expect(root.querySelector('a.hosted-link')).to.equal(null);
      element.remove();
      (await second).remove();
    } finally {
      api.restore();
    }
  });
});
