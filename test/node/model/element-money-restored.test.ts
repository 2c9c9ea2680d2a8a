// The element model (element-model.ts) with one more thing the tab does: the page comes back from
// the browser's back-forward cache (pageshow, persisted), so each element in it is told it was
// restored (PayAttemptController.restored(): a payment waiting for its bank is asked about with
// finalize), at any step, its in-page challenge still open as the page kept it; and Back from the
// bank a redirect card left the page for restores that page so.
import { test } from 'node:test';
import fc from 'fast-check';
import { elementCommands, modelRunsAndSeed, runElementModel, type World } from './element-model.ts';

const { runs, seed } = modelRunsAndSeed(300, 20261205);

class Restored implements fc.AsyncCommand<Record<string, never>, World> {
  check = () => true;
  async run(_model: Record<string, never>, world: World): Promise<void> {
    world.tab.step += 1;
    const page = world.tab.page?.alive ? world.tab.page : null;
    if (page) {
      world.stats.set('restored', (world.stats.get('restored') ?? 0) + 1);
      for (const element of page.elements) if (element.connected) element.run(() => element.controller.paying.restored());
    }
    await world.tab.settle();
  }
  toString = () => 'Restored';
}

/**
 * The buyer presses Back at the bank a redirect card left the page for: the browser restores the
 * page from its back-forward cache, and its elements are told (restored(): the payment that left
 * for the bank is asked about with finalize).
 */
class BackFromBank implements fc.AsyncCommand<Record<string, never>, World> {
  check = () => true;
  async run(_model: Record<string, never>, world: World): Promise<void> {
    world.tab.step += 1;
    const page = world.tab.backFromBank();
    if (page) {
      world.stats.set('back from the bank, restored', (world.stats.get('back from the bank, restored') ?? 0) + 1);
      for (const element of page.elements) if (element.connected) element.run(() => element.controller.paying.restored());
    }
    await world.tab.settle();
  }
  toString = () => 'BackFromBank';
}

test(`with the page restored from the back-forward cache: every payment ends in one order shown or one refund said (${runs} runs, seed ${seed})`, { timeout: Math.max(600_000, runs * 600) }, async () => {
  await runElementModel({ name: 'element model, restored', runs, seed, commands: [...elementCommands, fc.constant(new Restored()), fc.constant(new Restored()), fc.constant(new BackFromBank()), fc.constant(new BackFromBank()), fc.constant(new BackFromBank())] });
});
