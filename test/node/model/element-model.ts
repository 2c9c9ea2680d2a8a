// The element side of the money rule, as a model: random sequences of what one buyer's tab (up to
// two <paid-checkout> elements, each showing one of two checkouts, its `checkout-id` changed by the
// page, removed, put back, reloaded; its storage working or refusing), their bank (a challenge
// answered in the page or in the bank's app, refused, or left open; a redirect card's visit to the
// test bank, answered on its page and back to the return URL, which may show the other checkout,
// or left there), the network (an answer lost
// before or after the server acted; a read of a checkout held on its way, answered with what the
// server says once released), the clock and the merchant (archive, a price edited) do, run
// against real CheckoutControllers and the real in-process sandbox (element-tab.ts). After a final
// step that shows each checkout in turn, every payment taken ends in one order the buyer was shown,
// or one refund they were told of, and nothing the element says in the end contradicts the money.
// Run by element-money.test.ts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startSandbox, type StartedSandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../sandbox/clock.ts';
import type { PaymentIntentRecord } from '../../../sandbox/checkout-records.ts';
import { AttemptStore, storageKeyFor } from '../../../src/checkout/attempt-store.ts';
import type { Phase } from '../../../src/checkout/state.ts';
import { storageRefusal, tabStorage } from '../checkout/tab-globals.ts';
import { Tab, type Card, type Loss, type ModelElement } from './element-tab.ts';

/** One of a run's two checkouts (A and B) of prod_analytics, each single-use or a reusable link. */
export interface ModelCheckout {
  label: 'A' | 'B';
  id: string;
  singleUse: boolean;
  expiresAt: number;
}

