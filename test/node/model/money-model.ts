// The money model: random sequences of what buyers (with billing addresses and VAT numbers, new
// or known, buying or upgrading), banks, merchants (who may file a customer's billing address, edit
// a price, rename or delete the buyer's order, delete the buyer or make them again, archive the
// checkout: between steps, while a quote is held, while the bank challenges, before a resend) and
// clocks do to the sandbox (fast-check commands), and the invariants that must hold after every
// step. Run by money.test.ts (1,000 runs in `npm test`) and by `npm run test:model` (as many as asked).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { publicCheckout, quoteAnswer } from '../../../src/api/schemas.ts';
import { taxQuoteOf } from '../../../src/api/wire.ts';
import { quoteAddsUp } from '../../../src/checkout/taxed-summary.ts';
import { periodAt, trialEndAt } from '../../../src/pricing/period.ts';
import { resolveSelections, type ResolvedSelection } from '../../../src/pricing/selection.ts';
import { summarize } from '../../../src/pricing/summary.ts';
import { startSandbox, type StartedSandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../sandbox/clock.ts';
import { IDEMPOTENCY_WINDOW_MS } from '../../../sandbox/store.ts';
import { addressAt, expectedTax, placeFiled, PLACES, quotedAddressAt, taxOf, VAT_KINDS, vatNumberOf, type OnFile, type Place, type TaxVerdict, type VatKind } from './tax-model.ts';

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
  checkouts: Array<{ id: string; buyer: string; collectsAddress: boolean }>;
  /** The 3-D Secure payments, each with what its price depended on of its buyer when it was priced. */
  intents: Array<{
    id: string;
    clientSecret: string;
    checkoutId: string;
    buyer: string;
    buyerState: string;
    /** The known customer it was priced for (their record's id), or null for a new buyer. */
    pricedFor: string | null;
    /** The order whose line it changes (an upgrade), or null. */
    upgradesOrderId: string | null;
  }>;
  /** Every amount a buyer was shown (the quote they paid with, or the amount_due they sent), by payment intent. */
  shown: Map<string, number>;
  /** The plan and its price a period that each payment's buyer was shown (the order line must be set at it), by payment intent. */
  shownLine: Map<string, { planId: string; periodAmount: number }>;
  /** The completes sent that made a payment, as sent (key and body), to resend much later as the element does. */
  sent: Array<{ checkoutId: string; body: Record<string, unknown>; key: string; paymentId: string }>;
  /** The 3-D Secure payments a finalize naming them said were of a checkout closed (the element then forgets them) while they waited for the bank. */
  toldClosed: Set<string>;
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
  /** The settled payments whose order lines were checked when they settled (they must not end in the past then). */
  settlementsChecked: Set<string>;
  /** How many quotes were paid after their buyer's period or trial ended, and how many of those were refused 409 amount_changed. */
  crossings: { paid: number; refused: number };
  /** The orders the merchant deleted: a payment's settlement may name one. */
  deletedOrders: Set<string>;
  /** Receipts recorded, by payment intent: one for an ordered payment (its customer has an email), none for a refunded one. */
  receiptsByPayment: Map<string, number>;
  /** prod_analytics' plans as seeded: each run starts from them, whatever the merchant edited in the run before. */
  seededPlans: string;
  /** What the merchant did, counted for the report. */
  merchantChanges: Map<string, number>;
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

/** The order the element prices locally, without tax: its amount now, and its amount with tax at any instant. */
interface LocalPrice {
  now: number;
  /** What the plan costs a period, as shown beside the price today. */
  periodAmount: number;
  /** The read's `pricesVersion`: the prices shown, which the element sends back as `prices_version`. */
  pricesVersion: string;
  at: (instant: Date, verdict: TaxVerdict & { refused: false }) => { subtotal: number; tax: number; amount: number };
}

/** What the element would show for `planId` before any quote: the public read priced by the shared code at the server's time. */
async function localPrice(real: Real, checkoutId: string, planId: string): Promise<LocalPrice | null> {
  const read = await call(real, 'GET', `/api/public/checkout/${checkoutId}`);
  if (read.status !== 200) return null;
  const session = publicCheckout.parse(read.body);
  // A checkout whose product the merchant deactivated is no longer sold, and its read says so.
  if (!productSold(real)) assert.notEqual(session.status, 'active', `the read of ${checkoutId}, whose product is deactivated: ${read.text.slice(0, 200)}`);
  if (session.status !== 'active') return null;
  const resolved = resolveSelections(session.products, [{ productId: 'prod_analytics', planId, quantity: 1 }], 'usd');
  if (!resolved.ok) return null;
  const lines: readonly ResolvedSelection[] = resolved.resolved;
  return {
    now: summarize(lines, 'usd', new Date(session.now ?? Date.now())).amountDueToday,
    periodAmount: summarize(lines, 'usd', new Date(session.now ?? Date.now())).lines[0]!.periodAmount,
    pricesVersion: String(read.body.pricesVersion),
    // Taxed per line by the model's own table, as docs/TAX.md says the sandbox must.
    at: (instant, verdict) => {
      const dueToday = summarize(lines, 'usd', instant).lines.map((line) => line.dueToday);
      const subtotal = dueToday.reduce((total, amount) => total + amount, 0);
      const tax = dueToday.reduce((total, amount) => total + taxOf(amount, verdict.basisPoints), 0);
      return { subtotal, tax, amount: Math.max(0, subtotal + tax) };
    },
  };
}

/** Whether the merchant still sells prod_analytics, which every checkout of the model sells (not deactivated). */
const productSold = (real: Real) => real.sandbox.store.products.get('prod_analytics')!.active;

/** The buyer (by the merchant's external id) as Paid has them, or undefined before their first payment. */
const customerOf = (real: Real, buyer: string) => real.sandbox.store.customers.withKey(buyer)[0];

/** The buyer's order lines as the pricing code reads a subscription. */
function linesOf(real: Real, buyer: string) {
  const customer = customerOf(real, buyer);
  if (!customer) return [];
  return real.sandbox.store.orders.withKey(customer.id).flatMap((order) =>
    order.lines.map((line) => ({ periodStart: line.periodStart.toISOString(), periodEnd: line.periodEnd.toISOString(), interval: line.interval, trialEndsAt: line.trialEndsAt?.toISOString() ?? null })),
  );
}

/** The period (or trial) each of the buyer's lines is in now: an upgrade is priced in it (CONTRACT §4 rule 2). */
function periodStateOf(real: Real, buyer: string): string {
  const now = real.clock.now();
  return JSON.stringify(linesOf(real, buyer).map((line) => trialEndAt(line, now)?.getTime() ?? `period ${periodAt(line, now).start.getTime()}`));
}

/**
 * What moves the price of a payment under way between complete and the bank's confirmation: the
 * buyer's orders (each upgrade bumps its version) and the period or trial each line is in (a
 * price from one that has ended is not made into an order). Not the billing address or VAT number
 * on file: a payment is taxed when it settles from where it was taxed at complete.
 */
function buyerStateOf(real: Real, buyer: string): string {
  const customer = customerOf(real, buyer);
  if (!customer) return 'new';
  return JSON.stringify([customer.id, ordersStateOf(real, customer.id), periodStateOf(real, buyer)]);
}

/** A customer's checkout orders as a price reads them: each order's lines (plan, quantity, amount, period, trial). */
function ordersStateOf(real: Real, customerId: string): Array<[string, string]> {
  return real.sandbox.store.orders
    .withKey(customerId)
    .filter((order) => order.source === 'checkout')
    .map((order) => [order.id, JSON.stringify(order.lines.map((line) => [line.productId, line.planId, line.quantity, line.amount, line.periodStart.getTime(), line.periodEnd.getTime(), line.trialEndsAt?.getTime() ?? null]))]);
}

/** What Paid has on file for a buyer. */
function onFileOf(real: Real, buyer: string): OnFile {
  const customer = customerOf(real, buyer);
  return { place: placeFiled(customer?.billingAddress), vatNumber: customer?.vatNumber ?? null };
}

/** The field names of a validation refusal. */
const refusedFields = (answer: Answer) => ((answer.body.fields ?? []) as Array<{ field?: string }>).map((problem) => problem.field);

interface QuoteAsked {
  checkoutId: string;
  plan: string;
  place: Place;
  taxId: string | null;
  verdict: TaxVerdict;
  local: LocalPrice;
}

/**
 * Asks the quote route for the price with tax, as the element does before it enables Pay, and
 * holds it to the model's table: the amount, or a 422 naming `tax_id` for a VAT number the
 * address cannot take. The quote's amount, or null when it was refused or the checkout closed.
 */
async function askQuote(real: Real, asked: QuoteAsked): Promise<number | null> {
  const body = {
    selections: [{ product_id: 'prod_analytics', plan_id: asked.plan, quantity: 1 }],
    currency: 'usd',
    address: quotedAddressAt(asked.place),
    ...(asked.taxId === null ? {} : { tax_id: asked.taxId }),
  };
  const answer = await call(real, 'POST', `/api/public/checkout/${asked.checkoutId}/quote`, body);
  if (answer.status === 409) return null;
  const said = `quote for ${asked.place} with VAT number ${asked.taxId}: ${answer.status} ${answer.text}`;
  if (asked.verdict.refused) {
    assert.equal(answer.status, 422, `a VAT number the address cannot take is refused: ${said}`);
    assert.ok(refusedFields(answer).includes('tax_id'), `the refusal names tax_id: ${said}`);
    return null;
  }
  assert.equal(answer.status, 200, said);
  // The element lays a quote over its summary only when its amounts add up: every one the sandbox makes does.
  const checked = quoteAnswer.safeParse(answer.body);
  assert.ok(checked.success && quoteAddsUp(taxQuoteOf(checked.data)), `the quote adds up as the element checks it: ${said}`);
  const data = answer.body.data as { amount: number; subtotal: number; tax: number; reverse_charge: boolean; now: string };
  const expected = asked.local.at(new Date(data.now), asked.verdict);
  assert.deepEqual(
    { amount: data.amount, subtotal: data.subtotal, tax: data.tax, reverse_charge: data.reverse_charge },
    { ...expected, reverse_charge: asked.verdict.reverseCharge },
    `the quote prices by the test table: ${said}`,
  );
  return data.amount;
}

/**
 * The merchant makes a checkout for the buyer (their external id): a single-use link valid for the
 * day, a reusable one (a pricing page's) for 30 days, past the 24-hour idempotency window.
 */
async function openCheckout(model: Model, real: Real, buyer: string, singleUse: boolean, collectAddress: boolean): Promise<Model['checkouts'][number] | null> {
  const expiresAt = new Date(real.clock.now().getTime() + (singleUse ? 24 * 60 : 30 * 24 * 60) * 60_000 - 60_000).toISOString();
  const body = { products: [{ id: 'prod_analytics' }], externalCustomerId: buyer, successUrl: 'https://shop.example/thanks', singleUse, collectAddress, expiresAt };
  const created = await call(real, 'POST', '/api/v2/checkouts', body, {}, real.sandbox.secretKey);
  // No new checkout sells a product the merchant has deactivated (the SDK's NotFoundError).
  if (!productSold(real)) {
    assert.equal(created.body.code, 'not_found', created.text);
    return null;
  }
  assert.equal(created.status, 201, created.text);
  const checkout = { id: String(created.body.id), buyer, collectsAddress: collectAddress };
  model.checkouts.push(checkout);
  return checkout;
}

class NewCheckout implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly buyer: (typeof BUYERS)[number],
    readonly singleUse: boolean,
    readonly collectAddress: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    await openCheckout(model, real, `${this.buyer}_${model.tag}`, this.singleUse, this.collectAddress);
  }
  toString = () => `NewCheckout(${this.buyer}, singleUse ${this.singleUse}, collectAddress ${this.collectAddress})`;
}

