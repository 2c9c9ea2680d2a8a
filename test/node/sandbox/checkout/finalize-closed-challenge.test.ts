// A finalize that names a payment still in its 3-D Secure challenge, on a checkout that has closed
// since (expired, archived), says so (`409 expired` / `archived`), and the element then ends its
// flow and forgets that payment: the closing it was told must stay true, so the payment is
// cancelled and a later approval (a bank's app, a challenge still open on the page) charges nothing.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { confirmationToken, errorOf, requiresActionOf, startTestSandbox, succeededOf, validCompleteBody, validCreateBody } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

interface CheckoutRead {
  status: string;
  orderId: string | null;
  refunds: unknown[];
}

const closings = {
  expired: async () => sandbox.clock.advance(2 * 3_600_000),
  archived: async (id: string) => assert.equal((await sandbox.post(`/api/v2/checkouts/${id}/archive`, { key: sandbox.key })).status, 200),
} as const;

for (const [closed, close] of Object.entries(closings)) {
  test(`a finalize naming a payment in its challenge on a checkout ${closed} since answers 409 ${closed}, and the approval that follows charges nothing`, async () => {
    const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false, expiresAt: new Date(sandbox.clock.now().getTime() + 3_600_000).toISOString() }));
    const started = requiresActionOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') })));
    await close(checkout.id);
    try {
      const before = await sandbox.counts();
      // The element, reloaded (or its page restored, or a new element in its place) during the challenge, asks how it ended.
      const told = await sandbox.finalize(checkout.id, { body: { payment_intent_id: started.payment_intent.id } });
      assert.equal(told.status, 409, told.text);
      assert.equal(errorOf(told).code, closed);
      // The buyer then approves (a challenge still open on the page, a bank's app): refused by the bank.
      const approval = await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded');
      assert.equal(approval.status, 409, `an approval after the buyer was told the checkout ${closed}: ${approval.text}`);
      assert.deepEqual(await sandbox.counts(), before, 'no order, no customer');
      const read = (await sandbox.get<CheckoutRead>(`/api/v2/checkouts/${checkout.id}`, { key: sandbox.key })).body;
      assert.deepEqual([read.orderId, read.refunds], [null, []], 'nothing taken, nothing refunded');
      assert.equal(sandbox.store.paymentIntents.get(started.payment_intent.id)?.state, 'failed');
    } finally {
      sandbox.clock.reset();
    }
  });
}

test('a {} finalize (Paid’s client, the payment cookie, a guess) cancels nothing: an approval after the checkout expired is honoured', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: true, expiresAt: new Date(sandbox.clock.now().getTime() + 3_600_000).toISOString() }));
  const started = requiresActionOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') })));
  sandbox.clock.advance(2 * 3_600_000);
  try {
    assert.equal(errorOf(await sandbox.finalize(checkout.id)).code, 'expired');
    assert.equal((await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded')).status, 200);
    assert.equal(succeededOf(await sandbox.finalize(checkout.id)).payment_intent.id, started.payment_intent.id);
  } finally {
    sandbox.clock.reset();
  }
});

test('a finalize naming a payment in its challenge on a checkout still open cancels nothing: approved, it makes its order', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ singleUse: false }));
  const started = requiresActionOf(await sandbox.complete(checkout.id, validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') })));
  const named = { payment_intent_id: started.payment_intent.id };
  assert.equal(errorOf(await sandbox.finalize(checkout.id, { body: named })).code, 'requires_action');
  assert.equal((await sandbox.authenticate(started.payment_intent.client_secret, 'succeeded')).status, 200);
  assert.equal(succeededOf(await sandbox.finalize(checkout.id, { body: named })).payment_intent.id, started.payment_intent.id);
});
