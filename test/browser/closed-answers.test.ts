// Answers that end the checkout's flow, as the customer sees them: a tax quote refused because the
// checkout closed (a product the merchant deactivated) ends it as a refused payment would, instead
// of a tax that "could not be calculated" whose Try again is refused for ever; a closed checkout at
// payment is told in the page's language (the catalog's words, not the server's English sentence);
// and a 3-D Secure payment whose order the merchant deleted before the element finalized it
// (`409 order_deleted`) is told as it is, with no form left to pay again on a reusable link.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { ownSandbox, type OwnSandbox } from './support/sandbox.ts';
import {
  STUB_API,
  authenticate,
  errorCode,
  fillCard,
  fillField,
  json,
  mountRecording,
  payButton,
  readyToPay,
  record,
  refusal,
  sessionJson,
  shadow,
  stubFetch,
  visibleText,
  watchStatuses,
  waitForText,
  type RecordingCheckout,
  type StubbedFetch,
} from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';
const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };

// The catalogs' words, written out (not read from the catalogs): a catalog not loaded, or the
// server's sentence shown instead, fails.
const FRENCH = {
  archived: ['Paiement indisponible', 'Le vendeur a fermé ce paiement. Demandez-lui un nouveau lien.'],
  expired: ['Ce lien de paiement a expiré', 'Ce lien de paiement a expiré. Demandez-en un nouveau au vendeur.'],
  completed: ['Déjà payé', 'Ce paiement a déjà été effectué. Il n’y a plus rien à payer.'],
  order_deleted: ['Commande annulée', 'Votre paiement a bien été effectué, mais le vendeur a depuis annulé la commande correspondante. Contactez-le à ce sujet.'],
} as const;
const ORDER_DELETED_EN = 'Your payment went through, but the seller has since cancelled the order it made. Contact the seller about it.';

