// The engines the cross-engine journeys run in, each with its launcher and, when it does not run
// here, the reason (the run's BROWSERS leaves it out, or a program is missing), which the journeys
// report as a named skip.
import { debianPackages, engineNames, missingFor, selectedEngines } from '../../../../scripts/engines.ts';
import { launchChromium } from './chromium.ts';
import type { Engine, EngineName } from './driver.ts';
import { launchFirefox } from './firefox.ts';
import { launchWebKit } from './webkit.ts';

export type { Engine, EngineName, EnginePage, Target } from './driver.ts';

export interface EngineEntry {
  name: EngineName;
  launch(): Promise<Engine>;
  /** Why this engine does not run here, or null when it does. */
  notRun: string | null;
}

const launchers: Record<EngineName, () => Promise<Engine>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit,
};

function whyNotRun(name: EngineName, selected: readonly EngineName[]): string | null {
  if (!selected.includes(name)) return `BROWSERS=${process.env.BROWSERS} leaves it out`;
  const missing = missingFor(name);
  if (missing.length > 0) return `${missing.join(', ')} not installed (Debian: apt-get install ${debianPackages[name].join(' ')})`;
  return null;
}

/** Every engine, in a fixed order; those a run does not use carry their reason. */
export function engineEntries(): EngineEntry[] {
  const selected = selectedEngines();
  return engineNames.map((name) => ({ name, launch: launchers[name], notRun: whyNotRun(name, selected) }));
}
