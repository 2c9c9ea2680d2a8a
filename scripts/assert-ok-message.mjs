// Loaded by scripts/node-tests.mjs into each node test process: a failing assert.ok(value) given
// no message gets one here, so that Node does not make its own.
// Node 20 makes it by reading the call's source at the stack's line and column. Under tsx these are
// the line and column of tsx's whitespace-minified output (line 1, column ~35,000 in a 1,600-line
// test file), not of the .ts file Node then reads: no call is found there, and once it has read
// 2,500 characters past that column Node 20 reads 0 bytes and tries again for ever, re-parsing
// ~40 kB each round (a failing assert.ok hung pay-attempt-controller.test.ts for 10 minutes and more).
import assert from 'node:assert';
import { syncBuiltinESMExports } from 'node:module';
import { inspect } from 'node:util';

/** `target.ok`, except that a falsy value with no message fails with one naming the value (the stack names the line). */
function withMessage(target) {
  const original = target.ok;
  target.ok = function ok(...args) {
    if (args.length > 0 && !args[0] && args[1] == null) {
      const error = new assert.AssertionError({
        message: `The expression evaluated to a falsy value: ${inspect(args[0])}`,
        actual: args[0],
        expected: true,
        operator: '==',
        stackStartFn: ok,
      });
      error.generatedMessage = true;
      throw error;
    }
    return original.apply(this, args);
  };
}

withMessage(assert);
withMessage(assert.strict);
// `import { ok } from 'node:assert'` too.
syncBuiltinESMExports();
