// A public session as the sandbox serves it, for the schema tests of this folder to vary one field at a time.

export const session = {
  id: 'chk_abc',
  url: 'https://pay.example/chk_abc',
  status: 'active',
  expiresAt: '2099-01-01T00:00:00+00:00',
  successUrl: 'https://shop.example/thanks?c={CHECKOUT_ID}',
  cancelUrl: null,
  allowedCurrencies: ['usd', 'eur'],
  currency: 'usd',
  collect: { name: true, email: true, address: false, phone: false },
  customer: null,
  payments: { provider: 'stripe', publishableKey: 'pk_test_123', accountId: 'acct_1' },
  products: [
    {
      id: 'prod_a',
      name: 'A',
      plans: [{ id: 'plan_a', name: 'Plan A', prices: [{ currency: 'usd', model: 'flat', amount: 100, interval: 'month' }] }],
      basePrice: null,
    },
  ],
};
