// The pay flow against a stubbed public API and the Stripe stand-in: one request however often
// Pay is pressed, the same Idempotency-Key on a retry, declines, 3-D Secure, and the events.
import { expect, fixtureSync, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import {
  authenticate,
  STUB_API,
  actionAnswer,
  fillCard,
  fillField,
  json,
  mountRecording,
  paidAnswer,
  payButton,
  payByKeyboard,
  paymentField,
  readyToPay,
  record,
  refusal,
  sessionJson,
  shadow,
  stubFetch,
  unmountedRecording,
  visibleText,
  waitForText,
  wrapStripeElements,
  type StubbedFetch,
} from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };

// Records, for each elements.submit(), whether it ran inside the click that started the payment.
// Installed before anything in this page loads Stripe; the objects stay the stand-in's own.
const submitsInClick: boolean[] = [];
let clicking = false;
wrapStripeElements((group) => {
  const submit = group.submit;
  group.submit = () => {
    submitsInClick.push(clicking);
    return submit.call(group);
  };
});
const succeeded = (amountDue = 5900) => paidAnswer({ amount_due: amountDue });


/**
 * The stand-in reports the challenge's answer to the sandbox; with the public API stubbed there
 * is no payment intent there, so that report is answered here, as the sandbox would.
 */
function stubAuthenticationRoute(): { restore: () => void } {
  const realFetch = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!/\/sandbox\/stripe\/payment_intents\/[^/]+\/authenticate$/.test(url)) return realFetch(input, init);
    const { outcome } = JSON.parse(String(init?.body)) as { outcome: string };
    return json(200, { id: url.split('/').at(-2), status: outcome === 'succeeded' ? 'requires_confirmation' : 'requires_payment_method' });
  };
  return { restore: () => (window.fetch = realFetch) };
}

function completes(api: StubbedFetch) {
  return api.calls.filter((call) => call.url.endsWith('/complete'));
}

