// Interleavings around the question each load of a checkout asks about a payment of it left
// unfinished (ask-left.ts askAtLoad), against the real sandbox through the element model's tab:
// another element, Back, a removal, `checkout-id` changing, the clock and the merchant, each while
// that question is on its way (the tab's holdFinalize). R*: each failed on the first version of the
// question (8392169) and passes since; E*: held from the start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerInBankApp, changePrices, inWorld, paymentsOf, type World } from '../model/element-model.ts';
import type { Tab } from '../model/element-tab.ts';
import { approveLeftInBankApp, finalizes, payIntoChallenge, reloadMidChallenge, restoreMidChallenge, showAsChallengeIsApproved, toldByElement } from './left-payments.ts';
import { tabStorage } from './tab-globals.ts';

const refundsShownBy = (world: World, element: string) => world.tab.told.filter((t) => t.kind === 'error' && t.shown && t.element === element && t.detail.code === 'payment_refunded').length;
const refundsShown = (world: World) => world.tab.told.filter((t) => t.kind === 'error' && t.shown && t.detail.code === 'payment_refunded').length;

/** Whether the tab held a finalize on its way (tab.holdFinalize), as its requests say. */
const finalizeHeld = (tab: Tab) => tab.requests.some((line) => line.endsWith(' POST /finalize (held)'));

test('R1 a refund found by the load\'s question is not said again by the same element when the challenge its page kept open answers', async () => {
  await inWorld(11, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a, b] = world.checkouts;
    // The buyer pays into a challenge; Back restores the page with it open: finalize finds it waiting, said not finished.
    const { element, challenge } = await restoreMidChallenge(world);
    changePrices(world, 10);
    // Approved in the bank's app after the price changed: taken and refunded.
    assert.equal(await answerInBankApp(world, challenge), 200);
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed');
    // The page shows B, then A again: A's load asks about the payment, and says its refund.
    element.show(b.id);
    await tab.settle();
    element.show(a.id);
    await tab.settle();
    assert.equal(refundsShownBy(world, element.name), 1, `the load said the refund: ${JSON.stringify(toldByElement(world))}`);
    // Stripe's modal, kept with the page, closes as the bank's app answered.
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.equal(refundsShownBy(world, element.name), 1, `one refund, said once by ${element.name}: ${JSON.stringify(toldByElement(world))}`);
  });
});

test('R2 the load\'s question, answered after another element of the page left a newer payment of the checkout unfinished, forgets only the payment it asked about: the newer one\'s order is shown, one purchase', async () => {
  await inWorld(12, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    await reloadMidChallenge(world);
    const pi1 = paymentsOf(world)[0]!.id;
    // A page laid out twice: its first element's question at load is slow.
    tab.holdFinalize = true;
    const e0 = await tab.reload(a.id);
    await tab.settle();
    assert.ok(finalizeHeld(tab), "e0's question is on its way");
    const e1 = tab.page!.mount(a.id);
    await tab.settle();
    assert.equal(e1.controller.phase.kind, 'ready', "e1's question found it waiting: its form");
    // e1 pays (3-D Secure, replacing pi1); the page is restored from the back-forward cache in its challenge: said not finished.
    const challenge = await payIntoChallenge(world, e1);
    e1.run(() => e1.controller.paying.restored());
    await tab.settle();
    const pi2 = paymentsOf(world)[1]!.id;
    assert.equal(JSON.parse(tabStorage.get(`paid-checkout:unfinished:${a.id}`) ?? 'null')?.id, pi2, 'the tab keeps pi2 left unfinished');
    // e0's question about pi1 answers now: pi1 was cancelled when pi2 replaced it.
    tab.releaseReads();
    await tab.settle();
    assert.equal(e0.controller.phase.kind, 'ready');
    const keptLeft = JSON.parse(tabStorage.get(`paid-checkout:unfinished:${a.id}`) ?? 'null')?.id ?? null;
    // pi2 is approved in the bank's app; the buyer reloads.
    assert.equal(await answerInBankApp(world, challenge), 200);
    const orderId = paymentsOf(world).find((intent) => intent.id === pi2)!.settlement?.orderId;
    assert.ok(orderId);
    const reloaded = await tab.reload(a.id);
    await tab.settle();
    const shown = reloaded.controller.phase.kind === 'succeeded' || tab.toldOrders().includes(orderId);
    if (!shown) {
      reloaded.pay('succeeds', world.buyer);
      await tab.settle();
    }
    assert.equal(paymentsOf(world).filter((intent) => intent.settlement && !intent.refund).length, 1, `one purchase, one payment kept (the tab kept ${keptLeft} left after e0's answer about ${pi1}): ${JSON.stringify(paymentsOf(world).map((i) => [i.id, i.state, i.settlement?.orderId ?? null]))}; told ${JSON.stringify(toldByElement(world))}`);
    assert.equal(keptLeft, pi2, `after e0's answer about ${pi1}, the tab still keeps ${pi2} left unfinished`);
  });
});

