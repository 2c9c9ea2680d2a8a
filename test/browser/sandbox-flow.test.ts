// End-to-end journeys against the real sandbox and its Stripe stand-in: what a merchant's
// customer does, and what the merchant's private API shows afterwards.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { ordersFrom, ordersOf } from './support/orders.ts';
import { createCheckout, ownSandbox, sandboxRequest, sandboxUrl, type OwnSandbox } from './support/sandbox.ts';
import {
  authenticate,
  fillCard,
  fillField,
  mountRecording,
  payButton,
  payByKeyboard,
  readyToPay,
  record,
  shadow,
  visibleText,
  waitForText,
  type Json,
} from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

interface SpecOrder {
  id: string;
  customerId: string;
  lines: Array<{ productId: string; planId: string | null; quantity: number; periodEnd: string }>;
}

function listOf<T>(body: unknown): T[] {
  return ((body as { data?: T[] })?.data ?? []) as T[];
}

/** A checkout for Analytics (four tiers) with no customer yet, on the shared sandbox or `own`. */
async function anonymousCheckout(extra: Json = {}, own?: OwnSandbox): Promise<string> {
  const body = { products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, ...extra };
  return (await (own ? own.createCheckout(body) : createCheckout(body))).id;
}

/** Counts the element's requests to the public complete route (the real fetch still answers). */
function countCompletes(): { count: () => number; keys: string[]; restore: () => void } {
  const realFetch = window.fetch;
  const keys: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).endsWith('/complete')) keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
    return realFetch(input, init);
  };
  return { count: () => keys.length, keys, restore: () => (window.fetch = realFetch) };
}


async function fillCustomer(element: HTMLElement & { shadowRoot: ShadowRoot | null }, name = 'Ada Lovelace', email = `ada+${Date.now()}@example.com`) {
  fillField(element as never, 'name', name);
  fillField(element as never, 'email', email);
  return email;
}

