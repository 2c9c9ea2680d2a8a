#!/usr/bin/env node
// `npm run build`: every artifact the package publishes, into dist/ and custom-elements.json.
//   dist/paid-checkout.js, .iife.js  script-tag files (vite.config.ts): the ES module with its chunks
//                                    beside it, the classic script in one file
//   dist/paid-checkout.dev.js        the script-tag file for development: unminified, with the diagnostics
//   dist/esm/, dist/esm-dev/         ES modules for bundlers (production; development: the `development`
//                                    export condition); lit, zod and react left to the app's bundler
//   dist/types/                      .d.ts for every entry
//   dist/sandbox.js, stripe-standin.js  the offline sandbox as a command (`npx paid-checkout-sandbox`)
//   dist/sandbox-library.js          the same sandbox as a library (`paid-checkout/sandbox`), types in
//                                    dist/types/sandbox.d.ts
//   custom-elements.json             generated from the element's JSDoc by the CEM analyzer, and from it
//                                    (custom-elements-manifest.config.mjs) the frameworks' types in
//                                    dist/types (jsx, jsx-preact, jsx-solid, vue, svelte) and the editors'
//                                    data (dist/web-types.json, dist/vscode.{html,css}-custom-data.json),
//                                    checked by @wc-toolkit/cem-validator
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

// 2. ES modules for bundlers: the app's bundler shares lit, zod and react with its own copies,
//    and minifies them with the app (so no compression here, only the Lit template minifier).
//    Stripe's loader (1.4 kB) is inlined: its `pure` entry has no `exports` map, which Node's ESM refuses.
//    Two builds: production (dist/esm) and development (dist/esm-dev, the `development` export
//    condition), whose errors also log what the developer should do (src/diagnostics.ts).
const scriptTagConfig = await loadConfigFromFile({ command: 'build', mode: 'production' }, 'vite.config.ts');
// Without the compressor, and with the chunk table each build needs (src/chunks.ts): none for a
// bundler's build, the files' own for the development script.
const scriptTagPlugins = (scriptTagConfig?.config.plugins ?? []).flat();
const templateMinifier = scriptTagPlugins.filter(
  (plugin) => plugin && plugin.name !== 'paid-checkout:compress-bundle' && plugin.name !== 'paid-checkout:chunk-files',
);
const chunkFiles = (mode) => scriptTagPlugins.find((plugin) => plugin?.name === 'paid-checkout:chunk-files').api.withMode(mode);
for (const [outDir, development] of [['dist/esm', false], ['dist/esm-dev', true]]) {
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [...templateMinifier, chunkFiles('none')],
    define: { __PAID_CHECKOUT_DEV__: String(development) },
    build: {
      target: 'es2022',
      outDir,
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
}

// 2b. The script-tag file for development: dist/paid-checkout.dev.js, with its chunks in
//     dist/paid-checkout.dev/ as the production one has them beside it, unminified, with the diagnostics.
await build({
  configFile: false,
  logLevel: 'warn',
  plugins: [...templateMinifier, chunkFiles('table')],
  define: { __PAID_CHECKOUT_DEV__: 'true' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'paid-checkout.dev.js' },
    rolldownOptions: {
      // As in vite.config.ts: the entry exports the element alone, and what it shares with the
      // chunks is a file of its own (one copy whatever URL the entry is loaded by).
      preserveEntrySignatures: 'strict',
      // Its chunks apart from the production file's (dist/, dist/locales).
      output: { chunkFileNames: (chunk) => `paid-checkout.dev/${chunk.isDynamicEntry ? '[name]' : 'core'}-[hash].js` },
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

// 4. The sandbox as a Node command and as a library, with the Stripe stand-in beside them. Both
//    entries and their shared chunk sit in dist/ itself: the sandbox finds the stand-in and the
//    element's script next to its own file (import.meta.url).
await build({
  configFile: false,
  logLevel: 'warn',
  ssr: { noExternal: true },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist',
    emptyOutDir: false,
    minify: false,
    rolldownOptions: {
      input: { sandbox: 'sandbox/cli.ts', 'sandbox-library': 'sandbox/library.ts' },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'sandbox-shared-[hash].js',
        banner: (chunk) => (chunk.isEntry && chunk.name === 'sandbox' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
});
chmodSync('dist/sandbox.js', 0o755);
copyFileSync('sandbox/stripe-standin.js', 'dist/stripe-standin.js');

// The library's declarations: its public types are declared in sandbox/library.ts itself, so its
// .d.ts stands alone; the program's other declarations (repository modules) are left behind.
const sandboxTypes = mkdtempSync(join(tmpdir(), 'paid-sandbox-types-'));
run(process.execPath, [
  'node_modules/typescript/lib/tsc.js', '--ignoreConfig', 'sandbox/library.ts', '--declaration', '--emitDeclarationOnly',
  '--outDir', sandboxTypes, '--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022', '--lib', 'es2023,dom',
  '--allowImportingTsExtensions', '--experimentalDecorators', '--skipLibCheck', '--strict', '--types', 'node',
]);
const sandboxDeclarations = readFileSync(join(sandboxTypes, 'sandbox/library.d.ts'), 'utf8');
rmSync(sandboxTypes, { recursive: true, force: true });
if (/\b(?:from|import)\s*\(?\s*['"]\.{1,2}\//.test(sandboxDeclarations)) {
  console.error('build: sandbox/library.ts must declare its public types itself; its .d.ts imports a repository module');
  process.exit(1);
}
writeFileSync('dist/types/sandbox.d.ts', sandboxDeclarations);

// 5. The Custom Elements Manifest, from the JSDoc on the element; then the framework types and editor
//    data generated from it, which import dist/types/index.d.ts (so after step 3).
run('npx', ['--no-install', 'cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs']);

// 6. The notices of every library a published file bundles, with their license texts: the packages
//    named by the files' source maps, or by the `// node_modules/…` region comments of the unminified
//    sandbox. A bundled package without a license file stops the build.
const bundledPackages = new Map();
for (const file of filesUnder('dist')) {
  const text = file.endsWith('.map') || file.endsWith('.js') ? readFileSync(file, 'utf8') : '';
  const sources = file.endsWith('.map') ? JSON.parse(text).sources : [...text.matchAll(/^\/\/ (node_modules\/\S+)/gm)].map((match) => match[1]);
  for (const source of sources) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
    if (name) bundledPackages.set(name, join('node_modules', name));
  }
}
const notices = [...bundledPackages].sort(([a], [b]) => a.localeCompare(b)).map(([name, directory]) => {
  const { version, license } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
  const licenseFile = readdirSync(directory).find((entry) => /^licen[cs]e(\.(md|txt))?$/i.test(entry));
  if (!licenseFile) {
    console.error(`build: ${name} is bundled into dist/ but has no license file to reproduce`);
    process.exit(1);
  }
  return `${name}@${version} (${license})\n\n${readFileSync(join(directory, licenseFile), 'utf8').trim()}\n`;
});
writeFileSync(
  'dist/THIRD-PARTY-LICENSES.txt',
  `paid-checkout's files in dist/ bundle these libraries. Their notices and licenses follow.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
);

console.log('build: dist/ and custom-elements.json written');
