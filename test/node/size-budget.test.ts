// The script-tag file's size budget: dist/paid-checkout.js as `npm run build` makes it, gzip -9.
// Issue 5's goal is 20 kB; the file is 39.5 kB today (lit, zod/mini and the element's own code:
// `npm run bench` prints the breakdown). The budget is today's size and a small margin, so that
// growth fails here and every saving can lower it.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

// 39,600 until issue 10. Since: Paid's public wire (src/api/wire.ts, the { success, data }
// answer, a bad field read from `details`); issue 11's single-use, refund and amount_changed
// codes with their en and fr messages, the {CHECKOUT_ID} fix, one set of customer-field rules,
// the return URL rule, the trial and period-end rule (src/pricing/period.ts), the server's clock
// and the re-quote of a changed amount: 40,952 B measured. Then the words for a too-long field
// and for an email address card payments cannot take (en and fr): 41,146 B; the tier's focus
// ring for Safari's keyboard users (WebKit does not match :focus-visible on a radio reached by
// arrow keys) and for Firefox before 121: 41,195 B. Then dead exports, one focus mechanism and
// the form state read in place, repeated CSS merged (issue 13): 41,064 B. Then one controller per
// feature (session, payment fields, choices, pay attempt: +310 B) and Terser's compressor after
// Rolldown's minifier (scripts/compress-bundle.ts: -370 B): 41,006 B. Then tax before paying
// (issue 15: the quote's schema, request and controller, the taxed summary and its rows, the
// VAT number field and its format table, the words in en and fr): 43,449 B. Worth winning back
// (issue 5's notes: the French catalog alone is about 2 kB of it; issue 16 loads it on demand).
const BUDGET_GZIP_BYTES = 43_500;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

test(`the script-tag file is at most ${BUDGET_GZIP_BYTES} bytes gzipped`, async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'paid-checkout-size-'));
  try {
    // The sources as they are now, built with the script-tag config into a scratch directory.
    await build({
      root: repoRoot,
      configFile: join(repoRoot, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
    const file = await readFile(join(outDir, 'paid-checkout.js'));
    const text = file.toString('utf8');
    assert.match(text, /customElements\.define\([`"]paid-checkout[`"]/, 'the built file defines <paid-checkout>');
    // The libraries it bundles keep their copyright and license notice, once, at the top.
    assert.match(text, /^\/\*! paid-checkout\. Bundles lit \(BSD-3-Clause, Copyright \(c\) 2017 Google LLC\), zod \(MIT, .*@stripe\/stripe-js \(MIT, Copyright \(c\) 2017 Stripe\)/);
    // A production build: no developer diagnostics (src/diagnostics.ts) in it.
    assert.doesNotMatch(text, /npx paid-checkout-sandbox|stripe-standin\.js/, 'the production file carries no developer advice');
    const gzip = gzipSync(file, { level: 9 }).length;
    assert.ok(gzip <= BUDGET_GZIP_BYTES, `dist/paid-checkout.js is ${gzip} bytes gzipped, over its budget of ${BUDGET_GZIP_BYTES}`);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
