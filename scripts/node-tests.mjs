#!/usr/bin/env node
// Runs Node's test runner over the test files under some folders (or the files named), found here
// rather than by a glob.
//   node scripts/node-tests.mjs [--serial] <folder or file>...
// Why not `node --test "test/**/*.test.ts"`: Node 20 does not expand a quoted glob (21 does), and
// before 20.10 it has no --test-concurrency, so `--serial` is then one process a file.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Every file under `directory` whose name ends with `suffix`, sorted (or `directory` itself, a file so named); none when there is no such folder. */
export function findTests(directory, suffix = '.test.ts') {
  if (!existsSync(directory)) return [];
  if (!statSync(directory).isDirectory()) return directory.endsWith(suffix) ? [directory] : [];
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return findTests(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  }).sort();
}

// Not in allowedNodeEnvironmentFlags (it is no NODE_OPTIONS flag), so read from the version.
const [major, minor] = process.versions.node.split('.').map(Number);
const hasConcurrencyFlag = major > 20 || (major === 20 && minor >= 10);

function countIn(tap, name) {
  return Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
}

/** The tests a TAP report says were skipped, each with its title and the reason given ('' when none), in order. */
export function skipsIn(tap) {
  return [...tap.matchAll(/^\s*ok \d+ - (.*?) # SKIP ?(.*)$/gm)].map(([, title, reason]) => ({ title: title.replace(/\\#/g, '#'), reason }));
}

/**
 * Node's arguments for a test run: TypeScript through tsx, and a failing assert.ok without a message
 * given one (assert-ok-message.mjs: Node 20's own can loop for ever under tsx).
 */
export const nodeTestArgs = ['--import', 'tsx', '--import', new URL('./assert-ok-message.mjs', import.meta.url).href, '--test'];

function runOnce(files, { serial, tapFile }) {
  const args = [...nodeTestArgs];
  if (serial && hasConcurrencyFlag) args.push('--test-concurrency=1');
  if (tapFile) {
    args.push('--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`);
  }
  const result = spawnSync(process.execPath, [...args, ...files], { stdio: 'inherit', env: process.env });
  const tap = tapFile && existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  return {
    ok: result.status === 0,
    passed: countIn(tap, 'pass'),
    failed: countIn(tap, 'fail') + countIn(tap, 'cancelled'),
    skipped: skipsIn(tap),
    wroteResults: tap !== '',
  };
}

/**
 * Runs `files` under `node --import tsx --test`, one file at a time when `serial`. With a `tapFile`
 * the spec goes to stdout and the TAP to that file, and the counts (and the tests skipped, with
 * their reasons) are read back from it.
 */
export function runNodeTests(files, { serial = false, tapFile = null } = {}) {
  if (!serial || hasConcurrencyFlag || files.length <= 1) return runOnce(files, { serial, tapFile });
  const total = { ok: true, passed: 0, failed: 0, skipped: [], wroteResults: true };
  files.forEach((file, index) => {
    const partFile = tapFile ? `${tapFile}.${index}` : null;
    const part = runOnce([file], { serial, tapFile: partFile });
    total.ok &&= part.ok;
    total.passed += part.passed;
    total.failed += part.failed;
    total.skipped.push(...part.skipped);
    total.wroteResults &&= part.wroteResults;
    if (partFile) rmSync(partFile, { force: true });
  });
  return total;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const serial = args.includes('--serial');
  const folders = args.filter((arg) => arg !== '--serial');
  const files = folders.flatMap((folder) => findTests(folder));
  if (files.length === 0) {
    console.error(`node-tests: no *.test.ts under ${folders.join(', ') || '(no folder given)'}`);
    process.exit(1);
  }
  process.exit(runNodeTests(files, { serial }).ok ? 0 : 1);
}
