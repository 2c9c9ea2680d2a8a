// The checkout form: the toolbar, the products, and beside them the summary, the customer's
// details and the payment section.
import { html, nothing, type TemplateResult } from 'lit';
import type { Product } from '../api/schemas.ts';
import type { CheckoutState } from '../checkout/state.ts';
import type { CheckoutSummary } from '../pricing/summary.ts';
import { customerView, type CustomerHandlers } from './customer.ts';
import type { Formatter } from './format.ts';
import { paymentView, type PaymentHandlers } from './payment.ts';
import { productsView, type ProductHandlers } from './products.ts';
import { notConfiguredView } from './result-states.ts';
import { summaryView } from './summary.ts';
import { toolbarView } from './toolbar.ts';

/** What the form shows besides the checkout's state. */
export interface FormExtras {
  /** The products to render now: all of them, or the first ones of a long list. */
  products: readonly Product[];
  /** The words for the state's `payError`. */
  payErrorMessage: string;
}

export interface FormHandlers {
  submit: (event: SubmitEvent) => void;
  /** Asks for the tax quote again, after it failed. */
  retryTax: () => void;
  currency: (event: Event) => void;
  products: ProductHandlers;
  customer: CustomerHandlers;
  payment: PaymentHandlers;
}

/** The form for a session that is shown and priced; nothing before. */
export function formView(
  state: CheckoutState,
  extras: FormExtras,
  format: Formatter,
  handlers: FormHandlers,
): TemplateResult | typeof nothing {
  const { checkout, summary } = state;
  if (!checkout || !summary) return nothing;
  // Its links (url, cancelUrl) are http(s) only: the schema refused the session otherwise.
  const paying = state.phase.kind === 'paying';
  // Paying, or an attempt whose outcome is unknown: nothing may change.
  const locked = paying || state.hasPendingAttempt;
  return html`<form part="form" class="form" tabindex="-1" novalidate aria-busy=${paying ? 'true' : 'false'} @submit=${handlers.submit}>
    ${toolbarView(
      { cancelUrl: checkout.cancelUrl, currencies: state.currencies, currency: state.currency, disabled: locked },
      format,
      handlers.currency,
    )}
    <div class="layout">
      <section class="products column" aria-labelledby="products-title">
        <h2 id="products-title" class="visually-hidden">${format.t('checkout.title')}</h2>
        ${productsView(
          { products: extras.products, selections: state.selections, currency: state.currency, disabled: locked },
          format,
          handlers.products,
        )}
      </section>
      <div class="side column">
        ${summaryView(summary, format, summaryLines(checkout.products.length, extras.products, summary), handlers.retryTax)}
        ${checkout.payments
          ? customerView(
              {
                known: checkout.customer,
                fields: state.collectFields,
                values: state.customer,
                problems: state.fieldProblems,
                disabled: locked,
              },
              format,
              handlers.customer,
            )
          : nothing}
        ${checkout.payments
          ? paymentView(
              {
                summary,
                status: state.paymentStatus,
                error: state.payError,
                errorMessage: extras.payErrorMessage,
                paying,
                payingLabel: state.phase.kind === 'paying' && state.phase.note ? format.t(state.phase.note) : null,
                canPay: state.canPay,
                pendingAttempt: state.hasPendingAttempt,
                unkept: state.unkept,
                hostedUrl: checkout.url,
              },
              format,
              handlers.payment,
            )
          : notConfiguredView(format.t('error.payments_not_configured'))}
      </div>
    </div>
  </form>`;
}

/** The summary lists the lines of the products rendered so far: a long session's fill in with its cards. */
function summaryLines(productCount: number, products: readonly Product[], summary: CheckoutSummary) {
  if (products.length === productCount) return summary.lines;
  const shown = new Set(products.map((product) => product.id));
  return summary.lines.filter((line) => shown.has(line.productId));
}
