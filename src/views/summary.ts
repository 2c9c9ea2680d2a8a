// The order summary: each line, the tax once the server has quoted it (or where it stands), what
// is due today, then what recurs and from when.
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from './guard.ts';
import type { TaxQuote } from '../api/wire.ts';
import type { SummaryTax, TaxedSummary } from '../checkout/taxed-summary.ts';
import type { SummaryLine } from '../pricing/summary.ts';
import { hasAdjustableQuantity } from '../pricing/price.ts';
import type { Formatter } from './format.ts';

/** `lines`: the lines to list now (all of them, or those of the products rendered so far); the totals always count every line. */
export function summaryView(
  summary: TaxedSummary,
  format: Formatter,
  lines: readonly SummaryLine[] = summary.lines,
  retryTax: () => void = () => {},
): TemplateResult {
  const { currency } = summary;
  // Focusable, not in the tab order: it keeps the focus of its tax's Try again, which goes as it asks again.
  return html`<section part="summary" class="summary" tabindex="-1" aria-labelledby="summary-title">
    <h2 id="summary-title">${format.t('summary.title')}</h2>
    <ul class="lines">
      ${lines.map(
        // The summary is recomputed on every change: re-render only the lines whose words differ.
        (line) => guard(lineShown(line, currency, format), () => lineView(line, currency, format)),
      )}
    </ul>
    ${summary.tax ? taxView(summary.tax, currency, format, retryTax) : nothing}
    <div class="total" data-testid="due-today">
      <span>${format.t('summary.dueToday')}</span>
      <strong class="amount">${format.money(summary.amountDueToday, currency)}</strong>
    </div>
    ${summary.creditCarriedForward > 0
      ? html`<p class="muted credit-carried">
          ${format.t('summary.creditCarried', { amount: format.money(summary.creditCarriedForward, currency) })}
        </p>`
      : nothing}
    ${summary.recurring.length > 0
      ? html`<ul class="recurring">
          ${summary.recurring.map(
            (charge) =>
              html`<li>
                ${format.t(charge.includesUsage ? (charge.amount > 0 ? 'summary.thenUsage' : 'summary.thenUsageOnly') : 'summary.then', {
                  amount: format.money(charge.amount, currency),
                  every: format.t(`every.${charge.interval}`),
                  date: format.date(charge.startsAt),
                })}
              </li>`,
          )}
        </ul>`
      : nothing}
  </section>`;
}

/** Everything lineView() shows, as values that compare equal when the line looks the same. */
function lineShown(line: SummaryLine, currency: string, format: Formatter): unknown[] {
  const { proration } = line;
  return [
    format,
    currency,
    line.productName,
    line.planName,
    line.dueToday,
    line.quantity,
    line.price,
    line.kind,
    line.trialEndsAt?.getTime(),
    proration?.credit,
    proration?.charge,
    proration?.nextRenewal.getTime(),
  ];
}

function lineView(line: SummaryLine, currency: string, format: Formatter): TemplateResult {
  // The merchant's names, each isolated (<bdi>): a Latin "Seat+" in an Arabic summary keeps its + at its end.
  const title = line.planName ? html`<bdi>${line.productName}</bdi> · <bdi>${line.planName}</bdi>` : html`<bdi>${line.productName}</bdi>`;
  const proration = line.proration;
  return html`<li class="line" data-product=${line.productId}>
    <div class="line-head">
      <span class="line-title">${title}</span>
      <span class="amount">${format.money(line.dueToday, currency)}</span>
    </div>
    <div class="line-details muted">
      ${hasAdjustableQuantity(line.price) ? html`<span>${format.t('summary.quantity', { quantity: line.quantity })}</span>` : nothing}
      <span>${format.price(line.price)}</span>
      ${line.kind === 'unchanged' ? html`<span>${format.t('summary.unchanged')}</span>` : nothing}
      ${line.trialEndsAt ? html`<span>${format.t('summary.trialEnds', { date: format.date(line.trialEndsAt) })}</span>` : nothing}
    </div>
    ${proration
      ? html`<dl class="proration">
          <div>
            <dt>${format.t('summary.credit')}</dt>
            <dd class="amount">${format.money(-proration.credit, currency)}</dd>
          </div>
          <div>
            <dt>${format.t('summary.charge', { plan: line.planName ?? line.productName })}</dt>
            <dd class="amount">${format.money(proration.charge, currency)}</dd>
          </div>
        </dl>
        <p class="muted renews">${format.t('summary.renews', { date: format.date(proration.nextRenewal) })}</p>`
      : nothing}
  </li>`;
}

/** "VAT 20% (United Kingdom)": a tax's name, rate and place, in the customer's language. */
export function taxLabel(line: TaxQuote['taxLines'][number], format: Formatter): string {
  const [country = '', subdivision] = line.jurisdiction.split('-');
  let place = country;
  try {
    place = new Intl.DisplayNames([format.locale, 'en'], { type: 'region' }).of(country) ?? country;
  } catch {
    // An unknown region code is shown as it is.
  }
  const rate = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 3 }).format(line.basisPoints / 10_000);
  const label = format.t(line.inclusive ? 'summary.taxIncluded' : 'summary.tax', {
    tax: format.t(`tax.${line.name}`),
    rate,
    place: subdivision ? `${subdivision}, ${place}` : place,
  });
  // A row's label starts with a capital, though the tax's name may not (Dutch btw: "Btw 21% (Nederland)").
  return label.charAt(0).toLocaleUpperCase(format.locale) + label.slice(1);
}

function taxView(tax: SummaryTax, currency: string, format: Formatter, retry: () => void): TemplateResult {
  if (tax.status !== 'ready') {
    return html`<p class="tax-note muted" role="status" data-tax=${tax.status}>
      ${format.t(tax.status === 'address' ? 'summary.taxFromAddress' : tax.status === 'waiting' ? 'summary.taxWaiting' : 'summary.taxFailed')}
      ${tax.status === 'failed' ? html`<button type="button" class="secondary" @click=${retry}>${format.t('retry')}</button>` : nothing}
    </p>`;
  }
  return html`<dl class="tax">
    <div><dt>${format.t('summary.subtotal')}</dt><dd class="amount">${format.money(tax.subtotal, currency)}</dd></div>
    ${tax.lines.map(
      (line) => html`<div data-jurisdiction=${line.jurisdiction}><dt>${taxLabel(line, format)}</dt><dd class="amount">${format.money(line.amount, currency)}</dd></div>`,
    )}
    ${tax.reverseCharge ? html`<div><dt>${format.t('summary.reverseCharge')}</dt><dd class="amount">${format.money(0, currency)}</dd></div>` : nothing}
  </dl>`;
}

