// The test bank a redirect payment method leaves for (sandbox/routes/stripe.ts, sandbox/test-bank.ts),
// over HTTP: its page, Approve and Fail posted as its form posts them, and the way back to
// return_url with Stripe's parameters; the payment settled (or failed) as the challenge does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bankVisitOf, returnAddressFor } from '../../../../sandbox/test-bank.ts';
import { confirmationToken, dataOf, newIdempotencyKey, startTestSandbox, validCompleteBody, validCreateBody, type TestSandbox } from '../support.ts';

let sandbox: TestSandbox;
before(async () => {
  sandbox = await startTestSandbox();
});
after(async () => {
  await sandbox.close();
});

const RETURN = 'https://shop.example/pay?plan=pro&x=a%20b#top';

/** A payment waiting for its bank: the checkout, and the bank page's query for it. */
async function waitingPayment() {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_onboarding' }] }));
  const answer = dataOf(
    await sandbox.complete(checkout.id, validCompleteBody(['prod_onboarding'], { confirmation_token: confirmationToken('threeds'), return_url: RETURN }), newIdempotencyKey()),
  );
  assert.equal(answer.status, 'requires_action');
  const intent = answer.payment_intent as { id: string; client_secret: string };
  const query = new URLSearchParams({ payment_intent: intent.id, client_secret: intent.client_secret, return_url: RETURN });
  return { checkout, intent, query };
}

/** The bank page's form, as its hidden fields and the button pressed send it. */
function pressed(page: string, answer: 'approve' | 'fail'): string {
  const fields = [...page.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)].map(([, name, value]) => [
    name!,
    value!.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#39;', "'"),
  ]);
  return new URLSearchParams([...fields, ['answer', answer]]).toString();
}

test('the bank’s page names the payment and its amount, runs no script, and cannot be framed', async () => {
  const { intent, query } = await waitingPayment();
  const page = await sandbox.get(`/sandbox/stripe/bank?${query}`);
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'] ?? '', /^text\/html/);
  assert.match(page.headers['content-security-policy'] ?? '', /default-src 'none'.*frame-ancestors 'none'/);
  assert.ok(page.text.includes(intent.id));
  assert.ok(page.text.includes('>Approve<') && page.text.includes('>Fail<'));
  assert.ok(!/<script/i.test(page.text));
});

test('the bank’s page asks to approve the amount charged in its currency’s own minor units: ¥500, KWD 5.120, $49.00', async () => {
  for (const [currency, amount, shown] of [['jpy', 500, '¥500'], ['kwd', 5120, 'KWD 5.120'], ['usd', 4900, '$49.00']] as const) {
    const product = await sandbox.post<{ id: string }>('/api/v2/products', {
      key: sandbox.key,
      json: { name: `One-off ${currency}`, basePrice: { currency, model: 'one_time', amount, interval: 'one_time' } },
    });
    assert.equal(product.status, 201, product.text);
    const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: product.body.id }] }));
    const body = { ...validCompleteBody([]), currency, selections: [{ product_id: product.body.id, plan_id: null, quantity: 1 }], confirmation_token: confirmationToken('threeds'), return_url: RETURN };
    const answer = dataOf(await sandbox.complete(checkout.id, body, newIdempotencyKey()));
    assert.equal(answer.amount_due, amount);
    const intent = answer.payment_intent as { id: string; client_secret: string };
    const page = await sandbox.get(`/sandbox/stripe/bank?${new URLSearchParams({ payment_intent: intent.id, client_secret: intent.client_secret, return_url: RETURN })}`);
    assert.equal(page.status, 200, page.text);
    // Intl puts a no-break space between a currency's code and its number.
    const text = page.text.replaceAll('\u00a0', ' ');
    assert.ok(text.includes(`of <strong>${shown}</strong>`), `${currency}: ${/Approve payment[^?]*/.exec(text)?.[0]}`);
  }
});

