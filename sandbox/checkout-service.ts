// Checkout sessions: create, archive, complete (price, charge, create or upgrade the order),
// settle a 3-D Secure payment when the bank confirms it, and finalize (read how it settled).
// Callers serialize complete, settlement and finalize per checkout.
import type { PostalAddress, Product } from '../src/api/schemas.ts';
import { resolveSelections, type ResolvedSelection } from '../src/pricing/selection.ts';
import { summarize, type CheckoutSummary } from '../src/pricing/summary.ts';
import { allowedCurrenciesOf, customerOf, productsOf, statusOf } from './checkout-state.ts';
import type { Clock } from './clock.ts';
import { ApiError, validationError, type FieldProblem } from './http.ts';
import { newId } from './ids.ts';
import { formatMoney } from '../src/pricing/money.ts';
import { redirectUrlFor } from '../src/url.ts';
import { authenticationFailed, createPaymentIntent, declineFor, outcomeOf } from './payments.ts';
import { MAX_AMOUNT, type CreateCheckoutBody } from './request-schemas.ts';
import { currenciesNow, paymentsOf } from './serializers.ts';
import { syncSeats } from './order-service.ts';
import { billingAddressOf, customerRecord, orderRecord } from './records.ts';
import type {
  AccountName,
  CheckoutRecord,
  CustomerRecord,
  InvoiceRecord,
  OrderRecord,
  PaymentIntentRecord,
  Purchase,
  RefundRecord,
  Settlement,
  Store,
} from './store.ts';

export interface ServiceContext {
  store: Store;
  clock: Clock;
}

/** How far ahead a merchant may set `expiresAt`, and the default lifetime. */
export const MAX_EXPIRY_MS = 30 * 86_400_000;
export const DEFAULT_EXPIRY_MS = 24 * 3_600_000;
/**
 * How long a single-use link stays held by a payment waiting for 3-D Secure: Paid's guide says
 * the link is taken once a payment has started; a buyer who walked away from the challenge
 * frees it after this.
 */
export const PENDING_PAYMENT_HOLD_MS = 15 * 60_000;
/**
 * How long a price shown to a buyer is honoured (ours): a proration, which moves with the clock,
 * is charged as it was at the instant the buyer saw it, up to this long ago.
 */
export const QUOTE_WINDOW_MS = 15 * 60_000;

/**
 * What a complete asks for, in the service's terms; the public route maps Paid's wire body to
 * it. `selections` and `currency` are null when the buyer left them to the session's default.
 */
export interface CompleteInput {
  selections: Array<{ productId: string; planId: string | null; quantity: number }> | null;
  currency: string | null;
  customer: { name: string; email: string; phone?: string | null; address?: PostalAddress | null } | null;
  confirmationToken: string;
  returnUrl: string;
  /** The amount the buyer was shown, when the client sent it. */
  amountShown: number | null;
  /** The buyer's own unfinished 3-D Secure payment, which this one replaces (ours). */
  replacesPaymentIntentId: string | null;
}

