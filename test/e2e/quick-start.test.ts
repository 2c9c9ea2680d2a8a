// README.md's quick start for package users, run as written (issue 14): the packed package
// installed into an empty folder, `npx paid-checkout-sandbox`, the README's shop.mjs saved and
// started, a plan bought in Chromium with the README's test card, and the shop's /thanks page,
// which asked Paid's SDK whether the checkout was paid. The commands and the file come from
// README.md itself, so the test breaks when the README does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchPage } from './support/browser.ts';
import { newBuyer, pay } from './support/purchase.ts';
import {
  assertPortFree,
  exitWithin,
  installWords,
  isDescendantOf,
  isListening,
  launch,
  readQuickStart,
  runToEnd,
  stopTree,
  waitForOutput,
  waitUntilListening,
  wordsOf,
  type Launched,
} from './support/quick-start.ts';
import { assertBuilt, repoRoot } from './support/sandbox.ts';

/** What the README's shop.mjs shows on /thanks once Paid's SDK reads the checkout as completed. */
const paidHeading = 'Thank you, your order is paid.';

interface Receipt {
  to: string;
  lines: Array<{ description: string }>;
}

test("the README's quick start, run as written in an empty folder with the packed package, sells a plan in Chromium that the shop's /thanks confirms is paid", { timeout: 420_000 }, async () => {
  assertBuilt();
  const quickStart = readQuickStart();
  const sandboxAddress = new URL(quickStart.sandboxUrl);
  const shopAddress = new URL(quickStart.shopUrl);
  // The README's ports, as written: taken ones fail here, before anything starts.
  await assertPortFree(Number(sandboxAddress.port), sandboxAddress.hostname, 'the sandbox');
  await assertPortFree(Number(shopAddress.port), undefined, quickStart.file.name);

  const packFolder = mkdtempSync(join(tmpdir(), 'paid-checkout-pack-'));
  const appFolder = mkdtempSync(join(tmpdir(), 'paid-checkout-quick-start-'));
  const started: Launched[] = [];
  let browser: Browser | undefined;
  try {
    await runToEnd(['npm', 'pack', '--pack-destination', packFolder], repoRoot, 120_000);
    const tarballs = readdirSync(packFolder).filter((name) => name.endsWith('.tgz'));
    assert.equal(tarballs.length, 1, `npm pack wrote one tarball: ${tarballs.join(', ')}`);
    const tarball = join(packFolder, tarballs[0]!);

    let sandbox: { npx: Launched; pid: number; secretKey: string } | undefined;
    let shop: Launched | undefined;
    for (const command of quickStart.commands) {
      const words = wordsOf(command);
      if (words[0] === 'npm' && words[1] === 'install') {
        // The README's command, differing only by the packed tarball's path in place of the
        // registry name `paid-checkout` (plus @paid-ai/paid-node at the version package.json pins,
        // and flags for a fast, quiet install from npm's cache): see installWords.
        await runToEnd(installWords(command, tarball), appFolder, 300_000);
        assert.ok(existsSync(join(appFolder, 'node_modules/paid-checkout/package.json')), 'the install landed in the empty folder');
      } else if (words[0] === 'npx' && words[1] === 'paid-checkout-sandbox') {
        const npx = launch(words, appFolder);
        started.push(npx);
        const [, url] = await waitForOutput(npx, /listening on (http:\/\/\S+)/, 60_000);
        assert.equal(url, quickStart.sandboxUrl, 'the sandbox listens where the README says it does');
        // Issue 14, item 3: the banner names the process to stop (npx passes no signal on).
        const pid = await waitForOutput(npx, /process id:?\s+(\d+)/i, 5_000).then((match) => Number(match[1]), () => undefined);
        assert.ok(pid, `the banner prints the sandbox's process id; it printed:\n${npx.output()}`);
        assert.ok(isDescendantOf(pid, npx.child.pid!), `the printed id ${pid} is the sandbox that npx started`);
        const secretKey = (await waitForOutput(npx, /secret key:\s+(\S+)/, 5_000))[1]!;
        sandbox = { npx, pid, secretKey };
      } else if (words.length === 2 && words[0] === 'node' && words[1] === quickStart.file.name) {
        writeFileSync(join(appFolder, quickStart.file.name), quickStart.file.source);
        shop = launch(words, appFolder);
        started.push(shop);
        await waitUntilListening(Number(shopAddress.port), shopAddress.hostname, shop, 30_000);
      } else {
        assert.fail(`the quick start has a command this test does not know how to run: \`${command}\``);
      }
    }
    assert.ok(sandbox && shop, `the quick start starts the sandbox and ${quickStart.file.name}: ${quickStart.commands.join(' | ')}`);

    browser = await launchBrowser();
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const report = await watchPage(page);
    await page.goto(quickStart.shopUrl);
    // A customer picks a tier with the mouse, on its name: whichever layer of the card takes that click.
    const tierName = page.getByText('Scale', { exact: true });
    await tierName.scrollIntoViewIfNeeded();
    const box = await tierName.boundingBox();
    assert.ok(box, 'the Scale tier is shown');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    assert.equal(await page.getByRole('radio', { name: /^Scale/ }).isChecked(), true, 'the Scale tier is chosen');
    // The session collects a billing address by default.
    await page.getByLabel('Country').selectOption('US');
    await page.getByLabel('Address', { exact: true }).fill('1 Main Street');
    await page.getByLabel('City').fill('New York');
    await page.getByLabel('Postal code').fill('10001');
    const buyer = newBuyer('quick-start');
    await pay(page, buyer, quickStart.testCard);
    await page.waitForURL((url) => url.pathname === '/thanks');
    assert.equal((await page.locator('h1').textContent())?.trim(), paidHeading, `${quickStart.file.name}'s /thanks, after asking Paid's SDK`);
    assert.deepEqual(report.errors, [], 'no uncaught error on the pages');

    // What was paid for: the receipt the sandbox recorded for this checkout.
    const checkoutId = new URL(page.url()).searchParams.get('checkout') ?? '';
    const answer = await fetch(`${quickStart.sandboxUrl}/api/v2/sandbox/receipts?checkoutId=${encodeURIComponent(checkoutId)}`, {
      headers: { authorization: `Bearer ${sandbox.secretKey}` },
    });
    assert.equal(answer.status, 200);
    const receipts = ((await answer.json()) as { data: Receipt[] }).data;
    assert.deepEqual(receipts.map((receipt) => receipt.to), [buyer.email], 'one receipt, to the buyer');
    assert.match(receipts[0]!.lines.map((line) => line.description).join(' | '), /Scale/, 'for the Scale tier');

    // The README's way to stop the sandbox: `kill <pid>` with the id it printed.
    await browser.close();
    browser = undefined;
    process.kill(sandbox.pid, 'SIGTERM');
    const end = await exitWithin(sandbox.npx, 15_000);
    assert.deepEqual(end, { code: 0, signal: null }, `npx exits 0 once the sandbox stops on SIGTERM; it printed:\n${sandbox.npx.output()}`);
    assert.equal(await isListening(Number(sandboxAddress.port), sandboxAddress.hostname), false, 'the sandbox no longer holds its port');
  } finally {
    await browser?.close();
    for (const launched of started.reverse()) await stopTree(launched);
    rmSync(appFolder, { recursive: true, force: true });
    rmSync(packFolder, { recursive: true, force: true });
  }
});