/**
 * How a buyer comes by the `amount_due` they send: the quote for their address, as the element
 * does; the local price without tax (a tab from before the address, or a client that never
 * quotes); the quote for the address they had before changing it in another tab; or none at all
 * (Paid's own client, charged the price now), right after a quote that shows them what it is.
 */
type Paying = 'quote' | 'local' | 'earlier_address' | 'unsent';
const PAYINGS: readonly Paying[] = ['quote', 'quote', 'quote', 'quote', 'quote', 'local', 'earlier_address', 'unsent'];

/** How long a quote is honoured (docs/TAX.md, pricing's QUOTE_WINDOW_MS). */
const QUOTE_WINDOW_MS = 15 * 60_000;
/** A payment named as replaced is answered, not charged again, on a reusable link only within this long of its order. */
const REPLAY_WINDOW_MS = 15 * 60_000;

/** What a buyer at a billing address does when they pay. */
interface Buyer {
  place: Place;
  vat: VatKind;
  paying: Paying;
  /** Where they were before, for `earlier_address`. */
  earlier: Place;
  /** Minutes before their next period or trial end they are shown the price (the clock moves there), or null: whenever it is. */
  edge: number | null;
}

class Pay implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly plan: (typeof PLANS)[number],
    readonly card: Card,
    readonly staleMs: number,
    readonly resend: boolean,
    readonly buyer: Buyer,
    /** What the merchant changes while the buyer holds the quote (before Pay), or between a lost answer and its resend. */
    readonly meanwhile: { change: MerchantChange; when: 'quote' | 'challenge' | 'resend' } | null = null,
  ) {}
  check = (model: Readonly<Model>) => model.checkouts.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    let checkout = model.checkouts[this.pick % model.checkouts.length]!;
    const { place, vat, paying, earlier, edge } = this.buyer;
    // Near the end of their period the buyer comes back to change plan, through a new link (the one they had has expired).
    if (edge !== null && moveNearPeriodEnd(real, [checkout.buyer], edge)) {
      const opened = await openCheckout(model, real, checkout.buyer, false, checkout.collectsAddress);
      if (!opened) return;
      checkout = opened;
    }
    const local = await localPrice(real, checkout.id, this.plan);
    if (local === null) return;
    const knownBuyer = customerOf(real, checkout.buyer) !== undefined;
    const onFile = onFileOf(real, checkout.buyer);
    const taxContext = { collectsAddress: checkout.collectsAddress, knownBuyer, onFile };
    const verdict = expectedTax(place, vat, taxContext);
    const taxId = vatNumberOf(place, vat);
    const asked = { checkoutId: checkout.id, plan: this.plan, place, taxId, verdict, local };
    const periodQuoted = periodStateOf(real, checkout.buyer);
    const quote = await askQuote(real, asked);
    let amountDue: number | null = quote ?? local.now;
    if (paying === 'local') amountDue = local.now;
    if (paying === 'earlier_address') {
      const earlierVerdict = expectedTax(earlier, 'none', taxContext);
      amountDue = (await askQuote(real, { ...asked, place: earlier, taxId: null, verdict: earlierVerdict })) ?? local.now;
    }
    if (paying === 'unsent') amountDue = null;
    // While the buyer holds the quote, the merchant changes something (Paid's own client, which
    // sends no amount_due, pays at once: it charges the price now whatever it showed).
    const meanwhile = paying === 'unsent' ? null : this.meanwhile;
    const catalogBefore = JSON.stringify(real.sandbox.store.products.get('prod_analytics')!.plans);
    if (meanwhile?.when === 'quote') await makeMerchantChange(real, checkout, meanwhile.change);
    // Who the complete is priced for: the record under the external id when Pay is pressed (one the
    // merchant made again meanwhile, not the one shown: found at 20,000 runs, seed 20261201).
    const pricedFor = customerOf(real, checkout.buyer)?.id ?? null;
    const merchantMoved = meanwhile?.when === 'quote' && (JSON.stringify(real.sandbox.store.products.get('prod_analytics')!.plans) !== catalogBefore || meanwhile.change.kind !== 'edit_price');
    // The buyer looks at the form for a while before paying (Paid's own client pays at once).
    const staleMs = paying === 'unsent' ? 0 : this.staleMs;
    if (staleMs > 0) real.clock.advance(staleMs);
    // A period or trial of the buyer's that ended while they looked: the price shown was for it.
    const crossed = periodStateOf(real, checkout.buyer) !== periodQuoted;
    const body = {
      confirmation_token: `ctoken_test_${this.card}_${randomBytes(8).toString('hex')}`,
      return_url: 'https://shop.example/return',
      selections: [{ product_id: 'prod_analytics', plan_id: this.plan, quantity: 1 }],
      // A known buyer's checkout asks only for the billing address, as the element sends it.
      customer: { ...(knownBuyer ? {} : { name: checkout.buyer, email: `${checkout.buyer}@example.com` }), address: addressAt(place), ...(taxId === null ? {} : { tax_id: taxId }) },
      ...(amountDue === null ? {} : { amount_due: amountDue, prices_version: local.pricesVersion }),
    };
    const paymentsBefore = real.runPayments.size;
    const soldAtComplete = productSold(real);
    const key = { 'idempotency-key': randomUUID() };
    const answer = await call(real, 'POST', `/api/public/checkout/${checkout.id}/complete`, body, key);
    if (meanwhile?.when === 'resend') await makeMerchantChange(real, checkout, meanwhile.change);
    if (this.resend) {
      // The answer was lost on the way back: the same request again gets the same answer.
      const again = await call(real, 'POST', `/api/public/checkout/${checkout.id}/complete`, body, key);
      if (answer.status < 500 && answer.status !== 400) assert.equal(again.text, answer.text, 'a replay returns the first answer');
    }
    const filed = onFile.place === null ? 'no address' : `an address in ${onFile.place}`;
    const who = `${knownBuyer ? `a known buyer (${filed} on file, VAT number ${onFile.vatNumber})` : 'a new buyer'} on a checkout that ${checkout.collectsAddress ? 'collects' : 'does not collect'} an address`;
    const said = `${this}, ${who}: ${answer.status} ${answer.text}`;
    if (verdict.refused) {
      // Refused before anything is charged: for the VAT number, unless the checkout closed or was taken first.
      assert.ok(answer.status === 400 || answer.status === 409, `a VAT number the address cannot take is refused: ${said}`);
      if (answer.status === 400) assert.ok(refusedFields(answer).includes('customer.tax_id'), `the refusal names customer.tax_id: ${said}`);
      assert.equal(real.runPayments.size, paymentsBefore, `a refused VAT number charges nothing: ${said}`);
      return;
    }
    const archived = real.sandbox.store.checkouts.get(checkout.id)!.archivedAt !== null;
    if (archived && meanwhile?.when === 'quote') assert.equal(answer.body.code, 'archived', `an archived checkout takes no payment: ${said}`);
    if (!soldAtComplete) {
      // (Or the checkout had closed already: paid, or expired.)
      assert.ok(['archived', 'completed', 'expired'].includes(String(answer.body.code)), `a checkout whose product is deactivated takes no payment: ${said}`);
      assert.equal(real.runPayments.size, paymentsBefore, `nothing is charged for a product no longer sold: ${said}`);
    }
    if (paying === 'quote' && quote !== null && staleMs <= QUOTE_WINDOW_MS && !crossed && !merchantMoved) {
      assert.notEqual(answer.body.code, 'amount_changed', `a quote is honoured by the complete that follows it within ${QUOTE_WINDOW_MS / 60_000} minutes in the same period: ${said}`);
    }
    if (crossed && amountDue !== null) {
      real.crossings.paid += 1;
      if (answer.body.code === 'amount_changed') real.crossings.refused += 1;
    }
    const data = dataOf(answer);
    const intent = data.payment_intent;
    if (answer.status !== 200 || !intent) return;
    model.sent.push({ checkoutId: checkout.id, body, key: key['idempotency-key'], paymentId: intent.id });
    const purchase = real.sandbox.store.paymentIntents.get(intent.id)?.purchase;
    const charged = purchase?.amountDue;
    // Nothing is charged for a price the buyer did not see: the plan's price a period is the one shown beside the amount.
    const line = purchase?.lines.find((candidate) => candidate.productId === 'prod_analytics');
    assert.deepEqual([line?.planId, line?.amount], [this.plan, local.periodAmount], `the plan is bought at the price a period shown: ${said}`);
    model.shownLine.set(intent.id, { planId: this.plan, periodAmount: local.periodAmount });
    if (amountDue !== null) assert.equal(charged, amountDue, `the charge is the amount_due the buyer sent: ${said}`);
    // A new buyer's price does not move with the clock: whatever they sent, only the price with tax for their address is taken.
    if (!knownBuyer && quote !== null) assert.equal(charged, quote, `the charge is the price with tax for the address paid from: ${said}`);
    // Charged at the model's rate on what is due today (an upgrade's credit netted first), whatever the instant it was priced at.
    // (Unless the merchant deleted the customer meanwhile, or made another record under their external id, which has none on file.)
    const customerChanged = meanwhile !== null && ['delete_customer', 'close_account', 'replace_customer'].includes(meanwhile.change.kind);
    // Taxed as the buyer paid: a record the merchant made again under the external id before Pay has
    // no address on file, and an amount_due equal to its price (the untaxed one priced in the page)
    // pays as it. (Found at 20,000 runs, seed 20261201: charged 1900 with no tax where the verdict
    // of the record before expected 380.)
    const taxedAs = customerChanged && meanwhile.when === 'quote' ? expectedTax(place, vat, { collectsAddress: checkout.collectsAddress, knownBuyer: customerOf(real, checkout.buyer) !== undefined, onFile: onFileOf(real, checkout.buyer) }) : verdict;
    assert.ok(!taxedAs.refused, `paid, so its tax was not refused: ${said}`);
    const taxed = purchase && purchase.charges.reduce((total, line) => total + taxOf(line.tax.net, taxedAs.basisPoints), 0);
    assert.deepEqual([purchase?.tax.tax, purchase?.tax.reverseCharge], [taxed, taxedAs.reverseCharge], `the charge is taxed as docs/TAX.md says: ${said}`);
    if (data.status === 'succeeded' && !customerChanged) {
      // Paid: the billing address typed where the checkout collects one is the customer's now (new or known), with the VAT number given.
      const saved = customerOf(real, checkout.buyer);
      const expected = checkout.collectsAddress ? place : onFile.place;
      assert.equal(placeFiled(saved?.billingAddress), expected, `the billing address on file: ${said}`);
      if (checkout.collectsAddress && taxId !== null) assert.equal(saved?.vatNumber, taxId.replace(/[\s.\-]/g, '').toUpperCase(), `the VAT number given is kept: ${said}`);
    }
    // Without amount_due the price now is charged: a known buyer's proration may have ticked a second past the quote.
    const shown = amountDue ?? (knownBuyer ? charged : quote);
    if (shown !== null && shown !== undefined) model.shown.set(intent.id, shown);
    if (data.status === 'requires_action' && intent.client_secret) {
      model.intents.push({
        id: intent.id,
        clientSecret: intent.client_secret,
        checkoutId: checkout.id,
        buyer: checkout.buyer,
        buyerState: buyerStateOf(real, checkout.buyer),
        pricedFor,
        upgradesOrderId: line?.upgradesOrderId ?? null,
      });
      // While the bank's challenge is open, the merchant changes something; then the bank confirms.
      if (meanwhile?.when === 'challenge') {
        await makeMerchantChange(real, checkout, meanwhile.change);
        await authenticate(model, real, model.intents.at(-1)!, 'succeeded', `${this}`);
      }
    }
  }
  toString = () => {
    const { place, vat, paying, earlier, edge } = this.buyer;
    const how = paying === 'earlier_address' ? `the quote for ${earlier}` : paying;
    const taxId = vatNumberOf(place, vat);
    const vatNumber = taxId === null ? 'none' : `'${taxId}' (${vat})`;
    const when = { quote: 'while the quote is held', challenge: 'while the bank challenges, then the bank confirms', resend: 'before the resend' }[this.meanwhile?.when ?? 'quote'];
    const meanwhile = this.meanwhile ? `, merchant ${describeChange(this.meanwhile.change)} ${when}` : '';
    return `Pay(#${this.pick}, ${this.plan}, ${this.card}, from ${place}, VAT number ${vatNumber}, amount_due ${how}, shown ${this.staleMs} ms before${edge === null ? '' : ` from ${edge} min before a period end`}${this.resend ? ', resent' : ''}${meanwhile})`;
  };
}

