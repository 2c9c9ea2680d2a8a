// Whole-element states the first download shows by itself: the loading skeleton, and the states
// that end the flow (with an action where one helps). The success screen is result-states.ts's,
// in the checkout chunk.
import { html, nothing, type TemplateResult } from 'lit';
import type { CheckoutError } from '../errors.ts';
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
  order_deleted: 'state.title.order_deleted',
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
