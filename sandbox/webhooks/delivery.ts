// The delivery queue: one lane per ordering key, each item attempted until delivered, dropped or
// out of attempts, with a backoff between attempts; a lane's next item waits for the one before.

/** The sandbox's default waits between attempts; an item gets `length + 1` attempts (about 7 h in all). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000, 600_000, 3_600_000, 6 * 3_600_000];

/** The timer functions the queue waits with (injectable, so tests and fake clocks can drive it). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real timers. A pending retry keeps the process alive until `close()`, so `idle()` can be awaited anywhere. */
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** `delivered` ends an item, `failed` retries it after the next delay, `dropped` ends it undelivered. */
export type AttemptOutcome = 'delivered' | 'failed' | 'dropped';

export interface DeliveryQueueOptions<T> {
  /** One attempt; `signal` aborts when the queue closes. A throw counts as `failed`. */
  attempt(item: T, attemptNumber: number, signal: AbortSignal): Promise<AttemptOutcome>;
  /** The wait after failed attempt n is `retryDelaysMs[n - 1]`; after the last one the item is given up. */
  retryDelaysMs: readonly number[];
  timers: Timers;
  onGiveUp?(item: T, attempts: number): void;
}

export interface DeliveryQueue<T> {
  enqueue(lane: string, item: T): void;
  /** Whether no item is queued, waiting or in flight. */
  isIdle(): boolean;
  /** Resolves once no item is queued, waiting or in flight. */
  idle(): Promise<void>;
  /** Stops every lane: waits end, attempts in flight are aborted, queued items are dropped. */
  close(): void;
}

export function createDeliveryQueue<T>(options: DeliveryQueueOptions<T>): DeliveryQueue<T> {
  const lanes = new Map<string, T[]>();
  const waits = new Map<unknown, () => void>();
  const closing = new AbortController();
  let idleWaiters: Array<() => void> = [];

  function settleIdle(): void {
    if (lanes.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = options.timers.setTimeout(() => {
        waits.delete(handle);
        resolve();
      }, ms);
      waits.set(handle, resolve);
    });
  }

  async function attemptSafely(item: T, attemptNumber: number): Promise<AttemptOutcome> {
    try {
      return await options.attempt(item, attemptNumber, closing.signal);
    } catch {
      return 'failed';
    }
  }

  /** Runs one item to its end: delivered, dropped, given up, or the queue closed. */
  async function runItem(item: T): Promise<void> {
    for (let attemptNumber = 1; !closing.signal.aborted; attemptNumber += 1) {
      const outcome = await attemptSafely(item, attemptNumber);
      if (outcome !== 'failed' || closing.signal.aborted) return;
      const delay = options.retryDelaysMs[attemptNumber - 1];
      if (delay === undefined) {
        try {
          options.onGiveUp?.(item, attemptNumber);
        } catch {
          // A reporting hook's failure must not stop the lane behind this item.
        }
        return;
      }
      await wait(delay);
    }
  }

  async function runLane(key: string, queue: T[]): Promise<void> {
    for (let item = queue[0]; item !== undefined && !closing.signal.aborted; item = queue[0]) {
      await runItem(item);
      queue.shift();
    }
    lanes.delete(key);
    settleIdle();
  }

  return {
    enqueue(lane, item) {
      if (closing.signal.aborted) return;
      const queue = lanes.get(lane);
      if (queue) {
        queue.push(item);
        return;
      }
      const fresh = [item];
      lanes.set(lane, fresh);
      void runLane(lane, fresh);
    },
    isIdle: () => lanes.size === 0,
    idle() {
      return lanes.size === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
    },
    close() {
      closing.abort();
      for (const [handle, resolve] of waits) {
        options.timers.clearTimeout(handle);
        resolve();
      }
      waits.clear();
    },
  };
}