class Authenticate implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly outcome: 'succeeded' | 'failed') {}
  check = (model: Readonly<Model>) => model.intents.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    await authenticate(model, real, model.intents[this.pick % model.intents.length]!, this.outcome, `${this}`);
  }
  toString = () => `Authenticate(#${this.pick}, ${this.outcome})`;
}

/**
 * The bank answers a 3-D Secure challenge: a payment it confirms is ordered, or refunded with the
 * reason true for what happened since it was priced (the checkout closed, the known customer
 * deleted, the subscription it changed cancelled, the plan's price edited, the subscription moved).
 */
async function authenticate(model: Model, real: Real, intent: Model['intents'][number], outcome: 'succeeded' | 'failed', step: string): Promise<void> {
  const { store } = real.sandbox;
  const buyerState = buyerStateOf(real, intent.buyer);
  const before = store.paymentIntents.get(intent.id)!;
  const waiting = before.state === 'requires_action';
  // What happened since it was priced, in the order a refund names it.
  const checkout = store.checkouts.get(intent.checkoutId)!;
  const shown = model.shownLine.get(intent.id);
  const planNow = store.products.get('prod_analytics')!.plans.find((plan) => plan.id === shown?.planId)?.prices.find((price) => price.currency === 'usd')?.amount;
  const happened = {
    checkout_closed: checkout.archivedAt !== null || checkout.completedAt !== null || !productSold(real),
    customer_deleted: intent.pricedFor !== null && store.customers.get(intent.pricedFor) === undefined,
    order_cancelled: intent.upgradesOrderId !== null && real.deletedOrders.has(intent.upgradesOrderId),
    price_edited: shown !== undefined && planNow !== shown.periodAmount,
    subscription_changed: buyerState !== intent.buyerState,
  };
  await call(real, 'POST', `/sandbox/stripe/payment_intents/${intent.id}/authenticate`, { clientSecret: intent.clientSecret, outcome });
  const after = store.paymentIntents.get(intent.id)!;
  if (!waiting || after.state !== 'succeeded') return;
  const said = `${step} of ${intent.id}, after ${JSON.stringify(happened)}: ${after.refund ? `refunded ${after.refund.reason}` : 'ordered'}`;
  // A payment that can no longer be honoured as shown is refunded, and told why in words true for what happened.
  const due = happened.checkout_closed ? 'checkout_closed' : happened.customer_deleted ? 'customer_deleted' : happened.order_cancelled ? 'order_cancelled' : happened.price_edited ? 'amount_changed' : null;
  if (due) assert.equal(after.refund?.reason, due, said);
  // The price the buyer confirmed moves only with their subscription (a tax quote does not expire meanwhile, nor does an address saved meanwhile, nor a merchant's renaming of the order).
  else if (after.refund) assert.ok(after.refund.reason === 'amount_changed' && happened.subscription_changed, `nothing that moves the price changed since it was priced: ${said}`);
}

