// Component tests in Chromium (Debian's, or CHROME_PATH) against an in-process sandbox and its
// Stripe stand-in. Run through tsx so that this file can start the TypeScript sandbox.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { sandboxCommandsPlugin, startTestSandbox } from './test/browser/support/sandbox-plugin.ts';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { chromiumOfflineArgs, chromiumPath } from './scripts/chromium.ts';
import { defaultReporter } from '@web/test-runner';

const sandbox = await startTestSandbox();


export default {
  rootDir: '.',
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  concurrentBrowsers: 1,
  testsFinishTimeout: 420_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        args: [...chromiumOfflineArgs],
      },
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }), sandboxCommandsPlugin(sandbox)],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
  <body>
    <script>window.__PAID_SANDBOX_URL__ = ${JSON.stringify(sandbox.url)};</script>
    <script src="${sandbox.url}/sandbox/stripe-standin.js"></script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  reporters: [defaultReporter(), summaryReporter('.test-results/browser.json')],
};
