// Loaded by the test page before the test framework (web-test-runner.config.mjs). Firefox never
// reports a failed assertion whose actual or expected value is a DOM node, or holds one: the file
// then waits for the run's timeout (420 s) and says nothing of why. Each node in such a value is put
// into words (`<button#pay.primary>`) before the failure leaves the assertion; the message is chai's.
// Chai itself, not '@open-wc/testing': that registers its fixtures' cleanup only when Mocha's hooks
// exist, and this module runs before the framework sets them up (every fixture would stay mounted).
import { use } from '@esm-bundle/chai';

type Assert = (...args: unknown[]) => unknown;

/** Whether `value` is a node, or an array or object that holds one (two levels down: what tests compare). */
function holdsNode(value: unknown, depth = 2): boolean {
  if (value instanceof Node) return true;
  if (depth === 0 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((item) => holdsNode(item, depth - 1));
}

/** A node as a selector would name it (an element) or by its name and text; arrays and objects of them alike. */
function described(value: unknown, depth = 2): unknown {
  if (value instanceof Element) return `<${value.localName}${value.id ? `#${value.id}` : ''}${[...value.classList].map((name) => `.${name}`).join('')}>`;
  if (value instanceof Node) return `${value.nodeName} ${JSON.stringify(value.textContent?.slice(0, 80) ?? '')}`;
  if (depth === 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => described(item, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, described(item, depth - 1)]));
}

use((library) => {
  const prototype = library.Assertion.prototype as unknown as { assert: Assert };
  const assert = prototype.assert;
  prototype.assert = function (this: unknown, ...args: unknown[]) {
    try {
      return assert.apply(this, args);
    } catch (error) {
      const failure = error as { actual?: unknown; expected?: unknown };
      if (holdsNode(failure.actual)) failure.actual = described(failure.actual);
      if (holdsNode(failure.expected)) failure.expected = described(failure.expected);
      throw error;
    }
  };
});
