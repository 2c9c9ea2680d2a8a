// The one waitUntil of the browser tests. @open-wc/testing's gives up after 1 s, which a loaded
// 2-core machine can spend between a real click and its handler, or on one answer of the sandbox:
// a test that used it waited a fixed time in effect. This one waits up to 10 s by default (a test
// still names its own bound where it waits for something longer).
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

/** Resolves once `predicate` is truthy; rejects with `message` when it is not within `options.timeout` (10 s by default). */
export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 10_000, ...options });
}
