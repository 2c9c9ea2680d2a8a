// Webhook delivery over real HTTP: once per event id, in emit order per checkout, retried with
// backoff while the receiver is down or failing, and never a failure for the code that emitted it.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { FiredWebhookName, WebhookHub } from '../../../../sandbox/webhooks/index.ts';
import { accepted, envelopeOf, startReceiver, startTestHub, type Receiver, type ReceivedRequest } from './receiver.ts';

const journey: FiredWebhookName[] = [
  'billing-checkout-created',
  'billing-payment-succeeded',
  'billing-invoice-created',
  'billing-invoice-paid',
  'billing-checkout-completed',
];

interface Emitted {
  id: string;
  checkoutId: string;
  name: FiredWebhookName;
}

const LONG = { timeout: 60_000 };

function enable(hub: WebhookHub, url: string, names: readonly FiredWebhookName[] = journey): void {
  for (const name of names) hub.update('main', name, { url, enabled: true });
}

/** Each checkout's journey, interleaved step by step across the checkouts. */
function emitJourneys(hub: WebhookHub, checkoutIds: readonly string[]): Emitted[] {
  return journey.flatMap((name) =>
    checkoutIds.map((checkoutId) => ({ checkoutId, name, id: hub.emit('main', name, { checkoutId, object: { id: checkoutId, step: name } }) })),
  );
}

async function withReceiver(t: TestContext, ...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const receiver = await startReceiver(...args);
  t.after(() => receiver.stop());
  return receiver;
}

function withHub(t: TestContext, ...args: Parameters<typeof startTestHub>): ReturnType<typeof startTestHub> {
  const started = startTestHub(...args);
  t.after(() => started.hub.close());
  return started;
}

const distinctIds = (requests: readonly ReceivedRequest[]) => new Set(requests.map((request) => request.eventId));

/** Every emitted event was accepted exactly once, with its own type and object, and per checkout in emit order. */
function assertDeliveredOnceInOrder(receiver: Receiver, emitted: readonly Emitted[]): void {
  const deliveries = accepted(receiver.log.entries);
  assert.equal(deliveries.length, emitted.length, 'one accepted delivery per event');
  assert.deepEqual([...distinctIds(deliveries)].sort(), emitted.map((event) => event.id).sort());
  for (const checkoutId of new Set(emitted.map((event) => event.checkoutId))) {
    const mine = emitted.filter((event) => event.checkoutId === checkoutId);
    const arrived = deliveries.map(envelopeOf).filter((envelope) => mine.some((event) => event.id === envelope.id));
    assert.deepEqual(
      arrived.map((envelope) => [envelope.id, envelope.type, envelope.data.object]),
      mine.map((event) => [event.id, event.name, { id: checkoutId, step: event.name }]),
      `${checkoutId} in emit order`,
    );
  }
}

/** Per checkout, every attempt of an event comes after the last attempt of the event before it. */
function assertAttemptsNeverOvertake(receiver: Receiver, emitted: readonly Emitted[]): void {
  for (const checkoutId of new Set(emitted.map((event) => event.checkoutId))) {
    const order = emitted.filter((event) => event.checkoutId === checkoutId).map((event) => event.id);
    const attempts = receiver.log.entries.map((request) => request.eventId).filter((id) => order.includes(id));
    const runs = attempts.filter((id, index) => id !== attempts[index - 1]);
    assert.deepEqual(runs, order, `${checkoutId}: attempts grouped by event, in emit order`);
  }
}

test('after the receiver was down for a while, every event arrives exactly once, per checkout in emit order', LONG, async (t) => {
  const receiver = await withReceiver(t);
  const { hub, reports } = withHub(t);
  enable(hub, receiver.url);
  await receiver.stop();
  const checkouts = ['chk_a', 'chk_b', 'chk_c'];
  const emitted = emitJourneys(hub, checkouts);
  const firsts = emitted.filter((event) => event.name === 'billing-checkout-created').map((event) => event.id);
  const failuresOf = (id: string) => reports.entries.filter((report) => report.eventId === id && report.outcome === 'failed').length;
  await reports.until(() => firsts.every((id) => failuresOf(id) >= 3));
  assert.deepEqual(
    [...new Set(reports.entries.map((report) => report.eventId))].sort(),
    [...firsts].sort(),
    'while the first event of a checkout fails, the later ones wait',
  );
  assert.equal(hub.list('main').data.find((webhook) => webhook.name === 'billing-checkout-created')?.lastStatus, 'failed');

  await receiver.restart();
  await receiver.log.until((entries) => distinctIds(entries).size === emitted.length);
  await hub.idle();
  assertDeliveredOnceInOrder(receiver, emitted);
  assert.equal(receiver.log.entries.length, emitted.length, 'nothing was sent twice after recovery');
  for (const webhook of hub.list('main').data.filter((item) => journey.includes(item.name as FiredWebhookName))) {
    assert.equal(webhook.lastStatus, 'success', webhook.name);
    assert.notEqual(webhook.lastSentAt, null);
  }
});

