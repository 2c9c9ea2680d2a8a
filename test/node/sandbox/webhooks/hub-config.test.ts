// Webhook configuration as the SDK's listWebhooks / updateWebhook see it: the nine names in
// Paid's shapes, the url rule (https, or http on loopback), and the refusals and their codes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Paid } from '@paid-ai/paid-node';
import { ApiError } from '../../../../sandbox/http.ts';
import { startTestHub, testApiKeys } from './receiver.ts';

const { hub } = startTestHub();
after(() => hub.close());

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}

test('listWebhooks lists the nine names of the SDK, each disabled without a url at first', () => {
  const listed: Paid.WebhookListResponse = hub.list('main');
  assert.deepEqual(listed.data.map((webhook) => webhook.name), Object.values(Paid.Webhook.Name));
  for (const webhook of listed.data) {
    assert.deepEqual({ ...webhook, id: typeof webhook.id, description: typeof webhook.description }, {
      id: 'string', name: webhook.name, description: 'string', enabled: false, url: null, lastSentAt: null, lastStatus: null,
    });
  }
  assert.equal(new Set(listed.data.map((webhook) => webhook.id)).size, 9, 'each webhook has its own id');
});

test('the two names the sandbox never fires say so in their description', () => {
  const { data } = hub.list('main');
  const silent = data.filter((webhook) => webhook.description.includes('never sends'));
  assert.deepEqual(silent.map((webhook) => webhook.name), ['billing-credits-depleted', 'billing-overage-incurred']);
});

test('the signing secret on the list is whsec_ plus the base64url HMAC of "paid-sandbox-webhooks" under the account key', () => {
  for (const account of ['main', 'no_stripe'] as const) {
    const expected = `whsec_${createHmac('sha256', testApiKeys[account]).update('paid-sandbox-webhooks').digest('base64url')}`;
    assert.equal(hub.list(account).signingSecret, expected);
    assert.equal(hub.signingSecret(account), expected);
  }
  assert.notEqual(hub.list('main').signingSecret, hub.list('no_stripe').signingSecret);
});

test('updateWebhook sets an https url and enables it, and the list then shows the same webhook', () => {
  const updated: Paid.Webhook = hub.update('main', 'billing-checkout-completed', { url: 'https://shop.example/hooks/paid', enabled: true });
  assert.equal(updated.url, 'https://shop.example/hooks/paid');
  assert.equal(updated.enabled, true);
  const listed = hub.list('main').data.find((webhook) => webhook.name === 'billing-checkout-completed');
  assert.deepEqual(listed, updated);
  assert.equal(hub.list('no_stripe').data.find((webhook) => webhook.name === 'billing-checkout-completed')?.enabled, false, 'accounts are apart');
});

test('http is accepted on loopback hosts only: 127.0.0.0/8, ::1 and localhost', () => {
  for (const url of ['http://127.0.0.1:4010/hooks', 'http://127.0.0.2:4010/hooks', 'http://[::1]:4010/hooks', 'http://localhost:4010/hooks']) {
    assert.equal(hub.update('main', 'billing-invoice-paid', { url }).url, url);
  }
});

test('a url that is not https, or http off loopback, is a 400 that names url', () => {
  const refused = [
    'http://example.com/hooks',
    'http://127.0.0.1.example.com/hooks',
    'javascript:alert(1)',
    'ftp://example.com/hooks',
    'https://shop.example\u200b/hooks',
    ' https://shop.example/hooks',
    'https://shop.example/\nhooks',
    'https://user:pass@shop.example/hooks',
    '/hooks',
    `https://shop.example/${'a'.repeat(2048)}`,
  ];
  for (const url of refused) {
    const error = refusal(() => hub.update('main', 'billing-invoice-created', { url }));
    assert.equal(error.status, 400, url);
    assert.equal(error.code, 'validation_error', url);
    assert.deepEqual(error.detail.fields?.map((problem) => problem.field), ['url'], url);
  }
  assert.equal(hub.list('main').data.find((webhook) => webhook.name === 'billing-invoice-created')?.url, null, 'nothing was stored');
});

test('enabled must be a boolean, unknown fields are refused, and every bad field is named', () => {
  const error = refusal(() => hub.update('main', 'billing-invoice-created', { enabled: 'yes', webhookName: 'billing-invoice-created', extra: 1 }));
  assert.equal(error.status, 400);
  assert.deepEqual(error.detail.fields?.map((problem) => problem.field).sort(), ['enabled', 'extra', 'webhookName']);
  for (const body of [null, [], 'url']) assert.equal(refusal(() => hub.update('main', 'billing-invoice-created', body)).status, 400);
});

test('enabling a webhook without a url is a 400 naming url; a url may be cleared while disabled', () => {
  const error = refusal(() => hub.update('main', 'billing-payment-failed', { enabled: true }));
  assert.deepEqual(error.detail.fields?.map((problem) => problem.field), ['url']);
  hub.update('main', 'billing-payment-failed', { url: 'https://shop.example/hooks' });
  assert.equal(refusal(() => hub.update('main', 'billing-payment-failed', { enabled: true, url: null })).status, 400);
  assert.equal(hub.update('main', 'billing-payment-failed', { url: null }).url, null);
});

test('an unknown webhook name is a 404 not_found for update and test', async () => {
  const error = refusal(() => hub.update('main', 'billing-checkout-exploded', { enabled: false }));
  assert.equal(error.status, 404);
  assert.equal(error.code, 'not_found');
  await assert.rejects(hub.test('main', 'billing-checkout-exploded'), (rejection: unknown) => rejection instanceof ApiError && rejection.status === 404);
});

test('testing a webhook that has no url is a 400 webhook_url_missing', async () => {
  await assert.rejects(hub.test('main', 'billing-checkout-expired'), (rejection: unknown) => {
    return rejection instanceof ApiError && rejection.status === 400 && rejection.code === 'webhook_url_missing';
  });
});
