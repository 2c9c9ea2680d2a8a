// Shows a long list a few items a frame: the first frame of a session with many products holds
// the ones a customer sees first, and the rest follow in the frames after it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ProgressiveListOptions {
  /** A list this long or shorter is rendered whole at once. */
  whole: number;
  /** Items in the first frame of a longer list. */
  first: number;
  /** Items added in each later frame. */
  step: number;
  /** Longest wait for a frame: a hidden page has none, and its list must still fill. */
  fallbackMs: number;
}

export class ProgressiveList implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ProgressiveListOptions;
  #list: readonly unknown[] | null = null;
  #shown = 0;
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #connected = false;
  #whenComplete: Promise<void> = Promise.resolve();
  #resolveComplete: (() => void) | null = null;

  constructor(host: ReactiveControllerHost, options: ProgressiveListOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /**
   * The items of `list` to render now. A long list not seen before starts again from `first`;
   * the same list keeps what it showed, and grows a step a frame until it is whole.
   */
  visible<T>(list: readonly T[]): readonly T[] {
    if (list !== this.#list) {
      this.#finish();
      this.#list = list;
      this.#shown = list.length <= this.#options.whole ? list.length : this.#options.first;
      this.#cancel();
      if (this.#shown < list.length) {
        this.#whenComplete = new Promise((resolve) => (this.#resolveComplete = resolve));
        this.#schedule();
      }
    }
    return this.#shown >= list.length ? list : list.slice(0, this.#shown);
  }

  /** Settles once the list last given to `visible()` is rendered whole (at once when it was short). */
  get complete(): Promise<void> {
    return this.#whenComplete;
  }

  get pending(): boolean {
    return this.#list !== null && this.#shown < this.#list.length;
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.pending) {
      this.#whenComplete = new Promise((resolve) => (this.#resolveComplete = resolve));
      this.#schedule();
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#cancel();
    // Nothing renders while disconnected: whoever waits for the whole list is not kept waiting.
    this.#finish();
  }

  #schedule(): void {
    if (!this.#connected || this.#frame || this.#timer !== undefined) return;
    const grow = () => {
      this.#cancel();
      if (!this.#list) return;
      this.#shown = Math.min(this.#list.length, this.#shown + this.#options.step);
      this.#host.requestUpdate();
      if (this.pending) this.#schedule();
      else void this.#host.updateComplete.then(() => this.#finish());
    };
    // After the next paint: a frame callback runs before its frame is drawn, a task it queues
    // runs after. Without the wait the first frame would also hold the next step.
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(grow);
    });
    this.#timer = setTimeout(grow, this.#options.fallbackMs);
  }

  #cancel(): void {
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
    this.#frame = 0;
    this.#timer = undefined;
  }

  #finish(): void {
    this.#resolveComplete?.();
    this.#resolveComplete = null;
  }
}
