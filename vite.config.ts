// The script-tag files: `dist/paid-checkout.js` (ES module) and `dist/paid-checkout.iife.js`
// (classic script), each self-contained: lit, zod/mini, the Stripe loader and the element.
// Stripe.js itself loads from Stripe at run time. scripts/build.mjs runs the other builds.
import { defineConfig } from 'vite';
import { compressBundlePlugin } from './scripts/compress-bundle.ts';
import { minifyLitTemplates } from './scripts/minify-lit-templates.ts';

export default defineConfig({
  plugins: [minifyLitTemplates(), compressBundlePlugin()],
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
      output: {
        minify: true,
        comments: false,
        postBanner:
          '/*! paid-checkout. Bundles lit (BSD-3-Clause, Copyright (c) 2017 Google LLC), zod (MIT, Copyright (c) 2025 Colin McDonnell) and @stripe/stripe-js (MIT, Copyright (c) 2017 Stripe); their licenses: https://www.npmjs.com/package/lit, /zod, /@stripe/stripe-js */',
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
