// Waiting by condition for the drivers that lack a built-in wait for it: polls a probe until it
// yields a value or the time is up, then fails with what it was waiting for and what it last saw.

export class WaitTimeoutError extends Error {
  readonly code = 'wait_timeout';
}

/**
 * Resolves with the first value `probe` returns that is not `undefined`. A probe that throws counts
 * as "not yet" (the page may be between documents); its last error is kept for the message.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastProblem = ` (last error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
    if (Date.now() >= deadline) throw new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${what}${lastProblem}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
