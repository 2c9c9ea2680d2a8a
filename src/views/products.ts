// The products of the session: a tier picker (native radios in a fieldset: one tab stop, arrow
// keys) for products with plans, the base price otherwise, and a quantity stepper for seats.
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from './guard.ts';
import { live } from './live.ts';
import type { Plan, Price, Product, Selection } from '../api/schemas.ts';
import { hasAdjustableQuantity, priceInCurrency, quantityBounds } from '../pricing/price.ts';
import { plansInCurrency } from '../pricing/selection.ts';
import type { Formatter } from './format.ts';

export interface ProductHandlers {
  choosePlan: (productId: string, planId: string) => void;
  setQuantity: (productId: string, quantity: number) => void;
}

export interface ProductsModel {
  products: readonly Product[];
  selections: readonly Selection[];
  currency: string;
  disabled: boolean;
}

/** One product's card and what every part of it needs. */
interface ProductCard {
  product: Product;
  /** The card's id prefix, for its labels and descriptions. */
  id: string;
  selection: Selection | undefined;
  currency: string;
  disabled: boolean;
  format: Formatter;
  handlers: ProductHandlers;
}

export function productsView(model: ProductsModel, format: Formatter, handlers: ProductHandlers): TemplateResult {
  const { products, selections, currency, disabled } = model;
  const selectionOf = new Map(selections.map((selection) => [selection.productId, selection]));
  // A session's products never move: a new list is a new session, whose guards all differ.
  return html`${products.map((product, index) => {
    const selection = selectionOf.get(product.id);
    // Re-render a product only when what it shows changed.
    return guard([product, selection, currency, disabled, format], () =>
      productView({ product, id: `p${index}`, selection, currency, disabled, format, handlers }),
    );
  })}`;
}

function productView(card: ProductCard): TemplateResult {
  const { product, id, selection, currency, format } = card;
  const plans = plansInCurrency(product, currency);
  const plan = plans.find((candidate) => candidate.id === selection?.planId) ?? null;
  const price = plan ? priceInCurrency(plan.prices, currency) : product.basePrice;
  const isUpgrade = product.current !== null;
  return html`<article part="product" class="product" aria-labelledby="${id}-name">
    <div class="product-head">
      <h3 id="${id}-name" class="product-name">${product.name}</h3>
      ${isUpgrade && product.plans.length === 0 ? html`<span class="badge current">${format.t('product.current')}</span>` : nothing}
    </div>
    ${product.description ? html`<p class="muted product-description">${product.description}</p>` : nothing}
    ${plans.length > 0
      ? tierPicker(card, plans)
      : price
        ? html`<p class="base-price">${priceLines(price, format)}</p>
            ${tierList(price, format)}`
        : nothing}
    ${price && hasAdjustableQuantity(price) && selection
      ? quantityStepper(card, price, selection.quantity)
      : nothing}
  </article>`;
}

function priceLines(price: Price, format: Formatter): TemplateResult {
  return html`<span class="price">${format.price(price)}</span>${price.trialDays
      ? html`<span class="trial">${format.t('price.trial', { days: price.trialDays })}</span>`
      : nothing}${price.includedQuantity && price.model === 'usage'
      ? html`<span class="muted included">${format.t('price.included', { count: price.includedQuantity })}</span>`
      : nothing}`;
}

/** The tiers of a graduated or volume price, and how they apply. */
function tierList(price: Price | undefined | null, format: Formatter): TemplateResult | typeof nothing {
  const tiers = price ? format.tiers(price) : [];
  if (!price || tiers.length === 0) return nothing;
  const unit = price.unitLabel || format.t('unit.default');
  return html`<div class="price-tiers muted">
    <ul aria-label=${format.t('price.tiers', { unit })}>
      ${tiers.map((line) => html`<li>${line}</li>`)}
    </ul>
    <p>${format.t(price.model === 'volume' ? 'price.volumeNote' : 'price.graduatedNote')}</p>
  </div>`;
}

// Safari does not count a radio reached by arrow keys as :focus-visible: the fieldset remembers
// whether the keyboard or a pointer moved last, and the tier is ringed on keyboard focus.
const markKeyboardUse = (event: Event) => (event.currentTarget as Element).classList.toggle('keyed', event.type === 'keydown');

