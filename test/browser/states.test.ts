// Every whole-element state, driven by a stubbed public API: what the customer reads, the
// error event's code, and an axe check.
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import type { PaidCheckoutElement } from '../../src/paid-checkout.ts';
import {
  STUB_API,
  errorCode,
  json,
  mountCheckout,
  record,
  sessionJson,
  shadow,
  stubFetch,
  visibleText,
  waitForSelector,
  waitForText,
  unmountedCheckout,
  type StubbedFetch,
} from './helpers.ts';

describe('paid-checkout states', () => {
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  it('shows a busy skeleton at once, before the session arrives', async () => {
    let release: (response: Response) => void = () => {};
    api = stubFetch(STUB_API, () => new Promise<Response>((resolve) => (release = resolve)));
    const element = await mountCheckout('chk_fixture');
    const skeleton = shadow(element).querySelector('.skeleton');
    expect(skeleton).to.exist;
    expect(skeleton!.getAttribute('aria-busy')).to.equal('true');
    expect(shadow(element).querySelector('[role="status"]')!.textContent).to.contain('Loading checkout');
    await expect(element).to.be.accessible();
    release(json(200, sessionJson()));
    await waitForText(element, 'Analytics');
    expect(shadow(element).querySelector('.skeleton')).to.equal(null);
  });

  it('animates its loading skeleton on the compositor: opacity only, no repaint a frame while the checkout loads', async () => {
    let release: (response: Response) => void = () => {};
    api = stubFetch(STUB_API, () => new Promise<Response>((resolve) => (release = resolve)));
    const element = await mountCheckout('chk_fixture');
    const blocks = [...shadow(element).querySelectorAll('.skeleton-line, .skeleton-block')];
    expect(blocks.length, 'the skeleton’s lines and blocks').to.be.greaterThan(0);
    for (const block of blocks) {
      const animations = block.getAnimations();
      expect(animations.length, 'the skeleton pulses').to.equal(1);
      const animated = new Set(
        (animations[0]!.effect as KeyframeEffect).getKeyframes().flatMap((keyframe) => Object.keys(keyframe).filter((key) => !['offset', 'computedOffset', 'easing', 'composite'].includes(key))),
      );
      expect([...animated], 'what each frame changes').to.deep.equal(['opacity']);
    }
    release(json(200, sessionJson()));
    await waitForText(element, 'Analytics');
  });

  it('reads the session with one request to the public route', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ id: 'chk_a/b' })));
    const element = await mountCheckout('chk_a/b');
    await waitForText(element, 'Analytics');
    expect(api.calls.map((call) => call.url)).to.deep.equal([`${STUB_API}/api/public/checkout/chk_a%2Fb`]);
  });

  it('reads from Paid’s API when no api-base is given', async () => {
    api = stubFetch('https://api.agentpaid.io', json(200, sessionJson()));
    const element = await fixture<PaidCheckoutElement>(html`<paid-checkout checkout-id="chk_fixture"></paid-checkout>`);
    await waitForText(element, 'Analytics');
    expect(element.apiBase).to.equal('https://api.agentpaid.io');
    expect(api.calls.map((call) => call.url)).to.deep.equal(['https://api.agentpaid.io/api/public/checkout/chk_fixture']);
  });

  it('falls back to Paid’s API when a framework sets apiBase to undefined, or the attribute is empty', async () => {
    api = stubFetch('https://api.agentpaid.io', json(200, sessionJson()));
    const element = document.createElement('paid-checkout');
    element.checkoutId = 'chk_fixture';
    (element as { apiBase: string | undefined }).apiBase = undefined;
    (element as { locale: string | undefined }).locale = undefined;
    await fixture(element);
    await waitForText(element, 'Analytics');
    const empty = await fixture<PaidCheckoutElement>(html`<paid-checkout checkout-id="chk_fixture" api-base=""></paid-checkout>`);
    await waitForText(empty, 'Analytics');
    expect(api.calls.map((call) => call.url)).to.deep.equal([
      'https://api.agentpaid.io/api/public/checkout/chk_fixture',
      'https://api.agentpaid.io/api/public/checkout/chk_fixture',
    ]);
  });

  it('says when no checkout id was given, in the customer’s words (the development build logs the fix)', async () => {
    const element = await fixture<PaidCheckoutElement>(html`<paid-checkout></paid-checkout>`);
    await waitForText(element, 'This checkout can’t be shown on this page. Contact the seller.');
    expect(errorCode(element)).to.equal('missing_checkout_id');
    await expect(element).to.be.accessible();
  });

  const closed: Array<[string, Record<string, unknown>, string, string]> = [
    ['not_found', {}, 'Checkout not found', 'couldn’t find this checkout'],
    ['expired', { status: 'expired' }, 'This checkout has expired', 'Ask the seller for a new one'],
    ['completed', { status: 'completed' }, 'Already paid', 'already been completed'],
    ['archived', { status: 'archived' }, 'Checkout no longer available', 'closed this checkout'],
  ];
  for (const [code, overrides, title, words] of closed) {
    it(`shows the ${code} state with a Back link, fires its error, and passes axe`, async () => {
      api = stubFetch(
        STUB_API,
        code === 'not_found' ? json(404, { error: 'No such checkout', code: 'not_found' }) : json(200, sessionJson(overrides)),
      );
      const element = document.createElement('paid-checkout');
      const errors = record(element, 'paid-checkout-error');
      element.setAttribute('checkout-id', 'chk_fixture');
      element.setAttribute('api-base', STUB_API);
      await fixture(element);
      await waitForText(element, title);
      expect(visibleText(element)).to.contain(words);
      expect(errorCode(element)).to.equal(code);
      expect(errors.map((event) => event.detail.code)).to.deep.equal([code]);
      expect(errors[0]!.detail.recoverable).to.equal(false);
      expect(errors[0]!.bubbles && errors[0]!.composed).to.equal(true);
      // A state that ends the flow shows no products and no pay button.
      expect(shadow(element).querySelector('[part~="pay-button"]')).to.equal(null);
      if (code !== 'not_found') {
        expect(shadow(element).querySelector<HTMLAnchorElement>('a.back')!.href).to.equal('https://shop.example.test/pricing');
      }
      await expect(element).to.be.accessible();
    });
  }

  it('says not_found for a checkout-id of `.` or `..`, and asks nothing of the path a URL would resolve it to', async () => {
    for (const id of ['.', '..']) {
      api = stubFetch(STUB_API, json(200, sessionJson()));
      const element = document.createElement('paid-checkout');
      const errors = record(element, 'paid-checkout-error');
      element.setAttribute('checkout-id', id);
      element.setAttribute('api-base', `${STUB_API}/base`);
      await fixture(element);
      await waitUntil(() => errors.length > 0, `${id}: no error`);
      expect(errors.map((event) => event.detail.code), id).to.deep.equal(['not_found']);
      expect(api.calls.map((call) => call.url), `${id}: nothing fetched`).to.deep.equal([]);
      api.restore();
      element.remove();
    }
  });

  it('turns a malformed answer into invalid_response, never an exception', async () => {
    api = stubFetch(STUB_API, json(200, { ...sessionJson(), products: [{ id: 'prod_x', name: 42 }] }));
    const element = unmountedCheckout('chk_fixture');
    const errors = record(element, 'paid-checkout-error');
    await fixture(element);
    await waitForText(element, 'couldn’t read');
    expect(errorCode(element)).to.equal('invalid_response');
    expect(errors[0]?.detail.code).to.equal('invalid_response');
    await expect(element).to.be.accessible();
  });

  it('treats a javascript: success URL from a misbehaving server as invalid_response', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ successUrl: 'javascript:alert(1)' })));
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'couldn’t read');
    expect(errorCode(element)).to.equal('invalid_response');
  });

  it('retries the session read with backoff, then offers Retry after a network failure', async () => {
    api = stubFetch(STUB_API, new TypeError('Failed to fetch'));
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'couldn’t reach the server', 4000);
    expect(api.calls.length).to.equal(3);
    expect(errorCode(element)).to.equal('network_error');
    await expect(element).to.be.accessible();

    api.restore();
    api = stubFetch(STUB_API, json(200, sessionJson()));
    const retry = [...shadow(element).querySelectorAll('button')].find((button) => button.textContent?.includes('Try again'))!;
    retry.click();
    await waitForText(element, 'Analytics');
    expect(api.calls.length).to.equal(1);
  });

  it('recovers without a visible error when a 5xx is followed by a good answer', async () => {
    api = stubFetch(STUB_API, json(502, {}), json(200, sessionJson()));
    const element = unmountedCheckout('chk_fixture');
    const errors = record(element, 'paid-checkout-error');
    await fixture(element);
    await waitForText(element, 'Analytics', 3000);
    expect(api.calls.length).to.equal(2);
    expect(errors.filter((event) => event.detail.code !== 'payments_not_configured')).to.have.length(0);
  });

  it('expires while the page is open when expiresAt passes', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ expiresAt: new Date(Date.now() + 400).toISOString() })));
    const element = await mountCheckout('chk_fixture');
    const errors = record(element, 'paid-checkout-error');
    await waitForText(element, 'Analytics');
    // The customer was choosing a tier: focus follows the form to the state that replaces it.
    shadow(element).querySelector<HTMLInputElement>('input[type="radio"]')!.focus();
    await waitForText(element, 'This checkout has expired', 3000);
    expect(errors.map((event) => event.detail.code)).to.include('expired');
    expect(shadow(element).activeElement?.getAttribute('data-code')).to.equal('expired');
    expect(shadow(element).querySelector('[role="status"]')!.textContent).to.contain('expired');
    await expect(element).to.be.accessible();
  });

  it('trusts the server’s “active” over a page clock that runs ahead of it', async () => {
    api = stubFetch(
      STUB_API,
      json(200, sessionJson({ expiresAt: new Date(Date.now() - 60_000).toISOString() })),
      // The control: a session that expires moments after it is read, by the element's own timer.
      () => json(200, sessionJson({ id: 'chk_control', expiresAt: new Date(Date.now() + 200).toISOString() })),
    );
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'Analytics');
    const control = await mountCheckout('chk_control');
    await waitForText(control, 'This checkout has expired');
    // Any expiry the first element had armed at its read would have come by now.
    expect(errorCode(element)).to.not.equal('expired');
    expect(visibleText(element)).to.not.contain('has expired');
  });

  it('shows products and summary but no pay button when payments are not set up', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: null })));
    const element = document.createElement('paid-checkout');
    const errors = record(element, 'paid-checkout-error');
    element.setAttribute('checkout-id', 'chk_fixture');
    element.setAttribute('api-base', STUB_API);
    await fixture(element);
    await waitForText(element, 'Payments are not set up');
    expect(visibleText(element)).to.contain('Analytics');
    expect(visibleText(element)).to.contain('Order summary');
    expect(shadow(element).querySelector('[part~="pay-button"]')).to.equal(null);
    // Nothing can be paid, so nothing is asked of the customer, and the live region says why.
    expect(shadow(element).querySelector('#field-name, #field-email')).to.equal(null);
    expect(shadow(element).querySelector('[role="status"]')!.textContent).to.contain('Payments are not set up');
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['payments_not_configured']);
    await expect(element).to.be.accessible();
  });

  it('says it is inside another shadow root in the customer’s words, without the developer’s (the development build logs the fix)', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    // fixtureSync: a plain element's fixture() waits for an animation frame, which a background tab never gets.
    const wrapper = fixtureSync<HTMLDivElement>(html`<div></div>`);
    const root = wrapper.attachShadow({ mode: 'open' });
    const element = document.createElement('paid-checkout');
    const errors = record(element, 'paid-checkout-error');
    element.setAttribute('checkout-id', 'chk_fixture');
    element.setAttribute('api-base', STUB_API);
    root.append(element);
    await element.updateComplete;
    expect(errorCode(element)).to.equal('nested_shadow_root');
    expect(visibleText(element)).to.contain('This checkout can’t be shown on this page. Contact the seller.');
    expect(visibleText(element)).to.not.match(/shadow|light DOM|<paid-checkout>/);
    expect(errors[0]?.detail.code).to.equal('nested_shadow_root');
    expect(api.calls.length).to.equal(0);
    await expect(element).to.be.accessible();
  });

  it('loads the new session when checkout-id changes and drops the old answer', async () => {
    let releaseOld: (response: Response) => void = () => {};
    api = stubFetch(
      STUB_API,
      () => new Promise<Response>((resolve) => (releaseOld = resolve)),
      json(200, sessionJson({ id: 'chk_new', products: [{ ...(sessionJson().products as object[])[0], name: 'New product' }] })),
      json(200, sessionJson({ id: 'chk_third', products: [{ ...(sessionJson().products as object[])[0], name: 'Third product' }] })),
    );
    const element = await mountCheckout('chk_old');
    const ready = record(element, 'paid-checkout-ready');
    element.checkoutId = 'chk_new';
    await waitForText(element, 'New product');
    releaseOld(json(200, sessionJson({ id: 'chk_old' })));
    // The control: a later read, asked for after the old answer was released, shown. The old
    // answer, ahead of it on the same path, has been dealt with by then.
    element.checkoutId = 'chk_third';
    await waitForText(element, 'Third product');
    expect(visibleText(element)).to.not.contain('Analytics');
    expect(ready.map((event) => event.detail.checkout.id)).to.deep.equal(['chk_new', 'chk_third']);
    expect(api.calls.map((call) => call.url.split('/').pop())).to.deep.equal(['chk_old', 'chk_new', 'chk_third']);
  });

  it('waits for a framework to set checkoutId right after connecting', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    const element = document.createElement('paid-checkout');
    const errors = record(element, 'paid-checkout-error');
    element.apiBase = STUB_API;
    document.body.append(element);
    element.checkoutId = 'chk_fixture';
    await waitForSelector(element, '[part~="summary"]');
    expect(errors.map((event) => event.detail.code)).to.not.include('missing_checkout_id');
    element.remove();
  });

  it('fires ready once the session is on screen, with the session', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    const element = document.createElement('paid-checkout');
    const productsWhenReady: number[] = [];
    element.addEventListener('paid-checkout-ready', (event) => {
      expect(event.detail.checkout.id).to.equal('chk_fixture');
      productsWhenReady.push(shadow(element).querySelectorAll('[part~="product"]').length);
    });
    element.checkoutId = 'chk_fixture';
    element.apiBase = STUB_API;
    await fixture(element);
    await waitUntil(() => productsWhenReady.length > 0, 'no paid-checkout-ready');
    expect(productsWhenReady).to.deep.equal([2]);
  });

  it('renders without waiting on anything but the session', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    const element = await mountCheckout('chk_fixture');
    await waitUntil(() => shadow(element).querySelector('[part~="product"]'));
    expect(shadow(element).querySelectorAll('[part~="product"]')).to.have.length(2);
  });
});
