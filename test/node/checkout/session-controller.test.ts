// SessionController against a fake host, a session read the test settles and a fake clock:
// one read per id and origin, answers for a stopped or older read dropped, the server's clock
// (measured when each answer arrived, however late it is read), expiry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Received } from '../../../src/api/client.ts';
import type { PublicCheckout } from '../../../src/api/schemas.ts';
import { CheckoutError } from '../../../src/errors.ts';
import { SessionController } from '../../../src/checkout/session-controller.ts';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Read {
  apiBase: string;
  checkoutId: string;
  signal: AbortSignal | undefined;
  /** The page's clock the read stamps its answer with. */
  now: (() => number) | undefined;
  /** Settles the read: its answer arrived at `receivedAt` by the page's clock (now, unless given). */
  resolve: (checkout: PublicCheckout, receivedAt?: number) => void;
  reject: (error: unknown) => void;
}

function setup(options: { now?: number; expired?: () => boolean; debug?: () => boolean } = {}) {
  const host: { checkoutId: string | null | undefined; apiBase: string | null | undefined } = { checkoutId: 'chk_1', apiBase: '' };
  const reads: Read[] = [];
  const shown: PublicCheckout[] = [];
  const failed: CheckoutError[] = [];
  let expiries = 0;
  const clock = { now: options.now ?? Date.parse('2030-01-01T00:00:00Z') };
  const session = new SessionController(host, {
    now: () => clock.now,
    retryDelays: () => [1, 2],
    read: (apiBase, checkoutId, readOptions) =>
      new Promise<Received<PublicCheckout>>((resolve, reject) => {
        assert.deepEqual(readOptions?.retryDelays, [1, 2]);
        const now = readOptions?.now;
        reads.push({ apiBase, checkoutId, signal: readOptions?.signal, now, resolve: (body, receivedAt = clock.now) => resolve({ body, receivedAt }), reject });
      }),
    shown: (checkout) => shown.push(checkout),
    failed: (error) => failed.push(error),
    debug: options.debug,
    expired: () => {
      expiries += 1;
      return options.expired?.() ?? false;
    },
  });
  return {
    host,
    session,
    reads,
    shown,
    failed,
    clock,
    get expiries() {
      return expiries;
    },
  };
}

function sessionAnswer(fields: Partial<PublicCheckout> = {}): PublicCheckout {
  return { id: 'chk_1', status: 'active', expiresAt: '2030-01-01T01:00:00Z', ...fields } as PublicCheckout;
}

test('a host naming no session asks for nothing and says so', () => {
  const t = setup();
  t.host.checkoutId = '';
  assert.equal(t.session.load(), false);
  assert.equal(t.reads.length, 0);
  assert.equal(t.session.stale, false);
});

test('the session is read from Paid’s API unless the host names another origin, and is stale only when the id or origin changes', () => {
  const t = setup();
  assert.equal(t.session.stale, true);
  assert.equal(t.session.load(), true);
  assert.equal(t.reads[0]?.apiBase, 'https://api.agentpaid.io');
  assert.equal(t.reads[0]?.checkoutId, 'chk_1');
  assert.equal(t.session.stale, false);
  t.host.apiBase = 'http://localhost:4000';
  assert.equal(t.session.stale, true);
  t.session.load();
  assert.equal(t.reads[1]?.apiBase, 'http://localhost:4000');
  t.host.checkoutId = 'chk_2';
  assert.equal(t.session.stale, true);
});

test('the answer for the read still wanted is shown once', async () => {
  const t = setup();
  t.session.load();
  const answer = sessionAnswer();
  t.reads[0]!.resolve(answer);
  await settle();
  assert.deepEqual(t.shown, [answer]);
});

test('a newer read cuts the older one short and drops its answer', async () => {
  const t = setup();
  t.session.load();
  t.host.checkoutId = 'chk_2';
  t.session.load();
  assert.equal(t.reads[0]!.signal?.aborted, true);
  t.reads[0]!.resolve(sessionAnswer());
  t.reads[0]!.reject(new Error('late'));
  await settle();
  assert.deepEqual(t.shown, []);
  assert.deepEqual(t.failed, []);
});

test('a stop during a read cuts it short and forgets the id, so the same id is read again', async () => {
  const t = setup();
  t.session.load();
  t.session.stop();
  assert.equal(t.reads[0]!.signal?.aborted, true);
  assert.equal(t.session.stale, true);
  t.reads[0]!.resolve(sessionAnswer());
  await settle();
  assert.deepEqual(t.shown, []);
});

