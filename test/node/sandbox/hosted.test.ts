// What the sandbox serves to a browser besides the API: the hosted checkout page, the element's
// script and its chunks, the Stripe stand-in and its 3-D Secure side door; and its start-up options.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../../sandbox/app.ts';
import {
  assertCors,
  confirmationToken,
  errorOf,
  paymentIntentOf,
  requiresActionOf,
  send,
  startTestSandbox,
  validCompleteBody,
  validCreateBody,
  type CheckoutObject,
} from './support.ts';

const sandbox = await startTestSandbox();
const scratch = await mkdtemp(join(tmpdir(), 'paid-sandbox-test-'));
after(async () => {
  await sandbox.close();
  await rm(scratch, { recursive: true, force: true });
});

test('the hosted page of a checkout loads the stand-in, then the element as a module, pointed at the sandbox', async () => {
  const checkout = await sandbox.createCheckout();
  const page = await sandbox.get(`/checkout/${checkout.id}`);
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'] ?? '', /^text\/html/);
  const standIn = page.text.indexOf('<script src="/sandbox/stripe-standin.js"></script>');
  const element = page.text.indexOf('<script type="module" src="/paid-checkout.js"></script>');
  assert.ok(standIn >= 0 && element > standIn, 'the stand-in comes before the element');
  assert.ok(page.text.includes(`<paid-checkout checkout-id="${checkout.id}" api-base="${sandbox.url}">`), page.text);
  assert.match(page.text, /test mode|sandbox/i, 'the page says it is a sandbox');
});

test('an unknown checkout page is a 404 page that does not echo the address', async () => {
  const hostile = '%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E';
  for (const id of ['chk_doesnotexist000000', hostile]) {
    const page = await sandbox.get(`/checkout/${id}`);
    assert.equal(page.status, 404);
    assert.match(page.headers['content-type'] ?? '', /^text\/html/);
    assert.ok(!page.text.includes('<script>alert(1)</script>'), 'nothing of the address is reflected as markup');
    assert.ok(!page.text.includes('<paid-checkout'), 'no widget for a checkout that does not exist');
  }
});

test('a spoofed Host header changes neither the checkout url nor the hosted page origin', async () => {
  const answer = await sandbox.post<CheckoutObject>('/api/v2/checkouts', {
    key: sandbox.key,
    json: validCreateBody(),
    headers: { host: 'evil.example' },
  });
  assert.equal(answer.status, 201);
  assert.equal(answer.body.url, `${sandbox.url}/checkout/${answer.body.id}`);
  const page = await sandbox.get(`/checkout/${answer.body.id}`, { headers: { host: 'evil.example' } });
  assert.ok(!page.text.includes('evil.example'), 'the page never points the element at another origin');
});

test('the Stripe stand-in is served as JavaScript that any origin may load', async () => {
  const script = await sandbox.get('/sandbox/stripe-standin.js');
  assert.equal(script.status, 200);
  assert.match(script.headers['content-type'] ?? '', /javascript/);
  assert.equal(script.headers['access-control-allow-origin'], '*');
  assert.ok(script.text.length > 1000);
});

test('the element script is served from elementScriptPath with its map, and a missing build says to run npm run build', async () => {
  const built = join(scratch, 'paid-checkout.js');
  await writeFile(built, 'export const built = "yes";\n');
  await writeFile(`${built}.map`, '{"version":3,"sources":[],"mappings":""}');
  const withBuild = await startSandbox({ port: 0, elementScriptPath: built });
  const withoutBuild = await startSandbox({ port: 0, elementScriptPath: join(scratch, 'missing.js') });
  try {
    const script = await send(withBuild.url, 'GET', '/paid-checkout.js');
    assert.equal(script.status, 200);
    assert.match(script.headers['content-type'] ?? '', /javascript/);
    assert.equal(script.text, 'export const built = "yes";\n');
    assert.equal(script.headers['access-control-allow-origin'], '*', 'a module script from another origin needs CORS');
    const map = await send(withBuild.url, 'GET', '/paid-checkout.js.map');
    assert.equal(map.status, 200);
    assert.equal(map.text, '{"version":3,"sources":[],"mappings":""}');
    const missing = await send(withoutBuild.url, 'GET', '/paid-checkout.js');
    assert.equal(missing.status, 404);
    assert.ok(missing.text.includes('run `npm run build` first'), missing.text);
  } finally {
    await withBuild.close();
    await withoutBuild.close();
  }
});

