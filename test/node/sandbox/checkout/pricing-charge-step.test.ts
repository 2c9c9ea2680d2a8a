// Amounts in currencies Stripe charges in steps (sandbox/checkout/pricing.ts with the shared
// src/pricing/): KWD in multiples of 10 fils, ISK in whole krónur (100). A quote's tax is rounded to
// the step, complete charges exactly the quote, and the catalog refuses prices not in steps.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertChargeable } from '../../../../sandbox/payments.ts';
import { ApiError } from '../../../../sandbox/http.ts';
import { CUSTOMER, errorOf, startTestSandbox, succeededOf, validCompleteBody, validCreateBody } from '../support.ts';
import { LONDON } from './tax-buyers.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

/** A product with one monthly price of `amount` in `currency`, made through the private API. */
async function productIn(currency: string, amount: number): Promise<string> {
  const made = await sandbox.post<{ id: string }>('/api/v2/products', {
    key: sandbox.key,
    json: { name: `Plan in ${currency}`, basePrice: { currency, model: 'flat', amount, interval: 'month' } },
  });
  assert.equal(made.status, 201, made.text);
  return made.body.id;
}

/** A quote for a London buyer (20% VAT) and a complete with its amount: what each says is due. */
async function quoteAndPay(currency: string, amount: number): Promise<{ quoted: { amount: number; tax: number }; charged: number }> {
  const productId = await productIn(currency, amount);
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: productId }], collectAddress: true, currency }));
  const selections = [{ product_id: productId, plan_id: null, quantity: 1 }];
  const quote = await sandbox.post<{ data: { amount: number; tax: number } }>(`/api/public/checkout/${checkout.id}/quote`, {
    json: { selections, currency, address: { country: LONDON.country, postal_code: LONDON.postal_code } },
  });
  assert.equal(quote.status, 200, quote.text);
  const paid = await sandbox.complete(checkout.id, validCompleteBody([], { selections, currency, customer: { ...CUSTOMER, address: LONDON }, amount_due: quote.body.data.amount }));
  return { quoted: quote.body.data, charged: succeededOf(paid).amount_due };
}

test('KWD 4.910 with 20% VAT is quoted and charged 5.890 (tax 0.982 rounded to 0.980), a multiple of 10 fils', async () => {
  const { quoted, charged } = await quoteAndPay('kwd', 4910);
  assert.deepEqual({ amount: quoted.amount, tax: quoted.tax }, { amount: 5890, tax: 980 });
  assert.equal(charged, 5890);
});

test('ISK 4,999 with 20% VAT is quoted and charged 5,999 kr. (tax 999.80 rounded to 1,000), whole krónur', async () => {
  const { quoted, charged } = await quoteAndPay('isk', 499_900);
  assert.deepEqual({ amount: quoted.amount, tax: quoted.tax }, { amount: 599_900, tax: 100_000 });
  assert.equal(charged, 599_900);
});

test('HUF and JPY, charged to the minor unit, round their tax to it as before', async () => {
  assert.equal((await quoteAndPay('huf', 499_050)).charged, 499_050 + 99_810);
  assert.equal((await quoteAndPay('jpy', 4910)).charged, 4910 + 982);
});

test('the catalog refuses a KWD price, tier or flat amount that is not a multiple of 10, and an ISK one not of 100, naming the field', async () => {
  const refused = await sandbox.post('/api/v2/products', {
    key: sandbox.key,
    json: {
      name: 'Fils',
      plans: [
        {
          name: 'Tiered',
          prices: [
            { currency: 'kwd', model: 'graduated', amount: 0, interval: 'month', tiers: [{ upTo: 10, unitAmount: 1005, flatAmount: 0 }, { upTo: null, unitAmount: 900, flatAmount: 15 }] },
            { currency: 'isk', model: 'flat', amount: 49_950, interval: 'month' },
          ],
        },
      ],
    },
  });
  assert.equal(refused.status, 400, refused.text);
  const fields = errorOf(refused).errors?.map((problem) => problem.field) ?? [];
  assert.deepEqual(fields.sort(), ['plans.0.prices.0.tiers.0.unitAmount', 'plans.0.prices.0.tiers.1.flatAmount', 'plans.0.prices.1.amount']);
  assert.equal((await sandbox.post('/api/v2/products', { key: sandbox.key, json: { name: 'Fils', basePrice: { currency: 'kwd', model: 'flat', amount: 4915, interval: 'month' } } })).status, 400);
});

test('the payment processor refuses to charge an amount not in its currency’s steps, as Stripe does', () => {
  assert.throws(() => assertChargeable(5892, 'kwd'), (error: unknown) => error instanceof ApiError && error.status === 400 && error.code === 'invalid_charge_amount');
  assert.throws(() => assertChargeable(49_950, 'isk'), ApiError);
  for (const [amount, currency] of [[5890, 'kwd'], [0, 'kwd'], [50_000, 'isk'], [5892, 'usd'], [5892, 'huf']] as const) assertChargeable(amount, currency);
});
