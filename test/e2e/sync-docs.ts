// `npx tsx test/e2e/sync-docs.ts`: rewrites docs/EMBEDDING.md's snippet blocks from
// test/e2e/snippets/ and its reference tables from custom-elements.json (run `npm run build` first).
import { readFileSync, writeFileSync } from 'node:fs';
import { embeddingDocPath, renderEmbeddingDoc } from './support/docs.ts';

const current = readFileSync(embeddingDocPath, 'utf8');
const rendered = renderEmbeddingDoc(current);
if (rendered === current) {
  console.log('docs/EMBEDDING.md is up to date');
} else {
  writeFileSync(embeddingDocPath, rendered);
  console.log('docs/EMBEDDING.md rewritten');
}
