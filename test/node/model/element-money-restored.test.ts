// The element model (element-model.ts) with one more thing the tab does: the page comes back from
// the browser's back-forward cache (pageshow, persisted), so each element in it is told it was
// restored (PayAttemptController.restored(): a payment waiting for its bank is asked about with
// finalize), at any step, its in-page challenge still open as the page kept it.
import { test } from 'node:test';
import fc from 'fast-check';
import { assertElementInvariants, assertToldAtNextPay, elementCommands, endingArbitrary, finalOrderArbitrary, finish, startRun, startWorldSandbox, tally, type World } from './element-model.ts';

const runs = Number(process.env.ELEMENT_MODEL_RUNS ?? 300);
const seed = process.env.ELEMENT_MODEL_SEED === undefined ? 20261205 : Number(process.env.ELEMENT_MODEL_SEED);

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

const commands = [...elementCommands, fc.constant(new Restored()), fc.constant(new Restored())];

test(`with the page restored from the back-forward cache: every payment ends in one order shown or one refund said (${runs} runs, seed ${seed})`, { timeout: Math.max(600_000, runs * 600) }, async () => {
  const base = await startWorldSandbox();
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 15, size: '+1' }), fc.tuple(fc.boolean(), fc.boolean()), endingArbitrary, finalOrderArbitrary, async (steps, singleUse, ending, order) => {
        run += 1;
        const world = await startRun(base, run, { singleUse, storageRefuses: false });
        try {
          await fc.asyncModelRun(() => ({ model: {}, real: world }), steps);
          const views = await finish(world, ending, order);
          tally(base.stats, world, views);
          for (const left of assertElementInvariants(world, views)) await assertToldAtNextPay(world, views, left);
        } finally {
          world.tab.close();
        }
      }),
      { numRuns: runs, seed, verbose: 1, includeErrorInReport: true },
    );
    console.log(`element model, restored: ${runs} runs; ${JSON.stringify(Object.fromEntries([...base.stats].sort()))}`);
  } finally {
    await base.sandbox.close();
  }
});
