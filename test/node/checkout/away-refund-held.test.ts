// Found by the element model with a Restored step (seed 99), though it needs none of it: a refund a
// Pay's question found, kept in the tab with the payment it replaced until said, is lost when a page
// that creates a checkout per load finishes that Pay's payment away from its own checkout (against
// the real in-process sandbox).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerInBankApp, changePrices, inWorld, paymentsOf } from '../model/element-model.ts';

test('a refund a Pay’s question found is said when that Pay’s payment, resumed on a page showing another checkout, ends unfinished', async () => {
  await inWorld(1, { singleUse: [false, false], storageRefuses: false }, async (world) => {
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
  });
});

for (const storageRefuses of [false, true]) {
  test(`a refund another element of the page said, finishing the payment of an element removed mid-challenge, is not said again by it once that challenge ends (storage ${storageRefuses ? 'refusing' : 'working'})`, async () => {
    await inWorld(2, { singleUse: [false, false], storageRefuses }, async (world) => {
      const { tab } = world;
      const [a, b] = world.checkouts;
      // The page lays checkout A out twice; the buyer pays in the first: its challenge opens.
      const first = tab.page!.elements[0]!;
      const second = tab.page!.mount(a.id);
      await tab.settle();
      first.pay('threeds', world.buyer);
      await tab.settle();
      const [challenge] = tab.openChallenges();
      assert.ok(challenge, 'the challenge is open');
      // The page removes the first element; the merchant archives A; the bank's app approves: taken, then refunded.
      first.disconnect();
      await tab.settle();
      assert.equal((await fetch(`${world.sandbox.url}/api/v2/checkouts/${a.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${world.sandbox.secretKey}` } })).status, 200);
      assert.equal(await answerInBankApp(world, challenge), 200);
      assert.equal(paymentsOf(world)[0]!.refund?.reason, 'checkout_closed');
      // The second element shows B: it finishes A's payment, made on this page, and says the refund.
      second.show(b.id);
      await tab.settle();
      const saidBy = (element: string) => tab.told.filter((told) => told.kind === 'error' && told.element === element && told.detail.code === 'payment_refunded').length;
      assert.equal(saidBy(second.name), 1, 'the refund is said over B');
      // The challenge, still open in the page, is then refused; the first element is put back, and the second shows A again.
      await challenge.page.answer('failed');
      await tab.settle();
      first.connect();
      second.show(a.id);
      await tab.settle();
      const codes = tab.told.map((told) => `${told.element} ${told.kind === 'error' ? told.detail.code : 'complete'}`);
      assert.equal(saidBy(second.name), 1, `one refund, said once by the element that showed it: ${JSON.stringify(codes)}`);
    });
  });
}
