// The types of mutation-targets.mjs, for the tests that import it.
export const mutationModules: readonly string[];
export const rangedModules: readonly string[];
export function targetOf(argument: string): { module: string; range: string | null };
export const loadedThrough: Readonly<Record<string, string>>;
export const drivenThrough: Readonly<Record<string, readonly string[]>>;
export function runtimeImports(file: string): string[];
export function mirroredTestStem(module: string): string;
/** The node test files Stryker reruns for each mutant of `module`: its own first. */
export function testsImporting(module: string, testFiles?: readonly string[]): string[];
