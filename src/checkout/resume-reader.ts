// What a page loaded in the middle of a payment reads and runs: the attempt its tab kept, a bank's
// redirect parameters, and finishing either. Its own chunk, loaded only when there is one or the
// other (most pages have neither, and show the form without it).
export { resumeAttempt } from './resume-attempt.ts';
