// A session parsed with the element's own schema and a stand-in element, for the tests of this
// folder's controllers that price real summaries and listen to the element's events.
import { publicCheckout, type PublicCheckout } from '../../../src/api/schemas.ts';
import type { PaidCheckoutEventMap } from '../../../src/events.ts';

/** A host interface as a fake writes it: the controller's read-only fields are the test's to set. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Resolves after every promise callback queued so far has run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const flat = (usd: number, eur: number) => [
  { currency: 'usd', model: 'flat', amount: usd, interval: 'month' },
  { currency: 'eur', model: 'flat', amount: eur, interval: 'month' },
];

const perSeat = (usd: number, eur: number, minQuantity: number, maxQuantity: number) => [
  { currency: 'usd', model: 'per_unit', amount: usd, interval: 'month', minQuantity, maxQuantity },
  { currency: 'eur', model: 'per_unit', amount: eur, interval: 'month', minQuantity, maxQuantity },
];

/** Two plans a month: basic at 10.00 USD / 9.00 EUR, pro at 30.00 USD / 27.00 EUR; flat, so always a quantity of 1 (no picker). */
export const app = {
  id: 'prod_app',
  name: 'App',
  plans: [
    { id: 'plan_basic', name: 'Basic', prices: flat(1000, 900) },
    { id: 'plan_pro', name: 'Pro', prices: flat(3000, 2700) },
  ],
  basePrice: null,
};

/** Seats a month: team 5.00 USD / 4.50 EUR each for 2 to 10, business 4.00 USD / 3.80 EUR each for 5 to 8. */
export const seats = {
  id: 'prod_seats',
  name: 'Seats',
  plans: [
    { id: 'plan_team', name: 'Team', prices: perSeat(500, 450, 2, 10) },
    { id: 'plan_business', name: 'Business', prices: perSeat(400, 380, 5, 8) },
  ],
  basePrice: null,
};

/** `app` for a customer already on basic, in a 30-day period from 1 January 2030. */
export const appOnBasic = {
  ...app,
  current: {
    orderId: 'ord_current',
    planId: 'plan_basic',
    quantity: 1,
    periodStart: '2030-01-01T00:00:00Z',
    periodEnd: '2030-01-31T00:00:00Z',
    amount: 1000,
    currency: 'usd',
    interval: 'month',
  },
};

/** An active session in usd or eur for `app` and `seats`, asking for a name and an email; `overrides` replace fields. */
export function checkoutSession(overrides: Record<string, unknown> = {}): PublicCheckout {
  return publicCheckout.parse({
    id: 'chk_abc',
    status: 'active',
    expiresAt: '2030-02-01T00:00:00Z',
    successUrl: 'https://shop.example/thanks?c={CHECKOUT_ID}',
    allowedCurrencies: ['usd', 'eur'],
    currency: 'usd',
    collect: { name: true, email: true, address: false, phone: false },
    customer: null,
    payments: { provider: 'stripe', publishableKey: 'pk_test_123', accountId: 'acct_1' },
    products: [app, seats],
    ...overrides,
  });
}

/** The element as a controller sees it: events go out from it, and it counts the renders asked for. */
export class FakeElement extends EventTarget {
  updates = 0;
  readonly updateComplete = Promise.resolve(true);

  requestUpdate(): void {
    this.updates += 1;
  }

  /** Every `type` event dispatched from now on; `onEach` runs inside the dispatch. */
  record<K extends keyof PaidCheckoutEventMap>(type: K, onEach?: (event: PaidCheckoutEventMap[K]) => void): Array<PaidCheckoutEventMap[K]> {
    const events: Array<PaidCheckoutEventMap[K]> = [];
    this.addEventListener(type, (event) => {
      events.push(event as PaidCheckoutEventMap[K]);
      onEach?.(event as PaidCheckoutEventMap[K]);
    });
    return events;
  }
}
