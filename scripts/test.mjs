#!/usr/bin/env node
// `npm test`: type-check, then every suite (Node unit/sandbox tests, browser component tests, then
// a production build and the e2e suite against it), then one closing line `N passed, N failed`. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findTests, runNodeTests } from './node-tests.mjs';
import { formatEngineCounts } from './wtr-summary-reporter.mjs';

const resultsDir = '.test-results';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0 };
const problems = [];
/** Lines repeated at the end, after every suite's own output. */
const stageLines = [];

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) problems.push(`${label} exited with ${result.status ?? result.signal}`);
  return result.status === 0;
}

/**
 * Adds a node:test run's counts to the totals, and names every test it skipped, with its reason, at
 * the end (a skip is in no count: unnamed, it would pass unseen); a run that wrote no TAP counts as a problem.
 */
function tally(label, outcome) {
  if (!outcome.ok) problems.push(`${label} failed`);
  totals.passed += outcome.passed;
  totals.failed += outcome.failed;
  if (outcome.skipped.length > 0) stageLines.push(`${label}: ${outcome.skipped.length} skipped`);
  for (const skip of outcome.skipped) stageLines.push(`  skipped in ${label}: ${skip.title} (${skip.reason || 'no reason given'})`);
  if (!outcome.wroteResults) problems.push(`${label} wrote no results`);
}

// 1. Types.
// TypeScript 7's bin is an extensionless ES module, which Node before 20.10 refuses to load.
if (run('typecheck', process.execPath, ['node_modules/typescript/lib/tsc.js', '--noEmit', '-p', '.'])) totals.passed += 1;
else totals.failed += 1;

// 2. Node: pure logic and the sandbox over real HTTP.
const nodeTests = findTests('test/node', '.test.ts');
if (nodeTests.length > 0) {
  console.log(`\n=== node tests: ${nodeTests.length} files`);
  tally('node tests', runNodeTests(nodeTests, { tapFile: join(resultsDir, 'node.tap') }));
}

// 3. Browser: component tests in Chromium, Firefox ESR and WebKitGTK (BROWSERS picks some) against
//    the sandbox and the Stripe stand-in; each engine's counts, and every test an engine skipped, why.
if (findTests('test/browser', '.test.ts').length > 0) {
  const summaryFile = join(resultsDir, 'browser.json');
  run('browser tests', 'npx', ['--no-install', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs']);
  if (existsSync(summaryFile)) {
    const counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed + counts.erroredFiles;
    stageLines.push(`browser tests: ${formatEngineCounts(counts.engines)}`);
    for (const skip of counts.skips) stageLines.push(`  skipped in ${skip.engine}: ${skip.file} › ${skip.title} (${skip.reason})`);
    for (const skip of counts.unexplained) stageLines.push(`  skipped without a reason (counted as failed) in ${skip.engine}: ${skip.file} › ${skip.title}`);
  } else {
    problems.push('browser tests wrote no results');
    totals.failed += 1;
  }
}

/**
 * The e2e journeys' counts per engine, from the TAP files of a run: each cross-engine test is
 * titled "<engine>: …" (test/e2e/engines.test.ts); the other e2e files run in Chromium.
 */
function e2eEngineCounts(directory) {
  const engines = {};
  for (const file of readdirSync(directory).filter((name) => name.startsWith('e2e.tap'))) {
    for (const [, not, engine, directive] of readFileSync(join(directory, file), 'utf8').matchAll(/^\s*(not )?ok \d+ - (chromium|firefox|webkit): .*?(# SKIP.*)?$/gm)) {
      const counts = (engines[engine] ??= { passed: 0, failed: 0, skipped: 0, erroredFiles: 0 });
      if (directive) counts.skipped += 1;
      else if (not) counts.failed += 1;
      else counts.passed += 1;
    }
  }
  return engines;
}

// 4. End-to-end: `node scripts/build.mjs`, then the production build as users embed it (script
//    tags, React, Vue and Svelte apps, strict CSP, types: tsc, vue-tsc and svelte-check over
//    test/types, the sandbox command, the docs' snippets), one test
//    file at a time: the purchase journeys in Chromium, Firefox ESR and WebKitGTK, the rest in Chromium.
const e2eTests = findTests('test/e2e', '.test.ts');
if (e2eTests.length > 0) {
  if (run('build', process.execPath, ['scripts/build.mjs'])) {
    console.log(`\n=== e2e tests: ${e2eTests.length} files, one at a time`);
    tally('e2e tests', runNodeTests(e2eTests, { serial: true, tapFile: join(resultsDir, 'e2e.tap') }));
    const engines = e2eEngineCounts(resultsDir);
    if (Object.keys(engines).length > 0) stageLines.push(`e2e journeys: ${formatEngineCounts(engines)}`);
  } else {
    totals.failed += 1;
  }
}

console.log('');
for (const line of stageLines) console.log(line);
for (const problem of problems) console.log(`problem: ${problem}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || problems.length > 0 || totals.passed === 0 ? 1 : 0);
