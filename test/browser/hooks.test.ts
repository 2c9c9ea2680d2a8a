// The hooks a page has on a payment: `state` and paid-checkout-statechange (with the webhook a
// change mirrors), the `debug` attribute's log, and paid-checkout-before-confirm, whose
// waitUntil() holds the payment for the page's own step and whose refusal charges nothing.
// Against the sandbox; money facts are read from it as a merchant would.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { createCheckout, sandboxUrl } from './support/sandbox.ts';
import { moneyFacts } from './support/money.ts';
import { fillCard, fillField, payButton, readyToPay, record, unmountedRecording, type RecordingCheckout, shadow, visibleText, waitForText } from './helpers.ts';
import type { PaidCheckoutStatus } from '../../src/events.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

async function mount(checkoutId: string, debug = false) {
  const element = unmountedRecording(checkoutId, sandboxUrl);
  element.debug = debug;
  const changes = record(element, 'paid-checkout-statechange');
  const completes = record(element, 'paid-checkout-complete');
  const initial = element.state.status;
  await fixture(element);
  return { element, changes, completes, initial };
}

async function newCheckout() {
  return (await createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL })).id;
}

async function fillAndPay(element: RecordingCheckout, card: string, email = `ada+hooks-${Date.now()}@example.com`) {
  await readyToPay(element, 8000);
  fillField(element, 'name', 'Ada Lovelace');
  fillField(element, 'email', email);
  await fillCard(element, card);
  payButton(element).click();
}

const statuses = (changes: Array<{ detail: { state: { status: PaidCheckoutStatus } } }>) => changes.map((event) => event.detail.state.status);

describe('state and paid-checkout-statechange', function () {
  this.timeout(30_000);

  it('go loading → ready → paying → succeeded, with each status’s data, and succeeded mirrors billing-checkout-completed', async () => {
    const id = await newCheckout();
    const { element, changes, completes, initial } = await mount(id);
    expect(initial).to.equal('loading');
    await readyToPay(element, 8000);
    const ready = element.state;
    expect(ready.status).to.equal('ready');
    if (ready.status !== 'ready') return;
    expect(ready.checkoutId).to.equal(id);
    expect(ready.amountDue).to.be.greaterThan(0);
    expect(ready.error).to.equal(null);
    await fillAndPay(element, '4242 4242 4242 4242');
    await waitUntil(() => element.state.status === 'succeeded', 'never succeeded', { timeout: 10_000 });
    expect(statuses(changes)).to.deep.equal(['ready', 'paying', 'succeeded']);
    const last = changes.at(-1)!.detail;
    expect(last.previous).to.equal('paying');
    expect(last.webhook).to.equal('billing-checkout-completed');
    const state = element.state;
    if (state.status !== 'succeeded') return;
    expect(state.orderId).to.equal(completes[0]!.detail.orderId);
    expect(state.customerId).to.equal(completes[0]!.detail.customerId);
  });

  it('say requires_action with the payment’s id while the bank asks (3-D Secure)', async () => {
    const { element, changes } = await mount(await newCheckout());
    await fillAndPay(element, '4000 0027 6000 3184');
    const completeButton = () => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Complete authentication');
    await waitUntil(completeButton, 'no challenge', { timeout: 8000 });
    await waitUntil(() => element.state.status === 'requires_action', 'not requires_action');
    const state = element.state;
    expect(state.status === 'requires_action' && state.paymentIntentId).to.match(/^pi_/);
    completeButton()!.click();
    await waitUntil(() => element.state.status === 'succeeded', 'never succeeded', { timeout: 10_000 });
    expect(statuses(changes)).to.deep.equal(['ready', 'paying', 'requires_action', 'paying', 'succeeded']);
  });

  it('a declined card is ready again with its error, mirroring billing-payment-failed', async () => {
    const { element, changes } = await mount(await newCheckout());
    await fillAndPay(element, '4000 0000 0000 0002');
    await waitForText(element, 'Your card was declined.', 8000);
    await waitUntil(() => changes.length === 3, 'no third change');
    const last = changes.at(-1)!.detail;
    expect(last.state.status).to.equal('ready');
    expect(last.state.status === 'ready' && last.state.error?.code).to.equal('card_declined');
    expect(last.webhook).to.equal('billing-payment-failed');
  });

  it('a checkout that cannot be shown is failed with its error', async () => {
    const { element, changes } = await mount('chk_does_not_exist_0000000000');
    await waitUntil(() => element.state.status === 'failed', 'never failed', { timeout: 8000 });
    const state = element.state;
    expect(state.status === 'failed' && state.error.code).to.equal('not_found');
    expect(statuses(changes)).to.deep.equal(['failed']);
  });

  it('the debug attribute logs each change to the console, and only with it', async () => {
    const logged: unknown[][] = [];
    const info = console.info;
    console.info = (...args: unknown[]) => {
      if (String(args[0]).startsWith('[paid-checkout]')) logged.push(args);
      else info.apply(console, args);
    };
    try {
      const quiet = await mount(await newCheckout());
      await readyToPay(quiet.element, 8000);
      expect(logged).to.deep.equal([]);
      const element = await fixture<RecordingCheckout>(
        Object.assign(document.createElement('recording-checkout'), { apiBase: sandboxUrl, locale: 'en' }) as RecordingCheckout,
      );
      element.setAttribute('debug', '');
      element.checkoutId = await newCheckout();
      await readyToPay(element, 8000);
      expect(logged.map((args) => args[0])).to.include('[paid-checkout] failed → loading').and.to.include('[paid-checkout] loading → ready');
      expect((logged.at(-1)![1] as { status: string }).status).to.equal('ready');
    } finally {
      console.info = info;
    }
  });
});