/** Each payment's order or refund, and the count of orders: what a finalize must leave as it found it. */
function settledState(real: Real): string {
  const { store } = real.sandbox;
  const payments = [...real.runPayments].map((id) => store.paymentIntents.get(id)).map((intent) => [intent?.id, intent?.settlement?.orderId ?? null, intent?.refund?.reason ?? null]);
  return JSON.stringify([real.ordersMade, payments]);
}

/**
 * How a payment that made its order is answered again (finalize, its token sent again, named as
 * replaced): that order; once the merchant has deleted it, to a client that named the payment, 409
 * order_deleted naming it and the payment (it went through, and is not refunded), never a success
 * pointing at an order that is gone. To Paid's `{}` finalize (`named` false), which shows "Payment
 * failed" for any refusal, still the payment's paid answer: true of the money.
 */
function assertSettledAnswer(real: Real, settlement: { orderId: string; paymentIntentId: string }, answer: Answer, said: string, named = true): void {
  if (!named || real.sandbox.store.orders.get(settlement.orderId)) {
    const data = answer.body.data as { order_id?: string; payment_intent?: { id?: string } } | undefined;
    assert.deepEqual([data?.order_id, data?.payment_intent?.id], [settlement.orderId, settlement.paymentIntentId], `answered its order: ${said}`);
    return;
  }
  assert.equal(answer.body.code, 'order_deleted', `its order was deleted: ${said}`);
  assert.deepEqual([answer.body.orderId, answer.body.paymentIntentId], [settlement.orderId, settlement.paymentIntentId], said);
}

class Finalize implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly named: boolean) {}
  check = (model: Readonly<Model>) => model.intents.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const intent = model.intents[this.pick % model.intents.length]!;
    const before = settledState(real);
    const waiting = real.sandbox.store.paymentIntents.get(intent.id)!.state === 'requires_action';
    const answer = await call(real, 'POST', `/api/public/checkout/${intent.checkoutId}/finalize`, this.named ? { payment_intent_id: intent.id } : {});
    assert.equal(settledState(real), before, 'finalize only reads how a payment ended: no order, no refund');
    if (!this.named) return assertUnnamedAnswer(real, intent.checkoutId, answer);
    // Named, it answers exactly how that payment ended.
    const record = real.sandbox.store.paymentIntents.get(intent.id)!;
    // Still waiting for the bank when asked: 409 (requires_action, or the checkout closed meanwhile).
    if (waiting) {
      assert.equal(answer.status, 409, answer.text);
      noteClosing(model, intent.id, answer);
    } else if (record.settlement) assertSettledAnswer(real, record.settlement, answer, answer.text);
    else if (record.refund) {
      assert.equal(answer.body.code, 'payment_refunded', answer.text);
      assert.equal(answer.body.refundReason, record.refund.reason, `the buyer is told why it was refunded: ${answer.text}`);
      if (record.refund.reason !== 'amount_changed') assert.doesNotMatch(String(answer.body.error), /price changed/, `told the price changed when it did not: ${answer.text}`);
    }
    else if (record.state === 'failed') assert.equal(answer.body.code, 'authentication_failed', answer.text);
    else assert.equal(answer.status, 409, answer.text);
  }
  toString = () => `Finalize(#${this.pick}${this.named ? ', named' : ', {}'})`;
}

/**
 * A finalize naming a payment that waits for its bank, answered that its checkout closed (`409
 * expired`, `archived`, `completed`): the element ends its flow there and forgets the payment, so
 * it must never be charged after (assertInvariants).
 */
function noteClosing(model: Model, paymentId: string, answer: Answer): void {
  if (answer.status === 409 && /^(expired|archived|completed)$/.test(String(answer.body.code))) model.toldClosed.add(paymentId);
}

/**
 * A `{}` finalize without the payment cookie (the model's requests carry none) answers the payment
 * that this link's state makes unambiguous, or 409 payment_intent_required: on a reusable link,
 * always the refusal (several buyers may pay); on a single-use link, the payment that paid it when
 * one did; the refusal when more than one payment could still end in a charge; never another
 * payment's order.
 */
