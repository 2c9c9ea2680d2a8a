// The browser tests wait through test/browser/support/wait.ts, never through @open-wc/testing's
// waitUntil directly: its 1 s default is a fixed pause in effect on a loaded CI machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const browserTests = new URL('../browser/', import.meta.url);

function sources(directory: URL, prefix = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(new URL(`${entry.name}/`, directory), join(prefix, entry.name)) : entry.name.endsWith('.ts') ? [join(prefix, entry.name)] : [],
  );
}

test("no browser test imports @open-wc/testing's waitUntil (support/wait.ts is the one, with a bound a loaded machine keeps)", () => {
  const direct = sources(browserTests).filter(
    (file) => file !== join('support', 'wait.ts') && /import\s*\{[^}]*\bwaitUntil\b[^}]*\}\s*from\s*'@open-wc\/testing'/.test(readFileSync(new URL(file, browserTests), 'utf8')),
  );
  assert.deepEqual(direct, []);
});
