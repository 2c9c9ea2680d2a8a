// A page the browser brings back from its back-forward cache while the buyer's 3-D Secure challenge
// is still open on it (PayAttemptController.restored()), against the real in-process sandbox: the
// element asks finalize how that payment ended, and the challenge the page kept may still answer
// afterwards. One refund is said once; one order is told once, also when the next Pay finds it paid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerInBankApp, changePrices, inWorld, paymentsOf, type World } from '../model/element-model.ts';
import { payIntoChallenge, restoreMidChallenge, showAsChallengeIsApproved, toldCodes } from './left-payments.ts';

/** How many times a refund was said. */
const refundsSaid = (world: World) => toldCodes(world).filter((code) => code === 'payment_refunded').length;

test('a refund found by the finalize of a page restored from the back-forward cache is not said again when the challenge it kept open then answers', async () => {
  await inWorld(1, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const element = tab.page!.elements[0]!;
    // The buyer pays with a card that asks for 3-D Secure: Stripe's challenge opens in the page.
    const challenge = await payIntoChallenge(world, element);
    // The merchant edits the price while the buyer is at their bank...
    changePrices(world, 10);
    // ...and the buyer approves in their bank's app: the payment is taken, then refunded (amount_changed).
    assert.equal(await answerInBankApp(world, challenge), 200);
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed', 'the sandbox refunded it');
    // The page comes back from the back-forward cache (pageshow, persisted), its challenge still open.
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    assert.equal(refundsSaid(world), 1, 'finalize found the refund, and the element said it');
    // Stripe's challenge, kept with the page, now ends too (the bank answered): handleNextAction resolves.
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.equal(refundsSaid(world), 1, `one refund, said once; told: ${JSON.stringify(toldCodes(world))}`);
  });
});

test('an order found by the finalize of a page restored from the back-forward cache, answered after checkout-id changed, is not told again when the challenge it kept open then answers', async () => {
  await inWorld(2, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a, b] = world.checkouts;
    const element = tab.page!.elements[0]!;
    const challenge = await payIntoChallenge(world, element);
    // The buyer approves in their bank's app: the order is made.
    assert.equal(await answerInBankApp(world, challenge), 200);
    const orderId = paymentsOf(world)[0]!.settlement?.orderId;
    assert.ok(orderId, 'the sandbox made the order');
    // The page comes back from the back-forward cache; while the finalize it asks is on its way, the page shows checkout B.
    tab.duringNextPath = /\/finalize$/;
    tab.duringNext = () => element.show(b.id);
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    const told = () => tab.told.filter((t) => t.kind === 'complete').map((t) => (t.kind === 'complete' ? `${t.detail.checkoutId} ${t.detail.orderId}` : ''));
    assert.deepEqual(told(), [`${a.id} ${orderId}`], 'the page was told of the order once');
    // Stripe's challenge, kept with the page, now ends too: handleNextAction resolves.
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.deepEqual(told(), [`${a.id} ${orderId}`], 'one order, told once');
  });
});

test('an order told while the page showed another checkout is not told again when the next Pay finds that payment paid (the buyer had been told it was not finished)', async () => {
  await inWorld(3, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a, b] = world.checkouts;
    const { element, challenge } = await restoreMidChallenge(world);
    // The page shows B, then A again, whose read is held; meanwhile the challenge kept with the page is approved.
    element.show(b.id);
    await tab.settle();
    await showAsChallengeIsApproved(tab, element, a.id, challenge);
    const orderId = paymentsOf(world)[0]!.settlement?.orderId;
    assert.ok(orderId, 'the sandbox made the order');
    const told = () => tab.told.filter((t) => t.kind === 'complete').map((t) => (t.kind === 'complete' ? t.detail.orderId : ''));
    assert.deepEqual(told(), [orderId], 'the page was told of the order');
    // The buyer, told it was not finished, presses Pay: its question finds the payment paid, and nothing more is charged.
    element.pay('threeds', world.buyer);
    await tab.settle();
    assert.equal(paymentsOf(world).length, 1, 'nothing more was charged');
    assert.equal(element.controller.phase.kind, 'succeeded', 'the buyer sees the success');
    assert.deepEqual(told(), [orderId], `one order, told once: ${JSON.stringify(toldCodes(world))}`);
  });
});

test('a payment said not finished by a restored page, then refunded when the challenge it kept open answers, is not asked about and said again by the next Pay', async () => {
  await inWorld(4, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const element = tab.page!.elements[0]!;
    const challenge = await payIntoChallenge(world, element);
    changePrices(world, 10);
    // Back restores the page: finalize finds the payment still waiting for the bank, said not finished.
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    assert.ok(toldCodes(world).includes('payment_not_finished'), `said not finished: ${JSON.stringify(toldCodes(world))}`);
    // The challenge kept with the page is approved: the payment is taken and refunded (the price changed), and said.
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed', 'the sandbox refunded it');
    assert.equal(refundsSaid(world), 1, `the refund is said: ${JSON.stringify(toldCodes(world))}`);
    // The buyer presses Pay: the refunded payment is over, and its refund is not said again.
    element.pay('threeds', world.buyer);
    await tab.settle();
    assert.equal(refundsSaid(world), 1, `one refund, said once: ${JSON.stringify(toldCodes(world))}`);
  });
});