function assertUnnamedAnswer(real: Real, checkoutId: string, answer: Answer): void {
  const { store } = real.sandbox;
  const checkout = store.checkouts.get(checkoutId)!;
  const said = `{} finalize on ${checkout.singleUse ? 'a single-use' : 'a reusable'} link: ${answer.status} ${answer.text}`;
  if (!checkout.singleUse) {
    assert.equal(answer.body.code, 'payment_intent_required', said);
    return;
  }
  const payments = checkout.paymentIntentIds.flatMap((id) => store.paymentIntents.get(id) ?? []);
  const paid = payments.filter((payment) => payment.settlement);
  const open = payments.filter((payment) => payment.state === 'requires_action');
  const answered = (answer.body.data as { order_id?: string } | undefined)?.order_id;
  assert.ok(paid.length <= 1, `a single-use link paid twice: ${said}`);
  if (paid[0]) assertSettledAnswer(real, paid[0].settlement!, answer, `the payment that paid the link is answered: ${said}`, false);
  else if (open.length > 1) assert.equal(answer.body.code, 'payment_intent_required', `more than one payment could be meant: ${said}`);
  else assert.equal(answered, undefined, `no payment paid the link, yet an order was answered: ${said}`);
}

/**
 * The buyer was told their 3-D Secure payment failed (its answer lost on the way back) and pays
 * again with a new card, as the element does: it first asks how that payment ended (a finalize
 * naming it), and a payment the bank confirmed meanwhile is their purchase, however long ago:
 * nothing more is charged and they are answered its order; over for good (its order deleted,
 * refunded as its checkout closed), the element sends nothing more. Without the question (`asked`
 * false: another client, which names it without asking; the element sends nothing when the
 * question's answer is lost), the complete names it in `replaces_payment_intent_id`, and the server
 * answers it the same way, on a reusable link only within 15 minutes of its order (one older is a
 * purchase behind them, and this is a new one). Otherwise the new card is charged as any complete.
 */
class PayAgain implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly asked: boolean) {}
  check = (model: Readonly<Model>) => model.intents.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const intent = model.intents[this.pick % model.intents.length]!;
    const sent = model.sent.find((earlier) => earlier.paymentId === intent.id);
    if (!sent) return;
    const replaced = real.sandbox.store.paymentIntents.get(intent.id)!;
    const paymentsBefore = real.runPayments.size;
    const waiting = replaced.state === 'requires_action';
    if (this.asked) {
      const asked = await call(real, 'POST', `/api/public/checkout/${intent.checkoutId}/finalize`, { payment_intent_id: intent.id }, { 'idempotency-key': randomUUID() });
      const said = `${this} of ${intent.id} (${replaced.settlement ? 'ordered' : replaced.refund ? 'refunded' : replaced.state}): finalize ${asked.status} ${asked.text}`;
      if (waiting) noteClosing(model, intent.id, asked);
      assert.equal(real.runPayments.size, paymentsBefore, `asking how a payment ended charged: ${said}`);
      if (replaced.settlement) assertSettledAnswer(real, replaced.settlement, asked, `answered the order already made, however long ago: ${said}`);
      else assert.notEqual(asked.status, 200, `a payment the bank never confirmed answered paid: ${said}`);
      if (asked.status === 200) return;
      const refundReason = String(asked.body.refundReason ?? '');
      if (asked.body.code === 'order_deleted' || (asked.body.code === 'payment_refunded' && /^(checkout_closed|customer_deleted)$/.test(refundReason))) return;
    }
    const body = { ...sent.body, confirmation_token: `ctoken_test_succeeds_${randomBytes(8).toString('hex')}`, replaces_payment_intent_id: intent.id };
    const answer = await call(real, 'POST', `/api/public/checkout/${intent.checkoutId}/complete`, body, { 'idempotency-key': randomUUID() });
    const said = `${this} of ${intent.id} (${replaced.settlement ? 'ordered' : replaced.refund ? 'refunded' : replaced.state}): ${answer.status} ${answer.text}`;
    const checkout = real.sandbox.store.checkouts.get(intent.checkoutId)!;
    const retried = replaced.settlement && (checkout.singleUse || real.clock.now().getTime() - replaced.settlement.settledAt.getTime() < REPLAY_WINDOW_MS);
    if (replaced.settlement && retried) {
      assert.equal(real.runPayments.size, paymentsBefore, `a payment already made was charged again: ${said}`);
      assertSettledAnswer(real, replaced.settlement, answer, `answered the order already made: ${said}`);
      return;
    }
    const made = dataOf(answer).payment_intent;
    if (answer.status === 200 && made && made.id !== intent.id) model.shown.set(made.id, real.sandbox.store.paymentIntents.get(made.id)!.purchase.amountDue);
  }
  toString = () => `PayAgain(#${this.pick}, ${this.asked ? 'asks first' : 'without asking'}, replaces_payment_intent_id)`;
}

/**
 * The element kept an attempt whose answer was lost, for up to 31 days, and sends it again as it
 * was (the same Idempotency-Key, body and confirmation token) after the sandbox's 24-hour
 * idempotency window: the token never pays twice. It is answered the payment it made, as it stands.
 */
class ResendLater implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.sent.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    const sent = model.sent[this.pick % model.sent.length]!;
    real.clock.advance(IDEMPOTENCY_WINDOW_MS + 1000);
    const paymentsBefore = real.runPayments.size;
    const answer = await call(real, 'POST', `/api/public/checkout/${sent.checkoutId}/complete`, sent.body, { 'idempotency-key': sent.key });
    const made = real.sandbox.store.paymentIntents.get(sent.paymentId)!;
    const said = `${this} of ${sent.paymentId} (${made.settlement ? 'ordered' : made.refund ? 'refunded' : made.state}): ${answer.status} ${answer.text}`;
    assert.equal(real.runPayments.size, paymentsBefore, `a confirmation token paid twice: ${said}`);
    const data = dataOf(answer);
    if (made.settlement) assertSettledAnswer(real, made.settlement, answer, said);
    else if (made.state === 'requires_action') assert.equal(data.payment_intent?.id, made.id, `answered its challenge again: ${said}`);
    else assert.equal(answer.body.code, 'confirmation_token_used', said);
  }
  toString = () => `ResendLater(#${this.pick}, after the idempotency window)`;
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

/**
 * The merchant files a buyer's billing address and VAT number through Paid's API (`null`: clears
 * the address), making the customer first when they have not paid yet: a known customer whose
 * checkouts that collect no address are taxed from it.
 */
class FileAddress implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly buyer: (typeof BUYERS)[number],
    readonly place: Place | null,
    readonly vat: VatKind,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const buyer = `${this.buyer}_${model.tag}`;
    const address = this.place && addressAt(this.place);
    const billingAddress = address && { line1: address.line1, city: address.city, zipCode: address.postal_code, country: address.country, ...(address.state ? { state: address.state } : {}) };
    const body = { billingAddress, vatNumber: this.place && vatNumberOf(this.place, this.vat) };
    const customer = customerOf(real, buyer);
    const answer = customer
      ? await call(real, 'PUT', `/api/v2/customers/${customer.id}`, body, {}, real.sandbox.secretKey)
      : await call(real, 'POST', '/api/v2/customers', { ...body, name: buyer, email: `${buyer}@example.com`, externalId: buyer }, {}, real.sandbox.secretKey);
    assert.ok(answer.status === 200 || answer.status === 201, answer.text);
  }
  toString = () => `FileAddress(${this.buyer}, ${this.place ?? 'none'}, VAT number ${this.place ? this.vat : 'none'})`;
}

/**
 * The clock to a few minutes before the end of the period or trial that ends next among the run's
 * buyers' lines: a buyer shown a price then, who pays (or whose bank answers) minutes later, pays
 * after it ended.
 */
