// The form Stripe's fields are mounted in (`<form slot="payment">`) lives in the page's light DOM,
// where the page's CSS reaches it: neither a page's own `form { … }` rules nor a quirks-mode
// document's 1em bottom margin may move, shrink or frame the fields in the element's payment slot,
// and Enter in them still pays.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import { createCheckout, sandboxUrl } from './support/sandbox.ts';
import { STUB_API, fillCard, fillField, json, mountRecording, paidAnswer, paymentField, readyToPay, sessionJson, stubFetch, waitForText, type StubbedFetch } from './helpers.ts';

/** A page's stylesheet that restyles every form, as a site's own CSS may (its `!important` too). */
const HOSTILE_FORM_CSS = `form {
  display: flex !important;
  flex-direction: row-reverse;
  margin: 2em !important;
  padding: 1em;
  border: 5px solid red;
  width: 40%;
}`;

/**
 * How far Stripe's fields sit inside the element's payment slot (`.payment-fields`), in whole
 * pixels: top, right, bottom, left. The element expects none: the fields fill the slot.
 */
function insets(element: Element): number[] {
  const slot = element.shadowRoot!.querySelector('.payment-fields')!.getBoundingClientRect();
  const fields = element.querySelector('[slot="payment"]')!.firstElementChild!.getBoundingClientRect();
  return [fields.top - slot.top, slot.right - fields.right, slot.bottom - fields.bottom, fields.left - slot.left].map(Math.round);
}

describe('the payment slot’s form, in the page’s light DOM', function () {
  this.timeout(30_000);
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  it('keeps Stripe’s fields filling the slot under a page’s own form rules, and Enter in them still pays once', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: { provider: 'stripe', publishableKey: 'pk_test_fixture' } })), paidAnswer({ amount_due: 5900 }));
    const element = await mountRecording('chk_fixture');
    await readyToPay(element);
    const plain = insets(element);
    expect(plain, 'on a page without such rules').to.deep.equal([0, 0, 0, 0]);
    const fieldsWidth = element.querySelector('[slot="payment"]')!.firstElementChild!.getBoundingClientRect().width;
    const style = document.createElement('style');
    style.textContent = HOSTILE_FORM_CSS;
    document.head.append(style);
    try {
      expect(insets(element), 'under the page’s form rules').to.deep.equal(plain);
      expect(element.querySelector('[slot="payment"]')!.firstElementChild!.getBoundingClientRect().width).to.equal(fieldsWidth);
      fillField(element, 'name', 'Ada Lovelace');
      fillField(element, 'email', 'ada@example.com');
      await fillCard(element, '4242424242424242');
      paymentField(element, /card number/i).focus();
      await sendKeys({ press: 'Enter' });
      await waitForText(element, 'Thank you');
      expect(api.calls.filter((call) => call.url.endsWith('/complete'))).to.have.length(1);
    } finally {
      style.remove();
    }
  });

  it('keeps Stripe’s fields filling the slot in a quirks-mode document (no doctype) as in a standards one', async () => {
    const { id } = await createCheckout({ products: [{ id: 'prod_support' }], successUrl: 'https://shop.example.test/thanks' });
    /**
     * The element on a page of its own, in an iframe: with or without a doctype. A blob's page, as
     * an `srcdoc` one is never in quirks mode; this page's origin, so the test reads it.
     */
    const framed = async (doctype: string) => {
      const page = `${doctype}<html lang="en"><head><meta charset="utf-8">
<script src="${sandboxUrl}/sandbox/stripe-standin.js"></script>
<script type="module" src="${location.origin}/src/index.ts"></script>
</head><body><paid-checkout checkout-id="${id}" api-base="${sandboxUrl}"></paid-checkout></body></html>`;
      const frame = document.createElement('iframe');
      frame.style.cssText = 'width: 640px; height: 1400px; border: 0';
      frame.src = URL.createObjectURL(new Blob([page], { type: 'text/html' }));
      document.body.append(frame);
      await waitUntil(() => frame.contentDocument?.querySelector('paid-checkout')?.querySelector('[slot="payment"] input'), 'the payment fields never mounted', { timeout: 20_000 });
      const element = frame.contentDocument!.querySelector('paid-checkout')!;
      await waitUntil(() => (element as HTMLElement & { state: { status: string } }).state.status === 'ready', 'never ready', { timeout: 10_000 });
      return { frame, element };
    };
    const standards = await framed('<!doctype html>');
    const quirks = await framed('');
    try {
      expect(standards.frame.contentDocument!.compatMode).to.equal('CSS1Compat');
      expect(quirks.frame.contentDocument!.compatMode, 'a page without a doctype is in quirks mode').to.equal('BackCompat');
      expect(insets(standards.element)).to.deep.equal([0, 0, 0, 0]);
      expect(insets(quirks.element), 'no 1em bottom margin, nor any other, around the fields').to.deep.equal([0, 0, 0, 0]);
    } finally {
      for (const { frame } of [standards, quirks]) {
        URL.revokeObjectURL(frame.src);
        frame.remove();
      }
    }
  });
});