/** How a complete or finalize ended: paid (an order and an invoice), or waiting for 3-D Secure. */
export type PaymentOutcome =
  | { status: 'succeeded'; settlement: Settlement }
  | { status: 'requires_action'; checkoutId: string; paymentIntentId: string; clientSecret: string; amountDue: number; currency: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Problems with what a create body refers to (products, customer) and when it expires, found
 * in whatever parts of `input` are well formed, so that a 400 names them beside shape problems.
 */
export function checkoutReferenceProblems({ store, clock }: ServiceContext, input: unknown): FieldProblem[] {
  if (!isRecord(input)) return [];
  const problems: FieldProblem[] = [];
  const now = clock.now();
  if (Array.isArray(input.products)) {
    input.products.forEach((item: unknown, index) => {
      const id = isRecord(item) ? item.id : undefined;
      if (typeof id === 'string' && id !== '' && !store.products.get(id)?.active) {
        problems.push({ field: `products.${index}.id`, message: 'no such product' });
      }
    });
  }
  const { customerId, externalCustomerId, expiresAt } = input;
  if (typeof customerId === 'string' && customerId !== '' && !store.customers.get(customerId)) {
    problems.push({ field: 'customerId', message: 'no such customer' });
  }
  if (typeof customerId === 'string' && typeof externalCustomerId === 'string') {
    problems.push({ field: 'externalCustomerId', message: 'give customerId or externalCustomerId, not both' });
  }
  const expiry = typeof expiresAt === 'string' ? Date.parse(expiresAt) : Number.NaN;
  if (typeof expiresAt === 'string' && Number.isNaN(expiry)) problems.push({ field: 'expiresAt', message: 'is not a date' });
  else if (expiry <= now.getTime()) problems.push({ field: 'expiresAt', message: 'must be in the future' });
  else if (expiry > now.getTime() + MAX_EXPIRY_MS) problems.push({ field: 'expiresAt', message: 'must be at most 30 days ahead' });
  return problems;
}

export function createCheckout(context: ServiceContext, account: AccountName, body: CreateCheckoutBody): CheckoutRecord {
  const { store, clock } = context;
  const now = clock.now();
  const problems = checkoutReferenceProblems(context, body);
  if (problems.length > 0) throw validationError(problems);
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : new Date(now.getTime() + DEFAULT_EXPIRY_MS);

  const draft: CheckoutRecord = {
    id: newId('chk'),
    account,
    productIds: body.products.map(({ id }) => id),
    customerId: body.customerId ?? null,
    externalCustomerId: body.externalCustomerId ?? null,
    successUrl: body.successUrl,
    cancelUrl: body.cancelUrl ?? null,
    expiresAt,
    metadata: body.metadata ?? {},
    // Paid's guide: the address is collected unless the merchant says otherwise (tax needs it).
    collectAddress: body.collectAddress ?? true,
    collectPhone: body.collectPhone ?? false,
    singleUse: body.singleUse ?? true,
    lockedCurrency: body.currency ?? null,
    allowedCurrenciesAtCreation: [],
    archivedAt: null,
    paymentIntentIds: [],
    completedAt: null,
    paidByCustomerId: null,
    orderId: null,
    createdAt: now,
    updatedAt: now,
  };
  const products = productsOf(store, draft, now);
  const everyCurrency = allowedCurrenciesOf(products, null);
  if (everyCurrency.length === 0) {
    throw validationError([{ field: 'products', message: 'there is no currency in which every product can be bought' }]);
  }
  if (draft.lockedCurrency && !everyCurrency.includes(draft.lockedCurrency)) {
    throw validationError([{ field: 'currency', message: `must be one in which every product can be bought (${everyCurrency.join(', ')})` }]);
  }
  draft.allowedCurrenciesAtCreation = allowedCurrenciesOf(products, draft.lockedCurrency);
  store.checkouts.put(draft);
  return draft;
}

export function archiveCheckout(context: ServiceContext, checkout: CheckoutRecord): CheckoutRecord {
  const now = context.clock.now();
  const status = statusOf(checkout, now);
  if (status === 'completed') throw new ApiError(409, 'completed', 'A paid checkout cannot be archived.');
  if (status === 'archived') return checkout;
  // A payment still in 3-D Secure is left to its bank: confirmed after this, it is refunded, not lost.
  checkout.archivedAt = now;
  checkout.updatedAt = now;
  return checkout;
}

const closedMessages = {
  expired: 'This checkout has expired.',
  completed: 'This checkout has already been paid.',
  archived: 'This checkout is no longer available.',
} as const;

function assertActive(checkout: CheckoutRecord, now: Date): void {
  const status = statusOf(checkout, now);
  if (status !== 'active') throw new ApiError(409, status, closedMessages[status]);
}

/** `selections[0].planId` (the pricing module's paths) as the dotted `selections.0.planId`. */
function dotted(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

interface PricedOrder {
  products: Product[];
  summary: CheckoutSummary;
  buyerNeeded: boolean;
}

/**
 * What a complete without selections buys (Paid's own client sends none): each product's only
 * choice, a product without plans at its smallest quantity or a product with one plan. A
 * product with several plans has no default: the buyer must choose.
 */
type ChosenLine = NonNullable<CompleteInput['selections']>[number];

function defaultSelections(products: readonly Product[], currency: string): { selections: ChosenLine[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const selections = products.flatMap((product): ChosenLine[] => {
    const onlyPlan = product.plans.length === 1 ? product.plans[0] : undefined;
    if (product.plans.length === 0) return [{ productId: product.id, planId: null, quantity: Math.max(1, product.basePrice?.minQuantity ?? 1) }];
    if (onlyPlan) {
      const price = onlyPlan.prices.find((candidate) => candidate.currency === currency);
      return [{ productId: product.id, planId: onlyPlan.id, quantity: Math.max(1, price?.minQuantity ?? 1) }];
    }
    problems.push({ field: 'selections', message: `Required: ${product.name} has ${product.plans.length} plans; choose one` });
    return [];
  });
  return { selections, problems };
}

/**
 * Refuses an order Stripe could not charge: a line (today, or each period after) or the order
 * (today, or any later invoice) over MAX_AMOUNT. A line names its quantity, the order `selections`.
 */
function assertWithinLimit(summary: CheckoutSummary, selections: CompleteInput['selections']): void {
  const limit = `Stripe's limit of ${MAX_AMOUNT.toLocaleString('en-US')} minor units`;
  const problems: FieldProblem[] = summary.lines.flatMap((line) => {
    if (Math.max(line.dueToday, line.periodAmount) <= MAX_AMOUNT) return [];
    const index = selections?.findIndex((chosen) => chosen.productId === line.productId) ?? -1;
    return [{ field: index < 0 ? 'selections' : `selections.${index}.quantity`, message: `makes this line cost more than ${limit}` }];
  });
  const orderTotals = [summary.amountDueToday, ...summary.recurring.map((charge) => charge.amount)];
  if (problems.length === 0 && orderTotals.some((total) => total > MAX_AMOUNT)) {
    problems.push({ field: 'selections', message: `make an order that costs more than ${limit}` });
  }
  if (problems.length > 0) throw validationError(problems);
}

/** Checks the buyer's choices against the checkout again and prices them with the shared pricing code. */
function priceOrder(
  context: ServiceContext,
  checkout: CheckoutRecord,
  input: CompleteInput,
  now: Date,
): PricedOrder & { currency: string; selections: ChosenLine[]; resolved: ResolvedSelection[] } {
  const { store } = context;
  const problems: FieldProblem[] = [];
  const products = productsOf(store, checkout, now);
  const currency = input.currency?.toLowerCase() ?? currenciesNow(store, checkout, now).currency;
  const defaults = input.selections ? null : defaultSelections(products, currency);
  if (defaults) problems.push(...defaults.problems);
  const body = { ...input, currency, selections: input.selections ?? defaults?.selections ?? [] };
  // Checked against the products as they are now: a currency shown only as a fallback cannot be paid in.
  const payable = allowedCurrenciesOf(products, checkout.lockedCurrency);
  const buyerNeeded = customerOf(store, checkout) === null;

  if (!payable.includes(body.currency)) {
    const shown = currenciesNow(store, checkout, now).allowed;
    problems.push({ field: 'currency', message: `is not one of this checkout's currencies (${shown.join(', ')})` });
  }
  if (buyerNeeded && !body.customer) problems.push({ field: 'customer', message: 'Required: this checkout has no customer yet' });
  if (buyerNeeded && body.customer && checkout.collectAddress && !body.customer.address) {
    problems.push({ field: 'customer.address', message: 'Required: this checkout collects an address' });
  }
  const resolved = resolveSelections(products, body.selections, body.currency);
  if (!resolved.ok) {
    for (const problem of resolved.problems) {
      const field = dotted(problem.field);
      if (!problems.some((known) => known.field === field && field === 'currency')) problems.push({ field, message: problem.message });
    }
  }
  if (problems.length > 0 || !resolved.ok) throw validationError(problems);
  const summary = summarize(resolved.resolved, body.currency, now);
  assertWithinLimit(summary, input.selections);
  return { products, summary, buyerNeeded, currency, selections: body.selections, resolved: resolved.resolved };
}

function upgradedOrderOf(products: readonly Product[], productId: string): string | undefined {
  return products.find((product) => product.id === productId)?.current?.orderId;
}

function purchaseOf(
  products: readonly Product[],
  summary: CheckoutSummary,
  input: CompleteInput,
  buyerNeeded: boolean,
  now: Date,
): Purchase {
  const lines = summary.lines.flatMap((line) => {
    if (line.kind === 'unchanged') return [];
    const proration = line.proration;
    return [
      {
        id: newId('line'),
        productId: line.productId,
        planId: line.planId,
        quantity: line.quantity,
        interval: line.interval,
        amount: line.periodAmount,
        currency: summary.currency,
        periodStart: proration ? proration.periodStart : now,
        periodEnd: proration ? proration.nextRenewal : (line.nextChargeAt ?? now),
        trialEndsAt: line.trialEndsAt,
        upgradesOrderId: line.kind === 'upgrade' ? (upgradedOrderOf(products, line.productId) ?? null) : null,
      },
    ];
  });
  const charges = summary.lines.flatMap((line) => {
    if (line.kind === 'unchanged') return [];
    const description = line.planName ? `${line.productName} — ${line.planName}` : line.productName;
    return [
      {
        productId: line.productId,
        description,
        quantity: line.quantity,
        amount: line.dueToday,
        periodStart: line.proration ? now : now,
        periodEnd: line.proration ? line.proration.nextRenewal : (line.nextChargeAt ?? now),
      },
    ];
  });
  const customer = input.customer;
  return {
    currency: summary.currency,
    amountDue: summary.amountDueToday,
    amountShown: input.amountShown,
    buyer:
      buyerNeeded && customer
        ? { name: customer.name, email: customer.email, phone: customer.phone ?? null, address: customer.address ?? null }
        : null,
    lines,
    charges,
  };
}

/** The invoice for a paid purchase: today's charges, line by line, already paid. */
function invoiceFor(store: Store, checkout: CheckoutRecord, purchase: Purchase, orderIds: ReadonlyMap<string, string>, customerId: string, paymentIntentId: string, now: Date): InvoiceRecord {
  const orderId = orderIds.values().next().value ?? '';
  const invoice: InvoiceRecord = {
    id: newId('inv'),
    number: store.invoices.list().length + 1,
    customerId,
    orderId,
    checkoutId: checkout.id,
    paymentIntentId,
    currency: purchase.currency,
    lines: purchase.charges.map((charge) => ({
      id: newId('invl'),
      orderId: orderIds.get(charge.productId) ?? orderId,
      productId: charge.productId,
      description: charge.description,
      quantity: charge.quantity,
      amount: charge.amount,
      periodStart: charge.periodStart,
      periodEnd: charge.periodEnd,
    })),
    total: purchase.amountDue,
    metadata: null,
    paidAt: now,
    createdAt: now,
    updatedAt: now,
  };
  store.invoices.put(invoice);
  return invoice;
}

/** Finds or creates the customer a paid purchase belongs to. */
function payingCustomer(store: Store, checkout: CheckoutRecord, purchase: Purchase, now: Date): CustomerRecord {
  const known = customerOf(store, checkout);
  if (known) return known;
  const buyer = purchase.buyer;
  if (!buyer) throw new Error(`checkout ${checkout.id} was priced without a buyer but has no customer`);
  const customer = customerRecord(
    {
      id: newId('cus'),
      name: buyer.name,
      email: buyer.email,
      externalId: checkout.externalCustomerId,
      phone: buyer.phone,
      billingAddress: buyer.address ? billingAddressOf(buyer.address) : null,
      defaultCurrency: purchase.currency,
    },
    now,
  );
  store.customers.put(customer);
  return customer;
}

/** An order's name, as Paid shows it: its products' names. */
function orderNameOf(store: Store, lines: OrderRecord['lines']): string {
  return lines.map((line) => store.products.get(line.productId)?.name ?? line.productId).join(', ');
}

/** Turns a paid purchase into orders (upgraded lines in place, new lines in one new order) and its invoice. */
function fulfil(context: ServiceContext, checkout: CheckoutRecord, purchase: Purchase, paymentIntentId: string): Settlement {
  const { store } = context;
  const now = context.clock.now();
  const customer = payingCustomer(store, checkout, purchase, now);
  const newLines: OrderRecord['lines'] = [];
  const upgradedOrderIds: string[] = [];
  /** The order each product's line ends up in, for the invoice. */
  const orderOfProduct = new Map<string, string>();

  for (const { upgradesOrderId, ...line } of purchase.lines) {
    const order = upgradesOrderId ? store.orders.get(upgradesOrderId) : undefined;
    const index = order ? order.lines.findIndex((candidate) => candidate.productId === line.productId) : -1;
    const replaced = order?.lines[index];
    if (order && replaced) {
      order.lines[index] = { ...line, id: replaced.id };
      order.updatedAt = now;
      order.version += 1;
      syncSeats(store, order, now);
      orderOfProduct.set(line.productId, order.id);
      if (!upgradedOrderIds.includes(order.id)) upgradedOrderIds.push(order.id);
    } else {
      newLines.push(line);
    }
  }

  let orderId = upgradedOrderIds[0] ?? null;
  if (newLines.length > 0) {
    const order = orderRecord(
      store,
      {
        id: newId('ord'),
        name: orderNameOf(store, newLines),
        customerId: customer.id,
        source: 'checkout',
        currency: purchase.currency,
        lines: newLines,
        checkoutId: checkout.id,
      },
      now,
    );
    syncSeats(store, order, now);
    store.orders.put(order);
    orderId = order.id;
    for (const line of newLines) orderOfProduct.set(line.productId, order.id);
  }
  if (!orderId) throw new Error(`checkout ${checkout.id}: a purchase with no lines was paid`);
  const invoice = invoiceFor(store, checkout, purchase, orderOfProduct, customer.id, paymentIntentId, now);

  checkout.orderId = orderId;
  if (checkout.singleUse) {
    checkout.completedAt = now;
    // Kept apart from customerId: the public read of a paid link shows no buyer's name or email.
    checkout.paidByCustomerId = customer.id;
  }
  checkout.updatedAt = now;
  return {
    checkoutId: checkout.id,
    orderId,
    invoiceId: invoice.id,
    customerId: customer.id,
    paymentIntentId,
    amountDue: purchase.amountDue,
    amountShown: purchase.amountShown,
    currency: purchase.currency,
    redirectUrl: redirectUrlFor(checkout.successUrl, checkout.id),
  };
}

/** The checkout's payments, oldest first. */
export function paymentIntentsOf(store: Store, checkout: CheckoutRecord): PaymentIntentRecord[] {
  return checkout.paymentIntentIds.flatMap((id) => store.paymentIntents.get(id) ?? []);
}

/**
 * The checkout's payments still waiting for 3-D Secure. A payment the bank confirmed is settled
 * at once (settleConfirmed), so nothing else is under way.
 */
function paymentsUnderWay(store: Store, checkout: CheckoutRecord): PaymentIntentRecord[] {
  return paymentIntentsOf(store, checkout).filter((intent) => intent.state === 'requires_action');
}

/**
 * Paid's guide: a single-use link is taken once a payment has started. While a payment waits for
 * 3-D Secure, only the buyer who started it (who names it) may replace it with another. Once the
 * bank has confirmed it, it has completed the link (or been refunded): nothing is left to hold.
 */
function assertNotTaken(store: Store, checkout: CheckoutRecord, input: CompleteInput, now: Date): void {
  if (!checkout.singleUse) return;
  for (const pending of paymentsUnderWay(store, checkout)) {
    const held = now.getTime() - pending.createdAt.getTime() < PENDING_PAYMENT_HOLD_MS;
    if (held && input.replacesPaymentIntentId !== pending.id) {
      throw new ApiError(
        409,
        'payment_in_progress',
        'Someone has already started paying with this link. If that was you, finish in the window where you started, or try again in 15 minutes; otherwise ask the seller for a new link.',
      );
    }
  }
}

/**
 * The order as the buyer was shown it. Without `amountShown` (Paid's own client), the price now.
 * With it, the price at the instant within the quote window when the order cost that amount (a
 * proration shown a few minutes ago); when it never did, 409 `amount_changed` carrying the amount
 * due now and the sandbox's time, for the client to show and have confirmed. Nothing is charged.
 */
function quoteShown(
  priced: ReturnType<typeof priceOrder>,
  amountShown: number | null,
  now: Date,
): { summary: CheckoutSummary; at: Date } {
  if (amountShown === null || priced.summary.amountDueToday === amountShown) return { summary: priced.summary, at: now };
  // Only prorated lines move with the clock; pricing is pure, so a second-by-second look back is cheap.
  if (priced.summary.lines.some((line) => line.proration)) {
    for (let back = 1000; back <= QUOTE_WINDOW_MS; back += 1000) {
      const at = new Date(now.getTime() - back);
      const summary = summarize(priced.resolved, priced.currency, at);
      if (summary.amountDueToday === amountShown) return { summary, at };
    }
  }
  const amountDue = priced.summary.amountDueToday;
  throw new ApiError(
    409,
    'amount_changed',
    `The amount due is now ${formatMoney(amountDue, priced.currency, 'en')}, not the ${formatMoney(amountShown, priced.currency, 'en')} shown: review it and pay again. Nothing was charged.`,
    { extra: { amountDue, currency: priced.currency, now: now.toISOString() } },
  );
}

/**
 * The buyer's own unfinished 3-D Secure payment, replaced by a new one, is cancelled (as Stripe
 * cancels a payment intent): its challenge can no longer charge them once the new one is paid.
 */
function cancelReplaced(store: Store, checkout: CheckoutRecord, paymentIntentId: string | null): void {
  const replaced = paymentIntentId ? store.paymentIntents.get(paymentIntentId) : undefined;
  if (replaced && replaced.checkoutId === checkout.id && replaced.state === 'requires_action') replaced.state = 'failed';
}

export function completeCheckout(context: ServiceContext, checkout: CheckoutRecord, input: CompleteInput): PaymentOutcome {
  const now = context.clock.now();
  assertActive(checkout, now);
  assertNotTaken(context.store, checkout, input, now);
  if (!paymentsOf(checkout.account)) {
    throw new ApiError(409, 'payments_not_configured', 'This account cannot take payments: it has no Stripe connection.');
  }
  const priced = priceOrder(context, checkout, input, now);
  const { products, buyerNeeded, selections } = priced;
  if (!priced.summary.hasChanges) {
    throw new ApiError(409, 'no_change', 'Nothing would change: every line keeps its current plan and quantity.');
  }
  const { summary, at: pricedAt } = quoteShown(priced, input.amountShown, now);
  const purchase = purchaseOf(products, summary, input, buyerNeeded, pricedAt);
  // Stripe lets a confirmation token confirm one payment: a second use, under another key or on
  // another checkout, is refused before anything is charged.
  if (context.store.usedConfirmationTokens.has(input.confirmationToken)) {
    throw new ApiError(409, 'confirmation_token_used', 'This confirmation token was already used; create a new one for a new payment.');
  }
  context.store.usedConfirmationTokens.add(input.confirmationToken);
  cancelReplaced(context.store, checkout, input.replacesPaymentIntentId);
  const outcome = outcomeOf(input.confirmationToken);
  const request = { selections, currency: purchase.currency, customer: purchase.buyer, pricedAt };
  switch (outcome) {
    case 'insufficient_funds':
    case 'card_declined':
      throw declineFor(outcome);
    case 'threeds': {
      const intent = createPaymentIntent(context.store, checkout.id, purchase, request, 'requires_action', now);
      checkout.paymentIntentIds.push(intent.id);
      checkout.updatedAt = now;
      return {
        status: 'requires_action',
        checkoutId: checkout.id,
        paymentIntentId: intent.id,
        clientSecret: intent.clientSecret,
        amountDue: purchase.amountDue,
        currency: purchase.currency,
      };
    }
    case 'succeeds': {
      const intent = createPaymentIntent(context.store, checkout.id, purchase, request, 'succeeded', now);
      checkout.paymentIntentIds.push(intent.id);
      intent.settlement = fulfil(context, checkout, purchase, intent.id);
      return { status: 'succeeded', settlement: intent.settlement };
    }
  }
}

/** The processor gives the payment back; the merchant reads it on the checkout's `refunds`. */
function recordRefund(intent: PaymentIntentRecord, reason: RefundRecord['reason'], now: Date): void {
  const { amountDue, currency } = intent.purchase;
  intent.refund = { amount: amountDue, currency, reason, createdAt: now };
}

/** What the buyer of a refunded payment is told, in words. */
function refundedError(refund: RefundRecord): ApiError {
  const amount = formatMoney(refund.amount, refund.currency, 'en');
  return new ApiError(
    409,
    'payment_refunded',
    refund.reason === 'amount_changed'
      ? `The price changed while your bank was confirming the payment, so it was not taken: your ${amount} was refunded. Review the new price and pay again.`
      : `This checkout ended while your bank was confirming the payment, so it was not taken: your ${amount} was refunded.`,
    { extra: { refundReason: refund.reason } },
  );
}

/**
 * Settles a payment the instant the bank confirms it, as a Stripe-backed server does on
 * `payment_intent.succeeded` rather than on the browser's word: a buyer who closes the tab after
 * the challenge has their order all the same. The order is made at the price the buyer confirmed
 * (priced again at that instant, against the subscription as it is now), or, where it no longer
 * can be, the payment is refunded. Returns the settlement, or null when refunded (both are kept on
 * the intent, where finalize reads them).
 */
export function settleConfirmed(context: ServiceContext, checkout: CheckoutRecord, intent: PaymentIntentRecord): Settlement | null {
  const now = context.clock.now();
  // A payment confirmed after the checkout expired is honoured (it started while it was open);
  // one the merchant archived, or that another payment completed first, cannot be.
  const status = statusOf(checkout, now);
  if (status === 'archived' || status === 'completed') {
    recordRefund(intent, 'checkout_closed', now);
    return null;
  }
  const input: CompleteInput = {
    selections: intent.request.selections,
    currency: intent.request.currency,
    customer: intent.request.customer,
    confirmationToken: '',
    returnUrl: '',
    amountShown: intent.purchase.amountShown,
    replacesPaymentIntentId: null,
  };
  let repriced: Purchase | null = null;
  try {
    // At the instant it was priced: a change of the subscription since then shows, the clock does not.
    const { pricedAt } = intent.request;
    const { products, summary, buyerNeeded } = priceOrder(context, checkout, input, pricedAt);
    repriced = summary.hasChanges ? purchaseOf(products, summary, input, buyerNeeded, pricedAt) : null;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
  if (!repriced || repriced.amountDue !== intent.purchase.amountDue) {
    recordRefund(intent, 'amount_changed', now);
    return null;
  }
  intent.settlement = fulfil(context, checkout, repriced, intent.id);
  return intent.settlement;
}

/**
 * Which payment a finalize means. Ours: the client names it (`payment_intent_id`, which only its
 * buyer was given). Paid's client sends `{}`: then the one payment of a single-use link (which
 * only one buyer can have started), the one in 3-D Secure or else its last; on a reusable link,
 * where several buyers may pay, nobody's is guessed.
 */
function paymentToFinalize(store: Store, checkout: CheckoutRecord, named: string | null): PaymentIntentRecord {
  if (named !== null) {
    const intent = store.paymentIntents.get(named);
    if (!intent || intent.checkoutId !== checkout.id) throw new ApiError(404, 'not_found', 'No such payment on this checkout.');
    return intent;
  }
  const payments = paymentIntentsOf(store, checkout);
  const underWay = paymentsUnderWay(store, checkout);
  const only = checkout.singleUse && underWay.length <= 1 ? (underWay[0] ?? payments.at(-1)) : undefined;
  if (only) return only;
  if (payments.length === 0) throw new ApiError(409, 'no_pending_payment', 'There is no payment waiting to be finalized.');
  throw new ApiError(409, 'payment_intent_required', 'Several buyers may be paying with this link: name your payment with payment_intent_id.');
}

/**
 * Tells the buyer how their payment ended after 3-D Secure. It changes nothing: the payment was
 * settled (or refunded) when the bank confirmed it, so finalize answers the same however often,
 * and never makes an order.
 */
export function finalizeCheckout(context: ServiceContext, checkout: CheckoutRecord, paymentIntentId: string | null = null): PaymentOutcome {
  const intent = paymentToFinalize(context.store, checkout, paymentIntentId);
  if (intent.settlement) return { status: 'succeeded', settlement: intent.settlement };
  if (intent.refund) throw refundedError(intent.refund);
  switch (intent.state) {
    case 'requires_action':
      assertActive(checkout, context.clock.now());
      throw new ApiError(409, 'requires_action', 'The payment still needs 3-D Secure authentication.');
    case 'failed':
      throw authenticationFailed();
    case 'succeeded':
      throw new Error(`payment ${intent.id} was confirmed but neither settled nor refunded`);
  }
}