test('a refund found as the challenge answers, held until the checkout is read again, is said by the next element as it loads, over its form, when this one is removed before that read answers; its next Pay does not say it again', async () => {
  await inWorld(5, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    const element = tab.page!.elements[0]!;
    const challenge = await payIntoChallenge(world, element);
    changePrices(world, 10);
    // The challenge is approved: the payment is refunded (the price changed); the element reads the checkout again, and that read is held.
    tab.holdReadOf = a.id;
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed', 'the sandbox refunded it');
    // The page removes the element before the read answers, and mounts another for the same checkout.
    element.disconnect();
    await tab.settle();
    const next = tab.currentPage().mount(a.id);
    await tab.settle();
    // Its load asks about the payment the tab kept with its refund (ask-left.ts), and says it over the form, before any Pay.
    const saidBy = () => tab.told.flatMap((told) => (told.kind === 'error' && told.detail.code === 'payment_refunded' ? [told.element] : []));
    assert.deepEqual(saidBy(), [next.name], `said by the next element as it loads: ${JSON.stringify(toldCodes(world))}`);
    assert.equal(next.controller.phase.kind, 'ready', 'over its form');
    assert.equal(paymentsOf(world).length, 1, 'nothing more was charged');
    // The buyer pays there: the refund, said and forgotten, is not said again.
    next.pay('succeeds', world.buyer);
    await tab.settle();
    assert.equal(paymentsOf(world)[1]?.state, 'succeeded', 'the new payment went through');
    assert.deepEqual(saidBy(), [next.name], `the refund is said once: ${JSON.stringify(toldCodes(world))}`);
  });
});

test('a refund found as the challenge a restored page kept open answers, while the page shows another checkout, is said once: the step of that answer keeps nothing in the tab for that checkout’s load to finish again', async () => {
  await inWorld(6, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [, b] = world.checkouts;
    const { element, challenge } = await restoreMidChallenge(world);
    changePrices(world, 10);
    // The buyer approves the challenge kept with the page; as its answer goes out, the page shows
    // checkout B. The tab no longer kept that payment (said not finished), and the answer's step does
    // not keep it again: else B's load would finish it too (reading A, then finalize) and say its refund twice.
    tab.duringNextPath = null;
    tab.duringNext = () => element.show(b.id);
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed', 'the sandbox refunded it');
    assert.equal(refundsSaid(world), 1, `one refund, said once: ${JSON.stringify(toldCodes(world))}`);
    assert.equal(element.controller.phase.kind, 'ready', "B's form is shown");
  });
});

test("a payment a restored page said not finished, approved in the bank's app while the page shows another checkout, is said refunded once, over that checkout's form, when the challenge kept open answers", async () => {
  await inWorld(7, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [, b] = world.checkouts;
    const { element, challenge } = await restoreMidChallenge(world);
    changePrices(world, 10);
    // The buyer approves in their bank's app: the payment is taken and refunded.
    assert.equal(await answerInBankApp(world, challenge), 200);
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed', 'the sandbox refunded it');
    // The page shows B (its form: nothing of A is under way in the tab); the challenge kept with the page then ends too.
    element.show(b.id);
    await tab.settle();
    assert.equal(element.controller.phase.kind, 'ready', "B's form is shown");
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.equal(refundsSaid(world), 1, `one refund, said once: ${JSON.stringify(toldCodes(world))}`);
    assert.equal(element.controller.phase.kind, 'ready', "over B's form");
  });
});

/** The tab's refunds said in the page by `element`. */
const refundsSaidBy = (world: World, element: string) => world.tab.told.filter((t) => t.kind === 'error' && t.shown && t.element === element && t.detail.code === 'payment_refunded').length;

test("a page restored while its challenge stays open, whose finalize is held on its way: the challenge's own run finds the payment refunded as the checkout was archived, and the restored run's answer, later, says it no second time", async () => {
  // The restored model's counterexample (seed 1, with HoldNextFinalize): [Pay(threeds), HoldNextFinalize, Restored, Merchant(archive A), Answer(succeeded)].
  await inWorld(8, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    const element = tab.page!.elements[0]!;
    const challenge = await payIntoChallenge(world, element);
    tab.holdFinalize = true;
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    assert.ok(tab.requests.some((line) => line.endsWith('POST /finalize (held)')), "the restored run's finalize is on its way");
    const archived = await fetch(`${world.sandbox.url}/api/v2/checkouts/${a.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${world.sandbox.secretKey}` } });
    assert.equal(archived.status, 200);
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'checkout_closed', 'approved after the archive: refunded');
    tab.releaseReads();
    await tab.settle();
    assert.equal(refundsSaidBy(world, element.name), 1, `one refund, said once: ${JSON.stringify(toldCodes(world))}`);
    assert.equal(element.controller.phase.kind, 'failed', 'the archive is shown');
  });
});

test("a page restored while its challenge stays open, whose finalize is held, shows another checkout and its own again while the challenge is approved after a price change: the refund is said once, when the restored run's answer comes", async () => {
  // The restored model's counterexample (seed 2, with HoldNextFinalize): [HoldNextFinalize, Pay(threeds), Merchant(price up), Restored, ShowAndBack(approve)].
  await inWorld(9, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a, b] = world.checkouts;
    const element = tab.page!.elements[0]!;
    const challenge = await payIntoChallenge(world, element);
    changePrices(world, 10);
    tab.holdFinalize = true;
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    element.show(b.id);
    await tab.settle();
    // A again, its read held; the challenge kept with the page is approved meanwhile: taken, refunded (the price changed).
    await showAsChallengeIsApproved(tab, element, a.id, challenge);
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed');
    tab.releaseReads();
    await tab.settle();
    assert.equal(refundsSaidBy(world, element.name), 1, `one refund, said once: ${JSON.stringify(toldCodes(world))}`);
  });
});
