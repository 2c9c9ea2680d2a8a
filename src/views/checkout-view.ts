// The element's content once the checkout chunk has come (checkout/loader.ts): the coordinator's
// phase rendered (the form, a state that ends the flow, the success screen), the form's handlers
// that call its controllers, and a long session's products filled in frame by frame.
import { nothing, type TemplateResult } from 'lit';
import { CheckoutError } from '../errors.ts';
import { CheckoutController, type CheckoutControllerOptions, type CheckoutHost } from '../checkout/controller.ts';
import type { Formatter } from './format.ts';
import { formView, type FormHandlers } from './form.ts';
import { ProgressiveList } from './progressive-list.ts';
import { successView } from './result-states.ts';
import { failedView, skeletonView } from './states.ts';

export class CheckoutView {
  /** The coordinator: the phase and the state the views render. */
  readonly controller: CheckoutController;
  // A usual session renders whole. A long one shows the cards a customer sees first (two of four
  // tiers fill a screen) and fills in over the frames after it, so no frame runs long.
  readonly #productList: ProgressiveList;
  readonly #retry: () => void;
  /**
   * The held success's link, followed through the host's navigate() (a page may route it). A new
   * tab or window (a modifier key, another button) is the browser's to open.
   */
  readonly #leave = (event: Event) => {
    const { button, metaKey, ctrlKey, shiftKey, altKey } = event as MouseEvent;
    if (button || metaKey || ctrlKey || shiftKey || altKey) return;
    event.preventDefault();
    this.controller.paying.leave();
  };
  readonly #handlers: FormHandlers;
  /** What the pay button said when a pointer pressed it, until the click. */
  #pressedLabel: string | null = null;

  constructor(host: CheckoutHost, options: CheckoutControllerOptions) {
    const controller = new CheckoutController(host, options);
    this.controller = controller;
    this.#productList = new ProgressiveList(host, { whole: 6, first: 2, step: 6, fallbackMs: 50 });
    this.#retry = () => controller.retry();
    this.#handlers = {
      submit: (event) => {
        event.preventDefault();
        controller.paying.pay();
      },
      // Its button goes as it asks again: the summary keeps the focus (Tab reaches the next Try again).
      retryTax: () => {
        controller.tax.retry();
        controller.focusWhenRendered('summary');
      },
      currency: (event) => controller.choices.setCurrency((event.target as HTMLSelectElement).value),
      products: {
        choosePlan: (productId, planId) => controller.choices.choosePlan(productId, planId),
        setQuantity: (productId, quantity) => controller.choices.setQuantity(productId, quantity),
      },
      customer: {
        input: (field, value) => controller.choices.setField(field, value),
        blur: (field) => controller.choices.leaveField(field),
      },
      payment: {
        // Stripe.js loaded again: its Try again goes, and the pay button (or its section) takes the focus.
        retry: () => {
          controller.retry();
          controller.focusWhenRendered('pay');
        },
        // A quantity typed just before is committed as its field loses focus to the pressed
        // button, so the total can change between the press and the click. The customer agreed
        // to what the button said when pressed: a click that ends on other words pays nothing.
        press: (event) => {
          this.#pressedLabel = (event.currentTarget as HTMLElement).textContent;
        },
        click: (event) => {
          const pressed = this.#pressedLabel;
          this.#pressedLabel = null;
          if (event.detail > 0 && pressed !== null && pressed !== (event.currentTarget as HTMLElement).textContent) {
            event.preventDefault();
            controller.payError = new CheckoutError('total_changed', { recoverable: true });
            host.requestUpdate();
          }
        },
      },
    };
  }

  /** Settles once every product of a long session is rendered (they fill in frame by frame); null when none is left. */
  get listComplete(): Promise<void> | null {
    return this.#productList.pending ? this.#productList.complete : null;
  }

  render(format: Formatter): TemplateResult | typeof nothing {
    const c = this.controller;
    const { phase, checkout } = c;
    switch (phase.kind) {
      case 'idle':
      case 'loading':
        return skeletonView(format);
      case 'failed':
        return failedView(phase.error, c.messageFor(phase.error), checkout?.cancelUrl ?? null, format, this.#retry);
      case 'succeeded':
        return successView(phase.detail, phase.navigating, phase.error && { code: phase.error.code, message: c.messageFor(phase.error) }, format, phase.held ? this.#leave : null, !!phase.earlier);
      case 'ready':
      case 'paying':
        if (!checkout) return nothing;
        return formView(
          c,
          { products: this.#productList.visible(checkout.products), payErrorMessage: c.payError ? c.messageFor(c.payError) : '' },
          format,
          this.#handlers,
        );
    }
  }
}
