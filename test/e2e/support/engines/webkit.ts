// The driver for WebKit: WebKitGTK's MiniBrowser through WebKitWebDriver (under Xvfb) and
// webdriverio over WebDriver classic (the driver refuses a BiDi session). Shadow DOM through
// `shadow$$`. One WebDriver session a page: a fresh MiniBrowser, so no state carries over.
import { remote } from 'webdriverio';
import { startWebKitDriver, webkitRemoteOptions } from '../../../../scripts/engines.ts';
import { defaultTimeoutMs, describeTarget, normalizeText, type Engine, type EnginePage, type PageWatch, type Target } from './driver.ts';
import { waitFor } from './wait.ts';
import { readWatchExpression, watchSource } from './watch.ts';

type Session = Awaited<ReturnType<typeof remote>>;
type Element = Awaited<ReturnType<Session['$']>>;

/**
 * How long one WebDriver command may take before it is sent again, and how often. webdriverio's
 * default (120 s, three more tries) let one command that WebKitWebDriver never answered (once, in a
 * decline journey under a loaded machine) use up the journey's whole 120 s and fail it with no word
 * of which step it was; now such a command is sent once more after 40 s, and failing again it
 * fails the journey with webdriverio's "Request timed out" inside the journey's time.
 */
const commandDeadline = { connectionRetryTimeout: 40_000, connectionRetryCount: 1 };

export async function launchWebKit(): Promise<Engine> {
  const driver = await startWebKitDriver();
  return {
    name: 'webkit',
    async newPage() {
      // A failed command rejects with its error; webdriverio's own log would only repeat it.
      const session = await remote({ ...webkitRemoteOptions(driver, 'silent'), ...commandDeadline } as Parameters<typeof remote>[0]);
      return webkitPage(session);
    },
    close: () => driver.stop(),
  };
}

/** The first element the target names now, or undefined. */
async function find(session: Session, target: Target): Promise<Element | undefined> {
  const matches = target.in === 'element' ? await session.$('paid-checkout').shadow$$(target.css) : await session.$$(target.css);
  for (const element of matches) {
    if (!target.text || target.text.test(normalizeText(String(await element.getProperty('textContent'))))) return element as unknown as Element;
  }
  return undefined;
}

/** Waits until the target is shown and enabled (WebDriver's "enabled" counts a disabled fieldset). */
function actionable(session: Session, target: Target): Promise<Element> {
  return waitFor(`${describeTarget(target)} to be shown and enabled`, async () => {
    const element = await find(session, target);
    return element && (await element.isDisplayed()) && (await element.isEnabled()) ? element : undefined;
  }, defaultTimeoutMs);
}

function webkitPage(session: Session): EnginePage {
  return {
    engine: 'webkit',
    async open(url) {
      await session.url(url);
      // WebDriver classic has no init scripts: the watcher starts once the page has loaded.
      await session.execute(watchSource);
    },
    url: () => session.getUrl(),
    waitForUrl: (prefix, timeoutMs = defaultTimeoutMs) =>
      waitFor(`the URL to start with ${prefix}`, async () => {
        const url = await session.getUrl();
        return url.startsWith(prefix) ? url : undefined;
      }, timeoutMs),
    async fill(target, value) {
      // setValue clears the field (WebDriver's Element Clear) and types the keys.
      await (await actionable(session, target)).setValue(value);
    },
    async click(target) {
      await (await actionable(session, target)).click();
    },
    async text(target, timeoutMs = defaultTimeoutMs) {
      const element = await waitFor(describeTarget(target), () => find(session, target), timeoutMs);
      return normalizeText(String(await element.getProperty('textContent')));
    },
    async isVisible(target) {
      const element = await find(session, target);
      return element ? element.isDisplayed() : false;
    },
    evaluate: <T>(expression: string) => session.execute(`return (${expression});`) as Promise<T>,
    watch: () => session.execute(`return ${readWatchExpression};`) as Promise<PageWatch>,
    close: () => session.deleteSession(),
  };
}
