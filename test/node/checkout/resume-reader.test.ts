// The resume reader's chunk (src/checkout/resume-reader.ts) imports nothing at run time from the
// checkout chunk: what they share comes in through resume-attempt.ts' ResumingPayer. Were it to
// import from there, that chunk would export more than its own names and every purchase would load
// it through a namespace object made for it (test/node/size-budget.test.ts weighs the bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const readerModules = ['resume-reader.ts', 'resume-attempt.ts', 'stored-attempt.ts', 'redirect-return.ts', 'ask-left.ts'];

test('the resume reader’s modules import only one another at run time; anything else, as types', async () => {
  for (const module of readerModules) {
    const code = await readFile(new URL(`../../../src/checkout/${module}`, import.meta.url), 'utf8');
    const specifiers = [...code.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+'([^']+)'/gms)].map((match) => match[1]!);
    for (const specifier of specifiers) {
      assert.ok(readerModules.some((own) => specifier === `./${own}`), `${module} imports ${specifier} at run time`);
    }
  }
});
