// A reload resuming a payment whose answer was lost, on a checkout that closed since, which the
// server says it no longer keeps (409 confirmation_token_used: its payment failed, or was taken and
// refunded as the checkout closed): the checkout's end is shown with the words that any amount
// taken was refunded, and the page is told `payment_not_kept` (found by the element model,
// test/node/model/element-money.test.ts). Drives the real CheckoutController (coordinator-harness.ts).
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { checkoutSession, app } from './fixtures.ts';
import { coordinator, posted, settle, tabStorage, until } from './coordinator-harness.ts';

beforeEach(() => {
  tabStorage.clear();
  posted.length = 0;
});

const clock = { now: Date.parse('2030-01-11T00:00:00Z') };

for (const status of ['archived', 'expired'] as const) {
  test(`a resumed payment the server no longer keeps, on a checkout ${status} since: the end says any amount taken was refunded, and the page is told`, async (t) => {
    const sessions = { chk_gone: checkoutSession({ id: 'chk_gone', products: [app] }) };
    const before = coordinator(sessions, clock);
    before.host.checkoutId = 'chk_gone';
    before.controller.load();
    await settle();
    before.mountFields();
    before.controller.choices.setField('name', 'Ada Lovelace');
    before.controller.choices.setField('email', 'ada@example.com');
    before.controller.paying.pay();
    await settle();
    // The complete reached the server (a 3-D Secure payment, approved there and then refunded as the
    // checkout closed), and its answer was lost as the page reloaded.
    before.controller.hostDisconnected();
    posted.pop()!.lose();
    await settle();
    sessions.chk_gone = checkoutSession({ id: 'chk_gone', products: [app], status });

    const after = coordinator(sessions, clock);
    t.after(() => after.controller.hostDisconnected());
    const errors = after.host.record('paid-checkout-error');
    after.host.checkoutId = 'chk_gone';
    after.controller.load();
    await until(() => posted.length > 0);
    const resent = posted.pop()!;
    assert.ok(resent.url.endsWith('/chk_gone/complete'), 'the kept attempt is resent');
    resent.answer(409, { error: 'This confirmation token was already used; create a new one for a new payment.', code: 'confirmation_token_used' });
    await settle();
    const { phase } = after.controller;
    assert.equal(phase.kind === 'failed' && phase.error.code, status);
    assert.match(phase.kind === 'failed' ? (phase.error.detail ?? '') : '', /any amount taken has been refunded/, 'the end says the payment was not kept');
    assert.deepEqual(errors.map((event) => event.detail.code), ['payment_not_kept', status]);
    assert.equal(tabStorage.size, 0, 'nothing is kept');
  });
}
