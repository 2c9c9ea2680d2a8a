// Server commands that let a component test know its engine, size its viewport in any engine, turn
// on forced colors or reduced motion where the engine can, and record a test it cannot run there
// with the reason (the summary reporter lists them by name).
import type { BrowserLauncher, TestRunnerPlugin } from '@web/test-runner';
import type { CDPSession, ElementHandle, Page } from 'puppeteer-core';
import type { EngineName } from '../../../scripts/engines.ts';
import { isWebKitLauncher } from './engine-launchers.ts';

export interface EngineSkip {
  engine: EngineName;
  file: string;
  title: string;
  reason: string;
}

export interface EnginePlugin extends TestRunnerPlugin {
  /** Every test skipped in an engine so far, with its reason. */
  readonly skips: EngineSkip[];
}

interface Viewport {
  width: number;
  height: number;
}

function engineOf(launcher: BrowserLauncher): EngineName {
  return launcher.name as EngineName;
}

/** What a viewport command answers: the page has the size, or why this engine cannot give it. */
type ViewportResult = { ok: true } | { ok: false; reason: string };

/**
 * WebDriver sizes the outer window: size it, read the page's own viewport, and add back what the
 * window's frame takes (the difference) once. MiniBrowser's window is never narrower than its
 * toolbar, so a narrow viewport can be out of reach: that is answered, not thrown.
 */
async function setWebKitViewport(launcher: BrowserLauncher, target: Viewport): Promise<ViewportResult> {
  if (!isWebKitLauncher(launcher) || !launcher.session) throw new Error('No WebKit session to size.');
  const session = launcher.session;
  const sizes = async () =>
    (await session.execute('return [window.innerWidth, window.innerHeight, window.outerWidth, window.outerHeight]')) as [number, number, number, number];
  const matches = ([width, height]: readonly number[]) => width === target.width && height === target.height;
  // GTK resizes the window after setWindowSize has answered: wait for the page to see the size.
  const reachedWithin = async (ms: number) => {
    const deadline = Date.now() + ms;
    let last = await sizes();
    while (!matches(last) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      last = await sizes();
    }
    return last;
  };
  // The window holds the page and MiniBrowser's toolbar: ask for the page's size plus that chrome,
  // measured while the window is at rest (a reading taken mid-resize would be stale).
  const [innerWidth, innerHeight, outerWidth, outerHeight] = await sizes();
  await session.setWindowSize(target.width + outerWidth - innerWidth, target.height + outerHeight - innerHeight);
  const reached = await reachedWithin(3000);
  if (matches(reached)) return { ok: true };
  const window = await session.getWindowSize();
  return {
    ok: false,
    reason:
      `WebKitGTK's MiniBrowser keeps its window at least ${window.width} px wide (its toolbar), so WebDriver ` +
      `cannot give the page a ${target.width}×${target.height} viewport (it has ${reached[0]}×${reached[1]})`,
  };
}

/**
 * Finds, in the page, the element at `path`: the first selector in the document, each next one in
 * the shadow root of the one before (a function run in the page, so that it holds no import).
 */
function elementAt(path: readonly string[]): Element | null {
  let scope: ParentNode | null = document;
  let found: Element | null = null;
  for (const selector of path) {
    found = scope?.querySelector(selector) ?? null;
    scope = found?.shadowRoot ?? found;
  }
  return found;
}

/** What an engine computes as an element's accessible name; `name` is null when it can only say whether it is `expected`. */
type AccessibleName = { found: false } | { found: true; matches: boolean; name: string | null };

/**
 * Puppeteer's engines. Chromium: its accessibility tree (CDP). Firefox over WebDriver BiDi, which
 * has no computed label: the nodes whose accessible name is `expected` (BiDi's accessibility
 * locator), from the element's parent down.
 */
