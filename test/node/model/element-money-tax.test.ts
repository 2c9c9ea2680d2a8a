// The element model (element-model.ts) with tax in play: both checkouts collect the billing
// address, and the buyer types a taxed one (GB, VAT 20%), so that every Pay sends the tax quote's
// amount and prices_version, a reload resumes the address and asks the quote again, and the
// merchant's price edits meet quotes as well as reads. The buyer presses Pay only when the button
// would let them (the quote has come, or Try again is offered).
import { test } from 'node:test';
import { ModelElement } from './element-tab.ts';
import { modelRunsAndSeed, runElementModel, type World } from './element-model.ts';

const { runs, seed } = modelRunsAndSeed(300, 20261204);

// The buyer's address, typed with their name and email; Pay pressed only where the button is enabled.
const address = { line1: '1 High Street', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' } as const;
ModelElement.prototype.pay = function pay(this: ModelElement, card, buyer) {
  this.card = card;
  this.run(() => {
    const { choices } = this.controller;
    const typed = { name: buyer.name, email: buyer.email, ...address };
    for (const [field, value] of Object.entries(typed)) if ((this.controller.customer as Record<string, string>)[field] !== value) choices.setField(field as never, value);
  });
  // The quote is asked once typing pauses: the buyer presses Pay when the button lets them.
  this.pressWhenEnabled = true;
};
declare module './element-tab.ts' {
  interface ModelElement {
    pressWhenEnabled?: boolean;
  }
}

/** Presses Pay on every element whose buyer asked to, once its button is enabled (after the tab settled the quote). */
async function pressPending(world: World): Promise<void> {
  for (const element of world.tab.page?.alive ? world.tab.page.elements : []) {
    if (!element.pressWhenEnabled) continue;
    element.pressWhenEnabled = false;
    const { controller } = element;
    const enabled = controller.canPay || (controller.hasPendingAttempt && controller.phase.kind !== 'paying');
    if (element.connected && enabled) element.run(() => controller.paying.pay());
  }
  await world.tab.settle();
}

/** Each step's settling presses the Pay its buyer asked for, once the quote has come. */
function pressAfterEachSettle(world: World): void {
  const original = world.tab.settle.bind(world.tab);
  let pressing = false;
  world.tab.settle = async (ticks?: number) => {
    await original(ticks);
    if (pressing) return;
    pressing = true;
    try {
      await pressPending(world);
    } finally {
      pressing = false;
    }
  };
}

test(`with tax: every payment ends in one order shown or one refund said (${runs} runs, seed ${seed})`, { timeout: Math.max(600_000, runs * 600) }, async () => {
  await runElementModel({ name: 'element model with tax', runs, seed, collectAddress: true, prepare: pressAfterEachSettle });
});
