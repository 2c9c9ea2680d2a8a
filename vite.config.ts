// The script-tag files: `dist/paid-checkout.js` (ES module) and `dist/paid-checkout.iife.js`
// (classic script), each self-contained: lit, zod/mini, the Stripe loader and the element.
// Stripe.js itself loads from Stripe at run time. scripts/build.mjs runs the other builds.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    // Vite leaves an ES library unminified whatever build.minify says; a script-tag file must be small.
    rolldownOptions: { output: { minify: true } },
    lib: {
      entry: 'src/index.ts',
      name: 'PaidCheckoutElement',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'paid-checkout.js' : 'paid-checkout.iife.js'),
    },
  },
});
