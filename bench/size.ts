// Row 1: the script-tag file (gzip, brotli), the ES build's own share, and where the bytes go.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify } from 'vite';
import { repoRoot } from './lib/server.ts';
import { bytesBySource, type SourceMapV3 } from './lib/sourcemap.ts';
import { kb, ratio } from './lib/stats.ts';
import type { Row } from './lib/table.ts';

export const SCRIPT_TAG_GOAL_GZIP = 20_000;

export const gzipSize = (data: string | Buffer): number => gzipSync(data, { level: 9 }).length;
export const brotliSize = (data: string | Buffer): number =>
  brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const groups: Array<{ name: string; matches: (source: string) => boolean }> = [
  { name: 'lit', matches: (source) => /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(source) },
  { name: 'zod/mini', matches: (source) => source.includes('node_modules/zod/') },
  { name: 'Stripe loader', matches: (source) => source.includes('node_modules/@stripe/') || source.endsWith('src/payment/stripe-loader.ts') },
  { name: 'element CSS', matches: (source) => /src\/(paid-checkout|views\/[\w-]+)\.styles\.ts$/.test(source) },
  { name: 'i18n', matches: (source) => source.includes('src/i18n/') },
];

export interface Breakdown {
  name: string;
  /** Minified bytes in the shipped file. */
  raw: number;
  /** Its share of the file's gzip size: the group's bytes gzipped alone, scaled so the shares add up. */
  gzipShare: number;
}

/** Splits a built file by source through its source map, into the groups above and "rest". */
export function breakdown(file: string): Breakdown[] {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapV3;
  const texts = new Map<string, string>();
  for (const [source, text] of bytesBySource(code, map)) {
    const name = groups.find((group) => group.matches(source))?.name ?? 'rest';
    texts.set(name, (texts.get(name) ?? '') + text);
  }
  const alone = [...groups.map((group) => group.name), 'rest'].map((name) => {
    const text = texts.get(name) ?? '';
    return { name, raw: Buffer.byteLength(text), gzipAlone: text ? gzipSize(text) : 0 };
  });
  const total = gzipSize(code);
  const sumAlone = alone.reduce((sum, group) => sum + group.gzipAlone, 0);
  return alone.map(({ name, raw, gzipAlone }) => ({ name, raw, gzipShare: Math.round((gzipAlone / sumAlone) * total) }));
}

/** dist/esm/index.js and the local modules it imports statically (lit, zod, react stay external). */
function esmFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      visit(join(dirname(file), (match[1] ?? match[2])!));
    }
  };
  visit(entry);
  return [...seen];
}

export async function sizeRows(): Promise<Row[]> {
  const scriptTag = join(repoRoot, 'dist/paid-checkout.js');
  const code = readFileSync(scriptTag);
  const gzip = gzipSize(code);
  const rows: Row[] = [
    {
      what: '1. script-tag file dist/paid-checkout.js (lit, zod/mini, Stripe loader, element; Stripe.js excluded)',
      measured: `${kb(gzip)} gzip, ${kb(brotliSize(code))} brotli (${kb(code.length)} minified); ratio to goal ${ratio(gzip / SCRIPT_TAG_GOAL_GZIP)}`,
      goal: `≤ ${kb(SCRIPT_TAG_GOAL_GZIP)} gzip`,
      verdict: gzip <= SCRIPT_TAG_GOAL_GZIP ? 'pass' : 'FAIL',
    },
  ];

  const parts = breakdown(scriptTag);
  rows.push({
    what: '1a. breakdown of that file (source-map attribution of the shipped bytes)',
    measured: parts.map((part) => `${part.name} ${kb(part.gzipShare)} gz (${kb(part.raw)} min)`).join('; '),
    goal: 'where the bytes go',
    verdict: 'info',
  });

  const esmEntry = join(repoRoot, 'dist/esm/index.js');
  const files = esmFiles(esmEntry);
  const published = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  const minified = (await Promise.all(files.map(async (file) => (await minify(file, readFileSync(file, 'utf8'), { module: true, compress: true, mangle: true })).code))).join('\n');
  rows.push({
    what: "1b. ES build's own share: dist/esm/index.js + its chunks, lit and zod left to the app's bundler",
    measured: `${kb(gzipSize(minified))} gzip, ${kb(brotliSize(minified))} brotli once minified by the bench (oxc, as an app's bundler would); ${kb(gzipSize(published))} gzip as published (unminified)`,
    goal: 'report',
    verdict: 'info',
  });
  return rows;
}
