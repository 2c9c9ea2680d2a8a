// The payment cookie [ext]: Paid's client finalizes with `{}` and sends cookies; on a reusable link
// the sandbox answers the payment the browser started (named in a cookie when complete asked for
// 3-D Secure), never another buyer's, and without the cookie still refuses to guess.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { confirmationToken, errorOf, requiresActionOf, startTestSandbox, succeededOf, validCompleteBody, validCreateBody, type Answer } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const threeDsFor = (name: string) =>
  validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds'), customer: { name, email: `${name.toLowerCase()}@example.com` } });

/** The `name=value` a browser sends back for the answer's Set-Cookie (attributes dropped). */
function cookieOf(answer: Answer): string {
  const setCookie = answer.headers['set-cookie'];
  assert.ok(setCookie, `complete set a cookie (${answer.status} ${answer.text.slice(0, 120)})`);
  return setCookie.split(';')[0]!;
}

/** A `{}` finalize as paid-blocks sends it from a browser holding `cookie`. */
function finalizeWith(checkoutId: string, cookie: string | undefined, idempotencyKey?: string): Promise<Answer> {
  return sandbox.post(`/api/public/checkout/${checkoutId}/finalize`, {
    json: {},
    headers: { ...(cookie ? { cookie } : {}), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
  });
}

async function emailOf(customerId: string): Promise<string> {
  return (await sandbox.get<{ email: string }>(`/api/v2/customers/${customerId}`, { key: sandbox.key })).body.email;
}

test('complete that waits for 3-D Secure names its payment in an HttpOnly, SameSite=Lax cookie scoped to this checkout’s public routes; a paid complete sets none', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const answer = await sandbox.complete(checkout.id, threeDsFor('Ada'));
  const started = requiresActionOf(answer);
  const attributes = answer.headers['set-cookie']!.split(';').map((part) => part.trim());
  assert.deepEqual(attributes, [
    `paid_checkout_payment=${started.payment_intent.id}`,
    `Path=/api/public/checkout/${checkout.id}`,
    'Max-Age=86400',
    'HttpOnly',
    'SameSite=Lax',
  ]);
  const paid = await sandbox.complete(checkout.id, validCompleteBody(undefined, { customer: { name: 'Cy', email: 'cy@example.com' } }));
  succeededOf(paid);
  assert.equal(paid.headers['set-cookie'], undefined, 'no payment waits: no cookie');
});

test('a retried complete (the same confirmation token) sets the same cookie again', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const body = threeDsFor('Ada');
  const first = await sandbox.complete(checkout.id, body);
  const again = await sandbox.complete(checkout.id, body);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(cookieOf(again), cookieOf(first));
});

test('two buyers in 3-D Secure on one reusable link, each with their own cookie: each `{}` finalize answers their own payment and order, again the same; without a cookie, 409 payment_intent_required', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const adaAnswer = await sandbox.complete(checkout.id, threeDsFor('Ada'));
  const bobAnswer = await sandbox.complete(checkout.id, threeDsFor('Bob'));
  const [ada, bob] = [requiresActionOf(adaAnswer), requiresActionOf(bobAnswer)];
  const [adaCookie, bobCookie] = [cookieOf(adaAnswer), cookieOf(bobAnswer)];
  assert.notEqual(adaCookie, bobCookie);
  // Bob confirms first: the most recent payment is not what answers Ada.
  await sandbox.authenticate(bob.payment_intent.client_secret, 'succeeded');
  await sandbox.authenticate(ada.payment_intent.client_secret, 'succeeded');

  const adaPaid = succeededOf(await finalizeWith(checkout.id, adaCookie), 'Ada finalize');
  const bobPaid = succeededOf(await finalizeWith(checkout.id, bobCookie), 'Bob finalize');
  assert.equal(adaPaid.payment_intent.id, ada.payment_intent.id);
  assert.equal(bobPaid.payment_intent.id, bob.payment_intent.id);
  assert.notEqual(adaPaid.order_id, bobPaid.order_id);
  assert.equal(await emailOf(adaPaid.customer_id), 'ada@example.com');
  assert.equal(await emailOf(bobPaid.customer_id), 'bob@example.com');
  // A retry answers the same.
  assert.deepEqual(succeededOf(await finalizeWith(checkout.id, adaCookie)), adaPaid);
  // The same Idempotency-Key from both browsers: each still its own (the key is scoped to who asks).
  assert.equal(succeededOf(await finalizeWith(checkout.id, adaCookie, 'shared-key')).order_id, adaPaid.order_id);
  assert.equal(succeededOf(await finalizeWith(checkout.id, bobCookie, 'shared-key')).order_id, bobPaid.order_id);

  const anonymous = await finalizeWith(checkout.id, undefined);
  assert.equal(anonymous.status, 409, anonymous.text);
  assert.equal(errorOf(anonymous).code, 'payment_intent_required', 'no cookie: nobody is guessed');
  // A cookie that names no payment id is no cookie.
  assert.equal(errorOf(await finalizeWith(checkout.id, 'paid_checkout_payment=pi_nosuch')).code, 'payment_intent_required');
  assert.equal(errorOf(await finalizeWith(checkout.id, 'paid_checkout_payment=%3Cscript%3E')).code, 'payment_intent_required');
});

