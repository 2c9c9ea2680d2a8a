// The demo's merchant webhook endpoint: configured with Paid's SDK at start, it refuses deliveries
// whose signature does not verify (400), takes each paid-webhook-id once, and provisions a paid
// checkout from billing-checkout-completed alone; the success page says whether it has arrived.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PaidClient } from '@paid-ai/paid-node';
import { startDemo, type Demo } from '../../../../demo/app.ts';
import { isSignedByPaid } from '../../../../demo/merchant/webhook-signature.ts';
import { signatureHeaderFor, signingSecretFor, verifyWebhookSignature, type WebhookSender } from '../../../../sandbox/webhooks/index.ts';
import { openScenario, payAnalytics, readSuccessPage, whenRecorded } from '../support.ts';

let demo: Demo;
let paid: PaidClient;
/** While set, the sandbox's deliveries wait for it (to see the success page before the webhook). */
let held: Promise<void> | null = null;
const holdingSender: WebhookSender = async (url, init) => {
  if (held) await held;
  return fetch(url, init);
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

function completedEvent(eventId: string, checkoutId: string): string {
  return JSON.stringify({
    id: eventId,
    type: 'billing-checkout-completed',
    createdAt: new Date().toISOString(),
    data: { object: { id: checkoutId, status: 'completed', orderId: `ord_${checkoutId}`, externalCustomerId: 'user_webhook_test' } },
  });
}

async function deliver(body: string, headers: Record<string, string>): Promise<{ status: number; body: { code?: string; duplicate?: boolean } }> {
  const response = await fetch(`${demo.origin}/merchant/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as { code?: string; duplicate?: boolean } };
}

const newEventId = () => `evt_test_${randomBytes(8).toString('hex')}`;

describe("the demo's merchant webhook endpoint", () => {
  before(async () => {
    demo = await startDemo({ port: 0, webhooks: { send: holdingSender } });
    paid = new PaidClient({ token: demo.sandbox.secretKey, baseUrl: `${demo.origin}/api/v2` });
  });

  after(() => demo.close());

  it('is where the merchant server pointed billing-checkout-completed at start, with the account’s signing secret', async () => {
    const { data } = await paid.webhooks.listWebhooks();
    const completed = data.find((webhook) => webhook.name === 'billing-checkout-completed');
    assert.equal(completed?.enabled, true);
    assert.equal(completed?.url, `${demo.origin}/merchant/webhooks`);
    assert.equal(demo.signingSecret, signingSecretFor(demo.sandbox.secretKey));
  });

  it('provisions a paid checkout from the webhook alone, when the customer never reaches the success page', { timeout: 10_000 }, async () => {
    const visit = await openScenario(demo.origin, 'new-customer');
    const { orderId } = await payAnalytics(demo.origin, visit.checkoutId, { withCustomer: true });
    await whenRecorded(demo.fulfilments, () => demo.fulfilments.provisioned(visit.checkoutId) !== undefined);
    const provisioned = demo.fulfilments.provisioned(visit.checkoutId);
    assert.equal(provisioned?.source, 'webhook');
    assert.equal(provisioned?.orderId, orderId);
    assert.equal(provisioned?.externalCustomerId, visit.userId);
    assert.equal(demo.fulfilments.deliveries().filter((delivery) => delivery.checkoutId === visit.checkoutId).length, 1);
  });

  it('says "not yet" on the success page until the webhook arrives, then "yes"', { timeout: 10_000 }, async () => {
    let release = () => {};
    held = new Promise((resolve) => (release = resolve));
    try {
      const visit = await openScenario(demo.origin, 'new-customer');
      await payAnalytics(demo.origin, visit.checkoutId, { withCustomer: true });
      const before = await readSuccessPage(demo.origin, visit.checkoutId, visit.cookie);
      assert.equal(before.verified, true);
      assert.equal(before.webhookReceived, false);
      assert.match(before.html, /received:\s+not yet/);
      assert.equal(demo.fulfilments.provisioned(visit.checkoutId)?.source, 'return');
      release();
      await whenRecorded(demo.fulfilments, () => demo.fulfilments.completedWebhookReceived(visit.checkoutId));
      const later = await readSuccessPage(demo.origin, visit.checkoutId, visit.cookie);
      assert.equal(later.webhookReceived, true);
      assert.match(later.html, /received:\s+yes/);
      assert.equal(demo.fulfilments.provisioned(visit.checkoutId)?.source, 'return', 'the webhook confirms what the return provisioned');
    } finally {
      release();
      held = null;
    }
  });

  it('refuses with 400 a delivery whose signature does not verify, and logs nothing of it', async () => {
    const eventId = newEventId();
    const body = completedEvent(eventId, 'chk_forged');
    const timestamp = nowSeconds();
    const cases: Array<[string, string, Record<string, string>]> = [
      ['signed with another secret', body, { 'paid-signature': signatureHeaderFor(body, signingSecretFor('sk_test_someone_else'), timestamp) }],
      ['a body changed after signing', body.replace('chk_forged', 'chk_changed'), { 'paid-signature': signatureHeaderFor(body, demo.signingSecret, timestamp) }],
      ['signed too long ago', body, { 'paid-signature': signatureHeaderFor(body, demo.signingSecret, timestamp - 600) }],
      ['without a signature', body, {}],
    ];
    for (const [label, sent, headers] of cases) {
      const answer = await deliver(sent, { 'paid-webhook-id': eventId, ...headers });
      assert.equal(answer.status, 400, label);
      assert.equal(answer.body.code, 'bad_signature', label);
    }
    assert.equal(demo.fulfilments.deliveries().some((delivery) => delivery.eventId === eventId), false);
    assert.equal(demo.fulfilments.provisioned('chk_forged'), undefined);
    assert.equal(demo.fulfilments.provisioned('chk_changed'), undefined);
  });

  it('takes a signed delivery once when it is delivered twice', async () => {
    const eventId = newEventId();
    const checkoutId = `chk_twice_${randomBytes(4).toString('hex')}`;
    const body = completedEvent(eventId, checkoutId);
    const headers = { 'paid-webhook-id': eventId, 'paid-signature': signatureHeaderFor(body, demo.signingSecret, nowSeconds()) };
    const first = await deliver(body, headers);
    const second = await deliver(body, headers);
    assert.deepEqual([first.status, second.status], [200, 200], 'both answered 200, so the sender stops retrying');
    assert.equal(second.body.duplicate, true);
    assert.equal(demo.fulfilments.deliveries().filter((delivery) => delivery.eventId === eventId).length, 1);
    assert.equal(demo.fulfilments.provisioned(checkoutId)?.orderId, `ord_${checkoutId}`);
  });

  it('refuses a signed delivery whose paid-webhook-id is not the event it carries', async () => {
    const eventId = newEventId();
    const body = completedEvent(eventId, 'chk_mislabelled');
    const answer = await deliver(body, { 'paid-webhook-id': newEventId(), 'paid-signature': signatureHeaderFor(body, demo.signingSecret, nowSeconds()) });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'bad_event_id');
    assert.equal(demo.fulfilments.provisioned('chk_mislabelled'), undefined);
  });
});

describe("the merchant's few lines of signature checking (docs/EMBEDDING.md)", () => {
  const secret = signingSecretFor('sk_test_paid_sandbox_dev');
  const body = completedEvent('evt_table', 'chk_table');
  const now = new Date();
  const timestamp = Math.floor(now.getTime() / 1000);
  const good = signatureHeaderFor(body, secret, timestamp);
  const goodV1 = good.split('v1=')[1] ?? '';
  const cases: Array<[string, string, string | undefined]> = [
    ['a good signature', body, good],
    ['one good v1 among several (a secret being rotated)', body, `t=${timestamp},v1=${'0'.repeat(64)},v1=${goodV1}`],
    ['a body changed after signing', `${body} `, good],
    ['another secret', body, signatureHeaderFor(body, signingSecretFor('sk_other'), timestamp)],
    ['a timestamp six minutes old', body, signatureHeaderFor(body, secret, timestamp - 360)],
    ['a signed timestamp changed', body, good.replace(`t=${timestamp}`, `t=${timestamp + 1}`)],
    ['no v1', body, `t=${timestamp}`],
    ['no header', body, undefined],
    ['a truncated v1', body, good.slice(0, -2)],
  ];

  for (const [label, sent, header] of cases) {
    it(`agrees with the sandbox's verifier on ${label}`, () => {
      const sandboxVerdict = verifyWebhookSignature(sent, header, secret, { now: () => now }).ok;
      assert.equal(isSignedByPaid(Buffer.from(sent), header, secret, now), sandboxVerdict);
    });
  }

  it('accepts a good signature and refuses a forged one (so the table above can tell them apart)', () => {
    assert.equal(isSignedByPaid(Buffer.from(body), good, secret, now), true);
    assert.equal(isSignedByPaid(Buffer.from(body), good, signingSecretFor('sk_other'), now), false);
  });
});
