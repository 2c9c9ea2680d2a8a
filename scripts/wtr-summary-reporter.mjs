// A web-test-runner reporter that writes the pass/fail counts to a JSON file for scripts/test.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function countTests(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites ?? []) countTests(child, counts);
}

export function summaryReporter(outputPath) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, erroredFiles: 0 };
      for (const session of sessions) {
        if (session.testResults) countTests(session.testResults, counts);
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.erroredFiles += 1;
      }
      mkdirSync(dirname(outputPath), { recursive: true });
      writeFileSync(outputPath, JSON.stringify(counts));
    },
  };
}
