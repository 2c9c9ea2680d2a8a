// `npm run bench`: builds dist/ when it is missing, runs every measurement, prints one table.
// Rows: 1 size, 2 waterfall, 3–4 render, 3e render and a change per engine, 5 mount cycles,
// 6 sandbox load, 7 competitors; and,
// only when asked for (`npm run bench -- causes`), where the missed goals' time and bytes go.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { causeRows } from './causes.ts';
import { competitorRows } from './competitors.ts';
import { engineRows } from './engines.ts';
import { launchBrowser } from './lib/browser.ts';
import { repoRoot, startBenchServer } from './lib/server.ts';
import { renderTable, type Row } from './lib/table.ts';
import { mountCycleRows } from './mount-cycles.ts';
import { renderRows } from './render.ts';
import { sandboxLoadRows } from './sandbox-load.ts';
import { sizeRows } from './size.ts';
import { waterfallRows } from './waterfall.ts';

const needed = ['dist/paid-checkout.js', 'dist/paid-checkout.js.map', 'dist/esm/index.js'];
if (needed.some((file) => !existsSync(`${repoRoot}${file}`))) {
  console.error('bench: dist/ is missing, running `npm run build` first');
  const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Timings depend on what else the machine is doing: say so under the table.
const load = () => loadavg()[0]!.toFixed(1);
const loadAtStart = load();
const only = process.argv.slice(2);
const optional = new Set(['causes']);
const wanted = (name: string) => (only.length === 0 && !optional.has(name)) || only.includes(name);
const rows: Row[] = [];
const step = async (name: string, run: () => Promise<Row[]>) => {
  if (!wanted(name)) return;
  const started = Date.now();
  try {
    rows.push(...(await run()));
  } catch (error) {
    rows.push({ what: name, measured: `could not measure: ${error instanceof Error ? error.message : String(error)}`, goal: '', verdict: 'FAIL' });
  }
  console.error(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

await step('size', sizeRows);
const browser = await launchBrowser();
const server = await startBenchServer();
try {
  await step('waterfall', () => waterfallRows(browser, server));
  await step('render', () => renderRows(browser, server));
  await step('engines', () => engineRows(server));
  await step('mount', () => mountCycleRows(browser, server));
  await step('causes', () => causeRows(browser, server));
} finally {
  await browser.close();
  await server.close();
}
await step('sandbox', sandboxLoadRows);
await step('competitors', competitorRows);

console.log(renderTable(rows));
const failed = rows.filter((row) => row.verdict === 'FAIL').length;
console.log(`machine: ${cpus().length} cores, load average ${loadAtStart} at the start and ${load()} at the end`);
console.log(`${rows.filter((row) => row.verdict === 'pass').length} passed, ${failed} failed, ${rows.filter((row) => row.verdict === 'info').length} reported`);