test('a stop after the answer keeps the session read: the same id is not read again', async () => {
  const t = setup();
  t.session.load();
  t.reads[0]!.resolve(sessionAnswer());
  await settle();
  t.session.stop();
  assert.equal(t.session.stale, false);
  t.session.stop(true);
  assert.equal(t.session.stale, true);
});

test('a read beside the session’s (another checkout’s) is cut short with it: by a stop, which then forgets the id so that both are read again, and by a load', async () => {
  const t = setup();
  t.session.load();
  t.reads[0]!.resolve(sessionAnswer());
  await settle();
  const side = t.session.sideRead();
  t.session.stop();
  assert.equal(side.signal.aborted, true, 'the element removed');
  assert.equal(t.session.stale, true, 'read again on reconnect, with the read beside it');
  t.session.load();
  const again = t.session.sideRead();
  t.session.load();
  assert.equal(again.signal.aborted, true, 'another session read');
});

test('a read beside the session’s that has settled is not cut short, and a stop after it keeps the session read', async () => {
  const t = setup();
  t.session.load();
  t.reads[0]!.resolve(sessionAnswer());
  await settle();
  const side = t.session.sideRead();
  side.done();
  t.session.stop();
  assert.equal(side.signal.aborted, false);
  assert.equal(t.session.stale, false);
});

test('a failed read reports its CheckoutError, and anything else as invalid_response', async () => {
  const t = setup();
  t.session.load();
  const notFound = new CheckoutError('not_found');
  t.reads[0]!.reject(notFound);
  await settle();
  t.session.load();
  t.reads[1]!.reject(new SyntaxError('bad json'));
  await settle();
  assert.equal(t.failed[0], notFound);
  assert.equal(t.failed[1]?.code, 'invalid_response');
  assert.equal(t.failed.length, 2);
});

test('with debug, a failed read is logged once failed() has dealt with it; without, nothing is', async (context) => {
  const logged: unknown[][] = [];
  context.mock.method(console, 'info', (...args: unknown[]) => logged.push([...args, `after ${t.failed.length} failed`]));
  let debug = false;
  const t = setup({ debug: () => debug });
  t.session.load();
  t.reads[0]!.reject(new CheckoutError('network_error', { recoverable: true }));
  await settle();
  assert.deepEqual(logged, []);
  debug = true;
  t.session.load();
  t.reads[1]!.reject(new CheckoutError('network_error', { recoverable: true }));
  await settle();
  assert.deepEqual(logged, [['[paid-checkout] read failed: network_error', 'after 2 failed']]);
});

test('an abort that ends a read is not reported as a failure', async () => {
  const t = setup();
  t.session.load();
  t.reads[0]!.reject(new DOMException('aborted', 'AbortError'));
  await settle();
  assert.deepEqual(t.failed, []);
});

test('the server’s time in an answer sets the clock: now follows the server, not the page', async () => {
  const t = setup({ now: Date.parse('2030-01-02T00:00:00Z') });
  assert.equal(t.session.now(), t.clock.now);
  t.session.load();
  t.reads[0]!.resolve(sessionAnswer({ now: '2030-01-01T00:00:00Z' }));
  await settle();
  assert.equal(new Date(t.session.now()).toISOString(), '2030-01-01T00:00:00.000Z');
  t.clock.now += 5000;
  assert.equal(new Date(t.session.now()).toISOString(), '2030-01-01T00:00:05.000Z');
  t.session.setServerTime('not a date');
  assert.equal(new Date(t.session.now()).toISOString(), '2030-01-01T00:00:05.000Z');
});

test('expiry is reported when expiresAt passes by the server’s clock, not before', (context) => {
  context.mock.timers.enable({ apis: ['setTimeout'] });
  const t = setup();
  t.session.watchExpiry('2030-01-01T00:01:00Z');
  context.mock.timers.tick(59_999);
  assert.equal(t.expiries, 0);
  t.clock.now += 60_050;
  context.mock.timers.tick(51);
  assert.equal(t.expiries, 1);
});

test('an expiresAt already past when the session was just read is left to the server', () => {
  const t = setup();
  t.session.watchExpiry('2029-12-31T23:00:00Z', true);
  assert.equal(t.expiries, 0);
  t.session.watchExpiry('2029-12-31T23:00:00Z');
  assert.equal(t.expiries, 1);
});

test('a busy flow is asked again every second until it takes the expiry', (context) => {
  context.mock.timers.enable({ apis: ['setTimeout'] });
  let busy = 2;
  const t = setup({ expired: () => busy-- > 0 });
  t.session.watchExpiry('2029-12-31T23:00:00Z');
  assert.equal(t.expiries, 1);
  context.mock.timers.tick(1000);
  context.mock.timers.tick(1000);
  assert.equal(t.expiries, 3);
  context.mock.timers.tick(5000);
  assert.equal(t.expiries, 3);
});

