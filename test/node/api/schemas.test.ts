// The wire contract's schemas (src/api/schemas.ts, src/api/requests.ts): what a public session, a price,
// a payment answer, a refusal and a complete request must be to be read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeRequest } from '../../../src/api/requests.ts';
import { apiError, paymentAnswer, price, publicCheckout } from '../../../src/api/schemas.ts';
import { session } from './session.ts';
import { actionData, paidData } from './answers.ts';


function issues(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }): string[] {
  return result.success ? [] : result.error!.issues.map((issue) => issue.path.join('.'));
}

test('a valid public session parses, with defaults for what a server may leave out', () => {
  const parsed = publicCheckout.parse(session);
  const [product] = parsed.products;
  assert.equal(product!.description, null);
  assert.equal(product!.current, null);
  assert.deepEqual(product!.plans[0]!.features, []);
  assert.equal(product!.plans[0]!.recommended, false);
});

test('every default is given where a key is left out, a value sent is kept, and no two answers share a default list', () => {
  const { url: _url, cancelUrl: _cancelUrl, ...bare } = session;
  const tiered = { currency: 'usd', model: 'graduated', amount: 0, interval: 'month', tiers: [{ upTo: 5, unitAmount: 100 }, { upTo: null, unitAmount: 80, flatAmount: 7 }] };
  const current = { orderId: 'ord_1', planId: null, periodStart: '2024-01-01T00:00:00Z', periodEnd: '2099-01-01T00:00:00Z', amount: 100, currency: 'usd', interval: 'month' };
  const product = { id: 'prod_t', name: 'T', plans: [], basePrice: tiered, current };
  const parsed = publicCheckout.parse({ ...bare, products: [...session.products, product] });
  assert.equal(parsed.url, null);
  assert.equal(parsed.cancelUrl, null);
  assert.deepEqual(parsed.products[1]!.basePrice!.tiers!.map((tier) => tier.flatAmount), [0, 7]);
  assert.equal(parsed.products[1]!.current!.quantity, 1);
  assert.equal(parsed.products[1]!.current!.trialEndsAt, null);
  assert.equal(parsed.products[1]!.description, null);
  // Sent values are the answer's, whatever the defaults.
  const sent = publicCheckout.parse({ ...session, products: [{ ...product, description: 'D', current: { ...current, quantity: 3, trialEndsAt: '2024-02-01T00:00:00Z' } }] });
  assert.equal(sent.url, session.url);
  assert.equal(sent.products[0]!.description, 'D');
  assert.deepEqual([sent.products[0]!.current!.quantity, sent.products[0]!.current!.trialEndsAt], [3, '2024-02-01T00:00:00Z']);
  // A list a page changes in one answer is not the next answer's default.
  const first = publicCheckout.parse(session);
  first.products[0]!.plans[0]!.features.push('changed');
  assert.deepEqual(publicCheckout.parse(session).products[0]!.plans[0]!.features, []);
});

test('a session’s pricesVersion (the prices it shows, for complete) is kept; a backend without it is still read', () => {
  assert.equal(publicCheckout.parse({ ...session, pricesVersion: '0123456789abcdef' }).pricesVersion, '0123456789abcdef');
  assert.equal(publicCheckout.parse(session).pricesVersion, undefined);
  assert.equal(publicCheckout.safeParse({ ...session, pricesVersion: '' }).success, false);
  assert.equal(publicCheckout.safeParse({ ...session, pricesVersion: 7 }).success, false);
});

test('metadata and other unknown fields are dropped, never passed on', () => {
  const parsed = publicCheckout.parse({ ...session, metadata: { secret: 'x' } }) as Record<string, unknown>;
  assert.equal('metadata' in parsed, false);
});

test('every URL in a session must be absolute http(s)', () => {
  for (const field of ['successUrl', 'cancelUrl', 'url'] as const) {
    for (const bad of ['javascript:alert(1)', '/relative', 'data:text/html,x']) {
      assert.deepEqual(issues(publicCheckout.safeParse({ ...session, [field]: bad })), [field], `${field}=${bad}`);
    }
  }
});

