// The money model: random sequences of what buyers, banks, merchants and clocks do to the
// sandbox (fast-check commands), and the invariants that must hold after every step. Run by
// money.test.ts (1,000 runs in `npm test`) and by `npm run test:model` (as many as asked).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { publicCheckout } from '../../../src/api/schemas.ts';
import { resolveSelections } from '../../../src/pricing/selection.ts';
import { summarize } from '../../../src/pricing/summary.ts';
import { startSandbox, type StartedSandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../sandbox/clock.ts';

type Card = 'succeeds' | 'insufficient_funds' | 'threeds';
const PLANS = ['plan_analytics_starter', 'plan_analytics_growth', 'plan_analytics_scale'] as const;
const BUYERS = ['ext_model_ada', 'ext_model_bob', 'ext_model_cy'] as const;

interface Answer {
  status: number;
  text: string;
  body: Record<string, unknown>;
}

/** What the model remembers: the checkouts it made and the payments waiting for the bank. */
export interface Model {
  /** Makes this run's buyers new customers, however long the sandbox has been running. */
  tag: string;
  checkouts: Array<{ id: string; buyer: string }>;
  intents: Array<{ id: string; clientSecret: string; checkoutId: string }>;
  /** Every amount a buyer was shown and then charged, by payment intent. */
  shown: Map<string, number>;
}

export interface Real {
  sandbox: StartedSandbox;
  clock: ReturnType<typeof createAdjustableClock>;
  /** How many answers were seen. */
  requests: number;
  /** The 5xx among them, for the "nothing answers 5xx" invariant. */
  serverErrors: number[];
  /** How often each payment was announced as succeeded, for the "announced once per payment" invariant. */
  paymentsAnnounced: Map<string, number>;
  /**
   * The payments made since the run began and the orders made since the last check, recorded as
   * the store takes them: a step's check reads these, not the whole store, so that a long run's
   * cost grows with its length, not with its square. The whole store is checked at the end.
   */
  runPayments: Set<string>;
  newOrders: string[];
  /** How many orders the store has taken in all. */
  ordersMade: number;
  /** The orders some payment's settlement made, over every run. */
  settledOrders: Set<string>;
}

async function call(real: Real, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, key?: string): Promise<Answer> {
  const response = await fetch(`${real.sandbox.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  real.requests += 1;
  if (response.status >= 500) real.serverErrors.push(response.status);
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: the status check reports it.
  }
  return { status: response.status, text, body: parsed };
}

const dataOf = (answer: Answer) => (answer.body.data ?? {}) as { status?: string; payment_intent?: { id: string; client_secret?: string } };

/** The amount the element would show now for `planId`: the public read priced by the shared code at the server's time. */
async function amountShown(real: Real, checkoutId: string, planId: string): Promise<number | null> {
  const read = await call(real, 'GET', `/api/public/checkout/${checkoutId}`);
  if (read.status !== 200) return null;
  const session = publicCheckout.parse(read.body);
  if (session.status !== 'active') return null;
  const resolved = resolveSelections(session.products, [{ productId: 'prod_analytics', planId, quantity: 1 }], 'usd');
  if (!resolved.ok) return null;
  return summarize(resolved.resolved, 'usd', new Date(session.now ?? Date.now())).amountDueToday;
}

class NewCheckout implements fc.AsyncCommand<Model, Real> {
  constructor(readonly buyer: (typeof BUYERS)[number], readonly singleUse: boolean) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const buyer = `${this.buyer}_${model.tag}`;
    const body = { products: [{ id: 'prod_analytics' }], externalCustomerId: buyer, successUrl: 'https://shop.example/thanks', singleUse: this.singleUse, collectAddress: false };
    const created = await call(real, 'POST', '/api/v2/checkouts', body, {}, real.sandbox.secretKey);
    assert.equal(created.status, 201, created.text);
    model.checkouts.push({ id: String(created.body.id), buyer });
  }
  toString = () => `NewCheckout(${this.buyer}, singleUse ${this.singleUse})`;
}

class Pay implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly plan: (typeof PLANS)[number],
    readonly card: Card,
    readonly staleMs: number,
    readonly resend: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.checkouts.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const checkout = model.checkouts[this.pick % model.checkouts.length]!;
    const shown = await amountShown(real, checkout.id, this.plan);
    if (shown === null) return;
    // The buyer looks at the form for a while before paying.
    if (this.staleMs > 0) real.clock.advance(this.staleMs);
    const body = {
      confirmation_token: `ctoken_test_${this.card}_${randomBytes(8).toString('hex')}`,
      return_url: 'https://shop.example/return',
      selections: [{ product_id: 'prod_analytics', plan_id: this.plan, quantity: 1 }],
      customer: { name: checkout.buyer, email: `${checkout.buyer}@example.com` },
      amount_due: shown,
    };
    const key = { 'idempotency-key': randomUUID() };
    const answer = await call(real, 'POST', `/api/public/checkout/${checkout.id}/complete`, body, key);
    if (this.resend) {
      // The answer was lost on the way back: the same request again gets the same answer.
      const again = await call(real, 'POST', `/api/public/checkout/${checkout.id}/complete`, body, key);
      if (answer.status < 500 && answer.status !== 400) assert.equal(again.text, answer.text, 'a replay returns the first answer');
    }
    const data = dataOf(answer);
    const intent = data.payment_intent;
    if (answer.status === 200 && intent) {
      model.shown.set(intent.id, shown);
      if (data.status === 'requires_action' && intent.client_secret) {
        model.intents.push({ id: intent.id, clientSecret: intent.client_secret, checkoutId: checkout.id });
      }
    }
  }
  toString = () => `Pay(#${this.pick}, ${this.plan}, ${this.card}, shown ${this.staleMs} ms before${this.resend ? ', resent' : ''})`;
}

class Authenticate implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly outcome: 'succeeded' | 'failed') {}
  check = (model: Readonly<Model>) => model.intents.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const intent = model.intents[this.pick % model.intents.length]!;
    await call(real, 'POST', `/sandbox/stripe/payment_intents/${intent.id}/authenticate`, { clientSecret: intent.clientSecret, outcome: this.outcome });
  }
  toString = () => `Authenticate(#${this.pick}, ${this.outcome})`;
}

