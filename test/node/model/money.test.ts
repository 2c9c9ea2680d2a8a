// Money, proved with a model: random sequences of buyers (billing addresses, VAT numbers, tax
// quotes), banks, merchants and clocks against the sandbox; after every step, every payment has
// exactly one order for the buyer who paid at the price shown with tax, or a refund; nothing
// answers 5xx; replays return the first answer.
import { test } from 'node:test';
import fc from 'fast-check';
import { assertInvariants, finalizeAll, moneyCommands, openCheckouts, raceOnOneLink, startModelSandbox, type Model } from './money-model.ts';

const runs = Number(process.env.MONEY_MODEL_RUNS ?? 1000);
const seed = process.env.MONEY_MODEL_SEED === undefined ? 20261130 : Number(process.env.MONEY_MODEL_SEED);

test(`every payment ends in one order for its buyer at the price shown with tax, or one refund (${runs} runs, seed ${seed})`, { timeout: Math.max(600_000, runs * 60) }, async () => {
  const real = await startModelSandbox();
  let runCount = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.commands(moneyCommands, { maxCommands: 20 }), async (commands) => {
        // Each run starts from the same sandbox clock; the store carries on, as a long-lived backend does.
        real.clock.reset();
        real.runPayments.clear();
        // A run that failed part-way leaves its orders unchecked: they must not fail the shrunk runs after it.
        real.newOrders.length = 0;
        runCount += 1;
        const model: Model = { tag: `r${runCount}`, checkouts: [], intents: [], shown: new Map() };
        // Two links to pay from the start: one single-use, one reusable (a pricing page's).
        await openCheckouts(model, real);
        await fc.asyncModelRun(() => ({ model, real }), commands);
        assertInvariants(model, real);
        await finalizeAll(model, real);
        assertInvariants(model, real);
      }),
      { numRuns: runs, seed, verbose: 1, includeErrorInReport: true },
    );
    // Each step checked the run's own payments; the whole store, once, at the end.
    assertInvariants({ tag: 'all', checkouts: [], intents: [], shown: new Map() }, real, 'all');
    const payments = real.sandbox.store.paymentIntents.list();
    const orders = payments.filter((intent) => intent.settlement).length;
    const refunds = payments.filter((intent) => intent.refund).length;
    console.log(`money model: ${runs} runs, ${real.requests} requests, ${payments.length} payments (${orders} ordered, ${refunds} refunded)`);
  } finally {
    await real.sandbox.close();
  }
});

test(`two buyers (who may close the tab after the bank) and the merchant at once on one single-use link, in every order fc.scheduler tries (${Math.ceil(runs / 4)} runs)`, { timeout: Math.max(600_000, runs * 60) }, async () => {
  const real = await startModelSandbox();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.tuple(fc.constantFrom<'succeeds' | 'threeds'>('succeeds', 'threeds'), fc.constantFrom<'succeeds' | 'threeds'>('succeeds', 'threeds')),
        fc.tuple(fc.boolean(), fc.boolean()),
        fc.boolean(),
        async (scheduler, cards, closesTab, archive) => {
          await raceOnOneLink(real, scheduler, cards, closesTab, archive);
        },
      ),
      { numRuns: Math.ceil(runs / 4), seed, includeErrorInReport: true },
    );
  } finally {
    await real.sandbox.close();
  }
});
