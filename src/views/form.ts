// The checkout form: the toolbar, the products, and beside them the summary, the customer's
// details and the payment section.
import { html, type TemplateResult } from 'lit';
import type { Product, PublicCheckout, Selection } from '../api/schemas.ts';
import type { PaymentStatus } from '../checkout/controller.ts';
import type { FieldName, FieldProblem, CustomerValues } from '../checkout/customer-form.ts';
import type { CheckoutError } from '../errors.ts';
import type { CheckoutSummary } from '../pricing/summary.ts';
import { isHttpUrl } from '../url.ts';
import { customerView, type CustomerHandlers } from './customer.ts';
import type { Formatter } from './format.ts';
import { paymentView, type PaymentHandlers } from './payment.ts';
import { productsView, type ProductHandlers } from './products.ts';
import { notConfiguredView } from './states.ts';
import { summaryView } from './summary.ts';
import { toolbarView } from './toolbar.ts';

export interface FormModel {
  checkout: PublicCheckout;
  /** The products to render now: all of them, or the first ones of a long list. */
  products: readonly Product[];
  summary: CheckoutSummary;
  selections: readonly Selection[];
  currencies: readonly string[];
  currency: string;
  cancelUrl: string | null;
  collectFields: readonly FieldName[];
  customer: CustomerValues;
  fieldProblems: ReadonlyMap<FieldName, FieldProblem>;
  paying: boolean;
  /** Paying, or an attempt whose outcome is unknown: nothing may change. */
  locked: boolean;
  paymentStatus: PaymentStatus;
  payError: CheckoutError | null;
  payErrorMessage: string;
  canPay: boolean;
  pendingAttempt: boolean;
}

export interface FormHandlers {
  submit: (event: SubmitEvent) => void;
  currency: (event: Event) => void;
  products: ProductHandlers;
  customer: CustomerHandlers;
  payment: PaymentHandlers;
}

export function formView(model: FormModel, format: Formatter, handlers: FormHandlers): TemplateResult {
  const { checkout, summary, paying, locked } = model;
  return html`<form part="form" class="form" novalidate aria-busy=${paying ? 'true' : 'false'} @submit=${handlers.submit}>
    ${toolbarView(
      { cancelUrl: model.cancelUrl, currencies: model.currencies, currency: model.currency, disabled: locked },
      format,
      handlers.currency,
    )}
    <div class="layout">
      <section class="products column" aria-labelledby="products-title">
        <h2 id="products-title" class="visually-hidden">${format.t('checkout.title')}</h2>
        ${productsView(
          { products: model.products, selections: model.selections, currency: model.currency, disabled: locked },
          format,
          handlers.products,
        )}
      </section>
      <div class="side column">
        ${summaryView(summary, format, summaryLines(model))}
        ${customerView(
          {
            known: checkout.customer,
            fields: model.collectFields,
            values: model.customer,
            problems: model.fieldProblems,
            disabled: locked,
          },
          format,
          handlers.customer,
        )}
        ${checkout.payments
          ? paymentView(
              {
                summary,
                status: model.paymentStatus,
                error: model.payError,
                errorMessage: model.payErrorMessage,
                paying,
                canPay: model.canPay,
                pendingAttempt: model.pendingAttempt,
                hostedUrl: checkout.url && isHttpUrl(checkout.url) ? checkout.url : null,
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
function summaryLines(model: FormModel) {
  const { products, summary } = model;
  if (products.length === model.checkout.products.length) return summary.lines;
  const shown = new Set(products.map((product) => product.id));
  return summary.lines.filter((line) => shown.has(line.productId));
}
