// The row above the form: "Back" to the merchant's page and the currency switcher, each only
// when there is somewhere to go back to or more than one currency to pick.
import { html, nothing, type TemplateResult } from 'lit';
import type { Formatter } from './format.ts';
import { backLink } from './states.ts';

export interface ToolbarModel {
  cancelUrl: string | null;
  currencies: readonly string[];
  currency: string;
  disabled: boolean;
}

export function toolbarView(model: ToolbarModel, format: Formatter, onCurrency: (event: Event) => void): TemplateResult | typeof nothing {
  const { cancelUrl, currencies, currency, disabled } = model;
  const switcher = currencies.length > 1;
  if (!cancelUrl && !switcher) return nothing;
  return html`<div class="toolbar">
    ${backLink(cancelUrl, format)}
    ${switcher
      ? html`<div class="currency" part="field">
          <label for="currency">${format.t('currency.label')}</label>
          <select part="input" id="currency" .value=${currency} ?disabled=${disabled} @change=${onCurrency}>
            ${currencies.map((code) => html`<option value=${code} ?selected=${code === currency}>${code.toUpperCase()}</option>`)}
          </select>
        </div>`
      : nothing}
  </div>`;
}
