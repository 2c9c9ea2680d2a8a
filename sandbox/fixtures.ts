// The seeded catalog, customers and order, with fixed ids that tests and the demo name.
import type { BillingInterval, Plan, Price, PriceTier } from '../src/api/schemas.ts';
import { addDays, addInterval } from '../src/pricing/interval.ts';
import { customerRecord, orderRecord, productRecord } from './records.ts';
import type { ProductRecord } from './merchant-records.ts';
import type { Store } from './store.ts';

function flat(currency: string, amount: number, interval: BillingInterval): Price {
  return { currency, model: 'flat', amount, interval };
}

function plan(id: string, name: string, prices: Price[], extra: Partial<Plan> = {}): Plan {
  return { id, name, description: null, features: [], recommended: false, prices, ...extra };
}

const currencies = ['usd', 'eur'] as const;
type FixtureCurrency = (typeof currencies)[number];

/** The same price in usd and eur at each one's amount (and tiers, for a tiered price). */
function inUsdAndEur(
  price: Omit<Price, 'currency' | 'amount' | 'tiers'> & { unitLabel: string },
  amounts: Record<FixtureCurrency, number>,
  tiersOf?: Record<FixtureCurrency, PriceTier[]>,
): Price[] {
  const { model, interval, unitLabel, ...limits } = price;
  return currencies.map((currency) => ({
    currency,
    model,
    amount: amounts[currency],
    interval,
    unitLabel,
    ...(tiersOf ? { tiers: tiersOf[currency] } : {}),
    ...limits,
  }));
}

/** Tiers from `[upTo, unitAmount, flatAmount]` rows. */
function tiers(...rows: Array<[upTo: number | null, unitAmount: number, flatAmount: number]>): PriceTier[] {
  return rows.map(([upTo, unitAmount, flatAmount]) => ({ upTo, unitAmount, flatAmount }));
}

const storageTiers: Record<FixtureCurrency, PriceTier[]> = {
  usd: tiers([100, 10, 0], [1000, 8, 0], [null, 5, 0]),
  eur: tiers([100, 9, 0], [1000, 7, 0], [null, 4, 0]),
};

const volumeTiers: Record<FixtureCurrency, PriceTier[]> = {
  usd: tiers([100, 12, 0], [1000, 9, 500], [null, 6, 1000]),
  eur: tiers([100, 11, 0], [1000, 8, 500], [null, 5, 1000]),
};

