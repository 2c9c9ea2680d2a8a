// Money, proved on the element's side with a model: random sequences of one buyer's tab (elements
// mounted, removed, put back, reloaded; Pay and Try again; challenges answered in the page or the
// bank's app, or left open; answers lost before or after the server acted; reads held on their way
// and answered later), the clock and the merchant, run by real CheckoutControllers against the real
// in-process sandbox (element-model.ts). After a final reload: one order per payment, none charged
// twice, every order shown and every refund said, and nothing said in the end that the money
// contradicts.
import { test } from 'node:test';
import fc from 'fast-check';
import { assertElementInvariants, assertToldAtNextPay, elementCommands, endingArbitrary, finalOrderArbitrary, finish, paymentsOf, startRun, startWorldSandbox, tally } from './element-model.ts';

const runs = Number(process.env.ELEMENT_MODEL_RUNS ?? 1000);
const seed = process.env.ELEMENT_MODEL_SEED === undefined ? 20261203 : Number(process.env.ELEMENT_MODEL_SEED);

test(`every payment the element's tab makes ends in one order shown or one refund said, whatever the tab, bank, network, clock and merchant do (${runs} runs, seed ${seed})`, { timeout: Math.max(600_000, runs * 600) }, async () => {
  const base = await startWorldSandbox();
  const started = Date.now();
  let run = 0;
  let payments = 0;
  let orders = 0;
  let refunds = 0;
  try {
    await fc.assert(
      // Each checkout single-use or not; the tab's storage refusing (Safari's private mode, a full quota) in one run of six.
      fc.asyncProperty(fc.commands(elementCommands, { maxCommands: 15, size: '+1' }), fc.tuple(fc.boolean(), fc.boolean()), fc.nat(5).map((draw) => draw === 0), endingArbitrary, finalOrderArbitrary, async (commands, singleUse, storageRefuses, ending, order) => {
        run += 1;
        const world = await startRun(base, run, { singleUse, storageRefuses });
        try {
          await fc.asyncModelRun(() => ({ model: {}, real: world }), commands);
          const views = await finish(world, ending, order);
          tally(base.stats, world, views);
          for (const left of assertElementInvariants(world, views)) await assertToldAtNextPay(world, views, left);
          const made = paymentsOf(world);
          payments += made.length;
          orders += made.filter((intent) => intent.settlement).length;
          refunds += made.filter((intent) => intent.refund).length;
        } finally {
          world.tab.close();
        }
      }),
      { numRuns: runs, seed, verbose: 1, includeErrorInReport: true },
    );
    console.log(`element model: ${runs} runs in ${((Date.now() - started) / 1000).toFixed(1)} s, ${payments} payments (${orders} ordered, ${refunds} refunded); ${JSON.stringify(Object.fromEntries([...base.stats].sort()))}`);
  } finally {
    await base.sandbox.close();
  }
});
