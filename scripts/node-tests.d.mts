// The types of node-tests.mjs, for the tests that import it.
export function findTests(directory: string, suffix?: string): string[];
export const nodeTestArgs: readonly string[];
/** The tests a TAP report says were skipped: title, and the reason given ('' when none). */
export function skipsIn(tap: string): Array<{ title: string; reason: string }>;
export function runNodeTests(
  files: readonly string[],
  options?: { serial?: boolean; tapFile?: string | null },
): { ok: boolean; passed: number; failed: number; skipped: Array<{ title: string; reason: string }>; wroteResults: boolean };
