// Launches Debian's Chromium (or CHROME_PATH) headless through playwright-core, one per test file,
// and records what a page reports: uncaught errors, console errors and CSP violations.
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumOfflineArgs, chromiumPath } from '../../../scripts/chromium.ts';

export { chromiumPath };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...chromiumOfflineArgs] });
}

export interface PageReport {
  /** Uncaught exceptions and unhandled rejections. */
  errors: string[];
  /** console.error lines. */
  consoleErrors: string[];
  /** `securitypolicyviolation` events, as "directive blocked URI (source:line)". */
  violations(): Promise<string[]>;
}

/** Starts recording on a page before anything loads on it. */
export async function watchPage(page: Page): Promise<PageReport> {
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  // Init scripts run before the page's own scripts, whatever its CSP says.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return {
    errors,
    consoleErrors,
    violations: () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []),
  };
}
