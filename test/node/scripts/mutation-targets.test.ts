// Which node tests Stryker reruns for each mutant of a module (scripts/mutation-targets.mjs): those
// that import it, its own first, and those that drive it through a harness, not the property models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testsImporting } from '../../../scripts/mutation-targets.mjs';

test("the pay-attempt controller's mutants are tested by its own tests first, and by the tests that drive it through the element model's tab, not by the models themselves", () => {
  const tests = testsImporting('src/checkout/pay-attempt-controller.ts');
  assert.equal(tests[0], 'test/node/checkout/pay-attempt-controller.test.ts');
  for (const driven of ['test/node/checkout/restored-refund.test.ts', 'test/node/checkout/away-refund-held.test.ts', 'test/node/checkout/bank-return.test.ts']) assert.ok(tests.includes(driven), `${driven}: ${tests.join(', ')}`);
  assert.deepEqual(tests.filter((file) => file.startsWith('test/node/model/')), []);
});

test('the resume reader’s modules are tested by the tests of the controller that loads them, harnesses included', () => {
  assert.ok(testsImporting('src/checkout/resume-attempt.ts').includes('test/node/checkout/restored-refund.test.ts'));
});

test('the attempt store and the attempt are tested through the harnesses too', () => {
  for (const module of ['src/checkout/attempt-store.ts', 'src/checkout/attempt.ts']) assert.ok(testsImporting(module).includes('test/node/checkout/away-refund-held.test.ts'), module);
});

test('a pure module is tested by the tests that import it, with no harness', () => {
  const tests = testsImporting('src/pricing/money.ts');
  assert.ok(tests.length > 0);
  assert.ok(!tests.includes('test/node/checkout/restored-refund.test.ts'));
});
