// Payment answers as the sandbox sends them (Paid's `{ success, data }` envelope), shared by the
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
