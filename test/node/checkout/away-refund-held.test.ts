// Found by the element model with a Restored step (seed 99), though it needs none of it: a refund a
// Pay's question found, kept in the tab with the payment it replaced until said, is lost when a page
// that creates a checkout per load finishes that Pay's payment away from its own checkout (against
// the real in-process sandbox).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerInBankApp, changePrices, paymentsOf, startRun, startWorldSandbox } from '../model/element-model.ts';

test('a refund a Pay’s question found is said when that Pay’s payment, resumed on a page showing another checkout, ends unfinished', async () => {
  const base = await startWorldSandbox();
  try {
    const world = await startRun(base, 1, { singleUse: [false, false], storageRefuses: false });
    const { tab } = world;
    const [a, b] = world.checkouts;
    tab.page!.elements[0]!.pay('threeds', world.buyer);
    await tab.settle();
    const [first] = tab.openChallenges();
    assert.ok(first, 'the challenge is open');
    // The merchant edits the price; the page reloads during the challenge: finalize says it is not finished.
    changePrices(world, 10);
    const element = await tab.reload(a.id);
    await tab.settle();
    // The bank's app then approves it: taken, and refunded (the price changed).
    assert.equal(await answerInBankApp(world, first), 200);
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed');
    // The next Pay asks how it ended (refunded: held, to be said with this Pay's end) and pays anew: a challenge again.
    element.pay('threeds', world.buyer);
    await tab.settle();
    assert.equal(paymentsOf(world).length, 2, 'a new payment waits for its bank');
    // The buyer leaves the challenge; the page, which makes a checkout per load, reloads showing B: it finishes A's payment (not finished)...
    await tab.reload(b.id);
    await tab.settle();
    // ...and A is shown again.
    await tab.reload(a.id);
    await tab.settle();
    const said = tab.told.flatMap((told) => (told.kind === 'error' ? [told.detail.code] : []));
    assert.ok(said.includes('payment_refunded'), `the refund of ${first.paymentIntentId} is said; said: ${JSON.stringify(said)}; refunds ${paymentsOf(world).filter((intent) => intent.refund).length}`);
    world.tab.close();
  } finally {
    await base.sandbox.close();
  }
});
