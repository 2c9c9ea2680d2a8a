// Amounts are bounded where they enter, by Stripe's limit for a charge (MAX_AMOUNT minor units):
// unit prices, tier amounts and quantities at product creation, quantities at complete, and each
// line's and the order's total at complete; each refused with 400 naming the field, and no read
// of the checkout or of the buyer's other checkouts ever answers 5xx.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_AMOUNT } from '../../../sandbox/request-schemas.ts';
import { errorOf, selection, startTestSandbox, succeededOf, validCompleteBody, validCreateBody, type Answer, type ProductObject } from './support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const monthly = (price: Record<string, unknown>) => ({ currency: 'usd', model: 'per_unit', interval: 'month', ...price });
const createProduct = (body: Record<string, unknown>) => sandbox.post<ProductObject>('/api/v2/products', { key: sandbox.key, json: { name: 'Bounded', ...body } });

async function productWith(price: Record<string, unknown>): Promise<{ id: string; planId: string }> {
  const created = await createProduct({ plans: [{ name: 'Only', prices: [monthly(price)] }] });
  assert.equal(created.status, 201, created.text);
  return { id: created.body.id, planId: created.body.plans[0]!.id };
}

/** The fields a 400 names, after checking it is a validation error. */
function refusedFields(answer: Answer): string[] | undefined {
  assert.equal(answer.status, 400, answer.text);
  assert.equal(errorOf(answer).code, 'validation_error');
  return errorOf(answer).errors?.map((problem) => problem.field);
}

test('the limit is Stripe’s: 99,999,999 minor units', () => {
  assert.equal(MAX_AMOUNT, 99_999_999);
});

test('a unit price, tier amount or quantity over the limit is refused at product creation, naming the field', async () => {
  const over = MAX_AMOUNT + 1;
  const tiers = (tier: Record<string, unknown>) => [{ upTo: 10, unitAmount: 100, ...tier }, { upTo: null, unitAmount: 50 }];
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ basePrice: monthly({ amount: over }) }, 'basePrice.amount'],
    [{ basePrice: monthly({ amount: 9e12, maxQuantity: 10_000 }) }, 'basePrice.amount'],
    [{ basePrice: monthly({ amount: 100, maxQuantity: over }) }, 'basePrice.maxQuantity'],
    [{ basePrice: monthly({ amount: 100, minQuantity: over }) }, 'basePrice.minQuantity'],
    [{ basePrice: monthly({ model: 'usage', amount: 100, includedQuantity: over }) }, 'basePrice.includedQuantity'],
    [{ plans: [{ name: 'P', prices: [monthly({ amount: over })] }] }, 'plans.0.prices.0.amount'],
    [{ plans: [{ name: 'P', prices: [monthly({ model: 'graduated', amount: 0, tiers: tiers({ unitAmount: over }) })] }] }, 'plans.0.prices.0.tiers.0.unitAmount'],
    [{ plans: [{ name: 'P', prices: [monthly({ model: 'volume', amount: 0, tiers: tiers({ flatAmount: over }) })] }] }, 'plans.0.prices.0.tiers.0.flatAmount'],
    [{ plans: [{ name: 'P', prices: [monthly({ model: 'graduated', amount: 0, tiers: tiers({ upTo: over }) })] }] }, 'plans.0.prices.0.tiers.0.upTo'],
  ];
  for (const [body, field] of cases) {
    const before = await sandbox.total('products');
    const answer = await createProduct(body);
    assert.deepEqual(refusedFields(answer), [field], JSON.stringify(body));
    assert.match(errorOf(answer).errors?.[0]?.message ?? '', /99,999,999/);
    assert.equal(await sandbox.total('products'), before);
  }
  // At the limit itself, everything is accepted.
  assert.equal((await createProduct({ basePrice: monthly({ amount: MAX_AMOUNT, maxQuantity: MAX_AMOUNT }) })).status, 201);
  assert.equal((await createProduct({ basePrice: monthly({ model: 'usage', amount: MAX_AMOUNT, includedQuantity: MAX_AMOUNT }) })).status, 201);
});

test('included units are a usage price’s alone: any other model that claims them is refused, naming the field', async () => {
  for (const model of ['flat', 'per_unit']) {
    const answer = await createProduct({ basePrice: monthly({ model, amount: 100, includedQuantity: 3 }) });
    assert.deepEqual(refusedFields(answer), ['basePrice.includedQuantity'], model);
  }
  assert.equal((await createProduct({ basePrice: monthly({ model: 'usage', amount: 40, includedQuantity: 100 }) })).status, 201);
});

test('a complete’s quantity or amount_due over the limit is refused, naming it', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_seats' }] }));
  const quantity = await sandbox.complete(checkout.id, validCompleteBody([], { selections: [selection('prod_seats', 'plan_seats_team', MAX_AMOUNT + 1)] }));
  assert.deepEqual(refusedFields(quantity), ['selections.0.quantity']);
  const amountDue = await sandbox.complete(checkout.id, validCompleteBody(['prod_seats'], { amount_due: MAX_AMOUNT + 1 }));
  assert.deepEqual(refusedFields(amountDue), ['amount_due']);
});

test('a line whose total passes the limit is refused at complete, naming its quantity, even when nothing is due today', async () => {
  const paidNow = await productWith({ amount: MAX_AMOUNT, maxQuantity: 10 });
  const inTrial = await productWith({ amount: 60_000_000, maxQuantity: 10, trialDays: 14 });
  for (const product of [paidNow, inTrial]) {
    const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_support' }, { id: product.id }] }));
    const before = await sandbox.counts();
    const answer = await sandbox.complete(checkout.id, validCompleteBody([], { selections: [selection('prod_support', null, 1), selection(product.id, product.planId, 2)] }));
    assert.deepEqual(refusedFields(answer), ['selections.1.quantity']);
    assert.deepEqual(await sandbox.counts(), before, 'nothing is created');
    const read = await sandbox.readPublic(checkout.id);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.status, 'active');
  }
});

test('an order whose lines together pass the limit is refused at complete, naming selections', async () => {
  const first = await productWith({ amount: 60_000_000 });
  const second = await productWith({ amount: 60_000_000 });
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: first.id }, { id: second.id }] }));
  const before = await sandbox.counts();
  const answer = await sandbox.complete(checkout.id, validCompleteBody([], { selections: [selection(first.id, first.planId, 1), selection(second.id, second.planId, 1)] }));
  assert.deepEqual(refusedFields(answer), ['selections']);
  assert.deepEqual(await sandbox.counts(), before, 'nothing is created');
});

test('an order at the limit is paid, and every later read of the buyer’s checkouts answers 200', async () => {
  const product = await productWith({ amount: MAX_AMOUNT, maxQuantity: 10_000 });
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: product.id }], singleUse: false }));
  assert.deepEqual(refusedFields(await sandbox.complete(checkout.id, validCompleteBody([], { selections: [selection(product.id, product.planId, 10_000)] }))), [
    'selections.0.quantity',
  ]);
  const paid = succeededOf(await sandbox.complete(checkout.id, validCompleteBody([], { selections: [selection(product.id, product.planId, 1)] })));
  assert.equal(paid.amount_due, MAX_AMOUNT);
  const again = await sandbox.createCheckout(validCreateBody({ products: [{ id: product.id }], customerId: paid.customer_id }));
  for (const id of [checkout.id, again.id]) {
    const read = await sandbox.readPublic(id);
    assert.equal(read.status, 200, `${id}: ${read.text}`);
  }
});
