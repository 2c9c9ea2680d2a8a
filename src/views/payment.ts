// The payment section: Stripe's fields through the `payment` slot, the decline or retry message
// beside them, and the pay button that names the amount.
import { html, nothing, type TemplateResult } from 'lit';
import type { CheckoutError } from '../errors.ts';
import type { PaymentStatus } from '../checkout/state.ts';
import type { TaxedSummary } from '../checkout/taxed-summary.ts';
import type { Formatter } from './format.ts';

export interface PaymentModel {
  summary: TaxedSummary;
  status: PaymentStatus;
  error: CheckoutError | null;
  errorMessage: string;
  paying: boolean;
  /** What the button says while paying, instead of "Processing…" (a payment resumed, or back from the bank). */
  payingLabel: string | null;
  canPay: boolean;
  /** An attempt whose outcome is unknown: the button resends it. */
  pendingAttempt: boolean;
  /** The payment under way is kept only by this page: the customer is asked to keep it open. */
  unkept?: boolean;
  /** The hosted checkout page, offered when Stripe.js cannot load. */
  hostedUrl: string | null;
}

export interface PaymentHandlers {
  retry: () => void;
  /** The pay button pressed by a pointer: what it says then is what the customer agreed to pay. */
  press: (event: PointerEvent) => void;
  /** The pay button clicked: a click that ends on other words than it was pressed on pays nothing. */
  click: (event: MouseEvent) => void;
}

/** "Pay $49.00", "Start trial", "Update plan" or "Subscribe". */
export function payLabel(summary: TaxedSummary, format: Formatter): string {
  // The amount to charge is the tax quote's: until it has come, no amount is promised.
  if (summary.tax && summary.tax.status !== 'ready') return format.t('pay.plain');
  if (summary.amountDueToday > 0) return format.t('pay.amount', { amount: format.money(summary.amountDueToday, summary.currency) });
  if (summary.lines.some((line) => line.kind === 'new' && line.trialEndsAt !== null)) return format.t('pay.trial');
  if (summary.lines.some((line) => line.kind === 'upgrade')) return format.t('pay.update');
  return format.t('pay.subscribe');
}

export function paymentView(model: PaymentModel, format: Formatter, handlers: PaymentHandlers): TemplateResult {
  const { summary, status, error, paying } = model;
  const noChange = !summary.hasChanges;
  const label = paying ? (model.payingLabel ?? format.t('pay.processing')) : model.pendingAttempt ? format.t('retry') : payLabel(summary, format);
  // Focusable, not in the tab order: it keeps focus for its pay button while that is disabled.
  return html`<section class="payment" tabindex="-1" aria-labelledby="payment-title">
    <h2 id="payment-title">${format.t('payment.title')}</h2>
    ${status === 'loading'
      ? html`<div class="payment-loading" aria-busy="true">
          <span class="skeleton-line"></span><span class="skeleton-line"></span>
          <span class="visually-hidden">${format.t('payment.loading')}</span>
        </div>`
      : nothing}
    <div class="payment-fields${status === 'ready' ? '' : ' pending'}"><slot name="payment"></slot></div>
    ${error
      ? html`<div part="error" class="pay-error" role="alert" data-code=${error.code}>
          <p>${model.errorMessage}</p>
          ${status === 'unavailable'
            ? html`<div class="actions">
                <button type="button" class="secondary" @click=${handlers.retry}>${format.t('retry')}</button>
                ${model.hostedUrl
                  ? html`<a class="hosted-link" href=${model.hostedUrl} rel="noopener">${format.t('payment.hosted')}</a>`
                  : nothing}
              </div>`
            : nothing}
        </div>`
      : nothing}
    ${noChange ? html`<p id="no-change" class="hint" data-code="no_change">${format.t('error.no_change')}</p>` : nothing}
    ${status === 'unavailable'
      ? nothing
      : html`<button
          part="pay-button"
          class="pay${paying ? ' busy' : ''}"
          type="submit"
          ?disabled=${!model.canPay && !(model.pendingAttempt && !paying)}
          aria-describedby=${noChange ? 'no-change' : nothing}
          @pointerdown=${handlers.press}
          @click=${handlers.click}
        >
          ${paying ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${label}
        </button>`}
    ${model.unkept ? html`<p class="keep-open">${format.t('pay.keepOpen')}</p>` : nothing}
    <p class="secure muted">
      <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12"><path fill="currentColor" d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V7a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z"/></svg>
      ${format.t('payment.secure')}
    </p>
  </section>`;
}
