// The script-tag files: `dist/paid-checkout.js` (ES module) and `dist/paid-checkout.iife.js`
// (classic script): lit, zod/mini, the Stripe loader and the element. The ES module fetches each
// catalog other than English from its own chunk, `dist/locales/<lang>-<hash>.js`, when that
// language is first used; the classic script has them inlined (it cannot import).
// Stripe.js itself loads from Stripe at run time. scripts/build.mjs runs the other builds.
import { defineConfig, type Plugin } from 'vite';
import { compressBundlePlugin } from './scripts/compress-bundle.ts';
import { minifyLitTemplates } from './scripts/minify-lit-templates.ts';

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

export default defineConfig({
  plugins: [minifyLitTemplates(), packCatalogs(), compressBundlePlugin()],
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
      // A chunk loaded later (the resume reader, a catalog) may use a module of the first download:
      // the entry file then exports it too, rather than the bundler moving it into a further chunk
      // that the first download would have to fetch.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        comments: false,
        chunkFileNames: (chunk) => (isCatalog(chunk.facadeModuleId) ? 'locales/[name]-[hash].js' : '[name]-[hash].js'),
        // Not on a locale chunk: it bundles no library.
        postBanner: (chunk) =>
          isCatalog(chunk.facadeModuleId) ? '' : '/*! paid-checkout. Bundles lit (BSD-3-Clause, Copyright (c) 2017 Google LLC), zod (MIT, Copyright (c) 2025 Colin McDonnell) and @stripe/stripe-js (MIT, Copyright (c) 2017 Stripe); their licenses: https://www.npmjs.com/package/lit, /zod, /@stripe/stripe-js */',
      },
    },
    lib: {
      entry: 'src/index.ts',
      name: 'PaidCheckout',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'paid-checkout.js' : 'paid-checkout.iife.js'),
    },
  },
});
