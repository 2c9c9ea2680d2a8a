#!/usr/bin/env node
// `npm run build`: every artifact the package publishes, into dist/ and custom-elements.json.
//   dist/paid-checkout.js, .iife.js  script-tag files, self-contained (vite.config.ts)
//   dist/esm/                        ES modules for bundlers; lit, zod and react left to the app's bundler
//   dist/types/                      .d.ts for every entry
//   dist/sandbox.js, stripe-standin.js  the offline sandbox as a command (`npx paid-checkout-sandbox`)
//   custom-elements.json             generated from the element's JSDoc by the CEM analyzer
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { build, loadConfigFromFile } from 'vite';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

function filesUnder(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

rmSync('dist', { recursive: true, force: true });

// 1. The script-tag files.
await build({ configFile: 'vite.config.ts', logLevel: 'warn' });

// The script-tag config's plugins (the Lit template minifier) serve the bundler build too.
const scriptTagConfig = await loadConfigFromFile({ command: 'build', mode: 'production' }, 'vite.config.ts');

// 2. ES modules for bundlers: the app's bundler shares lit, zod and react with its own copies.
//    Stripe's loader (1.4 kB) is inlined: its `pure` entry has no `exports` map, which Node's ESM refuses.
await build({
  configFile: false,
  logLevel: 'warn',
  plugins: scriptTagConfig?.config.plugins ?? [],
  build: {
    target: 'es2022',
    outDir: 'dist/esm',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: { index: 'src/index.ts', element: 'src/paid-checkout.ts', react: 'src/react.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/, /^react(\/|$)/],
    },
  },
});

// 3. Declarations. TypeScript keeps the sources' `.ts` import specifiers; the built files are `.js`.
// TypeScript 7's bin is an extensionless ES module, which Node before 20.10 refuses to load.
run(process.execPath, ['node_modules/typescript/lib/tsc.js', '-p', 'tsconfig.build.json']);
for (const file of filesUnder('dist/types')) {
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/(from\s+|import\s*\(\s*|import\s+)(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2'));
}
// The `element` entry's name in dist/esm.
writeFileSync('dist/types/element.d.ts', "export * from './paid-checkout.js';\n");

// 4. The sandbox as a Node command, with the Stripe stand-in beside it.
await build({
  configFile: false,
  logLevel: 'warn',
  ssr: { noExternal: true },
  build: {
    ssr: 'sandbox/cli.ts',
    target: 'node20',
    outDir: 'dist',
    emptyOutDir: false,
    minify: false,
    rolldownOptions: { output: { entryFileNames: 'sandbox.js', banner: '#!/usr/bin/env node' } },
  },
});
chmodSync('dist/sandbox.js', 0o755);
copyFileSync('sandbox/stripe-standin.js', 'dist/stripe-standin.js');

// 5. The Custom Elements Manifest, from the JSDoc on the element.
run('npx', ['--no-install', 'cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs']);

console.log('build: dist/ and custom-elements.json written');
