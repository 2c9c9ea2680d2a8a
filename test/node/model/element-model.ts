// The element side of the money rule, as a model: random sequences of what one buyer's tab (up to
// two <paid-checkout> elements for one checkout, removed, put back, reloaded), their bank (a
// challenge answered in the page or in the bank's app, refused, or left open), the network (an
// answer lost before or after the server acted), the clock and the merchant (archive, a price
// edited) do, run against real CheckoutControllers and the real in-process sandbox
// (element-tab.ts). After a final reload, every payment taken ends in one order the buyer was
// shown, or one refund they were told of, and nothing the element says in the end contradicts the
// money. Run by element-money.test.ts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startSandbox, type StartedSandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../sandbox/clock.ts';
import type { PaymentIntentRecord } from '../../../sandbox/checkout-records.ts';
import { storageKeyFor } from '../../../src/checkout/attempt-store.ts';
import { tabStorage } from '../checkout/tab-globals.ts';
import { Tab, type Card, type Loss, type ModelElement } from './element-tab.ts';

/** What a run has: the sandbox, its checkout, the buyer and their tab. */
export interface World {
  sandbox: StartedSandbox;
  /** prod_analytics' plans as seeded: each run starts from them. */
  seededPlans: string;
  tab: Tab;
  checkoutId: string;
  singleUse: boolean;
  expiresAt: number;
  buyer: { name: string; email: string };
  /** What happened, for the summary line. */
  stats: Map<string, number>;
}

/** What every run shares: the sandbox, the seeded plans, the counts. */
export type Base = Pick<World, 'sandbox' | 'seededPlans' | 'stats'>;

/** fast-check's model: nothing is decided from it (every command checks the world as it runs). */
type Model = Record<string, never>;

const count = (world: World, what: string) => world.stats.set(what, (world.stats.get(what) ?? 0) + 1);