/** Moves the clock to `minutesBefore` the next period or trial end among the buyers' lines; false when there is none ahead. */
function moveNearPeriodEnd(real: Real, buyers: readonly string[], minutesBefore: number): boolean {
  const now = real.clock.now();
  const ends = buyers.flatMap((buyer) => linesOf(real, buyer)).map((line) => (trialEndAt(line, now) ?? periodAt(line, now).end).getTime());
  const target = Math.min(...ends) - minutes(minutesBefore);
  if (!Number.isFinite(target) || target <= now.getTime()) return false;
  real.clock.set(new Date(target));
  return true;
}

class NearPeriodEnd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly minutesBefore: number) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    moveNearPeriodEnd(real, [...new Set(model.checkouts.map((checkout) => checkout.buyer))], this.minutesBefore);
  }
  toString = () => `NearPeriodEnd(${this.minutesBefore} min before)`;
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

/**
 * What the merchant may change while buyers pay: a plan's price edited up or down (in Paid's
 * dashboard: its API, as the SDK types it, edits no price, so the model edits the store as the
 * dashboard would), the buyer's subscription (their checkout order) renamed or deleted, the buyer
 * deleted (refused while they have orders; `close_account` deletes their orders first), the
 * checkout archived, the product every checkout sells deactivated (Paid's `active: false`) or
 * reactivated. Plans and prices cannot be removed or changed through the API.
 */
type MerchantChange =
  | { kind: 'edit_price'; plan: (typeof PLANS)[number]; percent: number }
  | { kind: 'update_order' | 'cancel_order' | 'delete_customer' | 'close_account' | 'replace_customer' | 'archive' | 'deactivate_product' | 'reactivate_product' };

const merchantChangeArbitrary: fc.Arbitrary<MerchantChange> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit_price' as const), plan: fc.constantFrom(...PLANS), percent: fc.constantFrom(-50, -10, 10, 100) }) },
  ...(['update_order', 'cancel_order', 'delete_customer', 'close_account', 'replace_customer', 'archive', 'deactivate_product', 'reactivate_product'] as const).map((kind) => ({ weight: 1, arbitrary: fc.constant({ kind }) })),
);

const describeChange = (change: MerchantChange) => (change.kind === 'edit_price' ? `edit_price(${change.plan} ${change.percent > 0 ? '+' : ''}${change.percent}%)` : change.kind);

/** The buyer's checkout orders, latest first. */
function checkoutOrdersOf(real: Real, customerId: string) {
  return real.sandbox.store.orders
    .withKey(customerId)
    .filter((order) => order.source === 'checkout')
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
}

/** The merchant makes `change` to `checkout` or its buyer, through Paid's API (or its dashboard, for a price), and the answer is held to the contract. */
async function makeMerchantChange(real: Real, checkout: Model['checkouts'][number], change: MerchantChange): Promise<void> {
  const { store, secretKey } = real.sandbox;
  real.merchantChanges.set(change.kind, (real.merchantChanges.get(change.kind) ?? 0) + 1);
  const customer = customerOf(real, checkout.buyer);
  const deleteOrder = async (orderId: string) => {
    const answer = await call(real, 'DELETE', `/api/v2/orders/${orderId}`, undefined, {}, secretKey);
    assert.equal(answer.status, 200, answer.text);
    real.deletedOrders.add(orderId);
  };
  switch (change.kind) {
    case 'edit_price': {
      const product = store.products.get('prod_analytics')!;
      const plan = product.plans.find((candidate) => candidate.id === change.plan)!;
      plan.prices = plan.prices.map((price) => ({ ...price, amount: Math.max(100, Math.round((price.amount * (100 + change.percent)) / 100)) }));
      product.updatedAt = real.clock.now();
      store.products.put(product);
      return;
    }
    case 'update_order': {
      const order = customer && checkoutOrdersOf(real, customer.id)[0];
      if (!order) return;
      const answer = await call(real, 'PUT', `/api/v2/orders/${order.id}`, { name: `Renamed ${order.version}`, metadata: { note: 'edited while paying' } }, {}, secretKey);
      assert.equal(answer.status, 200, answer.text);
      return;
    }
    case 'cancel_order': {
      const order = customer && checkoutOrdersOf(real, customer.id)[0];
      if (order) await deleteOrder(order.id);
      return;
    }
    case 'delete_customer':
    case 'close_account':
    case 'replace_customer': {
      if (!customer) return;
      if (change.kind !== 'delete_customer') for (const order of store.orders.withKey(customer.id)) await deleteOrder(order.id);
      const hasOrders = store.orders.withKey(customer.id).length > 0;
      const answer = await call(real, 'DELETE', `/api/v2/customers/${customer.id}`, undefined, {}, secretKey);
      if (hasOrders) assert.equal(answer.body.code, 'customer_has_orders', answer.text);
      else assert.equal(answer.status, 200, answer.text);
      if (change.kind !== 'replace_customer') return;
      // The merchant makes the account again under the same external id (a re-import): another record, who has paid for nothing.
      const made = await call(real, 'POST', '/api/v2/customers', { name: `${checkout.buyer} again`, email: `${checkout.buyer}+again@example.com`, externalId: checkout.buyer }, {}, secretKey);
      assert.equal(made.status, 201, made.text);
      return;
    }
    case 'deactivate_product':
    case 'reactivate_product': {
      const answer = await call(real, 'PUT', '/api/v2/products/prod_analytics', { active: change.kind === 'reactivate_product' }, {}, secretKey);
      assert.equal(answer.status, 200, answer.text);
      return;
    }
    case 'archive': {
      const answer = await call(real, 'DELETE', `/api/v2/checkouts/${checkout.id}`, undefined, {}, secretKey);
      const record = store.checkouts.get(checkout.id)!;
      if (record.completedAt) assert.equal(answer.body.code, 'completed', answer.text);
      else assert.equal(answer.status, 200, answer.text);
      return;
    }
  }
}

/** The merchant changes something of a checkout's (its buyer's subscription, the buyer, a price, the link) between the buyers' steps. */
class MerchantChanges implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly change: MerchantChange,
  ) {}
  check = (model: Readonly<Model>) => model.checkouts.length > 0;
  async run(model: Model, real: Real): Promise<void> {
    await makeMerchantChange(real, model.checkouts[this.pick % model.checkouts.length]!, this.change);
  }
  toString = () => `Merchant(#${this.pick}, ${describeChange(this.change)})`;
}

/** Every command checks the invariants once it has run: they hold after every step, not only at the end. */
function checked<C extends fc.AsyncCommand<Model, Real>>(command: C): C {
  const run = command.run.bind(command);
  command.run = async (model: Model, real: Real) => {
    const ordersBefore = runOrdersOf(model, real);
    const settledBefore = settledPaymentsOf(real);
    await run(model, real);
    assertInvariants(model, real);
    // No order of a buyer's is changed but by a payment that settled in this step, made for it.
    const settledNow = new Set([...settledPaymentsOf(real)].filter((id) => !settledBefore.has(id)).map((id) => real.sandbox.store.paymentIntents.get(id)!.settlement!.orderId));
    for (const [orderId, lines] of runOrdersOf(model, real)) {
      const was = ordersBefore.get(orderId);
      if (was !== undefined && was !== lines) assert.ok(settledNow.has(orderId), `order ${orderId} changed without a payment for it in ${command}`);
    }
  };
  return command;
}

/** The run's buyers' checkout orders, each with its lines as a price reads them. */
function runOrdersOf(model: Model, real: Real): Map<string, string> {
  const buyers = new Set(model.checkouts.map((checkout) => checkout.buyer));
  return new Map([...buyers].flatMap((buyer) => {
    const customer = customerOf(real, buyer);
    return customer ? ordersStateOf(real, customer.id) : [];
  }));
}

/** The run's payments that made an order. */
function settledPaymentsOf(real: Real): Set<string> {
  return new Set([...real.runPayments].filter((id) => real.sandbox.store.paymentIntents.get(id)?.settlement));
}

