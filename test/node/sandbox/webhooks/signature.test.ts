// Signed deliveries: what the sandbox sends verifies with the exported verifier and the listed
// secret, and stops verifying when one byte of the body, the secret or the age is wrong.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signatureHeaderFor, signingSecretFor, verifyWebhookSignature } from '../../../../sandbox/webhooks/index.ts';
import { envelopeOf, startReceiver, startTestHub, testApiKeys } from './receiver.ts';

const secret = signingSecretFor(testApiKeys.main);
const body = JSON.stringify({ id: 'evt_1', type: 'billing-invoice-paid', data: { object: { id: 'inv_1' } } });
const signedAt = new Date('2026-12-01T10:00:00Z');
const seconds = signedAt.getTime() / 1000;
const at = (date: Date) => ({ now: () => date });

test('the header is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> under the signing secret, as documented', () => {
  const v1 = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex');
  assert.equal(signatureHeaderFor(body, secret, seconds), `t=${seconds},v1=${v1}`);
});

test('a signature made now verifies, and names its timestamp', () => {
  assert.deepEqual(verifyWebhookSignature(body, signatureHeaderFor(body, secret, seconds), secret, at(signedAt)), { ok: true, timestamp: seconds });
});

test('one changed byte of the body is a bad signature', () => {
  const header = signatureHeaderFor(body, secret, seconds);
  const check = verifyWebhookSignature(body.replace('inv_1', 'inv_2'), header, secret, at(signedAt));
  assert.equal(check.ok ? 'ok' : check.reason, 'bad_signature');
  const bytes = Buffer.from(body);
  const last = bytes.length - 2;
  bytes.writeUInt8(bytes.readUInt8(last) ^ 1, last);
  const flipped = verifyWebhookSignature(bytes, header, secret, at(signedAt));
  assert.equal(flipped.ok ? 'ok' : flipped.reason, 'bad_signature');
});

test('another secret, or another timestamp than the signed one, is a bad signature', () => {
  const header = signatureHeaderFor(body, secret, seconds);
  const otherSecret = verifyWebhookSignature(body, header, signingSecretFor(testApiKeys.no_stripe), at(signedAt));
  assert.equal(otherSecret.ok ? 'ok' : otherSecret.reason, 'bad_signature');
  const moved = verifyWebhookSignature(body, header.replace(`t=${seconds}`, `t=${seconds + 1}`), secret, at(signedAt));
  assert.equal(moved.ok ? 'ok' : moved.reason, 'bad_signature');
});

test('a signature older than the tolerance is too old; within it, it verifies', () => {
  const header = signatureHeaderFor(body, secret, seconds);
  const later = (s: number) => new Date(signedAt.getTime() + s * 1000);
  assert.equal(verifyWebhookSignature(body, header, secret, at(later(300))).ok, true);
  const stale = verifyWebhookSignature(body, header, secret, at(later(301)));
  assert.equal(stale.ok ? 'ok' : stale.reason, 'too_old');
  const widened = verifyWebhookSignature(body, header, secret, { ...at(later(301)), toleranceSeconds: 600 });
  assert.equal(widened.ok, true);
});

test('a missing, repeated or garbled header is malformed', () => {
  const good = signatureHeaderFor(body, secret, seconds);
  for (const header of [undefined, null, '', 'v1=abc', `t=${seconds}`, 't=soon,v1=' + 'a'.repeat(64), `t=${seconds},v1=xyz`, [good, good]]) {
    const check = verifyWebhookSignature(body, header, secret, at(signedAt));
    assert.equal(check.ok ? 'ok' : check.reason, 'malformed', JSON.stringify(header));
  }
});

test('any matching v1 among several verifies, as while a secret is rotated', () => {
  const header = `${signatureHeaderFor(body, 'whsec_old', seconds)},v1=${signatureHeaderFor(body, secret, seconds).split('v1=')[1]}`;
  assert.equal(verifyWebhookSignature(body, header, secret, at(signedAt)).ok, true);
});

const receiver = await startReceiver();
const { hub } = startTestHub();
after(async () => {
  hub.close();
  await receiver.stop();
});

test('a delivery carries the event id, a timestamp and a signature that verifies with the listed secret', async () => {
  hub.update('main', 'billing-checkout-created', { url: receiver.url, enabled: true });
  const eventId = hub.emit('main', 'billing-checkout-created', { checkoutId: 'chk_sig', object: { id: 'chk_sig', status: 'active' } });
  await receiver.log.until((entries) => entries.length === 1);
  const [request] = receiver.log.entries;
  assert.ok(request);
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers['paid-webhook-id'], eventId);
  const check = verifyWebhookSignature(request.body, request.headers['paid-signature'], hub.list('main').signingSecret);
  assert.deepEqual(check, { ok: true, timestamp: Number(request.headers['paid-webhook-timestamp']) });
  const envelope = envelopeOf(request);
  assert.deepEqual({ ...envelope, createdAt: typeof envelope.createdAt }, {
    id: eventId, type: 'billing-checkout-created', createdAt: 'string', account: 'main', data: { object: { id: 'chk_sig', status: 'active' } },
  });
  assert.equal(verifyWebhookSignature(request.body, request.headers['paid-signature'], hub.list('no_stripe').signingSecret).ok, false);
});
