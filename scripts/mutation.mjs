#!/usr/bin/env node
// Mutation testing of the money-critical modules: one Stryker run per module, then one table.
//   npm run mutation                  every module in scripts/mutation-targets.mjs
//   npm run mutation -- src/url.ts    only the modules named
//   npm run mutation -- src/checkout/pay-attempt-controller.ts:218-252   only those lines' mutants
//                                     (a module of rangedModules runs only so: it is too slow whole)
//   npm run mutation -- src/checkout/ask-left.ts   a module of loadedThrough: only when named
//   MUTATION_CONCURRENCY=1 npm run mutation   one mutant at a time (default 2)
// Each module's mutants are tested only by the node test files that import it, since the command
// runner reruns its whole command for every mutant, and that command stops at the first failing
// file (scripts/mutation-command.mjs). The table and the surviving mutants are printed; Stryker's
// JSON report of each module is kept under reports/mutation/, and the latest row of every module
// in reports/mutation/scores.txt (and .json). The exit code is 1 when a module of this run scores
// under MINIMUM_SCORE, has no tests, or could not run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';
import { loadedThrough, mutationModules, rangedModules, targetOf, testsImporting } from './mutation-targets.mjs';

const asked = process.argv.slice(2);
const unknown = asked.filter((argument) => {
  const { module, range } = targetOf(argument);
  return !mutationModules.includes(module) && !Object.hasOwn(loadedThrough, module) && !(range && rangedModules.includes(module));
});
if (unknown.length > 0) {
  console.error(`mutation: not a module this script mutates: ${unknown.join(', ')}\nknown: ${mutationModules.join(', ')}; by line range only (file.ts:start-end): ${rangedModules.join(', ')}; only when named: ${Object.keys(loadedThrough).join(', ')}`);
  process.exit(1);
}
const modules = asked.length > 0 ? asked : mutationModules;
/** Issue 11: every listed module at least this share of its mutants killed, in percent. */
const MINIMUM_SCORE = 90;
const concurrency = Number(process.env.MUTATION_CONCURRENCY ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`mutation: MUTATION_CONCURRENCY must be a whole number from 1, not ${process.env.MUTATION_CONCURRENCY}`);
  process.exit(1);
}

