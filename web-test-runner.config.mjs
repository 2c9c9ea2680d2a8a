// Component tests in Chromium, Firefox ESR and WebKitGTK (all three, or those BROWSERS names:
// `BROWSERS=firefox,webkit`) against an in-process sandbox and its Stripe stand-in. Run through tsx
// so that this file can start the TypeScript sandbox. Launchers: test/browser/support/engine-launchers.ts.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { sandboxCommandsPlugin, startTestSandbox } from './test/browser/support/sandbox-plugin.ts';
import { engineCommandsPlugin } from './test/browser/support/engine-plugin.ts';
import { engineLaunchers } from './test/browser/support/engine-launchers.ts';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { debianPackages, missingFor, selectedEngines, startWebKitDriver } from './scripts/engines.ts';

const engines = selectedEngines();
// An engine that is asked for and missing fails the run: testing less than asked must show.
for (const engine of engines) {
  const missing = missingFor(engine);
  if (missing.length > 0) {
    throw new Error(
      `${engine} is not installed (missing ${missing.join(', ')}): apt-get install ${debianPackages[engine].join(' ')}, ` +
        `or leave it out with BROWSERS=${engines.filter((other) => other !== engine).join(',')}.`,
    );
  }
}

const sandbox = await startTestSandbox();
// WebKitWebDriver and its Xvfb display: stopped with the WebKit launcher, or killed when this process exits.
const webkitDriver = engines.includes('webkit') ? await startWebKitDriver() : undefined;
const engineCommands = engineCommandsPlugin();

export default {
  rootDir: '.',
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // Two files at a time against the one shared sandbox, whose clock therefore never moves: a test
  // that moves the clock starts a sandbox of its own (test/README.md, "A browser test that moves the clock").
  concurrency: 2,
  concurrentBrowsers: 1,
  testsFinishTimeout: 420_000,
  testFramework: { config: { timeout: 30_000 } },
  // Each engine starts from a freshly seeded sandbox: the files of the one before changed its data.
  browsers: engineLaunchers(engines, { webkitDriver, onEngineStart: () => sandbox.renew() }),
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    sandboxCommandsPlugin(sandbox),
    engineCommands,
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
  <body>
    <script>window.__PAID_SANDBOX_URL__ = ${JSON.stringify(sandbox.url)};</script>
    <script src="${sandbox.url}/sandbox/stripe-standin.js"></script>
    <script type="module" src="/test/browser/support/failure-values.ts"></script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  reporters: [defaultReporter(), summaryReporter('.test-results/browser.json', { skips: () => engineCommands.skips })],
};
