// The package as its users receive it, without a browser: the entries in Node with no DOM, the
// published types through tsc, custom-elements.json, the framework types generated from it (tsc,
// vue-tsc and svelte-check over test/types) and the editors' data, what `npm pack` publishes, the
// sandbox library (paid-checkout/sandbox) and command, and the docs' snippets and reference tables against their sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedSnippets, embeddingDocPath, manifestElement, publicProperties, renderEmbeddingDoc, snippetFiles } from './support/docs.ts';
import { assertBuilt, repoRoot } from './support/sandbox.ts';
import { checkFixtures, type Framework } from '../types/check.ts';

assertBuilt();

interface NodeImportReport {
  imported: Array<{ specifier: string; exports: string[] }>;
  defined: boolean;
  defines: number;
  sameClass: boolean | null;
  hasHTMLElement: boolean;
}

function importInNode(...args: string[]): NodeImportReport {
  const result = spawnSync(process.execPath, [join(repoRoot, 'test/e2e/fixtures/import-in-node.mjs'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(result.status, 0, `node exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as NodeImportReport;
}

test('Node without a DOM (SSR) imports paid-checkout, /element and /react; a second copy of the main entry defines nothing', () => {
  const report = importInNode();
  assert.equal(report.hasHTMLElement, false, 'no DOM in this process');
  assert.deepEqual(report.imported, [
    { specifier: 'paid-checkout', exports: ['PaidCheckoutElement'] },
    { specifier: 'paid-checkout/element', exports: ['PaidCheckoutElement'] },
    { specifier: 'paid-checkout/react', exports: ['PaidCheckout'] },
  ]);
  assert.equal(report.defined, true, 'the main entry registered the tag');
  assert.equal(report.defines, 0, 'the second copy did not call customElements.define');
  assert.equal(report.sameClass, true);
});

test('paid-checkout/element exports the class without defining the tag', () => {
  const report = importInNode('element');
  assert.deepEqual(report.imported, [{ specifier: 'paid-checkout/element', exports: ['PaidCheckoutElement'] }]);
  assert.equal(report.defined, false);
});

test('the published types: tag map, event map, properties and the React props type-check (tsc)', () => {
  const tsc = join(repoRoot, 'node_modules/.bin/tsc');
  const result = spawnSync(tsc, ['-p', join(repoRoot, 'test/e2e/.types/tsconfig.json')], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(result.status, 0, `tsc:\n${result.stdout}${result.stderr}`);
});

test('custom-elements.json declares the attributes, properties, events, CSS parts, custom properties and slot', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { customElements?: string };
  assert.equal(pkg.customElements, 'custom-elements.json');
  const element = manifestElement();
  assert.equal(element.customElement, true);
  assert.deepEqual(
    element.attributes?.map((attribute) => [attribute.name, attribute.fieldName]),
    [['checkout-id', 'checkoutId'], ['api-base', 'apiBase'], ['locale', 'locale'], ['theme', 'theme'], ['debug', 'debug']],
  );
  const properties = publicProperties(element).map((property) => property.name);
  for (const name of ['checkoutId', 'apiBase', 'locale', 'theme', 'debug', 'state']) assert.ok(properties.includes(name), `property ${name}`);
  assert.deepEqual(element.events?.map((event) => event.name), [
    'paid-checkout-ready',
    'paid-checkout-change',
    'paid-checkout-complete',
    'paid-checkout-error',
    'paid-checkout-before-confirm',
    'paid-checkout-statechange',
  ]);
  assert.deepEqual(element.cssParts?.map((part) => part.name).sort(), ['error', 'field', 'form', 'input', 'pay-button', 'product', 'summary', 'tier']);
  const customProperties = element.cssProperties?.map((property) => property.name) ?? [];
  for (const name of ['--paid-color-accent', '--paid-color-text', '--paid-color-background', '--paid-radius', '--paid-font-family']) {
    assert.ok(customProperties.includes(name), `custom property ${name}`);
  }
  assert.deepEqual(element.slots?.map((slot) => slot.name), ['payment']);
  for (const entry of [...(element.events ?? []), ...(element.cssParts ?? []), ...(element.cssProperties ?? [])]) {
    assert.ok(entry.description, `${entry.name} is described`);
  }
});

test('custom-elements.json types every event from PaidCheckoutEventMap, and documents every event of the map', () => {
  const events = manifestElement().events as Array<{ name: string; type?: { text: string } }>;
  const declared = readFileSync(join(repoRoot, 'dist/types/events.d.ts'), 'utf8');
  const eventMap = /interface PaidCheckoutEventMap \{([^}]*)\}/.exec(declared)?.[1] ?? '';
  const mapped = [...eventMap.matchAll(/'([\w-]+)': (\w+);/g)].map(([, name, alias]) => ({ name: name!, alias: alias! }));
  assert.ok(mapped.length >= 4, 'PaidCheckoutEventMap read from dist/types/events.d.ts');
  assert.deepEqual(events.map((event) => event.name).sort(), mapped.map((entry) => entry.name).sort(), 'the @fires tags name exactly the events of PaidCheckoutEventMap');
  for (const { name, alias } of mapped) {
    const detail = new RegExp(`type ${alias} = (CustomEvent<\\w+>);`).exec(declared)?.[1];
    assert.equal(events.find((event) => event.name === name)?.type?.text, detail, `${name} is typed as its ${alias}`);
  }
});

test('package.json exports the framework types and the editors\' data, and `npm pack` publishes every file it exports', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>>; 'web-types': string; scripts: Record<string, string | undefined> };
  for (const subpath of ['./jsx', './jsx/preact', './jsx/solid', './vue', './svelte', './web-types.json', './vscode.html-custom-data.json', './vscode.css-custom-data.json']) {
    assert.ok(pkg.exports[subpath], `exports ${subpath}`);
  }
  assert.equal(pkg['web-types'], './dist/web-types.json');
  // `files` publishes whatever dist/ holds: a publish builds it from the sources first.
  assert.match(pkg.scripts.prepublishOnly ?? '', /scripts\/build\.mjs/, 'npm publish runs the build first');
  const packed = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(packed.status, 0, packed.stderr);
  const files = new Set((JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((file) => file.path));
  const targets = [pkg['web-types'], ...Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)))];
  assert.deepEqual(targets.map((target) => target.replace(/^\.\//, '')).filter((path) => !files.has(path)), [], 'every export target is in the tarball');
  const webTypes = JSON.parse(readFileSync(join(repoRoot, 'dist/web-types.json'), 'utf8')) as {
    contributions: { html: { elements: Array<{ name: string; attributes: Array<{ name: string; value: { type: string } }> }> } };
  };
  const htmlData = JSON.parse(readFileSync(join(repoRoot, 'dist/vscode.html-custom-data.json'), 'utf8')) as {
    tags: Array<{ name: string; attributes: Array<{ name: string; values: Array<{ name: string }> }> }>;
  };
  const attributes = manifestElement().attributes!.map((attribute) => attribute.name);
  const jetBrains = webTypes.contributions.html.elements.find((element) => element.name === 'paid-checkout')?.attributes ?? [];
  const vsCode = htmlData.tags.find((tag) => tag.name === 'paid-checkout')?.attributes ?? [];
  assert.deepEqual(jetBrains.map((attribute) => attribute.name), attributes, 'web-types.json (JetBrains)');
  assert.deepEqual(vsCode.map((attribute) => attribute.name), attributes, 'vscode.html-custom-data.json');
  // Editors offer the theme's values, not the name of its type.
  assert.equal(jetBrains.find((attribute) => attribute.name === 'theme')?.value.type, "'light' | 'dark' | 'auto'");
  assert.deepEqual(vsCode.find((attribute) => attribute.name === 'theme')?.values.map((value) => value.name), ['light', 'dark', 'auto']);
});

test('the package carries its own license and, beside the files that bundle libraries, their notices and license texts', () => {
  const packed = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(packed.status, 0, packed.stderr);
  const files = new Set((JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((file) => file.path));
  assert.ok(files.has('LICENSE'), 'LICENSE is published');
  assert.ok(files.has('dist/THIRD-PARTY-LICENSES.txt'), 'the notices are published');
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { license: string };
  assert.match(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'), new RegExp(`^${pkg.license} License`), 'LICENSE is the license package.json names');
  const notices = readFileSync(join(repoRoot, 'dist/THIRD-PARTY-LICENSES.txt'), 'utf8');
  // The script-tag files bundle Lit, zod and Stripe's loader: each one's notice, in its own words.
  for (const library of ['lit-html', 'lit-element', '@lit/reactive-element', 'zod', '@stripe/stripe-js']) {
    const version = (JSON.parse(readFileSync(join(repoRoot, 'node_modules', library, 'package.json'), 'utf8')) as { version: string }).version;
    assert.ok(notices.includes(`${library}@${version} (`), `${library}@${version} is named`);
  }
  assert.ok(notices.includes('Copyright (c) 2017 Google LLC'), 'Lit’s copyright notice');
  assert.ok(notices.includes('Redistributions in binary form must reproduce the above copyright notice'), 'Lit’s BSD-3-Clause conditions');
  assert.ok(notices.includes('Copyright (c) 2025 Colin McDonnell'), 'zod’s copyright notice');
  assert.ok(notices.includes('Copyright (c) 2017 Stripe'), 'Stripe’s copyright notice');
});

const checkers: Record<Framework, [checker: string, entry: string]> = {
  react: ['tsc (TSX, React 19)', 'paid-checkout/jsx'],
  preact: ['tsc (TSX, Preact)', 'paid-checkout/jsx/preact'],
  solid: ['tsc (TSX, Solid)', 'paid-checkout/jsx/solid'],
  vue: ['vue-tsc (a Vue single-file component)', 'paid-checkout/vue'],
  svelte: ['svelte-check (a Svelte 5 component)', 'paid-checkout/svelte'],
};
for (const [framework, [checker, entry]] of Object.entries(checkers) as Array<[Framework, [string, string]]>) {
  test(`${checker}: the bare element with ${entry} checks clean; a misspelt attribute or property, a wrong handler or a wrong theme fails`, () => {
    const report = checkFixtures(framework);
    const context = `${report.command}\n${report.output}`;
    assert.deepEqual(report.elsewhere, [], context);
    const good = report.fixtures.filter((fixture) => fixture.expected === null);
    const bad = report.fixtures.filter((fixture) => fixture.file.startsWith('fails/'));
    assert.ok(good.length > 0 && bad.length >= 3, `fixtures found: ${report.fixtures.map((fixture) => fixture.file).join(', ')}`);
    for (const fixture of good) assert.deepEqual(fixture.errors, [], `${fixture.file} checks clean\n${context}`);
    for (const fixture of bad) {
      assert.ok(fixture.expected, `${fixture.file} starts with the error it must cause (expect: …)`);
      assert.ok(fixture.errors.some((error) => error.includes(fixture.expected!)), `${fixture.file} fails with "${fixture.expected}"; the checker said: ${fixture.errors.join(' | ') || 'nothing'}`);
    }
    assert.notEqual(report.status, 0, 'the checker exits non-zero on fails/');
  });
}

test('docs/EMBEDDING.md: every snippet block is its tested file, and the reference is custom-elements.json', () => {
  const doc = readFileSync(embeddingDocPath, 'utf8');
  const embedded = new Set(embeddedSnippets(doc));
  assert.deepEqual(snippetFiles().filter((file) => !embedded.has(file)), [], 'every snippet file is in the doc');
  // Equal to what `npx tsx test/e2e/sync-docs.ts` would write: snippets and tables are current.
  const written = doc.split('\n');
  const expected = renderEmbeddingDoc(doc).split('\n');
  const line = expected.findIndex((text, index) => text !== written[index]);
  const stale = line === -1 && written.length !== expected.length ? expected.length : line;
  assert.equal(
    stale,
    -1,
    `docs/EMBEDDING.md is stale from line ${stale + 1}:\n  doc:      ${written[stale]}\n  expected: ${expected[stale]}\n` +
      'run `npx tsx test/e2e/sync-docs.ts` (after `npm run build`)',
  );
  for (const image of doc.matchAll(/\]\((images\/[^)]+)\)/g)) {
    assert.doesNotThrow(() => readFileSync(join(repoRoot, 'docs', image[1]!)), `${image[1]} exists`);
  }
});

test('paid-checkout/sandbox resolves by the package name, through package.json exports, to the built library and self-contained types', async () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> };
  const entry = pkg.exports['./sandbox'];
  assert.ok(entry, 'package.json exports ./sandbox');
  // Built before this suite runs (scripts/test.mjs): a missing file fails, never skips.
  const types = readFileSync(join(repoRoot, entry.types), 'utf8');
  assert.doesNotMatch(types, /from\s+['"]\.{1,2}\//, 'the types import no repository module');
  for (const name of ['startSandbox', 'standInPath', 'RunningSandbox', 'SandboxClock', 'SandboxReceipt']) assert.match(types, new RegExp(`\\b${name}\\b`));

  // A package may import itself by its own name: the same resolution a user's project gets. The
  // name is held in a variable so that the type-check (which runs before any build) does not look for dist/.
  const specifier = 'paid-checkout/sandbox';
  const library = (await import(specifier)) as typeof import('../../sandbox/library.ts');
  const sandbox = await library.startSandbox();
  try {
    const products = await fetch(`${sandbox.url}/api/v2/products`, { headers: { authorization: `Bearer ${sandbox.secretKey}` } });
    assert.equal(products.status, 200);
    await products.arrayBuffer();
    assert.equal(library.standInPath, join(repoRoot, 'dist/stripe-standin.js'));
    const standIn = await fetch(sandbox.standInUrl);
    assert.equal(await standIn.text(), readFileSync(library.standInPath, 'utf8'));
  } finally {
    await sandbox.stop();
  }
});

test('npx paid-checkout-sandbox: the bin serves the API, the element and the stand-in, and stops cleanly', async () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const bin = pkg.bin['paid-checkout-sandbox'];
  assert.ok(bin, 'package.json bin has paid-checkout-sandbox');
  // From another directory, as in a user's project: the bin must find its files by itself.
  const child = spawn(process.execPath, [join(repoRoot, bin), '--port', '0'], { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 10_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /listening on (http:\/\/\S+)/.exec(output);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const created = await fetch(`${url}/api/v2/checkouts`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_paid_sandbox_dev', 'content-type': 'application/json' },
      body: JSON.stringify({ products: [{ id: 'prod_analytics' }], successUrl: 'https://shop.example/thanks' }),
    });
    assert.equal(created.status, 201);
    const { url: hostedUrl } = (await created.json()) as { url: string };
    for (const [path, type] of [[hostedUrl.slice(url.length), 'text/html'], ['/paid-checkout.js', 'javascript'], ['/sandbox/stripe-standin.js', 'javascript']] as const) {
      const response = await fetch(`${url}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', new RegExp(type), path);
      await response.arrayBuffer();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0, 'exit 0 on SIGTERM');
    }
  }
});
