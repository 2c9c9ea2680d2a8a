// The script-tag files: `dist/paid-checkout.js` (ES module) and `dist/paid-checkout.iife.js`
// (classic script): lit, zod/mini, the Stripe loader and the element. The ES module's first
// download is what the first render needs (the element, the skeleton, English, the session's
// read): the entry and `dist/paid-checkout-core-<hash>.js`. At connect it fetches, beside the
// session, the checkout chunk (`dist/checkout-chunk-<hash>.js`: the controllers, schemas, pricing,
// Stripe's fields and the form), and each catalog other than English from its own chunk,
// `dist/locales/<lang>-<hash>.js`, when that language is used. The classic script has them all
// inlined (it is one file).
// Stripe.js itself loads from Stripe at run time. scripts/build.mjs runs the other builds.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { chunkFilesPlugin } from './scripts/chunk-files.ts';
import { compressBundlePlugin } from './scripts/compress-bundle.ts';
import { minifyLitTemplates } from './scripts/minify-lit-templates.ts';

/** The element's sources: chunks are named by their module under it (src/chunks.ts). */
const sourceRoot = fileURLToPath(new URL('./src/', import.meta.url));

/** Whether a module is a catalog other than English (src/i18n/<lang>.ts): each is its own chunk. */
function isCatalog(id: string | null | undefined): boolean {
  return !!id && /\/src\/i18n\/(?!en\.ts$|index\.ts$)[\w-]+\.ts$/.test(id);
}

/**
 * Ships each catalog other than English as its messages alone, in the order of the sorted English
 * keys; src/i18n/index.ts's `unpack` puts the keys back. The keys are a quarter of a catalog's gzip
 * bytes (German: 2,945 B with them, 2,158 B without), and a locale chunk's budget is 2.5 kB.
 */
function packCatalogs(): Plugin {
  return {
    name: 'paid-checkout:pack-catalogs',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!isCatalog(id)) return null;
      // A catalog module is one exported object literal of strings and plural forms: data only.
      const name = /^export const (\w+)\s*=/m.exec(code)?.[1];
      const body = code.replace(/^export const \w+\s*=/m, 'return').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
      if (!name || /^\s*(import|export)\b/m.test(body)) throw new Error(`${id}: a catalog must be one exported object and nothing else`);
      const catalog = new Function(body)() as Record<string, unknown>;
      const messages = Object.keys(catalog).sort().map((key) => catalog[key]);
      return { code: `export const ${name} = ${JSON.stringify(messages)};\n`, map: null };
    },
  };
}

/** The libraries a file may bundle, each with its notice, kept once at the top of a file that has it. */
const libraries = [
  { test: /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//, notice: 'lit (BSD-3-Clause, Copyright (c) 2017 Google LLC)', page: 'lit' },
  { test: /node_modules\/zod\//, notice: 'zod (MIT, Copyright (c) 2025 Colin McDonnell)', page: 'zod' },
  { test: /node_modules\/@stripe\//, notice: '@stripe/stripe-js (MIT, Copyright (c) 2017 Stripe)', page: '@stripe/stripe-js' },
];

/** The banner of a file: the notices of the libraries it bundles (none for a file that bundles none, as a catalog). */
function licenseBanner(moduleIds: readonly string[]): string {
  const bundled = libraries.filter((library) => moduleIds.some((id) => library.test.test(id)));
  if (bundled.length === 0) return '';
  const names = bundled.map((library) => library.notice);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  const pages = bundled.map((library, index) => (index === 0 ? `https://www.npmjs.com/package/${library.page}` : `/${library.page}`)).join(', ');
  return `/*! paid-checkout. Bundles ${list}; ${bundled.length > 1 ? 'their licenses' : 'its license'}: ${pages} */`;
}

/**
 * The ES module's files: the entry (`paid-checkout.js`, which only defines the element), the core
 * (`paid-checkout-core-<hash>.js`: all the first render needs), the checkout chunk and the resume
 * reader beside them, and each catalog under locales/.
 */
function chunkFileName(chunk: { facadeModuleId: string | null; isDynamicEntry: boolean }): string {
  if (isCatalog(chunk.facadeModuleId)) return 'locales/[name]-[hash].js';
  return chunk.isDynamicEntry ? '[name]-[hash].js' : 'paid-checkout-core-[hash].js';
}

/** What both outputs share. */
const bothOutputs = {
  minify: true,
  comments: false,
  chunkFileNames: chunkFileName,
  // A banner for the notices of the libraries a file bundles (none on a catalog).
  postBanner: (chunk: { moduleIds: readonly string[] }) => licenseBanner(chunk.moduleIds),
} as const;

export default defineConfig({
  plugins: [minifyLitTemplates(), packCatalogs(), chunkFilesPlugin('table', sourceRoot), compressBundlePlugin()],
  // A production build: the developer diagnostics (src/diagnostics.ts) are left out.
  define: { __PAID_CHECKOUT_DEV__: 'false' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    // Vite leaves an ES library unminified whatever build.minify says; a script-tag file must be
    // small. Its bundler annotations (`/* @__PURE__ */`) serve no later bundler, and the notices
    // of the libraries it bundles are one banner instead of one per module.
    rolldownOptions: {
      // The chunks import the core, never the entry, and the entry exports the element alone: a
      // page that loads the entry by another URL (`paid-checkout.js?v=2`, a CDN's redirect) still
      // gets one copy of every module. Were the chunks to import the entry itself, that page would
      // get a second copy from them: twice the bytes, and two sets of words and error classes.
      preserveEntrySignatures: 'strict',
      // The compressor's many terser passes are most of the build's time, by design (a script-tag
      // file must be small): Rolldown's warning that a plugin took that long is no news.
      checks: { bundlerTimings: false },
      output: [
        {
          ...bothOutputs,
          format: 'es',
          // The first download's modules, all but the entry's own: the core.
          codeSplitting: { groups: [{ name: 'paid-checkout-core', tags: ['$initial'], test: (id) => !id.endsWith('/src/index.ts') }] },
        },
        { ...bothOutputs, format: 'iife', name: 'PaidCheckout' },
      ],
    },
    lib: {
      entry: 'src/index.ts',
      fileName: (format) => (format === 'es' ? 'paid-checkout.js' : 'paid-checkout.iife.js'),
    },
  },
});
