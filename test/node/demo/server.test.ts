// `npm run demo`'s server: one process and one port serving the sandbox API, the merchant's
// scenario pages (each creating a session with the secret key) and the hosted checkout pages.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../../scripts/engines.ts';
import { after, before, describe, it } from 'node:test';
import { publicCheckout } from '../../../src/api/schemas.ts';


let demo: ChildProcess;
let origin = '';

async function page(path: string): Promise<{ status: number; text: string; type: string }> {
  const response = await fetch(`${origin}${path}`);
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
}

/** Opens a scenario as a customer would and returns the checkout id the page embeds. */
async function openScenario(slug: string): Promise<{ id: string; html: string }> {
  const { status, text } = await page(`/demo/${slug}`);
  assert.equal(status, 200, text);
  const id = /<paid-checkout checkout-id="(chk_[A-Za-z0-9]+)"/.exec(text)?.[1];
  assert.ok(id, 'the page embeds <paid-checkout> with the new checkout id');
  return { id, html: text };
}

async function readPublic(id: string) {
  const response = await fetch(`${origin}/api/public/checkout/${id}`);
  assert.equal(response.status, 200);
  const raw = await response.text();
  return { raw, checkout: publicCheckout.parse(JSON.parse(raw)) };
}

describe('the demo server', () => {
  before(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    demo = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`the demo did not start: ${output}`)), 15_000);
      demo.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(`${origin}/`)) {
          clearTimeout(timer);
          resolve();
        }
      });
      demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      demo.once('exit', (code) => reject(new Error(`the demo exited with ${code}: ${output}`)));
    });
  });

  after(() => {
    demo.kill('SIGTERM');
  });

  it('lists every scenario on its front page', async () => {
    const { status, text } = await page('/');
    assert.equal(status, 200);
    for (const slug of ['new-customer', 'tiers', 'upgrade', 'add-ons', 'tax-uk', 'tax-us', 'tax-eu-business', 'tax-au', 'tax-upgrade', 'french-dark', 'expired', 'no-stripe']) {
      assert.match(text, new RegExp(`href="/demo/${slug}"`));
    }
  });

  it('creates a session for a new customer that the public API then serves without its metadata', async () => {
    const { id, html } = await openScenario('new-customer');
    assert.match(html, new RegExp(`api-base="${origin}"`));
    assert.match(html, /<script src="\/sandbox\/stripe-standin\.js"><\/script>/);
    assert.doesNotMatch(html, /spring-demo/, 'the page shows no metadata');
    const { raw, checkout } = await readPublic(id);
    assert.equal(checkout.status, 'active');
    assert.equal(checkout.customer, null);
    assert.deepEqual(checkout.products.map((product) => product.id), ['prod_analytics']);
    assert.equal(checkout.successUrl, `${origin}/demo/success?checkout_id={CHECKOUT_ID}`);
    assert.ok(checkout.payments, 'the main account has Stripe connected');
    assert.doesNotMatch(raw, /spring-demo|never shown/);
  });

  it('creates a fresh session on every visit', async () => {
    const first = await openScenario('tiers');
    const second = await openScenario('tiers');
    assert.notEqual(first.id, second.id);
  });

  it('shows Ada her current plan in the upgrade scenario', async () => {
    const { id } = await openScenario('upgrade');
    const { checkout } = await readPublic(id);
    assert.equal(checkout.customer?.id, 'cus_ada');
    assert.equal(checkout.products[0]?.current?.planId, 'plan_analytics_starter');
  });

  it('serves an expired session for the expired scenario', async () => {
    const { id } = await openScenario('expired');
    assert.equal((await readPublic(id)).checkout.status, 'expired');
  });

  it('creates the no-Stripe session on an account without payments', async () => {
    const { id } = await openScenario('no-stripe');
    assert.equal((await readPublic(id)).checkout.payments, null);
  });

  it('tells the visitor of a tax scenario what to type, above the element', async () => {
    const { html } = await openScenario('tax-eu-business');
    assert.match(html, /<p class="lead" id="scenario-description">Choose Germany, postal code 10115, [^<]*VAT number DE123456789[^<]*<\/p>\s*<paid-checkout /);
  });

  it('passes a scenario’s attributes to the element', async () => {
    const { html } = await openScenario('french-dark');
    assert.match(html, /locale="fr" theme="dark"/);
  });

  it('serves the hosted checkout page at the session’s url', async () => {
    const { id } = await openScenario('new-customer');
    const hosted = await page(`/checkout/${id}`);
    assert.equal(hosted.status, 200);
    assert.match(hosted.type, /text\/html/);
    assert.match(hosted.text, new RegExp(`checkout-id="${id}"`));
  });

  it('answers 404 for an unknown scenario', async () => {
    assert.equal((await page('/demo/nope')).status, 404);
  });

  it('answers the browser’s favicon request with no content, not a 404 in the console', async () => {
    assert.equal((await page('/favicon.ico')).status, 204);
  });

  it('shows the success page with the checkout id escaped', async () => {
    const { status, text } = await page(`/demo/success?checkout_id=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    assert.equal(status, 200);
    assert.doesNotMatch(text, /<img src=x/);
    assert.match(text, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});
