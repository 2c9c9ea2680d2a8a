// The three browser engines every suite here drives (component tests, e2e, bench): where each one
// is, whether it is installed, how each starts offline, and the Xvfb display and WebKitWebDriver
// that WebKitGTK needs with xsettingsd serving the display's GTK settings (started on free numbers,
// ready by its /status, killed when Node exits).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const engineNames: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

export class EngineError extends Error {
  constructor(
    readonly code: 'engine_unknown' | 'engine_missing' | 'webkit_driver_failed' | 'xvfb_failed' | 'xsettings_failed',
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Chromium: Debian's /usr/bin/chromium unless CHROME_PATH names another.

export const chromiumPath: string = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromiumOfflineArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Nothing but loopback resolves, so a stray request to Stripe or Google fails fast.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

// ---------------------------------------------------------------------------------------------
// Firefox: Debian's Firefox ESR unless FIREFOX_PATH names another, driven by puppeteer-core over
// WebDriver BiDi (Playwright needs its own patched Firefox build and cannot drive Debian's).

export const firefoxPath: string = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/**
 * Firefox's counterpart of Chromium's resolver rule: everything but loopback goes to a proxy on a
 * port nothing listens on, so a stray request fails at once instead of waiting on the network.
 */
export const firefoxOfflinePrefs: Readonly<Record<string, string | number | boolean>> = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'app.update.disabledForTesting': true,
};

/** puppeteer-core's `launch()` options for headless Firefox ESR over WebDriver BiDi, offline. */
export function firefoxLaunchOptions(): {
  browser: 'firefox';
  executablePath: string;
  protocol: 'webDriverBiDi';
  headless: true;
  extraPrefsFirefox: Record<string, string | number | boolean>;
} {
  return {
    browser: 'firefox',
    executablePath: firefoxPath,
    protocol: 'webDriverBiDi',
    headless: true,
    extraPrefsFirefox: { ...firefoxOfflinePrefs },
  };
}

type OrientationOverride = (this: unknown, ...args: unknown[]) => Promise<void>;
const orientationTolerated = new WeakSet<object>();

/**
 * Lets a Puppeteer page of Firefox ESR 140 take a viewport. puppeteer-core 24.43 sends
 * `emulation.setScreenOrientationOverride` with every `setViewport()`, a WebDriver BiDi command
 * that ESR 140 does not know (later ESRs do; Debian gives whichever its mirror has). Puppeteer
 * already lets `setTouchOverride` go unanswered that way; this does the same for the orientation,
 * which no test here reads. The viewport's size is set either way. Any other error is thrown.
 */
export function tolerateUnknownOrientationCommand(page: { mainFrame(): unknown }): void {
  const context = (page.mainFrame() as { browsingContext?: object }).browsingContext;
  const prototype = context && (Object.getPrototypeOf(context) as { setScreenOrientationOverride?: OrientationOverride });
  if (!prototype?.setScreenOrientationOverride || orientationTolerated.has(prototype)) return;
  orientationTolerated.add(prototype);
  const send = prototype.setScreenOrientationOverride;
  prototype.setScreenOrientationOverride = function (...args) {
    return send.apply(this, args).catch((error: unknown) => {
      if (!String(error).includes('unknown command emulation.setScreenOrientationOverride')) throw error;
    });
  };
}

// ---------------------------------------------------------------------------------------------
// WebKit: WebKitGTK's MiniBrowser (Safari's engine) through WebKitGTK's own WebKitWebDriver, on an
// Xvfb display whose GTK settings xsettingsd serves. MINIBROWSER_PATH, WEBKIT_WEBDRIVER_PATH,
// XVFB_PATH and XSETTINGSD_PATH override each.

/** The first MiniBrowser of a Debian webkit2gtk package, on whichever architecture this is. */
function findMiniBrowser(): string {
  const fallback = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
  let archDirs: string[] = [];
  try {
    archDirs = readdirSync('/usr/lib').filter((name) => name.endsWith('-linux-gnu'));
  } catch {
    return fallback;
  }
  for (const arch of archDirs) {
    for (const flavour of ['webkit2gtk-4.1', 'webkitgtk-6.0', 'webkit2gtk-4.0']) {
      const candidate = join('/usr/lib', arch, flavour, 'MiniBrowser');
      if (isExecutable(candidate)) return candidate;
    }
  }
  return fallback;
}

export const miniBrowserPath: string = process.env.MINIBROWSER_PATH || findMiniBrowser();
export const webkitDriverPath: string = process.env.WEBKIT_WEBDRIVER_PATH || 'WebKitWebDriver';
export const xvfbPath: string = process.env.XVFB_PATH || 'Xvfb';
export const xsettingsdPath: string = process.env.XSETTINGSD_PATH || 'xsettingsd';

/**
 * webdriverio `remote()` capabilities for a MiniBrowser session. WebKitWebDriver refuses a session
 * that asks for BiDi (webdriverio's default, hence enforceWebDriverClassic) or names a browserName.
 */
export function webkitCapabilities(): Record<string, unknown> {
  return {
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
  };
}

/** webdriverio `remote()` options for a MiniBrowser session on a started driver. */
export function webkitRemoteOptions(driver: WebKitDriver, logLevel: 'error' | 'silent' = 'error') {
  return { hostname: driver.hostname, port: driver.port, path: driver.path, logLevel, capabilities: webkitCapabilities() };
}

// ---------------------------------------------------------------------------------------------
// Which engines are here, and which a run asks for.

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A command's full path: itself when it has a slash, else the first match on PATH. */
export function resolveCommand(command: string): string | undefined {
  if (command.includes('/')) return isExecutable(command) ? command : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

/** The programs an engine needs that this machine lacks (empty when it can run). */
export function missingFor(engine: EngineName): string[] {
  const needs: Record<EngineName, string[]> = {
    chromium: [chromiumPath],
    firefox: [firefoxPath],
    webkit: [miniBrowserPath, webkitDriverPath, xvfbPath, xsettingsdPath],
  };
  return needs[engine].filter((command) => resolveCommand(command) === undefined);
}

export function isInstalled(engine: EngineName): boolean {
  return missingFor(engine).length === 0;
}

/** The Debian packages that provide each engine (what .ci/run installs). */
export const debianPackages: Readonly<Record<EngineName, readonly string[]>> = {
  chromium: ['chromium'],
  firefox: ['firefox-esr'],
  webkit: ['webkit2gtk-driver', 'xvfb', 'xsettingsd'],
};

/**
 * The engines a run uses: `BROWSERS=firefox,webkit` (comma- or space-separated) picks some, unset
 * means all three. An unknown name is an error rather than a run that tests less than asked.
 */
export function selectedEngines(list: string | undefined = process.env.BROWSERS): EngineName[] {
  if (!list || !list.trim()) return [...engineNames];
  const picked = list.split(/[\s,]+/).filter(Boolean).map((name) => name.toLowerCase());
  for (const name of picked) {
    if (!(engineNames as readonly string[]).includes(name)) {
      throw new EngineError('engine_unknown', `Unknown browser engine "${name}": use ${engineNames.join(', ')}.`);
    }
  }
  return engineNames.filter((name) => picked.includes(name));
}

// ---------------------------------------------------------------------------------------------
// Starting what WebKit needs.

const running = new Set<ChildProcess>();

function killAll(): void {
  // Driver first: MiniBrowser is its child and also dies with the display it draws on.
  for (const child of [...running].reverse()) child.kill('SIGTERM');
  running.clear();
}

let exitHooked = false;
function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      // Leave the exit to whoever else listens (web-test-runner does); otherwise die of it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on a display number it picks itself (-displayfd): no clash with other runs. */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn(xvfbPath, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  killOnExit(xvfb);
  let stderr = '';
  xvfb.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const display = await new Promise<string>((resolve, reject) => {
    let written = '';
    const fd3 = xvfb.stdio[3] as NodeJS.ReadableStream;
    fd3.on('data', (chunk: Buffer) => {
      written += chunk.toString();
      if (written.includes('\n')) resolve(`:${written.trim()}`);
    });
    xvfb.once('error', (error) => reject(new EngineError('xvfb_failed', `Could not start ${xvfbPath}: ${error.message}`)));
    xvfb.once('exit', (code) => reject(new EngineError('xvfb_failed', `${xvfbPath} exited with ${code}: ${stderr.trim().slice(-500)}`)));
  });
  return { display, process: xvfb };
}

/**
 * The display's desktop settings, served by xsettingsd: WebKitGTK reads GTK's
 * gtk-enable-animations as `prefers-reduced-motion` and follows a change at once, in pages already
 * open. Animations start on, as on a desktop without settings.
 */
interface DesktopSettings {
  setAnimations(enabled: boolean): Promise<void>;
  process: ChildProcess;
}

async function startDesktopSettings(display: string): Promise<DesktopSettings> {
  const folder = mkdtempSync(join(tmpdir(), 'paid-xsettings-'));
  const config = join(folder, 'xsettingsd.conf');
  const write = (enabled: boolean) => writeFileSync(config, `Gtk/EnableAnimations ${enabled ? 1 : 0}\n`);
  write(true);
  const daemon = spawn(xsettingsdPath, ['-c', config], { env: { ...process.env, DISPLAY: display }, stdio: ['ignore', 'ignore', 'pipe'] });
  killOnExit(daemon);
  daemon.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  let stderr = '';
  daemon.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // xsettingsd says each step on stderr: owning the display's settings, and each configuration it loads.
  const said = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const heard = () => {
        if (!stderr.includes(line)) return;
        end();
        resolve();
      };
      const exited = (code: number | null) => {
        end();
        reject(new EngineError('xsettings_failed', `${xsettingsdPath} exited with ${code}: ${stderr.trim().slice(-500)}`));
      };
      const failed = (error: Error) => {
        end();
        reject(new EngineError('xsettings_failed', `Could not start ${xsettingsdPath}: ${error.message}`));
      };
      const end = () => {
        daemon.stderr?.off('data', heard);
        daemon.off('exit', exited);
        daemon.off('error', failed);
      };
      daemon.stderr?.on('data', heard);
      daemon.once('exit', exited);
      daemon.once('error', failed);
      heard();
    });
  await said('Took ownership of selection');
  return {
    process: daemon,
    async setAnimations(enabled) {
      stderr = '';
      write(enabled);
      const loaded = said('Loaded');
      daemon.kill('SIGHUP');
      await loaded;
    },
  };
}

