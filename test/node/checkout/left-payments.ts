// What the tests of a 3-D Secure payment the element said was not finished share (left-at-load*,
// restored-refund, bank-return): how the buyer leaves it so (a reload or Back in its challenge),
// what the elements told the page, and how often the tab asked finalize.
import assert from 'node:assert/strict';
import { answerInBankApp, changePrices, paymentsOf, type World } from '../model/element-model.ts';
import type { Challenge, ModelElement, Tab } from '../model/element-tab.ts';

/** What the elements told the page, in order: each error's code, or `complete` and its order. */
export const toldCodes = (world: World) => world.tab.told.map((told) => (told.kind === 'error' ? told.detail.code : `complete ${told.detail.orderId}`));

/**
 * What the elements told the page, in order, each after the element that said it: `p1e0 code`,
 * `p1e0(out) code` when that element was out of the page (it told the page, not the buyer), or
 * `p1e0 complete order`.
 */
export const toldByElement = (world: World) =>
  world.tab.told.map((told) => (told.kind === 'error' ? `${told.element}${told.shown ? '' : '(out)'} ${told.detail.code}` : `${told.element} complete ${told.detail.orderId}`));

/** The tab's finalize requests so far (one held on its way counts as it is held, and again as it answers). */
export const finalizes = (world: World) => world.tab.requests.filter((line) => / POST \/finalize /.test(line)).length;

/** The buyer pays with a card that asks for 3-D Secure: Stripe's challenge opens in the page. */
export async function payIntoChallenge(world: World, element: ModelElement): Promise<Challenge> {
  element.pay('threeds', world.buyer);
  await world.tab.settle();
  const [challenge] = world.tab.openChallenges();
  assert.ok(challenge, 'the challenge is open');
  return challenge;
}

/**
 * The buyer pays into a 3-D Secure challenge, and Back restores the page with it still open: finalize
 * finds the payment still waiting for the bank, and the buyer reads that it was not finished.
 * Returns the tab's element and the challenge its page kept open.
 */
export async function restoreMidChallenge(world: World): Promise<{ element: ModelElement; challenge: Challenge }> {
  const element = world.tab.page!.elements[0]!;
  const challenge = await payIntoChallenge(world, element);
  element.run(() => element.controller.paying.restored());
  await world.tab.settle();
  assert.ok(toldCodes(world).includes('payment_not_finished'), `said not finished: ${JSON.stringify(toldCodes(world))}`);
  return { element, challenge };
}

/**
 * The buyer pays into a 3-D Secure challenge and reloads the page in it: the reloaded page finds the
 * payment still waiting for the bank, says it was not finished and shows the form (the tab keeps it
 * left unfinished). Returns the challenge, still open at the bank, and the reloaded page's element.
 */
export async function reloadMidChallenge(world: World): Promise<{ challenge: Challenge; element: ModelElement }> {
  const { tab } = world;
  const [a] = world.checkouts;
  const challenge = await payIntoChallenge(world, tab.page!.elements[0]!);
  const element = await tab.reload(a.id);
  await tab.settle();
  assert.deepEqual(toldCodes(world), ['payment_not_finished']);
  assert.equal(element.controller.phase.kind, 'ready');
  return { challenge, element };
}

/**
 * A payment left unfinished (reloadMidChallenge), then approved in the buyer's bank's app;
 * `priceChanged`: after the merchant raised the price, so the sandbox takes and refunds it.
 */
export async function approveLeftInBankApp(world: World, { priceChanged }: { priceChanged: boolean }): Promise<void> {
  const { challenge } = await reloadMidChallenge(world);
  if (priceChanged) changePrices(world, 10);
  assert.equal(await answerInBankApp(world, challenge), 200);
}

/**
 * The element shows `checkoutId` again, its read of that checkout held on its way while the
 * challenge its page kept open is approved; then the read answers.
 */
export async function showAsChallengeIsApproved(tab: Tab, element: ModelElement, checkoutId: string, challenge: Challenge): Promise<void> {
  tab.holdReadOf = checkoutId;
  element.show(checkoutId);
  await tab.settle();
  await challenge.page.answer('succeeded');
  await tab.settle();
  tab.releaseReads();
  await tab.settle();
}

/**
 * The buyer pays again, by card, after being told the first payment was not finished: the new
 * payment goes through, and the one left took nothing. Returns the new payment's order.
 */
export async function payReplacingLeft(world: World, element: ModelElement): Promise<string> {
  element.pay('succeeds', world.buyer);
  await world.tab.settle();
  const [left, paid] = paymentsOf(world);
  assert.equal(paid?.state, 'succeeded');
  assert.notEqual(left?.state, 'succeeded', 'the payment left unfinished took nothing');
  return paid!.settlement!.orderId;
}