async function puppeteerAccessibleName(page: Page, path: readonly string[], expected: string, cdp: boolean): Promise<AccessibleName> {
  const handle = (await page.evaluateHandle(elementAt, path)).asElement() as ElementHandle<Element> | null;
  if (!handle) return { found: false };
  if (cdp) {
    const node = await page.accessibility.snapshot({ root: handle, interestingOnly: false });
    const name = node?.name ?? '';
    return { found: true, matches: name === expected, name };
  }
  const parent = (await handle.evaluateHandle((element) => element.parentElement ?? element)) as ElementHandle<Element>;
  const named = (parent as unknown as { queryAXTree(name: string): AsyncIterable<ElementHandle<Element>> }).queryAXTree(expected);
  for await (const candidate of named) {
    if (await page.evaluate((a, b) => a === b, candidate, handle)) return { found: true, matches: true, name: null };
  }
  return { found: true, matches: false, name: null };
}

/** WebKitGTK: WebDriver's Get Computed Label. */
async function webKitAccessibleName(launcher: BrowserLauncher, path: readonly string[], expected: string): Promise<AccessibleName> {
  if (!isWebKitLauncher(launcher) || !launcher.session) throw new Error('No WebKit session to ask.');
  const session = launcher.session;
  const reference = (await session.execute(elementAt, path)) as unknown as Record<string, string> | null;
  const elementId = reference ? Object.values(reference)[0] : undefined;
  if (!elementId) return { found: false };
  const name = await session.getElementComputedLabel(elementId);
  return { found: true, matches: name === expected, name };
}

/** Why WebKit cannot run a forced-colors test (checked in WebKitGTK 2.50's MiniBrowser). */
const WEBKIT_NO_FORCED_COLORS =
  'WebKit has no forced colors mode: (forced-colors: none) always matches, and neither WebDriver nor MiniBrowser can turn it on';

/**
 * WebKitGTK: `prefers-reduced-motion` follows GTK's gtk-enable-animations, served on MiniBrowser's
 * display by xsettingsd (scripts/engines.ts); the page sees a change once GTK has passed it on.
 */
