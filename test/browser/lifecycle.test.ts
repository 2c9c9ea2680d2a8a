// Mounting and unmounting: one Stripe.js and one instance for several elements, nothing left
// behind on window or document, Stripe elements destroyed and re-mounted, theme → appearance.
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import type { PaidCheckoutElement } from '../../src/paid-checkout.ts';
import { STUB_API, json, readyToPay, sessionJson, stubFetch, type StubbedFetch } from './helpers.ts';

type StripeFactory = (...args: unknown[]) => Record<string, unknown>;
const standIn = window.Stripe as unknown as StripeFactory & { version?: string };
const spy = {
  instances: 0,
  elements: 0,
  destroyed: 0,
  mounted: 0,
  updates: [] as Array<Record<string, unknown>>,
  /** The options of every `stripe.elements()` call. */
  groups: [] as Array<Record<string, unknown>>,
};

// Wraps the stand-in before anything loads Stripe in this page, to count what the element does.
function wrappedStripe(...args: unknown[]) {
  spy.instances += 1;
  const stripe = standIn(...args);
  const elements = stripe.elements as (options: unknown) => Record<string, unknown>;
  return {
    ...stripe,
    elements: (options: unknown) => {
      spy.elements += 1;
      spy.groups.push(options as Record<string, unknown>);
      const group = elements.call(stripe, options);
      const create = group.create as (...a: unknown[]) => Record<string, unknown>;
      const update = group.update as (o: Record<string, unknown>) => unknown;
      return Object.assign(Object.create(group), {
        create: (...a: unknown[]) => {
          const element = create.apply(group, a);
          const mount = element.mount as (...m: unknown[]) => unknown;
          const destroy = element.destroy as () => unknown;
          return Object.assign(Object.create(element), {
            mount: (...m: unknown[]) => {
              spy.mounted += 1;
              return mount.apply(element, m);
            },
            destroy: () => {
              spy.destroyed += 1;
              return destroy.call(element);
            },
          });
        },
        update: (o: Record<string, unknown>) => {
          spy.updates.push(o);
          return update.call(group, o);
        },
      });
    },
  };
}
wrappedStripe.version = standIn.version;
window.Stripe = wrappedStripe as unknown as typeof window.Stripe;

const PK = { provider: 'stripe', publishableKey: 'pk_test_lifecycle' };

