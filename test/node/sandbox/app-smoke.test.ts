// Smoke test of the sandbox over real HTTP on loopback: a merchant creates a checkout, the
// browser reads it and pays with the test card that succeeds, and the order is there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../sandbox/clock.ts';
import { publicCheckout } from '../../../src/api/schemas.ts';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;

before(async () => {
  sandbox = await startSandbox({ port: 0, clock: createAdjustableClock() });
});
after(() => sandbox.close());

function privateCall(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.secretKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

test('create → public read → complete with a good card → one new order for a new customer', async () => {
  const created = await privateCall('POST', '/api/v2/checkouts', {
    products: [{ id: 'prod_analytics' }, { id: 'prod_seats' }],
    successUrl: 'https://shop.example/thanks?checkout={CHECKOUT_ID}',
    metadata: { cartId: 'cart_42' },
  });
  assert.equal(created.status, 201);
  const checkout = (await created.json()) as { id: string; url: string; status: string };
  assert.match(checkout.id, /^chk_[A-Za-z0-9]{16,}$/);
  assert.equal(checkout.url, `${sandbox.url}/checkout/${checkout.id}`);
  assert.equal(checkout.status, 'active');

  const read = await fetch(`${sandbox.url}/api/public/checkout/${checkout.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.headers.get('access-control-allow-origin'), '*');
  assert.equal(read.headers.get('cache-control'), 'no-store');
  const text = await read.text();
  assert.ok(!text.includes('cart_42') && !text.includes('metadata'), 'metadata stays private');
  const session = publicCheckout.parse(JSON.parse(text));
  assert.deepEqual(session.allowedCurrencies, ['eur', 'usd']);
  assert.equal(session.customer, null);
  // Paid's guide: the billing address is collected by default (for tax), the phone is not.
  assert.deepEqual(session.collect, { name: true, email: true, address: true, phone: false });

  const ordersBefore = ((await (await privateCall('GET', '/api/v2/orders')).json()) as { pagination: { total: number } }).pagination.total;
  // Paid's wire: confirmation_token and return_url, our snake_case extensions, no Idempotency-Key.
  const paid = await fetch(`${sandbox.url}/api/public/checkout/${checkout.id}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      confirmation_token: 'ctoken_test_succeeds_0123456789abcdef',
      return_url: 'https://shop.example/checkout',
      selections: [
        { product_id: 'prod_analytics', plan_id: 'plan_analytics_growth', quantity: 1 },
        { product_id: 'prod_seats', plan_id: 'plan_seats_team', quantity: 3 },
      ],
      currency: 'EUR',
      customer: {
        name: 'Katherine Johnson',
        email: 'katherine@example.com',
        address: { line1: '1 Infinite Loop', city: 'Cupertino', state: 'CA', postal_code: '95014', country: 'US' },
      },
    }),
  });
  assert.equal(paid.status, 200);
  const { success, data: answer } = (await paid.json()) as {
    success: boolean;
    data: { status: string; order_id: string; customer_id: string; amount_due: number; currency: string; redirect_url: string };
  };
  assert.equal(success, true);
  // Growth in eur (4500) + 3 Team seats in eur (3 × 1100) = 7800, priced by the sandbox itself,
  // plus California's test sales tax of 7.25% on each line (326 + 239): the buyer is in Cupertino.
  assert.deepEqual({ status: answer.status, amountDue: answer.amount_due, currency: answer.currency }, { status: 'succeeded', amountDue: 8365, currency: 'eur' });
  assert.equal(answer.redirect_url, `https://shop.example/thanks?checkout=${checkout.id}`);

  const order = (await (await privateCall('GET', `/api/v2/orders/${answer.order_id}`)).json()) as {
    customerId: string;
    lines: Array<{ productId: string; planId: string; quantity: number; amount: number }>;
  };
  assert.equal(order.customerId, answer.customer_id);
  assert.deepEqual(
    order.lines.map(({ productId, planId, quantity, amount }) => ({ productId, planId, quantity, amount })),
    [
      { productId: 'prod_analytics', planId: 'plan_analytics_growth', quantity: 1, amount: 4500 },
      { productId: 'prod_seats', planId: 'plan_seats_team', quantity: 3, amount: 3300 },
    ],
  );
  const ordersAfter = ((await (await privateCall('GET', '/api/v2/orders')).json()) as { pagination: { total: number } }).pagination.total;
  assert.equal(ordersAfter, ordersBefore + 1);
  const customer = (await (await privateCall('GET', `/api/v2/customers/${answer.customer_id}`)).json()) as { email: string };
  assert.equal(customer.email, 'katherine@example.com');

  const detailed = (await (await privateCall('GET', `/api/v2/checkouts/${checkout.id}`)).json()) as { status: string; orderId: string };
  assert.deepEqual(detailed, { ...detailed, status: 'completed', orderId: answer.order_id });
});

test('a checkout is expired once the sandbox clock passes expiresAt', async () => {
  const created = (await (
    await privateCall('POST', '/api/v2/checkouts', { products: [{ id: 'prod_support' }], successUrl: 'https://shop.example/thanks' })
  ).json()) as { id: string };
  const readStatus = async () =>
    ((await (await fetch(`${sandbox.url}/api/public/checkout/${created.id}`)).json()) as { status: string }).status;
  assert.equal(await readStatus(), 'active');
  sandbox.clock.advance(24 * 3_600_000);
  try {
    assert.equal(await readStatus(), 'expired');
  } finally {
    sandbox.clock.reset();
  }
});
