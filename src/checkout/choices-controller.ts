// What the customer chooses and types: a tier, a quantity, a currency, their own fields. Each
// change to the order prices the summary again by the server's clock and tells the page; each
// change to the order or the address asks the coordinator for a new tax quote.
import type { ReactiveControllerHost } from 'lit';
import type { PublicCheckout, Selection } from '../api/schemas.ts';
import { CheckoutError } from '../errors.ts';
import { emit, type PaidCheckoutChangeDetail } from '../events.ts';
import { clampQuantity } from '../pricing/price.ts';
import { currenciesOffered, defaultSelections, resolveSelections, selectionsForCurrency } from '../pricing/selection.ts';
import { summarize, type CheckoutSummary } from '../pricing/summary.ts';
import { validateField, type CustomerValues, type FieldName, type FieldProblem } from './customer-form.ts';

/** What the choices read and change of the checkout: the coordinator (a fake one in tests). */
export interface ChoicesHost {
  readonly checkout: PublicCheckout | null;
  currencies: string[];
  currency: string;
  selections: Selection[];
  /** The summary priced here, in the browser (the coordinator lays the tax quote over it). */
  priced: CheckoutSummary | null;
  customer: CustomerValues;
  fieldProblems: Map<FieldName, FieldProblem>;
  payError: CheckoutError | null;
  /** Whether the order may change now: the form is shown and no payment is under way. */
  readonly editable: boolean;
  /** The element: changes render and go out from it as events. */
  readonly element: ReactiveControllerHost & HTMLElement;
  /** The server's clock prices the summary. */
  readonly session: { now(): number };
  /** The session's products cannot be priced (a malformed session). */
  fail(error: CheckoutError): void;
  /** The order or the address changed: the quote and Stripe's amount follow. */
  orderChanged(): void;
}

export class ChoicesController {
  readonly #host: ChoicesHost;

  constructor(host: ChoicesHost) {
    this.#host = host;
  }

  /** The session's currencies and default choices, priced; false when it can't be. */
  start(): boolean {
    const checkout = this.#host.checkout;
    if (!checkout) return false;
    const offered = currenciesOffered(checkout.products);
    const currencies = checkout.allowedCurrencies.filter((currency) => offered.includes(currency));
    const currency = currencies.includes(checkout.currency) ? checkout.currency : currencies[0];
    if (!currency) {
      this.#host.fail(new CheckoutError('invalid_response'));
      return false;
    }
    this.#host.currencies = currencies;
    this.#host.currency = currency;
    this.#host.selections = defaultSelections(checkout.products, currency);
    return this.reprice();
  }

  /** Prices the summary again at `at` (after a change, or by a new server time); false when it can't be. */
  reprice(at = this.#host.session.now()): boolean {
    if (!this.#host.checkout) return false;
    const resolved = resolveSelections(this.#host.checkout.products, this.#host.selections, this.#host.currency);
    if (!resolved.ok) {
      this.#host.fail(new CheckoutError('invalid_response'));
      return false;
    }
    this.#host.priced = summarize(resolved.resolved, this.#host.currency, new Date(at));
    this.#host.orderChanged();
    return true;
  }

  #changed(): void {
    if (!this.reprice() || !this.#host.priced) return;
    // What Pay said about the last order (nothing changed; the total moved under the click) is stale next to a new one.
    const code = this.#host.payError?.code;
    if (code === 'no_change' || code === 'total_changed') this.#host.payError = null;
    this.#host.element.requestUpdate();
    this.tell();
  }

  /** The order as `paid-checkout-change` tells it: the choices, and what is due today as priced here. */
  order(): PaidCheckoutChangeDetail {
    return { selections: this.#host.selections.map((selection) => ({ ...selection })), currency: this.#host.currency, amountDue: this.#host.priced!.amountDueToday };
  }

  /**
   * Tells the page of the order (`paid-checkout-change`): after a change of the customer's, or when
   * it is no longer `before` (an earlier order(), as JSON) though they changed nothing (the checkout
   * read again, with the merchant's new prices).
   */
  tell(before?: string): void {
    const order = this.order();
    if (JSON.stringify(order) !== before) emit(this.#host.element, 'paid-checkout-change', order);
  }

  #select(productId: string, selection: (previous: Selection) => Selection): void {
    this.#host.selections = this.#host.selections.map((previous) => (previous.productId === productId ? selection(previous) : previous));
    this.#changed();
  }

  choosePlan(productId: string, planId: string): void {
    const product = this.#host.checkout?.products.find((candidate) => candidate.id === productId);
    const plan = product?.plans.find((candidate) => candidate.id === planId);
    const price = plan?.prices.find((candidate) => candidate.currency === this.#host.currency);
    if (!this.#host.editable || !plan || !price) return;
    const previous = this.#host.selections.find((selection) => selection.productId === productId);
    if (previous?.planId === planId) return;
    const quantity = clampQuantity(price, previous?.quantity ?? 1);
    this.#select(productId, () => ({ productId, planId, quantity }));
  }

  setQuantity(productId: string, quantity: number): void {
    const line = this.#host.priced?.lines.find((candidate) => candidate.productId === productId);
    if (!this.#host.editable || !line) return;
    const clamped = clampQuantity(line.price, quantity);
    if (clamped === line.quantity) {
      // The input shows what the customer typed: render it back to the quantity kept.
      this.#host.element.requestUpdate();
      return;
    }
    this.#select(productId, (selection) => ({ ...selection, quantity: clamped }));
  }

  setCurrency(currency: string): void {
    if (!this.#host.editable || !this.#host.checkout || currency === this.#host.currency || !this.#host.currencies.includes(currency)) return;
    this.#host.currency = currency;
    this.#host.selections = selectionsForCurrency(this.#host.checkout.products, this.#host.selections, currency);
    this.#changed();
  }

  setField(field: FieldName, value: string): void {
    this.#host.customer = { ...this.#host.customer, [field]: value };
    this.#host.orderChanged();
    // Once a field shows a problem, say as soon as it is fixed (but never complain mid-typing).
    if (this.#host.fieldProblems.has(field)) this.checkField(field);
  }

  /**
   * A field the customer leaves is checked once it holds something: tabbing through empty fields
   * (keyboard users do) raises nothing until Pay is pressed.
   */
  leaveField(field: FieldName): void {
    if (this.#host.customer[field].trim() !== '' || this.#host.fieldProblems.has(field)) this.checkField(field);
  }

  checkField(field: FieldName): void {
    const problem = validateField(field, this.#host.customer[field]);
    if (problem?.key === this.#host.fieldProblems.get(field)?.key) return;
    const next = new Map(this.#host.fieldProblems);
    if (problem) next.set(field, problem);
    else next.delete(field);
    this.#host.fieldProblems = next;
    this.#host.element.requestUpdate();
  }
}
