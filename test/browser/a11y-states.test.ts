// Accessibility of the states the element gained after its first reviews, as a keyboard or screen
// reader user meets them: where focus goes when each appears (never lost to the page's <body>, the
// field at fault after a refused Pay, the address's state or region too), what the live regions say
// (once, in the language shown), and an axe check in each: a tax that could not be calculated and
// its Try again, a success that stays with its Continue link (an earlier payment went through), a
// refund said over the form, a price changed while the tax is asked again, a payment refused 429, a
// kept payment resumed after a reload and found not finished, a page's step that refused the
// payment, Arabic's right to left, and forced colors.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from './support/wait.ts';
import { setForcedColors } from './support/engine.ts';
import { ar } from '../../src/i18n/ar.ts';
import {
  STUB_API,
  fillCard,
  fillField,
  focusedControl,
  json,
  mountRecording,
  paidAnswer,
  payAsNewBuyer,
  payButton,
  refusal,
  sessionJson,
  shadow,
  untaxedQuote,
  waitForSelector,
  waitForText,
  type Json,
  type RecordingCheckout,
} from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };
const WITH_ADDRESS = { payments: PK, collect: { name: true, email: true, address: true, phone: false } };

/** What the element's polite status region says now. */
const said = (element: RecordingCheckout) => shadow(element).querySelector('.root > [role="status"]')!.textContent!.trim();

/** The alerts the element shows, by their words. */
const alerts = (element: RecordingCheckout) => [...shadow(element).querySelectorAll('[role="alert"]')].map((alert) => alert.textContent!.replace(/\s+/g, ' ').trim());

/** Waits until focus is on `target` (looking through shadow roots); the failure names where it went. */
async function focusReaches(target: () => Element | null | undefined, what: string): Promise<void> {
  try {
    await waitUntil(() => focusedControl() === target(), what);
  } catch {
    const focused = focusedControl();
    throw new Error(`${what}: focus went to ${focused ? `<${focused.localName}${focused.id ? ` id="${focused.id}"` : ''}${focused.className ? ` class="${focused.className}"` : ''}>` : 'nothing'}`);
  }
}

/**
 * Answers the element's public routes under STUB_API by path: the session (`session`), a quote
 * (`quote`: its answer to the request's body; untaxed by default), complete and finalize (each the next of `pays`, the last
 * repeating). Restored after each test.
 */
function route(session: Json, { quote, pays = [] }: { quote?: (body: unknown) => Response | Error | Promise<Response>; pays?: Array<() => Response | Promise<Response>> } = {}) {
  const realFetch = window.fetch;
  let paid = 0;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(STUB_API)) return realFetch(input, init);
    if (url.endsWith('/quote')) {
      const body: unknown = JSON.parse(String(init!.body));
      const answer = quote ? await quote(body) : untaxedQuote(session, body);
      if (answer instanceof Error) throw answer;
      return answer;
    }
    if (url.endsWith('/complete') || url.endsWith('/finalize')) return pays[Math.min(paid++, pays.length - 1)]!();
    return json(200, session);
  };
  restore = () => (window.fetch = realFetch);
}
let restore: (() => void) | null = null;

/** A payment this tab kept at its finalize (its bank was asking when the page reloaded), resumed by the next element for chk_fixture. */
function keepPaymentAtTheBank(): void {
  const kept = {
    v: 1,
    checkoutId: 'chk_fixture',
    savedAt: Date.now(),
    completeKey: crypto.randomUUID(),
    finalizeKey: crypto.randomUUID(),
    stage: 'finalize',
    paymentIntentId: 'pi_kept',
    request: {
      selections: [
        { productId: 'prod_analytics', planId: 'plan_pro', quantity: 1 },
        { productId: 'prod_seats', planId: 'plan_seat', quantity: 1 },
      ],
      currency: 'usd',
      confirmationToken: 'ctoken_kept',
      returnUrl: 'https://shop.example.test/pricing',
      amountDue: 5900,
    },
  };
  sessionStorage.setItem('paid-checkout:attempt:chk_fixture', JSON.stringify(kept));
}

/** Types a New York billing address (no state: optional). */
function typeUsAddress(element: RecordingCheckout): void {
  fillField(element, 'line1', '1 Main Street');
  fillField(element, 'city', 'New York');
  fillField(element, 'country', 'US');
  fillField(element, 'postalCode', '10001');
}

