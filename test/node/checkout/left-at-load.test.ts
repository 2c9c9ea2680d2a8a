// A 3-D Secure payment the element said was not finished (nothing charged) is kept by the tab as left
// unfinished; its bank may approve it afterwards (its app, a challenge a restored page kept open).
// Each load of its checkout asks how it ended, against the real in-process sandbox through the
// element model's tab (element-tab.ts): its order, its refund, or the form when it still waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inWorld, paymentsOf } from '../model/element-model.ts';
import { approveLeftInBankApp, finalizes, payReplacingLeft, reloadMidChallenge, restoreMidChallenge, toldCodes } from './left-payments.ts';

test("a payment said not finished, approved in the bank's app afterwards, is shown by the next load: its order, told once, nothing more charged", async () => {
  await inWorld(1, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    await approveLeftInBankApp(world, { priceChanged: false });
    const element = await tab.reload(a.id);
    await tab.settle();
    const [payment] = paymentsOf(world);
    assert.equal(paymentsOf(world).length, 1);
    const orderId = payment!.settlement?.orderId;
    assert.ok(orderId, 'asking made the order');
    const { phase } = element.controller;
    assert.equal(phase.kind, 'succeeded', `the load shows the success: ${JSON.stringify(toldCodes(world))}`);
    assert.equal(phase.kind === 'succeeded' && phase.earlier, true, 'said as the earlier payment');
    assert.deepEqual(toldCodes(world), ['payment_not_finished', `complete ${orderId}`]);
    // Shown, it is settled: another load shows the checkout completed, and asks nothing.
    const asked = finalizes(world);
    await tab.reload(a.id);
    await tab.settle();
    assert.equal(finalizes(world), asked, 'nothing left to ask about');
  });
});

test("a payment said not finished, approved in the bank's app after the price changed, is said refunded by the next load, over the form, once", async () => {
  await inWorld(2, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    await approveLeftInBankApp(world, { priceChanged: true });
    const element = await tab.reload(a.id);
    await tab.settle();
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed', 'asking found it refunded');
    assert.equal(element.controller.phase.kind, 'ready', 'the form, at the new price');
    assert.equal(element.controller.payError?.code, 'payment_refunded', 'the refund said over it');
    assert.deepEqual(toldCodes(world), ['payment_not_finished', 'payment_refunded']);
    // The buyer pays again: one new payment, and the refund is not said again.
    element.pay('succeeds', world.buyer);
    await tab.settle();
    assert.equal(paymentsOf(world).length, 2);
    assert.equal(paymentsOf(world)[1]!.state, 'succeeded');
    assert.deepEqual(toldCodes(world), ['payment_not_finished', 'payment_refunded', `complete ${paymentsOf(world)[1]!.settlement!.orderId}`]);
  });
});

test('a payment said not finished and still waiting for the bank at the next load: the form, nothing said, and the next Pay replaces it', async () => {
  await inWorld(3, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    await reloadMidChallenge(world);
    const asked = finalizes(world);
    const element = await tab.reload(a.id);
    await tab.settle();
    assert.equal(finalizes(world), asked + 1, 'the load asked once');
    assert.equal(element.controller.phase.kind, 'ready');
    assert.equal(element.controller.payError, null, 'nothing said');
    assert.deepEqual(toldCodes(world), ['payment_not_finished']);
    const orderId = await payReplacingLeft(world, element);
    assert.deepEqual(toldCodes(world), ['payment_not_finished', `complete ${orderId}`]);
  });
});

test("the load's question lost on the network gives the form back: the next Pay asks again, shows the order the bank's app approved, and charges nothing more", async () => {
  await inWorld(4, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    await approveLeftInBankApp(world, { priceChanged: false });
    tab.loseNext = 'before';
    const element = await tab.reload(a.id);
    await tab.settle();
    assert.equal(element.controller.phase.kind, 'ready', 'the form');
    assert.deepEqual(toldCodes(world), ['payment_not_finished'], 'nothing told yet');
    element.pay('succeeds', world.buyer);
    await tab.settle();
    assert.equal(paymentsOf(world).length, 1, 'nothing more was charged');
    assert.equal(element.controller.phase.kind, 'succeeded');
    assert.deepEqual(toldCodes(world), ['payment_not_finished', `complete ${paymentsOf(world)[0]!.settlement!.orderId}`]);
  });
});

test('a page restored from the back-forward cache says not finished; the challenge it kept open is approved and its finalize is lost as the page reloads: the reloaded page shows the order', async () => {
  await inWorld(5, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    const { challenge } = await restoreMidChallenge(world);
    assert.deepEqual(toldCodes(world), ['payment_not_finished']);
    // The bank answers the challenge the page kept open; the finalize that follows never reaches the server.
    tab.duringNextPath = /\/authenticate$/;
    tab.duringNext = () => {
      tab.loseNext = 'before';
    };
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.ok(tab.requests.some((line) => / POST \/finalize .*lost before it left/.test(line)), 'the finalize never reached the server');
    const reloaded = await tab.reload(a.id);
    await tab.settle();
    const orderId = paymentsOf(world)[0]!.settlement?.orderId;
    assert.ok(orderId, 'asking made the order');
    assert.equal(reloaded.controller.phase.kind, 'succeeded', `the reloaded page shows it: ${JSON.stringify(toldCodes(world))}`);
    assert.equal(paymentsOf(world).length, 1);
    assert.equal(toldCodes(world).filter((told) => told === `complete ${orderId}`).length, 1, `told once: ${JSON.stringify(toldCodes(world))}`);
  });
});
