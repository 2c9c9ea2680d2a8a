// The checkouts still to be announced as expired, soonest expiry first: a sweep reads only those
// whose time has come, not every checkout the sandbox ever made.

export interface ExpiryQueue {
  /** Remembers that checkout `id` expires at `at` (ms since the epoch). */
  add(id: string, at: number): void;
  /** The ids whose expiry is at or before `now`, soonest first; each is given once. */
  takeDue(now: number): string[];
  readonly size: number;
}

/** A binary min-heap of `[at, id]`. */
export function createExpiryQueue(): ExpiryQueue {
  const heap: Array<[number, string]> = [];
  const before = (a: number, b: number) => heap[a]![0] < heap[b]![0];
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  function up(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(index, parent)) return;
      swap(index, parent);
      index = parent;
    }
  }
  function down(index: number): void {
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let least = index;
      if (left < heap.length && before(left, least)) least = left;
      if (right < heap.length && before(right, least)) least = right;
      if (least === index) return;
      swap(index, least);
      index = least;
    }
  }
  return {
    add(id, at) {
      heap.push([at, id]);
      up(heap.length - 1);
    },
    takeDue(now) {
      const due: string[] = [];
      while (heap.length > 0 && heap[0]![0] <= now) {
        due.push(heap[0]![1]);
        const last = heap.pop()!;
        if (heap.length > 0) {
          heap[0] = last;
          down(0);
        }
      }
      return due;
    },
    get size() {
      return heap.length;
    },
  };
}
