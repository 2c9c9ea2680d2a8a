// Builds the React, Vue and Svelte test apps with Vite's JS API, the way an app's bundler would
// consume the package: 'paid-checkout' and its subpaths resolve through package.json `exports` to
// dist/esm, and lit, zod and react come from the app's own node_modules. JSX through Vite's built-in
// transform (automatic runtime), .vue files through @vue/compiler-sfc directly, .svelte files through
// Svelte's own Vite plugin (@sveltejs/vite-plugin-svelte), as a Svelte 5 app builds them.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, type Alias, type BuildEnvironmentOptions, type Plugin } from 'vite';
import { compileScript, parse } from 'vue/compiler-sfc';
import { repoRoot } from './sandbox.ts';

const appsDirectory = join(repoRoot, 'test/e2e/apps');

export const appEntries = ['react-wrapper', 'react-element', 'react-unset-api', 'vue', 'svelte'] as const;
export type AppName = (typeof appEntries)[number];

type ExportTarget = string | { default?: string };

/** `paid-checkout`, `paid-checkout/react`, … exactly as package.json `exports` maps them. */
export async function packageAliases(): Promise<Alias[]> {
  const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { name: string; exports: Record<string, ExportTarget> };
  return Object.entries(pkg.exports).flatMap(([subpath, target]) => {
    const file = typeof target === 'string' ? target : target.default;
    if (!file?.endsWith('.js')) return [];
    const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    return [{ find: new RegExp(`^${specifier.replace(/[/.]/g, '\\$&')}$`), replacement: join(repoRoot, file) }];
  });
}

// The same option the docs give @vitejs/plugin-vue (test/e2e/snippets/vue-vite.config.js).
const isCustomElement = (tag: string): boolean => tag === 'paid-checkout';

/** The part of @vitejs/plugin-vue these tests need: `<script setup>` + template, no styles. */
function vueSingleFileComponents(): Plugin {
  return {
    name: 'e2e-vue-sfc',
    transform(code, id) {
      if (!id.endsWith('.vue')) return null;
      const compilerOptions = { isCustomElement };
      const { descriptor, errors } = parse(code, { filename: id, templateParseOptions: compilerOptions });
      if (errors.length > 0) throw errors[0];
      const script = compileScript(descriptor, {
        id: 'e2e',
        inlineTemplate: true,
        templateOptions: { compilerOptions },
      });
      return { code: script.content, map: null };
    },
  };
}

/** Builds every app into a fresh temporary directory; returns it (`<name>.js` per app). */
export async function buildApps(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'paid-checkout-e2e-apps-'));
  await build({
    configFile: false,
    root: appsDirectory,
    logLevel: 'warn',
    mode: 'production',
    resolve: { alias: await packageAliases() },
    plugins: [vueSingleFileComponents(), svelte({ configFile: false })],
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    define: {
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    build: appBuild(outDir, Object.fromEntries(appEntries.map((name) => [name, join(appsDirectory, name === 'vue' || name === 'svelte' ? `${name}.js` : `${name}.jsx`)]))),
  });
  return outDir;
}

/** Vite's `build` options for test apps: each entry of `input` as an unminified ES module `<name>.js` in `outDir`. */
export function appBuild(outDir: string, input: Record<string, string>): BuildEnvironmentOptions {
  return {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    modulePreload: false,
    rolldownOptions: {
      input,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  };
}
