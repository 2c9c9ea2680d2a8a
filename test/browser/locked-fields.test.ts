// While the form is locked (a payment under way, its bank's step, an answer lost and its Try again
// waiting), Stripe's card fields are locked with the element's own: a resend charges the card the
// fields show. And what `state` says meanwhile: a lost answer is `failed` with `paymentPending`,
// never `ready`, since the form cannot be paid anew. Against the sandbox and its Stripe stand-in.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { orderIdsOf } from './support/orders.ts';
import { createCheckout, sandboxUrl } from './support/sandbox.ts';
import {
  authenticate,
  fillCard,
  fillField,
  mountRecording,
  paymentField,
  payButton,
  readyToPay,
  record,
  shadow,
  typeInPaymentField,
  type RecordingCheckout,
} from './helpers.ts';
import type { PaidCheckoutStateChangeEvent } from '../../src/events.ts';

const CARD = /card number/i;

/** A customer at the form, their details typed and `card` in Stripe's fields. */
async function customerWith(card: string): Promise<{ element: RecordingCheckout; changes: PaidCheckoutStateChangeEvent[] }> {
  const created = await createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}' });
  const element = await mountRecording(created.id, sandboxUrl);
  const changes = record(element, 'paid-checkout-statechange');
  await readyToPay(element);
  fillField(element, 'name', 'Ada Lovelace');
  fillField(element, 'email', `ada+locked-${Date.now()}@example.com`);
  await fillCard(element, card);
  return { element, changes };
}

/**
 * The element's complete requests, passed to the sandbox; `hold` keeps the first one until
 * released, `lose` lets the sandbox act on it but never gives its answer to the page.
 */
function watchCompletes(mode: 'hold' | 'lose') {
  const realFetch = window.fetch;
  const sent: Array<{ key: string; token: string }> = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!String(input).endsWith('/complete')) return realFetch(input, init);
    const body = JSON.parse(String(init?.body)) as { confirmation_token: string };
    sent.push({ key: new Headers(init?.headers).get('idempotency-key') ?? '', token: body.confirmation_token });
    const first = sent.length === 1;
    if (first && mode === 'hold') await held;
    const response = await realFetch(input, init);
    if (first && mode === 'lose') throw new TypeError('Failed to fetch');
    return response;
  };
  return { sent, release, restore: () => (window.fetch = realFetch) };
}

const statuses = (changes: PaidCheckoutStateChangeEvent[]) => changes.map((event) => event.detail.state.status);

describe('Stripe’s fields while the form is locked', function () {
  this.timeout(30_000);

  it('after a lost answer: failed with paymentPending, the card read-only, and Try again charges the first card once', async () => {
    const { element, changes } = await customerWith('4242 4242 4242 4242');
    const approvals = record(element, 'paid-checkout-before-confirm');
    const completes = record(element, 'paid-checkout-complete');
    const requests = watchCompletes('lose');
    try {
      payButton(element).click();
      await waitUntil(() => element.state.status === 'failed', 'the lost answer did not make the state failed', { timeout: 8000 });
      const { state } = element;
      expect(state).to.deep.equal({
        status: 'failed',
        error: { code: 'network_error', message: state.status === 'failed' ? state.error.message : '', recoverable: true },
        paymentPending: true,
      });
      expect(changes.at(-1)!.detail).to.deep.equal({ state, previous: 'paying', webhook: null });
      // The form stays, locked: the element's own fields and Stripe's alike.
      expect(payButton(element).textContent).to.contain('Try again');
      expect(shadow(element).querySelector<HTMLFieldSetElement>('fieldset.tiers')!.disabled).to.equal(true);
      expect(shadow(element).querySelector<HTMLInputElement>('#field-email')!.disabled).to.equal(true);
      const card = await typeInPaymentField(element, CARD, '4000000000000002');
      expect(card.value, 'typing a new card into a locked form changes nothing').to.equal('4242 4242 4242 4242');

      payButton(element).click();
      await waitUntil(() => completes.length === 1, 'Try again did not complete', { timeout: 10_000 });
    } finally {
      requests.restore();
    }
    expect(requests.sent).to.have.length(2);
    expect(requests.sent[1], 'the same key and the same confirmation token: the first card').to.deep.equal(requests.sent[0]);
    expect(requests.sent[0]!.token).to.match(/^ctoken_test_succeeds_/);
    expect(approvals, 'Try again resends what the page approved: no second before-confirm').to.have.length(1);
    expect(statuses(changes)).to.deep.equal(['ready', 'paying', 'failed', 'paying', 'succeeded']);
    expect(await orderIdsOf(completes[0]!.detail.customerId)).to.deep.equal([completes[0]!.detail.orderId]);
  });

  it('while paying the card is read-only; after a decline it is editable again, and the next Pay is a new attempt', async () => {
    const { element, changes } = await customerWith('4000 0000 0000 0002');
    const completes = record(element, 'paid-checkout-complete');
    const requests = watchCompletes('hold');
    try {
      payButton(element).click();
      await waitUntil(() => requests.sent.length === 1, 'complete was never sent', { timeout: 8000 });
      expect(element.state.status).to.equal('paying');
      const card = await typeInPaymentField(element, CARD, '4242424242424242');
      expect(card.value).to.equal('4000 0000 0000 0002');
      requests.release();
      await waitUntil(() => element.state.status === 'ready' && element.state.error !== null, 'no decline', { timeout: 8000 });
      expect(element.state.status === 'ready' && element.state.error?.code).to.equal('card_declined');

      await typeInPaymentField(element, CARD, '4242424242424242');
      expect(paymentField(element, CARD).value, 'after a decline the customer can type another card').to.equal('4242 4242 4242 4242');
      (await readyToPay(element)).click();
      await waitUntil(() => completes.length === 1, 'the new card did not pay', { timeout: 10_000 });
    } finally {
      requests.release();
      requests.restore();
    }
    expect(requests.sent).to.have.length(2);
    expect(requests.sent[1]!.key).to.not.equal(requests.sent[0]!.key);
    expect(requests.sent[1]!.token).to.match(/^ctoken_test_succeeds_/);
    expect(statuses(changes)).to.deep.equal(['ready', 'paying', 'ready', 'paying', 'succeeded']);
  });

  it('while the bank is asked (requires_action) the card is read-only; after a failed 3-D Secure it is editable again', async () => {
    const { element } = await customerWith('4000 0027 6000 3184');
    payButton(element).click();
    await waitUntil(() => element.state.status === 'requires_action', 'never requires_action', { timeout: 8000 });
    // The bank's challenge is a modal dialog: nothing behind it takes the keyboard, so the field's own state says it.
    const lockedDuringChallenge = paymentField(element, CARD).readOnly;
    await authenticate('Fail authentication');
    expect(lockedDuringChallenge).to.equal(true);
    await waitUntil(() => element.state.status === 'ready' && element.state.error?.code === 'authentication_failed', 'no authentication_failed', {
      timeout: 8000,
    });
    await typeInPaymentField(element, CARD, '4242424242424242');
    expect(paymentField(element, CARD).value).to.equal('4242 4242 4242 4242');
  });
});
