// The first download's stand-in for the checkout. At connect it starts, side by side, the checkout
// chunk (checkout-chunk.ts: everything after the skeleton), the session's read and Stripe.js, so
// that none of them waits for another. Until the chunk has come the element shows the skeleton;
// when the chunk could not be fetched, a recoverable network_error whose Try again fetches it again
// (and reads the session again). Once it has come, the coordinator takes over, its first read
// being the one started here.
import type { ReactiveController } from 'lit';
import { DEFAULT_API_BASE, fetchCheckout, type ReadOptions, type Received } from '../api/http.ts';
import type { PublicCheckout } from '../api/schemas.ts';
import { lazyChunk } from '../chunks.ts';
import { CheckoutError } from '../errors.ts';
import { emit, type PaidCheckoutErrorDetail, type PaidCheckoutState } from '../events.ts';
import { translate } from '../i18n/index.ts';
import { preloadStripe } from '../payment/stripe-script.ts';
import type { CheckoutView } from '../views/checkout-view.ts';
import { warmFormatter } from '../views/format.ts';
import type { CheckoutControllerOptions, CheckoutHost } from './controller.ts';
import { tellState } from './state-change.ts';

export type CheckoutChunk = typeof import('./checkout-chunk.ts');

/** Fetches the checkout chunk, once a page: every element shares it. */
export const loadCheckoutChunk = lazyChunk<CheckoutChunk>('checkout/checkout-chunk.ts', () => import('./checkout-chunk.ts'));

export interface CheckoutLoaderOptions extends Omit<CheckoutControllerOptions, 'read'> {
  /** Fetches the checkout chunk: `loadCheckoutChunk` (in tests, one that fails). */
  load: () => Promise<CheckoutChunk>;
}

/** The session's read started at connect, before the chunk that checks its answer has come. */
interface EarlyRead {
  key: string;
  abort: AbortController;
  /** Its answer, with the page's time it arrived at (the server's clock is measured from then, not when the chunk comes). */
  body: Promise<Received>;
}

export class CheckoutLoader implements ReactiveController {
  /** The checkout, once its chunk has come. */
  view: CheckoutView | null = null;
  /** The chunk could not be fetched: Try again (`retry`) fetches it again. */
  error: CheckoutError | null = null;

  readonly #host: CheckoutHost;
  readonly #options: CheckoutLoaderOptions;
  #early: EarlyRead | null = null;
  /** The chunk's fetch under way, or done. */
  #chunk: Promise<CheckoutChunk> | null = null;
  #connected = false;
  #run = 0;
  #warmed = false;
  /** Try again was pressed in the state the chunk could not be fetched in: what replaces it takes the focus it had. */
  #retried = false;
  /** The state the page was last told of, until the coordinator tells it. */
  #told: PaidCheckoutState = { status: 'loading' };

