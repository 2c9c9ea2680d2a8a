// The session the host names: reads it once per id and API origin (dropping answers for an earlier
// one), keeps the server's clock (as of each answer's arrival), and says when its expiry passes
// while the page is open.
import { DEFAULT_API_BASE, type readCheckout } from '../api/client.ts';
import type { PublicCheckout } from '../api/schemas.ts';
import { CheckoutError, isAbort } from '../errors.ts';

export interface SessionHost {
  // Frameworks may set either to undefined or null (React passes props as they are).
  checkoutId: string | null | undefined;
  apiBase: string | null | undefined;
}

export interface SessionControllerOptions {
  /** The current time in ms; the element's clock hook. */
  now: () => number;
  /** Waits between read attempts. */
  retryDelays: () => readonly number[];
  /** Reads a session: `readCheckout` (its answer stamped by `now` as it arrives). */
  read: typeof readCheckout;
  /** The session as read, for the read still wanted. */
  shown: (checkout: PublicCheckout) => void;
  /** The read still wanted failed. */
  failed: (error: CheckoutError) => void;
  /** The session's expiry has passed; true to be asked again in a second. */
  expired: () => boolean;
  /**
   * Whether a read that failed is logged to the console (the `debug` attribute), once `failed` has
   * dealt with it: one a payment under way keeps quiet about shows nowhere else.
   */
  debug?: () => boolean;
}

/** How an element reads a session: its retries (sessionRetryDelays) and its clock hook. */
export type SessionReading = Pick<SessionControllerOptions, 'retryDelays' | 'now'>;

/** A read beside the session's own (SessionController's sideRead): its signal, and `done` once it has settled. */
export interface SideRead {
  signal: AbortSignal;
  done(): void;
}

const MAX_TIMEOUT = 2 ** 31 - 1;

export class SessionController {
  readonly #host: SessionHost;
  /** How it reads: another checkout's session, read while its payment made on this page is finished, is read so too. */
  readonly options: SessionControllerOptions;
  #key?: string | null;
  /** The read under way (the session's, or one beside it: sideRead); an answer for any other one is dropped. */
  #abort?: AbortController | null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** How far the server's clock is ahead of the page's: prices and expiry follow the server. */
  #clockOffset = 0;
  /** The server's time in the last answer that gave one. */
  #serverTime = Number.NaN;

  constructor(host: SessionHost, options: SessionControllerOptions) {
    this.#host = host;
    this.options = options;
  }

  /** The API origin in use: the host's, or Paid's when it is unset or empty. */
  get apiBase(): string {
    return this.#host.apiBase || DEFAULT_API_BASE;
  }

  get #wantedKey(): string {
    return `${this.apiBase}\n${this.#host.checkoutId ?? ''}`;
  }

  /** Whether the host names another session than the one read last (or nothing was read). */
  get stale(): boolean {
    return this.#key !== this.#wantedKey;
  }

  /**
   * Reads the session the host names now, dropping anything in flight for an earlier one. False
   * when the host names none.
   */
  load(): boolean {
    this.stop(false);
    this.#key = this.#wantedKey;
    const { checkoutId } = this.#host;
    if (!checkoutId) return false;
    const abort = (this.#abort = new AbortController());
    const options = this.options;
    // An answer for a stopped read (the element was removed) or an older id is dropped.
    const wanted = () => abort === this.#abort;
    options.read(this.apiBase, checkoutId, { signal: abort.signal, retryDelays: options.retryDelays(), now: options.now }).then(
      (answer) => {
        if (!wanted()) return;
        this.#abort = null;
        this.setServerTime(answer.body.now, answer.receivedAt);
        options.shown(answer.body);
      },
      (error: unknown) => {
        if (!wanted() || isAbort(error)) return;
        this.#abort = null;
        const failure = error instanceof CheckoutError ? error : new CheckoutError('invalid_response', { cause: error });
        options.failed(failure);
        if (options.debug?.()) console.info(`[paid-checkout] read failed: ${failure.code}`);
      },
    );
    return true;
  }

  /**
   * Cuts a read short and stops watching the expiry. `forget`: read again when asked, even for
   * the same id (by default, when a read was cut short).
   */
  stop(forget = !!this.#abort): void {
    this.#abort?.abort();
    this.#abort = null;
    if (forget) this.#key = null;
    clearTimeout(this.#timer);
  }

  /**
   * The signal for a read the element makes beside the session's own (another checkout's, whose
   * payment made on this page is finished here), cut short as the session's read is: the element
   * removed (stop), or reading another session (load). Cut short by a removal, it is read again with
   * the session on reconnect. `done` once it has settled.
   */
  sideRead(): SideRead {
    // The read under way, in place of the session's own, which has answered (what is finished beside it comes from that answer).
    const side = (this.#abort = new AbortController());
    return {
      signal: side.signal,
      done: () => {
        if (this.#abort === side) this.#abort = null;
      },
    };
  }

  /** Now by the server's clock, as far as the page knows it (a laptop clock a day off changes nothing). */
  now(): number {
    return this.options.now() + this.#clockOffset;
  }

  /**
   * Sets the server's clock from its time in an answer that arrived at `receivedAt` by the page's
   * clock (by default, now): an answer that waited to be read (the session's, for the checkout
   * chunk) still says what the time was when it came, not when it was read.
   */
  setServerTime(serverTime: string | undefined, receivedAt = this.options.now()): void {
    const server = serverTime ? Date.parse(serverTime) : Number.NaN;
    if (Number.isFinite(server)) {
      this.#clockOffset = server - receivedAt;
      this.#serverTime = server;
    }
  }

  /**
   * Calls `expired` when `expiresAt` passes while the page is open. `justRead`: the server has
   * just said the session is active. An `expiresAt` already past by then is not the end: without
   * the server's time it means the page's clock is ahead, and at or before the server's time it is
   * the server's to judge (it checks again at payment). One past only since the server answered
   * (the answer waited for the checkout chunk) is the end, said once the answer is shown.
   */
  watchExpiry(expiresAt: string, justRead?: boolean): void {
    clearTimeout(this.#timer);
    const expires = Date.parse(expiresAt);
    const remaining = expires - this.now();
    if (remaining > 0 || (justRead && expires > this.#serverTime)) this.#timer = setTimeout(() => this.watchExpiry(expiresAt), Math.min(remaining + 50, MAX_TIMEOUT));
    else if (!justRead) this.#expire();
  }

  #expire(): void {
    if (this.options.expired()) this.#timer = setTimeout(() => this.#expire(), 1000);
  }
}
