// The server's price for the order with its tax: asked for once the customer's choices and
// address have settled (a pause after the last change), an older answer dropped, and Pay held
// until the quote for the order as it is now has come back. The local summary still answers
// every click at once; the quote confirms it.
import type { ReactiveControllerHost } from 'lit';
import type { QuoteRequest } from '../api/requests.ts';
import { CheckoutError, isAbort } from '../errors.ts';

export type { QuoteRequest };

/**
 * Where the quote stands: `none` (the session collects no address: no tax to quote), `address`
 * (the address does not yet say where the buyer is), `waiting`, `ready`, or `failed`.
 */
export type QuoteState<Q> =
  | { status: 'none' | 'address' | 'waiting' }
  | { status: 'ready'; quote: Q }
  | { status: 'failed'; error: CheckoutError };

export interface QuoteHost<Q> {
  readonly element: ReactiveControllerHost;
  quote: QuoteState<Q>;
  /** The request for the order as it stands; `none` or `address` when there is nothing to ask yet. */
  quoteRequest(): QuoteRequest | 'none' | 'address';
}

export interface QuoteControllerOptions<Q> {
  /** Asks the server: `quoteCheckout` for the session shown. */
  request: (request: QuoteRequest, signal: AbortSignal) => Promise<Q>;
  /** How long changes must pause before a quote is asked for. */
  settleMs: number;
}

export class QuoteController<Q> {
  readonly #host: QuoteHost<Q>;
  readonly #options: QuoteControllerOptions<Q>;
  /** The request the state is for (JSON), so that an unchanged order asks nothing again. */
  #key = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | null = null;

  constructor(host: QuoteHost<Q>, options: QuoteControllerOptions<Q>) {
    this.#host = host;
    this.#options = options;
  }

  /** Something a quote depends on may have changed: ask again once the changes pause. */
  changed(): void {
    const request = this.#host.quoteRequest();
    const key = typeof request === 'string' ? request : JSON.stringify(request);
    if (key === this.#key && this.#host.quote.status !== 'failed') return;
    this.stop();
    this.#key = key;
    this.#set(typeof request === 'string' ? { status: request } : { status: 'waiting' });
    if (typeof request !== 'string') this.#timer = setTimeout(() => void this.#send(request, key), this.#options.settleMs);
  }

  /** Asks again now, after a quote failed. */
  retry(): void {
    this.#key = '';
    this.changed();
  }

  /** Drops the timer and any answer on its way. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#abort = null;
  }

  /** Forgets the quote: a new session is shown. */
  reset(): void {
    this.stop();
    this.#key = '';
    this.#host.quote = { status: 'none' };
  }

  async #send(request: QuoteRequest, key: string): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const quote = await this.#options.request(request, abort.signal);
      if (this.#abort === abort && key === this.#key) this.#set({ status: 'ready', quote });
    } catch (error) {
      if (this.#abort !== abort || isAbort(error)) return;
      this.#set({ status: 'failed', error: error instanceof CheckoutError ? error : new CheckoutError('network_error', { recoverable: true, cause: error }) });
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  #set(state: QuoteState<Q>): void {
    this.#host.quote = state;
    this.#host.element.requestUpdate();
  }
}