/** Where a paid answer says the receipt went. */
const receiptOf = (answer: Answer) => (succeededOf(answer) as { receipt_email?: string | null }).receipt_email;

/** A complete from a browser that holds `cookie` (another tab's payment of the same checkout). */
function completeWith(checkoutId: string, body: unknown, cookie: string): Promise<Answer> {
  return sandbox.post(`/api/public/checkout/${checkoutId}/complete`, { json: body, headers: { cookie } });
}

test('one browser, two tabs in 3-D Secure on one reusable link (one cookie jar): the `{}` finalize that follows a bank’s approval answers that payment, never the other tab’s still waiting', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const firstAnswer = await sandbox.complete(checkout.id, threeDsFor('Ada'));
  // The second tab's complete carries the first's cookie; the browser keeps the cookie it answers.
  const secondAnswer = await completeWith(checkout.id, threeDsFor('Ada'), cookieOf(firstAnswer));
  const jar = cookieOf(secondAnswer);
  const [first, second] = [requiresActionOf(firstAnswer), requiresActionOf(secondAnswer)];
  // The first tab's bank approves while the second tab's challenge is still open: Paid's client
  // finalizes at once. Told `409 requires_action` (the other tab's), it would say "Payment failed"
  // for a payment taken and ordered, and the buyer might pay again.
  await sandbox.authenticate(first.payment_intent.client_secret, 'succeeded');
  const firstPaid = succeededOf(await finalizeWith(checkout.id, jar), 'the first tab’s finalize');
  assert.equal(firstPaid.payment_intent.id, first.payment_intent.id);
  assert.equal(receiptOf(await finalizeWith(checkout.id, jar)), 'ada@example.com', 'the browser that paid is told where its receipt went');
  await sandbox.authenticate(second.payment_intent.client_secret, 'succeeded');
  const secondPaid = succeededOf(await finalizeWith(checkout.id, jar), 'the second tab’s finalize');
  assert.equal(secondPaid.payment_intent.id, second.payment_intent.id);
  assert.notEqual(secondPaid.order_id, firstPaid.order_id);
  // Nor is a payment of another browser (Bob's cookie) ever answered to this one, or this one's to Bob.
  const bobAnswer = await sandbox.complete(checkout.id, threeDsFor('Bob'));
  assert.equal(errorOf(await finalizeWith(checkout.id, cookieOf(bobAnswer))).code, 'requires_action');
});

