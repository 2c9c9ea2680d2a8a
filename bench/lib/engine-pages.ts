// One way for the bench to open a page and run a function in it in each engine: Chromium through
// playwright-core (as every other row), Firefox ESR through puppeteer-core over WebDriver BiDi,
// WebKitGTK's MiniBrowser through webdriverio and WebKitWebDriver. Paths come from scripts/engines.ts.
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { firefoxLaunchOptions, startWebKitDriver, webkitRemoteOptions, type EngineName } from '../../scripts/engines.ts';
import { launchBrowser, newPage } from './browser.ts';

export interface EnginePage {
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  /** Runs `fn` (self-contained: it is sent as source text) in the page; a promise is awaited. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

export interface BenchEngine {
  name: EngineName;
  /** The browser's own version string. */
  version: string;
  newPage(): Promise<EnginePage>;
  close(): Promise<void>;
}

// tsx compiles functions with esbuild's keepNames, whose `__name` helper exists only in Node.
const nameHelper = 'window.__name = (fn) => fn;';

async function chromium(): Promise<BenchEngine> {
  const browser = await launchBrowser();
  return {
    name: 'chromium',
    version: browser.version(),
    async newPage() {
      const { page } = await newPage(browser);
      return {
        goto: async (url) => void (await page.goto(url)),
        // Each library types its argument its own way; the bench passes plain JSON values.
        evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

async function firefox(): Promise<BenchEngine> {
  const options = firefoxLaunchOptions();
  // Firefox rounds performance.now() to 1 ms unless told not to; the other rows time in 0.1 ms.
  const browser = await puppeteer.launch({ ...options, extraPrefsFirefox: { ...options.extraPrefsFirefox, 'privacy.reduceTimerPrecision': false } });
  return {
    name: 'firefox',
    version: await browser.version(),
    async newPage() {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(nameHelper);
      return {
        goto: async (url) => void (await page.goto(url)),
        evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>,
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** One WebDriver session, one window: a new page is the next navigation in it. */
async function webkit(): Promise<BenchEngine> {
  const driver = await startWebKitDriver();
  const session = await remote(webkitRemoteOptions(driver));
  const version = String((session.capabilities as { browserVersion?: string }).browserVersion ?? 'unknown');
  return {
    name: 'webkit',
    version: `WebKitGTK ${version}`,
    async newPage() {
      return {
        async goto(url) {
          await session.url(url);
          // WebDriver classic has no script that runs before the page's own: add the helper after load.
          await session.execute(nameHelper);
        },
        evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => session.execute(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>,
        close: async () => void (await session.url('about:blank')),
      };
    },
    async close() {
      await session.deleteSession();
      await driver.stop();
    },
  };
}

export function launchEngine(name: EngineName): Promise<BenchEngine> {
  if (name === 'chromium') return chromium();
  if (name === 'firefox') return firefox();
  return webkit();
}