/** Each payment's order or refund, and the count of orders: what a finalize must leave as it found it. */
function settledState(real: Real): string {
  const { store } = real.sandbox;
  const payments = [...real.runPayments].map((id) => store.paymentIntents.get(id)).map((intent) => [intent?.id, intent?.settlement?.orderId ?? null, intent?.refund?.reason ?? null]);
  return JSON.stringify([real.ordersMade, payments]);
}

class Finalize implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly named: boolean) {}
  check = (model: Readonly<Model>) => model.intents.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const intent = model.intents[this.pick % model.intents.length]!;
    const before = settledState(real);
    const answer = await call(real, 'POST', `/api/public/checkout/${intent.checkoutId}/finalize`, this.named ? { payment_intent_id: intent.id } : {});
    assert.equal(settledState(real), before, 'finalize only reads how a payment ended: no order, no refund');
    if (!this.named) return;
    // Named, it answers exactly how that payment ended.
    const record = real.sandbox.store.paymentIntents.get(intent.id)!;
    if (record.settlement) assert.equal((answer.body.data as { order_id?: string } | undefined)?.order_id, record.settlement.orderId, answer.text);
    else if (record.refund) assert.equal(answer.body.code, 'payment_refunded', answer.text);
    else if (record.state === 'failed') assert.equal(answer.body.code, 'authentication_failed', answer.text);
    else assert.equal(answer.status, 409, answer.text);
  }
  toString = () => `Finalize(#${this.pick}${this.named ? ', named' : ', {}'})`;
}

class Archive implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.checkouts.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const checkout = model.checkouts[this.pick % model.checkouts.length]!;
    await call(real, 'DELETE', `/api/v2/checkouts/${checkout.id}`, undefined, {}, real.sandbox.secretKey);
  }
  toString = () => `Archive(#${this.pick})`;
}

class MoveClock implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_model: Model, real: Real): Promise<void> {
    real.clock.advance(this.ms);
  }
  toString = () => `MoveClock(${this.ms} ms)`;
}

const minutes = (n: number) => n * 60_000;

/** Every command checks the invariants once it has run: they hold after every step, not only at the end. */
function checked<C extends fc.AsyncCommand<Model, Real>>(command: C): C {
  const run = command.run.bind(command);
  command.run = async (model: Model, real: Real) => {
    await run(model, real);
    assertInvariants(model, real);
  };
  return command;
}

const payCommand = fc
  .tuple(
    fc.nat(20),
    fc.constantFrom(...PLANS),
    fc.constantFrom<Card>('succeeds', 'insufficient_funds', 'threeds'),
    fc.constantFrom(0, 0, minutes(5), minutes(14), minutes(20), minutes(180)),
    fc.boolean(),
  )
  .map(([pick, plan, card, stale, resend]) => checked(new Pay(pick, plan, card, stale, resend)));

