// A reload resuming a payment whose answer was lost, on a checkout that closed since, which the
// server says it no longer keeps (409 confirmation_token_used: its payment failed, or was taken and
// refunded as the checkout closed): the checkout's end is shown with the words that any amount
// taken was refunded, and the page is told `payment_not_kept`; so too when the payment was another
// checkout's made on this page and the page's own checkout is the one that closed (both found by the
// element model, test/node/model/element-money.test.ts). Drives the real CheckoutController
// (coordinator-harness.ts).
import assert from 'node:assert/strict';
import { beforeEach, test, type TestContext } from 'node:test';
import type { PublicCheckout } from '../../../src/api/schemas.ts';
import { checkoutSession, app } from './fixtures.ts';
import { coordinator, posted, settle, tabStorage, until } from './coordinator-harness.ts';

beforeEach(() => {
  tabStorage.clear();
  posted.length = 0;
});

const clock = { now: Date.parse('2030-01-11T00:00:00Z') };

/**
 * A Pay of `checkoutId` on this page whose complete reached the server (a 3-D Secure payment,
 * approved there and then refunded), its answer lost as the page reloaded: the tab keeps its attempt.
 */
async function lostOnReload(sessions: Record<string, PublicCheckout>, checkoutId: string): Promise<void> {
  const before = coordinator(sessions, clock);
  before.host.checkoutId = checkoutId;
  before.controller.load();
  await settle();
  before.mountFields();
  before.controller.choices.setField('name', 'Ada Lovelace');
  before.controller.choices.setField('email', 'ada@example.com');
  before.controller.paying.pay();
  await settle();
  before.controller.hostDisconnected();
  posted.pop()!.lose();
  await settle();
}

/** The reload, showing `shown`: the attempt the tab keeps for `resentTo` is sent again, and the server says its payment was not kept. */
async function reloadNotKept(t: TestContext, sessions: Record<string, PublicCheckout>, shown: string, resentTo: string) {
  const after = coordinator(sessions, clock);
  t.after(() => after.controller.hostDisconnected());
  const errors = after.host.record('paid-checkout-error');
  after.host.checkoutId = shown;
  after.controller.load();
  await until(() => posted.length > 0);
  if (shown !== resentTo) {
    // Another checkout's payment made on this page: that checkout is read first.
    const read = posted.pop()!;
    assert.ok(read.url.endsWith(`/checkout/${resentTo}`), 'the checkout paid is read');
    read.answer(200, sessions[resentTo]);
    await until(() => posted.length > 0);
  }
  const resent = posted.pop()!;
  assert.ok(resent.url.endsWith(`/${resentTo}/complete`), 'the kept attempt is resent');
  resent.answer(409, { error: 'This confirmation token was already used; create a new one for a new payment.', code: 'confirmation_token_used' });
  await settle();
  return { phase: after.controller.phase, codes: errors.map((event) => event.detail.code) };
}

for (const status of ['archived', 'expired'] as const) {
  test(`a resumed payment the server no longer keeps, on a checkout ${status} since: the end says any amount taken was refunded, and the page is told`, async (t) => {
    const sessions = { chk_gone: checkoutSession({ id: 'chk_gone', products: [app] }) };
    await lostOnReload(sessions, 'chk_gone');
    sessions.chk_gone = checkoutSession({ id: 'chk_gone', products: [app], status });

    const { phase, codes } = await reloadNotKept(t, sessions, 'chk_gone', 'chk_gone');
    assert.equal(phase.kind === 'failed' && phase.error.code, status);
    assert.match(phase.kind === 'failed' ? (phase.error.detail ?? '') : '', /any amount taken has been refunded/, 'the end says the payment was not kept');
    assert.deepEqual(codes, ['payment_not_kept', status]);
    assert.equal(tabStorage.size, 0, 'nothing is kept');
  });
}

test('another checkout’s payment made on this page, resumed by a reload showing the page’s own checkout, expired since, and no longer kept by the server: that end says any amount taken was refunded, and the page is told', async (t) => {
  const sessions = { chk_paid: checkoutSession({ id: 'chk_paid', products: [app] }), chk_own: checkoutSession({ id: 'chk_own', products: [app], status: 'expired' }) };
  await lostOnReload(sessions, 'chk_paid');

  const { phase, codes } = await reloadNotKept(t, sessions, 'chk_own', 'chk_paid');
  assert.equal(phase.kind === 'failed' && phase.error.code, 'expired');
  assert.match(phase.kind === 'failed' ? (phase.error.detail ?? '') : '', /any amount taken has been refunded/, 'the end says the payment was not kept');
  assert.deepEqual(codes, ['expired', 'payment_not_kept']);
  assert.equal(tabStorage.size, 0, 'nothing is kept');
});
