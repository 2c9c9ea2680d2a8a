// The script-tag files on a merchant's own page, on another origin than the API: the classic
// build (CORS, preflighted POSTs), the ES build under the documented strict Content-Security-Policy
// with the documented event listeners and theme, and the element loaded twice on one page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchPage } from './support/browser.ts';
import { merchantPage } from './support/pages.ts';
import { newBuyer, pay } from './support/purchase.ts';
import { createSession, readSession } from './support/sandbox.ts';
import { openShop } from './support/shop.ts';
import { documentedCsp, fillPlaceholders, readSnippet } from './support/snippets.ts';

const { sandbox, shop, browser } = await openShop();
shop.page('/checkout-events.js', { body: readSnippet('checkout-events.js'), contentType: 'text/javascript' });
shop.page('/theme.css', { body: readSnippet('theme.css'), contentType: 'text/css' });

test("classic script on another origin: CORS requests to the API (the page's origin echoed), purchase, success URL", async () => {
  // `localhost` vs the sandbox's 127.0.0.1, and another port: another site, not only another origin.
  const shopOrigin = shop.url.replace('127.0.0.1', 'localhost');
  const session = await createSession(sandbox, `${shopOrigin}/thanks?checkout={CHECKOUT_ID}`);
  const snippet = fillPlaceholders(readSnippet('script-classic.html'), {
    cdn: `${shopOrigin}/dist/`,
    checkoutId: session.id,
    apiBase: sandbox.url,
  });
  shop.page('/classic', { body: merchantPage({ title: 'Classic script', sandboxUrl: sandbox.url, body: snippet }) });

  const page = await browser.newPage();
  const report = await watchPage(page);
  type Call = { method: string; origin: string | undefined; allowOrigin: string | undefined; allowCredentials: string | undefined };
  const apiCalls: Array<Promise<Call>> = [];
  page.on('response', (response) => {
    if (!response.url().startsWith(`${sandbox.url}/api/public/`)) return;
    const request = response.request();
    apiCalls.push(
      Promise.all([request.allHeaders(), response.allHeaders()]).then(([sent, received]) => ({
        method: request.method(),
        origin: sent.origin,
        allowOrigin: received['access-control-allow-origin'],
        allowCredentials: received['access-control-allow-credentials'],
      })),
    );
  });

  await page.goto(`${shopOrigin}/classic`);
  await pay(page, newBuyer('classic'));
  await page.waitForURL(`${shopOrigin}/thanks?**`, { timeout: 15_000 });

  assert.equal(page.url(), `${shopOrigin}/thanks?checkout=${session.id}`);
  assert.equal((await readSession(sandbox, session.id)).status, 'completed');
  const calls = await Promise.all(apiCalls);
  const methods = calls.map((call) => call.method);
  assert.ok(methods.includes('GET') && methods.includes('POST'), `public API calls: ${methods.join(', ')}`);
  for (const call of calls) {
    assert.equal(call.origin, shopOrigin, `${call.method} was a cross-origin request from the shop`);
    // The sandbox answers credentialed requests (paid-blocks sends them), echoing the page's origin.
    assert.equal(call.allowOrigin, shopOrigin, `${call.method}: the page's origin echoed`);
    assert.equal(call.allowCredentials, 'true', `${call.method}: credentials allowed`);
  }
  assert.deepEqual(report.errors, []);
  await page.close();
});

test('the element sends no cookies to the API, though a credentialed request from the same page would carry them', async () => {
  // The shop on 127.0.0.1 and the API on 127.0.0.1 at another port: another origin, the same site,
  // so the API's cookie goes with any request made with credentials.
  const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
  const snippet = fillPlaceholders(readSnippet('script-classic.html'), { cdn: `${shop.url}/dist/`, checkoutId: session.id, apiBase: sandbox.url });
  shop.page('/cookies', { body: merchantPage({ title: 'Cookies', sandboxUrl: sandbox.url, body: snippet }) });
  const context = await browser.newContext();
  await context.addCookies([{ name: 'paid_session', value: 'from-another-visit', url: sandbox.url }]);
  const page = await context.newPage();
  const sent: Array<Promise<{ method: string; cookie: string | undefined }>> = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${sandbox.url}/api/public/`)) sent.push(request.allHeaders().then(({ cookie }) => ({ method: request.method(), cookie })));
  });
  await page.goto(`${shop.url}/cookies`);
  await pay(page, newBuyer('cookies'));
  await page.waitForURL(`${shop.url}/thanks?**`, { timeout: 15_000 });
  const elementCalls = await Promise.all(sent.splice(0));
  assert.ok(elementCalls.some((call) => call.method === 'POST'), `the element's calls: ${elementCalls.map((call) => call.method).join(', ')}`);
  for (const call of elementCalls) assert.equal(call.cookie, undefined, `${call.method} was sent with credentials: 'omit'`);

  // The control: the same read with credentials, as paid-blocks sends it, carries the cookie and is answered.
  const readable = await page.evaluate(async (url) => (await fetch(url, { credentials: 'include' })).ok, `${sandbox.url}/api/public/checkout/${session.id}`);
  assert.equal(readable, true, 'a credentialed read is answered for this origin');
  const [control] = await Promise.all(sent);
  assert.match(control?.cookie ?? '', /paid_session=from-another-visit/);
  await context.close();
});