const payCommand = fc
  .tuple(
    fc.nat(20),
    fc.constantFrom(...PLANS),
    fc.constantFrom<Card>('succeeds', 'insufficient_funds', 'threeds'),
    fc.constantFrom(0, 0, minutes(5), minutes(14), minutes(20), minutes(180)),
    fc.boolean(),
    fc.record({
      place: fc.constantFrom(...PLACES),
      vat: fc.constantFrom(...VAT_KINDS),
      paying: fc.constantFrom(...PAYINGS),
      earlier: fc.constantFrom(...PLACES),
      edge: fc.constantFrom(null, null, null, null, 2, 4),
    }),
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.record({ change: merchantChangeArbitrary, when: fc.constantFrom<'quote' | 'challenge' | 'resend'>('quote', 'challenge', 'challenge', 'resend') }) },
    ),
  )
  .map(([pick, plan, card, stale, resend, buyer, meanwhile]) => checked(new Pay(pick, plan, card, stale, resend || meanwhile?.when === 'resend', buyer, meanwhile)));

export const moneyCommands = [
  fc.tuple(fc.constantFrom(...BUYERS), fc.boolean(), fc.boolean()).map(([buyer, singleUse, collectAddress]) => checked(new NewCheckout(buyer, singleUse, collectAddress))),
  // Paying is what most steps are.
  payCommand,
  payCommand,
  payCommand,
  fc.tuple(fc.nat(20), fc.constantFrom<'succeeded' | 'failed'>('succeeded', 'succeeded', 'failed')).map(([pick, outcome]) => checked(new Authenticate(pick, outcome))),
  fc.tuple(fc.nat(20), fc.boolean()).map(([pick, named]) => checked(new Finalize(pick, named))),
  fc.nat(20).map((pick) => checked(new Archive(pick))),
  // The merchant, between the buyers' steps: while a 3-D Secure payment waits, before a resend.
  fc.tuple(fc.nat(20), merchantChangeArbitrary).map(([pick, change]) => checked(new MerchantChanges(pick, change))),
  fc.tuple(fc.nat(20), merchantChangeArbitrary).map(([pick, change]) => checked(new MerchantChanges(pick, change))),
  fc.tuple(fc.nat(20), fc.boolean()).map(([pick, asked]) => checked(new PayAgain(pick, asked))),
  fc.nat(20).map((pick) => checked(new ResendLater(pick))),
  fc.constantFrom(minutes(1), minutes(30), minutes(24 * 60), minutes(16 * 24 * 60)).map((ms) => checked(new MoveClock(ms))),
  fc.constantFrom(2, 10).map((before) => checked(new NearPeriodEnd(before))),
  fc.tuple(fc.constantFrom(...BUYERS), fc.option(fc.constantFrom(...PLACES), { freq: 4 }), fc.constantFrom(...VAT_KINDS)).map(([buyer, place, vat]) => checked(new FileAddress(buyer, place, vat))),
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
    // An archived checkout takes no new payment.
    const archivedAt = store.checkouts.get(intent.checkoutId)?.archivedAt;
    if (archivedAt) assert.ok(intent.createdAt.getTime() <= archivedAt.getTime(), `${intent.id} was taken after its checkout was archived`);
    // The buyer is sent a receipt for an order (when they have an email address), never for a refund.
    assert.equal(real.receiptsByPayment.get(intent.id) ?? 0, intent.settlement?.receiptTo ? 1 : 0, `${intent.id}: one receipt for an order, none for a refund`);
    const shownAmount = model.shown.get(intent.id);
    if (shownAmount !== undefined) assert.equal(intent.purchase.amountDue, shownAmount, `${intent.id} charges ${intent.purchase.amountDue}, shown ${shownAmount}`);
    // Told its checkout closed while it waited for the bank: nothing is taken after that.
    if (model.toldClosed.has(intent.id)) assert.notEqual(intent.state, 'succeeded', `${intent.id} was charged after a finalize naming it said its checkout had closed`);
    // Settled when the bank confirms it, whether or not anyone finalizes: never left in between.
    if (intent.state === 'succeeded') assert.ok(Boolean(intent.settlement) !== Boolean(intent.refund), `${intent.id}: exactly one of an order or a refund`);
    else assert.ok(!intent.settlement && !intent.refund, `${intent.id} made an order or a refund without a succeeded payment`);
    assert.equal(announcedPayments.get(intent.id) ?? 0, intent.settlement ? 1 : 0, `${intent.id}: payment succeeded is announced once if it made an order, else never`);
    const settlement = intent.settlement;
    if (!settlement) continue;
    settledOrders.add(settlement.orderId);
    const order = store.orders.get(settlement.orderId);
    // The merchant may delete an order after it was made; until then it exists.
    if (real.deletedOrders.has(settlement.orderId)) continue;
    assert.ok(order, `${intent.id}'s order ${settlement.orderId} exists`);
    if (!real.settlementsChecked.has(intent.id)) {
      // Checked in the step that settled it: the lines it bought bill a period (or a trial) that has not ended (CONTRACT §4 rule 2).
      real.settlementsChecked.add(intent.id);
      const now = real.clock.now().getTime();
      const bought = new Set(intent.purchase.lines.map((line) => line.productId));
      // Set at the plan and the price a period the buyer was shown.
      const shownLine = model.shownLine.get(intent.id);
      const madeLine = order.lines.find((candidate) => candidate.productId === 'prod_analytics');
      if (shownLine) assert.deepEqual([madeLine?.planId, madeLine?.amount], [shownLine.planId, shownLine.periodAmount], `${intent.id}'s order line is set at the plan and price a period shown`);
      for (const line of order.lines.filter((candidate) => bought.has(candidate.productId))) {
        assert.ok(line.periodEnd.getTime() > now, `${intent.id} left ${order.id}'s ${line.productId} line ending in the past (${line.periodEnd.toISOString()})`);
        assert.ok(line.trialEndsAt === null || line.trialEndsAt.getTime() > now, `${intent.id} left ${order.id}'s ${line.productId} line in a trial that ended (${line.trialEndsAt?.toISOString()})`);
      }
    }
    const checkout = store.checkouts.get(intent.checkoutId);
    const customer = store.customers.get(order.customerId);
    assert.equal(customer?.externalId, checkout?.externalCustomerId, `${intent.id}'s order is for the buyer who paid`);
    const shown = model.shown.get(intent.id);
    if (shown !== undefined) assert.equal(settlement.amountDue, shown, `${intent.id} settled at ${settlement.amountDue}, shown ${shown}`);
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
  // The merchant reads each refund once, with its reason, on the checkout (CheckoutDetails' refunds).
  for (const checkout of model.checkouts) {
    const read = await call(real, 'GET', `/api/v2/checkouts/${checkout.id}`, undefined, {}, real.sandbox.secretKey);
    assert.equal(read.status, 200, read.text);
    const listed = (read.body.refunds as Array<{ paymentIntentId: string; reason: string }>).map((refund) => `${refund.paymentIntentId} ${refund.reason}`).sort();
    const record = real.sandbox.store.checkouts.get(checkout.id)!;
    const refunded = record.paymentIntentIds.flatMap((id) => {
      const refund = real.sandbox.store.paymentIntents.get(id)?.refund;
      return refund ? [`${id} ${refund.reason}`] : [];
    });
    assert.deepEqual(listed, refunded.sort(), `${checkout.id} lists each refund once`);
  }
}

/** What the merchant has on file for the run's third buyer from the start: a billing address (or none) and a VAT number. */
export interface Filed {
  place: Place | null;
  vat: VatKind;
  /** The plan they already subscribe to through a checkout, or null: their next payments change it (a downgrade from Scale costs 0 today). */
  subscribed: (typeof PLANS)[number] | null;
}

/** The address on file a run starts with, for its known customer. */
export const filedArbitrary: fc.Arbitrary<Filed> = fc.record({
  place: fc.option(fc.constantFrom(...PLACES), { freq: 5 }),
  vat: fc.constantFrom(...VAT_KINDS),
  subscribed: fc.constantFrom(null, 'plan_analytics_growth' as const, 'plan_analytics_scale' as const),
});

