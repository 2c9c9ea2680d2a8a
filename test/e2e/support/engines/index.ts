// The engines the cross-engine journeys run in, each with its launcher and, when the run's BROWSERS
// leaves it out, the reason, which the journeys report as a named skip. An engine the run asks for
// and that is not installed fails its journeys, as in the component tests, rather than test less.
import { debianPackages, EngineError, engineNames, missingFor, selectedEngines } from '../../../../scripts/engines.ts';
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

function launcherFor(name: EngineName): () => Promise<Engine> {
  const missing = missingFor(name);
  if (missing.length === 0) return launchers[name];
  return () =>
    Promise.reject(
      new EngineError('engine_missing', `${name}: ${missing.join(', ')} not installed (Debian: apt-get install ${debianPackages[name].join(' ')}; or leave it out with BROWSERS)`),
    );
}

/** Every engine, in a fixed order; those a run does not use carry their reason. */
export function engineEntries(): EngineEntry[] {
  const selected = selectedEngines();
  return engineNames.map((name) => ({
    name,
    launch: launcherFor(name),
    notRun: selected.includes(name) ? null : `BROWSERS=${process.env.BROWSERS} leaves it out`,
  }));
}
