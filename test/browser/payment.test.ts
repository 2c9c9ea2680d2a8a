// The pay flow against a stubbed public API and the Stripe stand-in: one request however often
// Pay is pressed, the same Idempotency-Key on a retry, declines, 3-D Secure, and the events.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
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
  visibleText,
  waitForText,
  type StubbedFetch,
} from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };
const succeeded = (amountDue = 5900) =>
  json(200, { status: 'succeeded', checkoutId: 'chk_fixture', orderId: 'ord_1', customerId: 'cus_new', amountDue, currency: 'usd' });

/** Answers the stand-in's 3-D Secure challenge, where it shows one. */
async function authenticate(answer: 'Complete authentication' | 'Fail authentication'): Promise<void> {
  const find = () => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === answer);
  try {
    await waitUntil(find, '', { timeout: 3000 });
  } catch {
    return;
  }
  find()!.click();
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

  it('sends one complete with an Idempotency-Key and fires complete with the lines, customer and totals', async () => {
    const element = await ready(succeeded());
    const completeEvents = record(element, 'paid-checkout-complete');
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitForText(element, 'Thank you');
    const [complete] = completes(api!);
    expect(complete!.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(complete!.body).to.deep.include({
      selections: [
        { productId: 'prod_analytics', planId: 'plan_pro', quantity: 1 },
        { productId: 'prod_seats', planId: 'plan_seat', quantity: 1 },
      ],
      currency: 'usd',
    });
    expect((complete!.body as { customer: unknown }).customer).to.deep.include({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect((complete!.body as { confirmationToken: string }).confirmationToken).to.match(/^ctoken_/);
    expect(completeEvents).to.have.length(1);
    const { detail } = completeEvents[0]!;
    expect(detail).to.deep.include({
      checkoutId: 'chk_fixture',
      orderId: 'ord_1',
      customerId: 'cus_new',
      redirectUrl: 'https://shop.example.test/thanks?checkout=chk_fixture',
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

  it('does not navigate when the page cancels the complete event', async () => {
    const element = await ready(succeeded());
    element.addEventListener('paid-checkout-complete', (event) => event.preventDefault());
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    payButton(element).click();
    await waitForText(element, 'Thank you');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(element.navigations).to.deep.equal([]);
    expect(visibleText(element)).to.not.contain('Taking you back');
  });

  it('sends one request for ten clicks within 50 ms', async () => {
    const element = await ready(() => new Promise((resolve) => setTimeout(() => resolve(succeeded()), 100)));
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242424242424242');
    const button = payButton(element);
    for (let click = 0; click < 10; click += 1) {
      button.click();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
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

  it('shows the decline next to the payment fields and lets the customer try again with a new attempt', async () => {
    const element = await ready(
      json(402, { error: { code: 'card_declined', message: 'Your card has insufficient funds.', declineCode: 'insufficient_funds' } }),
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
    const element = await ready(json(500, { error: { code: 'internal', message: 'boom' } }), succeeded());
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

  it('runs 3-D Secure, then finalize, and completes only after finalize', async () => {
    const element = await ready(json(200, { status: 'requires_action', clientSecret: 'pi_123_secret_456' }), succeeded());
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
    expect(finalizedBeforeComplete).to.deep.equal([true]);
  });

  it('keeps the checkout open with authentication_failed when 3-D Secure fails', async () => {
    (window as unknown as { __fakeFailAuth: boolean }).__fakeFailAuth = true;
    try {
      const element = await ready(json(200, { status: 'requires_action', clientSecret: 'pi_123_secret_456' }));
      const errors = record(element, 'paid-checkout-error');
      fillField(element, 'name', 'Ada Lovelace');
      fillField(element, 'email', 'ada@example.com');
      await fillCard(element, '4000 0027 6000 3184');
      payButton(element).click();
      await authenticate('Fail authentication');
      await waitUntil(() => errors.some((event) => event.detail.code === 'authentication_failed'), 'no authentication_failed', { timeout: 8000 });
      expect(shadow(element).querySelector('.payment [role="alert"]')).to.exist;
      expect(api!.calls.filter((call) => call.url.endsWith('/finalize'))).to.have.length(0);
      await readyToPay(element);
    } finally {
      (window as unknown as { __fakeFailAuth: boolean }).__fakeFailAuth = false;
    }
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