test('ES module under the documented development CSP: events, theme and purchase, no violation', async () => {
  const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
  const [, production] = documentedCsp();
  const [header, development] = documentedCsp('content-security-policy-development.txt');
  for (const documented of [production, development]) {
    assert.doesNotMatch(documented, /unsafe-inline|unsafe-eval|unsafe-hashes|data:|\*(?!\.)/, 'the documented CSP is strict');
  }
  // The production policy differs only where Stripe.js and Paid's API are: each of its other
  // directives is the development one's.
  const directives = (policy: string) => new Map(policy.split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources.join(' ')]));
  const [inProduction, inDevelopment] = [directives(production), directives(development)];
  for (const name of ['default-src', 'style-src', 'img-src', 'object-src', 'base-uri']) assert.equal(inProduction.get(name), inDevelopment.get(name), name);
  // The development policy exactly as documented, with this run's sandbox for its default origin.
  const policy = fillPlaceholders(development, { sandboxOrigin: sandbox.url });
  const snippet = fillPlaceholders(readSnippet('script-module.html'), { cdn: '/dist/', checkoutId: session.id, apiBase: sandbox.url });
  shop.page('/strict', {
    headers: { [header]: policy },
    body: merchantPage({ title: 'Strict CSP', sandboxUrl: sandbox.url, head: '<link rel="stylesheet" href="/theme.css">', body: snippet }),
  });

  const page = await browser.newPage();
  const report = await watchPage(page);
  const logged: string[] = [];
  page.on('console', (message) => logged.push(message.text()));
  const response = await page.goto(`${shop.url}/strict`);
  assert.equal((await response?.allHeaders())?.['content-security-policy'], policy);

  // The listeners of checkout-events.js, loaded as a file ('self'), ran.
  const status = page.locator('#checkout-status');
  await assert.doesNotReject(status.filter({ hasText: `Checkout ${session.id} is ready.` }).waitFor({ timeout: 10_000 }));

  // theme.css, from 'self': its custom properties and ::part rules reach the shadow DOM.
  const payButton = page.getByRole('button', { name: /^Pay /i });
  await payButton.waitFor();
  const look = await payButton.evaluate((button) => {
    const style = getComputedStyle(button);
    return { background: style.backgroundColor, textTransform: style.textTransform, radius: style.borderTopLeftRadius, font: style.fontFamily };
  });
  assert.deepEqual(look, { background: 'rgb(15, 118, 110)', textTransform: 'uppercase', radius: '12px', font: 'Georgia, "Times New Roman", serif' });

  // The tier cards' labels cover their radios: a customer clicks the card's name.
  await page.locator('label').filter({ hasText: 'Scale' }).click();
  assert.equal(await page.getByRole('radio', { name: /^Scale/ }).isChecked(), true);
  await pay(page, newBuyer('strict-csp'));
  await status.filter({ hasText: /^Paid: order / }).waitFor({ timeout: 15_000 });
  const read = await readSession(sandbox, session.id);
  assert.equal(await status.textContent(), `Paid: order ${read.orderId}.`);
  assert.ok(logged.includes('due today: 9900 usd for 1 product(s)'), `console: ${logged.join(' | ')}`);

  assert.deepEqual(await report.violations(), [], 'no securitypolicyviolation event');
  assert.deepEqual(report.errors, []);
  // The policy is in force: an inline script the page adds does not run.
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    document.head.append(script);
    return (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan === true;
  });
  assert.equal(inlineRan, false);
  await page.close();
});

test('two copies of the ES file and the classic file on one page define the element once, without errors', async () => {
  const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
  shop.page('/twice', {
    body: merchantPage({
      title: 'Loaded three times',
      sandboxUrl: sandbox.url,
      head: `<script type="module" src="/dist/paid-checkout.js?copy=1"></script>
<script type="module" src="/dist/paid-checkout.js?copy=2"></script>
<script defer src="/dist/paid-checkout.iife.js"></script>`,
      body: `<paid-checkout checkout-id="${session.id}" api-base="${sandbox.url}"></paid-checkout>`,
    }),
  });
  const page = await browser.newPage();
  const report = await watchPage(page);
  const scripts: string[] = [];
  page.on('requestfinished', (request) => {
    if (request.url().includes('/dist/paid-checkout')) scripts.push(new URL(request.url()).pathname + new URL(request.url()).search);
  });
  await page.goto(`${shop.url}/twice`);
  await page.getByLabel('Full name').waitFor({ timeout: 10_000 });
  // Both copies of the entry import one core (the chunks import it too, never the entry by its name).
  assert.deepEqual(
    scripts.filter((script) => !/^\/dist\/paid-checkout-core-[\w-]+\.js$/.test(script)).sort(),
    ['/dist/paid-checkout.iife.js', '/dist/paid-checkout.js?copy=1', '/dist/paid-checkout.js?copy=2'],
  );
  assert.equal(scripts.filter((script) => script.startsWith('/dist/paid-checkout-core-')).length, 1, `one core: ${scripts.join(', ')}`);
  assert.deepEqual(report.errors, []);
  assert.equal(await page.locator('paid-checkout').count(), 1);
  assert.equal(await page.getByLabel('Full name').count(), 1);
  await page.close();
});
