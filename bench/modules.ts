// `npx tsx bench/modules.ts` (after `node scripts/build.mjs` or `npx vite build`): where the bytes
// of an English purchase go, module by module. Each source's share of the files' gzip size is its
// text gzipped alone, scaled so the shares add up to the files' gzip sizes (bench/size.ts's row 1a,
// per module); "cut" is what the files lose when that module's bytes are taken out of them (the
// gzip size without it, an estimate of what removing or moving it saves).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repoRoot } from './lib/server.ts';
import { bytesBySource, type SourceMapV3 } from './lib/sourcemap.ts';
import { englishPurchaseFiles, gzipSize } from './size.ts';

export interface ModuleBytes {
  file: string;
  source: string;
  raw: number;
  share: number;
  cut: number;
}

/** Every source of the English purchase's files, largest share first. */
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = moduleBreakdown();
  const sum = (key: 'raw' | 'share' | 'cut') => rows.reduce((total, row) => total + row[key], 0);
  console.log('file'.padEnd(20), 'source'.padEnd(58), 'min B'.padStart(7), 'gzip B'.padStart(7), 'cut B'.padStart(7));
  for (const row of rows) {
    console.log(row.file.padEnd(20), row.source.padEnd(58), String(row.raw).padStart(7), String(row.share).padStart(7), String(row.cut).padStart(7));
  }
  console.log('total'.padEnd(79), String(sum('raw')).padStart(7), String(sum('share')).padStart(7));
}
