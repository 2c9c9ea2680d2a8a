// The <paid-checkout> element: its public properties and its render(); the flow lives in
// CheckoutController and the markup in views/, which arrive in the checkout chunk (CheckoutLoader
// fetches it at connect and stands in until it has come). Exported without being defined (see index.ts).
import { html, LitElement, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import { DEFAULT_API_BASE } from './api/http.ts';
import type { PaidCheckoutState } from './events.ts';
import type { FocusTarget } from './checkout/controller.ts';
import { CheckoutLoader, loadCheckoutChunk, type CheckoutChunk } from './checkout/loader.ts';
import { isCatalogReady, loadCatalog, resolveLocale, textDirection, wordsLocale } from './i18n/index.ts';
import { baseStyles } from './paid-checkout.styles.ts';
import { formatterFor, type Formatter } from './views/format.ts';
import { failedView, skeletonView } from './views/states.ts';
import { controlsStyles } from './views/controls.styles.ts';
import { customerStyles } from './views/customer.styles.ts';
import { layoutStyles, narrowLayoutStyles } from './views/layout.styles.ts';
import { paymentStyles } from './views/payment.styles.ts';
import { productsStyles } from './views/products.styles.ts';
import { statesStyles } from './views/states.styles.ts';
import { summaryStyles } from './views/summary.styles.ts';
import { toolbarStyles } from './views/toolbar.styles.ts';

export type PaidCheckoutTheme = 'light' | 'dark' | 'auto';

/**
 * A complete, accessible checkout for a Paid checkout session: products and tiers, quantities,
 * currency, an order summary, the customer's details and Stripe's payment fields.
 *
 * @summary Turns a Paid checkout session id into a payment form.
 *
 * @attr checkout-id - The session to show (`chk_…`). Required.
 * @attr api-base - Origin of the Paid API. Default `https://api.agentpaid.io`.
 * @attr locale - BCP 47 language for words, money and dates (`en`, `fr`). Default: the page's `<html lang>`, else the browser's.
 * @attr theme - `light` (default), `dark`, or `auto` (follows `prefers-color-scheme`).
 * @attr debug - Logs each change of `state`, and each session read that failed once the element has dealt with it (`[paid-checkout] read failed: <code>`), to the console (`console.info`).
 *
 * @fires paid-checkout-ready - `{ checkout }` once a session is shown.
 * @fires paid-checkout-change - `{ selections, currency, amountDue }` on every change of tier, quantity or currency, and when the checkout, read again under the form (the merchant edited its prices), changes `amountDue` (priced in the browser, before tax) or a choice.
 * @fires paid-checkout-complete - Cancelable. `{ checkoutId, orderId, invoiceId, customerId, order, invoice, checkout, redirectUrl, navigates, lines, customer, amountDue, currency, recurring, receiptEmail }` (`order`, `invoice`, `checkout`: those ids in the shapes of Paid's SDK, no metadata) once the server says the payment succeeded; unless cancelled, the element then navigates to `redirectUrl` (a success that also says a refund of another payment, or that an earlier payment went through and nothing more was charged, stays, with a "Continue" link there, so that it is read; `navigates` says which). Also fired (not cancelable, no navigation) for a payment paid (answered, or confirmed by the bank) after the element moved on to another checkout.
 * @fires paid-checkout-error - `{ code, message, recoverable }` for every error the customer sees.
 * @fires paid-checkout-before-confirm - Cancelable. `{ checkoutId, amountDue, currency, selections, customer, waitUntil }` in the pay click, after Stripe's `elements.submit()` and before anything is charged. `waitUntil(promise)` (during the dispatch) holds the payment until the promise settles; `preventDefault()` or a rejected promise stops it and shows the rejection's message (as text) or "The payment was not made." Once a payment: Try again after a lost answer resends the payment already approved, without firing it again.
 * @fires paid-checkout-statechange - `{ state, previous, webhook }` each time `state` changes: `loading`, `ready`, `paying`, `requires_action`, `succeeded`, `failed`. `webhook` names the Paid webhook the change mirrors (`billing-checkout-completed`, `billing-payment-failed`) or is null.
 *
 * @slot payment - Filled by the element itself with Stripe's payment fields (Stripe cannot mount inside a shadow root). Do not use.
 *
 * @csspart form - The whole checkout form.
 * @csspart product - One product card.
 * @csspart tier - One plan tier card of a product.
 * @csspart summary - The order summary.
 * @csspart field - A form field: its label, control and message.
 * @csspart input - A text input, number input or select.
 * @csspart pay-button - The pay button.
 * @csspart error - An error message or error state.
 *
 * @cssprop --paid-color-accent - Buttons, selected tiers, focus rings.
 * @cssprop --paid-color-accent-contrast - Text on the accent color.
 * @cssprop --paid-color-text - Body text.
 * @cssprop --paid-color-text-muted - Secondary text.
 * @cssprop --paid-color-background - Background of the element.
 * @cssprop --paid-color-surface - Background of cards and inputs.
 * @cssprop --paid-color-border - Borders and dividers.
 * @cssprop --paid-color-input-border - Borders of inputs, selects and the payment fields: at least 3:1 against the surface (WCAG 1.4.11).
 * @cssprop --paid-color-danger - Errors.
 * @cssprop --paid-color-success - Success marks.
 * @cssprop --paid-radius - Corner radius of cards, inputs and buttons.
 * @cssprop --paid-font-family - Font of the element and of the payment fields.
 * @cssprop --paid-font-size - Base font size.
 * @cssprop --paid-spacing - Base spacing unit.
 * @cssprop --paid-max-width - Largest width of the element's content.
 */
export class PaidCheckoutElement extends LitElement {
  // One sheet of every view's rules (views/css.ts), in the order they cascade: a later rule wins a
  // tie of specificity.
  static override styles = unsafeCSS(
    baseStyles +
      layoutStyles +
      toolbarStyles +
      productsStyles +
      summaryStyles +
      controlsStyles +
      customerStyles +
      paymentStyles +
      statesStyles +
      narrowLayoutStyles,
  );

  // Declared here rather than with decorators: the decorator's code and its helper cost the
  // first download about 0.4 kB gzip.
  static override properties = {
    checkoutId: { attribute: 'checkout-id' },
    apiBase: { attribute: 'api-base' },
    locale: {},
    theme: { reflect: true },
    debug: { type: Boolean },
  };

  /** The checkout session id (`chk_…`). Changing it loads that session and drops answers for the old one. */
  checkoutId = '';

  /** Origin of the Paid API; routes are `${apiBase}/api/public/checkout/…`. */
  apiBase: string = DEFAULT_API_BASE;

  /** Language for words, money and dates; empty means the page's language. */
  locale = '';

  /** Color theme: `light`, `dark`, or `auto` (follows `prefers-color-scheme`, live). */
  theme: PaidCheckoutTheme = 'light';

  /** Logs each change of `state`, and each session read that failed once dealt with, to the console. */
  debug = false;

  /** How long Stripe.js may take to load before the element offers the hosted page instead. */
  protected stripeTimeoutMs = 15_000;

  /** Waits before the 2nd and 3rd session read after a network failure or 5xx. */
  protected sessionRetryDelays: readonly number[] = [300, 1000];

  readonly #checkout = new CheckoutLoader(this, {
    locale: () => this.resolvedLocale,
    now: () => this.now(),
    navigate: (url) => this.navigate(url),
    focus: (target) => this.#focus(target),
    stripeTimeoutMs: () => this.stripeTimeoutMs,
    retryDelays: () => this.sessionRetryDelays,
    debug: () => this.debug,
    load: () => this.loadCheckout(),
  });

  /**
   * Where the checkout stands: `{ status: 'loading' | 'ready' | 'paying' | 'requires_action' |
   * 'succeeded' | 'failed', … }` with each status's data (see PaidCheckoutState). A payment whose
   * answer was lost is `failed` with `paymentPending: true` (the form stays, locked, and Try again
   * resends that payment), never `ready`. Read-only; each change also fires `paid-checkout-statechange`.
   */
  get state(): PaidCheckoutState {
    return this.#checkout.state;
  }

  #colorScheme: MediaQueryList | null = null;
  readonly #onColorSchemeChange = () => {
    if (this.theme === 'auto') this.#checkout.view?.controller.payments.refreshAppearance();
  };

  readonly #retry = () => this.#checkout.retry();

  /** The locale in use: `locale`, else `<html lang>`, else the browser's language. */
  get resolvedLocale(): string {
    return resolveLocale(
      this.locale,
      typeof document === 'undefined' ? null : document.documentElement.lang,
      typeof navigator === 'undefined' ? undefined : navigator.language,
    );
  }

  /** The clock used for proration and expiry. Override to test. */
  protected now(): number {
    return Date.now();
  }

  /** Leaves the page for the success URL (only ever an http(s) URL). Override to route in an SPA. */
  protected navigate(url: string): void {
    window.location.assign(url);
  }

  /** Fetches the checkout chunk (once a page; again after it failed). Override to test a failed fetch. */
  protected loadCheckout(): Promise<CheckoutChunk> {
    return loadCheckoutChunk();
  }

  // Back from a bank's page, a page the browser kept whole shows its payment as it left it.
  readonly #onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) this.#checkout.view?.controller.paying.restored();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#colorScheme = window.matchMedia('(prefers-color-scheme: dark)');
    this.#colorScheme.addEventListener('change', this.#onColorSchemeChange);
    window.addEventListener('pageshow', this.#onPageShow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#colorScheme?.removeEventListener('change', this.#onColorSchemeChange);
    this.#colorScheme = null;
    window.removeEventListener('pageshow', this.#onPageShow);
  }

  // The catalog of the locale in use while it loads (started with the first update, so in
  // parallel with the session read); the form waits for it rather than show English first.
  #catalogLoading: Promise<void> | null = null;

  protected override willUpdate(): void {
    const locale = this.resolvedLocale;
    if (isCatalogReady(locale) || this.#catalogLoading) return;
    const loading = loadCatalog(locale).then(() => {
      if (this.#catalogLoading === loading) this.#catalogLoading = null;
      this.requestUpdate();
    });
    this.#catalogLoading = loading;
  }

  /** Also waits for the locale's catalog and for every product of a long session to be rendered (they fill in frame by frame). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#catalogLoading) {
      await this.#catalogLoading;
      complete = await super.getUpdateComplete();
    }
    const listComplete = this.#checkout.view?.listComplete;
    if (!listComplete) return complete;
    await listComplete;
    return super.getUpdateComplete();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const payments = this.#checkout.view?.controller.payments;
    // A change after the first update (whose old values are undefined): the payment fields follow it.
    if (changed.get('theme') !== undefined) payments?.refreshAppearance();
    if (changed.get('locale') !== undefined) payments?.refreshLocale();
  }

  /**
   * Focuses a field of the form, or the result that replaced the form (paid, expired…), the form
   * that replaced a failed state's Try again, the pay button a failed Pay gives back (it lost focus
   * while disabled; while it still is, the payment section around it), or the summary whose tax
   * Try again went as it asked again, so that keyboard and screen reader users land on it; all but
   * a field leave focus elsewhere in the page alone, and the pay button and the summary focus anywhere.
   */
  #focus(target: FocusTarget): void {
    const find = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector);
    const active = document.activeElement;
    // The pay button and the summary take back only focus that was lost (the button had it, disabled
    // while paying; the tax's Try again had it, gone): a refund said over the form while the customer
    // types must not take them out of their field.
    // A control of ours that holds focus disabled has lost it too: the browser moves it to the body
    // at a later rendering step (WebKit after this has run, Chromium before).
    const lost = !active || active === document.body || find(':focus:disabled');
    if (target === 'view') {
      if (lost || active === this || this.contains(active)) find('.state,form')?.focus();
    } else if (target === 'pay' || target === 'summary') {
      // A pay button still disabled (Stripe's fields, or the tax, on their way again) takes no focus: its section does.
      if (lost) (find(target === 'pay' ? '.pay:enabled' : '.summary') ?? find('.payment'))?.focus();
    } else find(`#field-${target}`)?.focus();
  }

  protected override render(): TemplateResult {
    const format = formatterFor(this.resolvedLocale);
    // The words' language, not the locale's: English words shown for Swedish are read as English.
    const lang = wordsLocale(format.locale);
    return html`<div class="root" lang=${lang} dir=${textDirection(lang)}>
      ${this.#renderPhase(format)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.#checkout.announcement}</div>
    </div>`;
  }

  #renderPhase(format: Formatter): TemplateResult | typeof nothing {
    const { view, error } = this.#checkout;
    if (!isCatalogReady(format.locale)) return skeletonView(format);
    if (view) return view.render(format);
    // The checkout chunk could not be fetched: Try again fetches it again.
    if (error) return failedView(error, format.t(`error.${error.code}`), null, format, this.#retry);
    return skeletonView(format);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paid-checkout': PaidCheckoutElement;
  }
}