describe('paid-checkout lifecycle', () => {
  let api: StubbedFetch;
  beforeEach(() => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })));
  });
  afterEach(() => api.restore());

  it('shares one Stripe.js and one Stripe instance among several elements, and injects no tag when Stripe is present', async () => {
    const [first, second] = await Promise.all([
      fixture<PaidCheckoutElement>(html`<paid-checkout checkout-id="chk_fixture" api-base=${STUB_API}></paid-checkout>`),
      fixture<PaidCheckoutElement>(html`<paid-checkout checkout-id="chk_fixture" api-base=${STUB_API}></paid-checkout>`),
    ]);
    await readyToPay(first);
    await readyToPay(second);
    expect(spy.instances).to.equal(1);
    expect(spy.elements).to.equal(2);
    expect(document.querySelector('script[src^="https://js.stripe.com"]')).to.equal(null);
  });

  it('destroys the Stripe element on removal and mounts it again when re-added', async () => {
    const element = await fixture<PaidCheckoutElement>(html`<paid-checkout checkout-id="chk_fixture" api-base=${STUB_API}></paid-checkout>`);
    await readyToPay(element);
    const parent = element.parentElement!;
    const before = { destroyed: spy.destroyed, mounted: spy.mounted };
    element.remove();
    expect(spy.destroyed).to.equal(before.destroyed + 1);
    expect(element.querySelector('[slot="payment"]')).to.equal(null);
    parent.append(element);
    await readyToPay(element);
    expect(spy.mounted).to.equal(before.mounted + 1);
    expect(element.querySelectorAll('[slot="payment"]')).to.have.length(1);
    expect(api.calls).to.have.length(1);
  });

  it('survives a StrictMode-style double mount and leaves no listener on window or document', async () => {
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    const counts = new Map<EventTarget, number>();
    const originals = [window, document].map((target) => {
      const add = target.addEventListener;
      const remove = target.removeEventListener;
      target.addEventListener = function (...args: Parameters<typeof add>) {
        counts.set(target, (counts.get(target) ?? 0) + 1);
        return add.apply(this, args);
      };
      target.removeEventListener = function (...args: Parameters<typeof remove>) {
        counts.set(target, (counts.get(target) ?? 0) - 1);
        return remove.apply(this, args);
      };
      return { target, add, remove };
    });
    try {
      // fixtureSync: a plain element's fixture() waits for an animation frame, which a background tab never gets.
      const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
      for (let cycle = 0; cycle < 20; cycle += 1) {
        const element = document.createElement('paid-checkout');
        element.checkoutId = 'chk_fixture';
        element.apiBase = STUB_API;
        host.append(element);
        element.remove();
        host.append(element);
        if (cycle % 5 === 0) await readyToPay(element);
        element.remove();
      }
      // Tear-down may finish after the last removal: wait for the state, under the test's timeout.
      await waitUntil(
        () => host.querySelectorAll('[slot="payment"]').length === 0 && (counts.get(window) ?? 0) === 0 && (counts.get(document) ?? 0) === 0,
        `left behind: ${host.querySelectorAll('[slot="payment"]').length} payment slots, ${counts.get(window)} window and ${counts.get(document)} document listeners`,
      );
      expect(errors).to.deep.equal([]);
    } finally {
      for (const { target, add, remove } of originals) {
        target.addEventListener = add;
        target.removeEventListener = remove;
      }
      window.removeEventListener('error', onError);
    }
  });

  it('gives the payment fields the theme’s appearance from the start', async () => {
    const element = await fixture<PaidCheckoutElement>(
      html`<paid-checkout checkout-id="chk_fixture" api-base=${STUB_API} theme="dark" style="--paid-color-accent: tomato"></paid-checkout>`,
    );
    await readyToPay(element);
    const { appearance } = spy.groups.at(-1) as { appearance: { theme: string; variables: Record<string, string> } };
    expect(appearance.theme).to.equal('night');
    expect(appearance.variables.colorBackground).to.equal('rgb(23, 26, 35)');
    expect(appearance.variables.colorPrimary).to.equal('rgb(255, 99, 71)');
  });

  it('re-derives the payment fields’ appearance from the tokens when the theme changes', async () => {
    const element = await fixture<PaidCheckoutElement>(html`<paid-checkout checkout-id="chk_fixture" api-base=${STUB_API}></paid-checkout>`);
    await readyToPay(element);
    spy.updates.length = 0;
    element.theme = 'dark';
    await element.updateComplete;
    const update = spy.updates.find((options) => 'appearance' in options) as { appearance: { theme: string; variables: Record<string, string> } };
    expect(update.appearance.theme).to.equal('night');
    expect(update.appearance.variables.colorBackground).to.equal('rgb(23, 26, 35)');

    element.style.setProperty('--paid-color-accent', 'tomato');
    element.theme = 'light';
    await element.updateComplete;
    const light = spy.updates.at(-1) as { appearance: { theme: string; variables: Record<string, string> } };
    expect(light.appearance.theme).to.equal('stripe');
    expect(light.appearance.variables.colorPrimary).to.equal('rgb(255, 99, 71)');
  });

  it('passes amount and currency to Stripe in deferred-intent mode', async () => {
    const element = await fixture<PaidCheckoutElement>(html`<paid-checkout checkout-id="chk_fixture" api-base=${STUB_API}></paid-checkout>`);
    await readyToPay(element);
    spy.updates.length = 0;
    const currency = element.shadowRoot!.querySelector<HTMLSelectElement>('#currency')!;
    currency.value = 'eur';
    currency.dispatchEvent(new Event('change'));
    await waitUntil(() => spy.updates.length > 0);
    expect(spy.updates.at(-1)).to.deep.equal({ mode: 'subscription', amount: 5400, currency: 'eur' });
  });
});
