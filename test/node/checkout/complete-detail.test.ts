// The paid-checkout-complete event's detail (src/checkout/complete-detail.ts): order, customer, totals
// and the redirect it follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paid } from '@paid-ai/paid-node';
import { completeDetail } from '../../../src/checkout/complete-detail.ts';
import { publicCheckout } from '../../../src/api/schemas.ts';
import { resolveSelections } from '../../../src/pricing/selection.ts';
import { summarize } from '../../../src/pricing/summary.ts';
import type { PaidCheckoutCompleted, PaidCheckoutInvoice, PaidCheckoutOrder } from '../../../src/events.ts';

const checkout = publicCheckout.parse({
  id: 'chk_a',
  status: 'active',
  expiresAt: '2099-01-01T00:00:00Z',
  successUrl: 'https://shop.example/thanks/{CHECKOUT_ID}',
  allowedCurrencies: ['usd'],
  currency: 'usd',
  collect: { name: true, email: true, address: false, phone: false },
  customer: null,
  payments: null,
  products: [
    {
      id: 'prod_a',
      name: 'Analytics',
      basePrice: null,
      plans: [{ id: 'plan_a', name: 'Growth', prices: [{ currency: 'usd', model: 'flat', amount: 4900, interval: 'month' }] }],
    },
    { id: 'prod_b', name: 'Setup', plans: [], basePrice: { currency: 'usd', model: 'one_time', amount: 10000, interval: 'one_time' } },
  ],
});

const resolved = resolveSelections(
  checkout.products,
  [
    { productId: 'prod_a', planId: 'plan_a', quantity: 1 },
    { productId: 'prod_b', planId: null, quantity: 1 },
  ],
  'usd',
);
if (!resolved.ok) throw new Error('fixture');
const summary = summarize(resolved.resolved, 'usd', new Date('2026-04-16T00:00:00Z'));
const result = { status: 'succeeded' as const, checkoutId: 'chk_a', orderId: 'ord_1', invoiceId: 'inv_1', customerId: 'cus_1', amountDue: 14900, currency: 'usd' };

test('the complete detail carries the order, the invoice, the redirect, the lines, the customer and the totals', () => {
  const detail = completeDetail(checkout, summary, { name: ' Ada ', email: 'ada@example.com ' }, result, true);
  assert.equal(detail.orderId, 'ord_1');
  assert.equal(detail.invoiceId, 'inv_1');
  assert.equal(detail.redirectUrl, 'https://shop.example/thanks/chk_a', 'without a redirect from the server, successUrl templated');
  assert.deepEqual(detail.customer, { id: 'cus_1', name: 'Ada', email: 'ada@example.com' });
  assert.deepEqual(
    detail.lines.map((line) => [line.productName, line.planName, line.amountDueToday, line.interval]),
    [
      ['Analytics', 'Growth', 4900, 'month'],
      ['Setup', null, 10000, 'one_time'],
    ],
  );
  assert.equal(detail.amountDue, 14900);
  assert.deepEqual(detail.recurring, [{ interval: 'month', amount: 4900, startsAt: '2026-05-16T00:00:00.000Z', includesUsage: false }]);
});

test('navigates: the element leaves for the redirect by itself only where it does (its own success, nothing to read first, a URL it may follow)', () => {
  assert.equal(completeDetail(checkout, summary, { name: 'Ada', email: 'ada@example.com' }, result, true).navigates, true);
  assert.equal(completeDetail(checkout, summary, { name: 'Ada', email: 'ada@example.com' }, result, false).navigates, false, 'a success that stays to be read');
  // A successUrl whose checkout id makes it no http(s) URL: nowhere to go, whatever else.
  const nowhere = { ...checkout, successUrl: 'https://{CHECKOUT_ID}.example/' };
  const stays = completeDetail(nowhere, summary, { name: 'Ada', email: 'ada@example.com' }, { ...result, checkoutId: 'chk a' }, true);
  assert.deepEqual([stays.redirectUrl, stays.navigates], [null, false]);
});

test('a known customer is named from the session, not from fields it never saw', () => {
  const known = { ...checkout, collect: { ...checkout.collect, name: false, email: false }, customer: { id: 'cus_ada', name: 'Ada Lovelace', email: 'ada@example.com' } };
  const detail = completeDetail(known, summary, { name: '', email: '' }, { ...result, customerId: 'cus_ada' }, true);
  assert.deepEqual(detail.customer, { id: 'cus_ada', name: 'Ada Lovelace', email: 'ada@example.com' });
});

test('the server’s redirect_url is followed when it is an absolute http(s) URL; successUrl, templated, otherwise', () => {
  const detail = completeDetail(checkout, summary, { name: 'Ada', email: 'ada@example.com' }, { ...result, redirectUrl: 'https://shop.example/welcome/ord_1' }, true);
  assert.equal(detail.redirectUrl, 'https://shop.example/welcome/ord_1');
  for (const unsafe of ['javascript:alert(1)', '/welcome', 'https://shop.example\n@evil.example/', 'data:text/html,x', '']) {
    const refused = completeDetail(checkout, summary, { name: 'Ada', email: 'ada@example.com' }, { ...result, redirectUrl: unsafe }, true);
    assert.equal(refused.redirectUrl, 'https://shop.example/thanks/chk_a', JSON.stringify(unsafe));
  }
  const withoutInvoice = completeDetail(checkout, summary, { name: 'Ada', email: 'ada@example.com' }, { ...result, invoiceId: undefined, redirectUrl: null }, true);
  assert.equal(withoutInvoice.invoiceId, null);
  assert.equal(withoutInvoice.redirectUrl, 'https://shop.example/thanks/chk_a');
});

// Checked by the typecheck: each object's fields are named and typed as Paid's SDK has them.
type Exactly<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sdkShapes: [
  Exactly<PaidCheckoutOrder, Pick<Paid.Order, 'id' | 'customerId'>>,
  Exactly<PaidCheckoutInvoice, Pick<Paid.Invoice, 'id' | 'customerId'>>,
  Exactly<PaidCheckoutCompleted, { id: Paid.CheckoutDetails['id']; orderId: NonNullable<Paid.CheckoutDetails['orderId']> }>,
] = [true, true, true];

test('the order, invoice and checkout in the shapes of Paid’s SDK, from the answer’s ids alone', () => {
  assert.deepEqual(sdkShapes, [true, true, true]);
  const detail = completeDetail(checkout, summary, { name: 'Ada', email: 'ada@example.com' }, result, true);
  assert.deepEqual(detail.order, { id: 'ord_1', customerId: 'cus_1' });
  assert.deepEqual(detail.invoice, { id: 'inv_1', customerId: 'cus_1' });
  assert.deepEqual(detail.checkout, { id: 'chk_a', orderId: 'ord_1' });
  // The flat ids merchants already read stay as they were.
  assert.deepEqual([detail.checkoutId, detail.orderId, detail.invoiceId, detail.customerId], ['chk_a', 'ord_1', 'inv_1', 'cus_1']);
  const withoutInvoice = completeDetail(checkout, summary, { name: 'Ada', email: 'ada@example.com' }, { ...result, invoiceId: null }, true);
  assert.equal(withoutInvoice.invoice, null);
});

test('nothing of the session beyond what the detail names: no metadata, even from a server that sent some', () => {
  const leaky = { ...checkout, metadata: { internalNote: 'SECRET-METADATA-VALUE' } } as typeof checkout;
  const detail = completeDetail(leaky, summary, { name: 'Ada', email: 'ada@example.com' }, result, true);
  assert.doesNotMatch(JSON.stringify(detail), /metadata|SECRET-METADATA-VALUE/);
});