function tierPicker({ product, id, selection, currency, disabled, format, handlers }: ProductCard, plans: readonly Plan[]): TemplateResult {
  return html`<fieldset class="tiers" ?disabled=${disabled} @keydown=${markKeyboardUse} @pointerdown=${markKeyboardUse}>
    <legend class="visually-hidden">${format.t('product.choosePlan', { product: product.name })}</legend>
    ${plans.map((plan, index) => {
      const checked = plan.id === selection?.planId;
      // A change of tier re-renders the two tiers it moves between, a change of quantity none (the
      // product's own guard re-renders the card when its product, and so its plans, differ).
      return guard([plan, checked, currency, format], () => {
        const tierId = `${id}-t${index}`;
        const price = priceInCurrency(plan.prices, currency);
        const current = plan.id === product.current?.planId;
        const tiers = tierList(price, format);
        const hasDetails = Boolean(plan.description) || plan.features.length > 0 || tiers !== nothing;
        return html`<div part="tier" class="tier${checked ? ' selected' : ''}">
          <input
            type="radio"
            id=${tierId}
            name="plan-${id}"
            .value=${plan.id}
            .checked=${live(checked)}
            aria-describedby=${hasDetails ? `${tierId}-details` : nothing}
            @change=${() => handlers.choosePlan(product.id, plan.id)}
          />
          <label for=${tierId}>
            <span class="tier-name">${plan.name}</span>
            ${plan.recommended ? html`<span class="badge recommended">${format.t('product.recommended')}</span>` : nothing}
            ${current ? html`<span class="badge current">${format.t('product.current')}</span>` : nothing}
            ${price ? html`<span class="tier-price">${priceLines(price, format)}</span>` : nothing}
          </label>
          ${hasDetails
            ? html`<div id="${tierId}-details" class="tier-details">
                ${plan.description ? html`<p class="muted">${plan.description}</p>` : nothing} ${tiers}
                ${plan.features.length > 0
                  ? html`<ul class="features" aria-label=${format.t('product.features', { plan: plan.name })}>
                      ${plan.features.map((feature) => html`<li>${feature}</li>`)}
                    </ul>`
                  : nothing}
              </div>`
            : nothing}
        </div>`;
      });
    })}
  </fieldset>`;
}

function quantityStepper({ product, id, disabled, format, handlers }: ProductCard, price: Price, quantity: number): TemplateResult {
  const { min, max } = quantityBounds(price);
  const inputId = `${id}-quantity`;
  const unit = price.unitLabel || format.t('unit.default');
  const label = format.t('quantity.label', { unit });
  // The field's name (and each button's) adds the product, so that each stepper is told apart, in one string: a hidden
  // span in the label is out of flow, and every engine joins it with a space ("(seat) , Team seats").
  const commit = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const value = input.valueAsNumber;
    handlers.setQuantity(product.id, Number.isFinite(value) ? value : quantity);
  };
  return html`<div class="quantity" part="field">
    <label for=${inputId}>${label}</label>
    <div class="stepper">
      <button
        type="button"
        class="step"
        aria-label="${format.t('quantity.decrease')}, ${product.name}"
        aria-controls=${inputId}
        ?disabled=${disabled || quantity <= min}
        @click=${() => handlers.setQuantity(product.id, quantity - 1)}
      >
        <span aria-hidden="true">−</span>
      </button>
      <input
        part="input"
        id=${inputId}
        type="number"
        inputmode="numeric"
        min=${min}
        max=${max}
        step="1"
        aria-label="${label}, ${product.name}"
        .value=${live(String(quantity))}
        ?disabled=${disabled}
        aria-describedby="${inputId}-bounds"
        @change=${commit}
        @keydown=${(event: KeyboardEvent) => {
          // Enter commits the quantity; it must not also pay for an amount not yet shown.
          if (event.key === 'Enter') {
            event.preventDefault();
            commit(event);
          }
        }}
      />
      <button
        type="button"
        class="step"
        aria-label="${format.t('quantity.increase')}, ${product.name}"
        aria-controls=${inputId}
        ?disabled=${disabled || quantity >= max}
        @click=${() => handlers.setQuantity(product.id, quantity + 1)}
      >
        <span aria-hidden="true">+</span>
      </button>
    </div>
    <span id="${inputId}-bounds" class="hint">${format.t('quantity.bounds', { min, max })}</span>
  </div>`;
}
