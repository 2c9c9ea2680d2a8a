// web-test-runner launchers for the three engines the component tests run in, named by engine
// ('chromium', 'firefox', 'webkit') so that the reporter counts per engine and tests can ask.
import type { BrowserLauncher, TestRunnerCoreConfig } from '@web/test-runner-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteer from 'puppeteer-core';
import type { Browser as WebdriverBrowser } from 'webdriverio';
import {
  chromiumOfflineArgs,
  chromiumPath,
  firefoxLaunchOptions,
  tolerateUnknownOrientationCommand,
  webkitRemoteOptions,
  type EngineName,
  type WebKitDriver,
} from '../../../scripts/engines.ts';

/**
 * WebKitGTK's MiniBrowser through WebKitWebDriver (WebDriver classic). One test file at a time in
 * the top-level window: with more, @web/test-runner-webdriver runs files in 300×150 iframes of one
 * page, where keys go to whichever frame it last switched to and viewports cannot be set.
 */
class WebKitLauncher extends WebdriverLauncher {
  readonly concurrency = 1;

  constructor(private readonly webkitDriver: WebKitDriver) {
    super(webkitRemoteOptions(webkitDriver));
  }

  /** Ends the session, then the driver and its display (so that they exit before Node does). */
  override async stop(): Promise<void> {
    await super.stop();
    await this.webkitDriver.stop();
  }

  override async initialize(config: TestRunnerCoreConfig): Promise<void> {
    await super.initialize({ ...config, concurrency: 1 });
    this.name = 'webkit';
  }

  /**
   * One key action per key: the parent presses every key of a `type` down and then lifts them all,
   * and WebKit drops a key pressed again while it is down ("10001" arrived as "101").
   */
  override async sendKeys(sessionId: string, keys: string[]): Promise<void> {
    for (const key of keys) await super.sendKeys(sessionId, [key]);
  }

  /** GTK's animations on MiniBrowser's display: off, its pages match `prefers-reduced-motion: reduce`. */
  setAnimations(enabled: boolean): Promise<void> {
    return this.webkitDriver.setAnimations(enabled);
  }

  /** The webdriverio session (the parent keeps it private; the engine commands need it). */
  get session(): WebdriverBrowser | undefined {
    return (this as unknown as { driver?: WebdriverBrowser }).driver;
  }
}

/** Each page's DevTools session that keeps its focus emulated (the emulation lasts as long as the session). */
const focusSessions = new WeakMap<object, unknown>();

/**
 * Chromium runs two test files at once, in two pages of which only one has the window's focus:
 * in the other, `:focus` and `:focus-visible` never match and focus rings are not drawn. Each
 * page is therefore told it has focus (Chrome DevTools' focus emulation, what Playwright does for
 * every page), as a customer's page has.
 */
function chromium(): BrowserLauncher {
  const launcher = chromeLauncher({
    launchOptions: { executablePath: chromiumPath, args: [...chromiumOfflineArgs] },
    createPage: async ({ context }) => {
      const page = await context.newPage();
      const session = await page.createCDPSession();
      await session.send('Emulation.setFocusEmulationEnabled', { enabled: true });
      focusSessions.set(page, session);
      return page;
    },
  });
  launcher.name = 'chromium';
  return launcher;
}

/**
 * Firefox ESR through @web/test-runner-chrome's Puppeteer launcher with puppeteer-core over
 * WebDriver BiDi: the same launcher type as Chromium, so sendKeys and setViewport (Puppeteer's
 * keyboard and viewport) work unchanged, and Debian's Firefox needs no patched build (Playwright's
 * launcher would need its own patched Firefox).
 */
function firefox(): BrowserLauncher {
  const launcher = chromeLauncher({
    puppeteer,
    // System access lets BiDi reach Firefox's own window, where a test's forced colors and reduced
    // motion are set on its tab (engine-plugin.ts): BiDi has no command for either.
    launchOptions: { ...firefoxLaunchOptions(), args: ['-remote-allow-system-access'] },
    // Each session starts by setting the viewport, which Firefox ESR 140 must be let take.
    createPage: async ({ context }) => {
      const page = await context.newPage();
      tolerateUnknownOrientationCommand(page);
      return page;
    },
    // One test file at a time: a second tab would be in the background (its timers throttled) and a
    // second window unfocused (its focus and blur events never fire).
    concurrency: 1,
  });
  launcher.name = 'firefox';
  return launcher;
}

/**
 * The launchers for `engines`, in that order (web-test-runner runs one engine's files to the end
 * before it starts the next, with `concurrentBrowsers: 1`). `onEngineStart` runs before each
 * engine's first test file.
 */
export function engineLaunchers(
  engines: readonly EngineName[],
  { webkitDriver, onEngineStart }: { webkitDriver?: WebKitDriver; onEngineStart?: (engine: EngineName) => void } = {},
): BrowserLauncher[] {
  return engines.map((engine) => {
    const launcher = launcherFor(engine, webkitDriver);
    const startSession = launcher.startSession.bind(launcher);
    let started = false;
    launcher.startSession = (sessionId, url) => {
      if (!started) onEngineStart?.(engine);
      started = true;
      return startSession(sessionId, url);
    };
    return launcher;
  });
}

function launcherFor(engine: EngineName, webkitDriver: WebKitDriver | undefined): BrowserLauncher {
  if (engine === 'chromium') return chromium();
  if (engine === 'firefox') return firefox();
  if (!webkitDriver) throw new Error('WebKit needs a started WebKitWebDriver (startWebKitDriver()).');
  return new WebKitLauncher(webkitDriver);
}

export function isWebKitLauncher(launcher: BrowserLauncher): launcher is WebKitLauncher {
  return launcher instanceof WebKitLauncher;
}
