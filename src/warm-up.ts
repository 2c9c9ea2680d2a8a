// Pays a page's one-time costs of showing a session (compiling the code that validates, prices
// and renders it, and preparing Lit's templates) while the real session is on the network: a
// small sample session goes through the same pricing, views and schema, into a detached node, a
// step a task (checkout/loader.ts starts them once the checkout chunk has come).
import { nothing, render } from 'lit';
import { publicCheckout, type Product, type PublicCheckout } from './api/schemas.ts';
import { emptyCustomer } from './checkout/customer-form.ts';
import type { CheckoutState } from './checkout/state.ts';
import { defaultSelections, resolveSelections } from './pricing/selection.ts';
import { summarize } from './pricing/summary.ts';
import { formatterFor } from './views/format.ts';
import { formView, type FormHandlers } from './views/form.ts';

/** A session as the schema gives it (defaults filled in): the views need no parse of it first. */
export const sampleSession: PublicCheckout = {
  id: 'chk_sample',
  url: null,
  status: 'active',
  expiresAt: '2000-01-01T00:00:00Z',
  successUrl: 'https://example.com/',
  cancelUrl: 'https://example.com/',
  allowedCurrencies: ['usd'],
  currency: 'usd',
  collect: { name: true, email: true, address: false, phone: false },
  customer: null,
  payments: { provider: 'stripe', publishableKey: 'pk_sample' },
  products: [
    {
      id: 'prod_sample',
      name: '',
      description: null,
      current: null,
      plans: [1, 2].map((tier) => ({
        id: `plan_${tier}`,
        name: '',
        description: '',
        features: [''],
        recommended: tier === 2,
        prices: [{ currency: 'usd', model: 'per_unit', amount: tier, interval: 'month', maxQuantity: 9, trialDays: tier }],
      })),
      basePrice: null,
    },
    {
      id: 'prod_base',
      name: '',
      description: null,
      current: null,
      plans: [],
      basePrice: {
        currency: 'usd',
        model: 'graduated',
        amount: 0,
        interval: 'year',
        tiers: [{ upTo: 9, unitAmount: 1, flatAmount: 0 }, { upTo: null, unitAmount: 0, flatAmount: 0 }],
      },
    },
  ],
};

const ignore = () => {};
const noHandlers: FormHandlers = {
  submit: ignore,
  retryTax: ignore,
  currency: ignore,
  products: { choosePlan: ignore, setQuantity: ignore },
  customer: { input: ignore, blur: ignore },
  payment: { retry: ignore, press: ignore, click: ignore },
};

/**
 * Prices the sample session, renders its form (first without products, then with them and
 * Stripe's fields loading, then ready), drops what it rendered and validates the session: in
 * steps, each short enough for a task of its own, so that a session answer that arrives meanwhile
 * waits for one step at most. The templates come first: a session that arrives before the last
 * steps costs most where they are not prepared.
 */
function warmUpSteps(locale: string, now: Date): Array<() => void> {
  let state: Omit<CheckoutState, 'paymentStatus'> | null = null;
  const container = document.createElement('div');
  const renderWith = (paymentStatus: 'loading' | 'ready', products: readonly Product[] = sampleSession.products) => () => {
    if (state) render(formView({ ...state, paymentStatus }, { products, payErrorMessage: '' }, formatterFor(locale), noHandlers), container);
  };
  return [
    () => {
      const checkout = sampleSession;
      const selections = defaultSelections(checkout.products, checkout.currency);
      const resolved = resolveSelections(checkout.products, selections, checkout.currency);
      if (!resolved.ok) return;
      state = {
        phase: { kind: 'ready' },
        checkout,
        currencies: ['usd', 'eur'],
        currency: checkout.currency,
        selections,
        summary: { ...summarize(resolved.resolved, checkout.currency, now), tax: null },
        collectFields: ['name', 'email'],
        customer: emptyCustomer(),
        fieldProblems: new Map(),
        payError: null,
        canPay: true,
        hasPendingAttempt: false,
      };
    },
    renderWith('loading', []),
    renderWith('loading'),
    renderWith('ready'),
    () => render(nothing, container),
    () => publicCheckout.safeParse(sampleSession),
  ];
}

/**
 * Runs the warm-up's steps, each in a task of its own queued after the page's other pending work
 * (where the browser has task priorities: Chromium, Firefox), so that a session answer that
 * arrives meanwhile is read first; stops once `wanted()` is false.
 */
export function warmUpInSteps(locale: string, now: Date, wanted: () => boolean): void {
  const steps = warmUpSteps(locale, now);
  const next = () => {
    if (!wanted()) return;
    steps.shift()?.();
    if (steps.length > 0) afterPendingWork(next);
  };
  afterPendingWork(next);
}

function afterPendingWork(task: () => void): void {
  if (typeof scheduler === 'object') void scheduler.postTask(task, { priority: 'background' });
  else setTimeout(task);
}

/** Validates, prices and renders the sample session once, then drops what it rendered. */
export function warmUp(locale: string, now: Date): void {
  for (const step of warmUpSteps(locale, now)) step();
}