  constructor(host: CheckoutHost, options: CheckoutLoaderOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Where the checkout stands, for the page (`element.state`). */
  get state(): PaidCheckoutState {
    if (this.view) return this.view.controller.state;
    return this.error ? { status: 'failed', error: this.#detail(this.error), paymentPending: false } : { status: 'loading' };
  }

  /** What the polite live region says. */
  get announcement(): string {
    if (this.view) return this.view.controller.announcement;
    return this.error ? this.#message(this.error) : translate(this.#options.locale(), 'loading');
  }

  /** Try again: fetches the chunk again after it failed; else the coordinator's. */
  retry(): void {
    if (this.view) {
      this.view.controller.retry();
    } else if (this.error) {
      this.#retried = true;
      this.error = null;
      this.#host.requestUpdate();
      this.#fetch();
    }
  }

  hostConnected(): void {
    this.#connected = true;
    if (!this.view && !this.error) this.#fetch();
  }

  /** The session's read starts here, in the first update, so that properties a framework sets right after connecting count. */
  hostUpdate(): void {
    if (this.#connected && !this.view && !this.error) this.#readEarly();
  }

  hostUpdated(): void {
    if (this.view) return;
    this.#told = tellState(this.#host, this.#told, this.state, this.#options.debug());
    if (!this.#warmed) {
      this.#warmed = true;
      this.#warmUpOnceShown();
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#dropEarly();
  }

  get #nested(): boolean {
    return this.#host.getRootNode() instanceof ShadowRoot;
  }

  #fetch(): void {
    // A nested element only says so (the coordinator does, once it has come): nothing to load for it.
    if (!this.#nested) preloadStripe();
    const run = ++this.#run;
    this.#chunk = this.#options.load();
    this.#chunk.then(
      (chunk) => {
        if (run === this.#run && !this.view) this.#start(chunk);
      },
      (cause: unknown) => {
        if (run === this.#run && !this.view) this.#fail(new CheckoutError('network_error', { recoverable: true, cause }));
      },
    );
  }

  #start(chunk: CheckoutChunk): void {
    this.view = new chunk.CheckoutView(this.#host, {
      ...this.#options,
      read: (apiBase, checkoutId, options) => this.#adopt(chunk, apiBase, checkoutId, options),
      retried: this.#retried,
    });
    this.#host.requestUpdate();
  }

  /**
   * The coordinator's read: the one started at connect when it is for the same session (its answer
   * is checked now that the schemas have come), else a new one.
   */
  #adopt(chunk: CheckoutChunk, apiBase: string, checkoutId: string, options: ReadOptions): Promise<Received<PublicCheckout>> {
    const early = this.#early;
    this.#early = null;
    if (early?.key !== keyOf(apiBase, checkoutId)) {
      early?.abort.abort();
      return chunk.readCheckout(apiBase, checkoutId, options);
    }
    options.signal?.addEventListener('abort', () => early.abort.abort(), { once: true });
    return early.body.then(chunk.parseCheckout);
  }

  #readEarly(): void {
    const { checkoutId } = this.#host;
    if (!checkoutId || this.#nested) return this.#dropEarly();
    const apiBase = this.#host.apiBase || DEFAULT_API_BASE;
    const key = keyOf(apiBase, checkoutId);
    if (this.#early?.key === key) return;
    this.#dropEarly();
    const abort = new AbortController();
    const body = fetchCheckout(apiBase, checkoutId, { signal: abort.signal, retryDelays: this.#options.retryDelays(), now: this.#options.now });
    // Its failure is the coordinator's to show, once it has come; a read dropped before is nobody's.
    body.catch(() => {});
    this.#early = { key, abort, body };
  }

  #dropEarly(): void {
    this.#early?.abort.abort();
    this.#early = null;
  }

  #fail(error: CheckoutError): void {
    this.error = error;
    // Read again with the chunk: an answer kept meanwhile would be old by the server's clock.
    this.#dropEarly();
    this.#host.requestUpdate();
    if (this.#retried) void this.#host.updateComplete.then(() => this.#options.focus('view'));
    this.#retried = false;
    emit(this.#host, 'paid-checkout-error', this.#detail(error));
  }

  #message(error: CheckoutError): string {
    return translate(this.#options.locale(), `error.${error.code}`);
  }

  /** A failed chunk as the page is told of it: in the `state` and in `paid-checkout-error`. */
  #detail(error: CheckoutError): PaidCheckoutErrorDetail {
    return { code: error.code, message: this.#message(error), recoverable: true };
  }

  /**
   * Once the skeleton is painted, and while the session and Stripe.js are on the network: the
   * locale's first number and date formats, then (once the chunk has come) a sample session
   * through the schemas, pricing and views, in steps (warm-up.ts), so that an answer arriving
   * meanwhile waits for one step at most.
   */
  #warmUpOnceShown(): void {
    const { locale, now } = this.#options;
    const stillLoading = () => this.#host.isConnected && this.state.status === 'loading';
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (!stillLoading()) return;
        warmFormatter(locale());
        // Chromium opens a tab's storage on its first use, in a round trip to the browser process:
        // made now, not when the session has come and the kept attempts are looked up.
        try {
          void sessionStorage.length;
        } catch {
          // No storage here: the attempts are kept in the page's memory.
        }
        this.#chunk?.then(
          (chunk) => chunk.warmUpInSteps(locale(), new Date(now()), stillLoading),
          () => {},
        );
      }),
    );
  }
}

function keyOf(apiBase: string, checkoutId: string): string {
  return `${apiBase}\n${checkoutId}`;
}
