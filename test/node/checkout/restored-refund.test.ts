// A page the browser brings back from its back-forward cache while the buyer's 3-D Secure challenge
// is still open on it (PayAttemptController.restored()), against the real in-process sandbox: the
// element asks finalize how that payment ended, and the challenge the page kept may still answer
// afterwards. One refund is said once; one order is told once, also when the next Pay finds it paid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRun, startWorldSandbox, paymentsOf, type World } from '../model/element-model.ts';

/** The buyer's bank's app answers the payment the page's challenge is open for: no element hears of it. */
async function approveInBankApp(world: World, challenge: { paymentIntentId: string; clientSecret: string }): Promise<void> {
  const approved = await fetch(`${world.sandbox.url}/sandbox/stripe/payment_intents/${challenge.paymentIntentId}/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientSecret: challenge.clientSecret, outcome: 'succeeded' }),
  });
  assert.equal(approved.status, 200);
}

test('a refund found by the finalize of a page restored from the back-forward cache is not said again when the challenge it kept open then answers', async () => {
  const base = await startWorldSandbox();
  try {
    const world = await startRun(base, 1, { singleUse: [false, false], storageRefuses: false });
    const { tab, sandbox } = world;
    const element = tab.page!.elements[0]!;
    // The buyer pays with a card that asks for 3-D Secure: Stripe's challenge opens in the page.
    element.pay('threeds', world.buyer);
    await tab.settle();
    const [challenge] = tab.openChallenges();
    assert.ok(challenge, 'the challenge is open');
    // The merchant edits the price while the buyer is at their bank...
    const product = sandbox.store.products.get('prod_analytics')!;
    for (const plan of product.plans) plan.prices = plan.prices.map((price) => ({ ...price, amount: Math.round(price.amount * 1.1) }));
    product.updatedAt = sandbox.clock.now();
    sandbox.store.products.put(product);
    // ...and the buyer approves in their bank's app: the payment is taken, then refunded (amount_changed).
    await approveInBankApp(world, challenge);
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed', 'the sandbox refunded it');
    // The page comes back from the back-forward cache (pageshow, persisted), its challenge still open.
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    const refundsSaid = () => tab.told.filter((told) => told.kind === 'error' && told.detail.code === 'payment_refunded').length;
    assert.equal(refundsSaid(), 1, 'finalize found the refund, and the element said it');
    // Stripe's challenge, kept with the page, now ends too (the bank answered): handleNextAction resolves.
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.equal(refundsSaid(), 1, `one refund, said once; told: ${JSON.stringify(tab.told.map((told) => (told.kind === 'error' ? told.detail.code : 'complete')))}`);
    world.tab.close();
  } finally {
    await base.sandbox.close();
  }
});

test('an order found by the finalize of a page restored from the back-forward cache, answered after checkout-id changed, is not told again when the challenge it kept open then answers', async () => {
  const base = await startWorldSandbox();
  try {
    const world = await startRun(base, 2, { singleUse: [false, false], storageRefuses: false });
    const { tab } = world;
    const [a, b] = world.checkouts;
    const element = tab.page!.elements[0]!;
    element.pay('threeds', world.buyer);
    await tab.settle();
    const [challenge] = tab.openChallenges();
    assert.ok(challenge, 'the challenge is open');
    // The buyer approves in their bank's app: the order is made.
    await approveInBankApp(world, challenge);
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
    world.tab.close();
  } finally {
    await base.sandbox.close();
  }
});

test('an order told while the page showed another checkout is not told again when the next Pay finds that payment paid (the buyer had been told it was not finished)', async () => {
  const base = await startWorldSandbox();
  try {
    const world = await startRun(base, 3, { singleUse: [false, false], storageRefuses: false });
    const { tab } = world;
    const [a, b] = world.checkouts;
    const element = tab.page!.elements[0]!;
    element.pay('threeds', world.buyer);
    await tab.settle();
    const [challenge] = tab.openChallenges();
    assert.ok(challenge, 'the challenge is open');
    // Back restores the page: finalize finds the payment still waiting for the bank, and the buyer reads that it was not finished.
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    const codes = () => tab.told.map((told) => (told.kind === 'error' ? told.detail.code : `complete ${told.detail.orderId}`));
    assert.ok(codes().includes('payment_not_finished'), `said not finished: ${JSON.stringify(codes())}`);
    // The page shows B, then A again, whose read is held; meanwhile the challenge kept with the page is approved.
    element.show(b.id);
    await tab.settle();
    tab.holdReadOf = a.id;
    element.show(a.id);
    await tab.settle();
    await challenge.page.answer('succeeded');
    await tab.settle();
    tab.releaseReads();
    await tab.settle();
    const orderId = paymentsOf(world)[0]!.settlement?.orderId;
    assert.ok(orderId, 'the sandbox made the order');
    const told = () => tab.told.filter((t) => t.kind === 'complete').map((t) => (t.kind === 'complete' ? t.detail.orderId : ''));
    assert.deepEqual(told(), [orderId], 'the page was told of the order');
    // The buyer, told it was not finished, presses Pay: its question finds the payment paid, and nothing more is charged.
    element.pay('threeds', world.buyer);
    await tab.settle();
    assert.equal(paymentsOf(world).length, 1, 'nothing more was charged');
    assert.equal(element.controller.phase.kind, 'succeeded', 'the buyer sees the success');
    assert.deepEqual(told(), [orderId], `one order, told once: ${JSON.stringify(codes())}`);
    world.tab.close();
  } finally {
    await base.sandbox.close();
  }
});

test('a payment said not finished by a restored page, then refunded when the challenge it kept open answers, is not asked about and said again by the next Pay', async () => {
  const base = await startWorldSandbox();
  try {
    const world = await startRun(base, 4, { singleUse: [false, false], storageRefuses: false });
    const { tab, sandbox } = world;
    const element = tab.page!.elements[0]!;
    element.pay('threeds', world.buyer);
    await tab.settle();
    const [challenge] = tab.openChallenges();
    assert.ok(challenge, 'the challenge is open');
    const product = sandbox.store.products.get('prod_analytics')!;
    for (const plan of product.plans) plan.prices = plan.prices.map((price) => ({ ...price, amount: Math.round(price.amount * 1.1) }));
    product.updatedAt = sandbox.clock.now();
    sandbox.store.products.put(product);
    // Back restores the page: finalize finds the payment still waiting for the bank, said not finished.
    element.run(() => element.controller.paying.restored());
    await tab.settle();
    const codes = () => tab.told.map((told) => (told.kind === 'error' ? told.detail.code : 'complete'));
    assert.ok(codes().includes('payment_not_finished'), `said not finished: ${JSON.stringify(codes())}`);
    // The challenge kept with the page is approved: the payment is taken and refunded (the price changed), and said.
    await challenge.page.answer('succeeded');
    await tab.settle();
    assert.equal(paymentsOf(world)[0]!.refund?.reason, 'amount_changed', 'the sandbox refunded it');
    const refundsSaid = () => codes().filter((code) => code === 'payment_refunded').length;
    assert.equal(refundsSaid(), 1, `the refund is said: ${JSON.stringify(codes())}`);
    // The buyer presses Pay: the refunded payment is over, and its refund is not said again.
    element.pay('threeds', world.buyer);
    await tab.settle();
    assert.equal(refundsSaid(), 1, `one refund, said once: ${JSON.stringify(codes())}`);
    world.tab.close();
  } finally {
    await base.sandbox.close();
  }
});

test('a refund found as the challenge answers, held until the checkout is read again, is said by the next element when this one is removed before that read answers', async () => {
  const base = await startWorldSandbox();
  try {
    const world = await startRun(base, 5, { singleUse: [false, false], storageRefuses: false });
    const { tab, sandbox } = world;
    const [a] = world.checkouts;
    const element = tab.page!.elements[0]!;
    element.pay('threeds', world.buyer);
    await tab.settle();
    const [challenge] = tab.openChallenges();
    assert.ok(challenge, 'the challenge is open');
    const product = sandbox.store.products.get('prod_analytics')!;
    for (const plan of product.plans) plan.prices = plan.prices.map((price) => ({ ...price, amount: Math.round(price.amount * 1.1) }));
    product.updatedAt = sandbox.clock.now();
    sandbox.store.products.put(product);
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
    const refundsSaid = () => tab.told.filter((told) => told.kind === 'error' && told.detail.code === 'payment_refunded').length;
    if (refundsSaid() === 0) {
      // Said at the latest when the buyer next presses Pay there, before anything is charged.
      next.pay('succeeds', world.buyer);
      await tab.settle();
    }
    assert.equal(refundsSaid(), 1, `the refund is said once: ${JSON.stringify(tab.told.map((told) => (told.kind === 'error' ? told.detail.code : 'complete')))}`);
    world.tab.close();
  } finally {
    await base.sandbox.close();
  }
});
