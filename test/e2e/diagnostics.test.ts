// The development builds tell the developer what to fix; the production builds stay quiet:
// the script-tag files on a page that names a session the API does not have, and which ES build
// the package's `development` export condition resolves to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './support/sandbox.ts';
import { openShop } from './support/shop.ts';

const { sandbox, shop, browser } = await openShop();

/** The console warnings of a page whose element names an unknown session, once it shows that state. */
async function warningsFor(script: string): Promise<string[]> {
  shop.page(`/unknown-${script}`, {
    body: `<!doctype html><title>Unknown session</title>
<script type="module" src="/dist/${script}"></script>
<paid-checkout checkout-id="chk_doesnotexist000000" api-base="${sandbox.url}"></paid-checkout>`,
  });
  const page = await browser.newPage();
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(`${shop.url}/unknown-${script}`);
  // The element has shown the customer its not_found state: any warning it gives came before.
  await page.locator('paid-checkout .state[data-code="not_found"]').waitFor({ timeout: 10_000 });
  await page.close();
  return warnings;
}

test('the development script tells the developer which session the API lacks and where, with the docs section', async () => {
  const warnings = (await warningsFor('paid-checkout.dev.js')).filter((text) => text.startsWith('[paid-checkout]'));
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /^\[paid-checkout\] not_found: http:\/\/127\.0\.0\.1:\d+ has no checkout "chk_doesnotexist000000"/);
  assert.match(warnings[0]!, /paid-checkout\/docs\/EMBEDDING\.md#1-create-a-session-on-your-server/);
});

test('the production script shows the customer the same state and logs nothing for the developer', async () => {
  const warnings = await warningsFor('paid-checkout.js');
  assert.deepEqual(
    warnings.filter((text) => text.startsWith('[paid-checkout]')),
    [],
  );
});

test("the package's development condition resolves to the development ES build, and the default to the production one", () => {
  const resolve = (conditions: string[]) => {
    const result = spawnSync(
      process.execPath,
      [...conditions, '--input-type=module', '-e', "for (const s of ['paid-checkout', 'paid-checkout/element', 'paid-checkout/react']) console.log(import.meta.resolve(s))"],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr);
    return result.stdout.trim().split('\n').map((url) => url.slice(url.indexOf('/dist/')));
  };
  assert.deepEqual(resolve(['--conditions=development']), ['/dist/esm-dev/index.js', '/dist/esm-dev/element.js', '/dist/esm-dev/react.js']);
  assert.deepEqual(resolve([]), ['/dist/esm/index.js', '/dist/esm/element.js', '/dist/esm/react.js']);
});
