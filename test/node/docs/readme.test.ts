// The README's promises that a test can hold: its two set-up commands, what .ci/run runs and
// installs, and the Content-Security-Policy it prints, which must be the one the e2e suite runs under.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { debianPackages } from '../../../scripts/engines.ts';

const readme = readFileSync('README.md', 'utf8');

test('the README gives the demo command and the test command, and .ci/run runs the test command exactly', () => {
  assert.match(readme, /```sh\nnpm install && npm run demo\n```/);
  assert.match(readme, /```sh\nnpm ci && npm test\n```/);
  const ciScript = readFileSync('.ci/run', 'utf8');
  assert.match(ciScript, /^npm ci && npm test$/m);
});

test('.ci/run and the README install every Debian package the three engines need', () => {
  const ciScript = readFileSync('.ci/run', 'utf8');
  for (const name of Object.values(debianPackages).flat()) {
    assert.match(ciScript, new RegExp(`missing\\+=\\(${name}\\)`), `.ci/run installs ${name} when it is missing`);
    assert.match(readme, new RegExp(`apt-get install [^\`]*\\b${name}\\b`), `the README names ${name}`);
  }
});

test('the README’s Content-Security-Policy is the one the e2e suite tests', () => {
  const block = /<!-- snippet: content-security-policy\.txt -->\n```\n([\s\S]*?)\n```/.exec(readme)?.[1];
  assert.ok(block, 'the README has the CSP block');
  assert.equal(block, readFileSync('test/e2e/snippets/content-security-policy.txt', 'utf8').trimEnd());
});