/** Holds the element's first finalize before it leaves the page until `release()`. */
function holdFinalize(): { asked: Promise<void>; release(): void; restore(): void } {
  const realFetch = window.fetch;
  let asked!: () => void;
  const askedFor = new Promise<void>((resolve) => (asked = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    if (held || !String(input instanceof Request ? input.url : input).endsWith('/finalize')) return realFetch(input, init);
    held = true;
    asked();
    await released;
    return realFetch(input, init);
  };
  return { asked: askedFor, release, restore: () => (window.fetch = realFetch) };
}

/** Enters the test card `number` in Stripe's fields as the stand-in labels them in French. */
async function fillFrenchCard(element: HTMLElement, number: string): Promise<void> {
  await waitUntil(() => element.querySelector('[slot="payment"] input'), 'payment fields never mounted');
  for (const [label, value] of [[/numéro de carte/i, number], [/expiration/i, '12 / 34'], [/code de sécurité/i, '123'], [/code postal/i, '75001']] as const) {
    const input = [...element.querySelectorAll<HTMLInputElement>('[slot="payment"] input')].find((candidate) => label.test(candidate.getAttribute('aria-label') ?? '') || [...(candidate.labels ?? [])].some((node) => label.test(node.textContent ?? '')));
    if (!input) {
      if (label.source.startsWith('numéro')) throw new Error(`no payment field ${label}`);
      continue;
    }
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

async function deactivate(own: OwnSandbox, productId: string): Promise<void> {
  const updated = await own.request('PUT', `/api/v2/products/${productId}`, { active: false });
  expect(updated?.status, 'the product is deactivated').to.equal(200);
}

/** The failed state shows `title` and `words`, with no Try again and no form. */
function expectClosedState(element: RecordingCheckout, code: string, [title, words]: readonly [string, string]): void {
  expect(errorCode(element)).to.equal(code);
  expect(shadow(element).querySelector('[part~="error"] h2')?.textContent?.trim()).to.equal(title);
  expect(shadow(element).querySelector('[part~="error"] p')?.textContent?.trim()).to.equal(words);
  expect(shadow(element).querySelector('[part~="error"] button'), 'no Try again').to.equal(null);
  expect(payButton(element), 'no Pay').to.equal(null);
  expect(element.state).to.deep.include({ status: 'failed' });
}

describe('answers that end the checkout’s flow', function () {
  this.timeout(30_000);
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  it('a tax quote refused 409 archived (the merchant deactivated a product) ends the flow in the page’s language, instead of a tax that fails for ever', async () => {
    const own = await ownSandbox();
    const quotes = watchStatuses('/quote');
    try {
      const { id } = await own.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, collectAddress: true });
      const element = await mountRecording(id, own.url, 'fr');
      const errors = record(element, 'paid-checkout-error');
      await readyToPay(element);
      fillField(element, 'name', 'Ada Lovelace');
      fillField(element, 'email', `ada+${Date.now()}@example.com`);
      fillField(element, 'country', 'FR');
      await element.updateComplete;
      fillField(element, 'line1', '1 rue de Rivoli');
      fillField(element, 'city', 'Paris');
      fillField(element, 'postalCode', '75001');
      await waitUntil(() => quotes.statuses.includes(200), 'the first quote never came', { timeout: 8000 });

      await deactivate(own, 'prod_analytics');
      // The address changes: the element asks again, and the server says the checkout is closed.
      fillField(element, 'postalCode', '75002');
      await waitUntil(() => element.state.status === 'failed', `the flow never ended (quotes: ${quotes.statuses.join(', ')}; shown: ${visibleText(element).slice(0, 200)})`, { timeout: 8000 });
      await element.updateComplete;

      expect(quotes.statuses).to.deep.equal([200, 409]);
      expectClosedState(element, 'archived', FRENCH.archived);
      expect(visibleText(element)).not.to.contain('no longer sold');
      expect(errors.map((event) => [event.detail.code, event.detail.recoverable, event.detail.message])).to.deep.equal([['archived', false, FRENCH.archived[1]]]);
    } finally {
      quotes.restore();
      await own.dispose();
    }
  });

  it('a Pay refused 409 archived (the merchant deactivated a product) says so in the page’s language, not in the server’s English sentence', async () => {
    const own = await ownSandbox();
    try {
      const { id } = await own.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL });
      const element = await mountRecording(id, own.url, 'fr');
      const errors = record(element, 'paid-checkout-error');
      await readyToPay(element);
      fillField(element, 'name', 'Ada Lovelace');
      fillField(element, 'email', `ada+${Date.now()}@example.com`);
      await fillFrenchCard(element, '4242 4242 4242 4242');
      await deactivate(own, 'prod_analytics');
      payButton(element).click();
      await waitUntil(() => element.state.status === 'failed', 'the flow never ended', { timeout: 8000 });
      await element.updateComplete;

      expectClosedState(element, 'archived', FRENCH.archived);
      expect(visibleText(element)).not.to.contain('no longer');
      expect(errors.map((event) => [event.detail.code, event.detail.message])).to.deep.equal([['archived', FRENCH.archived[1]]]);
      const orders = (await own.request<{ data: Array<{ checkoutId: string | null }> }>('GET', '/api/v2/orders'))!.body.data.filter((order) => order.checkoutId === id);
      expect(orders, 'nothing was ordered').to.have.length(0);
    } finally {
      await own.dispose();
    }
  });

  for (const [code, sentence, extra] of [
    ['expired', 'This checkout has expired.', {}],
    ['completed', 'This checkout has already been paid.', {}],
    ['archived', 'This checkout is no longer available.', {}],
    // A payment whose order the merchant deleted: the answer names the order and the payment too.
    [
      'order_deleted',
      'Your payment of $49.00 went through and made your order, but the seller has since cancelled that order. Contact the seller about it, quoting payment pi_1.',
      { orderId: 'ord_1', paymentIntentId: 'pi_1' },
    ],
  ] as const) {
    it(`a Pay refused 409 ${code} shows the catalog’s words in French, never the server’s English sentence`, async () => {
      api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), refusal(409, sentence, code, extra));
      const element = await mountRecording('chk_fixture', STUB_API, 'fr');
      await readyToPay(element);
      fillField(element, 'name', 'Ada Lovelace');
      fillField(element, 'email', 'ada@example.com');
      await fillFrenchCard(element, '4242 4242 4242 4242');
      payButton(element).click();
      await waitUntil(() => element.state.status === 'failed', 'the flow never ended', { timeout: 8000 });
      await element.updateComplete;

      expectClosedState(element, code, FRENCH[code]);
      await waitForText(element, FRENCH[code][1]);
      expect(visibleText(element)).not.to.contain(sentence);
      expect((element.state as { error: { message: string } }).error.message).to.equal(FRENCH[code][1]);
    });
  }

  it('a 3-D Secure payment on a reusable link whose order the merchant deleted before finalize is told as it is: no form to pay again, the kept attempt cleared', async () => {
    const own = await ownSandbox();
    const finalize = holdFinalize();
    try {
      const { id } = await own.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, singleUse: false });
      const element = await mountRecording(id, own.url);
      const errors = record(element, 'paid-checkout-error');
      const complete = record(element, 'paid-checkout-complete');
      await readyToPay(element);
      fillField(element, 'name', 'Ada Lovelace');
      fillField(element, 'email', `ada+${Date.now()}@example.com`);
      await fillCard(element, '4000 0027 6000 3184');
      payButton(element).click();
      await authenticate('Complete authentication');
      // The bank confirmed it: the order is made. The merchant deletes it before the element asks.
      await finalize.asked;
      const orders = (await own.request<{ data: Array<{ id: string; checkoutId: string | null }> }>('GET', '/api/v2/orders'))!.body.data.filter((order) => order.checkoutId === id);
      expect(orders, 'the payment made its order').to.have.length(1);
      expect((await own.request('DELETE', `/api/v2/orders/${orders[0]!.id}`))?.status).to.equal(200);
      expect(sessionStorage.getItem(`paid-checkout:attempt:${id}`), 'the attempt is kept while it is finished').not.to.equal(null);
      finalize.release();

      await waitUntil(() => element.state.status === 'failed', `the flow never ended (shown: ${visibleText(element).slice(0, 200)})`, { timeout: 10_000 });
      await element.updateComplete;
      expectClosedState(element, 'order_deleted', ['Order cancelled', ORDER_DELETED_EN]);
      expect(errors.map((event) => [event.detail.code, event.detail.recoverable, event.detail.message])).to.deep.equal([['order_deleted', false, ORDER_DELETED_EN]]);
      expect(complete, 'never told paid').to.have.length(0);
      expect(sessionStorage.getItem(`paid-checkout:attempt:${id}`), 'the kept attempt is cleared').to.equal(null);
      const after = (await own.request<{ data: Array<{ checkoutId: string | null }> }>('GET', '/api/v2/orders'))!.body.data.filter((order) => order.checkoutId === id);
      expect(after, 'nothing ordered again').to.have.length(0);
    } finally {
      finalize.restore();
      await own.dispose();
    }
  });
});