test('R3 an element removed while the load\'s question is on its way leaves the refund it finds for the next element of that checkout, which says it', async () => {
  await inWorld(13, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    await approveLeftInBankApp(world, { priceChanged: true });
    tab.duringNextPath = /\/finalize$/;
    tab.duringNext = () => tab.page!.elements[0]!.disconnect();
    await tab.reload(a.id);
    await tab.settle();
    // The page mounts another element for A.
    const next = tab.currentPage().mount(a.id);
    await tab.settle();
    if (refundsShown(world) === 0) {
      next.pay('succeeds', world.buyer);
      await tab.settle();
    }
    assert.equal(refundsShown(world), 1, `the refund is said to the buyer once: ${JSON.stringify(toldByElement(world))}`);
  });
});

test('R4 a payment left unfinished that the server does not know (finalize 404) is forgotten, and the checkout\'s form shown', async () => {
  await inWorld(14, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    tabStorage.set(`paid-checkout:unfinished:${a.id}`, JSON.stringify({ id: 'pi_unknownToThisServer', at: tab.now() }));
    const element = await tab.reload(a.id);
    await tab.settle();
    assert.equal(element.controller.phase.kind, 'ready', `the checkout's form: ${JSON.stringify(element.controller.state)}; told ${JSON.stringify(toldByElement(world))}`);
  });
});

test('R5 a page frozen in the back-forward cache while the load\'s question is on its way reads the session again once restored, and asks again', async () => {
  await inWorld(15, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a, b] = world.checkouts;
    await reloadMidChallenge(world);
    tab.holdFinalize = true;
    const e0 = await tab.reload(a.id);
    await tab.settle();
    assert.ok(finalizeHeld(tab));
    // Another element of the page, showing B, pays with a card whose bank is a redirect: the page leaves for the bank.
    const e1 = tab.page!.mount(b.id);
    await tab.settle();
    e1.pay('redirect', world.buyer);
    await tab.settle();
    assert.ok(tab.atBank, 'the page left for the bank');
    // e0's question reaches the server while the page is in the cache: its answer never reaches it.
    tab.releaseReads();
    await tab.settle();
    // Back: the page is restored (pageshow, persisted).
    assert.ok(tab.backFromBank());
    e0.run(() => e0.controller.paying.restored());
    e1.run(() => e1.controller.paying.restored());
    await tab.settle();
    await tab.advance(5_000);
    assert.equal(e0.controller.phase.kind, 'ready', `e0 asked again (still waiting) and shows its form: ${JSON.stringify(e0.controller.state)}`);
  });
});

// ---- exploratory: interleavings expected to hold ----------------------------------------------

