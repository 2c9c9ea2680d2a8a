// The sandbox as a merchant's test starts it (docs/TESTING.md): `startSandbox` and `standInPath`
// imported by the package's own name, `paid-checkout/sandbox`, through its `exports` (the built
// dist/sandbox-library.js), as an installed copy would be.
import type { RunningSandbox } from '../../../sandbox/library.ts';
import { assertBuilt } from './sandbox.ts';

export type { RunningSandbox };

export async function importMerchantSandbox(): Promise<{
  startSandbox: (options: { port: number }) => Promise<RunningSandbox>;
  standInPath: string;
}> {
  assertBuilt();
  // A specifier in a variable: the type check runs before any build, when the export's types do not exist yet.
  const specifier = 'paid-checkout/sandbox';
  return (await import(specifier)) as Awaited<ReturnType<typeof importMerchantSandbox>>;
}
