// Headless Chromium (Debian's, or CHROME_PATH) through playwright-core, offline: only loopback
// resolves, so a request that is not routed or served locally fails fast.
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { chromiumOfflineArgs, chromiumPath } from '../../scripts/chromium.ts';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      ...chromiumOfflineArgs,
      // Heap and timing rows need a page that is neither throttled nor frozen in the background.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--js-flags=--expose-gc',
    ],
  });
}

/** A fresh page whose uncaught errors fail the measurement instead of hiding in it. */
export async function newPage(browser: Browser): Promise<{ page: Page; cdp: CDPSession; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // tsx compiles the functions passed to page.evaluate() with esbuild's keepNames, whose
  // `__name` helper exists only in Node: give the page a no-op one.
  await page.addInitScript('window.__name = (fn) => fn;');
  const cdp = await page.context().newCDPSession(page);
  return { page, cdp, errors };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
