// Buyers the tax tests pay as (a UK consumer, a German address, an untaxed US state), the order
// they buy, and the sandbox's quote for them: shared by the tests of tax at complete and after.
import assert from 'node:assert/strict';
import { selection, type TestSandbox, type WireSelection } from '../support.ts';

/** Analytics Growth and three Team seats: 8,500 in usd before tax. */
export const TEAM = [selection('prod_analytics', 'plan_analytics_growth'), selection('prod_seats', 'plan_seats_team', 3)];
export const LONDON = { line1: '12 St James’s Square', city: 'London', postal_code: 'SW1Y 4JH', country: 'GB' };
export const BERLIN = { line1: 'Unter den Linden 1', city: 'Berlin', postal_code: '10115', country: 'DE' };
export const PORTLAND = { line1: '1 Main St', city: 'Portland', state: 'OR', postal_code: '97201', country: 'US' };

/** The parts of a quote's `data` the tax tests read. */
export interface QuoteData {
  amount: number;
  subtotal: number;
  tax: number;
  lines: Array<{ product_id: string; subtotal: number; tax: number; total: number }>;
  recurring: Array<{ tax: number }>;
}

/** The sandbox's quote in usd for `selections` and the tax part of `address` (and a VAT number), as the element would be shown it. */
export async function quoteFor(
  sandbox: TestSandbox,
  checkoutId: string,
  selections: WireSelection[],
  address: { country: string; postal_code: string; state?: string },
  taxId?: string,
): Promise<QuoteData> {
  const { country, postal_code, state } = address;
  const answer = await sandbox.post<{ data: QuoteData }>(`/api/public/checkout/${checkoutId}/quote`, {
    json: { selections, currency: 'usd', address: { country, postal_code, ...(state ? { state } : {}) }, ...(taxId ? { tax_id: taxId } : {}) },
  });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.data;
}