export const moneyCommands = [
  fc.tuple(fc.constantFrom(...BUYERS), fc.boolean()).map(([buyer, singleUse]) => checked(new NewCheckout(buyer, singleUse))),
  // Paying is what most steps are.
  payCommand,
  payCommand,
  payCommand,
  fc.tuple(fc.nat(20), fc.constantFrom<'succeeded' | 'failed'>('succeeded', 'succeeded', 'failed')).map(([pick, outcome]) => checked(new Authenticate(pick, outcome))),
  fc.tuple(fc.nat(20), fc.boolean()).map(([pick, named]) => checked(new Finalize(pick, named))),
  fc.nat(20).map((pick) => checked(new Archive(pick))),
  fc.constantFrom(minutes(1), minutes(30), minutes(24 * 60), minutes(16 * 24 * 60)).map((ms) => checked(new MoveClock(ms))),
];

/** How many times each payment was announced as succeeded, by payment intent id. */
/**
 * The invariants, read from the sandbox's own store: they must hold after every step. `scope`:
 * after a step, the run's payments and the orders made since the last check; at the end, all.
 */
export function assertInvariants(model: Model, real: Real, scope: 'step' | 'all' = 'step'): void {
  const { store } = real.sandbox;
  assert.ok(!real.serverErrors.length, `an answer was 5xx: ${real.serverErrors.join(', ')}`);
  const settledOrders = real.settledOrders;
  const announcedPayments = real.paymentsAnnounced;
  const payments = scope === 'all' ? store.paymentIntents.list() : [...real.runPayments].flatMap((id) => store.paymentIntents.get(id) ?? []);
  for (const intent of payments) {
    // Settled when the bank confirms it, whether or not anyone finalizes: never left in between.
    if (intent.state === 'succeeded') assert.ok(Boolean(intent.settlement) !== Boolean(intent.refund), `${intent.id}: exactly one of an order or a refund`);
    else assert.ok(!intent.settlement && !intent.refund, `${intent.id} made an order or a refund without a succeeded payment`);
    assert.equal(announcedPayments.get(intent.id) ?? 0, intent.settlement ? 1 : 0, `${intent.id}: payment succeeded is announced once if it made an order, else never`);
    const settlement = intent.settlement;
    if (!settlement) continue;
    settledOrders.add(settlement.orderId);
    const order = store.orders.get(settlement.orderId);
    assert.ok(order, `${intent.id}'s order ${settlement.orderId} exists`);
    const checkout = store.checkouts.get(intent.checkoutId);
    const customer = store.customers.get(order.customerId);
    assert.equal(customer?.externalId, checkout?.externalCustomerId, `${intent.id}'s order is for the buyer who paid`);
    const shown = model.shown.get(intent.id);
    if (shown !== undefined) assert.equal(settlement.amountDue, shown, `${intent.id} charged ${settlement.amountDue}, shown ${shown}`);
  }
  const orders = scope === 'all' ? store.orders.list() : real.newOrders.splice(0).flatMap((id) => store.orders.get(id) ?? []);
  for (const order of orders) {
    if (order.source !== 'checkout' || order.id === 'ord_ada') continue;
    assert.ok(settledOrders.has(order.id), `order ${order.id} has no succeeded payment`);
  }
}

/** After the run: every buyer finalizes their payment, which answers how it ended and changes nothing. */
export async function finalizeAll(model: Model, real: Real): Promise<void> {
  for (let index = 0; index < model.intents.length; index += 1) await new Finalize(index, true).run(model, real);
}

/** Two checkouts to pay from the start of a run: a single-use one and a reusable one. */
export async function openCheckouts(model: Model, real: Real): Promise<void> {
  await new NewCheckout(BUYERS[model.checkouts.length % BUYERS.length]!, true).run(model, real);
  await new NewCheckout(BUYERS[(model.checkouts.length + 1) % BUYERS.length]!, false).run(model, real);
}

export async function startModelSandbox(): Promise<Real> {
  const clock = createAdjustableClock();
  const sandbox = await startSandbox({ port: 0, clock });
  const real: Real = { sandbox, clock, requests: 0, serverErrors: [], paymentsAnnounced: new Map(), runPayments: new Set(), newOrders: [], ordersMade: 0, settledOrders: new Set() };
  // Every event is seen as the sandbox emits it, enabled webhook or not: no receiver, no waiting.
  const emit = sandbox.webhooks.emit.bind(sandbox.webhooks);
  sandbox.webhooks.emit = (account, name, input) => {
    const id = (input.object as { id?: string } | undefined)?.id;
    if (name === 'billing-payment-succeeded' && id) real.paymentsAnnounced.set(id, (real.paymentsAnnounced.get(id) ?? 0) + 1);
    return emit(account, name, input);
  };
  // Every payment and order as the store takes it.
  const { paymentIntents, orders } = sandbox.store;
  const putPayment = paymentIntents.put.bind(paymentIntents);
  paymentIntents.put = (intent) => {
    if (!paymentIntents.get(intent.id)) real.runPayments.add(intent.id);
    putPayment(intent);
  };
  const putOrder = orders.put.bind(orders);
  orders.put = (order) => {
    if (!orders.get(order.id)) {
      real.newOrders.push(order.id);
      real.ordersMade += 1;
    }
    putOrder(order);
  };
  return real;
}