function fixtureProducts(): Array<Pick<ProductRecord, 'id' | 'name' | 'description' | 'active' | 'plans' | 'basePrice'>> {
  return [
    {
      id: 'prod_analytics',
      name: 'Analytics',
      description: 'Dashboards and reports for your product data.',
      active: true,
      basePrice: null,
      plans: [
        plan('plan_analytics_starter', 'Starter', [flat('usd', 1900, 'month'), flat('eur', 1800, 'month')], {
          description: 'For a single project.',
          features: ['3 dashboards', '30 days of history'],
        }),
        plan('plan_analytics_growth', 'Growth', [flat('usd', 4900, 'month'), flat('eur', 4500, 'month')], {
          description: 'For growing teams.',
          features: ['Unlimited dashboards', '1 year of history', 'Email support'],
          recommended: true,
        }),
        plan('plan_analytics_scale', 'Scale', [flat('usd', 9900, 'month'), flat('eur', 9000, 'month')], {
          description: 'For large organisations.',
          features: ['Unlimited dashboards', 'Unlimited history', 'Single sign-on', 'Priority email support'],
        }),
        plan('plan_analytics_growth_yearly', 'Growth (yearly)', [flat('usd', 49000, 'year'), flat('eur', 45000, 'year')], {
          description: 'Growth, billed once a year.',
          features: ['Unlimited dashboards', '1 year of history', 'Email support', 'Two months free'],
        }),
      ],
    },
    {
      id: 'prod_seats',
      name: 'Team seats',
      description: 'One seat per teammate.',
      active: true,
      basePrice: null,
      plans: [
        plan(
          'plan_seats_team',
          'Team',
          inUsdAndEur({ model: 'per_unit', interval: 'month', unitLabel: 'seat', minQuantity: 1, maxQuantity: 50 }, { usd: 1200, eur: 1100 }),
        ),
        plan(
          'plan_seats_business',
          'Business',
          inUsdAndEur({ model: 'per_unit', interval: 'month', unitLabel: 'seat', minQuantity: 5, maxQuantity: 500, trialDays: 14 }, { usd: 2400, eur: 2200 }),
          { features: ['14-day free trial', 'Audit log'] },
        ),
      ],
    },
    {
      id: 'prod_storage',
      name: 'Storage',
      description: 'Storage for your files, by the gigabyte.',
      active: true,
      basePrice: null,
      plans: [
        plan(
          'plan_storage_graduated',
          'Pay as you grow',
          inUsdAndEur({ model: 'graduated', interval: 'month', unitLabel: 'GB', minQuantity: 1, maxQuantity: 100_000 }, { usd: 0, eur: 0 }, storageTiers),
          { description: 'Each tier prices the gigabytes that fall in it.' },
        ),
        plan(
          'plan_storage_volume',
          'Volume',
          inUsdAndEur({ model: 'volume', interval: 'month', unitLabel: 'GB', minQuantity: 1, maxQuantity: 100_000 }, { usd: 0, eur: 0 }, volumeTiers),
          { description: 'The tier you reach prices every gigabyte.' },
        ),
      ],
    },
    {
      id: 'prod_api',
      name: 'API requests',
      description: 'Metered API usage, billed at the end of each month.',
      active: true,
      basePrice: null,
      plans: [
        plan(
          'plan_api_payg',
          'Pay as you go',
          inUsdAndEur({ model: 'usage', interval: 'month', unitLabel: '1,000 requests' }, { usd: 50, eur: 45 }),
        ),
        plan(
          'plan_api_committed',
          'Committed',
          inUsdAndEur({ model: 'usage', interval: 'month', unitLabel: '1,000 requests', includedQuantity: 100 }, { usd: 40, eur: 36 }),
          { description: 'A lower rate, with 100,000 requests included each month.' },
        ),
      ],
    },
    {
      id: 'prod_support',
      name: 'Priority support',
      description: 'A four-hour response time, around the clock.',
      active: true,
      plans: [],
      basePrice: flat('usd', 29900, 'month'),
    },
    {
      id: 'prod_onboarding',
      name: 'Onboarding session',
      description: 'Two hours with one of our engineers.',
      active: true,
      plans: [],
      basePrice: { currency: 'usd', model: 'one_time', amount: 49900, interval: 'one_time' },
    },
  ];
}

/** Puts the fixtures into `store`; Ada's current period started 12 days before `now`. */
export function seedFixtures(store: Store, now: Date): void {
  for (const product of fixtureProducts()) store.products.put(productRecord(product, now));

  const ada = customerRecord({ id: 'cus_ada', name: 'Ada Lovelace', email: 'ada@example.com', externalId: 'ext_ada' }, now);
  const grace = customerRecord({ id: 'cus_grace', name: 'Grace Hopper', email: 'grace@example.com' }, now);
  store.customers.put(ada);
  store.customers.put(grace);

  const periodStart = addDays(now, -12);
  const adaOrder = orderRecord(store, {
    id: 'ord_ada',
    name: 'Analytics Starter',
    customerId: ada.id,
    source: 'checkout',
    currency: 'usd',
    startDate: periodStart,
    lines: [
      {
        id: 'line_ada_analytics',
        productId: 'prod_analytics',
        planId: 'plan_analytics_starter',
        quantity: 1,
        interval: 'month',
        amount: 1900,
        currency: 'usd',
        periodStart,
        periodEnd: addInterval(periodStart, 'month'),
        trialEndsAt: null,
        // Ada bought before she gave an address to tax (a known customer is not taxed).
        periodTax: 0,
      },
    ],
    createdAt: periodStart,
    updatedAt: periodStart,
  }, now);
  store.orders.put(adaOrder);
}
