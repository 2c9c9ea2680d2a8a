// The merchant changes the checkout's prices while a buyer pays: the element names the prices it
// showed (`prices_version`), so a downgrade, which costs 0 today at any price, is refused rather
// than ordered at a price the buyer never saw; the new price is shown, and the next Pay buys it.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { ownSandbox, type OwnSandbox } from './support/sandbox.ts';
import {
  fillCard,
  fillField,
  holdNextComplete,
  holdSessionRead,
  loseSessionReads,
  mountRecording,
  payButton,
  readyToPay,
  record,
  shadow,
  visibleText,
  waitForText,
  type HeldRead,
  type RecordingCheckout,
} from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

const hex = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A customer subscribed to Analytics Scale ($99.00 a month), bought through a checkout on `own`; a checkout of theirs to change it, and their order. */
async function scaleSubscriber(own: OwnSandbox): Promise<{ checkoutId: string; orderId: string }> {
  const externalCustomerId = `ext_prices_${hex()}`;
  const first = await own.createCheckout({ products: [{ id: 'prod_analytics' }], externalCustomerId, successUrl: SUCCESS_URL });
  const bought = await fetch(`${own.url}/api/public/checkout/${first.id}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      confirmation_token: `ctoken_test_succeeds_${hex()}`,
      return_url: 'https://shop.example.test/return',
      selections: [{ product_id: 'prod_analytics', plan_id: 'plan_analytics_scale', quantity: 1 }],
      customer: { name: 'Price Tester', email: 'prices@example.com' },
    }),
  });
  expect(bought.status, await bought.clone().text()).to.equal(200);
  const { data } = (await bought.json()) as { data: { order_id: string } };
  const checkout = await own.createCheckout({ products: [{ id: 'prod_analytics' }], externalCustomerId, successUrl: SUCCESS_URL });
  return { checkoutId: checkout.id, orderId: data.order_id };
}

/**
 * A new buyer on a checkout of `own` that collects no address (no tax), Starter chosen ($19.00),
 * their name, email and card typed; the merchant then re-prices Scale ($99.00), which the buyer did
 * not choose: the amount due today is the same, the prices shown are not.
 */
async function newBuyerPastAnEdit(own: OwnSandbox): Promise<{ checkoutId: string; element: RecordingCheckout }> {
  const { id: checkoutId } = await own.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, collectAddress: false });
  const element = await mountRecording(checkoutId, own.url);
  await readyToPay(element);
  shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.click();
  fillField(element, 'name', 'Grace Hopper');
  fillField(element, 'email', `grace+${hex()}@example.com`);
  await fillCard(element, '4242 4242 4242 4242');
  await readyToPay(element);
  expect(visibleText(element)).to.contain('$99.00');
  await own.editPrice('prod_analytics', 'plan_analytics_scale', 'usd', 12900);
  return { checkoutId, element };
}

/** The orders `own` made for `checkoutId`, each line's plan and price. */
async function ordersOfCheckout(own: OwnSandbox, checkoutId: string): Promise<Array<Array<[string, number]>>> {
  const orders = await own.request<{ data: Array<{ checkoutId?: string | null; lines: Array<{ planId: string; amount: number }> }> }>('GET', '/api/v2/orders?limit=100');
  return orders!.body.data.filter((order) => order.checkoutId === checkoutId).map((order) => order.lines.map((line) => [line.planId, line.amount]));
}

/** The Analytics line of `orderId` as the merchant's API has it: its plan and its price. */
async function analyticsLine(own: OwnSandbox, orderId: string): Promise<[string, number]> {
  const order = await own.request<{ lines: Array<{ productId: string; planId: string; amount: number }> }>('GET', `/api/v2/orders/${orderId}`);
  const line = order!.body.lines.find((candidate) => candidate.productId === 'prod_analytics')!;
  return [line.planId, line.amount];
}

/**
 * The console's `[paid-checkout]` line `line`, logged by `element` with its `debug` attribute on from
 * now on: resolves once it is logged (the console is as it was again).
 */
async function logged(element: RecordingCheckout, line: string): Promise<void> {
  const info = console.info;
  let seen = false;
  console.info = (...args: unknown[]) => {
    if (args[0] === line) seen = true;
    else info.apply(console, args);
  };
  element.debug = true;
  try {
    await waitUntil(() => seen, `never logged ${line}`);
  } finally {
    console.info = info;
    element.debug = false;
  }
}

/**
 * A new buyer past an edit presses Pay, which is refused (the prices changed, not the amount): the
 * checkout is read again, and that read is held. Pay is pressed again before it answers, and that
 * payment is held before it leaves. Then `meanwhile` answers the read, or loses it: the payment
 * under way is left alone (nothing said, the form shows the prices it was made from). Its own answer
 * decides: refused too (the prices it was shown are old), and the checkout read again then shows
 * the new ones; the next Pay buys Starter at its price.
 */
async function readAgainWhilePaying(meanwhile: (reads: HeldRead, element: RecordingCheckout) => Promise<void>): Promise<void> {
  const own = await ownSandbox();
  let reads: HeldRead | undefined;
  let completes: ReturnType<typeof holdNextComplete> | undefined;
  try {
    const { checkoutId, element } = await newBuyerPastAnEdit(own);
    const complete = record(element, 'paid-checkout-complete');
    reads = holdSessionRead(checkoutId);
    payButton(element).click();
    await waitForText(element, 'The prices changed since they were shown', 10_000);
    await reads.asked;
    completes = holdNextComplete();
    (await readyToPay(element)).click();
    await completes.asked;
    const states = record(element, 'paid-checkout-statechange');
    const errors = record(element, 'paid-checkout-error');

    await meanwhile(reads, element);
    await element.updateComplete;
    expect(element.state.status, 'the payment is still under way').to.equal('paying');
    expect(visibleText(element), 'the form shows the prices the payment was made from').to.contain('$99.00');
    expect(visibleText(element)).to.not.contain('$129.00');
    expect(visibleText(element)).to.not.contain('couldn’t reach the server');
    expect(states).to.have.length(0);
    expect(errors).to.have.length(0);

    reads.restore();
    completes.release();
    await waitForText(element, '$129.00', 10_000);
    (await readyToPay(element, 10_000)).click();
    await waitForText(element, 'Thank you', 10_000);
    expect(complete.map((event) => event.detail.amountDue)).to.deep.equal([1900]);
    expect(await ordersOfCheckout(own, checkoutId)).to.deep.equal([[['plan_analytics_starter', 1900]]]);
  } finally {
    completes?.restore();
    reads?.restore();
    await own.dispose();
  }
}

describe('the merchant edits a price while the buyer pays', function () {
  this.timeout(30_000);

  it('a downgrade (0 today) whose new plan the merchant re-priced is refused, nothing charged; the new price is shown, and the next Pay buys it', async () => {
    // A sandbox of this test's own: its prices change, and no other file sees them change.
    const own = await ownSandbox();
    try {
      const { checkoutId, orderId } = await scaleSubscriber(own);
      const element = await mountRecording(checkoutId, own.url);
      const complete = record(element, 'paid-checkout-complete');
      const errors = record(element, 'paid-checkout-error');
      await waitForText(element, 'Signed in as Price Tester');
      shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.click();
      await readyToPay(element);
      expect(visibleText(element)).to.contain('$19.00');
      expect(visibleText(element)).to.not.contain('$29.00');
      await fillCard(element, '4242 4242 4242 4242');

      // While the customer looks at Starter at $19.00, the merchant raises it to $29.00.
      await own.editPrice('prod_analytics', 'plan_analytics_starter', 'usd', 2900);
      payButton(element).click();
      await waitForText(element, 'The prices changed since they were shown', 10_000);
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['amount_changed']);
      expect(complete).to.have.length(0);
      expect(await analyticsLine(own, orderId)).to.deep.equal(['plan_analytics_scale', 9900], 'nothing changed, nothing charged');

      // The checkout read again under the form: the downgrade still chosen, at its new price.
      await waitForText(element, '$29.00', 10_000);
      expect(shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.checked).to.equal(true);
      await readyToPay(element, 10_000);
      payButton(element).click();
      await waitForText(element, 'Thank you', 10_000);
      expect(complete).to.have.length(1);
      expect(complete[0]!.detail.amountDue).to.equal(0);
      expect(await analyticsLine(own, orderId)).to.deep.equal(['plan_analytics_starter', 2900]);
    } finally {
      await own.dispose();
    }
  });

  it('a read again of the re-priced checkout that the network loses keeps the form as chosen, the tax says so, and its Try again finds the new price', async () => {
    const own = await ownSandbox();
    let reads: ReturnType<typeof loseSessionReads> | undefined;
    try {
      const { checkoutId, orderId } = await scaleSubscriber(own);
      const element = await mountRecording(checkoutId, own.url);
      const complete = record(element, 'paid-checkout-complete');
      await waitForText(element, 'Signed in as Price Tester');
      shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.click();
      await readyToPay(element);
      await fillCard(element, '4242 4242 4242 4242');
      await own.editPrice('prod_analytics', 'plan_analytics_starter', 'usd', 2900);

      // From now on the session's reads are lost on the network (each retry too).
      reads = loseSessionReads(checkoutId);
      payButton(element).click();
      // A known customer's order is quoted: the tax says it could not be calculated, with Try again.
      await waitUntil(() => shadow(element).querySelector('[data-tax="failed"] button'), 'the tax never offered Try again', { timeout: 15_000 });
      expect(reads.lost(), 'the checkout was read again, and lost').to.be.greaterThan(0);
      expect(payButton(element).disabled, 'nothing to pay until the tax is known').to.equal(true);
      expect(shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')?.checked, 'the form stays as chosen').to.equal(true);
      expect(complete).to.have.length(0);
      expect(await analyticsLine(own, orderId)).to.deep.equal(['plan_analytics_scale', 9900], 'nothing charged');

      // The network back: Try again asks the quote again, whose prices are not the ones shown, so the
      // checkout is read again and shows the new price, which the next Pay buys.
      reads.restore();
      shadow(element).querySelector<HTMLButtonElement>('[data-tax="failed"] button')!.click();
      await waitForText(element, '$29.00', 10_000);
      await readyToPay(element, 10_000);
      payButton(element).click();
      await waitForText(element, 'Thank you', 10_000);
      expect(complete).to.have.length(1);
      expect(await analyticsLine(own, orderId)).to.deep.equal(['plan_analytics_starter', 2900]);
    } finally {
      reads?.restore();
      await own.dispose();
    }
  });

  it('a read again that re-prices the plan chosen tells the page the new amount (paid-checkout-change), and Pay buys it', async () => {
    const own = await ownSandbox();
    try {
      const customer = (await own.request<{ id: string }>('POST', '/api/v2/customers', { name: 'Katherine Johnson', email: `katherine+${hex()}@example.com` }))!.body;
      const { id: checkoutId } = await own.createCheckout({ products: [{ id: 'prod_analytics' }], customerId: customer.id, successUrl: SUCCESS_URL });
      const element = await mountRecording(checkoutId, own.url);
      const changes = record(element, 'paid-checkout-change');
      const complete = record(element, 'paid-checkout-complete');
      await waitForText(element, 'Signed in as Katherine Johnson');
      shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.click();
      await readyToPay(element);
      await fillCard(element, '4242 4242 4242 4242');
      expect(changes.map((event) => event.detail.amountDue)).to.deep.equal([1900]);

      // The merchant raises Starter, the plan chosen: Pay is refused, the quote names other prices
      // than the read, and the checkout is read again under the form.
      await own.editPrice('prod_analytics', 'plan_analytics_starter', 'usd', 2900);
      payButton(element).click();
      await waitUntil(() => changes.length === 2, 'the page was never told of the new amount', { timeout: 10_000 });
      expect(changes[1]!.detail).to.deep.equal({
        selections: [{ productId: 'prod_analytics', planId: 'plan_analytics_starter', quantity: 1 }],
        currency: 'usd',
        amountDue: 2900,
      });
      await readyToPay(element, 10_000);
      expect(element.state).to.deep.include({ status: 'ready', amountDue: 2900 });
      payButton(element).click();
      await waitForText(element, 'Thank you', 10_000);
      expect(complete.map((event) => event.detail.amountDue)).to.deep.equal([2900]);
      expect(changes, 'told once').to.have.length(2);
    } finally {
      await own.dispose();
    }
  });

  it('a read again whose answer comes while the next payment is under way leaves that payment alone: the form shows what is paid for until its answer decides', async () => {
    await readAgainWhilePaying(async (reads) => {
      await reads.answer();
    });
  });

  it('a read again lost while the next payment is under way says nothing over it: that payment’s answer decides', async () => {
    await readAgainWhilePaying(async (reads, element) => {
      // The read is lost, and so are its retries (1 + sessionRetryDelays' 2); the element is done
      // with it when its debug log says so.
      const dropped = logged(element, '[paid-checkout] read failed: network_error');
      reads.lose();
      await waitUntil(() => reads.lost() === 3, 'the read was not tried three times', { timeout: 10_000 });
      await dropped;
    });
  });

  it('without tax, a read again that the network loses is said over Pay, the form kept as typed; the next Pay reads again and buys', async () => {
    const own = await ownSandbox();
    let reads: ReturnType<typeof loseSessionReads> | undefined;
    try {
      const { checkoutId, element } = await newBuyerPastAnEdit(own);
      const complete = record(element, 'paid-checkout-complete');
      reads = loseSessionReads(checkoutId);
      payButton(element).click();
      await waitForText(element, 'We couldn’t reach the server. Check your connection and try again.', 15_000);
      expect(reads.lost(), 'the checkout was read again, and lost').to.be.greaterThan(0);
      expect(element.state).to.deep.include({ status: 'ready' });
      expect((element.state as { error: { code: string } | null }).error?.code).to.equal('network_error');
      expect(shadow(element).querySelector('[data-tax]'), 'no tax is shown, so none is said to fail').to.equal(null);
      expect(shadow(element).querySelector<HTMLInputElement>('input[value="plan_analytics_starter"]')!.checked, 'the form stays as chosen').to.equal(true);
      expect(shadow(element).querySelector<HTMLInputElement>('#field-name')!.value, 'and as typed').to.equal('Grace Hopper');
      expect(payButton(element).disabled, 'Pay asks again').to.equal(false);
      expect(await ordersOfCheckout(own, checkoutId)).to.deep.equal([]);

      // The network back: Pay is refused again (the prices shown are still old), the checkout read
      // again shows the new ones, and the next Pay buys Starter.
      reads.restore();
      payButton(element).click();
      await waitForText(element, '$129.00', 10_000);
      (await readyToPay(element, 10_000)).click();
      await waitForText(element, 'Thank you', 10_000);
      expect(complete.map((event) => event.detail.amountDue)).to.deep.equal([1900]);
      expect(await ordersOfCheckout(own, checkoutId)).to.deep.equal([[['plan_analytics_starter', 1900]]]);
    } finally {
      reads?.restore();
      await own.dispose();
    }
  });
});
