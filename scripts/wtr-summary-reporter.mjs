// A web-test-runner reporter that counts passed/failed/skipped tests per engine, writes them to a
// JSON file for scripts/test.mjs and prints them, with every test an engine skipped and why. A
// skipped test with no recorded reason (skipIn() in test/browser/support/engine.ts) counts as failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

function emptyCounts() {
  return { passed: 0, failed: 0, skipped: 0, erroredFiles: 0 };
}

/** Visits every test of a suite tree with its full title (suite names and its own, as Mocha joins them). */
function eachTest(suite, visit, prefix = '') {
  const path = [prefix, suite.name].filter(Boolean).join(' ');
  for (const test of suite.tests ?? []) visit(test, [path, test.name].filter(Boolean).join(' '));
  for (const child of suite.suites ?? []) eachTest(child, visit, path);
}

/** "chromium 420/0, firefox 418/0" (passed/failed; skipped and files that failed to load noted). */
export function formatEngineCounts(engines) {
  return Object.entries(engines)
    .map(([engine, counts]) => {
      const notes = [];
      if (counts.skipped > 0) notes.push(`${counts.skipped} skipped`);
      if (counts.erroredFiles > 0) notes.push(`${counts.erroredFiles} files errored`);
      return `${engine} ${counts.passed}/${counts.failed}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    })
    .join(', ');
}

/**
 * @param {string} outputPath where the JSON goes
 * @param {{ skips?: () => Array<{ engine: string, file: string, title: string, reason: string }> }} [options]
 *   the tests skipped with a reason (engineCommandsPlugin().skips)
 */
export function summaryReporter(outputPath, { skips = () => [] } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = emptyCounts();
      const engines = {};
      const explained = skips();
      const unexplained = [];
      for (const session of sessions) {
        const engine = session.browser.name;
        const counts = (engines[engine] ??= emptyCounts());
        const file = relative(process.cwd(), session.testFile);
        if (session.testResults) {
          eachTest(session.testResults, (test, title) => {
            let outcome = test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed';
            const hasReason = explained.some((skip) => skip.engine === engine && skip.title === title && relative(process.cwd(), skip.file) === file);
            if (outcome === 'skipped' && !hasReason) {
              unexplained.push({ engine, file, title });
              outcome = 'failed';
            }
            counts[outcome] += 1;
            totals[outcome] += 1;
          });
        }
        if (!session.passed && (session.errors?.length ?? 0) > 0) {
          counts.erroredFiles += 1;
          totals.erroredFiles += 1;
        }
      }
      const reasoned = explained.map((skip) => ({ ...skip, file: relative(process.cwd(), skip.file) }));
      mkdirSync(dirname(outputPath), { recursive: true });
      writeFileSync(outputPath, JSON.stringify({ ...totals, engines, skips: reasoned, unexplained }, null, 2));

      console.log(`\nbrowser tests: ${formatEngineCounts(engines)}`);
      for (const skip of reasoned) console.log(`skipped in ${skip.engine}: ${skip.file} › ${skip.title} (${skip.reason})`);
      for (const skip of unexplained) console.log(`skipped without a reason (counted as failed) in ${skip.engine}: ${skip.file} › ${skip.title}`);
    },
  };
}
