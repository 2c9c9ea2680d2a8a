// QuoteController against a fake host, a server the test answers, and Node's mock timers: one
// request per settled change, older answers dropped, nothing asked while the address says
// nowhere, and a failure that a retry asks again.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { CheckoutError } from '../../../src/errors.ts';
import { QuoteController, type QuoteRequest, type QuoteState } from '../../../src/checkout/quote-controller.ts';

const SETTLE_MS = 300;
type Quote = { amount: number };

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

/** Resolves after every promise callback queued so far has run (timers are mocked, so not by a timeout). */
const settle = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

function setup() {
  let request: QuoteRequest | 'none' | 'address' = 'address';
  const sent: Array<{ request: QuoteRequest; signal: AbortSignal; answer: (quote: Quote) => void; fail: (error: unknown) => void }> = [];
  let updates = 0;
  const host = {
    element: { addController() {}, removeController() {}, requestUpdate: () => (updates += 1), updateComplete: Promise.resolve(true) },
    quote: { status: 'none' } as QuoteState<Quote>,
    quoteRequest: () => request,
  };
  const controller = new QuoteController<Quote>(host, {
    settleMs: SETTLE_MS,
    request: (asked, signal) =>
      new Promise<Quote>((resolve, reject) => {
        sent.push({ request: asked, signal, answer: resolve, fail: reject });
      }),
  });
  return {
    host,
    controller,
    sent,
    get updates() {
      return updates;
    },
    set(next: QuoteRequest | 'none' | 'address') {
      request = next;
    },
  };
}

const order = (country: string, quantity = 1): QuoteRequest => ({
  selections: [{ productId: 'prod_a', planId: 'plan_a', quantity }],
  currency: 'eur',
  address: { country, postalCode: 'D02 X285', state: null },
  taxId: null,
});

test('a session that collects no address has no tax to quote, and asks nothing', () => {
  const t = setup();
  t.set('none');
  t.controller.changed();
  mock.timers.tick(SETTLE_MS * 10);
  assert.deepEqual(t.host.quote, { status: 'none' });
  assert.equal(t.sent.length, 0);
});

test('until the address says where the buyer is, the state says so and nothing is asked', () => {
  const t = setup();
  t.set('address');
  t.controller.changed();
  mock.timers.tick(SETTLE_MS * 10);
  assert.deepEqual(t.host.quote, { status: 'address' });
  assert.equal(t.sent.length, 0);
  assert.equal(t.updates, 1);
});

test('changes in quick succession ask once, after they pause, for the order as it ended', async () => {
  const t = setup();
  for (const quantity of [1, 2, 3]) {
    t.set(order('IE', quantity));
    t.controller.changed();
    mock.timers.tick(SETTLE_MS - 1);
  }
  assert.equal(t.host.quote.status, 'waiting');
  assert.equal(t.sent.length, 0, 'nothing asked while the changes went on');
  mock.timers.tick(1);
  assert.equal(t.sent.length, 1);
  assert.equal(t.sent[0]!.request.selections[0]!.quantity, 3);
  t.sent[0]!.answer({ amount: 7380 });
  await settle();
  assert.deepEqual(t.host.quote, { status: 'ready', quote: { amount: 7380 } });
});

test('a change while a quote is on its way drops that answer: only the newer one is shown', async () => {
  const t = setup();
  t.set(order('IE'));
  t.controller.changed();
  mock.timers.tick(SETTLE_MS);
  const older = t.sent[0]!;
  t.set(order('DE'));
  t.controller.changed();
  assert.equal(older.signal.aborted, true, 'the older request is cancelled');
  older.answer({ amount: 1 });
  await settle();
  assert.equal(t.host.quote.status, 'waiting', 'the late answer for Ireland is not shown');
  mock.timers.tick(SETTLE_MS);
  assert.equal(t.sent.length, 2);
  assert.equal(t.sent[1]!.request.address?.country, 'DE');
  t.sent[1]!.answer({ amount: 2 });
  await settle();
  assert.deepEqual(t.host.quote, { status: 'ready', quote: { amount: 2 } });
});

test('the same order again (a keystroke that changes nothing the quote depends on) asks nothing again', async () => {
  const t = setup();
  t.set(order('IE'));
  t.controller.changed();
  mock.timers.tick(SETTLE_MS);
  t.sent[0]!.answer({ amount: 5 });
  await settle();
  t.set(order('IE'));
  t.controller.changed();
  mock.timers.tick(SETTLE_MS * 10);
  assert.equal(t.sent.length, 1);
  assert.deepEqual(t.host.quote, { status: 'ready', quote: { amount: 5 } });
});

test('a refused or unreachable quote is a failure with the server’s error; a retry asks again', async () => {
  const t = setup();
  t.set(order('IE'));
  t.controller.changed();
  mock.timers.tick(SETTLE_MS);
  const refusal = new CheckoutError('validation_error', { recoverable: true, field: 'customer.taxId' });
  t.sent[0]!.fail(refusal);
  await settle();
  assert.deepEqual(t.host.quote, { status: 'failed', error: refusal });
  t.controller.retry();
  assert.equal((t.host.quote as QuoteState<Quote>).status, 'waiting');
  mock.timers.tick(SETTLE_MS);
  assert.equal(t.sent.length, 2);
  t.sent[1]!.fail(new TypeError('Failed to fetch'));
  await settle();
  assert.equal((t.host.quote as QuoteState<Quote>).status, 'failed');
  const { error } = t.host.quote as { error: CheckoutError };
  assert.equal(error.code, 'network_error');
  assert.equal(error.recoverable, true);
});

test('reset forgets the quote and drops a request on its way', async () => {
  const t = setup();
  t.set(order('IE'));
  t.controller.changed();
  mock.timers.tick(SETTLE_MS);
  t.controller.reset();
  assert.equal(t.sent[0]!.signal.aborted, true);
  t.sent[0]!.answer({ amount: 9 });
  await settle();
  assert.deepEqual(t.host.quote, { status: 'none' });
});
