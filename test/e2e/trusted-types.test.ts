// The ES module on a page that enforces Trusted Types, as docs/EMBEDDING.md §8 documents it: the
// production CSP plus `require-trusted-types-for 'script'` and `trusted-types default lit-html`
// (snippets/content-security-policy-trusted-types.txt), and the page's `default` policy loaded
// first from 'self' (snippets/trusted-types.js). The element adds Stripe.js's tag itself here (no
// stand-in preloaded): its URL passes the page's default policy, and Chromium serves the stand-in
// at Stripe.js's own URL, which this machine cannot reach. Chromium only: Firefox ESR's and
// WebKitGTK's drivers here (WebDriver BiDi through puppeteer, WebDriver classic) have no way to
// answer for https://js.stripe.com; engines.test.ts's `trusted-types` journey covers all three
// with the stand-in already on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { watchPage } from './support/browser.ts';
import { merchantPage } from './support/pages.ts';
import { newBuyer, pay } from './support/purchase.ts';
import { createSession, readSession, repoRoot } from './support/sandbox.ts';
import { openShop } from './support/shop.ts';
import { documentedCsp, fillPlaceholders, readSnippet } from './support/snippets.ts';

const stripeJsUrl = 'https://js.stripe.com/endive/stripe.js';
const standIn = readFileSync(`${repoRoot}sandbox/stripe-standin.js`, 'utf8');

const { sandbox, shop, browser } = await openShop();
shop.page('/trusted-types.js', { body: readSnippet('trusted-types.js'), contentType: 'text/javascript' });
shop.page('/checkout-events.js', { body: readSnippet('checkout-events.js'), contentType: 'text/javascript' });

test('ES module under the documented CSP with Trusted Types enforced: Stripe.js through the default policy, purchase, no violation', async () => {
  const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
  const [header, production] = documentedCsp();
  const [trustedTypesHeader, trustedTypes] = documentedCsp('content-security-policy-trusted-types.txt');
  assert.equal(trustedTypesHeader, header);
  assert.match(trustedTypes, /^require-trusted-types-for 'script'; trusted-types [^;]+$/);
  // The production header with the two directives added, the API's origin swapped for the sandbox's.
  const policy = fillPlaceholders(`${production}; ${trustedTypes}`, { apiBase: sandbox.url });
  const snippet = fillPlaceholders(readSnippet('script-module.html'), { cdn: '/dist/', checkoutId: session.id, apiBase: sandbox.url });
  shop.page('/trusted-types', {
    headers: { [header]: policy },
    body: merchantPage({
      title: 'Trusted Types',
      sandboxUrl: sandbox.url,
      standIn: false,
      head: '<script src="/trusted-types.js"></script>',
      body: snippet,
    }),
  });

  const page = await browser.newPage();
  const report = await watchPage(page);
  let stripeJsServed = 0;
  await page.route('https://js.stripe.com/**', (route) => {
    if (route.request().url() !== stripeJsUrl) return route.abort();
    stripeJsServed += 1;
    return route.fulfill({ body: standIn, contentType: 'text/javascript' });
  });
  const response = await page.goto(`${shop.url}/trusted-types`);
  assert.equal((await response?.allHeaders())?.['content-security-policy'], policy);

  const status = page.locator('#checkout-status');
  await assert.doesNotReject(status.filter({ hasText: `Checkout ${session.id} is ready.` }).waitFor({ timeout: 10_000 }));
  // Stripe.js's tag was added at connect: a refusal would have been reported by now.
  assert.deepEqual(await report.violations(), [], 'no securitypolicyviolation event');
  await pay(page, newBuyer('trusted-types'));
  await status.filter({ hasText: /^Paid: order / }).waitFor({ timeout: 15_000 });
  assert.equal(await status.textContent(), `Paid: order ${(await readSession(sandbox, session.id)).orderId}.`);

  // The element added the one Stripe.js tag (the stand-in was not on the page before it), through
  // the page's default policy.
  assert.equal(stripeJsServed, 1, 'Stripe.js fetched once, from its URL');
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('script[src^="https://js.stripe.com/"]')].map((script) => (script as HTMLScriptElement).src)), [stripeJsUrl]);
  assert.deepEqual(await report.violations(), [], 'no securitypolicyviolation event');
  assert.deepEqual(report.errors, []);

  // The policy is in force, and its refusals are seen: another script URL is refused and reported.
  const refused = await page.evaluate(() => {
    const script = document.createElement('script');
    try {
      script.src = '/dist/paid-checkout.js';
      return 'assigned';
    } catch (error) {
      return (error as Error).name;
    }
  });
  assert.equal(refused, 'TypeError');
  assert.deepEqual(
    (await report.violations()).map((violation) => violation.split(' ')[0]),
    ['require-trusted-types-for'],
  );
  await page.close();
});

test('the same page without its default policy: Stripe.js is refused and reported, and the element says so (stripe_unavailable)', async () => {
  const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
  const [header, production] = documentedCsp();
  const [, trustedTypes] = documentedCsp('content-security-policy-trusted-types.txt');
  const snippet = fillPlaceholders(readSnippet('script-module.html'), { cdn: '/dist/', checkoutId: session.id, apiBase: sandbox.url });
  shop.page('/no-default-policy', {
    headers: { [header]: fillPlaceholders(`${production}; ${trustedTypes}`, { apiBase: sandbox.url }) },
    body: merchantPage({ title: 'Trusted Types, no default policy', sandboxUrl: sandbox.url, standIn: false, body: snippet }),
  });
  const page = await browser.newPage();
  const report = await watchPage(page);
  const warned: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warned.push(message.text());
  });
  await page.route('https://js.stripe.com/**', (route) => route.fulfill({ body: standIn, contentType: 'text/javascript' }));
  await page.goto(`${shop.url}/no-default-policy`);

  // checkout-events.js logs the error event's code, message and recoverable.
  await page.getByText('The secure payment form couldn’t load.').waitFor({ timeout: 15_000 });
  assert.ok(warned.some((line) => line.startsWith('stripe_unavailable ') && line.endsWith(' true')), `console: ${warned.join(' | ')}`);
  assert.equal(await page.evaluate(() => document.querySelectorAll('script[src^="https://js.stripe.com/"]').length), 0);
  const violations = await report.violations();
  assert.ok(violations.length > 0 && violations.every((violation) => violation.startsWith('require-trusted-types-for ')), violations.join('\n'));
  assert.deepEqual(report.errors, [], 'no uncaught error: the refusal is the element\'s stripe_unavailable');
  await page.close();
});