/**
 * One single-use link, several parties at once: two buyers paying (3-D Secure or not), their
 * banks answering, their finalizes (unless they close the tab first), and the merchant
 * archiving, in an order fc.scheduler picks.
 * Afterwards: at most one order for the link, for a buyer who paid; every confirmed payment has
 * exactly one order or one refund, without anyone having to finalize; nothing answered 5xx.
 */
export async function raceOnOneLink(
  real: Real,
  scheduler: fc.Scheduler,
  cards: readonly [Card, Card],
  closesTab: readonly [boolean, boolean],
  archive: boolean,
): Promise<void> {
  real.newOrders.length = 0;
  const created = await call(
    real,
    'POST',
    '/api/v2/checkouts',
    { products: [{ id: 'prod_support' }], successUrl: 'https://shop.example/thanks', collectAddress: false },
    {},
    real.sandbox.secretKey,
  );
  const checkoutId = String(created.body.id);
  const buyers = ['race-a', 'race-b'].map((name) => `${name}-${randomBytes(4).toString('hex')}@example.com`);
  const pay = async (index: 0 | 1) => {
    const answer = await call(real, 'POST', `/api/public/checkout/${checkoutId}/complete`, {
      confirmation_token: `ctoken_test_${cards[index]}_${randomBytes(8).toString('hex')}`,
      return_url: 'https://shop.example/return',
      customer: { name: `Buyer ${index}`, email: buyers[index] },
      amount_due: 29900,
    });
    const intent = dataOf(answer).payment_intent;
    if (answer.status !== 200 || !intent?.client_secret || dataOf(answer).status !== 'requires_action') return;
    await scheduler.schedule(Promise.resolve('bank answers'));
    await call(real, 'POST', `/sandbox/stripe/payment_intents/${intent.id}/authenticate`, { clientSecret: intent.client_secret, outcome: 'succeeded' });
    if (closesTab[index]) return;
    await scheduler.schedule(Promise.resolve('finalize'));
    await call(real, 'POST', `/api/public/checkout/${checkoutId}/finalize`, { payment_intent_id: intent.id });
  };
  const tasks: Array<Promise<unknown>> = [scheduler.schedule(Promise.resolve('a')).then(() => pay(0)), scheduler.schedule(Promise.resolve('b')).then(() => pay(1))];
  if (archive) tasks.push(scheduler.schedule(Promise.resolve('archive')).then(() => call(real, 'DELETE', `/api/v2/checkouts/${checkoutId}`, undefined, {}, real.sandbox.secretKey)));
  // The scheduler releases each party's next step in the order it picks, until all are done.
  await scheduler.waitFor(Promise.all(tasks));

  const { store } = real.sandbox;
  assert.ok(!real.serverErrors.length, 'nothing answers 5xx');
  const payments = (store.checkouts.get(checkoutId)?.paymentIntentIds ?? []).flatMap((id) => store.paymentIntents.get(id) ?? []);
  const announcedPayments = real.paymentsAnnounced;
  for (const intent of payments) {
    assert.equal(announcedPayments.get(intent.id) ?? 0, intent.settlement ? 1 : 0, `${intent.id}: payment succeeded is announced once if it made an order, else never`);
    if (intent.state !== 'succeeded') continue;
    assert.ok(Boolean(intent.settlement) !== Boolean(intent.refund), `${intent.id}: exactly one of an order or a refund`);
    if (intent.settlement) {
      const order = store.orders.get(intent.settlement.orderId);
      assert.equal(store.customers.get(order?.customerId ?? '')?.email, intent.purchase.buyer?.email, `${intent.id}: the order is the payer's`);
    }
  }
  // Races run one after another: the orders made since this one began are its own.
  const orders = real.newOrders.splice(0).flatMap((id) => store.orders.get(id) ?? []).filter((order) => order.checkoutId === checkoutId);
  assert.ok(orders.length <= 1, `a single-use link made ${orders.length} orders`);
}