async function call(world: World, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${world.sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${world.sandbox.secretKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function startWorldSandbox(): Promise<Base> {
  const sandbox = await startSandbox({ port: 0, clock: createAdjustableClock() });
  const base = { sandbox, seededPlans: JSON.stringify(sandbox.store.products.get('prod_analytics')!.plans), stats: new Map() };
  await loadResumeReader(base);
  return base;
}

/**
 * Loads the resume reader's chunk once, as a page with something kept in its tab does: under tsx,
 * even an import of a module already read goes through the loader's thread, which a step's
 * settling (requests, timers, promise callbacks) does not wait for; once loaded, the element's
 * lazy chunk answers at once.
 */
async function loadResumeReader(base: Base): Promise<void> {
  const world = await startRun(base, 0, true);
  world.tab.close();
  tabStorage.set(storageKeyFor(world.checkoutId), 'kept by another version');
  const element = await world.tab.reload();
  for (let wait = 0; wait < 400 && element.controller.phase.kind === 'loading'; wait += 1) {
    await world.tab.settle();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.equal(element.controller.phase.kind, 'ready', 'the resume reader loaded');
  world.tab.close();
}

/** A run: the clock and prices as seeded, a new checkout for a new buyer (single-use or a pricing page's reusable link), and their tab with one element. */
export async function startRun(base: Base, run: number, singleUse: boolean): Promise<World> {
  const { sandbox } = base;
  sandbox.clock.reset();
  const product = sandbox.store.products.get('prod_analytics')!;
  product.plans = JSON.parse(base.seededPlans) as typeof product.plans;
  sandbox.store.products.put(product);
  const expiresAt = sandbox.clock.now().getTime() + 24 * 60 * 60_000;
  const world = { ...base, singleUse, expiresAt, buyer: { name: 'Ada Model', email: `buyer-${run}@example.com` } } as World;
  const created = await call(world, 'POST', '/api/v2/checkouts', {
    products: [{ id: 'prod_analytics' }],
    successUrl: 'https://shop.example/thanks',
    singleUse,
    collectAddress: false,
    expiresAt: new Date(expiresAt).toISOString(),
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  world.checkoutId = String(created.body.id);
  world.tab = new Tab(sandbox.clock, sandbox.url, world.checkoutId);
  world.tab.currentPage().mount();
  await world.tab.settle();
  return world;
}

/** The run's payments, oldest first. */
export const paymentsOf = (world: World): PaymentIntentRecord[] =>
  (world.sandbox.store.checkouts.get(world.checkoutId)?.paymentIntentIds ?? []).flatMap((id) => world.sandbox.store.paymentIntents.get(id) ?? []);

/** A command that takes its step, then lets everything it started settle. */
abstract class Step implements fc.AsyncCommand<Model, World> {
  check = () => true;
  async run(_model: Model, world: World): Promise<void> {
    world.tab.step += 1;
    await this.act(world);
    await world.tab.settle();
  }
  abstract act(world: World): Promise<void> | void;
  abstract toString(): string;
}

/** A step on one of the page's elements (the `pick`th of those in it, or of those removed from it): none when there is none. */
abstract class OnElement extends Step {
  constructor(readonly pick: number) {
    super();
  }
  /** Whether the step is on an element in the page (else on one removed from it). */
  abstract readonly inPage: boolean;
  act(world: World) {
    const elements = world.tab.page?.alive ? world.tab.page.elements.filter((element) => element.connected === this.inPage) : [];
    const element = elements[this.pick % Math.max(1, elements.length)];
    if (element) this.actOn(element, world);
  }
  abstract actOn(element: ModelElement, world: World): void;
}

/** Another element for the checkout in the page (a page laid out twice); the buyer opens the link again when the last page left. */
class Mount extends Step {
  act(world: World) {
    const page = world.tab.currentPage();
    if (page.elements.length < 2) page.mount();
  }
  toString = () => 'Mount';
}

class Remove extends OnElement {
  readonly inPage = true;
  actOn = (element: ModelElement) => element.disconnect();
  toString = () => `Remove(#${this.pick})`;
}

class PutBack extends OnElement {
  readonly inPage = false;
  actOn = (element: ModelElement) => element.connect();
  toString = () => `PutBack(#${this.pick})`;
}

/** The buyer fills the form and presses Pay (or Try again, which Pay is while an answer is lost) with a card. */
class Pay extends OnElement {
  readonly inPage = true;
  constructor(
    pick: number,
    readonly card: Card,
  ) {
    super(pick);
  }
  actOn(element: ModelElement, world: World) {
    count(world, `pay ${this.card}`);
    element.pay(this.card, world.buyer);
  }
  toString = () => `Pay(#${this.pick}, ${this.card})`;
}

/** Both elements of the page press Pay in the same moment (a buyer with the page laid out twice, a double submit): one payment at most goes. */
class PayTogether extends Step {
  constructor(readonly card: Card) {
    super();
  }
  act(world: World) {
    const present = world.tab.page?.alive ? world.tab.page.elements.filter((element) => element.connected) : [];
    if (present.length < 2) return;
    count(world, 'pay together');
    for (const element of present) element.pay(this.card, world.buyer);
  }
  toString = () => `PayTogether(${this.card})`;
}

class TryAgain extends OnElement {
  readonly inPage = true;
  actOn = (element: ModelElement) => element.tryAgain();
  toString = () => `TryAgain(#${this.pick})`;
}

/** The buyer answers the challenge open in the page, whether or not its element is still in it. */
class Answer extends Step {
  constructor(readonly outcome: 'succeeded' | 'failed') {
    super();
  }
  async act(world: World) {
    const [challenge] = world.tab.openChallenges();
    if (!challenge) return;
    count(world, `challenge ${this.outcome}`);
    await challenge.page.answer(this.outcome);
  }
  toString = () => `Answer(${this.outcome})`;
}

/** The buyer's bank's app answers a payment waiting for it: no element hears of it. */
class BankApp extends Step {
  constructor(
    readonly pick: number,
    readonly outcome: 'succeeded' | 'failed',
  ) {
    super();
  }
  async act(world: World) {
    await bankAnswers(world, this.pick, this.outcome);
  }
  toString = () => `BankApp(#${this.pick}, ${this.outcome})`;
}

async function bankAnswers(world: World, pick: number, outcome: 'succeeded' | 'failed'): Promise<void> {
  const waiting = paymentsOf(world).filter((intent) => intent.state === 'requires_action');
  const intent = waiting[pick % Math.max(1, waiting.length)];
  if (!intent) return;
  count(world, `bank app ${outcome}`);
  await call(world, 'POST', `/sandbox/stripe/payment_intents/${intent.id}/authenticate`, { clientSecret: intent.clientSecret, outcome });
}

/** The tab's next request (complete, finalize, the challenge's answer) loses its answer: before the server saw it, or after it acted. */
class LoseNext extends Step {
  constructor(readonly loss: Loss) {
    super();
  }
  act(world: World) {
    count(world, `lose ${this.loss}`);
    world.tab.loseNext = this.loss;
  }
  toString = () => `LoseNext(${this.loss})`;
}

type Move = 'minute' | 'past the hold' | 'past expiry';

/** The clock moves (the sandbox's, and the element's `now`): a minute, past the 15-minute hold of a challenge, past the checkout's expiry. */
class MoveClock extends Step {
  constructor(readonly move: Move) {
    super();
  }
  async act(world: World) {
    const { tab } = world;
    const ms = this.move === 'minute' ? 60_000 : this.move === 'past the hold' ? 16 * 60_000 : Math.max(60_000, world.expiresAt + 60_000 - tab.now());
    await tab.advance(ms);
  }
  toString = () => `MoveClock(${this.move})`;
}

/** The merchant archives the checkout, or edits the price of every plan it sells (as Paid's dashboard would: no API edits a price). */
class Merchant extends Step {
  constructor(readonly change: 'archive' | 'price up' | 'price down') {
    super();
  }
  async act(world: World) {
    count(world, `merchant ${this.change}`);
    if (this.change === 'archive') {
      await call(world, 'DELETE', `/api/v2/checkouts/${world.checkoutId}`);
      return;
    }
    const { store } = world.sandbox;
    const product = store.products.get('prod_analytics')!;
    const percent = this.change === 'price up' ? 10 : -10;
    for (const plan of product.plans) plan.prices = plan.prices.map((price) => ({ ...price, amount: Math.round((price.amount * (100 + percent)) / 100) }));
    product.updatedAt = world.sandbox.clock.now();
    store.products.put(product);
  }
  toString = () => `Merchant(${this.change})`;
}

class Reload extends Step {
  async act(world: World) {
    count(world, 'reload');
    await world.tab.reload();
  }
  toString = () => 'Reload';
}

const pick = fc.nat(3);
const pay = fc.tuple(pick, fc.constantFrom<Card>('threeds', 'threeds', 'threeds', 'succeeds', 'succeeds', 'card_declined')).map(([at, card]) => new Pay(at, card));
const answer = fc.constantFrom<'succeeded' | 'failed'>('succeeded', 'succeeded', 'failed').map((outcome) => new Answer(outcome));

/** The commands, paying and answering challenges most often. */
export const elementCommands = [
  pay,
  pay,
  pay,
  answer,
  answer,
  fc.constantFrom<Loss>('before', 'after', 'after').map((loss) => new LoseNext(loss)),
  fc.constantFrom<Loss>('before', 'after', 'after').map((loss) => new LoseNext(loss)),
  fc.constant(new Mount()),
  fc.constantFrom<Card>('threeds', 'succeeds').map((card) => new PayTogether(card)),
  pick.map((at) => new Remove(at)),
  pick.map((at) => new PutBack(at)),
  pick.map((at) => new TryAgain(at)),
  fc.tuple(pick, fc.constantFrom<'succeeded' | 'failed'>('succeeded', 'succeeded', 'failed')).map(([at, outcome]) => new BankApp(at, outcome)),
  fc.constantFrom<Move>('minute', 'past the hold', 'past expiry').map((move) => new MoveClock(move)),
  fc.constantFrom('archive' as const, 'price up' as const, 'price down' as const).map((change) => new Merchant(change)),
  fc.constant(new Reload()),
];

/** What becomes of a challenge still open at the end: left (the tab is reloaded over it), answered in the page, or approved in the bank's app. */
export type Ending = 'abandon' | 'approve' | 'refuse' | 'bank app';
export const endingArbitrary = fc.constantFrom<Ending>('abandon', 'approve', 'refuse', 'bank app');

/**
 * The quiescent end: the challenge left open is answered (or not) as `ending` says, then the tab
 * is reloaded, and a challenge the reloaded element opens (its kept attempt resent) is approved.
 * The final element, settled.
 */
export async function finish(world: World, ending: Ending): Promise<ModelElement> {
  const { tab } = world;
  tab.loseNext = null;
  tab.step += 1;
  for (let round = 0; round < 3; round += 1) {
    const [challenge] = tab.openChallenges();
    if (!challenge || ending === 'abandon') break;
    if (ending === 'bank app') {
      await call(world, 'POST', `/sandbox/stripe/payment_intents/${challenge.paymentIntentId}/authenticate`, { clientSecret: challenge.clientSecret, outcome: 'succeeded' });
      // The bank's app approved it: the page's challenge is then approved there too.
      await challenge.page.answer('succeeded');
    } else {
      await challenge.page.answer(ending === 'approve' ? 'succeeded' : 'failed');
    }
    await tab.settle();
  }
  const final = await tab.reload();
  await tab.settle();
  count(world, `ending ${ending}`);
  for (let round = 0; round < 3 && tab.openChallenges().length; round += 1) {
    await tab.openChallenges()[0]!.page.answer('succeeded');
    await tab.settle();
  }
  return final;
}

/** Counts, for the summary line, how the run ended and what its elements said (each code once a run). */
export function tally(stats: World['stats'], world: World, final: ModelElement): void {
  const said = new Set(world.tab.told.map((told) => (told.kind === 'complete' ? 'complete' : told.detail.code)));
  for (const what of [`final ${final.controller.state.status}`, ...[...said].map((code) => `told ${code}`)]) stats.set(what, (stats.get(what) ?? 0) + 1);
}

/**
 * The invariants, once the run has ended in `final` (the element of the last reload), read from
 * the sandbox's store and from what the tab's elements told the page.
 */
export function assertElementInvariants(world: World, final: ModelElement): LeftForNextPay | null {
  const { tab, sandbox } = world;
  const { store } = sandbox;
  const payments = paymentsOf(world);
  const told = new Set(tab.toldOrders());
  const { phase } = final.controller;
  const finalOrder = phase.kind === 'succeeded' ? phase.detail.orderId : null;
  const shown = (orderId: string) => told.has(orderId) || orderId === finalOrder;
  const pressedBy = new Map(tab.pressed.map((pressed, index) => [pressed.token, { ...pressed, index }]));
  const said = `final state ${JSON.stringify(final.controller.state)}; told ${JSON.stringify(tab.told.map((t) => (t.kind === 'complete' ? `${t.step}:${t.element} complete ${t.detail.orderId}` : `${t.step}:${t.element} ${t.detail.code}`)))}; payments ${JSON.stringify(payments.map((intent) => ({ id: intent.id, state: intent.state, order: intent.settlement?.orderId ?? null, refund: intent.refund?.reason ?? null, pay: pressedBy.get(intent.confirmationToken)?.index })))}; requests:\n${tab.requests.join('\n')}\n`;

  // (1) One order per payment, for the buyer who paid, at the price they were shown.
  const ordered = payments.filter((intent) => intent.settlement);
  assert.equal(new Set(ordered.map((intent) => intent.settlement!.orderId)).size, ordered.length, `two payments settled into one order: ${said}`);
  for (const intent of ordered) {
    const order = store.orders.get(intent.settlement!.orderId);
    assert.ok(order, `${intent.id}'s order exists: ${said}`);
    const customer = store.customers.get(order.customerId);
    assert.equal(customer?.email, world.buyer.email, `${intent.id}'s order is the buyer's: ${said}`);
    assert.equal(store.orders.withKey(order.customerId).length, 1, `${intent.id}'s buyer has one order for it: ${said}`);
  }
  for (const intent of payments) {
    const pressed = pressedBy.get(intent.confirmationToken);
    assert.ok(pressed, `${intent.id} was made by a Pay of the tab: ${said}`);
    assert.equal(intent.purchase.amountDue, pressed.amountShown, `${intent.id} charges the amount its form showed when Pay was pressed: ${said}`);
  }
  // No Pay charged the buyer again while a payment of theirs that kept its money was never shown:
  // the later Pay was pressed after the earlier payment's order had been told.
  const kept = payments.filter((intent) => intent.settlement && !intent.refund).sort((a, b) => pressedBy.get(a.confirmationToken)!.index - pressedBy.get(b.confirmationToken)!.index);
  for (const [index, later] of kept.entries()) {
    for (const earlier of kept.slice(0, index)) {
      assert.ok(pressedBy.get(later.confirmationToken)!.toldBefore.has(earlier.settlement!.orderId), `${later.id} was charged by a Pay pressed before ${earlier.id}'s order was shown: charged twice for one purchase: ${said}`);
    }
  }

  // Every success said names an order a payment of the tab made.
  for (const orderId of [...told, ...(finalOrder ? [finalOrder] : [])]) {
    assert.ok(ordered.some((intent) => intent.settlement!.orderId === orderId), `a success was shown for ${orderId}, which no payment of the tab made: ${said}`);
  }

  // (3) What the final element says is not contradicted by the money: it says no end of the
  // checkout, and not that nothing was charged, while a payment that kept its money was never shown.
  const untold = kept.filter((intent) => !shown(intent.settlement!.orderId));
  const finalError = phase.kind === 'failed' ? phase.error.code : final.controller.payError?.code ?? null;
  if (finalError && /^(expired|archived|completed|not_found|payment_not_finished)$/.test(finalError)) {
    assert.deepEqual(untold.map((intent) => intent.id), [], `the final element says ${finalError} while the buyer's payment made an order never shown: ${said}`);
  }

  // (2) Every order was shown, and every refund said.
  const left = (() => {
    try {
      return JSON.parse(tabStorage.get(`paid-checkout:unfinished:${world.checkoutId}`) ?? 'null')?.id as string | undefined;
    } catch {
      return undefined;
    }
  })();
  for (const intent of untold) {
    // Exception, by design (ELEMENT.md, `payment_in_progress`): a payment the element said was not
    // finished, then approved by the bank with no element listening (its app), on a checkout still
    // open, is told at the tab's next Pay, which names it (asks how it ended, shows its success,
    // charges nothing): the tab must still name it, and the final element show the form.
    const toldAtNextPay = phase.kind === 'ready' && !final.controller.hasPendingAttempt && left === intent.id;
    assert.ok(toldAtNextPay, `${intent.id} made order ${intent.settlement!.orderId}, never shown to the buyer: ${said}`);
  }
  const refunded = payments.filter((intent) => intent.refund);
  // Said as a refund (`payment_refunded`), or as a payment not kept (`payment_not_kept`: "any amount
  // taken has been refunded", to a resent attempt whose payment failed or was refunded). The event
  // does not name the payment: every refund is said at least once in all, or (the exception above)
  // is still named by the tab for the next Pay over the form.
  const refundsSaid = tab.told.filter((t) => t.kind === 'error' && /^(payment_refunded|payment_not_kept)$/.test(t.detail.code)).length;
  const saidAtNextPay = refunded.filter((intent) => phase.kind === 'ready' && !final.controller.hasPendingAttempt && left === intent.id).length;
  assert.ok(refundsSaid + saidAtNextPay >= refunded.length, `${refunded.length} refunds, ${refundsSaid} said (${saidAtNextPay} left for the next Pay): ${said}`);
  // Settled, the final element leaves no attempt kept for a later page to finish.
  if (phase.kind !== 'paying') assert.equal(tabStorage.get(storageKeyFor(world.checkoutId)) ?? null, null, `the tab still keeps an attempt after the end: ${said}`);
  const leftIntent = untold.length || saidAtNextPay ? payments.find((intent) => intent.id === left)! : null;
  return leftIntent && { paymentIntentId: leftIntent.id, orderId: leftIntent.refund ? null : leftIntent.settlement!.orderId, said };
}

/** The payment the tab names for its next Pay, whose order (or refund, `orderId` null) nobody was told of yet. */
export interface LeftForNextPay {
  paymentIntentId: string;
  orderId: string | null;
  said: string;
}

/**
 * The exception checked, not taken on trust: the final element's next Pay (a card that pays at
 * once) asks how the payment left unfinished ended and tells it: its order's success, nothing
 * charged; or its refund said with that Pay's end.
 */
export async function assertToldAtNextPay(world: World, final: ModelElement, left: LeftForNextPay): Promise<void> {
  const { tab } = world;
  const before = paymentsOf(world).length;
  const told = tab.told.length;
  tab.step += 1;
  final.pay('succeeds', world.buyer);
  await tab.settle();
  const now = tab.told.slice(told);
  const account = `${left.said}after the next Pay: ${JSON.stringify(final.controller.state)}; told ${JSON.stringify(now.map((t) => (t.kind === 'complete' ? `complete ${t.detail.orderId}` : t.detail.code)))}; requests:\n${tab.requests.slice(-4).join('\n')}`;
  if (left.orderId) {
    count(world, 'exception: order told at the next Pay');
    assert.ok(now.some((t) => t.kind === 'complete' && t.detail.orderId === left.orderId), `the next Pay shows ${left.paymentIntentId}'s order ${left.orderId}: ${account}`);
    assert.equal(paymentsOf(world).length, before, `the next Pay charges nothing more: ${account}`);
  } else {
    count(world, 'exception: refund said at the next Pay');
    assert.ok(now.some((t) => t.kind === 'error' && t.detail.code === 'payment_refunded'), `the next Pay says ${left.paymentIntentId}'s refund: ${account}`);
  }
}