test('a value of the wrong kind or out of its bounds is one problem at its field: the checks after it do not run', () => {
  const wrong: Array<[string, unknown]> = [['id', 5], ['id', null], ['currency', 5], ['status', 'paid'], ['status', 1], ['expiresAt', 0], ['collect', { name: 'yes', email: true, address: false, phone: false }]];
  for (const [field, bad] of wrong) {
    const expected = field === 'collect' ? ['collect.name'] : [field];
    assert.deepEqual(issues(publicCheckout.safeParse({ ...session, [field]: bad })), expected, `${field}=${JSON.stringify(bad)}`);
  }
  const base = { currency: 'usd', model: 'flat', amount: 900, interval: 'month' };
  for (const [field, bad] of [['amount', 'x'], ['amount', 1.5], ['amount', -1], ['amount', 2 ** 53], ['trialDays', 731], ['minQuantity', '1'], ['currency', 'USD'], ['interval', 'week']] as const) {
    assert.deepEqual(issues(price.safeParse({ ...base, [field]: bad })), [field], `${field}=${JSON.stringify(bad)}`);
  }
});

test('the default currency must be allowed, and ids carry their prefixes', () => {
  assert.deepEqual(issues(publicCheckout.safeParse({ ...session, currency: 'gbp' })), ['currency']);
  assert.deepEqual(issues(publicCheckout.safeParse({ ...session, id: 'cus_abcdef' })), ['id']);
  assert.deepEqual(issues(publicCheckout.safeParse({ ...session, allowedCurrencies: ['USD'], currency: 'USD' })), [
    'allowedCurrencies.0',
    'currency',
  ]);
});

test('a product needs plans or a base price', () => {
  const bare = { ...session, products: [{ id: 'prod_a', name: 'A', plans: [], basePrice: null }] };
  assert.deepEqual(issues(publicCheckout.safeParse(bare)), ['products.0.basePrice']);
});

test('product ids, and plan ids within a product, are unique', () => {
  const [product] = session.products;
  assert.deepEqual(issues(publicCheckout.safeParse({ ...session, products: [product, product] })), ['products']);
  const twice = { ...product, plans: [product!.plans[0], product!.plans[0]] };
  assert.deepEqual(issues(publicCheckout.safeParse({ ...session, products: [twice] })), ['products.0.plans']);
});

test('prices: integers only, one_time with one_time, tiers ordered and ending open, bounds consistent', () => {
  const base = { currency: 'usd', model: 'flat', amount: 100, interval: 'month' };
  assert.equal(price.safeParse(base).success, true);
  assert.deepEqual(issues(price.safeParse({ ...base, amount: 1.5 })), ['amount']);
  assert.deepEqual(issues(price.safeParse({ ...base, amount: -1 })), ['amount']);
  assert.deepEqual(issues(price.safeParse({ ...base, model: 'one_time' })), ['interval']);
  assert.deepEqual(issues(price.safeParse({ ...base, interval: 'one_time' })), ['interval']);
  const tiered = { ...base, model: 'graduated', tiers: [{ upTo: 10, unitAmount: 5 }, { upTo: null, unitAmount: 4 }] };
  assert.equal(price.safeParse(tiered).success, true);
  assert.deepEqual(issues(price.safeParse({ ...tiered, tiers: [{ upTo: 10, unitAmount: 5 }] })), ['tiers']);
  assert.deepEqual(issues(price.safeParse({ ...tiered, tiers: [{ upTo: 10, unitAmount: 5 }, { upTo: 5, unitAmount: 4 }, { upTo: null, unitAmount: 1 }] })), ['tiers']);
  assert.deepEqual(issues(price.safeParse({ ...base, model: 'volume' })), ['tiers']);
  assert.deepEqual(issues(price.safeParse({ ...base, model: 'per_unit', minQuantity: 5, maxQuantity: 2 })), ['minQuantity']);
  assert.equal(price.parse(tiered).tiers![0]!.flatAmount, 0);
});

const paid = paidData();
const action = actionData('pi_a');

test('a payment answer is the { success, data } envelope: paid with its order, buyer and amount, or 3-D Secure with a client secret', () => {
  assert.equal(paymentAnswer.safeParse({ success: true, data: paid }).success, true);
  assert.equal(paymentAnswer.safeParse({ data: paid }).success, true, 'success is optional, as paid-blocks reads it');
  assert.equal(paymentAnswer.safeParse({ success: true, data: action }).success, true);
  assert.equal(paymentAnswer.safeParse({ success: true, data: { ...paid, status: 'processing' } }).success, false);
  assert.equal(paymentAnswer.safeParse(paid).success, false, 'the bare data is not the envelope');
  for (const field of ['order_id', 'customer_id', 'checkout_id', 'amount_due', 'currency'] as const) {
    const { [field]: _left, ...rest } = paid;
    assert.equal(paymentAnswer.safeParse({ success: true, data: rest }).success, false, `a paid answer without ${field}`);
  }
  const withoutSecret = { ...action, payment_intent: { id: 'pi_a', status: 'requires_action', client_secret: null } };
  assert.equal(paymentAnswer.safeParse({ success: true, data: withoutSecret }).success, false, '3-D Secure needs the client secret');
  assert.equal(paymentAnswer.safeParse({ success: true, data: { status: 'requires_action' } }).success, false);
  for (const body of [null, 'paid', 1, [], { data: null }, { data: 'succeeded' }]) {
    assert.equal(paymentAnswer.safeParse(body).success, false, `${JSON.stringify(body)} is not an answer`);
  }
});

