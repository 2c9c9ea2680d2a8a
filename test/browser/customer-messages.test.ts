// What a customer reads under a field the rules refuse for a reason they could not guess: a value
// longer than the field holds, and an email address with letters card payments cannot take.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import {
  STUB_API,
  fillCard,
  fillField,
  json,
  mountRecording,
  payButton,
  readyToPay,
  record,
  sessionJson,
  shadow,
  stubFetch,
  type StubbedFetch,
} from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };

function messageUnder(element: HTMLElement, field: string): string | null {
  const input = shadow(element as never).querySelector<HTMLInputElement>(`#field-${field}`)!;
  if (input.getAttribute('aria-invalid') !== 'true') return null;
  return shadow(element as never).getElementById(input.getAttribute('aria-describedby')!)!.textContent;
}

describe('paid-checkout field messages', () => {
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  async function ready(locale = 'en') {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })));
    const element = await mountRecording('chk_fixture', STUB_API, locale);
    await readyToPay(element);
    return element;
  }

  it('marks every field the rules require as required, and only those: the second address line, the state and the VAT number may stay empty', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK, collect: { name: true, email: true, phone: true, address: true } })));
    const element = await mountRecording('chk_fixture', STUB_API, 'en');
    await readyToPay(element);
    // A VAT country, so that the VAT number field is shown too.
    fillField(element, 'country', 'FR');
    fillField(element, 'postalCode', '75001');
    await waitUntil(() => shadow(element as never).querySelector('#field-taxId'), 'the VAT number field never showed');
    const controls = [...shadow(element as never).querySelectorAll<HTMLInputElement | HTMLSelectElement>('[id^="field-"]')];
    const required = Object.fromEntries(controls.map((control) => [control.name, control.required]));
    expect(required).to.deep.equal({
      name: true,
      email: true,
      phone: true,
      line1: true,
      line2: false,
      city: true,
      postalCode: true,
      state: false,
      country: true,
      taxId: false,
    });
  });

  it('says how long a name may be when it is longer, and sends nothing', async () => {
    const element = await ready();
    fillField(element, 'name', 'A'.repeat(201));
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    const errors = record(element, 'paid-checkout-error');
    payButton(element).click();
    // The payment is given up after Stripe's own check answers: only then can "nothing sent" be seen.
    await waitUntil(() => errors.length > 0, 'Pay never ended');
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['validation_error']);
    expect(messageUnder(element, 'name')).to.equal('Use at most 200 characters.');
    expect(api!.calls.filter((call) => call.url.endsWith('/complete'))).to.have.length(0);

    fillField(element, 'name', 'A'.repeat(200));
    await element.updateComplete;
    expect(messageUnder(element, 'name')).to.equal(null);
  });

  it('says an email address with accents or non-Latin letters cannot be used, rather than that it is invalid', async () => {
    const element = await ready();
    for (const address of ['josé@example.com', 'user@bücher.de']) {
      fillField(element, 'email', address);
      await element.updateComplete;
      expect(messageUnder(element, 'email'), address).to.equal('Use an email address without accents or non-Latin letters.');
    }
    fillField(element, 'email', 'ada@');
    await element.updateComplete;
    expect(messageUnder(element, 'email')).to.contain('valid email');
  });

  it('says both in French', async () => {
    const element = await ready('fr');
    fillField(element, 'name', 'A'.repeat(201));
    fillField(element, 'email', 'josé@example.com');
    await element.updateComplete;
    expect(messageUnder(element, 'name')).to.equal('Utilisez au plus 200 caractères.');
    expect(messageUnder(element, 'email')).to.equal('Utilisez une adresse e-mail sans accents ni lettres non latines.');
  });
});
