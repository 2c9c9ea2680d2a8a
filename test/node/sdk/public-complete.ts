// Pays a checkout through the public API as the browser does (paid-blocks' confirmation_token and
// return_url, with our snake_case extensions), for the SDK tests that need a completed checkout.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';

export interface WireSelection {
  product_id: string;
  plan_id: string | null;
  quantity: number;
}

export interface Purchase {
  selections: WireSelection[];
  /** Lower case, as the element sends it. */
  currency: string;
  customer?: {
    name: string;
    email: string;
    phone?: string | null;
    address?: { line1: string; city: string; postal_code: string; country: string } | null;
    /** The buyer's VAT number (ours). */
    tax_id?: string;
  };
}

/** The `data` of a succeeded answer: the ids paid-blocks reads. */
export interface PaidData {
  status: 'succeeded';
  order_id: string;
  invoice_id: string;
}

/** A buyer with an address, which a checkout that collects one (Paid's default) requires. */
export const BUYER: NonNullable<Purchase['customer']> = {
  name: 'Mary Jackson',
  email: 'mary@example.com',
  address: { line1: '1 Langley Road', city: 'Hampton', postal_code: '23666', country: 'US' },
};

/** POSTs `…/complete` with a test card that succeeds; fails the test unless the answer is `{ success: true, data: { status: 'succeeded', … } }`. */
export async function payCheckout(sandboxUrl: string, checkoutId: string, purchase: Purchase): Promise<PaidData> {
  const response = await fetch(`${sandboxUrl}/api/public/checkout/${encodeURIComponent(checkoutId)}/complete`, {
    method: 'POST',
    // The element's extension; paid-blocks sends none, and the sandbox must accept both.
    headers: { 'content-type': 'application/json', 'idempotency-key': `idem_${randomUUID()}` },
    body: JSON.stringify({
      confirmation_token: `ctoken_test_succeeds_${randomBytes(8).toString('hex')}`,
      return_url: 'https://shop.example/checkout/return',
      ...purchase,
    }),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `complete ${checkoutId}: ${response.status} ${text}`);
  const answer = JSON.parse(text) as { success?: unknown; data?: Partial<PaidData> };
  const data = answer.data;
  assert.ok(answer.success === true && data?.status === 'succeeded', `complete ${checkoutId}: not a succeeded answer: ${text}`);
  assert.equal(typeof data.order_id, 'string', `complete ${checkoutId}: no data.order_id in ${text}`);
  assert.equal(typeof data.invoice_id, 'string', `complete ${checkoutId}: no data.invoice_id in ${text}`);
  return data as PaidData;
}