test('while the receiver answers 500, events are retried with the same id and body, then each is accepted once in order', LONG, async (t) => {
  const receiver = await withReceiver(t, ({ count }) => (count <= 12 ? 500 : 204));
  const { hub } = withHub(t);
  enable(hub, receiver.url);
  const emitted = emitJourneys(hub, ['chk_a', 'chk_b', 'chk_c']);
  await receiver.log.until((entries) => accepted(entries).length === emitted.length);
  await hub.idle();
  assert.equal(receiver.log.entries.filter((request) => request.status === 500).length, 12);
  assertDeliveredOnceInOrder(receiver, emitted);
  assertAttemptsNeverOvertake(receiver, emitted);
  for (const id of distinctIds(receiver.log.entries)) {
    const bodies = new Set(receiver.log.entries.filter((request) => request.eventId === id).map((request) => request.body));
    assert.equal(bodies.size, 1, `every attempt of ${id} carries the same body`);
  }
});

test('a checkout whose events keep failing does not hold up another checkout', LONG, async (t) => {
  const receiver = await withReceiver(t, ({ body }) => (body.includes('chk_stuck') ? 500 : 204));
  const { hub, reports } = withHub(t);
  enable(hub, receiver.url);
  const stuck = hub.emit('main', 'billing-checkout-created', { checkoutId: 'chk_stuck', object: { id: 'chk_stuck' } });
  const flowing = emitJourneys(hub, ['chk_flowing']);
  await receiver.log.until((entries) => accepted(entries).length === flowing.length);
  assert.ok(receiver.log.entries.some((request) => request.eventId === stuck && request.status === 500));
  assert.ok(!reports.entries.some((report) => report.outcome === 'gave_up'), 'the stuck event was still being retried');
  assertDeliveredOnceInOrder(receiver, flowing);
});

test('after the last attempt an event is given up, lastStatus is failed, and the next event of its checkout goes out', LONG, async (t) => {
  const receiver = await withReceiver(t, () => 503);
  const { hub, reports } = withHub(t, { retryDelaysMs: [1, 1] });
  enable(hub, receiver.url);
  const first = hub.emit('main', 'billing-checkout-created', { checkoutId: 'chk_x', object: {} });
  const second = hub.emit('main', 'billing-payment-succeeded', { checkoutId: 'chk_x', object: {} });
  await reports.until((entries) => entries.filter((report) => report.outcome === 'gave_up').length === 2);
  await hub.idle();
  assert.deepEqual(receiver.log.entries.map((request) => request.eventId), [first, first, first, second, second, second]);
  assert.deepEqual(reports.entries.filter((report) => report.outcome === 'gave_up').map((report) => [report.eventId, report.attempt]), [[first, 3], [second, 3]]);
  const webhook = hub.list('main').data.find((item) => item.name === 'billing-payment-succeeded');
  assert.equal(webhook?.lastStatus, 'failed');
});

test('disabled webhooks get nothing, even with a url, and the events emitted meanwhile are not queued', LONG, async (t) => {
  const receiver = await withReceiver(t);
  const { hub } = withHub(t);
  enable(hub, receiver.url, ['billing-checkout-created']);
  hub.update('main', 'billing-invoice-paid', { url: receiver.url, enabled: false });
  const ids = journey.map((name) => hub.emit('main', name, { checkoutId: 'chk_d', object: {} }));
  await hub.idle();
  assert.deepEqual(receiver.log.entries.map((request) => request.eventId), [ids[0]]);
  hub.update('main', 'billing-invoice-paid', { enabled: true });
  await hub.idle();
  assert.equal(receiver.log.entries.length, 1, 'enabling later does not send what was emitted while disabled');
  assert.ok(ids.every((id) => /^evt_\w+$/.test(id)) && new Set(ids).size === ids.length, 'every emit still returns its own event id');
});

test('an event waiting for a retry is dropped when its webhook is disabled', LONG, async (t) => {
  const receiver = await withReceiver(t, () => 500);
  const { hub, reports } = withHub(t, { retryDelaysMs: [1, 1, 1, 1, 60_000] });
  enable(hub, receiver.url, ['billing-checkout-created']);
  const id = hub.emit('main', 'billing-checkout-created', { checkoutId: 'chk_off', object: {} });
  await receiver.log.until((entries) => entries.length >= 1);
  hub.update('main', 'billing-checkout-created', { enabled: false });
  await hub.idle();
  assert.equal(reports.entries.at(-1)?.outcome, 'dropped');
  assert.equal(reports.entries.at(-1)?.eventId, id);
});

test('events of a webhook whose url changes go to the new url', LONG, async (t) => {
  const old = await withReceiver(t, () => 500);
  const fresh = await withReceiver(t);
  const { hub } = withHub(t);
  enable(hub, old.url, ['billing-invoice-paid']);
  const id = hub.emit('main', 'billing-invoice-paid', { checkoutId: 'chk_move', object: { id: 'inv_1' } });
  await old.log.until((entries) => entries.length >= 1);
  hub.update('main', 'billing-invoice-paid', { url: fresh.url });
  await fresh.log.until((entries) => entries.length === 1);
  await hub.idle();
  assert.deepEqual(accepted(fresh.log.entries).map((request) => request.eventId), [id]);
  assert.ok(old.log.entries.every((request) => request.status === 500), 'the old url never accepted it');
});

