// The docs a package user reads (the README up to "Working on this repository", and ELEMENT,
// EMBEDDING, TESTING, SANDBOX up to its own such section, STRIPE-STANDIN) point at nothing the
// package does not ship: no repository paths to sources, tests or scripts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const packageDocs = ['README.md', 'docs/ELEMENT.md', 'docs/EMBEDDING.md', 'docs/TESTING.md', 'docs/SANDBOX.md', 'docs/STRIPE-STANDIN.md'];

/** The part of a doc written for package users: all of it, or what comes before its section for this repository's contributors. */
function forPackageUsers(path: string): string {
  const text = readFileSync(path, 'utf8');
  const contributors = text.search(/^##+ Working on this repository/m);
  // A `<!-- snippet: … -->` marker names the file a block is synced from; readers never see it.
  return (contributors === -1 ? text : text.slice(0, contributors)).replace(/<!-- snippet: [^>]*-->/g, '');
}

// A repository path: one of the source or test folders followed by a file, not preceded by a
// URL's slash (`http://…/sandbox/stripe-standin.js` is a route) or a package name.
const repositoryPath = /(?<![\w/.-])(?:\.\.\/)*(?:src|test|sandbox|scripts|demo|bench)\/[\w./-]*\.(?:ts|tsx|mjs|js)\b/g;

test('the package docs name no file of the repository', () => {
  const found = packageDocs.flatMap((path) => [...forPackageUsers(path).matchAll(repositoryPath)].map(([match]) => `${path}: ${match}`));
  assert.deepEqual(found, []);
});

test('the check finds a repository path where there is one', () => {
  assert.deepEqual('see `src/paid-checkout.ts` and [x](../test/e2e/a.test.ts), not http://h/sandbox/stripe-standin.js'.match(repositoryPath), [
    'src/paid-checkout.ts',
    '../test/e2e/a.test.ts',
  ]);
});

test('every package doc has a part for package users, and the README and SANDBOX.md keep their contributors’ sections last', () => {
  for (const path of packageDocs) assert.ok(forPackageUsers(path).length > 500, path);
  for (const path of ['README.md', 'docs/SANDBOX.md']) assert.match(readFileSync(path, 'utf8'), /^##+ Working on this repository/m, path);
});
