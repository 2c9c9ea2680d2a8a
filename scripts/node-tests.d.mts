// The types of node-tests.mjs, for the tests that import it.
export function findTests(directory: string, suffix?: string): string[];
export const nodeTestArgs: readonly string[];
export function runNodeTests(
  files: readonly string[],
  options?: { serial?: boolean; tapFile?: string | null },
): { ok: boolean; passed: number; failed: number; wroteResults: boolean };
