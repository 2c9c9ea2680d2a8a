// The sandbox's offline Stripe.js stand-in: Stripe's documented surface and rules that the
// element relies on (loading, Elements, validation, confirmation tokens, 3-D Secure).
import { expect, fixtureSync, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Appearance, Stripe, StripeElements, StripeElementsOptionsMode, StripePaymentElement, StripePaymentElementChangeEvent } from '@stripe/stripe-js';
import { createCheckout, sandboxUrl } from './support/sandbox.ts';

const KEY = 'pk_test_standin';
const FUTURE_EXPIRY = '12 / 34';

function stripe(): Stripe {
  return window.Stripe!(KEY);
}

interface Mounted {
  stripe: Stripe;
  elements: StripeElements;
  element: StripePaymentElement;
  container: HTMLDivElement;
  changes: StripePaymentElementChangeEvent[];
}

async function mountPayment(options: Partial<StripeElementsOptionsMode> & { appearance?: Appearance } = {}): Promise<Mounted> {
  const instance = stripe();
  const elements = instance.elements({ mode: 'payment', amount: 1900, currency: 'usd', ...options } as StripeElementsOptionsMode);
  const element = elements.create('payment');
  const changes: StripePaymentElementChangeEvent[] = [];
  element.on('change', (event) => changes.push(event));
  const ready = new Promise<void>((resolve) => element.on('ready', () => resolve()));
  const container = fixtureSync<HTMLDivElement>(html`<div></div>`);
  element.mount(container);
  await ready;
  return { stripe: instance, elements, element, container, changes };
}

/** The field whose label (its accessible name) is exactly `name`. */
function field(container: HTMLElement, name: string): HTMLInputElement | HTMLSelectElement {
  const found = [...container.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')].find((input) =>
    [...(input.labels ?? [])].some((label) => label.textContent?.trim() === name),
  );
  if (!found) throw new Error(`no field labelled "${name}"`);
  return found;
}

