// The build's last compression step (scripts/compress-bundle.ts): smaller code that computes the
// same, the licence banner kept, and a source map that still leads each byte to its source file.
import assert from 'node:assert/strict';
import { SourceMap } from 'node:module';
import { test } from 'node:test';
import MagicString, { Bundle } from 'magic-string';
import { compressBundle, compressBundlePlugin } from '../../../scripts/compress-bundle.ts';

const pricing = [
  'function lineTotal(unitAmount, quantity) {',
  '  const total = unitAmount * quantity;',
  '  return total;',
  '}',
].join('\n');
const summary = [
  'export function describe(quantity) {',
  '  const label = "seats in summary.ts";',
  '  if (quantity === 1) { return "one " + label; }',
  '  return quantity + " " + label + " for " + lineTotal(1500, quantity);',
  '}',
].join('\n');

/** Two source files joined as a bundler would, with the map of the join. */
function bundleOfTwoFiles() {
  const bundle = new Bundle();
  bundle.addSource({ filename: 'src/pricing.ts', content: new MagicString(pricing) });
  bundle.addSource({ filename: 'src/summary.ts', content: new MagicString(summary) });
  const code = `/*! licence banner */\n/* a note for nobody */\n${bundle.toString()}\n//# sourceMappingURL=bundle.js.map`;
  // The banner's two lines come before the bundle: the map's lines move down by two.
  const map = bundle.generateMap({ hires: true, includeContent: true });
  map.mappings = `;;${map.mappings}`;
  return { code, map: map.toString() };
}

async function load(code: string): Promise<{ describe: (quantity: number) => string }> {
  // A data: module cannot resolve a relative map file.
  const withoutMap = code.replace(/\/\/# sourceMappingURL=\S+$/, '');
  return import(`data:text/javascript,${encodeURIComponent(withoutMap)}`);
}

test('the compressed module is smaller and answers exactly as the original', async () => {
  const { code, map } = bundleOfTwoFiles();
  const compressed = await compressBundle(code, map, { module: true, mapFileName: 'bundle.js.map' });
  assert.ok(compressed.code.length < code.length, `${compressed.code.length} < ${code.length}`);
  const [before, after] = [await load(code), await load(compressed.code)];
  for (const quantity of [1, 2, 7]) assert.equal(after.describe(quantity), before.describe(quantity));
});

test('the licence banner stays, other comments go, and the file names its map', async () => {
  const { code, map } = bundleOfTwoFiles();
  const { code: compressed } = await compressBundle(code, map, { module: true, mapFileName: 'bundle.js.map' });
  assert.match(compressed, /^\/\*! licence banner \*\//);
  assert.doesNotMatch(compressed, /a note for nobody/);
  assert.match(compressed, /\n\/\/# sourceMappingURL=bundle\.js\.map$/);
  assert.equal(compressed.match(/sourceMappingURL/g)?.length, 1);
});

test('the composed map leads a byte of the compressed file back to its source file and line', async () => {
  const { code, map } = bundleOfTwoFiles();
  const compressed = await compressBundle(code, map, { module: true, mapFileName: 'bundle.js.map' });
  assert.ok(compressed.map);
  const sourceMap = new SourceMap(JSON.parse(compressed.map));
  const lines = compressed.code.split('\n');
  const line = lines.findIndex((text) => text.includes('seats in summary.ts'));
  assert.ok(line >= 0);
  const entry = sourceMap.findEntry(line, lines[line]!.indexOf('seats in summary.ts'));
  assert.ok('originalSource' in entry, 'the literal has a mapping');
  assert.match(entry.originalSource, /src\/summary\.ts$/);
  assert.equal(entry.originalLine, 1, 'the label is on the second line of summary.ts');
});

test('without a map in, no map comes out, and a classic script is compressed too', async () => {
  const script = 'var unused = 1;\nwindow.answer = function () { var x = 40; return x + 2; };';
  const compressed = await compressBundle(script, undefined, { module: false });
  assert.equal(compressed.map, undefined);
  assert.doesNotMatch(compressed.code, /sourceMappingURL/);
  const scope: { answer?: () => number } = {};
  new Function('window', compressed.code)(scope);
  assert.equal(scope.answer?.(), 42);
});

test('a catalog ships without its source map or its comment; every other chunk keeps both', async () => {
  const { code, map } = bundleOfTwoFiles();
  const chunk = (fileName: string) => ({ type: 'chunk', fileName, code, map, sourcemapFileName: `${fileName}.map` });
  const asset = (fileName: string) => ({ type: 'asset', fileName, source: JSON.stringify(map) });
  const bundle: Record<string, Record<string, unknown>> = {
    'locales/fr-Ab12Cd34.js': chunk('locales/fr-Ab12Cd34.js'),
    'locales/fr-Ab12Cd34.js.map': asset('locales/fr-Ab12Cd34.js.map'),
    'checkout-chunk-Ab12Cd34.js': chunk('checkout-chunk-Ab12Cd34.js'),
    'checkout-chunk-Ab12Cd34.js.map': asset('checkout-chunk-Ab12Cd34.js.map'),
  };
  const plugin = compressBundlePlugin() as unknown as { generateBundle(output: { format: string }, bundle: object): Promise<void> };
  await plugin.generateBundle({ format: 'es' }, bundle);
  assert.deepEqual(Object.keys(bundle).sort(), ['checkout-chunk-Ab12Cd34.js', 'checkout-chunk-Ab12Cd34.js.map', 'locales/fr-Ab12Cd34.js']);
  assert.doesNotMatch(bundle['locales/fr-Ab12Cd34.js']!.code as string, /sourceMappingURL/);
  assert.match(bundle['checkout-chunk-Ab12Cd34.js']!.code as string, /\/\/# sourceMappingURL=checkout-chunk-Ab12Cd34\.js\.map$/);
});
