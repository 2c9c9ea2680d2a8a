// Which modules `npm run mutation` mutates, and which node test files each one is tested by.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { findTests } from './node-tests.mjs';

const pricing = readdirSync('src/pricing')
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
  .sort()
  .map((name) => `src/pricing/${name}`);

/** The money-critical pure modules, one Stryker run each. */
export const mutationModules = [
  ...pricing,
  'src/url.ts',
  'src/api/schemas.ts',
  'src/checkout/attempt.ts',
  'src/checkout/stored-attempt.ts',
  'src/checkout/attempt-store.ts',
  'src/checkout/redirect-return.ts',
  'src/checkout/customer-form.ts',
  'src/checkout/customer-rules.ts',
];

/**
 * Modules too slow to mutate whole on a 2-core machine (hours at concurrency 1): mutated by line
 * range only, `npm run mutation -- src/checkout/pay-attempt-controller.ts:218-252`, never by a bare
 * `npm run mutation`. A listed module may be run by range too.
 */
export const rangedModules = ['src/checkout/pay-attempt-controller.ts'];

/** `src/x.ts:120-260` (Stryker's `mutate` range: those lines' mutants only), read as its module and range. */
export function targetOf(argument) {
  const [, module = argument, range = null] = argument.match(/^(.+\.ts):(\d+-\d+)$/) ?? [];
  return { module, range };
}

/**
 * Modules that no test imports: they are in a chunk that another module loads with import() (the
 * resume reader's, which the pay-attempt controller loads), and are tested through that module.
 * So its tests test them, after any test of their own. Mutated only when named, whole or by line
 * range (`npm run mutation -- src/checkout/ask-left.ts`), never by a bare `npm run mutation`:
 * they are not pure, and their tests are the controller's.
 */
export const loadedThrough = {
  'src/checkout/ask-left.ts': 'src/checkout/pay-attempt-controller.ts',
  'src/checkout/resume-attempt.ts': 'src/checkout/pay-attempt-controller.ts',
};

/**
 * Test harnesses that run a module's real code (its tests drive it through them): a test that
 * imports one tests that module, and its loadedThrough modules. The property models under
 * test/node/model/ import them too, and are left out: a thousand runs per mutant is too slow.
 */
const drivenModules = ['src/checkout/pay-attempt-controller.ts', 'src/checkout/attempt-store.ts', 'src/checkout/attempt.ts'];
export const drivenThrough = {
  'test/node/model/element-model.ts': drivenModules,
  'test/node/checkout/coordinator-harness.ts': drivenModules,
};

const staticImport = /^\s*(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s*['"]([^'"]+)['"]/gm;
const bareImport = /^\s*import\s*['"]([^'"]+)['"]/gm;
const dynamicImport = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

// `import { type A, type B } from` loads nothing at run time, like `import type`.
function onlyTypes(clause) {
  const named = clause.match(/^\{([\s\S]*)\}$/);
  if (!named) return false;
  const names = named[1].split(',').map((part) => part.trim()).filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

/** Repository-relative paths of the modules `file` loads at run time (relative imports only). */
export function runtimeImports(file) {
  const source = readFileSync(file, 'utf8');
  const specifiers = [];
  for (const [, typeKeyword, clause, specifier] of source.matchAll(staticImport)) {
    if (!typeKeyword && !onlyTypes(clause.trim())) specifiers.push(specifier);
  }
  for (const [, specifier] of source.matchAll(bareImport)) specifiers.push(specifier);
  for (const [, specifier] of source.matchAll(dynamicImport)) specifiers.push(specifier);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative('.', normalize(join(dirname(file), specifier))).replace(/\.js$/, '.ts'));
}

/**
 * Where `module`'s own tests live, without the `.test.ts`: the test tree mirrors the source tree
 * (test/README.md), so src/api/schemas.ts is tested in test/node/api/schemas[-<aspect>].test.ts and
 * sandbox/webhooks/delivery.ts in test/node/sandbox/webhooks/delivery[-<aspect>].test.ts.
 */
export function mirroredTestStem(module) {
  return join('test/node', module.replace(/^src\//, '').replace(/\.ts$/, ''));
}

/**
 * How directly `test` tests `module`: 0 for the module's own tests (schemas.test.ts,
 * schemas-edges.test.ts in test/node/api/ for src/api/schemas.ts), 1 for another test in its
 * mirrored folder, 2 for the rest (the sandbox and other modules' tests that also parse with it).
 */
function distance(module, test) {
  const stem = mirroredTestStem(module);
  if (test === `${stem}.test.ts` || test.startsWith(`${stem}-`)) return 0;
  return dirname(test) === dirname(stem) ? 1 : 2;
}

/**
 * The node test files that import `module` themselves (not through the sandbox or another
 * source module, except the one that loads its chunk: loadedThrough), or a harness that drives it
 * (drivenThrough): Stryker's command runner
 * reruns them for every mutant, so fewer is faster.
 * The module's own tests come first, since scripts/mutation-command.mjs stops at the first failure.
 */
export function testsImporting(module, testFiles = findTests('test/node')) {
  const loader = loadedThrough[module];
  const tested = [module, ...(loader ? [loader] : [])];
  const harnesses = Object.entries(drivenThrough).flatMap(([harness, modules]) => (modules.some((driven) => tested.includes(driven)) ? [harness] : []));
  const wanted = new Set(tested.flatMap((path) => [path, path.replace(/\.ts$/, '')]));
  const driven = (file) => !file.startsWith('test/node/model/') && runtimeImports(file).some((path) => harnesses.includes(path));
  return testFiles
    .filter((file) => runtimeImports(file).some((path) => wanted.has(path)) || driven(file))
    .map((file) => ({ file, distance: distance(module, file) }))
    .sort((a, b) => a.distance - b.distance || a.file.localeCompare(b.file))
    .map(({ file }) => file);
}
