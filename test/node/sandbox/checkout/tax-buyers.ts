// Buyers the tax tests pay as (a UK consumer, a German address, an untaxed US state; a known
// customer with a billing address on file), the order they buy, and the sandbox's quote for them:
// shared by the tests of tax at complete and after.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { selection, send, type TestSandbox, type WireSelection } from '../support.ts';

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
  lines: Array<{ product_id: string; kind: string; subtotal: number; tax: number; total: number; taxability: string; renewal: { subtotal: number; tax: number; total: number } | null }>;
  recurring: Array<{ subtotal: number; tax: number; total: number }>;
  jurisdiction: string | null;
  tax_id: string | null;
  now: string;
}

/**
 * The sandbox's quote in usd for `selections` and the tax part of `address` (and a VAT number), as
 * the element would be shown it; `address` null asks without one (a known customer's checkout
 * that collects none: the address on file decides).
 */
export async function quoteFor(
  sandbox: TestSandbox,
  checkoutId: string,
  selections: WireSelection[],
  address: { country: string; postal_code: string; state?: string } | null,
  taxId?: string,
): Promise<QuoteData> {
  const where = address && { country: address.country, postal_code: address.postal_code, ...(address.state ? { state: address.state } : {}) };
  const answer = await sandbox.post<{ data: QuoteData }>(`/api/public/checkout/${checkoutId}/quote`, {
    json: { selections, currency: 'usd', ...(where ? { address: where } : {}), ...(taxId ? { tax_id: taxId } : {}) },
  });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.data;
}

/** Paid's customer as the private API reads it: the fields the tax tests look at. */
export interface CustomerRead {
  id: string;
  externalId: string | null;
  billingAddress: { line1?: string; city?: string; state?: string; zipCode?: string; country?: string } | null;
  vatNumber: string | null;
}

/** A customer the merchant made through Paid's API (so a checkout for them is a known customer's), with a unique external id. */
export async function knownCustomer(sandbox: TestSandbox, fields: Partial<Omit<CustomerRead, 'id'>> = {}): Promise<CustomerRead> {
  const externalId = `ext_tax_${randomBytes(4).toString('hex')}`;
  const answer = await send<CustomerRead>(sandbox.url, 'POST', '/api/v2/customers', {
    key: sandbox.key,
    json: { name: 'Known Buyer', email: `${externalId}@example.com`, externalId, ...fields },
  });
  assert.equal(answer.status, 201, answer.text);
  return answer.body;
}

/** What Paid's private API reads at `path` (under /api/v2), with the merchant's key. */
export async function readPrivate<T>(sandbox: TestSandbox, path: string): Promise<T> {
  const answer = await send<T>(sandbox.url, 'GET', `/api/v2${path}`, { key: sandbox.key });
  assert.equal(answer.status, 200, `${path}: ${answer.text}`);
  return answer.body;
}

/** The customer as Paid's API reads it now. */
export function readCustomer(sandbox: TestSandbox, id: string): Promise<CustomerRead> {
  return readPrivate<CustomerRead>(sandbox, `/customers/${id}`);
}
