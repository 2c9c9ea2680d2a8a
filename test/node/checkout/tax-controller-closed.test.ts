// A quote refused because the checkout can no longer be paid (409 archived: a product deactivated,
// the checkout archived; expired; completed; 404) ends the flow (the host's `closed`), instead of a
// tax that "could not be calculated" whose Try again is refused for ever. Other refusals stay the
// tax's own (Try again, or a field's problem).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuoteRequest } from '../../../src/api/schemas.ts';
import type { TaxQuote } from '../../../src/api/wire.ts';
import { emptyCustomer, fieldsToCollect, type FieldName, type FieldProblem } from '../../../src/checkout/customer-form.ts';
import { TaxController, type TaxHost } from '../../../src/checkout/tax-controller.ts';
import { CheckoutError } from '../../../src/errors.ts';
import { defaultSelections } from '../../../src/pricing/selection.ts';
import { checkoutSession, FakeElement, type Mutable } from './fixtures.ts';

function setup(refusal: CheckoutError) {
  const checkout = checkoutSession({ collect: { name: true, email: true, address: true, phone: false } });
  const closed: CheckoutError[] = [];
  const asked: QuoteRequest[] = [];
  const host: Mutable<TaxHost> = {
    element: Object.assign(new FakeElement(), { addController() {}, removeController() {} }),
    checkout,
    selections: defaultSelections(checkout.products, 'usd'),
    currency: 'usd',
    customer: { ...emptyCustomer(), country: 'GB', postalCode: 'SW1Y 4JH' },
    get collectFields() {
      return fieldsToCollect(checkout.collect, host.customer.country);
    },
    fieldProblems: new Map<FieldName, FieldProblem>(),
    priced: null,
    session: { apiBase: 'http://localhost:4000' },
    choices: { reprice: () => true },
    taxChanged: () => {},
    reread: () => {},
    closed: (error) => closed.push(error),
  };
  const tax = new TaxController(host, async (_apiBase, _id, request) => {
    asked.push(request);
    throw refusal;
  });
  return { tax, closed, asked };
}

/** Asks for a quote and waits until its refusal has been read. */
async function refused(tax: TaxController): Promise<void> {
  tax.retry();
  const deadline = Date.now() + 5000;
  while (tax.quote.status !== 'failed') {
    assert.ok(Date.now() < deadline, 'the quote never failed');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a quote refused 409 archived (a product of the checkout deactivated) ends the flow once, with that error', async () => {
  const archived = new CheckoutError('archived');
  const { tax, closed, asked } = setup(archived);
  await refused(tax);
  assert.equal(asked.length, 1);
  assert.deepEqual(closed, [archived]);
});

test('each closed refusal of a quote (expired, completed, archived, not found) ends the flow; a refusal the customer can act on does not', async () => {
  for (const code of ['expired', 'completed', 'archived', 'not_found', 'payments_not_configured'] as const) {
    const { tax, closed } = setup(new CheckoutError(code));
    await refused(tax);
    assert.deepEqual(closed.map((error) => error.code), [code], code);
  }
  for (const error of [new CheckoutError('network_error', { recoverable: true }), new CheckoutError('server_error', { recoverable: true }), new CheckoutError('validation_error', { recoverable: true, field: 'taxId' }), new CheckoutError('conflict')]) {
    const { tax, closed } = setup(error);
    await refused(tax);
    assert.deepEqual(closed, [], error.code);
  }
});
