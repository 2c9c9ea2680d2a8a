// What a page loaded in the middle of a payment reads: the attempt its tab kept, and a bank's
// redirect parameters. Its own chunk, loaded only when there is one or the other (most pages have
// neither, and show the form without it).
export { parseStoredAttempt } from './stored-attempt.ts';
export { redirectReturnOf, withoutRedirectParams } from './redirect-return.ts';
