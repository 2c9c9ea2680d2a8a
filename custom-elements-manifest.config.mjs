// The Custom Elements Manifest analyzer's settings (run by scripts/build.mjs). package.json's
// `customElements` field is written by hand, so the analyzer must not rewrite it.
export default {
  globs: ['src/paid-checkout.ts', 'src/index.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
