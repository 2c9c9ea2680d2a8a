// The requests the client tests send: a new buyer's payment, and a quote for the same order.
import type { CompleteRequest, QuoteRequest } from '../../../src/api/requests.ts';

export const completeRequest: CompleteRequest = {
  selections: [{ productId: 'prod_a', planId: null, quantity: 1 }],
  currency: 'usd',
  customer: { name: 'Ada', email: 'ada@example.com' },
  confirmationToken: 'ctoken_1',
  returnUrl: 'https://shop.example/checkout',
  amountDue: 4900,
};

export const quoteRequest: QuoteRequest = { selections: completeRequest.selections, currency: 'usd', address: { country: 'US', postalCode: '10001', state: null }, taxId: null };
