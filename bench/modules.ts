// `npx tsx bench/modules.ts` (after `node scripts/build.mjs` or `npx vite build`): every source
// module of an English purchase, largest gzip share first (bench/size.ts's moduleBreakdown; row
// 1f of `npm run bench` shows the largest). "cut" is what its file's gzip size loses without it.
import { moduleBreakdown } from './size.ts';

const rows = moduleBreakdown();
const sum = (key: 'raw' | 'share') => rows.reduce((total, row) => total + row[key], 0);
console.log('file'.padEnd(20), 'source'.padEnd(58), 'min B'.padStart(7), 'gzip B'.padStart(7), 'cut B'.padStart(7));
for (const row of rows) {
  console.log(row.file.padEnd(20), row.source.padEnd(58), String(row.raw).padStart(7), String(row.share).padStart(7), String(row.cut).padStart(7));
}
console.log('total'.padEnd(79), String(sum('raw')).padStart(7), String(sum('share')).padStart(7));
