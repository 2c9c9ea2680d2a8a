// Whole-element states: the loading skeleton, the states that end the flow (with an action
// where one helps), and the success screen.
import { html, nothing, type TemplateResult } from 'lit';
import type { CheckoutError } from '../errors.ts';
import type { PaidCheckoutCompleteDetail } from '../events.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Formatter } from './format.ts';

export function skeletonView(format: Formatter): TemplateResult {
  return html`<div class="skeleton" aria-busy="true">
    <span class="visually-hidden">${format.t('loading')}</span>
    <div class="layout" aria-hidden="true">
      <div class="column">
        <span class="skeleton-line wide"></span>
        <span class="skeleton-block"></span>
        <span class="skeleton-block"></span>
      </div>
      <div class="column">
        <span class="skeleton-block tall"></span>
        <span class="skeleton-line"></span>
      </div>
    </div>
  </div>`;
}

const titles: Partial<Record<CheckoutError['code'], MessageKey>> = {
  not_found: 'state.title.not_found',
  expired: 'state.title.expired',
  completed: 'state.title.completed',
  archived: 'state.title.archived',
};

export function backLink(url: string | null, format: Formatter): TemplateResult | typeof nothing {
  return url ? html`<a class="back" href=${url}><span aria-hidden="true">←</span> ${format.t('back')}</a>` : nothing;
}

export function failedView(
  error: CheckoutError,
  message: string,
  cancelUrl: string | null,
  format: Formatter,
  retry: () => void,
): TemplateResult {
  const calm = error.code === 'completed';
  return html`<div part="error" class="state${calm ? ' calm' : ''}" data-code=${error.code} tabindex="-1">
    <div class="state-icon" aria-hidden="true">${calm ? '✓' : '!'}</div>
    <h2>${format.t(titles[error.code] ?? 'state.title.error')}</h2>
    <p>${message}</p>
    <div class="actions">
      ${error.recoverable ? html`<button type="button" class="primary" @click=${retry}>${format.t('retry')}</button>` : nothing}
      ${backLink(cancelUrl, format)}
    </div>
  </div>`;
}

export function successView(
  detail: PaidCheckoutCompleteDetail,
  navigating: boolean,
  errorMessage: string | null,
  format: Formatter,
): TemplateResult {
  const email = detail.receiptEmail;
  return html`<div class="state success" tabindex="-1">
    <div class="state-icon" aria-hidden="true">✓</div>
    <h2>${format.t('success.title')}</h2>
    <p>${email ? format.t('success.body', { email }) : format.t('success.bodyNoEmail')}</p>
    <p class="paid-amount">${format.t('success.paid')}: <strong>${format.money(detail.amountDue, detail.currency)}</strong></p>
    ${navigating ? html`<p class="muted">${format.t('success.redirecting')}</p>` : nothing}
    ${errorMessage ? html`<p part="error" class="pay-error" role="alert" data-code="unsafe_url">${errorMessage}</p>` : nothing}
  </div>`;
}

export function notConfiguredView(message: string): TemplateResult {
  return html`<div part="error" class="notice" role="note" data-code="payments_not_configured"><p>${message}</p></div>`;
}
