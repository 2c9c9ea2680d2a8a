// What a page loaded in the middle of a payment reads and runs: the attempt its tab kept, a bank's
// redirect parameters, and finishing either; and a payment left unfinished, asked about when its
// checkout loads and before its end is shown. Its own chunk, loaded only when there is one or the other (most pages
// have neither, and show the form without it).
// It imports nothing from the checkout chunk (only from the first download, and types): what they
// share comes in through its caller (resume-attempt.ts' ResumingPayer). A chunk that something
// else imports from must export more than its own module's names, and then every import() of it
// goes through a namespace object made for it: 0.1 kB gzip more for every purchase.
export { resumeAttempt } from './resume-attempt.ts';
export { askAtLoad, askBeforeEnd } from './ask-left.ts';
