// Chromium's path and offline arguments, kept at this path for the files that import it from here
// (web-test-runner.config.mjs, test/e2e/support/browser.ts, bench/): their home is ./engines.ts.
export { chromiumOfflineArgs, chromiumPath } from './engines.ts';
