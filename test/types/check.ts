// Runs one framework's type checker over its fixtures in test/types/.fixtures/<framework>/ (tsc for
// React's, Preact's and Solid's TSX, vue-tsc for Vue's single-file components, svelte-check for Svelte 5's) and sorts what it
// reports by file. Fixtures outside fails/ must check clean; each file in fails/ starts with the
// error it must cause (`expect: <part of the message>`), so a checker that stops seeing the mistake
// fails the test. The fixtures import 'paid-checkout/…' by the package's own name, so they check
// the built dist/types through package.json `exports`, as an app's would.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const typesDirectory = fileURLToPath(new URL('.', import.meta.url));
/** In a dot-directory, so that the root tsconfig (which runs before any build) skips them. */
const fixturesDirectory = join(typesDirectory, '.fixtures');
const repoRoot = join(typesDirectory, '../..');
/** vue-tsc and svelte-check need TypeScript's JavaScript API: TypeScript 6, in their own workspace. */
const checkers = join(typesDirectory, 'checkers/node_modules');

export type Framework = 'react' | 'preact' | 'solid' | 'vue' | 'svelte';

export interface FixtureReport {
  /** Relative to test/types/.fixtures/<framework>/. */
  file: string;
  /** For a file in fails/: the part of the message it must cause. */
  expected: string | null;
  errors: string[];
}

export interface CheckReport {
  command: string;
  /** The checker's exit status: non-zero whenever fails/ holds a file. */
  status: number | null;
  fixtures: FixtureReport[];
  /** Errors in no fixture (the package's own .d.ts files, say). */
  elsewhere: string[];
  output: string;
}

const extensions: Record<Framework, string> = { react: '.tsx', preact: '.tsx', solid: '.tsx', vue: '.vue', svelte: '.svelte' };

function fixturesOf(framework: Framework): string[] {
  const directory = join(fixturesDirectory, framework);
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extensions[framework]))
    .sort();
}

function expectedError(path: string): string | null {
  const first = readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
  return /expect: (.+?)\s*(?:-->)?$/.exec(first)?.[1] ?? null;
}

function runChecker(framework: Framework): { command: string; status: number | null; output: string; errors: Array<{ file: string; message: string }> } {
  const directory = join(fixturesDirectory, framework);
  const [command, args] =
    framework === 'react' || framework === 'preact' || framework === 'solid'
      ? [process.execPath, [join(repoRoot, 'node_modules/typescript/lib/tsc.js'), '-p', join(directory, 'tsconfig.json'), '--pretty', 'false']]
      : framework === 'vue'
        ? [process.execPath, [join(checkers, 'vue-tsc/bin/vue-tsc.js'), '-p', join(directory, 'tsconfig.json'), '--pretty', 'false']]
        : [process.execPath, [join(checkers, 'svelte-check/bin/svelte-check'), '--workspace', directory, '--tsconfig', './tsconfig.json', '--output', 'machine', '--fail-on-warnings']];
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  const errors: Array<{ file: string; message: string }> = [];
  if (framework === 'svelte') {
    // 1796079427398 ERROR "fails/WrongTheme.svelte" 5:51 "Type '\"purple\"' is not assignable…"
    for (const [, file, message] of output.matchAll(/^\d+ (?:ERROR|WARNING) "([^"]+)" \d+:\d+ (".*")$/gm)) {
      errors.push({ file: join(directory, file!), message: JSON.parse(message!) as string });
    }
  } else {
    // test/types/vue/fails/WrongTheme.vue(4,53): error TS2322: Type '"purple"' is not assignable…, and its indented lines
    for (const [, file, message] of output.matchAll(/^(\S[^(\n]*)\(\d+,\d+\): error (TS\d+: .*(?:\n {2,}.*)*)/gm)) {
      errors.push({ file: join(repoRoot, file!), message: message! });
    }
  }
  return { command: `${relative(repoRoot, args[0]!)} ${args.slice(1).map((arg) => relative(repoRoot, arg) || arg).join(' ')}`, status: result.status, output, errors };
}

/** Runs the framework's checker once over all its fixtures. */
export function checkFixtures(framework: Framework): CheckReport {
  const directory = join(fixturesDirectory, framework);
  const run = runChecker(framework);
  const fixtures = fixturesOf(framework).map((file) => ({
    file,
    expected: file.startsWith('fails/') ? expectedError(join(directory, file)) : null,
    errors: run.errors.filter((error) => error.file === join(directory, file)).map((error) => error.message),
  }));
  const known = new Set(fixtures.map((fixture) => join(directory, fixture.file)));
  return {
    command: run.command,
    status: run.status,
    fixtures,
    elsewhere: run.errors.filter((error) => !known.has(error.file)).map((error) => `${relative(repoRoot, error.file)}: ${error.message}`),
    output: run.output,
  };
}