test('a paid answer with a redirect_url the element will not follow is still read, never refused: the payment is made', () => {
  for (const redirect of ['javascript:alert(1)', '/thanks', null]) {
    const parsed = paymentAnswer.safeParse({ success: true, data: { ...paid, redirect_url: redirect } });
    assert.equal(parsed.success, true, String(redirect));
    assert.equal(parsed.data?.data.redirect_url, redirect);
  }
});

test('a refusal is Paid’s ErrorResponse: an error sentence, with a code, details and our fields when given', () => {
  assert.equal(apiError.safeParse({ error: 'Your card was declined.', code: 'card_declined', declineCode: 'generic_decline' }).success, true);
  assert.equal(
    apiError.safeParse({
      error: 'The request was refused: customer.email must be an email address.',
      code: 'validation_error',
      details: 'customer.email: must be an email address',
      fields: [{ field: 'customer.email', message: 'must be an email address' }],
    }).success,
    true,
  );
  assert.equal(apiError.safeParse({ error: 'Not found' }).success, true, 'code is optional in ErrorResponse');
  assert.equal(apiError.safeParse({ error: { code: 'card_declined', message: 'Declined' } }).success, false, 'the old nested error is not one');
});

test('a complete request needs a selection, a token, an http(s) return URL and the amount shown', () => {
  const request = {
    selections: [{ productId: 'prod_a', planId: 'plan_a', quantity: 1 }],
    currency: 'usd',
    confirmationToken: 'ctoken_1',
    returnUrl: 'https://shop.example/',
    amountDue: 1900,
  };
  assert.equal(completeRequest.safeParse(request).success, true);
  assert.deepEqual(issues(completeRequest.safeParse({ ...request, selections: [] })), ['selections']);
  assert.deepEqual(issues(completeRequest.safeParse({ ...request, returnUrl: 'javascript:x' })), ['returnUrl']);
  assert.deepEqual(issues(completeRequest.safeParse({ ...request, amountDue: -1 })), ['amountDue']);
  assert.deepEqual(issues(completeRequest.safeParse({ ...request, selections: [{ productId: 'prod_a', planId: null, quantity: 0 }] })), [
    'selections.0.quantity',
  ]);
});

test('timestamps: exactly what zod’s z.iso.datetime({ offset: true }) accepts, checked on 20,000 candidates', async () => {
  const { isTimestamp } = await import('../../../src/api/schemas.ts');
  const { z } = await import('zod');
  const reference = z.iso.datetime({ offset: true });
  // A seeded generator (mulberry32), so that each part is picked independently and reproducibly.
  let state = 0x5eed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const years = ['2026', '2024', '2023', '2000', '1900', '2100', '0000', '0004', '9999', '202', '20266'];
  const months = ['01', '02', '04', '09', '11', '12', '00', '13', '1', '10'];
  const days = ['01', '28', '29', '30', '31', '32', '00', '9', '15'];
  const times = ['00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60', '12:00', '08:30:15.5', '08:30:15.123456', '8:30:15', '08:30:15.'];
  const zones = ['Z', '+00:00', '-05:30', '+23:59', '+24:00', '-00:60', 'z', '+0100', '', '+01'];
  const separators = ['T', 'T', 'T', 't', ' '];
  let checked = 0;
  let accepted = 0;
  for (let index = 0; index < 20_000; index += 1) {
    const candidate = `${pick(years)}-${pick(months)}-${pick(days)}${pick(separators)}${pick(times)}${pick(zones)}`;
    const expected = reference.safeParse(candidate).success;
    assert.equal(isTimestamp(candidate), expected, candidate);
    checked += 1;
    if (expected) accepted += 1;
  }
  // Both kinds occur in the sample, so the comparison says something about each.
  assert.ok(accepted > 500 && checked - accepted > 500, `${accepted} of ${checked} accepted`);
  assert.equal(isTimestamp('2024-02-29T12:00:00Z'), true);
  assert.equal(isTimestamp('2023-02-29T12:00:00Z'), false);
  assert.equal(isTimestamp('2026-04-31T12:00:00+02:00'), false);
});