export interface WebKitDriver {
  hostname: string;
  port: number;
  path: string;
  display: string;
  /** GTK's animations on the display (off: pages match `prefers-reduced-motion: reduce`); resolves once the settings are served. */
  setAnimations(enabled: boolean): Promise<void>;
  /** Stops the driver and its display (MiniBrowser goes with them). */
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Xvfb on a free display, then `WebKitWebDriver --port=<free port>` on it; resolves once the
 * driver's `/status` says ready. Both are killed when this Node process exits.
 */
export async function startWebKitDriver({ readyTimeoutMs = 20_000 } = {}): Promise<WebKitDriver> {
  const missing = missingFor('webkit');
  if (missing.length > 0) {
    throw new EngineError('engine_missing', `WebKit needs ${missing.join(', ')} (Debian: apt-get install ${debianPackages.webkit.join(' ')}).`);
  }
  const xvfb = await startXvfb();
  let settings: DesktopSettings;
  try {
    settings = await startDesktopSettings(xvfb.display);
  } catch (error) {
    await stopChild(xvfb.process);
    throw error;
  }
  const port = await freePort();
  const driver = spawn(webkitDriverPath, [`--port=${port}`], {
    env: { ...process.env, DISPLAY: xvfb.display },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  killOnExit(driver);
  let stderr = '';
  driver.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  driver.once('exit', () => (exited = true));
  const stop = async () => {
    await stopChild(driver);
    await stopChild(settings.process);
    await stopChild(xvfb.process);
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new EngineError('webkit_driver_failed', `WebKitWebDriver exited before it was ready: ${stderr.trim().slice(-500)}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      const status = (await response.json()) as { value?: { ready?: boolean } };
      if (status.value?.ready) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new EngineError('webkit_driver_failed', `WebKitWebDriver on port ${port} was not ready within ${readyTimeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { hostname: '127.0.0.1', port, path: '/', display: xvfb.display, setAnimations: settings.setAnimations, stop };
}
