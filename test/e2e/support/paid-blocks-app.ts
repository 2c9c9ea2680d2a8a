// Builds test/e2e/apps/paid-blocks.jsx with Vite's JS API on paid-blocks' own code and React:
// the package's `exports` offer only `.` and `./payments` (which needs @stripe/react-stripe-js,
// not installed), so its hook is imported by file from the installed package, and the app renders
// with the React 18 that paid-blocks depends on (one React for the hook and the app).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { appBuild } from './build-apps.ts';
import { repoRoot } from './sandbox.ts';

/** The installed @paid-ai/paid-blocks, found as Node resolves it. */
export const paidBlocksDirectory = fileURLToPath(new URL('../', import.meta.resolve('@paid-ai/paid-blocks')));

const nestedModules = join(paidBlocksDirectory, 'node_modules');

/** Builds the app into a fresh temporary directory; returns it (`paid-blocks.js`). */
export async function buildPaidBlocksApp(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'paid-checkout-e2e-paid-blocks-'));
  await build({
    configFile: false,
    root: join(repoRoot, 'test/e2e/apps'),
    logLevel: 'warn',
    mode: 'production',
    resolve: {
      alias: [
        { find: /^paid-blocks\/usePayCheckout$/, replacement: join(paidBlocksDirectory, 'dist/payments/hooks/usePayCheckout.js') },
        { find: /^(react|react-dom)(\/.*)?$/, replacement: `${nestedModules}/$1$2` },
      ],
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    build: appBuild(outDir, { 'paid-blocks': join(repoRoot, 'test/e2e/apps/paid-blocks.jsx') }),
  });
  return outDir;
}
