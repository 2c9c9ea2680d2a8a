// Accessibility a customer with a screen reader, a keyboard or Windows' high contrast relies on,
// beyond what axe checks: each quantity button names its product, a tax that could not be
// calculated is said, Try again and a failed Pay leave focus where the customer can go on, the
// stepper's focus rings are whole, English words are marked English, a chosen tier still stands
// out when the system forces its own colors, and reduced motion stops what spins.
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from './support/wait.ts';
import { accessibleName, setForcedColors, setReducedMotion, skipIn } from './support/engine.ts';
import { framedPage, type SizedPage } from './support/sized-page.ts';
import { luminance } from '../../src/payment/appearance.ts';
import { createCheckout, sandboxUrl } from './support/sandbox.ts';
import {
  STUB_API,
  fillCard,
  fillField,
  focusedControl,
  json,
  mountCheckout,
  mountRecording,
  nextTask,
  payAsNewBuyer,
  payThenShowOther,
  payButton,
  readyToPay,
  refusal,
  sessionJson,
  shadow,
  stubFetch,
  stubFetchIn,
  unmountedRecording,
  waitForSelector,
  waitForText,
  type Json,
  type RecordingCheckout,
  type StubbedFetch,
} from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };

/** Checked in WebKitGTK 2.50 with GTK's setting changed through xsettingsd (scripts/engines.ts). */
const WEBKIT_LIVE_REDUCED_MOTION =
  'WebKit does not apply a prefers-reduced-motion change made while the page is open to constructed stylesheets ' +
  '(adoptedStyleSheets, as Lit uses), not even to one made after it; a <style> element and a page loaded after it follow it';

function seats(id: string, name: string, unitLabel: string): Json {
  return {
    id,
    name,
    description: null,
    current: null,
    basePrice: { currency: 'usd', model: 'per_unit', amount: 1000, interval: 'month', unitLabel, minQuantity: 1, maxQuantity: 50 },
    plans: [],
  };
}