test('Approve settles the payment and sends the customer back to return_url with Stripe’s parameters; finalize answers the order', async () => {
  const { checkout, intent, query } = await waitingPayment();
  const page = await sandbox.get(`/sandbox/stripe/bank?${query}`);
  const answer = await sandbox.post('/sandbox/stripe/bank', { raw: pressed(page.text, 'approve'), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(answer.status, 303);
  assert.equal(
    answer.headers.location,
    `https://shop.example/pay?plan=pro&x=a%20b&payment_intent=${intent.id}&payment_intent_client_secret=${intent.client_secret}&redirect_status=succeeded#top`,
  );
  const read = await sandbox.readCheckout(checkout.id);
  assert.equal(read.status, 'completed');
  const finalized = dataOf(await sandbox.finalize(checkout.id, { body: { payment_intent_id: intent.id }, idempotencyKey: newIdempotencyKey() }));
  assert.equal(finalized.status, 'succeeded');
  // The same answer again changes nothing; the other answer is refused.
  assert.equal((await sandbox.post('/sandbox/stripe/bank', { raw: pressed(page.text, 'approve'), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status, 303);
  assert.equal((await sandbox.post('/sandbox/stripe/bank', { raw: pressed(page.text, 'fail'), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status, 409);
});

test('Fail leaves nothing charged and says failed on the way back; finalize says authentication_failed', async () => {
  const { checkout, intent, query } = await waitingPayment();
  const page = await sandbox.get(`/sandbox/stripe/bank?${query}`);
  const answer = await sandbox.post('/sandbox/stripe/bank', { raw: pressed(page.text, 'fail'), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(answer.status, 303);
  assert.match(answer.headers.location ?? '', /redirect_status=failed#top$/);
  assert.equal((await sandbox.readCheckout(checkout.id)).status, 'active');
  const finalized = await sandbox.finalize(checkout.id, { body: { payment_intent_id: intent.id }, idempotencyKey: newIdempotencyKey() });
  assert.equal(finalized.status, 402);
});

const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const formPost = (body: string, accept = 'application/json') => ({ raw: body, headers: { 'content-type': 'application/x-www-form-urlencoded', accept } });

test('the other answer after the first is a 409 in Paid’s ErrorResponse for a client, and for a person a page that says the payment was already answered and leads back with that answer', async () => {
  const { checkout, intent, query } = await waitingPayment();
  const page = await sandbox.get(`/sandbox/stripe/bank?${query}`);
  assert.equal((await sandbox.post('/sandbox/stripe/bank', formPost(pressed(page.text, 'approve')))).status, 303);

  const client = await sandbox.post('/sandbox/stripe/bank', formPost(pressed(page.text, 'fail')));
  assert.equal(client.status, 409);
  assert.match(client.headers['content-type'] ?? '', /^application\/json/);
  assert.deepEqual(client.body, { error: 'This payment intent has already been authenticated (succeeded).', code: 'payment_intent_unexpected_state' });

  const person = await sandbox.post('/sandbox/stripe/bank', formPost(pressed(page.text, 'fail'), browserAccept));
  assert.equal(person.status, 409);
  assert.match(person.headers['content-type'] ?? '', /^text\/html/);
  assert.match(person.headers['content-security-policy'] ?? '', /default-src 'none'.*frame-ancestors 'none'/);
  assert.ok(person.text.includes(`Payment <code>${intent.id}</code> was already answered (approved).`), person.text);
  const back = /<a href="([^"]+)">Back to the shop<\/a>/.exec(person.text)?.[1]?.replaceAll('&amp;', '&');
  assert.equal(back, `https://shop.example/pay?plan=pro&x=a%20b&payment_intent=${intent.id}&payment_intent_client_secret=${intent.client_secret}&redirect_status=succeeded#top`);
  assert.ok(!/<script/i.test(person.text));
  assert.equal((await sandbox.readCheckout(checkout.id)).status, 'completed', 'the first answer stands');
});

test('a visit that does not hold together is 400; a wrong secret is 404 and changes nothing', async () => {
  const { checkout, intent, query } = await waitingPayment();
  for (const bad of [
    '',
    `payment_intent=${intent.id}&client_secret=${intent.client_secret}&return_url=javascript:alert(1)`,
    `payment_intent=${intent.id}&client_secret=pi_other_secret_1&return_url=${encodeURIComponent(RETURN)}`,
  ]) {
    assert.equal((await sandbox.get(`/sandbox/stripe/bank?${bad}`)).status, 400, bad);
  }
  // Each bad field named, as every 400 of the sandbox names them; a person is shown the sentence.
  const refused = await sandbox.get(`/sandbox/stripe/bank?payment_intent=${intent.id}&client_secret=pi_other_secret_1&return_url=javascript:alert(1)`);
  assert.deepEqual(refused.body, {
    error: 'The request was refused: 2 fields are invalid (client_secret, return_url).',
    code: 'validation_error',
    details: 'client_secret: must be that payment intent’s client secret\nreturn_url: must be an http(s) URL of at most 2048 characters',
    fields: [
      { field: 'client_secret', message: 'must be that payment intent’s client secret' },
      { field: 'return_url', message: 'must be an http(s) URL of at most 2048 characters' },
    ],
  });
  const shown = await sandbox.get('/sandbox/stripe/bank', { headers: { accept: browserAccept } });
  assert.equal(shown.status, 400);
  assert.match(shown.headers['content-type'] ?? '', /^text\/html/);
  assert.ok(shown.text.includes('<p role="alert">The request was refused: 3 fields are invalid (payment_intent, client_secret, return_url).</p>'), shown.text);
  const unanswered = await sandbox.post('/sandbox/stripe/bank', formPost(query.toString()));
  assert.equal(unanswered.status, 400);
  assert.deepEqual((unanswered.body as { fields: unknown }).fields, [{ field: 'answer', message: 'must be approve or fail' }]);
  const forged = new URLSearchParams(query);
  forged.set('client_secret', `${intent.id}_secret_000000000000`);
  forged.set('answer', 'approve');
  const answer = await sandbox.post('/sandbox/stripe/bank', { raw: forged.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(answer.status, 404);
  assert.deepEqual(answer.body, { error: 'No such payment intent.', code: 'not_found' });
  assert.equal(answer.headers.location, undefined);
  assert.equal((await sandbox.readCheckout(checkout.id)).status, 'active');
});

test('bankVisitOf and returnAddressFor: the page’s own parameters kept as written', () => {
  const visit = bankVisitOf(new URLSearchParams({ payment_intent: 'pi_1', client_secret: 'pi_1_secret_2', return_url: 'https://a.example/?q=1+2' }));
  assert.deepEqual(visit, { paymentIntentId: 'pi_1', clientSecret: 'pi_1_secret_2', returnUrl: 'https://a.example/?q=1+2' });
  assert.equal(returnAddressFor(visit!, 'failed'), 'https://a.example/?q=1+2&payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_2&redirect_status=failed');
  assert.equal(bankVisitOf(new URLSearchParams({ payment_intent: 'pi_1', client_secret: 'pi_1_secret_2', return_url: 'ftp://a.example/' })), null);
});
