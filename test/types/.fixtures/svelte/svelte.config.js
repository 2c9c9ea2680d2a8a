// svelte-check's settings for these fixtures (its own, so that it does not read the repository's vite.config.ts).
export default {};
