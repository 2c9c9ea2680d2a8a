// Products in the public shape, parsed with the wire schema so that defaults apply as in the element.
import { product as productSchema, type Product } from '../../../src/api/schemas.ts';

export function product(input: Record<string, unknown>): Product {
  return productSchema.parse({ description: null, basePrice: null, plans: [], current: null, ...input });
}

const flat = (usd: number, eur?: number, interval = 'month') => [
  { currency: 'usd', model: 'flat', amount: usd, interval },
  ...(eur === undefined ? [] : [{ currency: 'eur', model: 'flat', amount: eur, interval }]),
];

export const analytics = product({
  id: 'prod_analytics',
  name: 'Analytics',
  plans: [
    { id: 'plan_starter', name: 'Starter', prices: flat(1900, 1800) },
    { id: 'plan_growth', name: 'Growth', recommended: true, prices: flat(4900, 4500) },
    { id: 'plan_yearly', name: 'Growth yearly', prices: flat(49000, 45000, 'year') },
  ],
});

export const seats = product({
  id: 'prod_seats',
  name: 'Team seats',
  plans: [
    {
      id: 'plan_team',
      name: 'Team',
      prices: [
        { currency: 'usd', model: 'per_unit', amount: 1200, interval: 'month', minQuantity: 1, maxQuantity: 50 },
        { currency: 'eur', model: 'per_unit', amount: 1100, interval: 'month', minQuantity: 1, maxQuantity: 50 },
      ],
    },
    {
      id: 'plan_business',
      name: 'Business',
      prices: [{ currency: 'usd', model: 'per_unit', amount: 2400, interval: 'month', minQuantity: 5, maxQuantity: 500, trialDays: 14 }],
    },
  ],
});

export const support = product({
  id: 'prod_support',
  name: 'Priority support',
  basePrice: { currency: 'usd', model: 'flat', amount: 29900, interval: 'month' },
});

export const onboarding = product({
  id: 'prod_onboarding',
  name: 'Onboarding',
  basePrice: { currency: 'usd', model: 'one_time', amount: 49900, interval: 'one_time' },
});

export const api = product({
  id: 'prod_api',
  name: 'API requests',
  plans: [{ id: 'plan_payg', name: 'Pay as you go', prices: [{ currency: 'usd', model: 'usage', amount: 5, interval: 'month' }] }],
});

/** Analytics with an active Starter subscription from 1 April to 1 May 2026. */
export const analyticsUpgrade = product({
  ...analytics,
  current: {
    orderId: 'ord_ada',
    planId: 'plan_starter',
    quantity: 1,
    periodStart: '2026-04-01T00:00:00Z',
    periodEnd: '2026-05-01T00:00:00Z',
    amount: 1900,
    currency: 'usd',
    interval: 'month',
  },
});