/** `target`: a module, or a module's line range (`file.ts:start-end`), which Stryker's `mutate` takes as it is. */
function optionsFor(target, tests) {
  return {
    mutate: [target],
    testRunner: 'command',
    // Node 20 does not expand a quoted glob, so the files are named one by one.
    commandRunner: { command: `node scripts/mutation-command.mjs ${tests.join(' ')}` },
    coverageAnalysis: 'off',
    concurrency,
    // A surviving mutant runs every file, at `concurrency` beside others' jobs on a shared 2-core
    // machine: slower than the lone dry run. A Timeout counts as killed, so the margin is wide
    // enough that only a mutant that really hangs reaches it.
    timeoutFactor: 3,
    timeoutMS: 30_000,
    // Stryker's tsconfig step needs TypeScript's JS API, which TypeScript 7 does not have; with no
    // such file the step is skipped (tsx runs the mutated sources without type checks anyway).
    tsconfigFile: 'scripts/stryker-has-no-tsconfig.json',
    plugins: [],
    // Anchored with '/': a bare 'demo' would also drop test/node/demo from the sandbox.
    ignorePatterns: ['/dist', '/coverage', '/.test-results', '/test/browser', '/test/e2e'],
    tempDirName: '.stryker-tmp',
    // A module whose dry run fails would leave its copy of the whole tree behind; its error is printed.
    cleanTempDir: 'always',
    reporters: ['json', 'progress'],
    jsonReporter: { fileName: `reports/mutation/${target.replace(/^src\//, '').replace(/[/.:]/g, '-')}.json` },
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
/** One row a module: its counts, its score, and the mutants left alive or that timed out. */
const rows = [];

for (const target of modules) {
  // A row a target: its module's name, with the range when only that range was mutated.
  const { module } = targetOf(target);
  const tests = testsImporting(module);
  const measured = new Date().toISOString();
  if (tests.length === 0) {
    rows.push({ module: target, mutants: 0, killed: 0, survived: 0, score: 'no tests', seconds: 0, measured, survivors: [], timedOut: [] });
    continue;
  }
  console.log(`\n${target}: ${tests.length} test file(s): ${tests.join(' ')}`);
  const moduleStarted = Date.now();
  let results;
  try {
    results = await new Stryker(optionsFor(target, tests)).runMutationTest();
  } catch (error) {
    // One module that cannot run (its tests fail unmutated) must not hide the others' scores.
    console.error(`mutation: ${target} did not run: ${error instanceof Error ? error.message : error}`);
    rows.push({ module: target, mutants: 0, killed: 0, survived: 0, score: 'error', seconds: Math.round((Date.now() - moduleStarted) / 1000), measured, survivors: [], timedOut: [] });
    continue;
  }
  const counted = results.filter((result) => result.status !== 'CompileError' && result.status !== 'RuntimeError' && result.status !== 'Ignored');
  const killed = counted.filter((result) => detected.has(result.status)).length;
  const left = counted.filter((result) => !detected.has(result.status));
  const lines = readFileSync(module, 'utf8').split('\n');
  rows.push({
    module: target,
    mutants: counted.length,
    killed,
    survived: left.length,
    score: counted.length === 0 ? 'n/a' : `${((100 * killed) / counted.length).toFixed(1)}%`,
    seconds: Math.round((Date.now() - moduleStarted) / 1000),
    measured,
    survivors: left.map((result) => describe(module, lines, result)),
    timedOut: counted.filter((result) => result.status === 'Timeout').map((result) => describe(module, lines, result)),
  });
}

/** Under the minimum, or no score at all ('no tests', 'error'); 'n/a' (no mutants) passes. */
function failing(row) {
  if (row.score === 'n/a') return false;
  return !row.score.endsWith('%') || Number.parseFloat(row.score) < MINIMUM_SCORE;
}

function totalOf(rows, seconds) {
  const sum = rows.reduce((acc, row) => ({ mutants: acc.mutants + row.mutants, killed: acc.killed + row.killed, survived: acc.survived + row.survived }), { mutants: 0, killed: 0, survived: 0 });
  return { module: 'total', ...sum, score: sum.mutants === 0 ? 'n/a' : `${((100 * sum.killed) / sum.mutants).toFixed(1)}%`, seconds, measured: '' };
}

/** The table, the survivors and the verdict, as printed and as kept in reports/mutation/scores.txt. */
function render(rows, columns) {
  const all = [...rows, totalOf(rows, rows.reduce((sum, row) => sum + row.seconds, 0))];
  const widths = columns.map((column) => Math.max(column.length, ...all.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, index) => (index === 0 ? String(cell).padEnd(widths[index]) : String(cell).padStart(widths[index]))).join('  ');
  const table = [line(columns), line(widths.map((width) => '-'.repeat(width))), ...all.map((row) => line(columns.map((column) => row[column])))];
  const survivors = rows.flatMap((row) => row.survivors);
  const timedOut = rows.flatMap((row) => row.timedOut);
  const low = rows.filter(failing).map((row) => `${row.module} (${row.score})`);
  return [
    table.join('\n'),
    survivors.length > 0 ? `\nSurvived or not covered (${survivors.length}):\n${survivors.join('\n')}` : '',
    timedOut.length > 0 ? `\nTimed out, counted as killed (${timedOut.length}):\n${timedOut.join('\n')}` : '',
    low.length > 0 ? `\nmutation: FAILED, under ${MINIMUM_SCORE}% or not run: ${low.join(', ')}` : `\nmutation: every module at ${MINIMUM_SCORE}% or more`,
  ].filter(Boolean).join('\n');
}

console.log(`\n${render(rows, ['module', 'mutants', 'killed', 'survived', 'score', 'seconds'])}`);
if (rows.some(failing)) process.exitCode = 1;

// The latest row of every module, this run's replacing older ones, so that a run of one module
// leaves the others' last scores in place. A module no longer listed is dropped.
const scoresFile = 'reports/mutation/scores.json';
let kept = {};
try {
  kept = JSON.parse(readFileSync(scoresFile, 'utf8'));
} catch {
  // None yet, or unreadable: start from this run.
}
for (const row of rows) kept[row.module] = row;
// A range's row is kept beside its module's, under its own name.
const named = Object.keys(loadedThrough);
const listed = (name) => [...mutationModules, ...rangedModules, ...named].includes(targetOf(name).module);
const latest = [
  ...mutationModules.filter((module) => kept[module]),
  ...named.filter((module) => kept[module]),
  ...Object.keys(kept).filter((name) => name !== targetOf(name).module && listed(name)).sort(),
].map((name) => kept[name]);
mkdirSync('reports/mutation', { recursive: true });
writeFileSync(scoresFile, `${JSON.stringify(Object.fromEntries(latest.map((row) => [row.module, row])), null, 2)}\n`);
writeFileSync('reports/mutation/scores.txt', `Latest score of each module (npm run mutation), ${latest.length} of ${mutationModules.length} measured\n\n${render(latest, ['module', 'mutants', 'killed', 'survived', 'score', 'seconds', 'measured'])}\n`);
console.log(`Latest score of every module: reports/mutation/scores.txt; Stryker's report of each module: reports/mutation/<path without src/>.json`);
