// Builds the self-contained script-tag file `dist/paid-checkout.js` (lit, zod/mini, the Stripe
// loader and the element; Stripe.js itself loads from Stripe at run time).
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    rolldownOptions: { output: { minify: true } },
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'paid-checkout.js',
    },
  },
});
