// The states only the checkout reaches, in the checkout chunk: the success screen, and a seller
// whose payments are not set up.
import { html, nothing, type TemplateResult } from 'lit';
import type { PaidCheckoutCompleteDetail } from '../events.ts';
import type { Formatter } from './format.ts';

export function successView(
  detail: PaidCheckoutCompleteDetail,
  navigating: boolean,
  error: { code: string; message: string } | null,
  format: Formatter,
  /** Set when the element stays for the customer to read the success: the link's click leaves. */
  leave: ((event: Event) => void) | null,
  /** The payment the customer's Pay replaced had gone through: nothing more was charged. */
  earlier: boolean,
): TemplateResult {
  const email = detail.receiptEmail;
  // The amount in bold where the language puts it, with its own colon ("Payé aujourd’hui : ", "本日お支払い済み：").
  const [paidBefore, paidAfter] = format.t('success.paid').split('{amount}');
  return html`<div class="state success" tabindex="-1">
    <div class="state-icon" aria-hidden="true">✓</div>
    <h2>${format.t('success.title')}</h2>
    <p>${email ? format.t('success.body', { email }) : format.t('success.bodyNoEmail')}</p>
    ${earlier ? html`<p>${format.t('success.earlier')}</p>` : nothing}
    <p class="paid-amount">${paidBefore}<strong>${format.money(detail.amountDue, detail.currency)}</strong>${paidAfter}</p>
    ${navigating ? html`<p class="muted">${format.t('success.redirecting')}</p>` : nothing}
    ${error ? html`<p part="error" class="pay-error" role="alert" data-code=${error.code}>${error.message}</p>` : nothing}
    ${leave && detail.redirectUrl
      ? html`<div class="actions"><a class="back" href=${detail.redirectUrl} @click=${leave}>${format.t('continue')} <span aria-hidden="true">→</span></a></div>`
      : nothing}
  </div>`;
}

export function notConfiguredView(message: string): TemplateResult {
  return html`<div part="error" class="notice" role="note" data-code="payments_not_configured"><p>${message}</p></div>`;
}
