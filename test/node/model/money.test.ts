// Money, proved with a model: random sequences of buyers (new or known, billing addresses typed or
// on file, VAT numbers, tax quotes, upgrades), banks, merchants (changing prices, orders, customers
// and checkouts while payments are under way) and clocks against the sandbox; after every step,
// every payment has exactly one order for the buyer who paid at the price shown with tax, or a
// refund with a true reason; nothing answers 5xx; replays return the first answer.
import { test } from 'node:test';
import fc from 'fast-check';
import { assertInvariants, filedArbitrary, finalizeAll, moneyCommands, openCheckouts, raceOnOneLink, startModelSandbox, startRun, tabsInOneBrowser, type Model } from './money-model.ts';

const runs = Number(process.env.MONEY_MODEL_RUNS ?? 1000);
const seed = process.env.MONEY_MODEL_SEED === undefined ? 20261130 : Number(process.env.MONEY_MODEL_SEED);

test(`every payment ends in one order for its buyer at the price shown with tax, or one refund (${runs} runs, seed ${seed})`, { timeout: Math.max(600_000, runs * 60) }, async () => {
  const real = await startModelSandbox();
  let runCount = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.commands(moneyCommands, { maxCommands: 20 }), filedArbitrary, async (commands, filed) => {
        startRun(real);
        runCount += 1;
        const model: Model = { tag: `r${runCount}`, checkouts: [], intents: [], shown: new Map(), shownLine: new Map(), sent: [], toldClosed: new Set() };
        // Links to pay from the start: a single-use one and a reusable one (a pricing page's) for new
        // buyers, and a reusable one for a customer the merchant knows, with an address on file.
        await openCheckouts(model, real, filed);
        await fc.asyncModelRun(() => ({ model, real }), commands);
        assertInvariants(model, real);
        await finalizeAll(model, real);
        assertInvariants(model, real);
      }),
      { numRuns: runs, seed, verbose: 1, includeErrorInReport: true },
    );
    // Each step checked the run's own payments; the whole store, once, at the end.
    assertInvariants({ tag: 'all', checkouts: [], intents: [], shown: new Map(), shownLine: new Map(), sent: [], toldClosed: new Set() }, real, 'all');
    const payments = real.sandbox.store.paymentIntents.list();
    const orders = payments.filter((intent) => intent.settlement).length;
    const refunds = payments.filter((intent) => intent.refund).length;
    const { crossings } = real;
    const reasons = new Map<string, number>();
    for (const intent of payments) if (intent.refund) reasons.set(intent.refund.reason, (reasons.get(intent.refund.reason) ?? 0) + 1);
    console.log(`money model: ${runs} runs, ${real.requests} requests, ${payments.length} payments (${orders} ordered, ${refunds} refunded: ${JSON.stringify(Object.fromEntries(reasons))}); ${crossings.paid} paid after their period or trial ended, ${crossings.refused} of them 409 amount_changed; merchant changes ${JSON.stringify(Object.fromEntries(real.merchantChanges))}`);
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

test(`one browser paying one reusable link in several tabs with Paid's own client (one payment cookie), banks and finalizes in every order fc.scheduler tries (${Math.ceil(runs / 4)} runs)`, { timeout: Math.max(600_000, runs * 60) }, async () => {
  const real = await startModelSandbox();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.record({ card: fc.constantFrom<'succeeds' | 'threeds'>('threeds', 'threeds', 'succeeds'), bank: fc.constantFrom<'succeeded' | 'failed'>('succeeded', 'succeeded', 'failed') }), { minLength: 2, maxLength: 4 }),
        async (scheduler, tabs) => {
          await tabsInOneBrowser(real, scheduler, tabs);
        },
      ),
      { numRuns: Math.ceil(runs / 4), seed, includeErrorInReport: true },
    );
  } finally {
    await real.sandbox.close();
  }
});
