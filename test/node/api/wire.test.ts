// The element's model ⇄ Paid's public wire: the bodies it sends are exactly what the sandbox's
// strict schemas accept, and the answers it reads come back in the model's names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeBody, type CompleteRequest, type QuoteRequest } from '../../../src/api/requests.ts';
import { paymentAnswer } from '../../../src/api/schemas.ts';
import { completeBodyOf, finalizeBodyOf, modelField, paymentResultOf, quoteBodyOf } from '../../../src/api/wire.ts';
import { completeWireBody, finalizeWireBody, quoteWireBody } from '../../../sandbox/public-schemas.ts';
import { actionData, paidData } from './answers.ts';

const request: CompleteRequest = {
  selections: [
    { productId: 'prod_analytics', planId: 'plan_growth', quantity: 1 },
    { productId: 'prod_support', planId: null, quantity: 2 },
  ],
  currency: 'usd',
  customer: {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+44 20 7946 0000',
    address: { line1: '12 St James’s Square', line2: null, city: 'London', state: null, postalCode: 'SW1Y 4LB', country: 'GB' },
  },
  confirmationToken: 'ctoken_test_succeeds_0123456789abcdef',
  returnUrl: 'https://shop.example/pricing',
  amountDue: 5900,
};

test('a complete request goes out as Paid’s confirmation_token and return_url, with our snake_case extensions', () => {
  assert.deepEqual(completeBodyOf(request), {
    selections: [
      { product_id: 'prod_analytics', plan_id: 'plan_growth', quantity: 1 },
      { product_id: 'prod_support', plan_id: null, quantity: 2 },
    ],
    currency: 'usd',
    customer: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      address: { line1: '12 St James’s Square', line2: null, city: 'London', state: null, postal_code: 'SW1Y 4LB', country: 'GB' },
    },
    confirmation_token: 'ctoken_test_succeeds_0123456789abcdef',
    return_url: 'https://shop.example/pricing',
    amount_due: 5900,
  });
});

test('every complete body the element sends is accepted by its own wire schema and by the sandbox’s strict one', () => {
  const known = { ...request, customer: null };
  const noAddress = { ...request, customer: { name: 'Ada', email: 'ada@example.com', phone: null, address: null } };
  const business = { ...request, customer: { ...request.customer!, taxId: 'GB123456789' } };
  const noTaxId = { ...request, customer: { ...request.customer!, taxId: null } };
  const knownBilling = { ...request, customer: { address: { line1: '1 Way', city: 'Berlin', postalCode: '10115', country: 'DE' }, taxId: 'DE123456789' } };
  const variants = [
    ['new customer with an address', request],
    ['known customer', known],
    ['known customer’s billing address', knownBilling],
    ['no address', noAddress],
    ['business with a VAT number', business],
    ['no VAT number', noTaxId],
  ] as const;
  for (const [label, variant] of variants) {
    const body = completeBodyOf(variant);
    assert.equal(completeBody.safeParse(body).success, true, `${label}: element schema`);
    const sandbox = completeWireBody.safeParse(JSON.parse(JSON.stringify(body)));
    assert.equal(sandbox.success, true, `${label}: sandbox schema: ${sandbox.error?.message}`);
  }
});

test('a customer’s VAT number goes out as customer.tax_id', () => {
  const body = completeBodyOf({ ...request, customer: { ...request.customer!, taxId: 'GB123456789' } });
  assert.equal(body.customer?.tax_id, 'GB123456789');
});

test('a quote request goes out in snake_case, and the sandbox’s strict schema accepts it with or without a VAT number and a state', () => {
  const quote: QuoteRequest = {
    selections: [{ productId: 'prod_analytics', planId: 'plan_growth', quantity: 1 }],
    currency: 'usd',
    address: { country: 'US', postalCode: '95014', state: 'CA' },
    taxId: null,
  };
  assert.deepEqual(quoteBodyOf(quote), {
    selections: [{ product_id: 'prod_analytics', plan_id: 'plan_growth', quantity: 1 }],
    currency: 'usd',
    address: { country: 'US', postal_code: '95014', state: 'CA' },
    tax_id: null,
  });
  const business = { ...quote, address: { country: 'DE', postalCode: '10115', state: null }, taxId: 'DE123456789' };
  // A known customer whose session collects no address: the server taxes from the one on file.
  const known = { ...quote, address: null };
  assert.equal((quoteBodyOf(known) as { address: unknown }).address, null);
  for (const variant of [quote, business, known]) {
    const sandbox = quoteWireBody.safeParse(JSON.parse(JSON.stringify(quoteBodyOf(variant))));
    assert.equal(sandbox.success, true, sandbox.error?.message);
  }
});

test('finalize names the payment it finalizes, or sends Paid’s {} when it has none', () => {
  assert.deepEqual(finalizeBodyOf('pi_123'), { payment_intent_id: 'pi_123' });
  assert.deepEqual(finalizeBodyOf(null), {});
  assert.equal(finalizeWireBody.safeParse(finalizeBodyOf('pi_123')).success, true);
  assert.equal(finalizeWireBody.safeParse(finalizeBodyOf(null)).success, true);
});

test('a paid answer is read in the model’s names', () => {
  const result = paymentResultOf(paymentAnswer.safeParse({ success: true, data: paidData() }).data!);
  assert.deepEqual(result, {
    status: 'succeeded',
    orderId: 'ord_1',
    invoiceId: 'inv_1',
    redirectUrl: 'https://shop.example/thanks?c=chk_1',
    paymentIntent: { id: 'pi_1', status: 'succeeded', clientSecret: null },
    checkoutId: 'chk_1',
    customerId: 'cus_1',
    amountDue: 5900,
    currency: 'usd',
  });
});

test('a 3-D Secure answer gives the intent’s id and client secret', () => {
  const result = paymentResultOf(paymentAnswer.safeParse({ success: true, data: { ...actionData('pi_2'), order_id: null } }).data!);
  assert.equal(result.status, 'requires_action');
  assert.deepEqual(result.status === 'requires_action' && result.paymentIntent, { id: 'pi_2', status: 'requires_action', clientSecret: 'pi_2_secret_3' });
});

test('a refused field is named as the model names it', () => {
  assert.equal(modelField('customer.address.postal_code'), 'customer.address.postalCode');
  assert.equal(modelField('customer.email'), 'customer.email');
  assert.equal(modelField('selections.0.plan_id'), 'selections.0.planId');
});
