// The Stripe adapter: one Payment Element in deferred-intent mode, mounted in the host's light
// DOM (Stripe refuses shadow roots) and shown through the host's `payment` slot, in a form of its
// own that passes Enter in Stripe's fields on to the element's form.
import type {
  Appearance,
  Stripe,
  StripeElements,
  StripeError,
  StripePaymentElement,
  ConfirmationToken,
  PaymentMethodCreateParams,
} from '@stripe/stripe-js';
import type { TokenReader } from './appearance.ts';
import { stripeLocale } from './locale.ts';
import type { IntentOptions } from './intent.ts';

export interface PaymentFieldsOptions {
  intent: IntentOptions;
  appearance: Appearance;
  locale: string;
  /** The element asks for the billing address itself: Stripe's fields then must not ask again. */
  collectsAddress: boolean;
  /** The form is locked (a payment under way, or one whose answer was lost): the fields mount read-only. */
  readOnly: boolean;
  onReady: () => void;
  onChange: (complete: boolean) => void;
}

export type TokenResult = { token: ConfirmationToken; error?: undefined } | { token?: undefined; error: StripeError };

function elementsOptions(intent: IntentOptions) {
  return intent.mode === 'setup'
    ? { mode: 'setup' as const, currency: intent.currency }
    : { mode: intent.mode, amount: intent.amount ?? 0, currency: intent.currency };
}

export class PaymentFields {
  readonly stripe: Stripe;
  readonly #elements: StripeElements;
  readonly #element: StripePaymentElement;
  readonly #container: HTMLElement;
  #intent: IntentOptions;

  constructor(stripe: Stripe, host: HTMLElement, options: PaymentFieldsOptions) {
    this.stripe = stripe;
    this.#intent = options.intent;
    this.#container = document.createElement('form');
    this.#container.slot = 'payment';
    this.#container.className = 'paid-checkout-payment';
    // In the page's light DOM, so the page's CSS reaches it (a quirks-mode document's 1em bottom
    // margin, a page's own `form { … }` rules): it makes no box of its own, and Stripe's fields are
    // laid out in the slot as if it were not there. Inline and important, so no page rule wins.
    this.#container.style.cssText = 'display:contents!important';
    // Stripe has no event for Enter in its fields: it submits the nearest form around them in the
    // light DOM, which would be none, or a form of the page around the element. This one does what
    // Enter in a field of the element's own form does: click its pay button, unless it is disabled.
    this.#container.onsubmit = (event) => {
      event.preventDefault();
      event.stopPropagation();
      host.shadowRoot?.querySelector<HTMLElement>('[type=submit]:enabled')?.click();
    };
    host.append(this.#container);
    this.#elements = stripe.elements({
      ...elementsOptions(options.intent),
      appearance: options.appearance,
      locale: stripeLocale(options.locale),
    });
    this.#element = this.#elements.create('payment', {
      layout: 'tabs',
      readOnly: options.readOnly,
      ...(options.collectsAddress ? { fields: { billingDetails: { address: 'never' as const } } } : {}),
    });
    this.#element.on('ready', () => options.onReady());
    this.#element.on('change', (event) => options.onChange(event.complete));
    try {
      this.#element.mount(this.#container);
    } catch (error) {
      this.destroy();
      throw error;
    }
  }

  /** Keeps the amount and currency that wallets show in step with the summary. */
  setIntent(intent: IntentOptions): void {
    const before = this.#intent;
    if (before.mode === intent.mode && before.amount === intent.amount && before.currency === intent.currency) return;
    this.#intent = intent;
    void this.#elements.update(elementsOptions(intent));
  }

  setAppearance(appearance: Appearance): void {
    void this.#elements.update({ appearance });
  }

  setLocale(locale: string): void {
    void this.#elements.update({ locale: stripeLocale(locale) });
  }

  /**
   * Locks or unlocks the card details (Stripe's `readOnly`) with the element's own fields: what is
   * typed while a payment is under way, or while its Try again waits, would not be what is charged.
   */
  setReadOnly(readOnly: boolean): void {
    this.#element.update({ readOnly });
  }

  /** Must be called synchronously in the user's gesture (wallets refuse otherwise). */
  submit(): Promise<{ error?: StripeError }> {
    return this.#elements.submit();
  }

  focus(): void {
    this.#element.focus();
  }

  async createToken(returnUrl: string, billingDetails: PaymentMethodCreateParams.BillingDetails): Promise<TokenResult> {
    const result = await this.stripe.createConfirmationToken({
      elements: this.#elements,
      params: { return_url: returnUrl, payment_method_data: { billing_details: billingDetails } },
    });
    return result.error ? { error: result.error } : { token: result.confirmationToken };
  }

  async handleNextAction(clientSecret: string): Promise<{ error?: StripeError }> {
    const result = await this.stripe.handleNextAction({ clientSecret });
    return result.error ? { error: result.error } : {};
  }

  destroy(): void {
    try {
      this.#element.destroy();
    } catch {
      // already destroyed
    }
    this.#container.remove();
  }
}

const TOKENS = [
  '--paid-color-accent',
  '--paid-color-background',
  '--paid-color-surface',
  '--paid-color-text',
  '--paid-color-text-muted',
  '--paid-color-input-border',
  '--paid-color-danger',
  '--paid-color-success',
  '--paid-radius',
  '--paid-font-family',
  '--paid-font-size',
];

/**
 * A snapshot of the host's tokens from its computed style, each color resolved to `rgb()`
 * (which Stripe accepts whatever syntax the page used) through a probe in the shadow root.
 */
export function hostTokenReader(host: HTMLElement): TokenReader {
  const style = getComputedStyle(host);
  // A probe per token, all in place before the first is read: their style is computed once.
  const probes = TOKENS.map((name) => {
    const probe = document.createElement('span');
    probe.hidden = true;
    probe.style.color = style.getPropertyValue(name).trim();
    return probe;
  });
  (host.shadowRoot ?? host).append(...probes);
  const values = new Map(
    TOKENS.map((name, index) => {
      const raw = style.getPropertyValue(name).trim();
      const probe = probes[index]!;
      return [name, raw && name.startsWith('--paid-color-') ? probe.style.color && getComputedStyle(probe).color : raw];
    }),
  );
  for (const probe of probes) probe.remove();
  return (name) => values.get(name) ?? '';
}
