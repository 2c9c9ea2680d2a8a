// The sandbox's root page: `GET /` says what runs, where, its keys, routes and test cards, and lists
// the latest checkouts and receipts, with every merchant- or buyer-typed string escaped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSandbox } from '../../../sandbox/app.ts';
import { startSandbox, type RunningSandbox } from '../../../sandbox/library.ts';
import { send, validCompleteBody, validCreateBody } from './support.ts';

/** Every test card the Stripe stand-in knows (its on-screen box lists them all), as 4-digit groups. */
function standInCards(): string[] {
  const source = readFileSync(new URL('../../../sandbox/stripe-standin.js', import.meta.url), 'utf8');
  const table = source.slice(source.indexOf('const TEST_CARD_OUTCOMES'), source.indexOf(']);', source.indexOf('const TEST_CARD_OUTCOMES')));
  const cards = [...table.matchAll(/\['(\d{16})'/g)].map((match) => match[1]!.replace(/(\d{4})(?=\d)/g, '$1 '));
  assert.ok(cards.length >= 5, `read the stand-in's cards: ${cards.join(', ')}`);
  return cards;
}

const HOSTILE_PRODUCT = '<script>alert("product")</script>';
const HOSTILE_NAME = '"><img src=x onerror=alert(1)>';

let sandbox: RunningSandbox;
before(async () => {
  sandbox = await startSandbox({ secretKey: 'sk_test_root_page_1234' });
});
after(() => sandbox.stop());

const rootPage = () => send(sandbox.url, 'GET', '/', { headers: { accept: 'text/html' } });

describe('the root page', () => {
  test('GET / answers an HTML page with the URL, both keys, the routes and the test cards', async () => {
    const page = await rootPage();
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'] ?? '', /^text\/html/);
    for (const text of [
      sandbox.url,
      'sk_test_root_page_1234',
      'sk_test_root_page_1234_no_stripe',
      `${sandbox.url}/api/v2`,
      `${sandbox.url}/api/public/checkout/{id}`,
      sandbox.standInUrl,
      `${sandbox.url}/checkout/{id}`,
      `${sandbox.url}/api/v2/sandbox/receipts`,
      ...standInCards(),
    ]) {
      assert.ok(page.text.includes(text), `the page shows ${text}`);
    }
    assert.ok(!page.text.includes('sk_live'), 'no key but the sandbox’s own');
    assert.match(page.headers['content-security-policy'] ?? '', /default-src 'none'/);
    assert.equal((await send(sandbox.url, 'HEAD', '/')).status, 200);
  });

  test('paths the sandbox does not serve still answer JSON 404s', async () => {
    for (const path of ['/nothing-here', '/api/v2/nothing']) {
      const answer = await send<{ code: string }>(sandbox.url, 'GET', path, { key: sandbox.secretKey });
      assert.equal(answer.status, 404, path);
      assert.match(answer.headers['content-type'] ?? '', /^application\/json/, path);
      assert.equal(answer.body.code, 'not_found', path);
    }
    const posted = await send<{ code: string }>(sandbox.url, 'POST', '/', { json: {} });
    assert.equal(posted.status, 405);
    assert.equal(posted.body.code, 'method_not_allowed');
  });

  test('recent checkouts show their id, status and what was paid; the latest receipts their address and amount', async () => {
    const created = await send<{ id: string }>(sandbox.url, 'POST', '/api/v2/checkouts', { key: sandbox.secretKey, json: validCreateBody() });
    const unpaid = await send<{ id: string }>(sandbox.url, 'POST', '/api/v2/checkouts', { key: sandbox.secretKey, json: validCreateBody() });
    const paid = await send<{ data: { amount_due: number } }>(sandbox.url, 'POST', `/api/public/checkout/${created.body.id}/complete`, {
      json: validCompleteBody(undefined, { customer: { name: 'Annie Easley', email: 'annie@example.com' } }),
    });
    assert.equal(paid.status, 200, paid.text);
    const amount = `$${(paid.body.data.amount_due / 100).toFixed(2)}`;

    const page = (await rootPage()).text;
    const rowOf = (id: string) => page.split('<tr>').find((row) => row.includes(id)) ?? '';
    const paidRow = rowOf(`/checkout/${created.body.id}`);
    assert.match(paidRow, /<td>completed<\/td>/);
    assert.ok(paidRow.includes(amount), `the paid checkout's row shows ${amount}: ${paidRow}`);
    assert.match(rowOf(`/checkout/${unpaid.body.id}`), /<td>active<\/td><td>—<\/td>/);
    const receiptRow = rowOf('annie@example.com');
    assert.ok(receiptRow.includes('Annie Easley') && receiptRow.includes(amount), receiptRow);
    assert.ok(page.indexOf(unpaid.body.id) < page.indexOf(created.body.id), 'newest first');
  });

  test('a merchant’s product name and a buyer’s name are shown as text, never as markup', async () => {
    const product = await send<{ id: string }>(sandbox.url, 'POST', '/api/v2/products', {
      key: sandbox.secretKey,
      json: { name: HOSTILE_PRODUCT, basePrice: { currency: 'usd', model: 'flat', amount: 1500, interval: 'month' } },
    });
    assert.equal(product.status, 201, product.text);
    const checkout = await send<{ id: string }>(sandbox.url, 'POST', '/api/v2/checkouts', {
      key: sandbox.secretKey,
      json: validCreateBody({ products: [{ id: product.body.id }] }),
    });
    const paid = await send(sandbox.url, 'POST', `/api/public/checkout/${checkout.body.id}/complete`, {
      json: validCompleteBody([], {
        selections: [{ product_id: product.body.id, plan_id: null, quantity: 1 }],
        customer: { name: HOSTILE_NAME, email: "o'hara@example.com" },
      }),
    });
    assert.equal(paid.status, 200, paid.text);

    const page = (await rootPage()).text;
    assert.ok(!page.includes(HOSTILE_PRODUCT) && !page.includes('<img'), 'no markup from the merchant or the buyer');
    assert.ok(page.includes('&lt;script&gt;alert(&quot;product&quot;)&lt;/script&gt;'), 'the product name, escaped');
    assert.ok(page.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'), 'the buyer’s name, escaped');
    assert.ok(page.includes('o&#39;hara@example.com'), 'the address, escaped');
    assert.equal(page.match(/<script/g), null, 'the page has no script at all');
  });

  test('a host that embeds the sandbox keeps its own root: createSandbox leaves / to it unless asked', async () => {
    for (const [options, served] of [[{}, false], [{ rootPage: true }, true]] as const) {
      const embedded = createSandbox(options);
      try {
        let status = 0;
        const response = {
          setHeader() {},
          writeHead(code: number) {
            status = code;
          },
          end() {},
          headersSent: false,
        } as unknown as ServerResponse;
        const request = { method: 'GET', url: '/', headers: { host: '127.0.0.1:4000' } } as unknown as IncomingMessage;
        assert.equal(await embedded.handle(request, response), served);
        assert.equal(status, served ? 200 : 0);
      } finally {
        embedded.stop();
      }
    }
  });
});
