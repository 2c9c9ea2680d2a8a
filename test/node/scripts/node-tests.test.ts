// The node test runner's command (scripts/node-tests.mjs): a failing assert.ok without a message,
// in a file long enough that Node 20 loops for ever making one under tsx, ends the run at once and
// names the value (scripts/assert-ok-message.mjs); every test skipped is named, with its reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findTests, nodeTestArgs, skipsIn } from '../../../scripts/node-tests.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A test file of plain ASCII whose assert.ok sits past 2,500 characters of declarations with types
 * (no call that Node could take for it at the minified column), with as much after it.
 */
function longFile(): string {
  const declarations = (from: number) => Array.from({ length: 300 }, (_, index) => `const value${from + index}: number = ${from + index};`);
  return [
    "import assert from 'node:assert/strict';",
    "import { test } from 'node:test';",
    ...declarations(0),
    "test('fails', () => {",
    '  assert.ok(value1 === 2);',
    '});',
    ...declarations(300),
  ].join('\n');
}

test('a failing assert.ok without a message in a long file ends the run at once, naming the value', () => {
  const directory = mkdtempSync(join(tmpdir(), 'node-tests-'));
  try {
    // An ES module, as this repository's files are: tsx's output is then all on line 1.
    writeFileSync(join(directory, 'package.json'), '{ "type": "module" }');
    const file = join(directory, 'long.test.ts');
    writeFileSync(file, longFile());
    const started = Date.now();
    // Without assert-ok-message.mjs this run never ends on Node 20: the timeout kills it.
    // Its own run, not a part of this one's (which Node says in NODE_TEST_CONTEXT).
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const run = spawnSync(process.execPath, [...nodeTestArgs, file], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.error, undefined, `the run was stopped after ${Date.now() - started} ms`);
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stdout, /The expression evaluated to a falsy value: false/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a file named is run as a folder would be: itself when it is a test file', () => {
  assert.deepEqual(findTests('test/node/scripts/node-tests.test.ts'), ['test/node/scripts/node-tests.test.ts']);
  assert.deepEqual(findTests('test/node/checkout/fixtures.ts'), []);
});

test('every test a run skipped is named with its reason, nested or not, from the run\'s TAP (npm test lists them: a skip is in no count)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'node-tests-'));
  try {
    writeFileSync(join(directory, 'package.json'), '{ "type": "module" }');
    const file = join(directory, 'skips.test.ts');
    writeFileSync(
      file,
      [
        "import { describe, test } from 'node:test';",
        "describe('group', () => {",
        "  test('needs # dist', (t) => t.skip('dist/ is not built'));",
        "  test('runs', () => {});",
        '});',
        "test('not here', { skip: 'not run in webkit: no driver' }, () => {});",
        "test('bare', (t) => t.skip());",
      ].join('\n'),
    );
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const run = spawnSync(process.execPath, [...nodeTestArgs, '--test-reporter=tap', file], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stdout);
    assert.deepEqual(skipsIn(run.stdout), [
      { title: 'needs # dist', reason: 'dist/ is not built' },
      { title: 'not here', reason: 'not run in webkit: no driver' },
      { title: 'bare', reason: '' },
    ]);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