function enter(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function fillCard(container: HTMLElement, number: string, expiry = FUTURE_EXPIRY, cvc = '123', zip = '10001'): void {
  enter(field(container, 'Card number'), number);
  enter(field(container, 'Expiration date'), expiry);
  enter(field(container, 'Security code'), cvc);
  enter(field(container, 'Country'), 'US');
  enter(field(container, 'ZIP'), zip);
  field(container, 'ZIP').blur();
}

/** The message shown under a field, found the way assistive technology finds it. */
function problemOf(input: HTMLElement): string | null {
  const id = input.getAttribute('aria-describedby');
  const message = id ? document.getElementById(id) : null;
  if (!message || message.hidden || message.getAttribute('role') !== 'alert') return null;
  return message.textContent;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an exception');
}

describe('Stripe.js stand-in', () => {
  afterEach(() => {
    for (const dialog of document.querySelectorAll('dialog')) dialog.remove();
  });

  it('is what loadStripe() from @stripe/stripe-js/pure adopts, without a warning or a script tag', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const loaded = await loadStripe(KEY, { stripeAccount: 'acct_sandbox' });
      expect(loaded).to.not.equal(null);
      expect(typeof loaded!.elements).to.equal('function');
      expect(typeof loaded!.createConfirmationToken).to.equal('function');
      expect(typeof loaded!.handleNextAction).to.equal('function');
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.deep.equal([]);
    expect((window.Stripe as unknown as { version: string }).version).to.equal('endive');
    expect(document.querySelector('script[src^="https://js.stripe.com"]')).to.equal(null);
  });

  it('refuses a missing, secret or malformed key with an IntegrationError, as Stripe() does', () => {
    const Stripe = window.Stripe as unknown as (key: unknown) => unknown;
    for (const key of [undefined, '', 'sk_test_secret', 'not_a_key']) {
      const error = thrown(() => Stripe(key));
      expect(error.name, String(key)).to.equal('IntegrationError');
    }
    expect(thrown(() => Stripe('sk_test_secret')).message).to.contain('You should not use your secret key with Stripe.js.');
    expect(thrown(() => Stripe('')).message).to.equal('Please call Stripe() with your publishable key. You used an empty string.');
  });

  it('checks the deferred-intent options of elements() and elements.update()', () => {
    const instance = stripe();
    const create = (options: unknown) => () => instance.elements(options as StripeElementsOptionsMode);
    expect(thrown(create({ mode: 'payment', currency: 'usd' })).message).to.match(/amount/);
    expect(thrown(create({ mode: 'subscription', currency: 'usd' })).message).to.match(/amount/);
    expect(thrown(create({ mode: 'payment', amount: 100, currency: 'USD' })).message).to.match(/lowercase/);
    expect(thrown(create({ mode: 'payment', amount: 12.5, currency: 'usd' })).name).to.equal('IntegrationError');
    expect(thrown(create({ mode: 'donate', amount: 100, currency: 'usd' })).message).to.match(/mode should be one of/);
    const elements = instance.elements({ mode: 'setup', currency: 'eur' });
    expect(thrown(() => elements.update({ currency: 'EUR' })).name).to.equal('IntegrationError');
    expect(() => elements.update({ mode: 'subscription', amount: 0, currency: 'eur' })).to.not.throw();
    expect(thrown(() => instance.elements().create('payment')).message).to.contain('client secret');
  });

  it('refuses an amount its currency is not charged in, as Stripe does: KWD in tens of fils, ISK in whole krónur', () => {
    const instance = stripe();
    const create = (amount: number, currency: string) => () => instance.elements({ mode: 'payment', amount, currency });
    const refused = thrown(create(5892, 'kwd'));
    expect(refused.name).to.equal('IntegrationError');
    expect(refused.message).to.contain('KWD must be evenly divisible by 10');
    expect(thrown(create(49_950, 'isk')).message).to.contain('ISK must be evenly divisible by 100');
    for (const [amount, currency] of [[5890, 'kwd'], [50_000, 'isk'], [5892, 'huf'], [5892, 'jpy']] as const) expect(create(amount, currency)).to.not.throw();
    const elements = instance.elements({ mode: 'payment', amount: 5890, currency: 'kwd' });
    expect(thrown(() => elements.update({ amount: 5895 })).name).to.equal('IntegrationError');
  });

  it('refuses to mount in a ShadowRoot with Stripe’s exact error, and leaves the shadow tree empty', async () => {
    const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const target = document.createElement('div');
    root.append(target);
    const element = stripe().elements({ mode: 'payment', amount: 500, currency: 'usd' }).create('payment');
    const error = thrown(() => element.mount(target));
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('IntegrationError');
    expect(error.message).to.equal('Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.');
    expect(target.childNodes).to.have.length(0);
  });

  it('shows labelled card fields, a test banner naming the test cards, and fires ready after mount', async () => {
    const instance = stripe();
    const element = instance.elements({ mode: 'payment', amount: 500, currency: 'usd' }).create('payment');
    let readyEvent: unknown = null;
    element.on('ready', (event) => (readyEvent = event));
    const container = fixtureSync<HTMLDivElement>(html`<div></div>`);
    element.mount(container);
    expect(readyEvent, 'ready comes later, as from Stripe’s frame').to.equal(null);
    await waitUntil(() => readyEvent);
    expect(readyEvent).to.deep.equal({ elementType: 'payment' });

    expect(field(container, 'Card number').getAttribute('autocomplete')).to.equal('cc-number');
    expect(field(container, 'Expiration date').getAttribute('autocomplete')).to.equal('cc-exp');
    expect(field(container, 'Security code').getAttribute('autocomplete')).to.equal('cc-csc');
    expect(field(container, 'Country')).to.be.instanceOf(HTMLSelectElement);
    const banner = container.innerText;
    expect(banner).to.contain('Test stand-in for Stripe');
    for (const card of ['4242 4242 4242 4242', '4000 0000 0000 9995', '4000 0000 0000 0002', '4000 0027 6000 3184']) {
      expect(banner).to.contain(card);
    }
    await expect(container).to.be.accessible();
  });

  it('formats what is typed as Stripe does and reports change, focus and blur with Stripe’s event shapes', async () => {
    const { element, container, changes } = await mountPayment();
    const focusEvents: string[] = [];
    element.on('focus', () => focusEvents.push('focus'));
    element.on('blur', () => focusEvents.push('blur'));
    element.focus();
    expect(document.activeElement).to.equal(field(container, 'Card number'));
    await sendKeys({ type: '4242424242424242' });
    expect(field(container, 'Card number').value).to.equal('4242 4242 4242 4242');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '1234' });
    expect(field(container, 'Expiration date').value).to.equal('12 / 34');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '123' });
    expect(changes.at(-1)).to.deep.include({ elementType: 'payment', empty: false, complete: false, value: { type: 'card' } });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '10001' });
    expect(changes.at(-1)).to.deep.include({ elementType: 'payment', empty: false, complete: true, value: { type: 'card' } });
    element.blur();
    expect(focusEvents).to.deep.equal(['focus', 'blur']);

    element.clear();
    expect(field(container, 'Card number').value).to.equal('');
    expect(changes.at(-1)).to.deep.include({ empty: true, complete: false });
  });

  it('takes no typing while readOnly (on create, or by update), keeps its focus and look, and submits what it shows', async () => {
    const { stripe: instance, elements, element, container, changes } = await mountPayment();
    const number = field(container, 'Card number') as HTMLInputElement;
    const look = getComputedStyle(number).backgroundColor;
    fillCard(container, '4242 4242 4242 4242');
    const changesBefore = changes.length;
    element.update({ readOnly: true });
    element.focus();
    expect(document.activeElement, 'a read-only field still takes focus, as Stripe’s does').to.equal(number);
    await sendKeys({ type: '4000000000000002' });
    await sendKeys({ press: 'Backspace' });
    expect(number.value).to.equal('4242 4242 4242 4242');
    expect((field(container, 'Country') as HTMLSelectElement).disabled, 'a select has no read-only state').to.equal(true);
    expect(changes.length).to.equal(changesBefore);
    expect(getComputedStyle(number).backgroundColor).to.equal(look);
    expect((await elements.submit()).error).to.equal(undefined);
    const token = (await instance.createConfirmationToken({ elements })).confirmationToken!;
    expect(token.payment_method_preview.card).to.deep.include({ last4: '4242' });

    element.update({ readOnly: false });
    number.select();
    await sendKeys({ type: '4000000000000002' });
    expect(number.value).to.equal('4000 0000 0000 0002');
    expect((field(container, 'Country') as HTMLSelectElement).disabled).to.equal(false);

    const locked = instance.elements({ mode: 'payment', amount: 1900, currency: 'usd' }).create('payment', { readOnly: true });
    const lockedContainer = fixtureSync<HTMLDivElement>(html`<div></div>`);
    locked.mount(lockedContainer);
    (field(lockedContainer, 'Card number') as HTMLInputElement).focus();
    await sendKeys({ type: '4242' });
    expect((field(lockedContainer, 'Card number') as HTMLInputElement).value).to.equal('');
  });

  for (const [label, number, expiry, cvc, message] of [
    ['an empty card', '', '', '', 'Your card number is incomplete.'],
    ['a short number', '4242 4242', FUTURE_EXPIRY, '123', 'Your card number is incomplete.'],
    ['a number failing the Luhn check', '4242 4242 4242 4241', FUTURE_EXPIRY, '123', 'Your card number is invalid.'],
    ['a half-typed expiry', '4242 4242 4242 4242', '12 / 3', '123', "Your card's expiration date is incomplete."],
    ['an expiry year in the past', '4242 4242 4242 4242', '12 / 20', '123', "Your card's expiration year is in the past."],
    ['a short security code', '4242 4242 4242 4242', FUTURE_EXPIRY, '12', "Your card's security code is incomplete."],
  ] as const) {
    it(`fails elements.submit() for ${label}, with the message under the field`, async () => {
      const { elements, container } = await mountPayment({ appearance: { variables: { colorDanger: 'rgb(200, 0, 20)' } } });
      fillCard(container, number, expiry, cvc);
      const result = await elements.submit();
      expect(result.error).to.deep.include({ type: 'validation_error', message });
      const shown = ['Card number', 'Expiration date', 'Security code'].map((name) => problemOf(field(container, name)));
      expect(shown).to.include(message);
      const invalid = ['Card number', 'Expiration date', 'Security code'].map((name) => field(container, name)).find((input) => problemOf(input) === message)!;
      expect(invalid.getAttribute('aria-invalid')).to.equal('true');
      const messageNode = document.getElementById(invalid.getAttribute('aria-describedby')!)!;
      expect(getComputedStyle(messageNode).color).to.equal('rgb(200, 0, 20)');
      expect(messageNode.getBoundingClientRect().top).to.be.greaterThan(invalid.getBoundingClientRect().top);
      await expect(container).to.be.accessible();
    });
  }

  it('clears a field’s message once it is fixed, and submits a complete card', async () => {
    const { elements, container } = await mountPayment();
    fillCard(container, '4242 4242 4242 4241');
    expect((await elements.submit()).error?.message).to.equal('Your card number is invalid.');
    enter(field(container, 'Card number'), '4242 4242 4242 4242');
    expect(problemOf(field(container, 'Card number'))).to.equal(null);
    expect(await elements.submit()).to.deep.equal({ selectedPaymentMethod: 'card' });
  });

  it('speaks German with locale de: labels, placeholder, the banner and the messages, and says lang="de"', async () => {
    const { elements, container } = await mountPayment({ locale: 'de' });
    enter(field(container, 'Land'), 'DE');
    enter(field(container, 'Kartennummer'), '4242 4242 4242 4241');
    enter(field(container, 'Ablaufdatum'), '12 / 3');
    enter(field(container, 'Sicherheitscode'), '123');
    expect(field(container, 'Ablaufdatum').getAttribute('placeholder')).to.equal('MM / JJ');
    expect(container.innerText).to.contain('Test-Ersatz für Stripe: Es wird keine echte Karte belastet.');
    expect(container.innerText).to.contain('Testkarten:');
    expect(container.querySelector('[data-stripe-standin]')!.getAttribute('lang')).to.equal('de');
    expect((await elements.submit()).error?.message).to.equal('Ihre Kartennummer ist ungültig.');
    expect(problemOf(field(container, 'Ablaufdatum'))).to.equal('Das Ablaufdatum Ihrer Karte ist unvollständig.');
    // A US card asks for a ZIP code: in German, a Postleitzahl.
    enter(field(container, 'Land'), 'US');
    enter(field(container, 'Postleitzahl'), '100');
    field(container, 'Postleitzahl').blur();
    expect(problemOf(field(container, 'Postleitzahl'))).to.equal('Ihre Postleitzahl ist unvollständig.');
    await expect(container).to.be.accessible();
  });

  it('relabels on elements.update({ locale }), and has words for every language the element speaks', async () => {
    const { elements, container } = await mountPayment();
    const english = ['Card number', 'Expiration date', 'Security code', 'Country', 'ZIP'];
    const labels = () => [...container.querySelectorAll('label')].filter((label) => !label.closest('[hidden]')).map((label) => label.textContent!.trim());
    expect(labels()).to.deep.equal(english);
    const words: Record<string, { lang: string; number: string }> = {
      'fr': { lang: 'fr', number: 'Numéro de carte' },
      'de': { lang: 'de', number: 'Kartennummer' },
      'es-419': { lang: 'es', number: 'Número de tarjeta' },
      'it': { lang: 'it', number: 'Numero della carta' },
      'pt-BR': { lang: 'pt-BR', number: 'Número do cartão' },
      'nl': { lang: 'nl', number: 'Kaartnummer' },
      'ja': { lang: 'ja', number: 'カード番号' },
      'ar': { lang: 'ar', number: 'رقم البطاقة' },
    };
    for (const [locale, { lang, number }] of Object.entries(words)) {
      elements.update({ locale: locale as never });
      const shown = labels();
      expect(shown[0], locale).to.equal(number);
      shown.forEach((label, index) => expect(label, `${locale}: ${english[index]}`).to.not.be.oneOf(['', 'undefined', english[index]]));
      expect(container.querySelector('[data-stripe-standin]')!.getAttribute('lang')).to.equal(lang);
      expect(container.innerText, locale).to.not.contain('Test stand-in for Stripe');
      expect(container.innerText, locale).to.not.contain('undefined');
    }
    elements.update({ locale: 'en' });
    expect(labels()).to.deep.equal(english);
  });

  it('asks for elements.submit() before a confirmation token, as Stripe does', async () => {
    const { stripe: instance, elements, container } = await mountPayment();
    fillCard(container, '4242 4242 4242 4242');
    const error = await rejection(instance.createConfirmationToken({ elements }));
    expect(error.name).to.equal('IntegrationError');
    expect(error.message).to.contain('elements.submit() must be called before stripe.createConfirmationToken()');
    await elements.submit();
    enter(field(container, 'Security code'), '456');
    expect((await rejection(instance.createConfirmationToken({ elements }))).name, 'a change after submit needs a new submit').to.equal(
      'IntegrationError',
    );
  });

  for (const [card, outcome] of [
    ['4242 4242 4242 4242', 'succeeds'],
    ['4000 0000 0000 9995', 'insufficient_funds'],
    ['4000 0000 0000 0002', 'card_declined'],
    ['4000 0027 6000 3184', 'threeds'],
    ['5555 5555 5555 4444', 'succeeds'],
  ] as const) {
    it(`makes a confirmation token for ${card} that says ${outcome}`, async () => {
      const { stripe: instance, elements, container } = await mountPayment();
      fillCard(container, card);
      expect((await elements.submit()).error).to.equal(undefined);
      const result = await instance.createConfirmationToken({
        elements,
        params: { return_url: 'https://shop.example.test/return', payment_method_data: { billing_details: { name: 'Ada Lovelace', email: 'ada@example.com' } } },
      });
      expect(result.error).to.equal(undefined);
      const token = result.confirmationToken!;
      expect(token.id).to.match(new RegExp(`^ctoken_test_${outcome}_[0-9a-f]{16,}$`));
      expect(token.object).to.equal('confirmation_token');
      expect(token.livemode).to.equal(false);
      expect(token.return_url).to.equal('https://shop.example.test/return');
      expect(token.payment_method_preview.type).to.equal('card');
      expect(token.payment_method_preview.card).to.deep.include({ last4: card.slice(-4), exp_month: 12, exp_year: 2034 });
      expect(token.payment_method_preview.billing_details).to.deep.include({ name: 'Ada Lovelace', email: 'ada@example.com' });
      expect(token.payment_method_preview.billing_details.address).to.deep.include({ country: 'US', postal_code: '10001' });
    });
  }

  it('warns once on the console when the sandbox refuses to register a token (a billing name over 500 characters), and still makes the token', async () => {
    const { stripe: instance, elements, container } = await mountPayment();
    fillCard(container, '4242 4242 4242 4242');
    expect((await elements.submit()).error).to.equal(undefined);
    const warnings: unknown[][] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const refused = await instance.createConfirmationToken({ elements, params: { payment_method_data: { billing_details: { name: 'A'.repeat(501) } } } });
      expect(refused.confirmationToken?.id).to.match(/^ctoken_test_succeeds_/);
      expect(warnings.length).to.equal(1);
      expect(String(warnings[0]?.[0])).to.match(/stand-in.*did not register.*billing_details\.name/s);
      const registered = await instance.createConfirmationToken({ elements, params: { payment_method_data: { billing_details: { name: 'Ada Lovelace' } } } });
      expect(registered.confirmationToken?.id).to.match(/^ctoken_test_succeeds_/);
      expect(warnings.length).to.equal(1, 'a token registered says nothing');
    } finally {
      console.warn = originalWarn;
    }
  });

  it('leaves the billing address to the page with fields.billingDetails.address "never", and then requires it', async () => {
    const instance = stripe();
    const elements = instance.elements({ mode: 'subscription', amount: 0, currency: 'usd' });
    const element = elements.create('payment', { fields: { billingDetails: { address: 'never' } } });
    const container = fixtureSync<HTMLDivElement>(html`<div></div>`);
    element.mount(container);
    expect(() => field(container, 'Country')).to.throw();
    expect(() => field(container, 'ZIP')).to.throw();
    enter(field(container, 'Card number'), '4242 4242 4242 4242');
    enter(field(container, 'Expiration date'), FUTURE_EXPIRY);
    enter(field(container, 'Security code'), '123');
    expect(await elements.submit()).to.deep.equal({ selectedPaymentMethod: 'card' });

    const missing = await rejection(instance.createConfirmationToken({ elements, params: { payment_method_data: { billing_details: { name: 'Ada' } } } }));
    expect(missing.name).to.equal('IntegrationError');
    expect(missing.message).to.contain('billing_details.address.line1');

    const address = { line1: '1 Main St', line2: '', city: 'Paris', state: '', postal_code: '75001', country: 'FR' };
    const { confirmationToken } = await instance.createConfirmationToken({ elements, params: { payment_method_data: { billing_details: { address } } } });
    expect(confirmationToken!.payment_method_preview.billing_details.address).to.deep.equal(address);
    element.destroy();
  });

  it('offers an address element that Stripe’s rules and submit() cover too', async () => {
    const elements = stripe().elements({ mode: 'payment', amount: 500, currency: 'usd' });
    expect(thrown(() => elements.create('address', {} as never)).message).to.contain('mode should be one of');
    const element = elements.create('address', { mode: 'billing' });
    const values: Array<{ complete: boolean; value: { name: string; address: { line1: string; country: string } } }> = [];
    element.on('change', (event) => values.push(event));
    const container = fixtureSync<HTMLDivElement>(html`<div></div>`);
    element.mount(container);
    const result = await elements.submit();
    expect(result.error).to.deep.include({ type: 'validation_error', message: 'This field is incomplete.' });
    expect(problemOf(field(container, 'Full name'))).to.equal('This field is incomplete.');
    enter(field(container, 'Country'), 'US');
    enter(field(container, 'Full name'), 'Ada Lovelace');
    enter(field(container, 'Address line 1'), '1 Main St');
    enter(field(container, 'City'), 'New York');
    enter(field(container, 'State'), 'NY');
    enter(field(container, 'ZIP'), '10001');
    expect(values.at(-1)).to.deep.include({ complete: true });
    expect(values.at(-1)!.value).to.deep.include({ name: 'Ada Lovelace' });
    expect(values.at(-1)!.value.address).to.deep.include({ line1: '1 Main St', country: 'US' });
    expect(await elements.submit()).to.deep.equal({});
    await expect(container).to.be.accessible();
    element.destroy();
  });

  it('paints the fields with appearance.variables, and again after elements.update()', async () => {
    const { elements, container } = await mountPayment({
      appearance: {
        theme: 'night',
        variables: { colorText: 'rgb(240, 241, 242)', colorBackground: 'rgb(20, 22, 30)', borderRadius: '12px', fontFamily: 'Georgia, serif', inputColorBorder: 'rgb(102, 110, 130)' },
      },
    });
    const number = field(container, 'Card number');
    expect(getComputedStyle(number).backgroundColor).to.equal('rgb(20, 22, 30)');
    expect(getComputedStyle(number).borderTopColor).to.equal('rgb(102, 110, 130)');
    expect(getComputedStyle(number).color).to.equal('rgb(240, 241, 242)');
    expect(getComputedStyle(number).borderTopLeftRadius).to.equal('12px');
    expect(getComputedStyle(number).fontFamily).to.contain('Georgia');
    expect(getComputedStyle(number.labels![0]!).color).to.equal('rgb(240, 241, 242)');
    await expect(container).to.be.accessible();

    await elements.update({ appearance: { theme: 'stripe', variables: { colorPrimary: 'rgb(255, 99, 71)', colorBackground: 'rgb(255, 255, 255)' } } });
    expect(getComputedStyle(number).backgroundColor).to.equal('rgb(255, 255, 255)');
    number.focus();
    expect(getComputedStyle(number).borderTopColor).to.equal('rgb(255, 99, 71)');
  });

  it('destroy() leaves nothing behind and makes later calls fail as Stripe’s do', async () => {
    const { elements, element, container, changes } = await mountPayment();
    expect(elements.getElement('payment')).to.equal(element);
    element.destroy();
    expect(container.childNodes).to.have.length(0);
    expect(container.className).to.equal('');
    expect(elements.getElement('payment')).to.equal(null);
    const before = changes.length;
    for (const call of [() => element.mount(container), () => element.focus(), () => element.on('change', () => undefined)]) {
      const error = thrown(call);
      expect(error.name).to.equal('IntegrationError');
      expect(error.message).to.contain('destroyed');
    }
    expect(changes).to.have.length(before);
    // The group can make a new one in its place.
    const again = elements.create('payment');
    again.mount(container);
    expect(container.querySelectorAll('input').length).to.be.greaterThan(0);
    again.destroy();
  });

  it('passes Enter in its fields on as one cancelable submit of the form around it, and submits that form unless cancelled, as Stripe does', async () => {
    const instance = stripe();
    const elements = instance.elements({ mode: 'payment', amount: 1900, currency: 'usd' });
    const element = elements.create('payment');
    const ready = new Promise<void>((resolve) => element.on('ready', () => resolve()));
    const page = fixtureSync<HTMLDivElement>(html`<div>
      <form action="${sandboxUrl}/" target="standin-enter-sink"><div class="mount"></div><button type="submit">Page’s own</button></form>
      <iframe name="standin-enter-sink"></iframe>
    </div>`);
    const form = page.querySelector('form')!;
    const container = page.querySelector<HTMLDivElement>('.mount')!;
    element.mount(container);
    await ready;
    const submits: Event[] = [];
    let cancel = true;
    form.addEventListener('submit', (event) => {
      submits.push(event);
      if (cancel) event.preventDefault();
    });
    const buttonClicks: Event[] = [];
    form.querySelector('button')!.addEventListener('click', (event) => buttonClicks.push(event));

    field(container, 'Card number').focus();
    await sendKeys({ press: 'Enter' });
    expect(submits, 'one submit, not also the page’s implicit one').to.have.length(1);
    expect(submits[0]!.cancelable).to.equal(true);
    expect(submits[0]!.target).to.equal(form);
    expect(buttonClicks, 'the page’s default button is not pressed').to.have.length(0);
    field(container, 'Country').focus();
    await sendKeys({ press: 'Enter' });
    expect(submits, 'Enter in the country picker').to.have.length(1);

    cancel = false;
    const sink = page.querySelector('iframe')!;
    const loaded = new Promise((resolve) => sink.addEventListener('load', resolve, { once: true }));
    field(container, 'ZIP').focus();
    await sendKeys({ press: 'Enter' });
    await loaded;
    expect(submits).to.have.length(2);
    element.destroy();
  });

  it('unmount() empties the container, and the element can be mounted again', async () => {
    const { element, container } = await mountPayment();
    element.unmount();
    expect(container.childNodes).to.have.length(0);
    const other = fixtureSync<HTMLDivElement>(html`<div></div>`);
    element.mount(other);
    expect(field(other, 'Card number')).to.exist;
    element.destroy();
  });

  it('treats caller strings as text: a selector that matches nothing is an IntegrationError, not markup', async () => {
    const element = stripe().elements({ mode: 'setup', currency: 'usd' }).create('payment');
    const error = thrown(() => element.mount('#nothing-here<img src=x>'));
    expect(error.name).to.equal('IntegrationError');
    expect(document.querySelector('img[src="x"]')).to.equal(null);
  });

  it('refuses a malformed client secret in handleNextAction without opening a challenge', async () => {
    const error = await rejection(stripe().handleNextAction({ clientSecret: 'not-a-secret' }));
    expect(error.name).to.equal('IntegrationError');
    expect(document.querySelector('dialog')).to.equal(null);
  });

  describe('3-D Secure against the sandbox', function () {
    this.timeout(20_000);

    /** A real pending payment: a checkout completed with a 3-D Secure test card's token. */
    async function pendingPayment(card = '4000 0027 6000 3184'): Promise<{ checkoutId: string; clientSecret: string; paymentIntentId: string; stripe: Stripe }> {
      const checkout = await createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: 'https://shop.example.test/thanks' });
      const { stripe: instance, elements, container } = await mountPayment({ mode: 'subscription', amount: 1900, currency: 'usd' });
      fillCard(container, card);
      await elements.submit();
      const { confirmationToken } = await instance.createConfirmationToken({ elements, params: { return_url: 'https://shop.example.test/return?step=pay' } });
      const response = await fetch(`${sandboxUrl}/api/public/checkout/${checkout.id}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          confirmation_token: confirmationToken!.id,
          return_url: 'https://shop.example.test/return',
          selections: [{ product_id: 'prod_analytics', plan_id: 'plan_analytics_starter', quantity: 1 }],
          currency: 'usd',
          customer: { name: 'Ada Lovelace', email: `ada+${Date.now()}@example.com` },
        }),
      });
      const answer = (await response.json()) as { data: { status: string; payment_intent: { id: string; status: string; client_secret: string } } };
      expect(answer.data.status).to.equal('requires_action');
      expect(answer.data.payment_intent.status).to.equal('requires_action');
      const { id, client_secret: clientSecret } = answer.data.payment_intent;
      return { checkoutId: checkout.id, clientSecret, paymentIntentId: id, stripe: instance };
    }

    function finalize(checkoutId: string, paymentIntentId: string): Promise<Response> {
      return fetch(`${sandboxUrl}/api/public/checkout/${checkoutId}/finalize`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ payment_intent_id: paymentIntentId }),
      });
    }

    function challengeButton(text: string): HTMLButtonElement | undefined {
      return [...document.querySelectorAll<HTMLButtonElement>('dialog[open] button')].find((button) => button.textContent?.trim() === text);
    }

    it('completes the challenge from the keyboard, and the payment can be finalized', async () => {
      const { checkoutId, clientSecret, paymentIntentId } = await pendingPayment();
      const trigger = fixtureSync<HTMLButtonElement>(html`<button>Pay</button>`);
      trigger.focus();
      const action = stripe().handleNextAction({ clientSecret });
      await waitUntil(() => challengeButton('Complete authentication'), 'no challenge');
      const dialog = document.querySelector<HTMLDialogElement>('dialog[open]')!;
      expect(dialog.parentElement).to.equal(document.body);
      expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.contain('3D Secure');
      expect(challengeButton('Fail authentication')).to.exist;
      expect(dialog.contains(document.activeElement)).to.equal(true);
      await expect(dialog).to.be.accessible();
      expect(document.activeElement).to.equal(challengeButton('Complete authentication'));
      await sendKeys({ press: 'Enter' });

      const result = await action;
      expect(result.error).to.equal(undefined);
      expect(result.paymentIntent!.id).to.equal(clientSecret.split('_secret_')[0]);
      expect(['requires_confirmation', 'succeeded']).to.include(result.paymentIntent!.status);
      expect(document.querySelector('dialog')).to.equal(null);
      expect(document.activeElement, 'focus goes back where it was').to.equal(trigger);
      const finalized = await finalize(checkoutId, paymentIntentId);
      expect(finalized.status).to.equal(200);
      expect(((await finalized.json()) as { data: { status: string } }).data.status).to.equal('succeeded');
    });

    it('fails the challenge with Stripe’s authentication error, and the payment is declined at finalize', async () => {
      const { checkoutId, clientSecret, paymentIntentId } = await pendingPayment();
      const action = stripe().handleNextAction({ clientSecret });
      await waitUntil(() => challengeButton('Fail authentication'), 'no challenge');
      challengeButton('Fail authentication')!.click();
      const result = await action;
      expect(result.paymentIntent).to.equal(undefined);
      expect(result.error).to.deep.include({
        type: 'card_error',
        code: 'payment_intent_authentication_failure',
        message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      });
      expect(document.querySelector('dialog')).to.equal(null);
      const finalized = await finalize(checkoutId, paymentIntentId);
      expect(finalized.status).to.equal(402);
      expect(((await finalized.json()) as { code: string }).code).to.equal('authentication_failed');
    });

    it('speaks the language Stripe() was given in its own authentication error, as Stripe.js does', async () => {
      const { clientSecret } = await pendingPayment();
      const action = window.Stripe!(KEY, { locale: 'de' }).handleNextAction({ clientSecret });
      await waitUntil(() => challengeButton('Fail authentication'), 'no challenge');
      challengeButton('Fail authentication')!.click();
      const result = await action;
      expect(result.error?.message).to.equal('Wir können Ihre Zahlungsmethode nicht authentifizieren. Bitte wählen Sie eine andere Zahlungsmethode und versuchen Sie es erneut.');
    });

    it('leaves for the test bank with the redirect card: no challenge, the bank’s address names the payment and the return_url', async () => {
      const { clientSecret, paymentIntentId, stripe: instance } = await pendingPayment('4000 0000 0000 3063');
      const left: string[] = [];
      const stay = (event: Event) => {
        event.preventDefault();
        left.push((event as CustomEvent<{ url: string }>).detail.url);
      };
      window.addEventListener('stripe-standin-redirect', stay);
      try {
        void instance.handleNextAction({ clientSecret });
        await waitUntil(() => left.length === 1, 'the stand-in did not leave for the bank');
      } finally {
        window.removeEventListener('stripe-standin-redirect', stay);
      }
      expect(document.querySelector('dialog')).to.equal(null);
      const bank = new URL(left[0]!);
      expect(bank.origin + bank.pathname).to.equal(`${new URL(sandboxUrl).origin}/sandbox/stripe/bank`);
      expect(Object.fromEntries(bank.searchParams)).to.deep.equal({
        payment_intent: paymentIntentId,
        client_secret: clientSecret,
        return_url: 'https://shop.example.test/return?step=pay',
      });
      const page = await fetch(left[0]!);
      expect(page.status).to.equal(200);
      expect(await page.text()).to.contain('Test bank');
    });

    it('counts Escape as failing the challenge, as closing Stripe’s challenge does', async () => {
      const { checkoutId, clientSecret, paymentIntentId } = await pendingPayment();
      const action = stripe().handleNextAction({ clientSecret });
      await waitUntil(() => challengeButton('Complete authentication'), 'no challenge');
      await sendKeys({ press: 'Escape' });
      expect((await action).error?.code).to.equal('payment_intent_authentication_failure');
      expect(document.querySelector('dialog')).to.equal(null);
      expect((await finalize(checkoutId, paymentIntentId)).status).to.equal(402);
    });
  });
});
