#!/usr/bin/env node
// Mutation testing of the money-critical modules: one Stryker run per module, then one table.
//   npm run mutation                  every module in scripts/mutation-targets.mjs
//   npm run mutation -- src/url.ts    only the modules named
// Each module's mutants are tested only by the node test files that import it, since the command
// runner reruns its whole command for every mutant. The JSON report of each run is kept under
// reports/mutation/ and the surviving mutants are listed after the table.
import { readFileSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';
import { mutationModules, testsImporting } from './mutation-targets.mjs';

const asked = process.argv.slice(2);
const unknown = asked.filter((module) => !mutationModules.includes(module));
if (unknown.length > 0) {
  console.error(`mutation: not a module this script mutates: ${unknown.join(', ')}\nknown: ${mutationModules.join(', ')}`);
  process.exit(1);
}
const modules = asked.length > 0 ? asked : mutationModules;

function optionsFor(module, tests) {
  return {
    mutate: [module],
    testRunner: 'command',
    // Node 20 does not expand a quoted glob, so the files are named one by one.
    commandRunner: { command: `node --import tsx --test ${tests.join(' ')}` },
    coverageAnalysis: 'off',
    concurrency: 2,
    // Stryker's tsconfig step needs TypeScript's JS API, which TypeScript 7 does not have; with no
    // such file the step is skipped (tsx runs the mutated sources without type checks anyway).
    tsconfigFile: 'scripts/stryker-has-no-tsconfig.json',
    plugins: [],
    // Anchored with '/': a bare 'demo' would also drop test/node/demo from the sandbox.
    ignorePatterns: ['/dist', '/coverage', '/.test-results', '/test/browser', '/test/e2e'],
    tempDirName: '.stryker-tmp',
    reporters: ['json', 'progress'],
    jsonReporter: { fileName: `reports/mutation/${module.replace(/^src\//, '').replace(/[/.]/g, '-')}.json` },
    logLevel: 'warn',
    fileLogLevel: 'off',
  };
}

/** `file:line:column Mutator [Status] original -> replacement` (Stryker counts columns from 1). */
function describe(module, lines, result) {
  const { start, end } = result.location;
  const original = start.line === end.line
    ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
    : `${lines[start.line - 1].slice(start.column - 1)}…`;
  const status = result.status === 'Survived' ? '' : ` [${result.status}]`;
  const [before, after] = aroundChange(original, result.replacement ?? '');
  return `${module}:${start.line}:${start.column} ${result.mutatorName}${status} ${before} -> ${after}`;
}

/** Long texts cut to the part that the mutant changed, with a little context either side. */
function aroundChange(original, replacement, context = 24) {
  const flat = (text) => text.replace(/\s+/g, ' ');
  if (original.length <= 80 && replacement.length <= 80) return [flat(original), flat(replacement)];
  let head = 0;
  while (head < original.length && original[head] === replacement[head]) head += 1;
  let tail = 0;
  while (tail < original.length - head && tail < replacement.length - head && original.at(-1 - tail) === replacement.at(-1 - tail)) tail += 1;
  const cut = (text) => {
    const from = Math.max(0, head - context);
    const to = Math.min(text.length, text.length - tail + context);
    return flat(`${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`);
  };
  return [cut(original), cut(replacement)];
}

const detected = new Set(['Killed', 'Timeout']);
const rows = [];
const survivors = [];
const started = Date.now();

for (const module of modules) {
  const tests = testsImporting(module);
  if (tests.length === 0) {
    rows.push({ module, mutants: 0, killed: 0, survived: 0, score: 'no tests', seconds: 0 });
    continue;
  }
  console.log(`\n${module}: ${tests.length} test file(s): ${tests.join(' ')}`);
  const moduleStarted = Date.now();
  let results;
  try {
    results = await new Stryker(optionsFor(module, tests)).runMutationTest();
  } catch (error) {
    // One module that cannot run (its tests fail unmutated) must not hide the others' scores.
    console.error(`mutation: ${module} did not run: ${error instanceof Error ? error.message : error}`);
    rows.push({ module, mutants: 0, killed: 0, survived: 0, score: 'error', seconds: Math.round((Date.now() - moduleStarted) / 1000) });
    process.exitCode = 1;
    continue;
  }
  const counted = results.filter((result) => result.status !== 'CompileError' && result.status !== 'RuntimeError' && result.status !== 'Ignored');
  const killed = counted.filter((result) => detected.has(result.status)).length;
  const left = counted.filter((result) => !detected.has(result.status));
  const lines = readFileSync(module, 'utf8').split('\n');
  for (const result of left) survivors.push(describe(module, lines, result));
  rows.push({
    module,
    mutants: counted.length,
    killed,
    survived: left.length,
    score: counted.length === 0 ? 'n/a' : `${((100 * killed) / counted.length).toFixed(1)}%`,
    seconds: Math.round((Date.now() - moduleStarted) / 1000),
  });
}

const total = rows.reduce((sum, row) => ({ mutants: sum.mutants + row.mutants, killed: sum.killed + row.killed, survived: sum.survived + row.survived }), { mutants: 0, killed: 0, survived: 0 });
rows.push({
  module: 'total',
  ...total,
  score: total.mutants === 0 ? 'n/a' : `${((100 * total.killed) / total.mutants).toFixed(1)}%`,
  seconds: Math.round((Date.now() - started) / 1000),
});

const columns = ['module', 'mutants', 'killed', 'survived', 'score', 'seconds'];
const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
const line = (cells) => cells.map((cell, index) => (index === 0 ? String(cell).padEnd(widths[index]) : String(cell).padStart(widths[index]))).join('  ');
console.log(`\n${line(columns)}\n${line(widths.map((width) => '-'.repeat(width)))}`);
for (const row of rows) console.log(line(columns.map((column) => row[column])));
if (survivors.length > 0) console.log(`\nSurvived or not covered (${survivors.length}):\n${survivors.join('\n')}`);
