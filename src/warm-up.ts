// Pays a page's one-time costs of showing a session (compiling the code that validates, prices
// and renders it, and preparing Lit's templates) while the real session is on the network: a
// small sample session goes through the same schema, pricing and views, into a detached node, a
// step a task (checkout/loader.ts starts them once the checkout chunk has come).
import { nothing, render } from 'lit';
import { publicCheckout, type Product } from './api/schemas.ts';
import { emptyCustomer } from './checkout/customer-form.ts';
import type { CheckoutState } from './checkout/state.ts';
import { defaultSelections, resolveSelections } from './pricing/selection.ts';
import { summarize } from './pricing/summary.ts';
import { formatterFor } from './views/format.ts';
import { formView, type FormHandlers } from './views/form.ts';

export const sampleSession = {
  id: 'chk_sample',
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
      plans: [],
      basePrice: {
        currency: 'usd',
        model: 'graduated',
        amount: 0,
        interval: 'year',
        tiers: [{ upTo: 9, unitAmount: 1 }, { upTo: null, unitAmount: 0 }],
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
 * Validates and prices the sample session, renders its form (Stripe's fields loading, then
 * ready) and drops what it rendered: in steps, each short enough for a task of its own, so that a
 * session answer that arrives meanwhile waits for one step at most.
 */
function warmUpSteps(locale: string, now: Date): Array<() => void> {
  let state: Omit<CheckoutState, 'paymentStatus'> | null = null;
  let products: readonly Product[] = [];
  const container = document.createElement('div');
  const renderWith = (paymentStatus: 'loading' | 'ready') => () => {
    if (state) render(formView({ ...state, paymentStatus }, { products, payErrorMessage: '' }, formatterFor(locale), noHandlers), container);
  };
  return [
    () => {
      const parsed = publicCheckout.safeParse(sampleSession);
      if (!parsed.success) return;
      const checkout = parsed.data;
      const selections = defaultSelections(checkout.products, checkout.currency);
      const resolved = resolveSelections(checkout.products, selections, checkout.currency);
      if (!resolved.ok) return;
      products = checkout.products;
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
    renderWith('loading'),
    renderWith('ready'),
    () => render(nothing, container),
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