test('the chunks the element fetches from beside its script are served with CORS; nothing else of its folder is', async () => {
  const folder = join(scratch, 'chunked');
  await mkdir(join(folder, 'locales'), { recursive: true });
  const built = join(folder, 'paid-checkout.js');
  await writeFile(built, 'import "./paid-checkout-core-AbC_12-z.js";\n');
  await writeFile(join(folder, 'paid-checkout-core-AbC_12-z.js'), 'export const core = 1;\n');
  await writeFile(join(folder, 'checkout-chunk-Zy9-8xWv.js'), 'export const chunk = 1;\n');
  await writeFile(join(folder, 'checkout-chunk-Zy9-8xWv.js.map'), '{"version":3}');
  await writeFile(join(folder, 'locales', 'fr-BiO6SZva.js'), 'export const fr = [];\n');
  await writeFile(join(folder, 'sandbox-shared-S_7bPoVv.js'), 'secret');
  await writeFile(join(folder, 'notes.js'), 'secret');
  const chunked = await startSandbox({ port: 0, elementScriptPath: built });
  try {
    for (const [path, body] of [
      ['/paid-checkout-core-AbC_12-z.js', 'export const core = 1;\n'],
      ['/checkout-chunk-Zy9-8xWv.js', 'export const chunk = 1;\n'],
      ['/locales/fr-BiO6SZva.js', 'export const fr = [];\n'],
      // With the query a retry adds (src/chunks.ts).
      ['/checkout-chunk-Zy9-8xWv.js?retry=1', 'export const chunk = 1;\n'],
    ] as const) {
      const file = await send(chunked.url, 'GET', path);
      assert.equal(file.status, 200, path);
      assert.match(file.headers['content-type'] ?? '', /javascript/, path);
      assert.equal(file.text, body, path);
      assert.equal(file.headers['access-control-allow-origin'], '*', `${path}: a module from another origin needs CORS`);
    }
    const map = await send(chunked.url, 'GET', '/checkout-chunk-Zy9-8xWv.js.map');
    assert.equal(map.status, 200);
    assert.match(map.headers['content-type'] ?? '', /json/);
    for (const path of ['/sandbox-shared-S_7bPoVv.js', '/notes.js', '/locales/../notes.js', '/checkout-chunk-NotBuilt.js']) {
      assert.equal((await send(chunked.url, 'GET', path)).status, 404, path);
    }
  } finally {
    await chunked.close();
  }
});

test('publicUrl sets the origin of checkout urls and of the hosted page', async () => {
  const behindProxy = await startSandbox({ port: 0, publicUrl: 'https://pay.example.com' });
  try {
    const created = await send<CheckoutObject>(behindProxy.url, 'POST', '/api/v2/checkouts', { key: behindProxy.secretKey, json: validCreateBody() });
    assert.equal(created.status, 201);
    assert.equal(created.body.url, `https://pay.example.com/checkout/${created.body.id}`);
    const page = await send(behindProxy.url, 'GET', `/checkout/${created.body.id}`);
    assert.ok(page.text.includes('api-base="https://pay.example.com"'));
  } finally {
    await behindProxy.close();
  }
});

test('secretKey sets the key, and seed false starts with an empty catalog', async () => {
  const empty = await startSandbox({ port: 0, secretKey: 'sk_test_custom_key', seed: false });
  try {
    assert.equal(empty.secretKey, 'sk_test_custom_key');
    const products = await send<{ data: unknown[] }>(empty.url, 'GET', '/api/v2/products', { key: 'sk_test_custom_key' });
    assert.equal(products.status, 200);
    assert.deepEqual(products.body.data, []);
    assert.equal((await send(empty.url, 'GET', '/api/v2/products', { key: 'sk_test_paid_sandbox_dev' })).status, 401);
    assert.equal((await send(empty.url, 'GET', '/api/v2/orders/ord_ada', { key: 'sk_test_custom_key' })).status, 404);
  } finally {
    await empty.close();
  }
});

test('the 3-D Secure side door refuses a bad outcome, an unknown intent, and answers CORS preflights', async () => {
  const checkout = await sandbox.createCheckout();
  const started = await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') }));
  const clientSecret = requiresActionOf(started).payment_intent.client_secret;
  const path = `/sandbox/stripe/payment_intents/${paymentIntentOf(clientSecret)}/authenticate`;

  const badOutcome = await sandbox.post(path, { json: { clientSecret, outcome: 'maybe' } });
  assert.equal(badOutcome.status, 400);
  assert.equal(errorOf(badOutcome).field, 'outcome');
  const extra = await sandbox.post(path, { json: { clientSecret, outcome: 'succeeded', amount: 1 } });
  assert.equal(extra.status, 400);
  const unknown = await sandbox.post('/sandbox/stripe/payment_intents/pi_0000000000000000/authenticate', {
    json: { clientSecret: 'pi_0000000000000000_secret_0000', outcome: 'succeeded' },
  });
  assert.equal(unknown.status, 404);
  const preflight = await send(sandbox.url, 'OPTIONS', path, {
    headers: { origin: 'https://merchant.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  assert.equal(preflight.status, 204);
  assertCors(preflight, 'https://merchant.example', 'the challenge preflight');

  const finalize = await sandbox.finalize(checkout.id);
  assert.equal(finalize.status, 409, 'none of those authenticated the payment');
  assert.equal(errorOf(finalize).code, 'requires_action');
});

test('an unknown route answers 404 JSON, not a crash', async () => {
  for (const path of ['/api/v2/nothing', '/api/public/nothing', '/nothing', '/api/v2/checkouts/chk_x/unknown']) {
    const answer = await sandbox.get(path, { key: sandbox.key });
    assert.equal(answer.status, 404, path);
  }
  assert.equal((await sandbox.get('/api/v2/products', { key: sandbox.key })).status, 200);
});
