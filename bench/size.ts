// Row 1: the script-tag ES module: its first download, what an English purchase loads, each
// language's chunk (gzip, brotli), the ES build's own share, and where the bytes go (by library
// and by module).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify } from 'vite';
import { repoRoot } from './lib/server.ts';
import { bytesBySource, type SourceMapV3 } from './lib/sourcemap.ts';
import { kb, ratio } from './lib/stats.ts';
import type { Row } from './lib/table.ts';

/** Issue 16's goals: the first download, everything an English purchase loads, each other language. */
export const FIRST_DOWNLOAD_GOAL_GZIP = 25_000;
export const ENGLISH_PURCHASE_GOAL_GZIP = 36_000;
export const LOCALE_GOAL_GZIP = 2_500;

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

/**
 * Splits built files by source through their source maps, into the groups above and "rest"; the
 * shares add up to the files' gzip sizes, each gzipped on its own.
 */
export function breakdown(files: readonly string[]): Breakdown[] {
  const texts = new Map<string, string>();
  let total = 0;
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapV3;
    for (const [source, text] of bytesBySource(code, map)) {
      const name = groups.find((group) => group.matches(source))?.name ?? 'rest';
      texts.set(name, (texts.get(name) ?? '') + text);
    }
    total += gzipSize(code);
  }
  const alone = [...groups.map((group) => group.name), 'rest'].map((name) => {
    const text = texts.get(name) ?? '';
    return { name, raw: Buffer.byteLength(text), gzipAlone: text ? gzipSize(text) : 0 };
  });
  const sumAlone = alone.reduce((sum, group) => sum + group.gzipAlone, 0);
  return alone.map(({ name, raw, gzipAlone }) => ({ name, raw, gzipShare: Math.round((gzipAlone / sumAlone) * total) }));
}