/** A new buyer with the address typed pays with Enter on Pay, once the quote for that address has come. */
async function payWithAddress(element: RecordingCheckout): Promise<void> {
  fillField(element, 'name', 'Ada Lovelace');
  fillField(element, 'email', 'ada@example.com');
  await fillCard(element, '4242 4242 4242 4242');
  await waitUntil(() => !payButton(element).disabled, 'Pay never enabled (the quote)', { timeout: 8000 });
  payButton(element).focus();
  await sendKeys({ press: 'Enter' });
}

describe('paid-checkout accessibility of the newer states', function () {
  this.timeout(20_000);
  afterEach(() => {
    restore?.();
    restore = null;
  });

  it('after a Pay that finds the address’s state or region too long, focuses that field, not the form', async () => {
    route(sessionJson(WITH_ADDRESS));
    const element = await mountRecording('chk_fixture');
    await waitForSelector(element, '#field-state');
    typeUsAddress(element);
    // Longer than the 200 characters the server takes; the field itself holds 500.
    fillField(element, 'state', 'N'.repeat(201));
    await payWithAddress(element);
    const state = await waitForSelector(element, '#field-state[aria-invalid="true"]', 8000);
    await focusReaches(() => state, 'the State field at fault has focus');
  });

  it('keeps focus in the summary when the tax’s Try again goes as it asks again: a failure again, Tab reaches Try again; each state passes axe', async () => {
    let failing = true;
    const session = sessionJson(WITH_ADDRESS);
    route(session, { quote: (body) => (failing ? new TypeError('Failed to fetch') : reverseCharge(session, body)) });
    const element = await mountRecording('chk_fixture');
    await waitForSelector(element, '#field-postalCode');
    fillField(element, 'country', 'DE');
    fillField(element, 'postalCode', '10115');
    const note = await waitForSelector(element, '.tax-note[data-tax="failed"]', 8000);
    await expect(element).to.be.accessible();

    note.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitForSelector(element, '.tax-note[data-tax="waiting"]');
    await focusReaches(() => shadow(element).querySelector('.summary'), 'the summary has focus as the tax is asked again');
    await expect(element).to.be.accessible();

    await waitForSelector(element, '.tax-note[data-tax="failed"]', 8000);
    await sendKeys({ press: 'Tab' });
    expect(focusedControl(), 'the next Tab reaches Try again').to.equal(shadow(element).querySelector('.tax-note button'));

    failing = false;
    await sendKeys({ press: 'Enter' });
    await waitForText(element, 'VAT reverse charge', 8000);
    expect(shadow(element).activeElement, 'focus is still in the summary').to.equal(shadow(element).querySelector('.summary'));
    await expect(element).to.be.accessible();
  });

  it('after Continue on a success that stays (an earlier payment went through), keeps focus in the success and says it is leaving; it passes axe', async () => {
    // The tab kept a payment left unfinished, still waiting for its bank when the load asks; the Pay that replaces it is answered that it went through.
    sessionStorage.setItem('paid-checkout:unfinished:chk_fixture', JSON.stringify({ id: 'pi_left', at: Date.now() }));
    route(sessionJson({ payments: PK }), { pays: [() => refusal(409, 'The payment still needs 3-D Secure authentication.', 'requires_action'), () => paidAnswer({ redirect_url: 'https://shop.example.test/thanks', payment_intent: { id: 'pi_left', status: 'succeeded' } })] });
    const element = await mountRecording('chk_fixture');
    await payAsNewBuyer(element, { byEnter: true });
    const onwards = await waitForSelector<HTMLAnchorElement>(element, '.success a.back', 8000);
    await focusReaches(() => shadow(element).querySelector('.success'), 'the success has focus');
    expect(said(element)).to.equal('Payment successful. Your earlier payment went through, so nothing more was charged.');
    await expect(element).to.be.accessible();

    await sendKeys({ press: 'Tab' });
    expect(focusedControl(), 'Tab reaches Continue').to.equal(onwards);
    await sendKeys({ press: 'Enter' });
    expect(element.navigations).to.have.length(1);
    await waitForText(element, 'Taking you back…');
    await focusReaches(() => shadow(element).querySelector('.success'), 'the success has focus once Continue went');
    expect(said(element), 'the live region says it is leaving').to.equal('Taking you back…');
  });

  it('says a refund over the form once, as an alert; the payment section keeps focus while Stripe’s fields come again, then Tab reaches them; it passes axe', async () => {
    route(sessionJson({ payments: PK }), { pays: [() => refusal(409, 'The payment was refunded.', 'payment_refunded', { refundReason: 'fulfilment_failed' })] });
    const element = await mountRecording('chk_fixture');
    await payAsNewBuyer(element, { byEnter: true });
    await waitForText(element, 'so your payment was refunded', 8000);
    await element.updateComplete;
    expect(alerts(element)).to.deep.equal(['We couldn’t record your order, so your payment was refunded.']);
    expect(said(element), 'not said twice').to.not.contain('refunded');
    // The session was read again (its price may have moved): Pay is disabled until Stripe's fields are back.
    await focusReaches(() => shadow(element).querySelector('.payment'), 'the payment section has focus');
    await waitUntil(() => element.querySelector('[slot="payment"] input'), 'the card fields never came back', { timeout: 8000 });
    await sendKeys({ press: 'Tab' });
    expect(element.contains(focusedControl()), 'the next Tab reaches the card fields').to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('after a Pay refused for a changed price, while the tax is asked again (Pay disabled), gives focus to the payment section; it passes axe', async () => {
    const session = sessionJson(WITH_ADDRESS);
    let quotes = 0;
    let answerQuote!: () => void;
    const quoteHeld = new Promise<void>((resolve) => (answerQuote = resolve));
    route(session, {
      // The second quote, asked after the refusal, waits until the test has looked at focus.
      quote: async (body) => ((quotes += 1) === 1 ? untaxedQuote(session, body) : quoteHeld.then(() => untaxedQuote(session, body))),
      pays: [() => refusal(409, 'The price changed.', 'amount_changed', { amountDue: 6100, now: new Date().toISOString() })],
    });
    const element = await mountRecording('chk_fixture');
    await waitForSelector(element, '#field-postalCode');
    typeUsAddress(element);
    await payWithAddress(element);
    await waitForSelector(element, '.pay-error[data-code="amount_changed"]', 8000);
    expect(payButton(element).disabled, 'Pay waits for the new quote').to.equal(true);
    await focusReaches(() => shadow(element).querySelector('.payment'), 'the payment section has focus');
    expect(alerts(element)).to.deep.equal(['The price changed.']);
    await expect(element).to.be.accessible();
    answerQuote();
    await waitUntil(() => !payButton(element).disabled, 'Pay never came back', { timeout: 8000 });
  });

  it('says a payment refused 429 as an alert, and the form passes axe', async () => {
    route(sessionJson({ payments: PK }), { pays: [() => refusal(429, 'Too many requests', 'rate_limited')] });
    const element = await mountRecording('chk_fixture');
    await payAsNewBuyer(element, { byEnter: true });
    await waitForText(element, 'Too many payments', 8000);
    expect(alerts(element)).to.have.length(1);
    expect(said(element)).to.equal('');
    await expect(element).to.be.accessible();
  });

  it('says the page’s words when its paid-checkout-before-confirm refuses, gives focus back to Pay, and passes axe', async () => {
    route(sessionJson({ payments: PK }));
    const element = await mountRecording('chk_fixture');
    element.addEventListener('paid-checkout-before-confirm', (event) => event.detail.waitUntil(Promise.reject(new Error('Accept the terms first.'))));
    await payAsNewBuyer(element, { byEnter: true });
    await waitForText(element, 'Accept the terms first.', 8000);
    expect(alerts(element)).to.deep.equal(['Accept the terms first.']);
    expect(said(element)).to.equal('');
    await focusReaches(() => payButton(element), 'the pay button has focus');
    await expect(element).to.be.accessible();
  });

  for (const locale of ['en', 'ar']) {
    it(`resumes a payment kept over a reload busy and said, then says it was not finished as an alert and focuses the card fields (${locale}); both pass axe`, async () => {
      keepPaymentAtTheBank();
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      route(sessionJson({ payments: PK }), { pays: [() => answered.then(() => refusal(409, 'The payment requires action.', 'requires_action'))] });
      const element = await mountRecording('chk_fixture', STUB_API, locale);
      const words = locale === 'ar' ? (ar as Record<string, string>) : null;
      await waitForText(element, words?.['pay.resuming'] ?? 'Resuming your payment…', 8000);
      const root = shadow(element).querySelector('.root')!;
      expect([root.getAttribute('lang'), root.getAttribute('dir')]).to.deep.equal(locale === 'ar' ? ['ar', 'rtl'] : ['en', 'ltr']);
      expect(shadow(element).querySelector('form')!.getAttribute('aria-busy'), 'busy while it is finished').to.equal('true');
      expect(said(element)).to.equal(words?.['pay.resuming'] ?? 'Resuming your payment…');
      await waitUntil(() => element.querySelector('[slot="payment"] input'), 'the card fields never mounted', { timeout: 8000 });
      await expect(element).to.be.accessible();

      answer();
      const notFinished = words?.['error.payment_not_finished'] ?? 'Your payment wasn’t finished. Nothing was charged. Try again, or choose another way to pay.';
      await waitForText(element, notFinished, 8000);
      expect(alerts(element)).to.deep.equal([notFinished]);
      expect(said(element), 'not said twice').to.equal('');
      expect(shadow(element).querySelector('form')!.getAttribute('aria-busy')).to.equal('false');
      await focusReaches(() => (element.contains(focusedControl()) ? focusedControl() : element.querySelector('[slot="payment"] input')), 'the card fields have focus');
      await expect(element).to.be.accessible();
    });
  }

  it('in forced colors, keeps the tax’s Try again outlined, and it and the back link (styled as Continue) ringed when reached by keyboard', async function () {
    await setForcedColors(this, true);
    try {
      const session = sessionJson(WITH_ADDRESS);
      route(session, { quote: () => new TypeError('Failed to fetch') });
      const element = await mountRecording('chk_fixture');
      await waitForSelector(element, '#field-postalCode');
      fillField(element, 'country', 'GB');
      fillField(element, 'postalCode', 'SW1Y 4JH');
      const retry = await waitForSelector<HTMLButtonElement>(element, '.tax-note button', 8000);
      const back = shadow(element).querySelector<HTMLAnchorElement>('a.back')!;
      // Each is reached by the keyboard: Tab from it to the next control, then Shift+Tab back to it
      // (Shift+Tab from the first control would leave the page, and Firefox's next Tab would then
      // go on from where focus left, past it).
      for (const control of [back, retry]) {
        control.focus();
        await sendKeys({ press: 'Tab' });
        await sendKeys({ down: 'Shift' });
        await sendKeys({ press: 'Tab' });
        await sendKeys({ up: 'Shift' });
        // Compared, not handed to the assertion: a failure that carries an element to the runner
        // never reaches it from Firefox (the file hangs until the runner's timeout).
        const reached = focusedControl();
        expect(reached === control, `${control.textContent!.trim()} has focus, not ${reached?.localName}.${reached?.className}`).to.equal(true);
        const style = getComputedStyle(control);
        expect(control.matches(':focus-visible'), `${control.textContent!.trim()} matches :focus-visible`).to.equal(true);
        expect([style.outlineStyle, parseFloat(style.outlineWidth) >= 2], `${control.textContent!.trim()}’s ring`).to.deep.equal(['solid', true]);
        expect(style.outlineColor, `${control.textContent!.trim()}’s ring is drawn`).to.not.match(/rgba\(.*, 0\)$|transparent/);
        expect(style.color, `${control.textContent!.trim()}’s words are drawn`).to.not.equal(style.backgroundColor);
      }
      expect(getComputedStyle(retry).borderTopStyle, 'Try again keeps its outline').to.equal('solid');
    } finally {
      await setForcedColors(this, false);
    }
  });

  it('says a payment resumed over a reload in the language the page switches to while it is finished, as its button does', async () => {
    keepPaymentAtTheBank();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    route(sessionJson({ payments: PK }), { pays: [() => answered.then(() => paidAnswer())] });
    const element = await mountRecording('chk_fixture');
    await waitForText(element, 'Resuming your payment…', 8000);
    element.locale = 'ar';
    await element.updateComplete;
    expect(payButton(element).textContent!.trim(), 'the button').to.equal(ar['pay.resuming']);
    expect(said(element), 'the status region').to.equal(ar['pay.resuming']);
    answer();
    await waitForText(element, ar['success.title'] as string, 8000);
    expect(said(element)).to.equal(ar['status.succeeded']);
  });
});

/** The untaxed quote for the order asked (`body`), as an EU business's: no VAT, a reverse charge. */
async function reverseCharge(session: Json, body: unknown): Promise<Response> {
  const quote = (await untaxedQuote(session, body).json()) as { data: Json };
  return json(200, { ...quote, data: { ...quote.data, reverse_charge: true } });
}