describe('paid-checkout against the sandbox', function () {
  this.timeout(30_000);

  it('an anonymous customer buys with a good card: inline validation first, then one order and a new customer', async () => {
    const id = await anonymousCheckout();
    const element = await mountRecording(id, sandboxUrl);
    const complete = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    await expect(element).to.be.accessible();

    // Pay with nothing entered: the element's own messages, focus on the first.
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitUntil(() => shadow(element).activeElement?.id === 'field-name', 'focus never moved to the name field');
    expect(visibleText(element)).to.contain('Enter your full name');
    expect(visibleText(element)).to.contain('Enter your email');
    await expect(element).to.be.accessible();

    const email = await fillCustomer(element);
    payButton(element).click();
    await waitForText(element, 'Thank you', 10_000);
    expect(complete).to.have.length(1);
    const { detail } = complete[0]!;
    expect(detail.checkoutId).to.equal(id);
    expect(detail.invoiceId).to.match(/^inv_/);
    expect(detail.redirectUrl).to.equal(`https://shop.example.test/thanks?checkout=${id}`);
    expect(detail.customer.email).to.equal(email);
    expect(element.navigations).to.deep.equal([detail.redirectUrl]);

    const read = (await sandboxRequest<{ status: string; orderId: string }>('GET', `/api/v2/checkouts/${id}`))!.body;
    expect(read.status).to.equal('completed');
    expect(read.orderId).to.equal(detail.orderId);
    expect(await ordersFrom(id)).to.equal(1, 'one order from this checkout');
    expect(await ordersOf(detail.customerId)).to.equal(1, 'for the new customer');
    const customers = listOf<{ id: string; email: string }>((await sandboxRequest('GET', '/api/v2/customers?limit=100'))!.body);
    expect(customers.find((customer) => customer.email === email)?.id).to.equal(detail.customerId);
    await expect(element).to.be.accessible();

    // The same checkout, opened again, is already paid.
    const again = await mountRecording(id, sandboxUrl);
    await waitForText(again, 'Already paid');
  });

  it('names the order, invoice and checkout as Paid’s SDK reads them, and carries none of the checkout’s metadata', async () => {
    const id = await anonymousCheckout({ metadata: { internalNote: 'SECRET-METADATA-VALUE' } });
    const element = await mountRecording(id, sandboxUrl);
    const complete = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    await fillCustomer(element);
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitForText(element, 'Thank you', 10_000);
    const { detail } = complete[0]!;

    type Sdk = { id: string; customerId: string; orderId: string | null; metadata: unknown };
    const read = async (path: string) => (await sandboxRequest<Sdk>('GET', path))!.body;
    const [order, invoice, checkout] = await Promise.all([
      read(`/api/v2/orders/${detail.orderId}`),
      read(`/api/v2/invoices/${detail.invoiceId}`),
      read(`/api/v2/checkouts/${id}`),
    ]);
    expect(detail.order).to.deep.equal({ id: order.id, customerId: order.customerId });
    expect(detail.invoice).to.deep.equal({ id: invoice.id, customerId: invoice.customerId });
    expect(detail.checkout).to.deep.equal({ id: checkout.id, orderId: checkout.orderId });
    expect(checkout.metadata, 'the SDK reads it').to.deep.equal({ internalNote: 'SECRET-METADATA-VALUE' });
    for (const seen of [detail, element.state]) expect(JSON.stringify(seen)).to.not.match(/metadata|SECRET-METADATA-VALUE/);
    expect(visibleText(element)).to.not.contain('SECRET-METADATA-VALUE');
  });

  for (const [card, words] of [
    ['4000 0000 0000 9995', /insufficient funds/i],
    ['4000 0000 0000 0002', /declined/i],
  ] as const) {
    it(`shows the decline of ${card} next to the payment fields, then accepts another card`, async () => {
      const id = await anonymousCheckout();
      const element = await mountRecording(id, sandboxUrl);
      const errors = record(element, 'paid-checkout-error');
      await readyToPay(element);
      await fillCustomer(element);
      await fillCard(element, card);
      payButton(element).click();
      await waitUntil(() => errors.some((event) => event.detail.code === 'card_declined'), 'no card_declined', { timeout: 8000 });
      const alert = shadow(element).querySelector('.payment [role="alert"]')!;
      expect(alert.textContent).to.match(words);
      expect((await sandboxRequest<{ status: string }>('GET', `/api/v2/checkouts/${id}`))!.body.status).to.equal('active');
      await expect(element).to.be.accessible();

      await fillCard(element, '4242 4242 4242 4242');
      (await readyToPay(element)).click();
      await waitForText(element, 'Thank you', 10_000);
    });
  }

  it('completes a 3-D Secure card after the challenge, and finalizes before firing complete', async () => {
    const id = await anonymousCheckout();
    const element = await mountRecording(id, sandboxUrl);
    const complete = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    await fillCustomer(element);
    await fillCard(element, '4000 0027 6000 3184');
    payButton(element).click();
    await authenticate('Complete authentication');
    await waitForText(element, 'Thank you', 10_000);
    expect(complete).to.have.length(1);
    expect((await sandboxRequest<{ status: string }>('GET', `/api/v2/checkouts/${id}`))!.body.status).to.equal('completed');
  });

  it('a 3-D Secure card approved whose answer is lost on the way back ends in one order, and the customer sees the success', async () => {
    const id = await anonymousCheckout();
    const element = await mountRecording(id, sandboxUrl);
    const complete = record(element, 'paid-checkout-complete');
    const errors = record(element, 'paid-checkout-error');
    await readyToPay(element);
    await fillCustomer(element);
    await fillCard(element, '4000 0027 6000 3184');
    const realFetch = window.fetch;
    const finalized: string[] = [];
    let lost = 0;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith('/finalize')) finalized.push(String(init?.body));
      if (!/\/sandbox\/stripe\/payment_intents\/[^/]+\/authenticate$/.test(url)) return realFetch(input, init);
      // The bank's approval reaches the server (the order is made), its answer never the page:
      // the stand-in resolves Stripe.js's api_connection_error.
      await realFetch(input, init);
      lost += 1;
      throw new TypeError('Failed to fetch');
    };
    try {
      payButton(element).click();
      await authenticate('Complete authentication');
      await waitForText(element, 'Thank you', 10_000);
    } finally {
      window.fetch = realFetch;
    }
    expect(lost).to.equal(1);
    expect(finalized).to.have.length(1);
    expect(complete).to.have.length(1);
    expect(errors).to.have.length(0);
    expect(await ordersFrom(id)).to.equal(1);
    expect((await sandboxRequest<{ status: string }>('GET', `/api/v2/checkouts/${id}`))!.body.status).to.equal('completed');
  });

  it('a 3-D Secure payment refunded as the merchant deleted its customer says so in its own words, and offers no Try again', async () => {
    const customer = (await sandboxRequest<{ id: string }>('POST', '/api/v2/customers', { name: 'Mary Jackson', email: `mary+${Date.now()}@example.com` }))!.body;
    const { id } = await createCheckout({ products: [{ id: 'prod_analytics' }], customerId: customer.id, successUrl: SUCCESS_URL });
    const element = await mountRecording(id, sandboxUrl);
    const errors = record(element, 'paid-checkout-error');
    const complete = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    await fillCard(element, '4000 0027 6000 3184');
    payButton(element).click();
    await waitUntil(() => [...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === 'Complete authentication'), 'no challenge', { timeout: 8000 });
    expect((await sandboxRequest('DELETE', `/api/v2/customers/${customer.id}`))!.status).to.equal(200);
    await authenticate('Complete authentication');
    await waitForText(element, 'The account this payment was for was closed while your bank was confirming the payment, so your payment was refunded.', 10_000);
    expect(errors.map((event) => [event.detail.code, event.detail.recoverable])).to.deep.equal([['payment_refunded', false]]);
    expect(complete).to.have.length(0);
    expect(shadow(element).querySelector('[part="error"] button')).to.equal(null, 'no Try again');
    expect(await ordersFrom(id)).to.equal(0);
    const refunds = (await sandboxRequest<{ refunds: Array<{ reason: string }> }>('GET', `/api/v2/checkouts/${id}`))!.body.refunds;
    expect(refunds.map((refund) => refund.reason)).to.deep.equal(['customer_deleted']);
  });

  it('a 3-D Secure upgrade refunded as the merchant deleted the subscription it changed says so in its own words; the checkout, read again, sells it as a new subscription', async () => {
    const customer = (await sandboxRequest<{ id: string }>('POST', '/api/v2/customers', { name: 'Dorothy Vaughan', email: `dorothy+${Date.now()}@example.com` }))!.body;
    const first = await createCheckout({ products: [{ id: 'prod_analytics' }], customerId: customer.id, successUrl: SUCCESS_URL });
    const bought = await fetch(`${sandboxUrl}/api/public/checkout/${first.id}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        confirmation_token: `ctoken_test_succeeds_${Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`,
        return_url: 'https://shop.example.test/return',
        selections: [{ product_id: 'prod_analytics', plan_id: 'plan_analytics_starter', quantity: 1 }],
      }),
    });
    expect(bought.status, await bought.clone().text()).to.equal(200);
    const { order_id: orderId } = ((await bought.json()) as { data: { order_id: string } }).data;
    const { id } = await createCheckout({ products: [{ id: 'prod_analytics' }], customerId: customer.id, successUrl: SUCCESS_URL });
    const element = await mountRecording(id, sandboxUrl);
    const errors = record(element, 'paid-checkout-error');
    const complete = record(element, 'paid-checkout-complete');
    await waitForText(element, 'Signed in as Dorothy Vaughan');
    shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_growth"]')!.click();
    await readyToPay(element);
    expect(visibleText(element)).to.contain('Credit for unused time');
    await fillCard(element, '4000 0027 6000 3184');
    payButton(element).click();
    await waitUntil(() => [...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === 'Complete authentication'), 'no challenge', { timeout: 8000 });
    expect((await sandboxRequest('DELETE', `/api/v2/orders/${orderId}`))!.status).to.equal(200);
    await authenticate('Complete authentication');
    await waitForText(element, 'The seller cancelled the subscription this payment was changing while your bank was confirming the payment, so your payment was refunded.', 10_000);
    expect(errors.map((event) => [event.detail.code, event.detail.recoverable])).to.deep.equal([['payment_refunded', true]]);
    expect(complete).to.have.length(0);
    expect(await ordersFrom(id)).to.equal(0);
    const refunds = (await sandboxRequest<{ refunds: Array<{ reason: string }> }>('GET', `/api/v2/checkouts/${id}`))!.body.refunds;
    expect(refunds.map((refund) => refund.reason)).to.deep.equal(['order_cancelled']);
    // The form again, read anew: no subscription to change, so no credit; Growth is a new one.
    shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_growth"]')!.click();
    await readyToPay(element, 10_000);
    expect(visibleText(element)).to.not.contain('Credit for unused time');
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitForText(element, 'Thank you', 10_000);
    expect(complete).to.have.length(1);
    expect(complete[0]!.detail.amountDue).to.equal(4900);
    expect(await ordersFrom(id)).to.equal(1);
  });

  it('keeps the checkout open when the 3-D Secure challenge fails', async () => {
    const id = await anonymousCheckout();
    const element = await mountRecording(id, sandboxUrl);
    const errors = record(element, 'paid-checkout-error');
    await readyToPay(element);
    await fillCustomer(element);
    await fillCard(element, '4000 0027 6000 3184');
    payButton(element).click();
    await authenticate('Fail authentication');
    await waitUntil(() => errors.some((event) => ['authentication_failed', 'card_declined'].includes(event.detail.code)), '', {
      timeout: 8000,
    });
    expect(shadow(element).querySelector('.payment [role="alert"]')).to.exist;
    expect((await sandboxRequest<{ status: string }>('GET', `/api/v2/checkouts/${id}`))!.body.status).to.equal('active');
    await readyToPay(element);
  });

  it('ten clicks on Pay create one complete request and one order', async () => {
    const id = await anonymousCheckout();
    const element = await mountRecording(id, sandboxUrl);
    const complete = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    await fillCustomer(element);
    await fillCard(element, '4242 4242 4242 4242');
    const counter = countCompletes();
    try {
      const button = payButton(element);
      for (let click = 0; click < 10; click += 1) {
        button.click();
        await new Promise((resolve) => setTimeout(resolve, 4));
      }
      await waitForText(element, 'Thank you', 10_000);
      expect(counter.count()).to.equal(1);
    } finally {
      counter.restore();
    }
    expect(await ordersFrom(id)).to.equal(1);
  });

  it('after an answer lost on the way back, Try again resends the same attempt and the server replays it: one order', async () => {
    const id = await anonymousCheckout();
    const element = await mountRecording(id, sandboxUrl);
    const errors = record(element, 'paid-checkout-error');
    const complete = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    await fillCustomer(element);
    await fillCard(element, '4242 4242 4242 4242');
    const realFetch = window.fetch;
    const keys: string[] = [];
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!String(input).endsWith('/complete')) return realFetch(input, init);
      keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
      const response = await realFetch(input, init);
      // The first time, the server acts but its answer never reaches the browser.
      if (keys.length === 1) throw new TypeError('Failed to fetch');
      return response;
    };
    try {
      payButton(element).click();
      await waitUntil(() => errors.some((event) => event.detail.code === 'network_error'), 'no network_error', { timeout: 8000 });
      expect((await sandboxRequest<{ status: string }>('GET', `/api/v2/checkouts/${id}`))!.body.status).to.equal('completed');
      expect(payButton(element).textContent).to.contain('Try again');
      payButton(element).click();
      await waitForText(element, 'Thank you', 10_000);
    } finally {
      window.fetch = realFetch;
    }
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
    expect(await ordersFrom(id)).to.equal(1);
  });

  it('says the checkout has expired when the server says so at payment time', async () => {
    // A sandbox of this test's own: its clock moves, and no other file sees it move.
    const own = await ownSandbox();
    try {
      const id = await anonymousCheckout({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() }, own);
      const element = await mountRecording(id, own.url);
      await readyToPay(element);
      await fillCustomer(element);
      await fillCard(element, '4242 4242 4242 4242');
      // The server's clock has passed expiresAt; the page's has not.
      await own.advanceClock(2 * 3_600_000);
      payButton(element).click();
      await waitForText(element, 'This checkout has expired', 8000);
      expect(element.navigations).to.deep.equal([]);
      await expect(element).to.be.accessible();
    } finally {
      await own.dispose();
    }
  });

  it('prices seats with a trial and graduated storage as the server charges them', async () => {
    const created = await createCheckout({ products: [{ id: 'prod_seats' }, { id: 'prod_storage' }], successUrl: SUCCESS_URL });
    const element = await mountRecording(created.id, sandboxUrl);
    const complete = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    const root = shadow(element);
    // Business seats: at least 5, a 14-day trial.
    root.querySelector<HTMLInputElement>('input[value="plan_seats_business"]')!.click();
    await element.updateComplete;
    const [seats, storage] = [...root.querySelectorAll<HTMLInputElement>('.quantity input')];
    expect(seats!.value).to.equal('5');
    seats!.value = '7';
    seats!.dispatchEvent(new Event('change'));
    storage!.value = '150';
    storage!.dispatchEvent(new Event('change'));
    await element.updateComplete;
    // 100 GB at $0.10 and 50 GB at $0.08 today; the seats cost nothing until the trial ends.
    expect(root.querySelector('[data-testid="due-today"]')!.textContent).to.contain('$14.00');
    expect(visibleText(element)).to.match(/Free until/);
    expect(visibleText(element)).to.contain('Then $168.00 monthly');
    await fillCustomer(element);
    await fillCard(element, '4242 4242 4242 4242');
    (await readyToPay(element)).click();
    await waitForText(element, 'Thank you', 10_000);
    const { detail } = complete[0]!;
    expect(detail.amountDue).to.equal(1400);
    const order = (await sandboxRequest<SpecOrder>('GET', `/api/v2/orders/${detail.orderId}`))!.body;
    expect(order.lines.map((line) => [line.productId, line.planId, line.quantity])).to.deep.equal([
      ['prod_seats', 'plan_seats_business', 7],
      ['prod_storage', 'plan_storage_graduated', 150],
    ]);
  });

  it('upgrades Ada from Starter to Growth: current plan marked, proration shown as the server charges it, her order updated', async () => {
    const before = (await sandboxRequest<SpecOrder>('GET', '/api/v2/orders/ord_ada'))!.body;
    const [currentLine] = before.lines;
    expect(currentLine!.planId).to.equal('plan_analytics_starter');
    const created = await createCheckout({ products: [{ id: 'prod_analytics' }], customerId: 'cus_ada', successUrl: SUCCESS_URL });
    const element = await mountRecording(created.id, sandboxUrl);
    const complete = record(element, 'paid-checkout-complete');
    await waitForText(element, 'Signed in as Ada Lovelace (ada@example.com)');
    const starter = shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!;
    expect(starter.checked).to.equal(true);
    expect(starter.closest('[part~="tier"]')!.textContent).to.contain('Current plan');
    // No name or email to ask: the customer is known.
    expect(shadow(element).querySelector('#field-name')).to.equal(null);
    await waitUntil(() => shadow(element).querySelector('[data-code="no_change"]'), 'no “no change” hint');
    expect(payButton(element).disabled).to.equal(true);

    shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_growth"]')!.click();
    await readyToPay(element);
    expect(visibleText(element)).to.contain('Credit for unused time on your current plan');
    expect(visibleText(element)).to.contain('Growth for the rest of the period');
    expect(visibleText(element)).to.contain('Renews on');
    const shownDue = shadow(element).querySelector('[data-testid="due-today"] .amount')!.textContent!;
    await expect(element).to.be.accessible();

    const ordersBefore = await ordersOf('cus_ada');
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitForText(element, 'Thank you', 10_000);
    const { detail } = complete[0]!;
    expect(detail.customerId).to.equal('cus_ada');
    expect(detail.orderId).to.equal('ord_ada');
    // The server prorates at its own instant, a moment later: at most a cent apart.
    expect(Math.abs(Number(shownDue.replace(/[^\d]/g, '')) - detail.amountDue)).to.be.at.most(1);
    expect(await ordersOf('cus_ada')).to.equal(ordersBefore, 'an upgrade changes Ada’s order, it makes none');
    const after = (await sandboxRequest<SpecOrder>('GET', '/api/v2/orders/ord_ada'))!.body;
    expect(after.lines[0]!.planId).to.equal('plan_analytics_growth');
    // Same interval: the renewal date is kept.
    expect(after.lines[0]!.periodEnd).to.equal(currentLine!.periodEnd);
  });

  it('switches from dollars to euros: every amount, Stripe’s amount and the server’s charge follow', async () => {
    const created = await createCheckout({ products: [{ id: 'prod_analytics' }, { id: 'prod_seats' }], successUrl: SUCCESS_URL });
    const element = await mountRecording(created.id, sandboxUrl);
    const changes = record(element, 'paid-checkout-change');
    const complete = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    // Growth (recommended, $49) and one Team seat ($12).
    expect(payButton(element).textContent).to.contain('Pay $61.00');
    const select = shadow(element).querySelector<HTMLSelectElement>('#currency')!;
    expect([...select.options].map((option) => option.value)).to.deep.equal(['eur', 'usd']);
    select.value = 'eur';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(changes.at(-1)!.detail).to.deep.include({ currency: 'eur', amountDue: 5600 });
    expect(payButton(element).textContent).to.contain('Pay €56.00');
    expect(visibleText(element)).to.contain('€45.00 / month');
    expect(visibleText(element)).to.not.contain('$');
    await fillCustomer(element);
    await fillCard(element, '4242 4242 4242 4242');
    (await readyToPay(element)).click();
    await waitForText(element, 'Thank you', 10_000);
    expect(complete[0]!.detail).to.deep.include({ amountDue: 5600, currency: 'eur' });
  });

  it('says a checkout has expired, from the server and while the page is open', async () => {
    const own = await ownSandbox();
    try {
      const id = await anonymousCheckout({}, own);
      await own.advanceClock(48 * 3_600_000);
      const element = await mountRecording(id, own.url);
      await waitForText(element, 'This checkout has expired');
    } finally {
      await own.dispose();
    }
    const soon = await anonymousCheckout({ expiresAt: new Date(Date.now() + 2500).toISOString() });
    const open = await mountRecording(soon, sandboxUrl);
    await waitForText(open, 'Choose your plan');
    await waitForText(open, 'This checkout has expired', 6000);
    await expect(open).to.be.accessible();
  });

  it('says an archived checkout is closed, and an unknown one is not found', async () => {
    const id = await anonymousCheckout({ cancelUrl: 'https://shop.example.test/pricing' });
    await sandboxRequest('POST', `/api/v2/checkouts/${id}/archive`);
    const archived = await mountRecording(id, sandboxUrl);
    await waitForText(archived, 'Checkout no longer available');
    expect(shadow(archived).querySelector<HTMLAnchorElement>('a.back')!.href).to.equal('https://shop.example.test/pricing');
    const unknown = await mountRecording('chk_doesnotexist000000000000', sandboxUrl);
    await waitForText(unknown, 'Checkout not found');
  });

  it('shows the order but no pay button for an account without Stripe', async () => {
    const created = await createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL }, 'no_stripe');
    const element = await mountRecording(created.id, sandboxUrl);
    await waitForText(element, 'Payments are not set up');
    expect(payButton(element)).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('can be bought with the keyboard alone', async () => {
    const id = await anonymousCheckout();
    const element = await mountRecording(id, sandboxUrl);
    const complete = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    const typed = await payByKeyboard(element, { name: 'Grace Hopper', email: `grace+${Date.now()}@example.com`, card: '4242424242424242' });
    expect(typed.some((label) => /card number/i.test(label))).to.equal(true);
    await waitForText(element, 'Thank you', 10_000);
    expect(complete[0]!.detail.customer.name).to.equal('Grace Hopper');
  });
});
