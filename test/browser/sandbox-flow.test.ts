// End-to-end journeys against the real sandbox and its Stripe stand-in: what a merchant's
// customer does, and what the merchant's private API shows afterwards.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { advanceSandboxClock, createCheckout, resetSandboxClock, sandboxRequest, sandboxUrl } from './support/sandbox.ts';
import {
  fillCard,
  fillField,
  mountRecording,
  payButton,
  readyToPay,
  record,
  shadow,
  visibleText,
  waitForText,
  type Json,
} from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

interface PrivateProduct {
  id: string;
  name: string;
  plans: Array<{ id: string; name: string; prices: Array<{ currency: string; model: string }> }>;
}
interface PrivateOrder {
  id: string;
  customerId: string;
  status?: string;
  lines?: Array<{ productId?: string; product?: string | { id: string }; planId?: string | null; plan?: string | { id: string } | null }>;
}

function listOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  return ((body as { data?: T[] })?.data ?? []) as T[];
}

async function products(): Promise<PrivateProduct[]> {
  return listOf<PrivateProduct>((await sandboxRequest('GET', '/api/v2/products?limit=100'))!.body);
}

async function orders(): Promise<PrivateOrder[]> {
  return listOf<PrivateOrder>((await sandboxRequest('GET', '/api/v2/orders?limit=100'))!.body);
}

/** How many orders the sandbox holds (its pagination total where it gives one). */
async function orderCount(): Promise<number> {
  const body = (await sandboxRequest('GET', '/api/v2/orders?limit=100'))!.body as { pagination?: { total?: number } };
  return body?.pagination?.total ?? listOf(body).length;
}

/** A product with at least two plan tiers in usd, for tier changes and upgrades. */
async function tieredProduct(): Promise<PrivateProduct> {
  const found = (await products()).find(
    (product) => product.plans.filter((plan) => plan.prices.some((price) => price.currency === 'usd' && price.model === 'flat')).length >= 2,
  );
  if (!found) throw new Error('the sandbox fixtures have no product with two flat usd tiers');
  return found;
}

