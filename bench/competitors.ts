// Row 7: the embeds a user would otherwise pick, by the same size rule (the one file a page
// loads from the package, minified, gzip and brotli). Fetched with `npm pack` into bench/.cache
// (ignored by git); never part of the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'vite';
import { brotliSize, gzipSize } from './size.ts';
import { repoRoot } from './lib/server.ts';
import { kb } from './lib/stats.ts';
import type { Row } from './lib/table.ts';

const cacheDirectory = join(repoRoot, 'bench/.cache');

interface Competitor {
  spec: string;
  /** The file inside the package that a page loads. */
  file: string;
  /** Whether the published file is already minified. */
  minifiedAsPublished: boolean;
  /** What the number does not include. */
  excludes: string;
}

const competitors: Competitor[] = [
  {
    spec: '@polar-sh/checkout@0.4.1',
    file: 'dist/embed.global.js',
    minifiedAsPublished: true,
    excludes: "the checkout itself, an iframe of polar.sh's hosted page (not on npm)",
  },
  {
    spec: '@paddle/paddle-js@1.6.5',
    file: 'dist/index.esm.js',
    minifiedAsPublished: false,
    excludes: 'paddle.js from cdn.paddle.com that this loader injects, and its checkout iframe (not on npm)',
  },
];

/** The unpacked package directory, packing it on first use. */
function unpacked(spec: string): string {
  const directory = join(cacheDirectory, spec.replace(/[@/]/g, '_'));
  if (existsSync(join(directory, 'package/package.json'))) return join(directory, 'package');
  mkdirSync(directory, { recursive: true });
  const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', directory], { encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('tar', ['xzf', join(directory, tarball), '-C', directory]);
  return join(directory, 'package');
}

export async function competitorRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const competitor of competitors) {
    let measured: string;
    try {
      const path = join(unpacked(competitor.spec), competitor.file);
      const source = readFileSync(path, 'utf8');
      const code = competitor.minifiedAsPublished
        ? source
        : (await minify(path, source, { module: true, compress: true, mangle: true })).code;
      const how = competitor.minifiedAsPublished ? 'minified as published' : 'published unminified, minified by the bench (oxc)';
      measured = `${kb(gzipSize(code))} gzip, ${kb(brotliSize(code))} brotli: ${competitor.file}, ${how}. Excludes ${competitor.excludes}`;
    } catch (error) {
      measured = `not measured: npm pack ${competitor.spec} failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
    rows.push({ what: `7. competitor ${competitor.spec}`, measured, goal: 'same size rule as row 1', verdict: 'info' });
  }
  return rows;
}
