// The words that say why something was refused (a schema's reasons, a selection's problems), for
// the people who read them: a developer, and the sandbox's API callers. They are kept in the
// sources (the sandbox, the tests) and in the development builds; a production build of the
// element leaves them out, since nothing it shows, fires or logs carries them (it says
// `invalid_response` in its own words, and knows a selection only as valid or not).

declare const __PAID_CHECKOUT_DEV__: boolean | undefined;

/**
 * `words`, or nothing in a production build of the element. Typed as the words: every reader of
 * them runs where they are kept.
 */
export function reason<T extends string>(words: T): T {
  return typeof __PAID_CHECKOUT_DEV__ !== 'boolean' || __PAID_CHECKOUT_DEV__ ? words : (undefined as unknown as T);
}

/**
 * What a schema's refinement says when it refuses: `words`, at `field` of the value checked (at
 * the value itself without one). In a production build, nothing: the element reads no issue of a
 * schema, only that the answer was refused (`invalid_response`), so neither the words nor where
 * they point are kept.
 */
export function refusal(words: string, field?: string): { message: string; path?: string[] } | undefined {
  if (!reason(words)) return undefined;
  return field ? { message: words, path: [field] } : { message: words };
}
