// A quote refused because the checkout can no longer be paid (409 archived: a product deactivated,
// the checkout archived; expired; completed; 404) ends the flow (the host's `closed`), instead of a
// tax that "could not be calculated" whose Try again is refused for ever. Other refusals stay the
// tax's own (Try again, or a field's problem).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuoteRequest } from '../../../src/api/schemas.ts';
import type { TaxController } from '../../../src/checkout/tax-controller.ts';
import { CheckoutError } from '../../../src/errors.ts';
import { taxHost } from './tax-host.ts';

/** A customer in the UK typing an address, whose every quote is refused with `refusal`. */
function setup(refusal: CheckoutError) {
  const asked: QuoteRequest[] = [];
  const { tax, closed } = taxHost({
    customer: { country: 'GB', postalCode: 'SW1Y 4JH' },
    quoteRequest: async (request) => {
      asked.push(request);
      throw refusal;
    },
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
