// The docs' snippets (test/e2e/snippets/), read as files and made runnable by swapping their
// production placeholders for the test's servers. Every placeholder must be present: a snippet
// that loses one no longer says what the docs say.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './sandbox.ts';

export const snippetsDirectory = join(repoRoot, 'test/e2e/snippets');

export const placeholders = {
  /** Where the docs load the script-tag files from. */
  cdn: 'https://cdn.jsdelivr.net/npm/paid-checkout@0.1.0/dist/',
  /** The session id in the docs. */
  checkoutId: 'chk_0123456789abcdef',
  /** The production API origin (the element's default `api-base`). */
  apiBase: 'https://api.agentpaid.io',
  /** The sandbox's origin as `npx paid-checkout-sandbox` prints it by default. */
  sandboxOrigin: 'http://127.0.0.1:4040',
} as const;

export function readSnippet(name: string): string {
  return readFileSync(join(snippetsDirectory, name), 'utf8');
}

export function fillPlaceholders(text: string, values: Partial<Record<keyof typeof placeholders, string>>): string {
  let filled = text;
  for (const [key, value] of Object.entries(values)) {
    const placeholder = placeholders[key as keyof typeof placeholders];
    if (!filled.includes(placeholder)) throw new Error(`the snippet lost its placeholder ${placeholder}`);
    filled = filled.replaceAll(placeholder, value);
  }
  return filled;
}

/** The documented header as one line: `[name, value]`; the production one, or the one for developing against the sandbox. */
export function documentedCsp(snippet = 'content-security-policy.txt'): [string, string] {
  const [name, ...directives] = readSnippet(snippet).trim().split('\n');
  return [name!.replace(/:$/, ''), directives.map((line) => line.trim()).join(' ')];
}