for (const refund of [false, true]) {
  const what = refund ? 'refund' : 'order';
  test(`E1 checkout-id changed to B while the load's question is on its way (${what}): told once, over B, not again back on A`, async () => {
    await inWorld(21, { singleUse: [false, false], storageRefuses: false }, async (world) => {
      const { tab } = world;
      const [a, b] = world.checkouts;
      await approveLeftInBankApp(world, { priceChanged: refund });
      tab.duringNextPath = /\/finalize$/;
      tab.duringNext = () => tab.page!.elements[0]!.show(b.id);
      const element = await tab.reload(a.id);
      await tab.settle();
      assert.equal(element.controller.checkout?.id, b.id);
      element.show(a.id);
      await tab.settle();
      const told = toldByElement(world);
      if (refund) assert.equal(refundsShownBy(world, element.name), 1, JSON.stringify(told));
      else assert.equal(told.filter((t) => t.includes('complete')).length, 1, JSON.stringify(told));
      assert.equal(element.controller.phase.kind, 'ready', `A's form: ${JSON.stringify(element.controller.state)}`);
    });
  });

  test(`E1b checkout-id B then A again before the load's answer arrives (${what}): A's new load asks itself, shown once`, async () => {
    await inWorld(22, { singleUse: [false, false], storageRefuses: false }, async (world) => {
      const { tab } = world;
      const [a, b] = world.checkouts;
      await approveLeftInBankApp(world, { priceChanged: refund });
      tab.holdFinalize = true;
      const element = await tab.reload(a.id);
      await tab.settle();
      element.show(b.id);
      await tab.settle();
      // The question is released (no read is held yet) and reaches the server; before its answer
      // arrives, the page shows A again, whose read is held until the second release.
      tab.duringNextPath = /\/finalize$/;
      tab.duringNext = () => {
        tab.holdReadOf = a.id;
        element.show(a.id);
      };
      tab.releaseReads();
      await tab.settle();
      tab.releaseReads();
      await tab.settle();
      const told = toldByElement(world);
      if (refund) assert.equal(refundsShownBy(world, element.name), 1, JSON.stringify(told));
      else {
        assert.equal(told.filter((t) => t.includes('complete')).length, 1, JSON.stringify(told));
        assert.equal(element.controller.phase.kind, 'succeeded', JSON.stringify(element.controller.state));
      }
      assert.equal(paymentsOf(world).length, 1);
    });
  });

  test(`E2 two elements of the page show A, both load with its payment left (${what}): each says it once, nothing charged`, async () => {
    await inWorld(23, { singleUse: [false, false], storageRefuses: false }, async (world) => {
      const { tab } = world;
      const [a] = world.checkouts;
      await approveLeftInBankApp(world, { priceChanged: refund });
      const before = finalizes(world);
      const e0 = await tab.reload(a.id);
      const e1 = tab.page!.mount(a.id);
      await tab.settle();
      const told = toldByElement(world);
      assert.equal(finalizes(world) - before, 2, 'each element asked once');
      for (const element of [e0, e1]) {
        if (refund) assert.equal(refundsShownBy(world, element.name), 1, JSON.stringify(told));
        else assert.equal(told.filter((t) => t === `${element.name} complete ${paymentsOf(world)[0]!.settlement!.orderId}`).length, 1, JSON.stringify(told));
        assert.equal(element.controller.phase.kind, refund ? 'ready' : 'succeeded');
      }
      assert.equal(paymentsOf(world).length, 1);
    });
  });

  test(`E3 storage refusing, the live page shows A again after its payment said not finished was approved in the bank's app (${what})`, async () => {
    await inWorld(24, { singleUse: [false, false], storageRefuses: true }, async (world) => {
      const { tab } = world;
      const [a, b] = world.checkouts;
      const { element, challenge } = await restoreMidChallenge(world);
      // The page's Stripe modal goes (the buyer closed it): nothing kept with the page will answer.
      tab.page!.challenges.length = 0;
      if (refund) changePrices(world, 10);
      assert.equal(await answerInBankApp(world, challenge), 200);
      element.show(b.id);
      await tab.settle();
      element.show(a.id);
      await tab.settle();
      const told = toldByElement(world);
      if (refund) assert.equal(refundsShownBy(world, element.name), 1, JSON.stringify(told));
      else assert.equal(element.controller.phase.kind, 'succeeded', JSON.stringify(told));
    });
  });

  test(`E4 single-use checkout, payment left then approved in the bank's app (${what}): the next load shows it`, async () => {
    await inWorld(25, { singleUse: [true, false], storageRefuses: false }, async (world) => {
      const { tab } = world;
      const [a] = world.checkouts;
      await approveLeftInBankApp(world, { priceChanged: refund });
      const element = await tab.reload(a.id);
      await tab.settle();
      const told = toldByElement(world);
      if (refund) assert.equal(refundsShownBy(world, element.name), 1, JSON.stringify(told));
      else assert.equal(element.controller.phase.kind, 'succeeded', JSON.stringify(told));
    });
  });
}

