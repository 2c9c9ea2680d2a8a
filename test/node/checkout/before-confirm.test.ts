// The page's step before anything is charged (src/checkout/before-confirm.ts): the event is
// dispatched at once, waitUntil only during it, and how the step ended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beforeConfirm, messageOf } from '../../../src/checkout/before-confirm.ts';
import type { PaidCheckoutBeforeConfirmEvent } from '../../../src/events.ts';

const detail = { checkoutId: 'chk_1', amountDue: 4900, currency: 'usd', selections: [], customer: { name: null, email: null } };

function target(listener: (event: PaidCheckoutBeforeConfirmEvent) => void): EventTarget {
  const element = new EventTarget();
  element.addEventListener('paid-checkout-before-confirm', (event) => listener(event as PaidCheckoutBeforeConfirmEvent));
  return element;
}

test('no listener, or one that does nothing: go on', async () => {
  assert.deepEqual(await beforeConfirm(new EventTarget(), detail), { stopped: false });
  assert.deepEqual(await beforeConfirm(target(() => {}), detail), { stopped: false });
});

test('dispatched before beforeConfirm returns, cancelable, with the order', () => {
  let seen: PaidCheckoutBeforeConfirmEvent | null = null;
  void beforeConfirm(target((event) => (seen = event)), detail);
  assert.ok(seen);
  const event = seen as PaidCheckoutBeforeConfirmEvent;
  assert.equal(event.cancelable, true);
  assert.equal(event.bubbles, true);
  assert.equal(event.composed, true);
  assert.equal(event.detail.amountDue, 4900);
});

test('waits for every promise given during the dispatch', async () => {
  const order: string[] = [];
  let release: () => void = () => {};
  const step = beforeConfirm(
    target((event) => {
      event.detail.waitUntil(new Promise<void>((resolve) => (release = resolve)).then(() => order.push('page step')));
      event.detail.waitUntil(Promise.resolve('other'));
    }),
    detail,
  );
  void step.then(() => order.push('go on'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, []);
  release();
  assert.deepEqual(await step, { stopped: false });
  assert.deepEqual(order, ['page step', 'go on']);
});

test('a cancelled event or a rejection stops, with the rejection’s words', async () => {
  assert.deepEqual(await beforeConfirm(target((event) => event.preventDefault()), detail), { stopped: true, message: null });
  const rejected = (reason: unknown) => beforeConfirm(target((event) => event.detail.waitUntil(Promise.reject(reason))), detail);
  assert.deepEqual(await rejected(new Error('Accept the terms.')), { stopped: true, message: 'Accept the terms.' });
  assert.deepEqual(await rejected('  Solve the captcha. '), { stopped: true, message: 'Solve the captcha.' });
  assert.deepEqual(await rejected({ message: 'not an Error' }), { stopped: true, message: null });
  assert.deepEqual(await rejected(undefined), { stopped: true, message: null });
});

test('a rejection with an Error whose message is not text (a page’s own error object) still stops, with no words: the step never fails to settle', async () => {
  const odd = [42, { text: 'Denied' }, null, ['Denied']].map((message) => Object.assign(new Error('Denied'), { message }));
  for (const reason of odd) {
    assert.equal(messageOf(reason), null);
    const step = beforeConfirm(target((event) => event.detail.waitUntil(Promise.reject(reason))), detail);
    assert.deepEqual(await step, { stopped: true, message: null });
  }
});

test('a rejection that throws when its words are read (a message getter that throws, a revoked proxy) still stops, with no words: the Pay is never left busy', async () => {
  const throwing = Object.defineProperty(new Error('Denied'), 'message', { get: () => { throw new Error('page bug'); } });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  for (const reason of [throwing, revoked.proxy]) {
    assert.equal(messageOf(reason), null);
    const step = beforeConfirm(target((event) => event.detail.waitUntil(Promise.reject(reason))), detail);
    assert.deepEqual(await step, { stopped: true, message: null });
  }
});

test('waitUntil after the dispatch throws InvalidStateError', async () => {
  let later: (() => void) | null = null;
  await beforeConfirm(target((event) => (later = () => event.detail.waitUntil(Promise.resolve()))), detail);
  assert.throws(() => later!(), (error: unknown) => error instanceof DOMException && error.name === 'InvalidStateError');
});

test('messageOf keeps text only, trimmed and bounded', () => {
  assert.equal(messageOf(new Error('')), null);
  assert.equal(messageOf(42), null);
  assert.equal(messageOf('x'.repeat(900))?.length, 500);
});