/** What a run has: the sandbox, its two checkouts, the buyer and their tab. */
export interface World {
  sandbox: StartedSandbox;
  /** prod_analytics' plans as seeded: each run starts from them. */
  seededPlans: string;
  tab: Tab;
  checkouts: [ModelCheckout, ModelCheckout];
  /** The tab's storage refuses to keep anything (setItem throws): each page keeps what it can in its memory, lost with it. */
  storageRefuses: boolean;
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
  const world = await startRun(base, 0, { singleUse: [true, true], storageRefuses: false });
  world.tab.close();
  const [{ id }] = world.checkouts;
  tabStorage.set(storageKeyFor(id), 'kept by another version');
  const element = await world.tab.reload(id);
  for (let wait = 0; wait < 400 && element.controller.phase.kind === 'loading'; wait += 1) {
    await world.tab.settle();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.equal(element.controller.phase.kind, 'ready', 'the resume reader loaded');
  world.tab.close();
}

/** How a run is set up: each checkout single-use or not, and whether the tab's storage refuses. */
export interface RunSetup {
  singleUse: [boolean, boolean];
  storageRefuses: boolean;
  /** Both checkouts collect the billing address (tax in play: element-money-tax.test.ts); false unless given. */
  collectAddress?: boolean;
}

/**
 * A run: the clock and prices as seeded, two new checkouts for a new buyer (each single-use or a
 * pricing page's reusable link; B expires half an hour after A), and their tab with one element
 * showing A.
 */
export async function startRun(base: Base, run: number, setup: RunSetup): Promise<World> {
  const { sandbox } = base;
  sandbox.clock.reset();
  storageRefusal.refuses = setup.storageRefuses;
  const product = sandbox.store.products.get('prod_analytics')!;
  product.plans = JSON.parse(base.seededPlans) as typeof product.plans;
  sandbox.store.products.put(product);
  const world = { ...base, storageRefuses: setup.storageRefuses, buyer: { name: 'Ada Model', email: `buyer-${run}@example.com` } } as World;
  const checkouts: ModelCheckout[] = [];
  for (const [index, label] of (['A', 'B'] as const).entries()) {
    const singleUse = setup.singleUse[index]!;
    const expiresAt = sandbox.clock.now().getTime() + 24 * 60 * 60_000 + index * 30 * 60_000;
    const created = await call(world, 'POST', '/api/v2/checkouts', {
      products: [{ id: 'prod_analytics' }],
      successUrl: 'https://shop.example/thanks',
      singleUse,
      collectAddress: setup.collectAddress ?? false,
      expiresAt: new Date(expiresAt).toISOString(),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    checkouts.push({ label, id: String(created.body.id), singleUse, expiresAt });
  }
  world.checkouts = checkouts as World['checkouts'];
  world.tab = new Tab(sandbox.clock, sandbox.url, checkouts.map((checkout) => checkout.id));
  world.tab.currentPage().mount(checkouts[0]!.id);
  await world.tab.settle();
  return world;
}

/** The run's payments (of both checkouts), A's then B's, each oldest first. */
export const paymentsOf = (world: World): PaymentIntentRecord[] =>
  world.checkouts.flatMap((checkout) => (world.sandbox.store.checkouts.get(checkout.id)?.paymentIntentIds ?? []).flatMap((id) => world.sandbox.store.paymentIntents.get(id) ?? []));

/** The label (A, B) of a checkout of the run. */
const labelOf = (world: World, checkoutId: string | null | undefined) => world.checkouts.find((checkout) => checkout.id === checkoutId)?.label ?? String(checkoutId);

/** What the tab keeps, read as the element reads it: its storage, else (storage refusing) the live page's memory. */
const tabKeeps = () => new AttemptStore();

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
  async act(world: World) {
    const elements = world.tab.page?.alive ? world.tab.page.elements.filter((element) => element.connected === this.inPage) : [];
    const element = elements[this.pick % Math.max(1, elements.length)];
    if (element) await this.actOn(element, world);
  }
  abstract actOn(element: ModelElement, world: World): void | Promise<void>;
}

/** One of the run's checkouts: 0 is A, 1 is B. */
type Which = 0 | 1;
const which = fc.constantFrom<Which>(0, 1);
const named = (at: Which) => (at === 0 ? 'A' : 'B');

/** Known defects switched on by name (ELEMENT_MODEL_INCLUDE, comma-separated): S1 (below). */
const included = new Set((process.env.ELEMENT_MODEL_INCLUDE ?? '').split(',').map((name) => name.trim()));

/** Another element in the page, for checkout A or B (a page laid out twice); the buyer opens the link again when the last page left. */
class Mount extends Step {
  constructor(readonly which: Which) {
    super();
  }
  act(world: World) {
    const page = world.tab.currentPage();
    if (page.elements.length < 2) page.mount(world.checkouts[this.which].id);
  }
  toString = () => `Mount(${named(this.which)})`;
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

/**
 * The page sets an element's `checkout-id` to A or B (in the page, or while it is out of it): the
 * element reads that session anew, dropping what was in flight for the one it showed, whose
 * payments may still answer.
 */
class ShowCheckout extends OnElement {
  constructor(
    pick: number,
    readonly which: Which,
    readonly inPage: boolean,
  ) {
    super(pick);
  }
  actOn(element: ModelElement, world: World) {
    const { id } = world.checkouts[this.which];
    if (element.checkoutId === id) return;
    count(world, 'show another checkout');
    element.show(id);
  }
  toString = () => `ShowCheckout(#${this.pick}${this.inPage ? '' : ' removed'}, ${named(this.which)})`;
}

/**
 * The page shows the other checkout in an element, then, once that one is read, the element's own
 * again (its tabs switched there and back), whose read is held on its way: with `approve`, the
 * buyer approves the challenge open in the page meanwhile, and the read then answers; else it stays
 * held until ReleaseReads or the end. One step, drawn twice as often as most, so that random runs
 * reach within a few thousand an element reading its own checkout anew while a payment of it made
 * there is answered (da98ece's refund said twice: with the approval a step of its own, 3,000 runs at
 * seed 3 never reached it).
 */
class ShowAndBack extends OnElement {
  readonly inPage = true;
  constructor(
    pick: number,
    readonly approve: boolean,
  ) {
    super(pick);
  }
  async actOn(element: ModelElement, world: World) {
    const own = element.checkoutId;
    const other = world.checkouts.find((checkout) => checkout.id !== own)!;
    count(world, 'show another checkout and back, read held');
    element.show(other.id);
    await world.tab.settle();
    if (!element.page.alive) return;
    world.tab.holdReadOf = own;
    element.show(own);
    if (!this.approve) return;
    await world.tab.settle();
    await new Answer('succeeded').act(world);
    await world.tab.settle();
    if (world.tab.releaseReads()) count(world, 'held read released after the bank');
  }
  toString = () => `ShowAndBack(#${this.pick}${this.approve ? ', approve' : ''})`;
}

/** The page sets an element's `checkout-id` while the tab's next request is on its way: the server has acted, its answer not yet arrived. */
class ShowDuringNext extends Step {
  constructor(
    readonly pick: number,
    readonly which: Which,
    /** Waits for the tab's next finalize (a payment asked about: resumed, or before a checkout's end), not its next request. */
    readonly finalize: boolean,
  ) {
    super();
  }
  act(world: World) {
    world.tab.duringNextPath = this.finalize ? /\/finalize$/ : null;
    world.tab.duringNext = () => {
      const elements = world.tab.page?.alive ? world.tab.page.elements.filter((element) => element.connected) : [];
      const element = elements[this.pick % Math.max(1, elements.length)];
      const { id } = world.checkouts[this.which];
      if (!element || element.checkoutId === id) return;
      count(world, this.finalize ? 'show another checkout mid-finalize' : 'show another checkout mid-request');
      element.show(id);
    };
  }
  toString = () => `ShowDuringNext(#${this.pick}, ${named(this.which)}${this.finalize ? ', finalize' : ''})`;
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

/**
 * The buyer answers at the test bank a redirect card left the tab for (Approve or Fail on its page),
 * and the bank sends them back to the return URL with Stripe's parameters, where the merchant's
 * page shows the checkout paid, or the other one (a page that creates a checkout per load).
 */
class AtTheBank extends Step {
  constructor(
    readonly outcome: 'succeeded' | 'failed',
    readonly other: boolean,
  ) {
    super();
  }
  async act(world: World) {
    await answerAtTheBank(world, this.outcome, this.other);
  }
  toString = () => `AtTheBank(${this.outcome}${this.other ? ', the other checkout' : ''})`;
}

/** The bank's page posts the buyer's answer (its form, as a browser sends it) and follows its 303 back to the shop. */
async function answerAtTheBank(world: World, outcome: 'succeeded' | 'failed', other: boolean): Promise<void> {
  const visit = world.tab.atBank;
  if (!visit) return;
  count(world, `bank page ${outcome}`);
  const form = new URLSearchParams({ payment_intent: visit.paymentIntentId, client_secret: visit.clientSecret, return_url: visit.returnUrl, answer: outcome === 'succeeded' ? 'approve' : 'fail' });
  const answered = await fetch(`${world.sandbox.url}/sandbox/stripe/bank`, { method: 'POST', body: form, redirect: 'manual' });
  await answered.arrayBuffer();
  const back = answered.headers.get('location');
  // Answered already the other way (its app refused it): the bank's page says so, and sends nobody back.
  if (answered.status !== 303 || !back) {
    count(world, 'bank page: answered already');
    return;
  }
  const paid = world.sandbox.store.paymentIntents.get(visit.paymentIntentId)!.checkoutId;
  const shown = world.checkouts.find((checkout) => (checkout.id === paid) !== other)!;
  count(world, other ? 'back from the bank to the other checkout' : 'back from the bank');
  await world.tab.returnFromBank(back, shown.id);
}

/** The buyer's bank's app answers a payment (of either checkout) waiting for it: no element hears of it. */
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
  await answerInBankApp(world, { paymentIntentId: intent.id, clientSecret: intent.clientSecret }, outcome);
}

/** The buyer's bank's app answers `payment` (the sandbox's authenticate, as the stand-in posts it): no page hears of it. The status the sandbox answered. */
export async function answerInBankApp(world: Pick<World, 'sandbox'>, payment: { paymentIntentId: string; clientSecret: string }, outcome: 'succeeded' | 'failed' = 'succeeded'): Promise<number> {
  const answered = await call(world as World, 'POST', `/sandbox/stripe/payment_intents/${payment.paymentIntentId}/authenticate`, { clientSecret: payment.clientSecret, outcome });
  return answered.status;
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

/**
 * The tab's next finalize (a payment after its bank answered, or a question about one left
 * unfinished or back from the bank: at a load, before the checkout's end, at a Pay) is held on its
 * way until ReleaseReads or the end: a slow network, while the buyer and the page act.
 */
class HoldNextFinalize extends Step {
  act(world: World) {
    world.tab.holdFinalize = true;
  }
  toString = () => 'HoldNextFinalize';
}

/** The tab's next read of checkout A or B (an element shown it anew, a reload, a read again after a refund) is held on its way until ReleaseReads or the end. */
class HoldNextRead extends Step {
  constructor(readonly which: Which) {
    super();
  }
  act(world: World) {
    world.tab.holdReadOf = world.checkouts[this.which].id;
  }
  toString = () => `HoldNextRead(${named(this.which)})`;
}

/** The reads held reach the server and answer with what it says now, the bank, the merchant and the clock having acted meanwhile (a read held past its 20-second timeout failed then). */
class ReleaseReads extends Step {
  act(world: World) {
    if (world.tab.releaseReads()) count(world, 'held read released');
  }
  toString = () => 'ReleaseReads';
}

type Move = 'minute' | 'past the hold' | 'past expiry';

/** The clock moves (the sandbox's, and the element's `now`): a minute, past the 15-minute hold of a challenge, past the next checkout's expiry (A's, then B's half an hour later). */
class MoveClock extends Step {
  constructor(readonly move: Move) {
    super();
  }
  async act(world: World) {
    const { tab } = world;
    const next = world.checkouts.map((checkout) => checkout.expiresAt + 60_000).find((at) => at > tab.now());
    const ms = this.move === 'minute' ? 60_000 : this.move === 'past the hold' ? 16 * 60_000 : next === undefined ? 60_000 : next - tab.now();
    await tab.advance(ms);
  }
  toString = () => `MoveClock(${this.move})`;
}

/** The merchant archives checkout A or B, or edits the price of every plan both sell (as Paid's dashboard would: no API edits a price). */
class Merchant extends Step {
  constructor(
    readonly change: 'archive' | 'price up' | 'price down',
    readonly which: Which = 0,
  ) {
    super();
  }
  async act(world: World) {
    count(world, `merchant ${this.change}`);
    if (this.change === 'archive') {
      await call(world, 'DELETE', `/api/v2/checkouts/${world.checkouts[this.which].id}`);
      return;
    }
    changePrices(world, this.change === 'price up' ? 10 : -10);
  }
  toString = () => `Merchant(${this.change}${this.change === 'archive' ? ` ${named(this.which)}` : ''})`;
}

/** The merchant edits the price of every plan the checkouts sell by `percent` (as Paid's dashboard would: no API edits a price). */
export function changePrices(world: Pick<World, 'sandbox'>, percent: number): void {
  const { store, clock } = world.sandbox;
  const product = store.products.get('prod_analytics')!;
  for (const plan of product.plans) plan.prices = plan.prices.map((price) => ({ ...price, amount: Math.round((price.amount * (100 + percent)) / 100) }));
  product.updatedAt = clock.now();
  store.products.put(product);
}

/** The page reloads, its one element showing A or B (a page that creates a checkout per load may show either). */
class Reload extends Step {
  constructor(readonly which: Which) {
    super();
  }
  async act(world: World) {
    count(world, 'reload');
    await world.tab.reload(world.checkouts[this.which].id);
  }
  toString = () => `Reload(${named(this.which)})`;
}

const pick = fc.nat(3);
const pay = fc.tuple(pick, fc.constantFrom<Card>('threeds', 'threeds', 'threeds', 'redirect', 'succeeds', 'succeeds', 'card_declined')).map(([at, card]) => new Pay(at, card));
const atTheBank = fc.tuple(fc.constantFrom<'succeeded' | 'failed'>('succeeded', 'succeeded', 'failed'), fc.constantFrom(false, false, true)).map(([outcome, other]) => new AtTheBank(outcome, other));
const answer = fc.constantFrom<'succeeded' | 'failed'>('succeeded', 'succeeded', 'failed').map((outcome) => new Answer(outcome));
const showCheckout = fc.tuple(pick, which, fc.constantFrom(true, true, true, false)).map(([at, to, inPage]) => new ShowCheckout(at, to, inPage));

/** The commands, paying and answering challenges most often, and the page moving between its two checkouts. */
export const elementCommands = [
  pay,
  pay,
  pay,
  answer,
  answer,
  atTheBank,
  atTheBank,
  showCheckout,
  showCheckout,
  fc.tuple(pick, which, fc.boolean()).map(([at, to, finalize]) => new ShowDuringNext(at, to, finalize)),
  fc.tuple(pick, fc.boolean()).map(([at, approve]) => new ShowAndBack(at, approve)),
  fc.tuple(pick, fc.boolean()).map(([at, approve]) => new ShowAndBack(at, approve)),
  fc.constantFrom<Loss>('before', 'after', 'after').map((loss) => new LoseNext(loss)),
  fc.constantFrom<Loss>('before', 'after', 'after').map((loss) => new LoseNext(loss)),
  which.map((of) => new HoldNextRead(of)),
  fc.constant(new HoldNextFinalize()),
  fc.constant(new ReleaseReads()),
  which.map((to) => new Mount(to)),
  fc.constantFrom<Card>('threeds', 'succeeds').map((card) => new PayTogether(card)),
  pick.map((at) => new Remove(at)),
  pick.map((at) => new PutBack(at)),
  pick.map((at) => new TryAgain(at)),
  fc.tuple(pick, fc.constantFrom<'succeeded' | 'failed'>('succeeded', 'succeeded', 'failed')).map(([at, outcome]) => new BankApp(at, outcome)),
  fc.constantFrom<Move>('minute', 'past the hold', 'past expiry').map((move) => new MoveClock(move)),
  fc.oneof(
    { arbitrary: which.map((at) => new Merchant('archive', at)), weight: 1 },
    { arbitrary: fc.constantFrom('price up' as const, 'price down' as const).map((change) => new Merchant(change)), weight: 2 },
  ),
  // An archive drawn again on its own, so that a checkout ending while a payment of it is answered
  // (da98ece) is reached often enough.
  which.map((at) => new Merchant('archive', at)),
  which.map((to) => new Reload(to)),
];

/** What becomes of a challenge still open at the end: left (the tab is reloaded over it), answered in the page, or approved in the bank's app. */
export type Ending = 'abandon' | 'approve' | 'refuse' | 'bank app';
export const endingArbitrary = fc.constantFrom<Ending>('abandon', 'approve', 'refuse', 'bank app');

/** The order the final step shows the checkouts in. */
export const finalOrderArbitrary = fc.constantFrom<Which[]>([0, 1], [1, 0]);

/** How one checkout was shown at the end: the element that showed it, and what it said, settled. */
export interface FinalView {
  checkout: ModelCheckout;
  element: ModelElement;
  /** The checkout its controller shows: another one's while it finished a payment of that one made on this page. */
  shownId: string | null;
  phase: Phase;
  pending: boolean;
  state: string;
  /** What the tab keeps for the checkout then (an attempt under way). */
  kept: string | null;
}

function viewOf(checkout: ModelCheckout, element: ModelElement): FinalView {
  const { controller } = element;
  return { checkout, element, shownId: controller.checkout?.id ?? null, phase: controller.phase, pending: controller.hasPendingAttempt, state: JSON.stringify(controller.state), kept: tabKeeps().raw(checkout.id) };
}

/** Approves the challenge open in the page (a kept attempt resent, a payment resumed), a few times over. */
async function approveOpen(world: World): Promise<void> {
  for (let round = 0; round < 3 && world.tab.openChallenges().length; round += 1) {
    await world.tab.openChallenges()[0]!.page.answer('succeeded');
    await world.tab.settle();
  }
}

/**
 * The quiescent end: the challenge left open is answered (or not) as `ending` says, and the reads
 * still held answer. Then each checkout is shown in turn (`order`), so that whatever the tab keeps
 * of either is asked about: by a reload showing it, whose challenge (a kept attempt resent) is
 * approved; twice over when the second checkout's reload finished something of the first (a
 * payment made on this page). Without storage a reload would forget what the page kept, by design:
 * the buyer stays on the live page, its elements put back, Try again pressed where an answer was
 * lost, one of them shown each checkout in turn. The views, settled.
 */
export async function finish(world: World, ending: Ending, order: Which[]): Promise<FinalView[]> {
  const { tab } = world;
  tab.loseNext = null;
  tab.duringNext = null;
  tab.holdReadOf = null;
  tab.holdFinalize = false;
  tab.step += 1;
  // A redirect left at the bank ends as the challenge would: answered on the bank's page (and back
  // to the return URL), approved in its app, or left there.
  const visit = tab.atBank;
  if (visit) count(world, `ending at the bank: ${ending}`);
  if (visit && (ending === 'approve' || ending === 'refuse')) await answerAtTheBank(world, ending === 'approve' ? 'succeeded' : 'failed', false);
  if (visit && ending === 'bank app') await answerInBankApp(world, visit);
  for (let round = 0; round < 3; round += 1) {
    const [challenge] = tab.openChallenges();
    if (!challenge || ending === 'abandon') break;
    if (ending === 'bank app') {
      await answerInBankApp(world, challenge);
      // The bank's app approved it: the page's challenge is then approved there too.
      await challenge.page.answer('succeeded');
    } else {
      await challenge.page.answer(ending === 'approve' ? 'succeeded' : 'failed');
    }
    await tab.settle();
  }
  // The reads still held answer after the challenge's end.
  if (tab.releaseReads()) {
    count(world, 'held read released at the end');
    await tab.settle();
  }
  count(world, `ending ${ending}`);
  if (world.storageRefuses) return finishInPage(world, order);
  let views: FinalView[] = [];
  for (let pass = 0; pass < 2; pass += 1) {
    views = [];
    for (const at of order) {
      const checkout = world.checkouts[at];
      const element = await tab.reload(checkout.id);
      await tab.settle();
      await approveOpen(world);
      views.push(viewOf(checkout, element));
    }
    const settled = views.every((view) => view.shownId === view.checkout.id && view.phase.kind !== 'paying' && view.phase.kind !== 'loading');
    if (settled && world.checkouts.every((checkout) => tabKeeps().raw(checkout.id) === null)) break;
    count(world, 'final: shown twice');
  }
  return views;
}

/** Without storage: the live page (if a success has not left it) finishes what it holds, and one of its elements shows each checkout in turn. */
async function finishInPage(world: World, order: Which[]): Promise<FinalView[]> {
  const { tab } = world;
  const page = tab.page?.alive ? tab.page : null;
  if (!page) return [];
  const pressOn = async () => {
    for (let round = 0; round < 3; round += 1) {
      await approveOpen(world);
      const lost = page.elements.filter((element) => element.connected && element.controller.hasPendingAttempt && element.controller.phase.kind === 'ready');
      if (!lost.length) break;
      for (const element of lost) element.tryAgain();
      await tab.settle();
    }
  };
  for (const element of page.elements) if (!element.connected) element.connect();
  await tab.settle();
  await pressOn();
  const views: FinalView[] = [];
  for (const at of order) {
    if (!page.alive) break;
    const checkout = world.checkouts[at];
    const element = page.elements.find((candidate) => candidate.checkoutId === checkout.id) ?? page.elements[0]!;
    element.show(checkout.id);
    await tab.settle();
    await pressOn();
    views.push(viewOf(checkout, element));
  }
  return views;
}

/** Counts, for the summary line, how the run ended and what its elements said (each code once a run). */
export function tally(stats: World['stats'], world: World, views: FinalView[]): void {
  const said = new Set(world.tab.told.map((told) => (told.kind === 'complete' ? 'complete' : told.detail.code)));
  const finals = views.map((view) => `final ${view.element.controller.state.status}`);
  for (const what of [...finals, ...[...said].map((code) => `told ${code}`), ...(world.storageRefuses ? ['storage refused'] : [])]) stats.set(what, (stats.get(what) ?? 0) + 1);
}

/**
 * The invariants, once the run has ended in `views` (each checkout as shown last), read from the
 * sandbox's store and from what the tab's elements told the page.
 */
export function assertElementInvariants(world: World, views: FinalView[]): LeftForNextPay[] {
  const { tab, sandbox } = world;
  const { store } = sandbox;
  const payments = paymentsOf(world);
  const told = new Set(tab.toldOrders());
  const finalOrders = views.flatMap((view) => (view.phase.kind === 'succeeded' ? [view.phase.detail.orderId] : []));
  const shown = (orderId: string) => told.has(orderId) || finalOrders.includes(orderId);
  const pressedBy = new Map(tab.pressed.map((pressed, index) => [pressed.token, { ...pressed, index }]));
  const livePage = world.storageRefuses && tab.page?.alive ? tab.page.id : null;
  // Without storage, what a page kept is gone with it (ELEMENT.md, "A reload": a reload then offers
  // the form again): only the live page's payments are held to be told (all of them when
  // ELEMENT_MODEL_INCLUDE names S1, to find and shrink such a loss: see the s22 report).
  const heldToTell = (intent: PaymentIntentRecord) => !world.storageRefuses || included.has('S1') || pressedBy.get(intent.confirmationToken)?.page === livePage;
  const said = `storage ${world.storageRefuses ? 'refuses' : 'works'}; checkouts ${world.checkouts.map((checkout) => `${checkout.label} ${checkout.id}${checkout.singleUse ? ' single-use' : ''}`).join(', ')}; final ${views.map((view) => `${view.checkout.label} ${view.state}${view.shownId !== view.checkout.id ? ` (showing ${labelOf(world, view.shownId)})` : ''}`).join('; ')}; told ${JSON.stringify(tab.told.map((t) => (t.kind === 'complete' ? `${t.step}:${t.element} complete ${labelOf(world, t.detail.checkoutId)} ${t.detail.orderId}${t.detail.navigates ? '' : ' (stays)'}` : `${t.step}:${t.element} ${t.detail.code}`)))}; payments ${JSON.stringify(payments.map((intent) => ({ id: intent.id, checkout: labelOf(world, intent.checkoutId), state: intent.state, order: intent.settlement?.orderId ?? null, refund: intent.refund?.reason ?? null, pay: pressedBy.get(intent.confirmationToken)?.index })))}; requests:\n${tab.requests.join('\n')}\n`;

  // (1) One order per payment, for the buyer who paid, at the price they were shown.
  const ordered = payments.filter((intent) => intent.settlement);
  assert.equal(new Set(ordered.map((intent) => intent.settlement!.orderId)).size, ordered.length, `two payments settled into one order: ${said}`);
  for (const intent of ordered) {
    const order = store.orders.get(intent.settlement!.orderId);
    assert.ok(order, `${intent.id}'s order exists: ${said}`);
    assert.equal(order.checkoutId, intent.checkoutId, `${intent.id}'s order is of its checkout: ${said}`);
    const customer = store.customers.get(order.customerId);
    assert.equal(customer?.email, world.buyer.email, `${intent.id}'s order is the buyer's: ${said}`);
    assert.equal(store.orders.withKey(order.customerId).filter((other) => other.checkoutId === order.checkoutId).length, 1, `${intent.id}'s buyer has one order for it: ${said}`);
  }
  for (const intent of payments) {
    const pressed = pressedBy.get(intent.confirmationToken);
    assert.ok(pressed, `${intent.id} was made by a Pay of the tab: ${said}`);
    assert.equal(intent.checkoutId, pressed.checkoutId, `${intent.id} pays the checkout its form showed when Pay was pressed: ${said}`);
    assert.equal(intent.purchase.amountDue, pressed.amountShown, `${intent.id} charges the amount its form showed when Pay was pressed: ${said}`);
  }
  // No Pay charged the buyer again for one checkout while a payment of it that kept its money was
  // never shown: the later Pay was pressed after the earlier payment's order had been told. (Two
  // checkouts are two purchases. Without storage, one page's memory does not reach the next.)
  const kept = payments.filter((intent) => intent.settlement && !intent.refund).sort((a, b) => pressedBy.get(a.confirmationToken)!.index - pressedBy.get(b.confirmationToken)!.index);
  for (const [index, later] of kept.entries()) {
    const laterPay = pressedBy.get(later.confirmationToken)!;
    for (const earlier of kept.slice(0, index)) {
      if (earlier.checkoutId !== later.checkoutId) continue;
      if (world.storageRefuses && pressedBy.get(earlier.confirmationToken)!.page !== laterPay.page) {
        if (!laterPay.toldBefore.has(earlier.settlement!.orderId)) count(world, 'storage refused: charged again on a later page');
        continue;
      }
      assert.ok(laterPay.toldBefore.has(earlier.settlement!.orderId), `${later.id} was charged by a Pay pressed before ${earlier.id}'s order was shown: charged twice for one purchase: ${said}`);
    }
  }

  // Every success said names an order a payment of the tab made, of the checkout it names.
  for (const t of tab.told) {
    if (t.kind !== 'complete') continue;
    const intent = ordered.find((candidate) => candidate.settlement!.orderId === t.detail.orderId);
    assert.ok(intent, `a success was told for ${t.detail.orderId}, which no payment of the tab made: ${said}`);
    assert.equal(t.detail.checkoutId, intent.checkoutId, `the success told for ${t.detail.orderId} names its checkout: ${said}`);
  }
  for (const orderId of finalOrders) {
    assert.ok(ordered.some((intent) => intent.settlement!.orderId === orderId), `a success was shown for ${orderId}, which no payment of the tab made: ${said}`);
  }

  const leftOf = (checkoutId: string) => tabKeeps().unfinished(checkoutId);
  // Exception, by design (ELEMENT.md, `payment_in_progress`): a payment the element said was not
  // finished, then approved by the bank with no element listening (its app), on a checkout still
  // open, is told at the tab's next Pay for that checkout, which names it (asks how it ended, shows
  // its success, charges nothing): the tab must still name it, and that checkout's final view show its form.
  const leftForNextPay = (intent: PaymentIntentRecord) =>
    views.some((view) => view.checkout.id === intent.checkoutId && view.shownId === intent.checkoutId && view.phase.kind === 'ready' && !view.pending && leftOf(intent.checkoutId) === intent.id);

  // (3) What each final view says is not contradicted by the money: it says no end of the checkout
  // it shows, and not that nothing was charged, while a payment of it that kept its money was never shown.
  // Its "not finished" said of a payment the bank's app approved since, which the tab names for the
  // next Pay, is the exception above (a live page without storage still shows those words at the
  // end: nothing reloads it), checked at that next Pay.
  const untold = kept.filter((intent) => !shown(intent.settlement!.orderId));
  for (const view of views) {
    const { phase } = view;
    const finalError = phase.kind === 'failed' ? phase.error.code : view.element.controller.payError?.code ?? null;
    if (!finalError || !/^(expired|archived|completed|not_found|payment_not_finished)$/.test(finalError)) continue;
    const excepted = (intent: PaymentIntentRecord) => finalError === 'payment_not_finished' && leftForNextPay(intent);
    const contradicted = untold.filter((intent) => intent.checkoutId === view.shownId && heldToTell(intent) && !excepted(intent));
    assert.deepEqual(contradicted.map((intent) => intent.id), [], `the final view of ${view.checkout.label} says ${finalError} while the buyer's payment made an order never shown: ${said}`);
  }

  // (2) Every order was shown, and every refund said.
  for (const intent of untold) {
    if (!heldToTell(intent)) {
      count(world, 'storage refused: order of a page gone never shown');
      continue;
    }
    assert.ok(leftForNextPay(intent), `${intent.id} (${labelOf(world, intent.checkoutId)}) made order ${intent.settlement!.orderId}, never shown to the buyer: ${said}`);
  }
  const refunded = payments.filter((intent) => intent.refund);
  // Said as a refund (`payment_refunded`), or as a payment not kept (`payment_not_kept`: "any amount
  // taken has been refunded", to a resent attempt whose payment failed or was refunded). The event
  // does not name the payment: every refund is said at least once in all, or (the exception above)
  // is still named by the tab for the next Pay over the form.
  const refundsSaid = tab.told.filter((t) => t.kind === 'error' && /^(payment_refunded|payment_not_kept)$/.test(t.detail.code)).length;
  const saidAtNextPay = refunded.filter(leftForNextPay);
  const notHeld = refunded.filter((intent) => !heldToTell(intent)).length;
  if (refundsSaid + saidAtNextPay.length < refunded.length && notHeld) count(world, 'storage refused: refund of a page gone maybe never said');
  assert.ok(refundsSaid + saidAtNextPay.length + notHeld >= refunded.length, `${refunded.length} refunds, ${refundsSaid} said (${saidAtNextPay.length} left for the next Pay): ${said}`);
  // Said once by each element: each `payment_refunded` an element in the page says is one refund's
  // (ELEMENT.md: "sent once, when the refund is said"). One out of the page tells the page, and keeps
  // the payment for whoever shows its checkout next to ask about and say to the buyer. Two elements
  // that each sent the same attempt (one put back after the other finished it) each say its end.
  const refundsShown = new Map<string, number>();
  for (const t of tab.told) if (t.kind === 'error' && t.shown && t.detail.code === 'payment_refunded') refundsShown.set(t.element, (refundsShown.get(t.element) ?? 0) + 1);
  for (const [element, shown] of refundsShown) assert.ok(shown <= refunded.length, `${refunded.length} refunds, ${shown} said as payment_refunded by ${element}: one said twice: ${said}`);
  // Told once by each element: no element sends `paid-checkout-complete` for the same order twice.
  const completes = tab.told.filter((t) => t.kind === 'complete').map((t) => `${t.element} ${t.detail.orderId}`);
  assert.equal(new Set(completes).size, completes.length, `an element told the same order twice: ${said}`);
  // (4) Settled, each final view leaves no attempt of its checkout kept for a later page to finish.
  // Without storage nothing reloads at the end: an attempt the live page still keeps (its answer
  // abandoned when `checkout-id` changed) is finished by the next Pay for its checkout, and what it
  // may have taken is held to (2) above.
  for (const view of views) {
    if (world.storageRefuses) {
      if (view.kept !== null) count(world, 'storage refused: attempt left in the page');
    } else if (view.phase.kind !== 'paying') {
      assert.equal(view.kept, null, `the tab still keeps an attempt of ${view.checkout.label} after the end: ${said}`);
    }
  }
  const leftIntents = [...new Set([...untold.filter((intent) => heldToTell(intent)), ...saidAtNextPay])];
  return leftIntents.map((intent) => ({ checkoutId: intent.checkoutId, paymentIntentId: intent.id, orderId: intent.refund ? null : intent.settlement!.orderId, said }));
}

/** A payment the tab names for its checkout's next Pay, whose order (or refund, `orderId` null) nobody was told of yet. */
export interface LeftForNextPay {
  checkoutId: string;
  paymentIntentId: string;
  orderId: string | null;
  said: string;
}

/**
 * The exception checked, not taken on trust: the next load of that checkout (a reload; without
 * storage, the live page showing it again) asks how the payment left unfinished ended
 * (ask-left.ts), and the next Pay names it when that load could not tell (a card that pays at
 * once): its order's success, nothing charged; or its refund said.
 */
export async function assertToldAtNextPay(world: World, views: FinalView[], left: LeftForNextPay): Promise<void> {
  const { tab } = world;
  tab.step += 1;
  const before = paymentsOf(world).length;
  const told = tab.told.length;
  let element: ModelElement;
  if (world.storageRefuses) {
    element = views.find((view) => view.checkout.id === left.checkoutId)!.element;
    element.show(left.checkoutId);
  } else {
    element = await tab.reload(left.checkoutId);
  }
  await tab.settle();
  const atLoad = tab.told.length > told;
  if (!atLoad) {
    element.pay('succeeds', world.buyer);
    await tab.settle();
  }
  const now = tab.told.slice(told);
  const when = atLoad ? 'the next load' : 'the next Pay';
  const account = `${left.said}after ${when}: ${JSON.stringify(element.controller.state)}; told ${JSON.stringify(now.map((t) => (t.kind === 'complete' ? `complete ${t.detail.orderId}` : t.detail.code)))}; requests:\n${tab.requests.slice(-4).join('\n')}`;
  if (left.orderId) {
    count(world, `exception: order told at ${when}`);
    assert.ok(now.some((t) => t.kind === 'complete' && t.detail.orderId === left.orderId), `${when} shows ${left.paymentIntentId}'s order ${left.orderId}: ${account}`);
    assert.equal(paymentsOf(world).length, before, `${when} charges nothing more: ${account}`);
  } else {
    count(world, `exception: refund said at ${when}`);
    assert.ok(now.some((t) => t.kind === 'error' && t.detail.code === 'payment_refunded'), `${when} says ${left.paymentIntentId}'s refund: ${account}`);
  }
}

/** How many runs a model file makes, and from which seed: ELEMENT_MODEL_RUNS and ELEMENT_MODEL_SEED, else the file's own. */
export function modelRunsAndSeed(runs: number, seed: number): { runs: number; seed: number } {
  const { ELEMENT_MODEL_RUNS, ELEMENT_MODEL_SEED } = process.env;
  return { runs: Number(ELEMENT_MODEL_RUNS ?? runs), seed: ELEMENT_MODEL_SEED === undefined ? seed : Number(ELEMENT_MODEL_SEED) };
}

/** A model file's variant of the element model: its steps, how its runs are set up, and what it does to each run's world first. */
export interface ElementModel {
  /** What its summary line calls it. */
  name: string;
  runs: number;
  seed: number;
  /** The steps drawn from (the element model's by default). */
  commands?: fc.Arbitrary<fc.AsyncCommand<Record<string, never>, World>>[];
  /** Whether the tab's storage may refuse (in one run of six); never unless given. */
  storageMayRefuse?: boolean;
  collectAddress?: boolean;
  /** Done to each run's world before its steps. */
  prepare?: (world: World) => void;
}

/**
 * Runs the model: random steps, then the final step that shows each checkout in turn, and the
 * invariants checked on every run. Prints a summary line (the payments made, ordered and refunded,
 * and how often each thing was reached), and throws fast-check's shrunk counterexample.
 */
export async function runElementModel(model: ElementModel): Promise<void> {
  const base = await startWorldSandbox();
  const started = Date.now();
  const made = { payments: 0, ordered: 0, refunded: 0 };
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.commands(model.commands ?? elementCommands, { maxCommands: 15, size: '+1' }),
        fc.tuple(fc.boolean(), fc.boolean()),
        // The tab's storage refusing (Safari's private mode, a full quota) in one run of six, where it may.
        model.storageMayRefuse ? fc.nat(5).map((draw) => draw === 0) : fc.constant(false),
        endingArbitrary,
        finalOrderArbitrary,
        async (steps, singleUse, storageRefuses, ending, order) => {
          run += 1;
          const world = await startRun(base, run, { singleUse, storageRefuses, collectAddress: model.collectAddress ?? false });
          try {
            model.prepare?.(world);
            await fc.asyncModelRun(() => ({ model: {}, real: world }), steps);
            const views = await finish(world, ending, order);
            tally(base.stats, world, views);
            for (const left of assertElementInvariants(world, views)) await assertToldAtNextPay(world, views, left);
            const payments = paymentsOf(world);
            made.payments += payments.length;
            made.ordered += payments.filter((intent) => intent.settlement).length;
            made.refunded += payments.filter((intent) => intent.refund).length;
          } finally {
            world.tab.close();
          }
        },
      ),
      { numRuns: model.runs, seed: model.seed, verbose: 1, includeErrorInReport: true },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${model.name}: ${model.runs} runs in ${seconds} s, ${made.payments} payments (${made.ordered} ordered, ${made.refunded} refunded); ${JSON.stringify(Object.fromEntries([...base.stats].sort()))}`);
  } finally {
    await base.sandbox.close();
  }
}

/** Runs `body` on a run's world against a sandbox of its own; its tab (and what its pages kept) and the sandbox are closed however it ends. */
export async function inWorld(run: number, setup: RunSetup, body: (world: World) => Promise<void>): Promise<void> {
  const base = await startWorldSandbox();
  let world: World | null = null;
  try {
    world = await startRun(base, run, setup);
    await body(world);
  } finally {
    world?.tab.close();
    await base.sandbox.close();
  }
}
