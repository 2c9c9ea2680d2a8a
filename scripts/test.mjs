#!/usr/bin/env node
// `npm test`: type-check, then every suite (Node unit/sandbox tests, browser component tests, then
// a production build and the e2e suite against it), then one closing line `N passed, N failed`. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = '.test-results';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0 };
const problems = [];

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) problems.push(`${label} exited with ${result.status ?? result.signal}`);
  return result.status === 0;
}

function findTests(directory, suffix) {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return findTests(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  }).sort();
}

// 1. Types.
if (run('typecheck', 'npx', ['--no-install', 'tsc', '--noEmit', '-p', '.'])) totals.passed += 1;
else totals.failed += 1;

// 2. Node: pure logic and the sandbox over real HTTP.
const nodeTests = findTests('test/node', '.test.ts');
if (nodeTests.length > 0) {
  const tapFile = join(resultsDir, 'node.tap');
  run('node tests', process.execPath, [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...nodeTests,
  ]);
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  if (!tap) problems.push('node tests wrote no results');
}

// 3. Browser: component tests in Chromium against the sandbox and the Stripe stand-in.
if (findTests('test/browser', '.test.ts').length > 0) {
  const summaryFile = join(resultsDir, 'browser.json');
  run('browser tests', 'npx', ['--no-install', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs']);
  if (existsSync(summaryFile)) {
    const counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed + counts.erroredFiles;
  } else {
    problems.push('browser tests wrote no results');
    totals.failed += 1;
  }
}

// 4. End-to-end: `node scripts/build.mjs`, then the production build as users embed it (script
//    tags, React and Vue apps, strict CSP, types, the sandbox command, the docs' snippets) with
//    Playwright in Chromium, one test file (one browser) at a time.
const e2eTests = findTests('test/e2e', '.test.ts');
if (e2eTests.length > 0) {
  if (run('build', process.execPath, ['scripts/build.mjs'])) {
    const tapFile = join(resultsDir, 'e2e.tap');
    run('e2e tests', process.execPath, [
      '--import', 'tsx', '--test', '--test-concurrency=1',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
      ...e2eTests,
    ]);
    const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
    const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
    totals.passed += count('pass');
    totals.failed += count('fail') + count('cancelled');
    if (!tap) problems.push('e2e tests wrote no results');
  } else {
    totals.failed += 1;
  }
}

console.log('');
for (const problem of problems) console.log(`problem: ${problem}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || problems.length > 0 || totals.passed === 0 ? 1 : 0);
