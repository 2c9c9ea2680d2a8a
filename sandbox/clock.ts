// The sandbox's sense of "now": the system clock, or one that tests and demos can move.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

export interface AdjustableClock extends Clock {
  /** Moves the clock forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void;
  /** Jumps to `date`; the clock keeps running from there. */
  set(date: Date): void;
  /** Back to real time. */
  reset(): void;
}

/** A clock `offsetMs` ahead of `baseMs()`; `set` moves the offset, `reset` drops it. */
function offsetClock(baseMs: () => number, offsetMs = 0): AdjustableClock {
  return {
    now: () => new Date(baseMs() + offsetMs),
    advance(ms) {
      if (!Number.isFinite(ms)) throw new RangeError('advance() takes a finite number of milliseconds');
      offsetMs += ms;
    },
    set(date) {
      if (Number.isNaN(date.getTime())) throw new RangeError('set() takes a valid date');
      offsetMs = date.getTime() - baseMs();
    },
    reset() {
      offsetMs = 0;
    },
  };
}

/** A clock that runs with real time plus an offset; `start` sets the offset so that now is `start`. */
export function createAdjustableClock(start?: Date): AdjustableClock {
  return offsetClock(Date.now, start ? start.getTime() - Date.now() : 0);
}

function isAdjustable(clock: Clock): clock is AdjustableClock {
  const candidate = clock as Partial<AdjustableClock>;
  return typeof candidate.advance === 'function' && typeof candidate.set === 'function' && typeof candidate.reset === 'function';
}

/** `clock` itself when it is adjustable, else an adjustable clock running on top of it (reset = back to `clock`). */
export function asAdjustable(clock: Clock): AdjustableClock {
  return isAdjustable(clock) ? clock : offsetClock(() => clock.now().getTime());
}
