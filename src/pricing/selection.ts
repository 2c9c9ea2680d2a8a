// What a customer picked for each product, checked against the session: the same rules in
// the element (to offer only valid choices) and in the sandbox (to refuse anything else).
import type { Plan, Price, Product, Selection } from '../api/schemas.ts';
import { reason } from '../reasons.ts';
import { clampQuantity, priceInCurrency, quantityBounds } from './price.ts';

export interface ResolvedSelection {
  product: Product;
  plan: Plan | null;
  price: Price;
  quantity: number;
}

export interface SelectionProblem {
  field: string;
  code: string;
  message: string;
}

export type SelectionResult =
  | { ok: true; resolved: ResolvedSelection[] }
  | { ok: false; problems: SelectionProblem[] };

/** The prices a product offers: its plans' prices, or its base price. */
function optionsOf(product: Product): Array<{ plan: Plan | null; prices: Price[] }> {
  if (product.plans.length > 0) return product.plans.map((plan) => ({ plan, prices: plan.prices }));
  return product.basePrice ? [{ plan: null, prices: [product.basePrice] }] : [];
}

/** Currencies in which every product of the session can be bought. */
export function currenciesOffered(products: readonly Product[]): string[] {
  const perProduct = products.map((product) => {
    const currencies = new Set<string>();
    for (const option of optionsOf(product)) for (const price of option.prices) currencies.add(price.currency);
    if (product.current) return currencies.has(product.current.currency) ? new Set([product.current.currency]) : new Set<string>();
    return currencies;
  });
  const [first, ...rest] = perProduct;
  if (!first) return [];
  return [...first].filter((currency) => rest.every((set) => set.has(currency))).sort();
}

/** Plans of a product that have a price in `currency`, in the session's order. */
export function plansInCurrency(product: Product, currency: string): Plan[] {
  return product.plans.filter((plan) => priceInCurrency(plan.prices, currency) !== undefined);
}

/** The starting choice: the current plan for an upgrade, else the recommended or first plan. */
export function defaultSelections(products: readonly Product[], currency: string): Selection[] {
  return products.map((product) => {
    const plans = plansInCurrency(product, currency);
    const currentPlan = plans.find((plan) => plan.id === product.current?.planId);
    const plan = currentPlan ?? plans.find((candidate) => candidate.recommended) ?? plans[0] ?? null;
    const price = plan ? priceInCurrency(plan.prices, currency) : product.basePrice;
    const wanted = currentPlan ? (product.current?.quantity ?? 1) : 1;
    return { productId: product.id, planId: plan?.id ?? null, quantity: price ? clampQuantity(price, wanted) : 1 };
  });
}

/** Re-fits selections after a currency change: same plans where they exist, quantities clamped. */
export function selectionsForCurrency(
  products: readonly Product[],
  previous: readonly Selection[],
  currency: string,
): Selection[] {
  const defaults = defaultSelections(products, currency);
  return defaults.map((fallback, index) => {
    const product = products[index];
    const earlier = previous.find((candidate) => candidate.productId === fallback.productId);
    if (!product || !earlier) return fallback;
    const plan = product.plans.find((candidate) => candidate.id === earlier.planId);
    const price = plan ? priceInCurrency(plan.prices, currency) : product.plans.length === 0 ? product.basePrice : undefined;
    if (!price) return fallback;
    return { productId: product.id, planId: plan?.id ?? null, quantity: clampQuantity(price, earlier.quantity) };
  });
}

/** Checks one selection per product of the session and finds the price each one buys. */
export function resolveSelections(
  products: readonly Product[],
  selections: readonly Selection[],
  currency: string,
): SelectionResult {
  const problems: SelectionProblem[] = [];
  const resolved: ResolvedSelection[] = [];
  const seen = new Set<string>();

  selections.forEach((selection, index) => {
    const at = `selections[${index}]`;
    const product = products.find((candidate) => candidate.id === selection.productId);
    if (!product) {
      problems.push({ field: `${at}.productId`, code: 'unknown_product', message: reason('is not a product of this checkout') });
      return;
    }
    if (seen.has(product.id)) {
      problems.push({ field: `${at}.productId`, code: 'duplicate_product', message: reason('is selected more than once') });
      return;
    }
    seen.add(product.id);

    let plan: Plan | null = null;
    let price: Price | undefined;
    if (product.plans.length > 0) {
      if (selection.planId === null) {
        problems.push({ field: `${at}.planId`, code: 'plan_required', message: reason('a plan of this product must be chosen') });
        return;
      }
      plan = product.plans.find((candidate) => candidate.id === selection.planId) ?? null;
      if (!plan) {
        problems.push({ field: `${at}.planId`, code: 'unknown_plan', message: reason('is not a plan of this product') });
        return;
      }
      price = priceInCurrency(plan.prices, currency);
    } else {
      if (selection.planId !== null) {
        problems.push({ field: `${at}.planId`, code: 'plan_not_allowed', message: reason('this product has no plans; send null') });
        return;
      }
      price = product.basePrice && product.basePrice.currency === currency ? product.basePrice : undefined;
    }
    if (!price) {
      problems.push({ field: 'currency', code: 'currency_unavailable', message: reason(`${product.name} has no price in ${currency}`) });
      return;
    }
    const { min, max } = quantityBounds(price);
    if (!Number.isInteger(selection.quantity) || selection.quantity < min || selection.quantity > max) {
      problems.push({
        field: `${at}.quantity`,
        code: 'quantity_out_of_bounds',
        message: reason(`must be a whole number from ${min} to ${max}`),
      });
      return;
    }
    resolved.push({ product, plan, price, quantity: selection.quantity });
  });

  for (const product of products) {
    if (!seen.has(product.id) && !problems.some((problem) => problem.code === 'unknown_product')) {
      problems.push({ field: 'selections', code: 'missing_product', message: reason(`must include product ${product.id}`) });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, resolved };
}
