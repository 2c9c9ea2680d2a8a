// Fetches the code that the first render does not need, in chunks (the checkout, a language's
// words, the resume reader): each once a page, and again when asked after it failed. A browser may
// keep a failed import's failure for the page's life (Firefox 153 does; whatwg/html#10327 changes
// that), so a retry asks for the same file under a fresh URL where the file is known: the
// script-tag builds name their chunks in `__PAID_CHECKOUT_CHUNKS__` (scripts/chunk-files.ts); the
// sources run unbundled (the test runner) sit beside this file; a bundler's build (dist/esm) names
// them itself, and there a retry imports again as written.

/**
 * Each chunk's file by its source under src/ (`checkout/checkout-chunk.ts`), relative to the file
 * this module is built into: written in by the script-tag builds, null in the builds for bundlers,
 * undeclared when the sources run as they are.
 */
declare const __PAID_CHECKOUT_CHUNKS__: Readonly<Record<string, string>> | null;

/** Where to fetch a chunk again (`attempt` ≥ 1), or null where only the bundler knows. */
export function retryUrlOf(
  files: Readonly<Record<string, string>> | null | undefined,
  source: string,
  attempt: number,
): string | null {
  const file = files === undefined ? source : files?.[source];
  return file ? `./${file}?retry=${attempt}` : null;
}

/**
 * A loader for the chunk whose module is `source` (under src/), `load` being its `import()`: the
 * same promise while it loads or once it has, a new fetch on the next call after a failure.
 */
export function lazyChunk<T>(source: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  let failures = 0;
  return () => {
    if (loading) return loading;
    // Where no file is known (null: a classic script, whose chunks are inlined, or a bundler's
    // build) this folds away to `load()`: the identifier is written in place, in both places.
    const unbundled = typeof __PAID_CHECKOUT_CHUNKS__ === 'undefined';
    const url = failures && (unbundled || __PAID_CHECKOUT_CHUNKS__ !== null) ? retryUrlOf(unbundled ? undefined : __PAID_CHECKOUT_CHUNKS__, source, failures) : null;
    // A relative specifier is resolved against this module: its built file, or src/ unbundled.
    loading = (url ? (import(/* @vite-ignore */ url) as Promise<T>) : load()).catch((error: unknown) => {
      loading = null;
      failures += 1;
      throw error;
    });
    return loading;
  };
}
