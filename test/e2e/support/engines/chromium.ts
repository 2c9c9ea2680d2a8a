// The driver for Chromium: Debian's Chromium through playwright-core, launched as every e2e suite
// here launches it (../browser.ts). Playwright waits for a found element to be actionable.
import type { Locator, Page } from 'playwright-core';
import { launchBrowser } from '../browser.ts';
import { defaultTimeoutMs, describeTarget, normalizeText, type Engine, type EnginePage, type PageWatch, type Target } from './driver.ts';
import { waitFor } from './wait.ts';
import { readWatchExpression, watchSource } from './watch.ts';

export async function launchChromium(): Promise<Engine> {
  const browser = await launchBrowser();
  return {
    name: 'chromium',
    async newPage() {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(defaultTimeoutMs);
      await page.addInitScript(watchSource);
      return chromiumPage(page, () => context.close());
    },
    close: () => browser.close(),
  };
}

function chromiumPage(page: Page, close: () => Promise<void>): EnginePage {
  /** The first element the target names now (by the same text rule as the other engines), or undefined. */
  const find = async (target: Target): Promise<Locator | undefined> => {
    // `css:light` stays out of shadow roots, as a page query does in the other engines.
    const matches = target.in === 'element' ? page.locator('paid-checkout').locator(target.css) : page.locator(`css:light=${target.css}`);
    const texts = target.text ? await matches.evaluateAll((elements) => elements.map((element) => element.textContent)) : [];
    const index = target.text ? texts.findIndex((text) => target.text!.test(normalizeText(text))) : 0;
    return index >= 0 && (await matches.count()) > index ? matches.nth(index) : undefined;
  };
  const present = (target: Target, timeoutMs = defaultTimeoutMs) => waitFor(describeTarget(target), () => find(target), timeoutMs);
  return {
    engine: 'chromium',
    async open(url) {
      await page.goto(url);
    },
    url: async () => page.url(),
    async waitForUrl(prefix, timeoutMs = defaultTimeoutMs) {
      await page.waitForURL((url) => url.href.startsWith(prefix), { timeout: timeoutMs });
      return page.url();
    },
    async fill(target, value) {
      // Playwright then waits for the field to be visible, enabled and editable.
      const field = await present(target);
      await field.clear();
      await field.pressSequentially(value);
    },
    async click(target) {
      await (await present(target)).click();
    },
    async text(target, timeoutMs = defaultTimeoutMs) {
      return normalizeText(await (await present(target, timeoutMs)).textContent());
    },
    isVisible: async (target) => (await find(target))?.isVisible() ?? false,
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    watch: () => page.evaluate(readWatchExpression) as Promise<PageWatch>,
    close,
  };
}