test('a browser that paid this link earlier and starts another payment: a `{}` finalize before its bank answers is told it still waits, never the earlier payment’s order', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const earlierAnswer = await sandbox.complete(checkout.id, threeDsFor('Ada'));
  const earlier = requiresActionOf(earlierAnswer);
  await sandbox.authenticate(earlier.payment_intent.client_secret, 'succeeded');
  assert.equal(succeededOf(await finalizeWith(checkout.id, cookieOf(earlierAnswer))).payment_intent.id, earlier.payment_intent.id);
  // Later, the same browser pays again (the cookie names both); its bank has not answered yet.
  const nowAnswer = await completeWith(checkout.id, threeDsFor('Ada'), cookieOf(earlierAnswer));
  const waiting = await finalizeWith(checkout.id, cookieOf(nowAnswer));
  assert.equal(waiting.status, 409, waiting.text);
  assert.equal(errorOf(waiting).code, 'requires_action');
  const now = requiresActionOf(nowAnswer);
  await sandbox.authenticate(now.payment_intent.client_secret, 'succeeded');
  assert.equal(succeededOf(await finalizeWith(checkout.id, cookieOf(nowAnswer))).payment_intent.id, now.payment_intent.id);
});

test('a cookie naming a payment of another checkout is not used: the `{}` finalize is refused as without one', async () => {
  const [mine, other] = [await sandbox.createCheckout(validCreateBody({ singleUse: false })), await sandbox.createCheckout(validCreateBody({ singleUse: false }))];
  const ownAnswer = await sandbox.complete(mine.id, threeDsFor('Ada'));
  await sandbox.complete(mine.id, threeDsFor('Bob'));
  const otherAnswer = await sandbox.complete(other.id, threeDsFor('Eve'));
  const otherStarted = requiresActionOf(otherAnswer);
  await sandbox.authenticate(otherStarted.payment_intent.client_secret, 'succeeded');
  assert.equal(succeededOf(await finalizeWith(other.id, cookieOf(otherAnswer))).payment_intent.id, otherStarted.payment_intent.id, 'the control: on its own checkout it answers');

  const crossed = await finalizeWith(mine.id, cookieOf(otherAnswer));
  assert.equal(crossed.status, 409, crossed.text);
  assert.equal(errorOf(crossed).code, 'payment_intent_required');
  assert.doesNotMatch(crossed.text, new RegExp(otherStarted.payment_intent.id));
  // Ada's own cookie on her checkout: her payment, still waiting for the bank.
  const waiting = await finalizeWith(mine.id, cookieOf(ownAnswer));
  assert.equal(errorOf(waiting).code, 'requires_action');
});

test('a finalize that names its payment (our element) answers that payment whatever cookie comes with it', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const adaAnswer = await sandbox.complete(checkout.id, threeDsFor('Ada'));
  const bob = requiresActionOf(await sandbox.complete(checkout.id, threeDsFor('Bob')));
  await sandbox.authenticate(bob.payment_intent.client_secret, 'succeeded');
  const named = await sandbox.post(`/api/public/checkout/${checkout.id}/finalize`, {
    json: { payment_intent_id: bob.payment_intent.id },
    headers: { cookie: cookieOf(adaAnswer) },
  });
  assert.equal(succeededOf(named).payment_intent.id, bob.payment_intent.id);
});

test('a `{}` finalize of a paid single-use link by anyone holding it says it was paid, never to whom: no receipt email; the buyer’s own browser (its cookie) and a finalize naming the payment still get it', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_analytics' }] }));
  const started = await sandbox.complete(checkout.id, validCompleteBody(['prod_analytics'], { confirmation_token: confirmationToken('threeds'), customer: { name: 'Ada Secret', email: 'ada.secret@example.com' } }));
  const { payment_intent: intent } = requiresActionOf(started);
  assert.equal((await sandbox.authenticate(intent.client_secret, 'succeeded')).status, 200);
  const stranger = await finalizeWith(checkout.id, undefined);
  assert.equal(stranger.status, 200, stranger.text);
  assert.equal(receiptOf(stranger), null);
  assert.ok(!stranger.text.includes('ada.secret'), 'nothing of the buyer’s address');
  assert.equal(receiptOf(await finalizeWith(checkout.id, cookieOf(started))), 'ada.secret@example.com', 'the browser that paid');
  const named = await sandbox.finalize(checkout.id, { body: { payment_intent_id: intent.id } });
  assert.equal(receiptOf(named), 'ada.secret@example.com', 'the client that names its payment');
});