async function setWebKitReducedMotion(launcher: BrowserLauncher, reduce: boolean): Promise<void> {
  if (!isWebKitLauncher(launcher) || !launcher.session) throw new Error('No WebKit session to set reduced motion in.');
  const session = launcher.session;
  await launcher.setAnimations(!reduce);
  const matches = async () => (await session.execute('return matchMedia("(prefers-reduced-motion: reduce)").matches')) === reduce;
  const deadline = Date.now() + 5000;
  while (!(await matches())) {
    if (Date.now() > deadline) throw new Error(`WebKit's page did not match prefers-reduced-motion: ${reduce ? 'reduce' : 'no-preference'} within 5 s of GTK's setting.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const forcedColorSessions = new WeakMap<Page, CDPSession>();

/** Chromium's DevTools protocol: Windows' high contrast, which puppeteer's emulateMediaFeatures refuses by name. */
async function setChromiumForcedColors(page: Page, active: boolean): Promise<void> {
  // The emulation lasts as long as the protocol session that asked for it: one kept a page.
  let client = forcedColorSessions.get(page);
  if (!client) forcedColorSessions.set(page, (client = await page.createCDPSession()));
  await client.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: active ? 'active' : 'none' }] });
}

/** The part of puppeteer's WebDriver BiDi page that the Firefox overrides below use (puppeteer keeps it internal). */
interface BidiSession {
  send(method: string, params: object): Promise<{ result: unknown }>;
}
interface BidiBrowsingContext {
  id: string;
  userContext: { browser: { session: BidiSession } };
}

/** The tab's own override that Firefox keeps on its BrowsingContext (as its DevTools' simulations do), and the value that ends it. */
const firefoxOverrides = {
  forcedColors: { field: 'forcedColorsOverride', on: 'active', off: 'none' },
  reducedMotion: { field: 'prefersReducedMotionOverride', on: 'reduce', off: 'none' },
} as const;

/**
 * Firefox: WebDriver BiDi has no command for forced colors or reduced motion (ESR 153 answers
 * "unknown command" to emulation.setForcedColorsModeThemeOverride), but Firefox keeps a per-tab
 * override of each on the tab's BrowsingContext, as DevTools sets it. Firefox started with
 * -remote-allow-system-access (engine-launchers.ts) lets BiDi evaluate script in its own window,
 * where that context can be reached by the BiDi id of the page. The override is the tab's alone
 * and really forces the colors (author colors and box shadows are replaced), not only the query.
 */
async function setFirefoxOverride(page: Page, which: keyof typeof firefoxOverrides, on: boolean): Promise<void> {
  const context = (page.mainFrame() as unknown as { browsingContext: BidiBrowsingContext }).browsingContext;
  const bidi = context.userContext.browser.session;
  const tree = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })).result as { contexts: Array<{ context: string }> };
  const chromeWindow = tree.contexts[0]?.context;
  if (!chromeWindow) throw new Error('Firefox showed no window of its own to BiDi: was it started with -remote-allow-system-access?');
  const { field, on: active, off } = firefoxOverrides[which];
  const expression = `(() => {
    const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
    const tab = NavigableManager.getBrowsingContextById(${JSON.stringify(context.id)}).top;
    tab.${field} = ${JSON.stringify(on ? active : off)};
    return tab.${field};
  })()`;
  const answer = (await bidi.send('script.evaluate', { expression, target: { context: chromeWindow }, awaitPromise: false })).result as {
    type: string;
    result?: { value?: unknown };
    exceptionDetails?: { text?: string };
  };
  if (answer.type !== 'success' || answer.result?.value !== (on ? active : off)) {
    throw new Error(`Firefox did not take ${field} = ${on ? active : off}: ${answer.exceptionDetails?.text ?? JSON.stringify(answer.result)}`);
  }
}

export function engineCommandsPlugin(): EnginePlugin {
  const skips: EngineSkip[] = [];
  return {
    name: 'paid-engine-commands',
    skips,
    async executeCommand({ command, payload, session }) {
      switch (command) {
        case 'engine-info':
          return { engine: engineOf(session.browser) };
        case 'engine-set-viewport': {
          const viewport = payload as Viewport;
          if (session.browser.type !== 'puppeteer') return setWebKitViewport(session.browser, viewport);
          const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
          await page.setViewport(viewport);
          return { ok: true } satisfies ViewportResult;
        }
        case 'engine-accessible-name': {
          const { path, expected } = payload as { path: string[]; expected: string };
          if (session.browser.type !== 'puppeteer') return webKitAccessibleName(session.browser, path, expected);
          const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
          return puppeteerAccessibleName(page, path, expected, engineOf(session.browser) === 'chromium');
        }
        case 'engine-forced-colors': {
          // Windows' high contrast: Chromium's DevTools protocol, Firefox's per-tab override; WebKit has no way.
          const active = (payload as { active: boolean }).active;
          const engine = engineOf(session.browser);
          if (engine === 'webkit') return { ok: false, reason: WEBKIT_NO_FORCED_COLORS } satisfies ViewportResult;
          const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
          if (engine === 'chromium') await setChromiumForcedColors(page, active);
          else await setFirefoxOverride(page, 'forcedColors', active);
          return { ok: true } satisfies ViewportResult;
        }
        case 'engine-reduced-motion': {
          const reduce = (payload as { reduce: boolean }).reduce;
          const engine = engineOf(session.browser);
          if (engine === 'webkit') {
            await setWebKitReducedMotion(session.browser, reduce);
            return { ok: true } satisfies ViewportResult;
          }
          const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
          if (engine === 'chromium') await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: reduce ? 'reduce' : 'no-preference' }]);
          else await setFirefoxOverride(page, 'reducedMotion', reduce);
          return { ok: true } satisfies ViewportResult;
        }
        case 'engine-skip': {
          const { title, reason } = payload as { title: string; reason: string };
          skips.push({ engine: engineOf(session.browser), file: session.testFile, title, reason });
          return true;
        }
        default:
          return undefined;
      }
    },
  };
}