test('E5 the checkout expires while the load\'s question is on its way (the payment still waits): expired shown, the payment cancelled, a late approval charges nothing', async () => {
  await inWorld(26, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    const { challenge } = await reloadMidChallenge(world);
    // The buyer reloads half a minute before the checkout expires; the load's question is held past
    // the expiry, within the 60 s the element waits for it (held longer, that timeout cuts it short).
    await tab.advance(a.expiresAt - 30_000 - tab.now());
    tab.holdFinalize = true;
    const element = await tab.reload(a.id);
    await tab.settle();
    await tab.advance(a.expiresAt + 15_000 - tab.now());
    assert.equal(element.controller.phase.kind, 'loading', 'the form waits for its answer');
    tab.releaseReads();
    await tab.settle();
    await tab.advance(3_000);
    assert.equal(element.controller.phase.kind, 'failed', JSON.stringify(element.controller.state));
    await answerInBankApp(world, challenge);
    assert.equal(paymentsOf(world).filter((intent) => intent.settlement && !intent.refund).length, 0, 'nothing kept');
    assert.deepEqual(toldByElement(world).slice(-1), [`${element.name} expired`]);
  });
});

test('E6 Pay pressed as soon as the form comes back (still waiting), the bank approving just before the Pay: that order, nothing more charged', async () => {
  await inWorld(27, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    const { challenge } = await reloadMidChallenge(world);
    const element = await tab.reload(a.id);
    await tab.settle();
    assert.equal(element.controller.phase.kind, 'ready');
    assert.equal(await answerInBankApp(world, challenge), 200);
    element.pay('succeeds', world.buyer);
    await tab.settle();
    assert.equal(paymentsOf(world).length, 1);
    assert.equal(element.controller.phase.kind, 'succeeded');
  });
});

test('E7 archived while the load\'s question is on its way (after the server answered waiting): then approved in the bank\'s app: the refund is said', async () => {
  await inWorld(28, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    const { challenge } = await reloadMidChallenge(world);
    tab.duringNextPath = /\/finalize$/;
    tab.duringNext = () => {
      void fetch(`${world.sandbox.url}/api/v2/checkouts/${a.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${world.sandbox.secretKey}` } });
    };
    const element = await tab.reload(a.id);
    await tab.settle();
    assert.equal(element.controller.phase.kind, 'ready', 'the server answered waiting before it was archived: the form');
    await answerInBankApp(world, challenge);
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'checkout_closed', 'approved after the archive: refunded');
    const next = await tab.reload(a.id);
    await tab.settle();
    assert.equal(next.controller.phase.kind, 'failed', 'the reload shows the archive');
    const taken = paymentsOf(world).filter((i) => i.refund).length;
    assert.ok(refundsShown(world) >= taken, JSON.stringify(toldByElement(world)));
  });
});

test('R1b the challenge a restored page kept open answers (refunded) while the load\'s question about that payment is on its way: said once by that element', async () => {
  await inWorld(31, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a, b] = world.checkouts;
    const { element, challenge } = await restoreMidChallenge(world);
    changePrices(world, 10);
    element.show(b.id);
    await tab.settle();
    // A again: its load's question about the payment left unfinished is slow.
    tab.holdFinalize = true;
    element.show(a.id);
    await tab.settle();
    assert.ok(finalizeHeld(tab), "the load's question is on its way");
    // The buyer approves the challenge kept with the page: taken, refunded (the price changed).
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed');
    tab.releaseReads();
    await tab.settle();
    assert.equal(refundsShownBy(world, element.name), 1, `one refund, said once by ${element.name}: ${JSON.stringify(toldByElement(world))}`);
  });
});