describe('paid-checkout-before-confirm', function () {
  this.timeout(30_000);

  it('is fired in the pay click, and waitUntil holds the payment until the page’s step is done', async () => {
    const id = await newCheckout();
    const { element, completes } = await mount(id);
    let inClick = false;
    let finishStep: () => void = () => {};
    const seen: Array<{ inClick: boolean; amountDue: number; checkoutId: string }> = [];
    element.addEventListener('paid-checkout-before-confirm', (event) => {
      seen.push({ inClick, amountDue: event.detail.amountDue, checkoutId: event.detail.checkoutId });
      event.detail.waitUntil(new Promise<void>((resolve) => (finishStep = resolve)));
    });
    await readyToPay(element, 8000);
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', `ada+hooks-wait-${Date.now()}@example.com`);
    await fillCard(element, '4242 4242 4242 4242');
    inClick = true;
    payButton(element).click();
    inClick = false;
    expect(seen).to.have.length(1);
    expect(seen[0]!.inClick, 'dispatched in the click').to.equal(true);
    expect(seen[0]!.checkoutId).to.equal(id);
    expect(element.state.status).to.equal('paying');
    // That nothing is charged while the step runs, however long, is a claim about time: the
    // controller's Node test holds the step an hour on a fake clock (pay-attempt-controller.test.ts).
    // Here: the step's end lets the payment go on, and it charges what the event said.
    finishStep();
    await waitUntil(() => completes.length === 1, 'did not pay after the step', { timeout: 10_000 });
    const money = await moneyFacts(id);
    expect(money.invoices).to.have.length(1);
    expect(money.invoices[0]!.amountPaid).to.equal(seen[0]!.amountDue);
  });

  it('a rejected step stops the payment, shows the page’s words as text, and charges nothing; the customer can pay after', async () => {
    const id = await newCheckout();
    const { element, completes } = await mount(id);
    let refuse = true;
    element.addEventListener('paid-checkout-before-confirm', (event) => {
      if (refuse) event.detail.waitUntil(Promise.reject(new Error('Please accept the <b>terms</b> first.')));
    });
    const errors = record(element, 'paid-checkout-error');
    await fillAndPay(element, '4242 4242 4242 4242');
    await waitForText(element, 'Please accept the <b>terms</b> first.', 8000);
    expect(shadow(element).querySelector('b'), 'never markup').to.equal(null);
    const stopped = { code: 'stopped_by_page', message: 'Please accept the <b>terms</b> first.', recoverable: true };
    expect(errors.map((event) => event.detail)).to.deep.equal([stopped]);
    expect(element.state).to.include({ status: 'ready' });
    expect(element.state.status === 'ready' && element.state.error).to.deep.equal(stopped);
    expect((await moneyFacts(id)).invoices).to.have.length(0);

    refuse = false;
    await readyToPay(element, 8000);
    payButton(element).click();
    await waitUntil(() => completes.length === 1, 'did not pay the second time', { timeout: 10_000 });
    expect((await moneyFacts(id)).invoices).to.have.length(1);
  });

  it('a step rejected with an Error whose message is not text stops it with “The payment was not made.”, never “Processing…” for ever', async () => {
    const id = await newCheckout();
    const { element } = await mount(id);
    element.addEventListener('paid-checkout-before-confirm', (event) => {
      event.detail.waitUntil(Promise.reject(Object.assign(new Error('Denied'), { message: { reason: 'denied' } })));
    });
    const errors = record(element, 'paid-checkout-error');
    await fillAndPay(element, '4242 4242 4242 4242');
    await waitUntil(() => errors.length > 0, 'the payment never stopped', { timeout: 10_000 });
    expect(errors.map((event) => event.detail)).to.deep.equal([{ code: 'stopped_by_page', message: 'The payment was not made.', recoverable: true }]);
    expect(element.state).to.include({ status: 'ready' });
    expect((await moneyFacts(id)).invoices).to.have.length(0);
  });

  it('preventDefault() stops it with “The payment was not made.”; waitUntil after the dispatch throws', async () => {
    const id = await newCheckout();
    const { element } = await mount(id);
    let late: unknown = null;
    element.addEventListener('paid-checkout-before-confirm', (event) => {
      event.preventDefault();
      queueMicrotask(() => {
        try {
          event.detail.waitUntil(Promise.resolve());
        } catch (error) {
          late = error;
        }
      });
    });
    const errors = record(element, 'paid-checkout-error');
    await fillAndPay(element, '4242 4242 4242 4242');
    await waitForText(element, 'The payment was not made.', 8000);
    expect(errors.map((event) => event.detail)).to.deep.equal([{ code: 'stopped_by_page', message: 'The payment was not made.', recoverable: true }]);
    expect(late).to.be.instanceOf(DOMException);
    expect(visibleText(element)).to.not.contain('successful');
    expect((await moneyFacts(id)).invoices).to.have.length(0);
  });
});
