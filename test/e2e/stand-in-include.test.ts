// The documented Vite config (snippets/vite-stand-in.config.js) as an app would use it: Vite's dev
// server puts the sandbox's Stripe stand-in first in the page's head, and `vite build` leaves it
// out of the production page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer } from 'vite';
import { repoRoot } from './support/sandbox.ts';
import { snippetsDirectory } from './support/snippets.ts';

const standIn = '<script src="http://127.0.0.1:4040/sandbox/stripe-standin.js"></script>';
let app: string;

before(() => {
  app = mkdtempSync(join(tmpdir(), 'paid-checkout-vite-app-'));
  // The app's own Vite: this repository's, as an installed dependency would be.
  symlinkSync(join(repoRoot, 'node_modules'), join(app, 'node_modules'), 'dir');
  copyFileSync(join(snippetsDirectory, 'vite-stand-in.config.js'), join(app, 'vite.config.js'));
  writeFileSync(join(app, 'main.js'), "document.body.dataset.ready = 'yes';\n");
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html>\n<html><head><title>Shop</title></head><body><script type="module" src="/main.js"></script></body></html>\n',
  );
});

after(() => rmSync(app, { recursive: true, force: true }));

test('on the dev server the page loads the stand-in, first in its head', async () => {
  const server = await createServer({ root: app, configFile: join(app, 'vite.config.js'), logLevel: 'silent', server: { middlewareMode: true } });
  try {
    const page = await server.transformIndexHtml('/index.html', readFileSync(join(app, 'index.html'), 'utf8'));
    const head = page.slice(page.indexOf('<head>') + '<head>'.length);
    assert.ok(head.trimStart().startsWith(standIn), page);
  } finally {
    await server.close();
  }
});

test('the production build leaves the stand-in out of the page', async () => {
  await build({ root: app, configFile: join(app, 'vite.config.js'), logLevel: 'silent', build: { outDir: join(app, 'dist') } });
  const page = readFileSync(join(app, 'dist/index.html'), 'utf8');
  assert.match(page, /<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/, 'the app itself is built');
  assert.doesNotMatch(page, /stripe-standin/);
});