/**
 * Three checkouts to pay from the start of a run: a single-use one and a reusable one for new
 * buyers, both collecting the billing address as Paid's checkouts do by default; and a reusable
 * one that collects none for a customer the merchant already knows, with `filed` on file: their
 * first payment is taxed from it, the next ones are upgrades (or downgrades) of their order, which
 * `filed.subscribed` makes before the run.
 */
export async function openCheckouts(model: Model, real: Real, filed: Filed): Promise<void> {
  await new NewCheckout(BUYERS[0], true, true).run(model, real);
  await new NewCheckout(BUYERS[1], false, true).run(model, real);
  await new FileAddress(BUYERS[2], filed.place, filed.vat).run(model, real);
  await new NewCheckout(BUYERS[2], false, false).run(model, real);
  // They subscribed before the run: paid at once through their checkout, checked as any payment.
  if (filed.subscribed) await new Pay(2, filed.subscribed, 'succeeds', 0, false, { place: PLACES[0]!, vat: 'none', paying: 'quote', earlier: PLACES[0]!, edge: null }).run(model, real);
  // Checked now, as a step is: its order line is checked in the step that made it.
  assertInvariants(model, real);
}

export async function startModelSandbox(): Promise<Real> {
  const clock = createAdjustableClock();
  const sandbox = await startSandbox({ port: 0, clock });
  const real: Real = {
    sandbox,
    clock,
    requests: 0,
    serverErrors: [],
    paymentsAnnounced: new Map(),
    runPayments: new Set(),
    newOrders: [],
    ordersMade: 0,
    settledOrders: new Set(),
    settlementsChecked: new Set(),
    crossings: { paid: 0, refused: 0 },
    deletedOrders: new Set(),
    receiptsByPayment: new Map(),
    seededPlans: JSON.stringify(sandbox.store.products.get('prod_analytics')!.plans),
    merchantChanges: new Map(),
  };
  const { receipts } = sandbox.store;
  const putReceipt = receipts.put.bind(receipts);
  receipts.put = (receipt) => {
    if (!receipts.get(receipt.id)) real.receiptsByPayment.set(receipt.paymentIntentId, (real.receiptsByPayment.get(receipt.paymentIntentId) ?? 0) + 1);
    putReceipt(receipt);
  };
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

/** A run starts from the same clock and the seeded prices, whatever the run before did; the store carries on, as a long-lived backend does. */
export function startRun(real: Real): void {
  real.clock.reset();
  real.runPayments.clear();
  // A run that failed part-way leaves its orders unchecked: they must not fail the shrunk runs after it.
  real.newOrders.length = 0;
  const product = real.sandbox.store.products.get('prod_analytics')!;
  product.plans = JSON.parse(real.seededPlans) as typeof product.plans;
  product.active = true;
  product.archivedAt = null;
  real.sandbox.store.products.put(product);
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

/**
 * One browser (one cookie jar), Paid's own client in several tabs of one reusable link: each tab
 * pays (3-D Secure or not) one after another, as one buyer presses Pay in each; then their banks
 * answer and each tab whose bank approved finalizes with `{}` and the jar's payment cookie, in an
 * order fc.scheduler picks (another tab's bank may answer between a tab's approval and its
 * finalize). Afterwards: every payment the bank approved made one order; every finalize that
 * followed an approval answered a payment of this browser that made its order, never a refusal
 * (paid-blocks says "Payment failed" for any, of a payment taken), and its tab's own payment when
 * no other bank approved one between. The sandbox orders the banks' answers by its clock, to the
 * millisecond: two tabs' banks answering within the same one are not told apart.
 */
export async function tabsInOneBrowser(real: Real, scheduler: fc.Scheduler, tabs: ReadonlyArray<{ card: 'succeeds' | 'threeds'; bank: 'succeeded' | 'failed' }>): Promise<void> {
  const created = await call(real, 'POST', '/api/v2/checkouts', { products: [{ id: 'prod_support' }], successUrl: 'https://shop.example/thanks', collectAddress: false, singleUse: false }, {}, real.sandbox.secretKey);
  const checkoutId = String(created.body.id);
  let jar: string | null = null;
  /** A request of this browser: its cookie sent, a cookie set kept (one of the name and path: the last set). */
  const send = async (path: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${real.sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(jar ? { cookie: jar } : {}) },
      body: JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) jar = setCookie.split(';')[0]!;
    const text = await response.text();
    if (response.status >= 500) real.serverErrors.push(response.status);
    return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
  };
  const started: Array<{ id: string; clientSecret: string } | null> = [];
  for (const [index, tab] of tabs.entries()) {
    const answer = await send(`/api/public/checkout/${checkoutId}/complete`, {
      confirmation_token: `ctoken_test_${tab.card}_${randomBytes(8).toString('hex')}`,
      return_url: 'https://shop.example/return',
      customer: { name: `Tab ${index}`, email: `tab-${index}-${randomBytes(4).toString('hex')}@example.com` },
      amount_due: 29900,
    });
    assert.equal(answer.status, 200, answer.text);
    const intent = dataOf(answer).payment_intent;
    started.push(dataOf(answer).status === 'requires_action' && intent?.client_secret ? { id: intent.id, clientSecret: intent.client_secret } : null);
  }
  /** The banks' answers (approved or not), in the order the sandbox took them. */
  const answers: string[] = [];
  const finalized: Array<{ tab: number; own: string; answer: Answer; between: string[] }> = [];
  // Each step whole, one at a time, in the scheduler's order: a bank's answer, a finalize.
  let steps = Promise.resolve();
  const step = <T>(run: () => Promise<T>): Promise<T> => {
    const done = steps.then(run);
    steps = done.then(() => undefined, () => undefined);
    return done;
  };
  await scheduler.waitFor(
    Promise.all(
      started.map(async (intent, index) => {
        if (!intent) return;
        await scheduler.schedule(Promise.resolve(`bank ${index}`));
        const bank = tabs[index]!.bank;
        const since = await step(async () => {
          await call(real, 'POST', `/sandbox/stripe/payment_intents/${intent.id}/authenticate`, { clientSecret: intent.clientSecret, outcome: bank });
          // Two banks do not answer within one millisecond of the sandbox's clock.
          real.clock.advance(1);
          return answers.push(intent.id);
        });
        // Paid's client finalizes only after its bank approved.
        if (bank !== 'succeeded') return;
        await scheduler.schedule(Promise.resolve(`finalize ${index}`));
        await step(async () => {
          const between = answers.slice(since);
          finalized.push({ tab: index, own: intent.id, answer: await send(`/api/public/checkout/${checkoutId}/finalize`, {}), between });
        });
      }),
    ),
  );
  const { store } = real.sandbox;
  assert.ok(!real.serverErrors.length, 'nothing answers 5xx');
  const approved = answers.filter((id) => store.paymentIntents.get(id)?.state === 'succeeded');
  for (const id of approved) assert.ok(store.paymentIntents.get(id)?.settlement, `${id}, approved by its bank, made its order`);
  for (const { tab, own, answer, between } of finalized) {
    // Another tab's payment the bank approved between this tab's approval and its finalize may be answered instead: paid too.
    const approvedBetween = between.filter((id) => approved.includes(id));
    const said = `tab ${tab} (${own}), after ${approvedBetween.length ? `the approval of ${approvedBetween.join(', ')}` : 'no other approval'} (banks' answers between: ${between.length}): ${answer.status} ${answer.text}`;
    assert.equal(answer.status, 200, `a tab whose payment was taken is told it was paid: ${said}`);
    const answered = dataOf(answer).payment_intent?.id ?? '';
    assert.ok(approved.includes(answered), `answered a payment this browser's bank approved: ${said}`);
    if (approvedBetween.length === 0) assert.equal(answered, own, `answered its own payment: ${said}`);
  }
}