async function anonymousCheckout(extra: Json = {}): Promise<string> {
  const product = await tieredProduct();
  const created = await createCheckout({ products: [{ id: product.id }], successUrl: SUCCESS_URL, ...extra });
  return created.id;
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

async function authenticate(answer: 'Complete authentication' | 'Fail authentication'): Promise<void> {
  const find = () => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === answer);
  await waitUntil(find, `no "${answer}" button in the 3-D Secure challenge`, { timeout: 8000 });
  find()!.click();
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
    const ordersBefore = await orderCount();

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
    expect(detail.redirectUrl).to.equal(`https://shop.example.test/thanks?checkout=${id}`);
    expect(detail.customer.email).to.equal(email);
    expect(element.navigations).to.deep.equal([detail.redirectUrl]);

    const read = (await sandboxRequest<{ status: string; orderId: string }>('GET', `/api/v2/checkouts/${id}`))!.body;
    expect(read.status).to.equal('completed');
    expect(read.orderId).to.equal(detail.orderId);
    expect(await orderCount()).to.equal(ordersBefore + 1);
    const customers = listOf<{ id: string; email: string }>((await sandboxRequest('GET', '/api/v2/customers?limit=100'))!.body);
    expect(customers.find((customer) => customer.email === email)?.id).to.equal(detail.customerId);
    await expect(element).to.be.accessible();

    // The same checkout, opened again, is already paid.
    const again = await mountRecording(id, sandboxUrl);
    await waitForText(again, 'Already paid');
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
    await readyToPay(element);
    await fillCustomer(element);
    await fillCard(element, '4242 4242 4242 4242');
    const ordersBefore = await orderCount();
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
    expect(await orderCount()).to.equal(ordersBefore + 1);
  });

  it('upgrades an existing customer’s plan: credit and charge shown, the order updated, no new order', async () => {
    const product = await tieredProduct();
    const active = (await orders()).find((order) =>
      (order.lines ?? []).some((line) => (line.productId ?? (typeof line.product === 'string' ? line.product : line.product?.id)) === product.id),
    );
    if (!active) throw new Error('the sandbox fixtures have no active order to upgrade');
    const created = await createCheckout({ products: [{ id: product.id }], customerId: active.customerId, successUrl: SUCCESS_URL });
    const element = await mountRecording(created.id, sandboxUrl);
    await waitForText(element, 'Signed in as');
    await waitForText(element, 'Current plan');
    expect(payButton(element).disabled).to.equal(true);
    expect(shadow(element).querySelector('[data-code="no_change"]')).to.exist;

    const radios = [...shadow(element).querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    const other = radios.find((radio) => !radio.checked)!;
    other.click();
    await readyToPay(element);
    expect(visibleText(element)).to.contain('Credit for unused time');
    expect(visibleText(element)).to.contain('for the rest of the period');
    expect(visibleText(element)).to.contain('Renews on');
    await expect(element).to.be.accessible();

    const count = await orderCount();
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitForText(element, 'Thank you', 10_000);
    expect(await orderCount()).to.equal(count);
    const order = (await sandboxRequest<PrivateOrder>('GET', `/api/v2/orders/${active.id}`))!.body;
    const line = (order.lines ?? [])[0]!;
    const planId = line.planId ?? (typeof line.plan === 'string' ? line.plan : line.plan?.id);
    expect(planId).to.equal(other.value);
  });

  it('switches currency where the session allows several, updating amounts', async function () {
    const candidates = (await products()).filter((product) =>
      product.plans.some((plan) => new Set(plan.prices.map((price) => price.currency)).size > 1),
    );
    const product = candidates[0];
    if (!product) this.skip();
    const created = await createCheckout({ products: [{ id: product!.id }], successUrl: SUCCESS_URL });
    const element = await mountRecording(created.id, sandboxUrl);
    const changes = record(element, 'paid-checkout-change');
    await readyToPay(element);
    const select = shadow(element).querySelector<HTMLSelectElement>('#currency')!;
    const before = payButton(element).textContent;
    const other = [...select.options].find((option) => !option.selected)!.value;
    select.value = other;
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(changes.at(-1)!.detail.currency).to.equal(other);
    expect(payButton(element).textContent).to.not.equal(before);
    await fillCustomer(element);
    await fillCard(element, '4242 4242 4242 4242');
    (await readyToPay(element)).click();
    await waitForText(element, 'Thank you', 10_000);
  });

  it('says a checkout has expired, from the server and while the page is open', async () => {
    const id = await anonymousCheckout();
    await advanceSandboxClock(48 * 3_600_000);
    try {
      const element = await mountRecording(id, sandboxUrl);
      await waitForText(element, 'This checkout has expired');
    } finally {
      await resetSandboxClock();
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
    const product = await tieredProduct();
    const created = await createCheckout({ products: [{ id: product.id }], successUrl: SUCCESS_URL }, 'no_stripe');
    const element = await mountRecording(created.id, sandboxUrl);
    await waitForText(element, 'Payments are not set up');
    expect(payButton(element)).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('can be bought with the keyboard alone', async () => {
    const id = await anonymousCheckout();
    const element = await mountRecording(id, sandboxUrl);
    await readyToPay(element);
    const name = shadow(element).querySelector<HTMLInputElement>('#field-name')!;
    name.focus();
    await sendKeys({ type: 'Grace Hopper' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: `grace+${Date.now()}@example.com` });
    // Into Stripe's fields (light DOM, through the slot).
    await sendKeys({ press: 'Tab' });
    const typedInto: string[] = [];
    for (let step = 0; step < 12; step += 1) {
      const active = document.activeElement === element ? shadow(element).activeElement : document.activeElement;
      if (active === payButton(element)) break;
      if (active instanceof HTMLInputElement) {
        const label = [active.getAttribute('aria-label'), ...[...(active.labels ?? [])].map((node) => node.textContent)].join(' ');
        const value = /card number/i.test(label) ? '4242424242424242' : /expir/i.test(label) ? '1234' : /security|cvc/i.test(label) ? '123' : /postal|zip/i.test(label) ? '10001' : null;
        if (value) {
          await sendKeys({ type: value });
          typedInto.push(label);
        }
      }
      await sendKeys({ press: 'Tab' });
    }
    expect(typedInto.some((label) => /card number/i.test(label))).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitForText(element, 'Thank you', 10_000);
  });
});
