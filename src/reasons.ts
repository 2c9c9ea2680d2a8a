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
