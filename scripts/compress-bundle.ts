// The build's last step for the script-tag files: Terser's compressor over what Rolldown's own
// minifier wrote, with a source map that still leads each byte to its source file.
// Why both: on this bundle, Rolldown's minifier alone gives 41.37 kB gzip, Terser alone
// 41.44 kB, and Terser's compressor after Rolldown's 41.00 kB (measured on the same sources).
import { minify, type MinifyOptions } from 'terser';
import type { Plugin } from 'vite';

const terserOptions: MinifyOptions = {
  ecma: 2020,
  compress: {
    // A third pass still finds work the second left (an English purchase 19 B smaller).
    passes: 3,
    // Statements stay statements: joined into comma sequences they repeat less, and an English
    // purchase gzips 28 B larger (44,084 B against 44,112).
    sequences: false,
    // A parameter a function never reads goes (lit's property-name marker, then, is inlined as the
    // identity it is). Nothing bundled reads a function's `length`.
    keep_fargs: false,
    // No `unsafe_arrows`: it made function expressions arrows (−65 B on an English purchase), which
    // breaks any of them a library constructs with `new` or reads the `prototype` of. None did when
    // it was checked by hand (session 12's review), but nothing would catch a library update that
    // does, and only the built files, on the paths no journey runs, would fail.
  },
  // Rolldown's minifier has named every variable, by how often each is used: renamed again they
  // gzip 11 B larger.
  mangle: false,
  // The one licence banner (`/*! … */`) stays.
  format: { comments: /^!/ },
};

/** `code` compressed again, with the map composed over `map` (the map of `code` to its sources). */
export async function compressBundle(
  code: string,
  map: string | object | undefined,
  { module, mapFileName }: { module: boolean; mapFileName?: string },
): Promise<{ code: string; map: string | undefined }> {
  const withoutMapComment = code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
  const result = await minify(withoutMapComment, {
    ...terserOptions,
    module,
    sourceMap: map && mapFileName ? { content: typeof map === 'string' ? map : JSON.stringify(map), url: mapFileName } : false,
  });
  if (result.code === undefined) throw new Error('terser returned no code');
  return { code: result.code, map: typeof result.map === 'string' ? result.map : undefined };
}

/** A Vite plugin that runs `compressBundle` over every chunk of the build, and its source map. */
export function compressBundlePlugin(): Plugin {
  return {
    name: 'paid-checkout:compress-bundle',
    apply: 'build',
    enforce: 'post',
    async generateBundle(output, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        let mapFileName = chunk.sourcemapFileName ?? (chunk.map ? `${chunk.fileName}.map` : undefined);
        // A catalog (locales/<lang>-<hash>.js) is one array of strings, the same as its source's
        // values: its map leads nowhere a reader needs, and its comment is 2% of the catalog's
        // 2.5 kB budget (issue 16). It ships without either.
        if (mapFileName && chunk.fileName.startsWith('locales/')) {
          delete bundle[mapFileName];
          mapFileName = undefined;
        }
        const mapAsset = mapFileName ? bundle[mapFileName] : undefined;
        const compressed = await compressBundle(chunk.code, chunk.map ?? undefined, {
          module: output.format === 'es',
          mapFileName: mapFileName?.split('/').pop(),
        });
        chunk.code = compressed.code;
        if (mapAsset?.type === 'asset' && compressed.map) mapAsset.source = compressed.map;
      }
    },
  };
}
