// docs/TESTING.md's Testing Library recipe (fixtures/testing-library-recipe.js, the guide's code as
// printed) in Chromium against the production build and the sandbox: bundled for the page with
// esbuild, Mocha's `it` stood in for by a collector. The recipe's libraries are dev dependencies:
// one that is missing fails the test, naming it.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchPage } from './support/browser.ts';
import { importMerchantSandbox, type RunningSandbox } from './support/merchant-sandbox.ts';
import { merchantPage } from './support/pages.ts';
import { startStaticServer, type StaticServer } from './support/static-server.ts';

const recipePath = fileURLToPath(new URL('./fixtures/testing-library-recipe.js', import.meta.url));
const recipeLibraries = ['shadow-dom-testing-library', '@testing-library/dom', '@testing-library/user-event'];

function missingLibraries(): string[] {
  const require = createRequire(recipePath);
  return recipeLibraries.filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}

const missing = missingLibraries();
let sandbox: RunningSandbox | undefined;
let shop: StaticServer | undefined;
let browser: Browser | undefined;

before(async () => {
  if (missing.length > 0) return;
  sandbox = await (await importMerchantSandbox()).startSandbox({ port: 0 });
  shop = await startStaticServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await shop?.close();
  await sandbox?.stop();
});

/** The recipe and its libraries as one module; `window.__recipe` resolves with the names of the tests it ran. */
async function bundleRecipe(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `const tests = [];
        globalThis.it = (name, body) => tests.push({ name, body });
        window.__recipe = import(${JSON.stringify(recipePath)}).then(async () => {
          for (const { body } of tests) await body();
          return tests.map(({ name }) => name);
        });`,
      resolveDir: fileURLToPath(new URL('./fixtures/', import.meta.url)),
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"test"' },
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

test(
  "the guide's Testing Library recipe buys a plan through the element's shadow root",
  async () => {
    assert.deepEqual(missing, [], `not installed: ${missing.join(', ')} (npm install -D ${recipeLibraries.join(' ')})`);
    const response = await fetch(`${sandbox!.url}/api/v2/checkouts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox!.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ products: [{ id: 'prod_analytics' }], successUrl: `${shop!.url}/thanks`, collectAddress: false }),
    });
    const { id } = (await response.json()) as { id: string };
    shop!.page('/recipe.js', { body: await bundleRecipe(), contentType: 'text/javascript' });
    shop!.page('/checkout', {
      body: merchantPage({
        title: 'Testing Library recipe',
        sandboxUrl: sandbox!.url,
        head: `<script type="module" src="${sandbox!.url}/paid-checkout.js"></script>`,
        body: `<paid-checkout checkout-id="${id}" api-base="${sandbox!.url}"></paid-checkout>
          <script type="module" src="/recipe.js"></script>`,
      }),
    });

    const page = await browser!.newPage();
    const report = await watchPage(page);
    await page.goto(`${shop!.url}/checkout`);
    await page.waitForFunction(() => (window as unknown as { __recipe?: unknown }).__recipe !== undefined);
    const ran = await page.evaluate(() => (window as unknown as { __recipe: Promise<string[]> }).__recipe);

    assert.deepEqual(ran, ['buys the Scale plan']);
    const read = (await (await fetch(`${sandbox!.url}/api/v2/checkouts/${id}`, { headers: { authorization: `Bearer ${sandbox!.secretKey}` } })).json()) as { status: string };
    assert.equal(read.status, 'completed');
    assert.deepEqual(report.errors, []);
    await page.close();
  },
);
