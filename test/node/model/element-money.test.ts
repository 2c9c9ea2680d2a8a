// Money, proved on the element's side with a model: random sequences of one buyer's tab (elements
// mounted, removed, put back, reloaded; Pay and Try again; challenges answered in the page or the
// bank's app, or left open; answers lost before or after the server acted; reads held on their way
// and answered later), the clock and the merchant, run by real CheckoutControllers against the real
// in-process sandbox (element-model.ts). After a final reload: one order per payment, none charged
// twice, every order shown and every refund said, and nothing said in the end that the money
// contradicts.
import { test } from 'node:test';
import { modelRunsAndSeed, runElementModel } from './element-model.ts';

const { runs, seed } = modelRunsAndSeed(1000, 20261203);

test(`every payment the element's tab makes ends in one order shown or one refund said, whatever the tab, bank, network, clock and merchant do (${runs} runs, seed ${seed})`, { timeout: Math.max(600_000, runs * 600) }, async () => {
  await runElementModel({ name: 'element model', runs, seed, storageMayRefuse: true });
});