test('R6 a refund held for another checkout at the load of A, whose payment left unfinished made its order: the load asks all the same, and shows that order', async () => {
  await inWorld(32, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a, b] = world.checkouts;
    await approveLeftInBankApp(world, { priceChanged: false });
    const orderA = paymentsOf(world)[0]!.settlement?.orderId;
    assert.ok(orderA);
    const element = tab.page!.elements[0]!;
    element.show(b.id);
    await tab.settle();
    const challenge = await payIntoChallenge(world, element);
    changePrices(world, 10);
    await showAsChallengeIsApproved(tab, element, a.id, challenge);
    assert.ok(tab.toldOrders().includes(orderA) || element.controller.phase.kind === 'succeeded', `A's load shows its order ${orderA}: ${JSON.stringify(element.controller.state)}; told ${JSON.stringify(toldByElement(world))}`);
  });
});

test('E9 while the load asks, the element is still loading and the page hears nothing; then the form, its statechange and paid-checkout-ready', async () => {
  await inWorld(33, { singleUse: [false, false], storageRefuses: false }, async (world) => {
    const { tab } = world;
    const [a] = world.checkouts;
    await reloadMidChallenge(world);
    tab.holdFinalize = true;
    const page = tab.currentPage();
    tab.leave(page);
    const heard: string[] = [];
    const element = await tab.reload(a.id);
    for (const type of ['paid-checkout-ready', 'paid-checkout-statechange']) {
      element.host.addEventListener(type, (event) => heard.push(`${type} ${JSON.stringify((event as CustomEvent).detail?.status ?? (event as CustomEvent).detail?.state?.status ?? '')} (phase ${element.controller.phase.kind})`));
    }
    await tab.settle();
    heard.push(`-- question on its way, phase ${element.controller.phase.kind}`);
    tab.releaseReads();
    await tab.settle();
    assert.deepEqual(heard, ['-- question on its way, phase loading', 'paid-checkout-statechange "ready" (phase ready)', 'paid-checkout-ready "" (phase ready)']);
  });
});

for (const approved of [false, true]) {
  test(`E10 archived while the load's question is on its way, before the server answers it (${approved ? 'approved in the bank app before: refunded as it closed' : 'still waiting: cancelled'}): the state says so, the payment is forgotten, nothing kept`, async () => {
    await inWorld(34, { singleUse: [false, false], storageRefuses: false }, async (world) => {
      const { tab } = world;
      const [a] = world.checkouts;
      const { challenge } = await reloadMidChallenge(world);
      tab.holdFinalize = true;
      const element = await tab.reload(a.id);
      await tab.settle();
      assert.ok(finalizeHeld(tab), "the load's question is on its way");
      const archived = await fetch(`${world.sandbox.url}/api/v2/checkouts/${a.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${world.sandbox.secretKey}` } });
      assert.equal(archived.status, 200);
      if (approved) assert.equal(await answerInBankApp(world, challenge), 200);
      tab.releaseReads();
      await tab.settle();
      const { phase } = element.controller;
      assert.equal(phase.kind, 'failed', JSON.stringify(element.controller.state));
      assert.equal(phase.kind === 'failed' && phase.error.code, approved ? 'payment_refunded' : 'archived');
      assert.deepEqual(toldByElement(world).slice(1), [`${element.name} ${approved ? 'payment_refunded' : 'archived'}`], 'said once');
      assert.equal(tabStorage.get(`paid-checkout:unfinished:${a.id}`), undefined, 'forgotten');
      if (!approved) assert.notEqual(await answerInBankApp(world, challenge), 200, 'the payment was cancelled: a late approval takes nothing');
      assert.equal(paymentsOf(world).filter((intent) => intent.settlement && !intent.refund).length, 0, 'nothing kept');
    });
  });
}
