// Browser-side handles on the engine a component test runs in (see engine-plugin.ts): its name,
// a viewport size that works in all three, and skipping a test in one engine with a stated reason.
import { executeServerCommand } from '@web/test-runner-commands';
import type { EngineName } from '../../../scripts/engines.ts';

let engine: Promise<EngineName> | undefined;

/** The engine this page runs in, as the test runner launched it (never read from the user agent). */
export function currentEngine(): Promise<EngineName> {
  engine ??= executeServerCommand<{ engine: EngineName }, unknown>('engine-info', {}).then((info) => {
    if (!info) throw new Error('engine-info answered nothing: is engineCommandsPlugin() in the config?');
    return info.engine;
  });
  return engine;
}

export type ViewportResult = { ok: true } | { ok: false; reason: string };

/** Sizes the page's viewport (CSS pixels), once the page has the new size; or why this engine cannot. */
export async function resizeTo(viewport: { width: number; height: number }): Promise<ViewportResult> {
  const reached = () => window.innerWidth === viewport.width && window.innerHeight === viewport.height;
  if (reached()) return { ok: true };
  const resized = new Promise<void>((resolve) => {
    const check = () => {
      if (!reached()) return;
      window.removeEventListener('resize', check);
      resolve();
    };
    window.addEventListener('resize', check);
  });
  const result = await executeServerCommand<ViewportResult, unknown>('engine-set-viewport', viewport);
  if (!result) throw new Error('engine-set-viewport answered nothing: is engineCommandsPlugin() in the config?');
  if (result.ok && !reached()) await resized;
  return result;
}

/** Sizes the page's viewport (CSS pixels) in any engine; resolves once the page has the new size. */
export async function setViewport(viewport: { width: number; height: number }): Promise<void> {
  const result = await resizeTo(viewport);
  if (!result.ok) throw new Error(result.reason);
}

/**
 * Skips the running test in the given engine(s), after telling the runner why: the summary lists
 * every such test by name with its reason. Call it first in the test, with the test's `this`.
 */
export async function skipIn(context: Mocha.Context, engines: EngineName | EngineName[], reason: string): Promise<void> {
  const current = await currentEngine();
  if (!([] as EngineName[]).concat(engines).includes(current)) return;
  await skipWithReason(context, reason);
}

async function skipWithReason(context: Mocha.Context, reason: string): Promise<never> {
  const title = context.test?.fullTitle() ?? '(unknown test)';
  await executeServerCommand('engine-skip', { title, reason });
  context.skip();
}

/** What the engine computes as an element's accessible name, asked from outside the page (see engine-plugin.ts). */
export type AccessibleName = { found: false } | { found: true; matches: boolean; name: string | null };

/**
 * Whether the engine's own accessibility tree names the element at `path` (a selector in the
 * document, then one in each shadow root) exactly `expected`, and the name it computed where the
 * engine can tell it (Chromium, WebKit; Firefox over WebDriver BiDi can only match a name).
 */
export async function accessibleName(path: string[], expected: string): Promise<AccessibleName> {
  const result = await executeServerCommand<AccessibleName, unknown>('engine-accessible-name', { path, expected });
  if (!result) throw new Error('engine-accessible-name answered nothing: is engineCommandsPlugin() in the config?');
  return result;
}

/**
 * Turns Windows' high contrast (`forced-colors: active`) on or off for the page; in an engine that
 * cannot emulate it, skips the running test with the reason (pass the test's `this`).
 */
export async function setForcedColors(context: Mocha.Context, active: boolean): Promise<void> {
  const result = await executeServerCommand<ViewportResult, unknown>('engine-forced-colors', { active });
  if (!result) throw new Error('engine-forced-colors answered nothing: is engineCommandsPlugin() in the config?');
  if (!result.ok) await skipWithReason(context, result.reason);
}

/**
 * Turns the customer's reduced-motion preference (`prefers-reduced-motion: reduce`) on or off for
 * the page; in an engine that cannot emulate it, skips the running test with the reason (pass the
 * test's `this`).
 */
export async function setReducedMotion(context: Mocha.Context, reduce: boolean): Promise<void> {
  const result = await executeServerCommand<ViewportResult, unknown>('engine-reduced-motion', { reduce });
  if (!result) throw new Error('engine-reduced-motion answered nothing: is engineCommandsPlugin() in the config?');
  if (!result.ok) await skipWithReason(context, result.reason);
}
