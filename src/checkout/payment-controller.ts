// Stripe's payment fields for the session shown: loads Stripe.js, mounts the fields through the
// host's slot, keeps their amount, theme, language and lock current, unmounts them, and says their status.
import type { Appearance, Stripe } from '@stripe/stripe-js';
import type { ReactiveControllerHost } from 'lit';
import type { PublicCheckout } from '../api/schemas.ts';
import { CheckoutError } from '../errors.ts';
import type { IntentOptions } from '../payment/intent.ts';
import type { PaymentFields, PaymentFieldsOptions } from '../payment/payment-fields.ts';
import type { stripeFor } from '../payment/stripe-loader.ts';
import type { PaymentStatus } from './state.ts';

/** The part of Stripe's fields the checkout drives (PaymentFields; a stand-in in tests). */
export type Fields = Pick<PaymentFields, 'setIntent' | 'setAppearance' | 'setLocale' | 'setReadOnly' | 'submit' | 'focus' | 'createToken' | 'handleNextAction' | 'destroy'>;

export interface PaymentControllerOptions {
  locale: () => string;
  /** Stripe's appearance from the host's tokens, read now. */
  appearance: () => Appearance;
  /** How long Stripe.js may take to load. */
  stripeTimeoutMs: () => number;
  /** Stripe.js did not load, or its fields could not be mounted. */
  unavailable: (error: CheckoutError) => void;
  /** The customer changed something in Stripe's fields. */
  changed: () => void;
  /** Loads Stripe.js for a key: `stripeFor`. */
  load: typeof stripeFor;
  /** Mounts the fields in the host: a new `PaymentFields`. */
  mount: (stripe: Stripe, options: PaymentFieldsOptions) => Fields;
}

export class PaymentController {
  status: PaymentStatus = 'none';
  /** The mounted fields, once Stripe.js has loaded. */
  fields: Fields | null = null;

  readonly #host: ReactiveControllerHost;
  readonly #options: PaymentControllerOptions;
  #run = 0;
  #appearanceSnapshot: Appearance | null = null;
  /** Whether the fields are read-only: the form is locked. Fields mounted later take it on. */
  #readOnly = false;
  /** Those waiting for the fields (a resumed payment's bank step): answered once they are ready, or with null once they are not coming. */
  #waiting: Array<(fields: Fields | null) => void> = [];

  constructor(host: ReactiveControllerHost, options: PaymentControllerOptions) {
    this.#host = host;
    this.#options = options;
  }

  /**
   * Loads Stripe.js and mounts the fields for `payments`, priced by `intent()` when they mount.
   * `beforeRender`: the form is about to render for the first time, so the appearance is read
   * now, while the shadow root holds the skeleton; the same read after that render would wait
   * for the style of the whole form.
   */
  start(payments: NonNullable<PublicCheckout['payments']>, collectsAddress: boolean, intent: () => IntentOptions, beforeRender?: boolean): void {
    if (beforeRender) this.#appearanceSnapshot = this.#options.appearance();
    if (this.fields) return;
    const run = ++this.#run;
    const options = this.#options;
    this.status = 'loading';
    this.#host.requestUpdate();
    options
      .load(payments.publishableKey, { timeoutMs: options.stripeTimeoutMs(), stripeAccount: payments.accountId ?? undefined, locale: options.locale() })
      .then((stripe) => {
        if (run !== this.#run || this.fields) return;
        const appearance = this.#appearanceSnapshot ?? options.appearance();
        this.#appearanceSnapshot = null;
        this.fields = options.mount(stripe, {
          intent: intent(),
          appearance,
          locale: options.locale(),
          collectsAddress,
          readOnly: this.#readOnly,
          onReady: () => {
            if (run !== this.#run) return;
            this.status = 'ready';
            this.#answerWaiting(this.fields);
            this.#host.requestUpdate();
          },
          onChange: options.changed,
        });
      })
      // Stripe.js did not load in time, or its fields would not mount.
      .catch((error: unknown) => {
        if (run !== this.#run) return;
        this.status = 'unavailable';
        this.#answerWaiting(null);
        options.unavailable(error instanceof CheckoutError ? error : new CheckoutError('stripe_unavailable', { recoverable: true, cause: error }));
      });
  }

  /** The fields once they are ready (at once if they are); null if they will not be (unavailable, stopped). */
  whenReady(): Promise<Fields | null> {
    if (this.status === 'ready' && this.fields) return Promise.resolve(this.fields);
    if (this.status === 'unavailable') return Promise.resolve(null);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #answerWaiting(fields: Fields | null): void {
    for (const resolve of this.#waiting.splice(0)) resolve(fields);
  }

  /** Unmounts the fields and drops a load under way: none are asked for until the next start. */
  stop(): void {
    this.#answerWaiting(null);
    this.#run += 1;
    this.fields?.destroy();
    this.fields = null;
    this.status = 'none';
    this.#appearanceSnapshot = null;
  }

  /**
   * Makes the fields read-only while the form is locked (a payment under way, its bank's step, an
   * answer lost and its Try again waiting), and editable again once it is not: the card a resend
   * charges is the one the fields show.
   */
  lock(readOnly: boolean): void {
    if (readOnly === this.#readOnly) return;
    this.#readOnly = readOnly;
    this.fields?.setReadOnly(readOnly);
  }

  /** Re-derives Stripe's appearance from the tokens (after a theme change). */
  refreshAppearance(): void {
    this.#appearanceSnapshot = null;
    this.fields?.setAppearance(this.#options.appearance());
  }

  /** Tells Stripe's fields the customer's language (after a locale change). */
  refreshLocale(): void {
    this.fields?.setLocale(this.#options.locale());
  }
}