test('a stop stops watching the expiry', (context) => {
  context.mock.timers.enable({ apis: ['setTimeout'] });
  const t = setup();
  t.session.watchExpiry('2030-01-01T00:01:00Z');
  t.session.stop();
  t.clock.now += 120_000;
  context.mock.timers.tick(120_000);
  assert.equal(t.expiries, 0);
});


test('a page clock a day ahead does not expire a session the server still holds open', (context) => {
  context.mock.timers.enable({ apis: ['setTimeout'] });
  const t = setup({ now: Date.parse('2030-01-02T00:00:00Z') });
  t.session.setServerTime('2030-01-01T00:00:00Z');
  t.session.watchExpiry('2030-01-01T00:01:00Z');
  assert.equal(t.expiries, 0);
  t.clock.now += 60_050;
  context.mock.timers.tick(60_050);
  assert.equal(t.expiries, 1);
});

const MINUTE = 60_000;

test('a read stamps its answer with the page’s clock', () => {
  const t = setup();
  t.session.load();
  t.clock.now += 1234;
  assert.equal(t.reads[0]!.now?.(), t.clock.now);
});

test('an answer read minutes after it arrived (it waited for the checkout chunk) sets the server’s clock as of its arrival, and the expiry is said at its time', async (context) => {
  context.mock.timers.enable({ apis: ['setTimeout'] });
  const t = setup({ now: Date.parse('2030-01-02T00:00:00Z') });
  const arrived = t.clock.now;
  t.session.load();
  // The answer came at `arrived`, the server's time then 00:00; it is handed over five minutes later.
  t.clock.now += 5 * MINUTE;
  t.reads[0]!.resolve(sessionAnswer({ now: '2030-01-01T00:00:00Z', expiresAt: '2030-01-01T00:10:00Z' }), arrived);
  await settle();
  assert.equal(new Date(t.session.now()).toISOString(), '2030-01-01T00:05:00.000Z');
  t.session.watchExpiry('2030-01-01T00:10:00Z', true);
  t.clock.now += 5 * MINUTE - 1;
  context.mock.timers.tick(5 * MINUTE - 1);
  assert.equal(t.expiries, 0, 'not before 00:10 by the server’s clock');
  t.clock.now += 51;
  context.mock.timers.tick(51);
  assert.equal(t.expiries, 1, 'at 00:10 by the server’s clock, five minutes after the answer was read');
});

test('an expiry passed while the answer waited is said once it is shown; one the server had passed when it said active is left to the server', async (context) => {
  context.mock.timers.enable({ apis: ['setTimeout'] });
  const t = setup();
  const arrived = t.clock.now;
  t.session.load();
  t.clock.now += 5 * MINUTE;
  t.reads[0]!.resolve(sessionAnswer({ now: '2030-01-01T00:00:00Z', expiresAt: '2030-01-01T00:02:00Z' }), arrived);
  await settle();
  t.session.watchExpiry('2030-01-01T00:02:00Z', true);
  assert.equal(t.expiries, 0, 'not while the answer is being shown');
  context.mock.timers.tick(50);
  assert.equal(t.expiries, 1);

  t.session.watchExpiry('2029-12-31T23:59:00Z', true);
  context.mock.timers.tick(10 * MINUTE);
  assert.equal(t.expiries, 1, 'the server said active at 00:00 with this expiry already past: its word at payment');
});

test('every read (a retry, a reload) measures the server’s clock at its own answer’s arrival', async () => {
  const t = setup({ now: Date.parse('2030-01-02T00:00:00Z') });
  t.session.load();
  t.reads[0]!.resolve(sessionAnswer({ now: '2030-01-01T00:00:00Z' }));
  await settle();
  assert.equal(new Date(t.session.now()).toISOString(), '2030-01-01T00:00:00.000Z');

  // Read again an hour later; the server's clock has since been set two minutes forward. Its
  // answer arrives at once, and is handed over thirty seconds later.
  t.clock.now += 60 * MINUTE;
  t.session.load();
  const arrived = t.clock.now;
  t.clock.now += 30_000;
  t.reads[1]!.resolve(sessionAnswer({ now: '2030-01-01T01:02:00Z' }), arrived);
  await settle();
  assert.equal(new Date(t.session.now()).toISOString(), '2030-01-01T01:02:30.000Z');
});
