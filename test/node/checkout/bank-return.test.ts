// A redirect card's payment (the page leaves for the sandbox's test bank, which sends the buyer back
// to the return URL with Stripe's parameters), against the real in-process sandbox through the
// element model's tab (element-tab.ts): what the element says of it once it is back, and after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerInBankApp, changePrices, inWorld, paymentsOf, type World } from '../model/element-model.ts';
import { payReplacingLeft, toldCodes } from './left-payments.ts';

/** The buyer approves on the bank's page, and its 303 brings them back to the return URL, whose page shows `checkoutId`. */
async function approveAtTheBank(world: World, checkoutId: string): Promise<void> {
  const visit = world.tab.atBank;
  assert.ok(visit, 'the tab is at the bank');
  const form = new URLSearchParams({ payment_intent: visit.paymentIntentId, client_secret: visit.clientSecret, return_url: visit.returnUrl, answer: 'approve' });
  const answered = await fetch(`${world.sandbox.url}/sandbox/stripe/bank`, { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(answered.status, 303);
  await world.tab.returnFromBank(answered.headers.get('location')!, checkoutId);
}

for (const storageRefuses of [false, true]) {
  test(`a redirect's payment refunded as the bank approved it (the price changed) is said once back on the page, not again when the checkout then expires (storage ${storageRefuses ? 'refusing' : 'working'})`, async () => {
    await inWorld(1, { singleUse: [false, false], storageRefuses }, async (world) => {
      const { tab } = world;
      const [a] = world.checkouts;
      const element = tab.page!.elements[0]!;
      element.pay('redirect', world.buyer);
      await tab.settle();
      assert.ok(tab.atBank, 'the page left for the bank');
      changePrices(world, 10);
      await approveAtTheBank(world, a.id);
      assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed', 'the sandbox refunded it');
      assert.deepEqual(toldCodes(world), ['payment_refunded'], 'back on the page, the refund is said');
      assert.ok(!new URL(tab.address).searchParams.has('payment_intent'), `the return's parameters left the address: ${tab.address}`);
      // The checkout expires while the buyer reads it.
      await tab.advance(a.expiresAt + 60_000 - tab.now());
      assert.deepEqual(toldCodes(world), ['payment_refunded', 'expired'], 'the end is said, and the refund not again');
    });
  });
}

test('Back from the bank restores the page from the back-forward cache: the payment that left for the bank is asked about, said not finished, and the next Pay replaces it', async () => {
  await inWorld(2, { singleUse: [true, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const element = tab.page!.elements[0]!;
    element.pay('redirect', world.buyer);
    await tab.settle();
    assert.ok(tab.atBank, 'the page left for the bank');
    const page = tab.backFromBank();
    assert.equal(page, element.page, 'the same page, restored');
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    assert.deepEqual(toldCodes(world), ['payment_not_finished']);
    assert.equal(element.controller.phase.kind, 'ready', 'the form is offered again');
    // The buyer pays again, by card: the single-use link is still theirs, and the payment left at the bank is cancelled.
    const orderId = await payReplacingLeft(world, element);
    assert.deepEqual(toldCodes(world), ['payment_not_finished', `complete ${orderId}`]);
  });
});

test("Back from the bank after the bank's app approved the payment: the restored page shows that order, and charges nothing more", async () => {
  await inWorld(3, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const element = tab.page!.elements[0]!;
    element.pay('redirect', world.buyer);
    await tab.settle();
    assert.equal(await answerInBankApp(world, tab.atBank!), 200);
    tab.backFromBank();
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    const [payment] = paymentsOf(world);
    assert.equal(paymentsOf(world).length, 1);
    assert.equal(element.controller.phase.kind, 'succeeded');
    assert.deepEqual(toldCodes(world), [`complete ${payment!.settlement!.orderId}`]);
  });
});

test('a payment said not finished after Back from the bank, then approved there after the price changed (Forward, Approve), is said refunded once: the next Pay does not ask about it again', async () => {
  await inWorld(4, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    const element = tab.page!.elements[0]!;
    element.pay('redirect', world.buyer);
    await tab.settle();
    const visit = tab.atBank!;
    tab.backFromBank();
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    assert.deepEqual(toldCodes(world), ['payment_not_finished']);
    // Forward, to the bank's page again: the page leaves, and the buyer approves there after the price changed.
    tab.leaveForBank(element.page);
    tab.atBank = visit;
    changePrices(world, 10);
    await approveAtTheBank(world, a.id);
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed');
    assert.deepEqual(toldCodes(world), ['payment_not_finished', 'payment_refunded'], 'back on the page, the refund is said');
    // The buyer pays again, by card: one new payment, and the refund is not said a second time.
    tab.page!.elements[0]!.pay('succeeds', world.buyer);
    await tab.settle();
    assert.equal(paymentsOf(world).length, 2);
    assert.equal(toldCodes(world).filter((code) => code === 'payment_refunded').length, 1, `said: ${JSON.stringify(toldCodes(world))}`);
  });
});
