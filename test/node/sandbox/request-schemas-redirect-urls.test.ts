// Where a checkout may send its buyer: successUrl and cancelUrl are https, or http on the buyer's
// own machine; and `{CHECKOUT_ID}` is filled in however the merchant wrote it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, startTestSandbox, succeededOf, validCompleteBody, validCreateBody } from './support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const create = (body: Record<string, unknown>) => sandbox.post('/api/v2/checkouts', { key: sandbox.key, json: validCreateBody(body) });

test('an http successUrl or cancelUrl on a public host is refused at creation, naming the field, and nothing is created', async () => {
  for (const field of ['successUrl', 'cancelUrl']) {
    for (const url of ['http://shop.example/thanks', 'HTTP://shop.example/thanks', 'http://localhost.shop.example/', 'http://10.0.0.1/', 'http://[::ffff:7f00:1]/']) {
      const before = await sandbox.total('checkouts');
      const answer = await create({ [field]: url });
      assert.equal(answer.status, 400, `${field} ${url}: ${answer.text}`);
      assert.equal(errorOf(answer).code, 'validation_error');
      assert.deepEqual(errorOf(answer).errors?.map((problem) => problem.field), [field], `${field} ${url}`);
      assert.match(errorOf(answer).errors?.[0]?.message ?? '', /https/);
      assert.equal(await sandbox.total('checkouts'), before);
    }
  }
});

test('http on localhost, 127.0.0.0/8 or [::1] is accepted, and https on any host', async () => {
  for (const url of ['http://localhost:5173/thanks', 'http://127.0.0.1:8080/', 'http://127.9.9.9/', 'http://[::1]:3000/', 'https://shop.example/thanks', 'https://10.0.0.1/']) {
    assert.equal((await create({ successUrl: url, cancelUrl: url })).status, 201, url);
  }
});

test('the redirect after payment fills in {CHECKOUT_ID} written in any case, raw or percent-encoded', async () => {
  const checkout = await sandbox.createCheckout(
    validCreateBody({ successUrl: 'https://shop.example/%7BCHECKOUT_ID%7d/thanks?a=%7bCHECKOUT_ID%7D&b={checkout_id}' }),
  );
  const paid = succeededOf(await sandbox.complete(checkout.id, validCompleteBody()));
  assert.equal(paid.redirect_url, `https://shop.example/${checkout.id}/thanks?a=${checkout.id}&b=${checkout.id}`);
});
