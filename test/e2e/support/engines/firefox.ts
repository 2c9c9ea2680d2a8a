// The driver for Firefox: Debian's Firefox ESR through puppeteer-core over WebDriver BiDi
// (Playwright needs its own patched Firefox). Shadow DOM through puppeteer's `>>>` combinator.
import puppeteer, { type ElementHandle, type Page } from 'puppeteer-core';
import { firefoxLaunchOptions } from '../../../../scripts/engines.ts';
import { defaultTimeoutMs, describeTarget, normalizeText, type Engine, type EnginePage, type PageWatch, type Target } from './driver.ts';
import { waitFor } from './wait.ts';
import { readWatchExpression, watchSource } from './watch.ts';

export async function launchFirefox(): Promise<Engine> {
  const browser = await puppeteer.launch(firefoxLaunchOptions());
  return {
    name: 'firefox',
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.setDefaultTimeout(defaultTimeoutMs);
      await page.evaluateOnNewDocument(watchSource);
      return firefoxPage(page, () => context.close());
    },
    close: () => browser.close(),
  };
}

/** The first element the target names now, or undefined. */
async function find(page: Page, target: Target): Promise<ElementHandle<Element> | undefined> {
  const handles = await page.$$(target.in === 'element' ? `paid-checkout >>> ${target.css}` : target.css);
  let found: ElementHandle<Element> | undefined;
  for (const handle of handles) {
    if (!found && (!target.text || target.text.test(normalizeText(await handle.evaluate((element) => element.textContent))))) found = handle;
    else await handle.dispose();
  }
  return found;
}

/** Waits until the target is shown and enabled (a disabled fieldset around it counts). */
function actionable(page: Page, target: Target): Promise<ElementHandle<Element>> {
  return waitFor(`${describeTarget(target)} to be shown and enabled`, async () => {
    const handle = await find(page, target);
    if (handle && (await handle.isVisible()) && !(await handle.evaluate((element) => element.matches(':disabled')))) return handle;
    await handle?.dispose();
    return undefined;
  }, defaultTimeoutMs);
}

function firefoxPage(page: Page, close: () => Promise<void>): EnginePage {
  return {
    engine: 'firefox',
    async open(url) {
      await page.goto(url);
    },
    url: async () => page.url(),
    waitForUrl: (prefix, timeoutMs = defaultTimeoutMs) =>
      waitFor(`the URL to start with ${prefix}`, async () => (page.url().startsWith(prefix) ? page.url() : undefined), timeoutMs),
    async fill(target, value) {
      const field = await actionable(page, target);
      // Select what is there, so that the first key typed replaces it, as a customer's would.
      await field.focus();
      await field.evaluate((input) => (input as HTMLInputElement).select());
      await page.keyboard.type(value);
      await field.dispose();
    },
    async click(target) {
      const element = await actionable(page, target);
      await element.click();
      await element.dispose();
    },
    async text(target, timeoutMs = defaultTimeoutMs) {
      const element = await waitFor(describeTarget(target), () => find(page, target), timeoutMs);
      const text = normalizeText(await element.evaluate((node) => node.textContent));
      await element.dispose();
      return text;
    },
    async isVisible(target) {
      const element = await find(page, target);
      const visible = element ? await element.isVisible() : false;
      await element?.dispose();
      return visible;
    },
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    watch: () => page.evaluate(readWatchExpression) as Promise<PageWatch>,
    close,
  };
}