/** A built file and the local files it imports statically, transitively (lit, zod, react stay external in dist/esm). */
function staticFiles(entry: string): string[] {
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

const sizes = (files: readonly string[]) => {
  const codes = files.map((file) => readFileSync(file));
  const sum = (size: (code: Buffer) => number) => codes.reduce((total, code) => total + size(code), 0);
  return { gzip: sum(gzipSize), brotli: sum(brotliSize), minified: sum((code) => code.length) };
};

const dist = join(repoRoot, 'dist');

/** The built files of an English purchase: the first download (the entry and what it imports statically, its core) and the checkout chunk. */
export function englishPurchaseFiles(): { first: string[]; checkoutChunk: string[] } {
  return {
    first: staticFiles(join(dist, 'paid-checkout.js')),
    checkoutChunk: readdirSync(dist).filter((file) => /^checkout-chunk-[\w-]+\.js$/.test(file)).map((file) => join(dist, file)),
  };
}

/**
 * An English purchase's bytes by source module (`npx tsx bench/modules.ts` prints them all, row 1f
 * the largest): each source's minified bytes; its share of its file's gzip size (its text gzipped
 * alone, scaled so the shares add up, as `breakdown` does per group); and its cut, what the file's
 * gzip size loses without it (an estimate of what removing it, or moving it to a lazy chunk, saves).
 */
export interface ModuleBytes {
  file: string;
  source: string;
  raw: number;
  share: number;
  cut: number;
}

export function moduleBreakdown(): ModuleBytes[] {
  const { first, checkoutChunk } = englishPurchaseFiles();
  const rows: ModuleBytes[] = [];
  for (const file of [...first, ...checkoutChunk]) {
    const code = readFileSync(file, 'utf8');
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapV3;
    const parts = bytesBySource(code, map);
    const total = gzipSize(code);
    const alone = [...parts].map(([source, text]) => ({ source, text, gzip: gzipSize(text) }));
    const sumAlone = alone.reduce((sum, part) => sum + part.gzip, 0);
    for (const part of alone) {
      const without = [...parts].filter(([source]) => source !== part.source).map(([, text]) => text).join('');
      rows.push({
        file: relative(repoRoot, file).replace(/^dist\//, '').replace(/-[\w-]{8}\.js$/, ''),
        source: part.source.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, '~/'),
        raw: Buffer.byteLength(part.text),
        share: Math.round((part.gzip / sumAlone) * total),
        cut: total - gzipSize(without),
      });
    }
  }
  return rows.sort((a, b) => b.share - a.share);
}

export async function sizeRows(): Promise<Row[]> {
  const { first, checkoutChunk } = englishPurchaseFiles();
  const firstSize = sizes(first);
  const names = (files: readonly string[]) => files.map((file) => file.slice(dist.length + 1)).join(' + ');
  const english = [...first, ...checkoutChunk];
  const englishSize = sizes(english);
  const rows: Row[] = [
    {
      what: `1. first download of the script-tag ES module: ${names(first)} (lit, the element, the skeleton, English, the session's read; Stripe.js excluded)`,
      measured: `${kb(firstSize.gzip)} gzip, ${kb(firstSize.brotli)} brotli (${kb(firstSize.minified)} minified); ratio to goal ${ratio(firstSize.gzip / FIRST_DOWNLOAD_GOAL_GZIP)}`,
      goal: `≤ ${kb(FIRST_DOWNLOAD_GOAL_GZIP)} gzip (issue 16)`,
      verdict: firstSize.gzip <= FIRST_DOWNLOAD_GOAL_GZIP ? 'pass' : 'FAIL',
    },
    {
      what: `1d. everything an English purchase loads: the first download + ${names(checkoutChunk)} (the controllers, zod/mini and the schemas, pricing, Stripe's loader and fields, the form), fetched at connect`,
      measured: `${kb(englishSize.gzip)} gzip, ${kb(englishSize.brotli)} brotli (${kb(englishSize.minified)} minified); ratio to goal ${ratio(englishSize.gzip / ENGLISH_PURCHASE_GOAL_GZIP)}`,
      goal: `≤ ${kb(ENGLISH_PURCHASE_GOAL_GZIP)} gzip (issue 16)`,
      verdict: checkoutChunk.length === 1 && englishSize.gzip <= ENGLISH_PURCHASE_GOAL_GZIP ? 'pass' : 'FAIL',
    },
  ];

  const locales = readdirSync(join(dist, 'locales')).filter((file) => file.endsWith('.js'));
  const localeSizes = locales.map((file) => ({ language: file.replace(/-[\w-]{8}\.js$/, ''), gzip: gzipSize(readFileSync(join(dist, 'locales', file))) }));
  const largest = Math.max(...localeSizes.map((locale) => locale.gzip));
  rows.push({
    what: '1e. each language other than English: dist/locales/<lang>-<hash>.js, fetched beside the session when that language is used',
    measured: localeSizes.map((locale) => `${locale.language} ${kb(locale.gzip)}`).join(', '),
    goal: `each ≤ ${kb(LOCALE_GOAL_GZIP)} gzip (issue 16)`,
    verdict: localeSizes.length > 0 && largest <= LOCALE_GOAL_GZIP ? 'pass' : 'FAIL',
  });

  const parts = breakdown(english);
  rows.push({
    what: '1a. where the bytes of an English purchase go (source-map attribution of the shipped bytes)',
    measured: parts.map((part) => `${part.name} ${kb(part.gzipShare)} gz (${kb(part.raw)} min)`).join('; '),
    goal: 'where the bytes go',
    verdict: 'info',
  });

  const modules = moduleBreakdown().filter((row) => !row.source.startsWith('('));
  rows.push({
    what: '1f. the largest modules of an English purchase (gzip share; all of them: npx tsx bench/modules.ts)',
    measured: modules.slice(0, 12).map((row) => `${row.source.replace(/^src\//, '').replace(/^~\//, '')} ${kb(row.share)}`).join('; '),
    goal: 'where the bytes go',
    verdict: 'info',
  });

  // The entry's static graph and the checkout chunk it fetches at connect (an app's bundler keeps
  // it a lazy chunk); not the catalogs nor the resume reader.
  const esm = join(repoRoot, 'dist/esm');
  const files = [...new Set([...staticFiles(join(esm, 'index.js')), ...readdirSync(esm).filter((file) => /^checkout-chunk-[\w-]+\.js$/.test(file)).flatMap((file) => staticFiles(join(esm, file)))])];
  const published = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  const minified = (await Promise.all(files.map(async (file) => (await minify(file, readFileSync(file, 'utf8'), { module: true, compress: true, mangle: true })).code))).join('\n');
  rows.push({
    what: "1b. ES build's own share: dist/esm/index.js + its chunks and the checkout chunk, lit and zod left to the app's bundler",
    measured: `${kb(gzipSize(minified))} gzip, ${kb(brotliSize(minified))} brotli once minified by the bench (oxc, as an app's bundler would); ${kb(gzipSize(published))} gzip as published (unminified)`,
    goal: 'report',
    verdict: 'info',
  });
  return rows;
}