describe('paid-checkout accessibility (review)', () => {
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  it('names each quantity button by its product, so that two steppers’ buttons are told apart', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ allowedCurrencies: ['usd'], products: [seats('prod_a', 'Team seats', 'seat'), seats('prod_b', 'Guest seats', 'seat')] })));
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'Guest seats');
    const expected: Array<[string, string]> = [
      ['article:nth-of-type(1) .step:first-child', 'Remove one, Team seats'],
      ['article:nth-of-type(1) .step:last-child', 'Add one, Team seats'],
      ['article:nth-of-type(2) .step:first-child', 'Remove one, Guest seats'],
      ['article:nth-of-type(2) .step:last-child', 'Add one, Guest seats'],
    ];
    for (const [selector, name] of expected) {
      const computed = await accessibleName(['paid-checkout', selector], name);
      expect(computed.found, selector).to.equal(true);
      if (computed.found) expect(computed.matches, `${selector}: the engine named it ${JSON.stringify(computed.name)}, not ${JSON.stringify(name)}`).to.equal(true);
    }
  });

  it('shows the whole focus ring of the quantity field and its buttons, not clipped by the stepper around them', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'Team seats');
    const stepper = shadow(element).querySelector<HTMLElement>('.stepper')!;
    expect(getComputedStyle(stepper).overflow, 'the stepper clips what lies outside it').to.equal('hidden');
    const clip = stepper.getBoundingClientRect();
    const inside = { left: clip.left + stepper.clientLeft, top: clip.top + stepper.clientTop, right: clip.left + stepper.clientLeft + stepper.clientWidth, bottom: clip.top + stepper.clientTop + stepper.clientHeight };
    const input = stepper.querySelector('input')!;
    input.focus();
    // From the field, Tab reaches Add one (Remove one is disabled at the least quantity).
    const checks: Array<[string, () => Promise<void>]> = [
      ['the quantity field', async () => {}],
      ['Add one', async () => sendKeys({ press: 'Tab' })],
    ];
    for (const [name, reach] of checks) {
      await reach();
      const focused = shadow(element).activeElement as HTMLElement;
      expect(stepper.contains(focused), `${name} has focus`).to.equal(true);
      expect(focused.matches(':focus-visible'), `${name} matches :focus-visible`).to.equal(true);
      const style = getComputedStyle(focused);
      expect(style.outlineStyle, `${name} has a ring`).to.not.equal('none');
      const reach_ = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
      const box = focused.getBoundingClientRect();
      const ring = { left: box.left - reach_, top: box.top - reach_, right: box.right + reach_, bottom: box.bottom + reach_ };
      const clipped: string[] = [
        ...(['left', 'top'] as const).filter((side) => ring[side] < inside[side] - 0.5),
        ...(['right', 'bottom'] as const).filter((side) => ring[side] > inside[side] + 0.5),
      ];
      expect(clipped, `${name}'s ring is cut off on these sides`).to.deep.equal([]);
    }
  });

  it('outlines each text field, select and quantity stepper at 3:1 or more against its surface, light and dark (WCAG 1.4.11)', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK, collect: { name: true, email: true, address: true, phone: false } })));
    const element = await mountCheckout('chk_fixture');
    await waitForSelector(element, 'input[name="email"]');
    const contrast = (a: string, b: string) => {
      const [high, low] = [luminance(a)!, luminance(b)!].sort((x, y) => y - x) as [number, number];
      return (high + 0.05) / (low + 0.05);
    };
    const surfaceOf = (node: Element): string => {
      for (let at: Element | null = node; at; at = at.parentElement) {
        const background = getComputedStyle(at).backgroundColor;
        if (background !== 'rgba(0, 0, 0, 0)' && background !== 'transparent') return background;
      }
      return getComputedStyle(element).backgroundColor;
    };
    for (const theme of ['light', 'dark']) {
      element.setAttribute('theme', theme);
      await element.updateComplete;
      const controls = [...shadow(element).querySelectorAll<HTMLElement>('input:not([type="radio"]):not([type="checkbox"]), select, .stepper')].filter(
        (control) => !control.closest('.stepper') || control.matches('.stepper'),
      );
      const kinds = new Set(controls.map((control) => (control.matches('.stepper') ? 'stepper' : control.localName)));
      expect([...kinds].sort(), `${theme}: what is checked`).to.deep.equal(['input', 'select', 'stepper']);
      for (const control of controls) {
        const label = `${theme}: ${control.localName}.${control.className} ${control.getAttribute('name') ?? ''}`;
        const border = getComputedStyle(control).borderTopColor;
        expect(getComputedStyle(control).borderTopStyle, label).to.equal('solid');
        expect(contrast(border, surfaceOf(control.parentElement!)), `${label}: ${border} on ${surfaceOf(control.parentElement!)}`).to.be.at.least(3);
      }
    }
  });

  it('says in a live region that the tax could not be calculated (Pay is disabled until it is)', async () => {
    const created = await createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: 'https://shop.example.test/thanks', collectAddress: true });
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).endsWith('/quote') ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init);
    try {
      const element = await mountRecording(created.id, sandboxUrl);
      await waitForText(element, 'Tax calculated from your address');
      // A region is heard when its words change, not when it is inserted with them: the note that
      // will say the failure is a live region before it does.
      const note = shadow(element).querySelector('.tax-note')!;
      expect(note.closest('[role="status"], [role="alert"], [aria-live]'), 'the tax note is a live region').to.not.equal(null);
      fillField(element, 'country', 'GB');
      fillField(element, 'postalCode', 'SW1Y 4JH');
      await waitForText(element, 'couldn’t calculate the tax', 8000);
      const failed = shadow(element).querySelector('.tax-note')!;
      expect(failed.isConnected && failed === note, 'the same live region says the failure').to.equal(true);
      expect(payButton(element).disabled).to.equal(true);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('after Try again, gives focus to what replaces the failed state: the failed state again, then the form', async () => {
    let lose = true;
    api = stubFetch(STUB_API, () => (lose ? new TypeError('Failed to fetch') : json(200, sessionJson())));
    const element = await mountCheckout('chk_fixture');
    (element as unknown as { sessionRetryDelays: number[] }).sessionRetryDelays = [1, 1];
    await waitForText(element, 'Try again', 10_000);
    const tryAgain = async () => {
      shadow(element).querySelector<HTMLButtonElement>('.state button')!.focus();
      await sendKeys({ press: 'Enter' });
    };
    // Lost again: the new failed state takes the focus its Try again had, where the next Enter retries.
    await tryAgain();
    await waitUntil(() => shadow(element).activeElement?.matches('.state[data-code]'), 'focus never came back to the failed state', { timeout: 10_000 });
    lose = false;
    await tryAgain();
    await waitForText(element, 'Analytics');
    await waitUntil(() => shadow(element).activeElement?.localName === 'form', `focus was left on ${document.activeElement?.localName}, not the form`);
    // From the form, the next Tab reaches its first control, not the top of the page.
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement?.closest('form'), 'Tab moved into the form').to.not.equal(null);
  });

  // Pay is disabled while paying, so the focus an Enter on it had is lost; the form it gives back
  // must hand it back, or a keyboard user starts again from the top of the page.
  const failedPays: Array<[string, () => Response | Error, string]> = [
    ['its answer lost', () => new TypeError('Failed to fetch'), 'Try again'],
    ['a server error (it may have been charged)', () => refusal(500, 'Internal error', 'server_error'), 'Try again'],
    ['too many payments', () => refusal(429, 'Too many requests', 'rate_limited'), 'Pay'],
  ];
  for (const [name, answer, label] of failedPays) {
    it(`gives focus back to the pay button after a Pay pressed with Enter fails: ${name}`, async () => {
      api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), answer);
      const element = await mountRecording('chk_fixture');
      await payAsNewBuyer(element, { byEnter: true });
      await waitUntil(() => shadow(element).querySelector('.pay-error[role="alert"]'), 'the failure was never said', { timeout: 8000 });
      await waitUntil(() => focusedControl() === payButton(element), `focus was left on ${focusedControl()?.localName}, not the pay button`);
      expect(payButton(element).textContent).to.contain(label);
    });
  }

  it('leaves focus in the field the customer types in when another checkout’s refund is said over the form', async () => {
    let answerHeld!: (response: Response) => void;
    const held = new Promise<Response>((resolve) => (answerHeld = resolve));
    const other = sessionJson({ id: 'chk_other', url: 'https://pay.example.test/chk_other', payments: PK });
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), () => held, json(200, other));
    try {
      const element = await mountRecording('chk_fixture');
      await payThenShowOther(element, api);
      const email = shadow(element).querySelector<HTMLInputElement>('#field-email')!;
      email.focus();
      answerHeld(refusal(409, 'The payment was refunded.', 'payment_refunded', { refundReason: 'fulfilment_failed' }));
      await waitForText(element, 'so your payment was refunded', 8000);
      await element.updateComplete;
      await nextTask();
      expect(focusedControl(), 'focus stays in the email field').to.equal(email);
    } finally {
      answerHeld(refusal(409, 'The payment was refunded.', 'payment_refunded', { refundReason: 'fulfilment_failed' }));
    }
  });

  it('after a decline, still gives focus to Stripe’s fields (not the pay button)', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), refusal(402, 'Your card was declined.', 'card_declined', { declineCode: 'generic_decline' }));
    const element = await mountRecording('chk_fixture');
    await payAsNewBuyer(element, { byEnter: true });
    await waitForText(element, 'Your card was declined.', 8000);
    await waitUntil(() => element.contains(focusedControl()), `focus was left on ${focusedControl()?.localName}, not Stripe's fields`);
  });

  it('marks English words shown for a language without a catalog as English, left to right (money still in that language)', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    for (const locale of ['sv', 'he']) {
      const element = await mountCheckout('chk_fixture', STUB_API, { locale });
      await waitForText(element, 'Choose your plan');
      const root = shadow(element).querySelector('.root')!;
      expect([root.getAttribute('lang'), root.getAttribute('dir')], locale).to.deep.equal(['en', 'ltr']);
      if (locale === 'sv') expect(shadow(element).querySelector('[data-testid="due-today"]')!.textContent).to.match(/US\$/);
    }
  });

  /**
   * The skeleton is shown while the session's read is held, then a Pay whose answer is held shows
   * the spinner; the declined card ends it. `page`: where the element is (its window's styles).
   */
  async function expectStillThroughLoadAndPay(page: { window: Window & typeof globalThis; document: Document }, mount: (element: RecordingCheckout) => Promise<RecordingCheckout>): Promise<void> {
    expect(page.window.matchMedia('(prefers-reduced-motion: reduce)').matches, 'reduced motion is asked for').to.equal(true);
    let answerSession!: (response: Response) => void;
    let answerComplete!: (response: Response) => void;
    api = stubFetchIn(
      page.window,
      STUB_API,
      () => new Promise<Response>((resolve) => (answerSession = resolve)),
      () => new Promise<Response>((resolve) => (answerComplete = resolve)),
    );
    const element = await mount(unmountedRecording('chk_fixture', STUB_API, 'en', page.document));
    // The session's read is held: the skeleton stays until it is answered.
    const skeleton = await waitForSelector(element, '.skeleton-block');
    expect(page.window.getComputedStyle(skeleton).animationName, 'the skeleton').to.equal('none');
    await waitUntil(() => answerSession, 'the session was never read');
    answerSession(json(200, sessionJson({ payments: PK })));
    await readyToPay(element);
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    const spinner = await waitForSelector(element, '.pay .spinner', 8000);
    expect(page.window.getComputedStyle(spinner).animationName, 'the spinner').to.equal('none');
    await waitUntil(() => answerComplete, 'the payment was never sent', { timeout: 8000 });
    answerComplete(refusal(402, 'Your card was declined.', 'card_declined'));
    await waitForText(element, 'Your card was declined.', 8000);
  }

  it('stops the skeleton’s pulse and the pay button’s spinner on a page opened by a customer who asks for reduced motion', async function () {
    await setReducedMotion(this, true);
    let page: SizedPage | undefined;
    try {
      // The customer's setting is on before their page loads: a document loaded now, in a frame.
      page = await framedPage({ width: 480, height: 900 });
      await expectStillThroughLoadAndPay(page, page.mount);
    } finally {
      page?.close();
      await setReducedMotion(this, false);
    }
  });

  it('stops the skeleton’s pulse and the pay button’s spinner when the customer asks for reduced motion with the page open', async function () {
    await skipIn(this, 'webkit', WEBKIT_LIVE_REDUCED_MOTION);
    await setReducedMotion(this, true);
    try {
      await expectStillThroughLoadAndPay({ window, document }, (element) => fixture(element));
    } finally {
      await setReducedMotion(this, false);
    }
  });

  describe('in forced colors (Windows high contrast)', () => {
    let forced = false;
    afterEach(async function () {
      if (forced) await setForcedColors(this as unknown as Mocha.Context, false);
      forced = false;
    });

    it('still shows which tier is chosen on its card, and a ring on the focused one', async function () {
      await setForcedColors(this, true);
      forced = true;
      expect(matchMedia('(forced-colors: active)').matches, 'forced colors are on').to.equal(true);
      api = stubFetch(STUB_API, json(200, sessionJson()));
      const element = await mountCheckout('chk_fixture');
      await waitForText(element, 'Analytics');
      const [starter, pro] = [...shadow(element).querySelectorAll<HTMLElement>('.tiers .tier')];
      const look = (tier: HTMLElement) => {
        const style = getComputedStyle(tier);
        return { border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`, shadow: style.boxShadow, outline: `${style.outlineStyle} ${style.outlineWidth}` };
      };
      expect(pro!.classList.contains('selected'), 'Pro is the chosen tier').to.equal(true);
      expect(look(pro!), 'the chosen tier looks other than the one not chosen').to.not.deep.equal(look(starter!));
    });
  });
});