describe('paid-checkout paying', () => {
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  async function ready(...answers: Parameters<typeof stubFetch>[1][]) {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), ...answers);
    const element = await mountRecording('chk_fixture');
    await readyToPay(element);
    return element;
  }

  it('names the amount on the pay button', async () => {
    const element = await ready();
    expect(payButton(element).textContent).to.contain('Pay $59.00');
    await expect(element).to.be.accessible();
  });

  it('mounts Stripe in its own light DOM through the payment slot', async () => {
    const element = await ready();
    const container = element.querySelector('[slot="payment"]')!;
    expect(container.parentElement).to.equal(element);
    expect(shadow(element).querySelector('slot[name="payment"]')).to.exist;
  });

  it('sends one complete in Paid’s wire terms with an Idempotency-Key and fires complete with the lines, customer and totals', async () => {
    const element = await ready(succeeded());
    const completeEvents = record(element, 'paid-checkout-complete');
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitForText(element, 'Thank you');
    const [complete] = completes(api!);
    expect(complete!.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    const { confirmation_token: token, ...body } = complete!.body as { confirmation_token: string };
    expect(token).to.match(/^ctoken_test_succeeds_/);
    expect(body).to.deep.equal({
      // This page, naming the checkout: a bank's return may come back to it showing another one.
      return_url: `${location.href}&paid_checkout_id=chk_fixture`,
      selections: [
        { product_id: 'prod_analytics', plan_id: 'plan_pro', quantity: 1 },
        { product_id: 'prod_seats', plan_id: 'plan_seat', quantity: 1 },
      ],
      currency: 'usd',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: null, address: null },
      amount_due: 5900,
    });
    expect(completeEvents).to.have.length(1);
    const { detail } = completeEvents[0]!;
    expect(detail).to.deep.include({
      checkoutId: 'chk_fixture',
      orderId: 'ord_1',
      invoiceId: 'inv_1',
      customerId: 'cus_new',
      redirectUrl: 'https://shop.example.test/thanks?checkout=chk_fixture',
      navigates: true,
      amountDue: 5900,
      currency: 'usd',
    });
    expect(detail.customer).to.deep.equal({ id: 'cus_new', name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(detail.lines.map((line) => [line.productName, line.planName, line.quantity, line.amountDueToday])).to.deep.equal([
      ['Analytics', 'Pro', 1, 4900],
      ['Team seats', 'Seat', 1, 1000],
    ]);
    expect(detail.recurring[0]).to.deep.include({ interval: 'month', amount: 5900 });
    expect(completeEvents[0]!.cancelable && completeEvents[0]!.composed && completeEvents[0]!.bubbles).to.equal(true);
    expect(element.navigations).to.deep.equal(['https://shop.example.test/thanks?checkout=chk_fixture']);
    expect(element.querySelector('[slot="payment"]')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('follows the server’s redirect_url when it gives one, and templates successUrl when that is not http(s)', async () => {
    for (const [redirect, expected] of [
      ['https://shop.example.test/welcome?order=ord_1', 'https://shop.example.test/welcome?order=ord_1'],
      ['javascript:alert(1)', 'https://shop.example.test/thanks?checkout=chk_fixture'],
    ]) {
      api?.restore();
      const element = await ready(paidAnswer({ redirect_url: redirect }));
      const completeEvents = record(element, 'paid-checkout-complete');
      fillField(element, 'name', 'Ada Lovelace');
      fillField(element, 'email', 'ada@example.com');
      await fillCard(element, '4242424242424242');
      payButton(element).click();
      await waitForText(element, 'Thank you');
      expect(completeEvents[0]!.detail.redirectUrl, redirect).to.equal(expected);
      expect(element.navigations, redirect).to.deep.equal([expected]);
    }
  });

  it('calls elements.submit() inside the click, before anything asynchronous', async () => {
    const element = await ready(succeeded());
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    submitsInClick.length = 0;
    clicking = true;
    payButton(element).click();
    clicking = false;
    expect(submitsInClick).to.deep.equal([true]);
    await waitForText(element, 'Thank you');
  });

  it('while paying: Pay is disabled and busy, the live region says so, and axe passes; then focus lands on the result', async () => {
    let answer: (response: Response) => void = () => {};
    const element = await ready(() => new Promise<Response>((resolve) => (answer = resolve)));
    const status = shadow(element).querySelector('[role="status"]')!;
    expect(status.textContent).to.contain('Checkout ready');
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    payButton(element).focus();
    payButton(element).click();
    await element.updateComplete;
    expect(payButton(element).disabled).to.equal(true);
    expect(payButton(element).textContent).to.contain('Processing');
    expect(shadow(element).querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    expect(status.textContent).to.contain('Processing your payment');
    await waitUntil(() => completes(api!).length === 1, 'complete never sent');
    await expect(element).to.be.accessible();
    answer(paidAnswer({ amount_due: 5900, receipt_email: 'ada@example.com' }));
    await waitForText(element, 'Thank you');
    expect(status.textContent).to.contain('Payment successful');
    expect(shadow(element).activeElement?.classList.contains('state')).to.equal(true);
    expect(visibleText(element)).to.contain('A receipt is on its way to ada@example.com');
    expect(visibleText(element)).to.contain('$59.00');
  });

  it('promises no receipt when the server does not say it sent one', async () => {
    const element = await ready(() => succeeded());
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    payButton(element).click();
    await waitForText(element, 'Thank you');
    expect(visibleText(element)).to.contain('Your payment was successful.');
    expect(visibleText(element)).not.to.contain('receipt');
  });

  it('collects phone and billing address when the session asks, prices the tax for it, and charges that', async () => {
    const quote = {
      success: true,
      data: {
        amount: 7080,
        currency: 'usd',
        subtotal: 5900,
        tax: 1180,
        lines: [
          { kind: 'new', subtotal: 4900, total: 5880, tax_rate: { inclusive: false } },
          { kind: 'new', subtotal: 1000, total: 1200, tax_rate: { inclusive: false } },
        ],
        tax_lines: [{ name: 'vat', jurisdiction: 'GB', basis_points: 2000, inclusive: false, amount: 1180 }],
        recurring: [],
        reverse_charge: false,
        now: new Date().toISOString(),
      },
    };
    api = stubFetch(
      STUB_API,
      json(200, sessionJson({ payments: PK, collect: { name: true, email: true, phone: true, address: true } })),
      json(200, quote),
      succeeded(7080),
    );
    const element = await mountRecording('chk_fixture');
    await readyToPay(element);
    const autocomplete = (field: string) => shadow(element).querySelector<HTMLInputElement>(`#field-${field}`)!.getAttribute('autocomplete');
    expect(['name', 'email', 'phone', 'line1', 'line2', 'city', 'postalCode', 'state', 'country'].map(autocomplete)).to.deep.equal([
      'name',
      'email',
      'tel',
      'address-line1',
      'address-line2',
      'address-level2',
      'postal-code',
      'address-level1',
      'country',
    ]);
    expect(shadow(element).querySelector('fieldset.address legend')!.textContent).to.contain('Billing address');
    // Stripe's fields do not ask for the address a second time.
    const stripeFields = [...element.querySelectorAll<HTMLElement>('[slot="payment"] input, [slot="payment"] select')];
    expect(stripeFields.filter((field) => field.checkVisibility()).map((field) => field.getAttribute('autocomplete'))).to.deep.equal([
      'cc-number',
      'cc-exp',
      'cc-csc',
    ]);
    await expect(element).to.be.accessible();

    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    fillField(element, 'phone', '+44 20 7946 0000');
    fillField(element, 'line1', '12 St James’s Square');
    fillField(element, 'city', 'London');
    fillField(element, 'postalCode', 'SW1Y 4JH');
    fillField(element, 'country', 'GB');
    // Until the server's quote has come, the summary says where tax stands and Pay names no amount.
    await element.updateComplete;
    expect(visibleText(element)).to.contain('Calculating tax');
    await waitForText(element, 'VAT 20% (United Kingdom)');
    expect(visibleText(element)).to.contain('$11.80');
    expect(payButton(element).textContent).to.contain('Pay $70.80');
    const quotes = api!.calls.filter((call) => call.url.endsWith('/quote'));
    expect(quotes.length, 'one quote for the settled address').to.equal(1);
    expect(quotes[0]!.body).to.deep.include({ address: { country: 'GB', postal_code: 'SW1Y 4JH', state: null }, tax_id: null });
    await fillCard(element, '4242424242424242');
    payButton(element).click();
    await waitForText(element, 'Thank you');
    const [complete] = completes(api!);
    expect((complete!.body as { amount_due: number }).amount_due, 'the quoted amount, tax included').to.equal(7080);
    expect((complete!.body as { customer: unknown }).customer).to.deep.equal({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      address: { line1: '12 St James’s Square', line2: null, city: 'London', state: null, postal_code: 'SW1Y 4JH', country: 'GB' },
      tax_id: null,
    });
  });

  it('can be bought with the keyboard alone, tier choice included', async () => {
    const element = await ready(succeeded(3900));
    const changes = record(element, 'paid-checkout-change');
    const typed = await payByKeyboard(element, { name: 'Grace Hopper', email: 'grace@example.com', card: '4242424242424242' });
    await waitForText(element, 'Thank you');
    expect(typed.some((label) => /card number/i.test(label))).to.equal(true);
    expect(changes.length).to.be.greaterThan(0);
    const [complete] = completes(api!);
    expect((complete!.body as { customer: unknown }).customer).to.deep.include({ name: 'Grace Hopper', email: 'grace@example.com' });
    expect((complete!.body as { selections: Array<{ plan_id: string }> }).selections[0]!.plan_id).to.equal(
      changes.at(-1)!.detail.selections[0]!.planId,
    );
  });

  it('does not navigate when the page cancels the complete event', async () => {
    const element = await ready(succeeded());
    element.addEventListener('paid-checkout-complete', (event) => event.preventDefault());
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    payButton(element).click();
    await waitForText(element, 'Thank you');
    // Where the test above sees the navigation, none here.
    expect(element.navigations).to.deep.equal([]);
    expect(visibleText(element)).to.not.contain('Taking you back');
  });

  it('sends one request for ten clicks within 50 ms', async () => {
    let release: (response: Response) => void = () => {};
    const element = await ready(() => new Promise<Response>((resolve) => (release = resolve)));
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    const button = payButton(element);
    for (let click = 0; click < 10; click += 1) {
      button.click();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Answered only after every click, however slow the machine: once the request is on its way
    // (the token is made first, a round trip to Stripe's stand-in), not before it is sent.
    await waitUntil(() => completes(api!).length > 0, 'Pay never sent its complete');
    release(succeeded());
    await waitForText(element, 'Thank you');
    expect(completes(api!)).to.have.length(1);
  });

  it('submits once when Enter is pressed in a field', async () => {
    const element = await ready(succeeded());
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    shadow(element).querySelector<HTMLInputElement>('#field-email')!.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await waitForText(element, 'Thank you');
    expect(completes(api!)).to.have.length(1);
  });

  it('pays once when Enter is pressed in Stripe’s fields, as Pay does, and not again while that payment is under way', async () => {
    let release: (response: Response) => void = () => {};
    const element = await ready(() => new Promise<Response>((resolve) => (release = resolve)));
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    paymentField(element, /card number/i).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => completes(api!).length === 1, 'Enter in Stripe’s fields sent nothing');
    expect(payButton(element).disabled, 'Pay while the payment is under way').to.equal(true);
    await sendKeys({ press: 'Enter' });
    release(succeeded());
    await waitForText(element, 'Thank you');
    expect(completes(api!)).to.have.length(1);
  });

  it('keeps Enter in Stripe’s fields inside the element when the page has put it in a form of its own', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), succeeded());
    const element = unmountedRecording('chk_fixture');
    // fixtureSync: fixture() of a plain element waits for an animation frame, which Chromium never
    // gives this page while it is in the background (another test file running beside it).
    const pageForm = fixtureSync<HTMLFormElement>(html`<form action="https://shop.example.test/search">${element}</form>`);
    const pageSubmits: Event[] = [];
    pageForm.addEventListener('submit', (event) => {
      event.preventDefault();
      pageSubmits.push(event);
    });
    await readyToPay(element);
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    paymentField(element, /security code/i).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => completes(api!).length > 0 || pageSubmits.length > 0, 'Enter in Stripe’s fields did nothing');
    expect(pageSubmits, 'submits of the page’s form').to.have.length(0);
    await waitForText(element, 'Thank you');
    expect(completes(api!)).to.have.length(1);
  });

  it('says nothing about a field left empty until Pay, but flags a wrong email as soon as it is left', async () => {
    const element = await ready();
    const name = shadow(element).querySelector<HTMLInputElement>('#field-name')!;
    name.focus();
    name.dispatchEvent(new Event('blur'));
    await element.updateComplete;
    expect(name.getAttribute('aria-invalid')).to.equal('false');
    fillField(element, 'email', 'ada@');
    await element.updateComplete;
    const email = shadow(element).querySelector<HTMLInputElement>('#field-email')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element).getElementById(email.getAttribute('aria-describedby')!)!.textContent).to.contain('valid email');
    // Fixed while typing: the message goes at once.
    email.value = 'ada@example.com';
    email.dispatchEvent(new Event('input'));
    await element.updateComplete;
    expect(email.getAttribute('aria-invalid')).to.equal('false');
    expect(email.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('validates its own fields inline, focuses the first invalid one, and sends nothing', async () => {
    const element = await ready();
    const errors = record(element, 'paid-checkout-error');
    fillField(element, 'email', 'not-an-email');
    await fillCard(element, '4242424242424242');
    payButton(element).click();
    await waitUntil(() => shadow(element).activeElement?.id === 'field-name', 'focus never moved to the name field');
    const name = shadow(element).querySelector<HTMLInputElement>('#field-name')!;
    const email = shadow(element).querySelector<HTMLInputElement>('#field-email')!;
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element).getElementById(name.getAttribute('aria-describedby')!)!.textContent).to.contain('Enter your full name');
    expect(shadow(element).getElementById(email.getAttribute('aria-describedby')!)!.textContent).to.contain('valid email');
    expect(name.autocomplete).to.equal('name');
    expect(email.autocomplete).to.equal('email');
    expect(completes(api!)).to.have.length(0);
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['validation_error']);
    await expect(element).to.be.accessible();

    fillField(element, 'name', 'Ada');
    await element.updateComplete;
    expect(name.getAttribute('aria-invalid')).to.equal('false');
  });

  it('shows a field the server refuses under that field, and focuses it', async () => {
    const element = await ready(
      refusal(400, 'The request was refused: customer.email must be an email address.', 'validation_error', {
        fields: [{ field: 'customer.email', message: 'must be an email address' }],
      }),
      succeeded(),
    );
    const errors = record(element, 'paid-checkout-error');
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@localhost.invalid');
    await fillCard(element, '4242424242424242');
    payButton(element).click();
    await waitUntil(() => shadow(element).activeElement?.id === 'field-email', 'focus never moved to the email field');
    const email = shadow(element).querySelector<HTMLInputElement>('#field-email')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element).getElementById(email.getAttribute('aria-describedby')!)!.textContent).to.contain('valid email');
    expect(shadow(element).querySelector('.payment [role="alert"]')).to.equal(null);
    expect(errors.at(-1)!.detail.code).to.equal('validation_error');
    await expect(element).to.be.accessible();

    fillField(element, 'email', 'ada@example.com');
    (await readyToPay(element)).click();
    await waitForText(element, 'Thank you');
  });

  it('shows the decline next to the payment fields and lets the customer try again with a new attempt', async () => {
    const element = await ready(
      refusal(402, 'Your card has insufficient funds.', 'card_declined', { declineCode: 'insufficient_funds' }),
      succeeded(),
    );
    const errors = record(element, 'paid-checkout-error');
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4000 0000 0000 9995');
    payButton(element).click();
    await waitForText(element, 'insufficient funds');
    const alert = shadow(element).querySelector('.payment [role="alert"]')!;
    expect(alert.textContent).to.contain('Your card has insufficient funds.');
    expect(errors.at(-1)!.detail).to.deep.equal({ code: 'card_declined', message: 'Your card has insufficient funds.', recoverable: true });
    await expect(element).to.be.accessible();

    await fillCard(element, '4242424242424242');
    (await readyToPay(element)).click();
    await waitForText(element, 'Thank you');
    const [first, second] = completes(api!);
    expect(first!.headers.get('idempotency-key')).to.not.equal(second!.headers.get('idempotency-key'));
  });

  it('resends the same attempt (same key, same token) after a network failure', async () => {
    const element = await ready(new TypeError('Failed to fetch'), succeeded());
    const errors = record(element, 'paid-checkout-error');
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    payButton(element).click();
    await waitForText(element, 'couldn’t reach the server');
    expect(errors.at(-1)!.detail).to.include({ code: 'network_error', recoverable: true });
    // While the outcome is unknown, choices are locked and the button resends the attempt.
    expect(shadow(element).querySelector<HTMLFieldSetElement>('fieldset.tiers')!.disabled).to.equal(true);
    expect(payButton(element).textContent).to.contain('Try again');
    payButton(element).click();
    await waitForText(element, 'Thank you');
    const [first, second] = completes(api!);
    expect(second!.headers.get('idempotency-key')).to.equal(first!.headers.get('idempotency-key'));
    expect(second!.body).to.deep.equal(first!.body);
  });

  it('resends the same attempt after a 500', async () => {
    const element = await ready(refusal(500, 'Something went wrong.', 'internal_error'), succeeded());
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    payButton(element).click();
    await waitForText(element, 'server had a problem');
    payButton(element).click();
    await waitForText(element, 'Thank you');
    const [first, second] = completes(api!);
    expect(second!.headers.get('idempotency-key')).to.equal(first!.headers.get('idempotency-key'));
  });

  it('runs 3-D Secure, then finalize naming the authenticated payment, and completes only after finalize', async () => {
    const element = await ready(actionAnswer('pi_123'), succeeded());
    const authentication = stubAuthenticationRoute();
    try {
      const finalizedBeforeComplete: boolean[] = [];
      element.addEventListener('paid-checkout-complete', () =>
        finalizedBeforeComplete.push(api!.calls.some((call) => call.url.endsWith('/finalize'))),
      );
      fillField(element, 'name', 'Ada Lovelace');
      fillField(element, 'email', 'ada@example.com');
      await fillCard(element, '4000 0027 6000 3184');
      payButton(element).click();
      await authenticate('Complete authentication');
      await waitForText(element, 'Thank you', 8000);
      const finalize = api!.calls.find((call) => call.url.endsWith('/finalize'))!;
      expect(finalize.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
      expect(finalize.headers.get('idempotency-key')).to.not.equal(completes(api!)[0]!.headers.get('idempotency-key'));
      expect(finalize.body).to.deep.equal({ payment_intent_id: 'pi_123' });
      expect(finalizedBeforeComplete).to.deep.equal([true]);
    } finally {
      authentication.restore();
    }
  });

  it('keeps the checkout open with authentication_failed when 3-D Secure fails', async () => {
    const element = await ready(actionAnswer('pi_123'));
    const authentication = stubAuthenticationRoute();
    try {
      const errors = record(element, 'paid-checkout-error');
      fillField(element, 'name', 'Ada Lovelace');
      fillField(element, 'email', 'ada@example.com');
      await fillCard(element, '4000 0027 6000 3184');
      payButton(element).click();
      await authenticate('Fail authentication');
      await waitUntil(() => errors.some((event) => event.detail.code === 'authentication_failed'), 'no authentication_failed', { timeout: 8000 });
      expect(shadow(element).querySelector('.payment [role="alert"]')!.textContent).to.contain('unable to authenticate');
      expect(api!.calls.filter((call) => call.url.endsWith('/finalize'))).to.have.length(0);
      await readyToPay(element);
    } finally {
      authentication.restore();
    }
  });

  it('after a failed challenge, the next Pay asks how that payment ended, then names it, so a single-use link stays this buyer’s', async () => {
    const refused = json(402, { error: 'We are unable to authenticate your payment method.', code: 'authentication_failed' });
    const element = await ready(actionAnswer('pi_123'), refused, succeeded());
    const authentication = stubAuthenticationRoute();
    try {
      const completes = record(element, 'paid-checkout-complete');
      fillField(element, 'name', 'Ada Lovelace');
      fillField(element, 'email', 'ada@example.com');
      await fillCard(element, '4000 0027 6000 3184');
      payButton(element).click();
      await authenticate('Fail authentication');
      await readyToPay(element);
      payButton(element).click();
      await waitUntil(() => completes.length === 1, 'no paid-checkout-complete', { timeout: 8000 });
      const bodies = api!.calls.filter((call) => call.url.endsWith('/complete')).map((call) => call.body as Record<string, unknown>);
      expect(bodies).to.have.length(2);
      expect(bodies[0]).to.not.have.property('replaces_payment_intent_id');
      expect(bodies[1]!.replaces_payment_intent_id).to.equal('pi_123');
      const sent = api!.calls.slice(1).map((call) => `${call.url.split('/').pop()} ${JSON.stringify(call.body)}`);
      expect(sent.map((line) => line.split(' ')[0])).to.deep.equal(['complete', 'finalize', 'complete']);
      expect(sent[1]).to.equal('finalize {"payment_intent_id":"pi_123"}');
    } finally {
      authentication.restore();
    }
  });

  it('says plainly that someone else is paying with a single-use link (409 payment_in_progress), and charges nothing', async () => {
    const element = await ready(json(409, { error: 'Someone has already started paying with this link.', code: 'payment_in_progress' }));
    const errors = record(element, 'paid-checkout-error');
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitUntil(() => errors.some((event) => event.detail.code === 'payment_in_progress'), 'no payment_in_progress', { timeout: 8000 });
    // The catalog's words (every language has them), not the server's English sentence.
    expect(shadow(element).querySelector('.payment [role="alert"]')!.textContent).to.contain('Someone is already paying with this link.');
    await readyToPay(element);
  });

  it('updates the Stripe amount and currency on every change', async () => {
    const element = await ready();
    const changes = record(element, 'paid-checkout-change');
    const starter = shadow(element).querySelector<HTMLInputElement>('input[type="radio"][value="plan_starter"]')!;
    starter.click();
    await element.updateComplete;
    expect(changes.at(-1)!.detail).to.deep.equal({
      selections: [
        { productId: 'prod_analytics', planId: 'plan_starter', quantity: 1 },
        { productId: 'prod_seats', planId: 'plan_seat', quantity: 1 },
      ],
      currency: 'usd',
      amountDue: 2900,
    });
    expect(payButton(element).textContent).to.contain('Pay $29.00');
    const currency = shadow(element).querySelector<HTMLSelectElement>('#currency')!;
    currency.value = 'eur';
    currency.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(changes.at(-1)!.detail.currency).to.equal('eur');
    expect(changes.at(-1)!.detail.amountDue).to.equal(2700);
    expect(payButton(element).textContent).to.match(/27[.,]00/);
    expect(shadow(element).querySelector('[data-testid="due-today"]')!.textContent).to.contain('€');
  });
});