test('a receiver that does not answer within the timeout gets the event again with the same id', LONG, async (t) => {
  const receiver = await withReceiver(t, ({ count }) => (count === 1 ? 'hold' : 204));
  const { hub, reports } = withHub(t, { attemptTimeoutMs: 100 });
  enable(hub, receiver.url, ['billing-checkout-completed']);
  const id = hub.emit('main', 'billing-checkout-completed', { checkoutId: 'chk_slow', object: {} });
  await receiver.log.until((entries) => entries.length === 2);
  await hub.idle();
  assert.deepEqual(receiver.log.entries.map((request) => [request.eventId, request.status]), [[id, null], [id, 204]]);
  assert.match(reports.entries[0]?.error ?? '', /no answer within 100 ms/);
});

test('a redirect is not followed: it counts as a failed attempt and the event is retried at the configured url', LONG, async (t) => {
  const receiver = await withReceiver(t, ({ count }) => (count === 1 ? 307 : 204));
  const { hub } = withHub(t);
  enable(hub, receiver.url, ['billing-checkout-created']);
  const id = hub.emit('main', 'billing-checkout-created', { checkoutId: 'chk_redirect', object: {} });
  await receiver.log.until((entries) => entries.length === 2);
  await hub.idle();
  const seen = receiver.log.entries.map((request) => [request.method, request.path, request.eventId, request.status]);
  assert.deepEqual(seen, [['POST', '/hooks', id, 307], ['POST', '/hooks', id, 204]]);
});

test('testWebhook is true against a 2xx receiver and false against a 500 one, sending one signed test event and no retry', LONG, async (t) => {
  const fine = await withReceiver(t, () => 200);
  const failing = await withReceiver(t, () => 500);
  const { hub } = withHub(t);
  hub.update('main', 'billing-invoice-created', { url: fine.url });
  hub.update('main', 'billing-invoice-paid', { url: failing.url, enabled: true });
  assert.deepEqual(await hub.test('main', 'billing-invoice-created'), { success: true });
  assert.deepEqual(await hub.test('main', 'billing-invoice-paid'), { success: false });
  await hub.idle();
  assert.equal(failing.log.entries.length, 1, 'a test delivery is not retried');
  const [request] = fine.log.entries;
  assert.ok(request);
  assert.deepEqual({ ...envelopeOf(request), id: typeof envelopeOf(request).id, createdAt: 'ignored' }, {
    id: 'string', type: 'billing-invoice-created', createdAt: 'ignored', account: 'main', test: true, data: { object: null },
  });
  const statuses = Object.fromEntries(hub.list('main').data.map((webhook) => [webhook.name, webhook.lastStatus]));
  assert.equal(statuses['billing-invoice-created'], 'success');
  assert.equal(statuses['billing-invoice-paid'], 'failed');
});

test('emit never throws: not with an unreachable url, a sender that throws, an unserializable object, or a closed hub', LONG, async (t) => {
  const gone = await startReceiver();
  await gone.stop();
  const { hub, reports } = withHub(t, { retryDelaysMs: [1] });
  enable(hub, gone.url, ['billing-payment-failed']);
  const unreachable = hub.emit('main', 'billing-payment-failed', { checkoutId: 'chk_e', object: {} });
  assert.match(hub.emit('main', 'billing-payment-failed', { checkoutId: 'chk_e', object: { amount: 1n } }), /^evt_/);
  await hub.idle();
  assert.deepEqual(reports.entries.map((report) => [report.eventId, report.outcome]), [[unreachable, 'failed'], [unreachable, 'failed'], [unreachable, 'gave_up']]);

  const throwing = withHub(t, { send: () => { throw new Error('the network is on fire'); }, retryDelaysMs: [] }).hub;
  enable(throwing, gone.url, ['billing-payment-failed']);
  assert.match(throwing.emit('main', 'billing-payment-failed', { checkoutId: 'chk_e', object: {} }), /^evt_/);
  await throwing.idle();
  throwing.close();
  assert.match(throwing.emit('main', 'billing-payment-failed', { checkoutId: 'chk_e', object: {} }), /^evt_/);
  await throwing.idle();
});

test('close stops an event waiting for a long retry, and idle then resolves', LONG, async (t) => {
  const receiver = await withReceiver(t, () => 500);
  const { hub } = withHub(t, { retryDelaysMs: [3_600_000] });
  enable(hub, receiver.url, ['billing-checkout-expired']);
  hub.emit('main', 'billing-checkout-expired', { checkoutId: 'chk_late', object: {} });
  await receiver.log.until((entries) => entries.length === 1);
  hub.close();
  await hub.idle();
  assert.equal(receiver.log.entries.length, 1);
});
