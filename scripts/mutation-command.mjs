#!/usr/bin/env node
// The command Stryker reruns for each mutant: the given node test files one at a time, in order,
// stopping at the first that fails.
//   node scripts/mutation-command.mjs <test file>...
// A mutant is killed as soon as one file fails, so the files that test the module directly go first
// (scripts/mutation-targets.mjs orders them) and the slow sandbox files run only for the mutants
// those let through. Every file still runs for a mutant that survives.
import { spawnSync } from 'node:child_process';
import { nodeTestArgs } from './node-tests.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('mutation-command: name the test files to run');
  process.exit(2);
}
for (const file of files) {
  const result = spawnSync(process.execPath, [...nodeTestArgs, file], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
