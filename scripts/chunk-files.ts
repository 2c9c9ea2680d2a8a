// Names the element's chunks for its retries (src/chunks.ts): in each built file that reads
// `__PAID_CHECKOUT_CHUNKS__`, the identifier becomes a table from each chunk's source under src/
// (`checkout/checkout-chunk.ts`) to its file relative to that file (`checkout-chunk-<hash>.js`),
// or null where no file is known to the page (a classic script has its chunks inlined; a
// bundler's build is renamed by the app's bundler). Edited with magic-string: the source map holds.
import { posix, relative } from 'node:path';
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

const IDENTIFIER = '__PAID_CHECKOUT_CHUNKS__';

type Mode = 'table' | 'none';

/**
 * `table`: the build's ES output is what the page loads (the script-tag files); `none`: it is not.
 * Its `api.withMode(mode)` is the same plugin in another mode (scripts/build.mjs, which cannot
 * import this file, takes it from vite.config.ts).
 */
export function chunkFilesPlugin(mode: Mode, sourceRoot: string): Plugin<{ withMode: (mode: Mode) => Plugin }> {
  return {
    name: 'paid-checkout:chunk-files',
    apply: 'build',
    api: { withMode: (other) => chunkFilesPlugin(other, sourceRoot) },
    renderChunk(code, chunk, options, meta) {
      if (!code.includes(IDENTIFIER)) return null;
      let value = 'null';
      if (mode === 'table' && options.format === 'es') {
        // Relative to the file that reads the table: a relative import() is resolved against it.
        const here = posix.dirname(chunk.fileName);
        const files: Record<string, string> = {};
        for (const [fileName, other] of Object.entries(meta.chunks)) {
          if (!other.isDynamicEntry || !other.facadeModuleId?.startsWith(sourceRoot)) continue;
          files[relative(sourceRoot, other.facadeModuleId).split('\\').join('/')] = posix.relative(here, fileName);
        }
        value = JSON.stringify(files);
      }
      const edited = new MagicString(code);
      edited.replaceAll(IDENTIFIER, value);
      return { code: edited.toString(), map: edited.generateMap({ hires: true }) };
    },
  };
}
