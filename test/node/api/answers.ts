// Payment and quote answers as the sandbox sends them (Paid's `{ success, data }` envelope), shared by the
// node tests of the schema, the wire mapping and the client.

/** `data` of a paid answer: the order, its invoice, the redirect and our extensions. */
export function paidData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    status: 'succeeded',
    order_id: 'ord_1',
    invoice_id: 'inv_1',
    redirect_url: 'https://shop.example/thanks?c=chk_1',
    payment_intent: { id: 'pi_1', status: 'succeeded', client_secret: null },
    checkout_id: 'chk_1',
    customer_id: 'cus_1',
    amount_due: 5900,
    currency: 'usd',
    ...overrides,
  };
}

/** `data` of an answer waiting for 3-D Secure on payment intent `id`. */
export function actionData(id = 'pi_2'): Record<string, unknown> {
  return { status: 'requires_action', payment_intent: { id, status: 'requires_action', client_secret: `${id}_secret_3` } };
}

/**
 * `data` of a quote as the sandbox sends it (sandbox/checkout/quote.ts): a Berlin buyer of a 49.00
 * EUR monthly plan with 19% VAT, and fields the element does not read (a line's product, its tax,
 * its taxability and renewal; the jurisdiction).
 */
export function quoteData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    checkout_id: 'chk_1',
    amount: 5831,
    currency: 'eur',
    subtotal: 4900,
    tax: 931,
    lines: [
      {
        product_id: 'prod_1',
        plan_id: 'plan_1',
        quantity: 1,
        kind: 'new',
        subtotal: 4900,
        tax: 931,
        total: 5831,
        taxability: 'taxed',
        tax_rate: { name: 'vat', jurisdiction: 'DE', basis_points: 1900, inclusive: false },
        renewal: { starts_at: '2030-02-11T00:00:00.000Z', subtotal: 4900, tax: 931, total: 5831 },
      },
    ],
    tax_lines: [{ name: 'vat', jurisdiction: 'DE', basis_points: 1900, inclusive: false, amount: 931 }],
    recurring: [{ interval: 'month', starts_at: '2030-02-11T00:00:00.000Z', subtotal: 4900, tax: 931, total: 5831, includes_usage: false }],
    reverse_charge: false,
    jurisdiction: 'DE',
    tax_id: null,
    now: '2030-01-11T00:00:00.000Z',
    ...overrides,
  };
}
