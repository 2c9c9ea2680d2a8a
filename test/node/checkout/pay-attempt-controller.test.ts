// PayAttemptController against a fake host holding a real session and real choices, stand-in Stripe
// fields, and complete/finalize requests the test answers: one payment from Pay to each outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StripeError } from '@stripe/stripe-js';
import type { CompleteRequest, PublicCheckout } from '../../../src/api/schemas.ts';
import { quoteAnswer } from '../../../src/api/schemas.ts';
import { completeBodyOf, taxQuoteOf, type PaymentResult, type PaymentSucceeded } from '../../../src/api/wire.ts';
import { taxedSummary } from '../../../src/checkout/taxed-summary.ts';
import { quoteData } from '../api/answers.ts';
import { CheckoutError } from '../../../src/errors.ts';
import { resolveSelections } from '../../../src/pricing/selection.ts';
import { summarize } from '../../../src/pricing/summary.ts';
import { ChoicesController, type ChoicesHost } from '../../../src/checkout/choices-controller.ts';
import { emptyCustomer, fieldsToCollect } from '../../../src/checkout/customer-form.ts';
import { PayAttemptController, type PayingHost } from '../../../src/checkout/pay-attempt-controller.ts';
import { AttemptStore } from '../../../src/checkout/attempt-store.ts';
import { newAttempt } from '../../../src/checkout/attempt.ts';
import { appOnBasic, checkoutSession, FakeElement, settle, type Mutable } from './fixtures.ts';
import { standInFields } from './stripe-fields.ts';
import type { PaidCheckoutCompleteDetail } from '../../../src/events.ts';

// The controller names this page as the bank's return URL.
const pageUrl = 'https://shop.example/pricing?plan=pro';
Object.defineProperty(globalThis, 'location', { value: { href: pageUrl }, configurable: true });

interface Sent<T> {
  args: T;
  resolve: (answer: PaymentResult) => void;
  reject: (error: unknown) => void;
}

/** A controller on a fake host; its tab keeps what it keeps in a storage of its own unless `store` is given (nothing leaks between tests). */
function setup(
  session: PublicCheckout = checkoutSession(),
  options: {
    now?: string;
    store?: AttemptStore;
    loadReader?: () => Promise<typeof import('../../../src/checkout/resume-reader.ts')>;
    sessions?: PublicCheckout[];
    /** What a read of another checkout fails with (its answer lost, say) instead of answering. */
    readFails?: CheckoutError;
    /** A read of another checkout never answers: it ends only when its signal aborts it. */
    readHangs?: boolean;
  } = {},
) {
  // Its `checkout-id`: a test that changes the checkout shown sets it too, as the page would.
  const element = Object.assign(new FakeElement(), { checkoutId: session.id as string | null });
  const log: string[] = [];
  const completes: Array<Sent<{ apiBase: string; checkoutId: string; request: CompleteRequest; key: string }>> = [];
  const finalizes: Array<Sent<{ paymentIntentId: string | null; key: string }>> = [];
  /** The sessions read besides the page's own (another checkout's payment made on this page). */
  const reads: string[] = [];
  /** How each of those was read: its retries and clock. */
  const readOptions: Array<{ retryDelays?: readonly number[]; now: () => number; signal?: AbortSignal }> = [];
  /** The reads beside the session's own (sideRead), as the session controller cuts them short: at stop(). */
  const sideReads: Array<AbortController & { settled: boolean }> = [];
  /** What was priced at each orderChanged: the coordinator gives it to Stripe's fields and asks the quote again. */
  const orderChanges: number[] = [];
  /** What the payment under way charged each time Stripe's amount was told to follow (null: none under way). */
  const dueChanges: Array<number | null> = [];
  /** What the coordinator's quote controller was asked to do. */
  const quoteCalls: string[] = [];
  const announced: string[] = [];
  const reported: CheckoutError[] = [];
  const failed: CheckoutError[] = [];
  const focused: string[] = [];
  const navigated: string[] = [];
  /** Stripe's fields: what they answer next is the test's to set (`answers`); each call is logged. */
  const stripe = standInFields(log);
  const { fields, answers } = stripe;
  const clock = { now: Date.parse(options.now ?? '2030-01-11T00:00:00Z') };

  const host: Mutable<PayingHost & ChoicesHost> = {
    phase: { kind: 'ready' },
    payError: null,
    fieldProblems: new Map(),
    checkout: session,
    currencies: [],
    currency: '',
    selections: [],
    priced: null,
    // The coordinator lays the tax quote over the local summary; with none in play it is the local one.
    get summary() {
      return host.priced;
    },
    customer: { ...emptyCustomer(), name: 'Ada Lovelace', email: 'ada@example.com' },
    collectFields: fieldsToCollect(session.collect),
    paymentStatus: 'ready',
    get editable() {
      return host.phase.kind === 'ready' && !paying.pending;
    },
    element: element as unknown as PayingHost['element'],
    session: {
      apiBase: 'http://localhost:4000',
      now: () => clock.now,
      // The element's sessionRetryDelays and clock hook, as the session controller reads with them.
      options: { retryDelays: () => [11, 22], now: elementClock },
      setServerTime: (serverTime) => {
        log.push(`setServerTime ${serverTime}`);
        if (serverTime) clock.now = Date.parse(serverTime);
      },
      stop: () => {
        log.push('session.stop');
        for (const side of sideReads) side.abort();
      },
      sideRead: () => {
        const side = Object.assign(new AbortController(), { settled: false });
        sideReads.push(side);
        return { signal: side.signal, done: () => void (side.settled = true) };
      },
    },
    payments: { fields, whenReady: async () => fields, stop: () => log.push('payments.stop') },
    choices: { reprice: () => choices.reprice(), order: () => choices.order(), tell: (before) => choices.tell(before) },
    tax: { quote: { status: 'none' }, retry: () => quoteCalls.push('retry'), stop: () => quoteCalls.push('stop') },
    orderChanged: () => orderChanges.push(host.priced!.amountDueToday),
    taxChanged: () => dueChanges.push(paying.charging),
    t: (key) => key,
    announce: (text) => announced.push(typeof text === 'string' ? text : text()),
    report: (error) => reported.push(error),
    // The coordinator's join, in short: the refund's code before the error's words.
    afterRefund: (refund, error) => (refund ? new CheckoutError(error.code, { detail: `${refund.code}: ${error.detail ?? error.code}`, recoverable: error.recoverable }) : error),
    fail: (error) => failed.push(error),
    load: () => log.push('load'),
    reread: () => log.push('reread'),
    focusWhenRendered: (target) => focused.push(target),
    // In the page: a success with nothing else to say leaves by itself.
    connected: true,
    navigate: (url) => {
      log.push(`navigate ${url}`);
      navigated.push(url);
    },
    showForm: () => {
      log.push(`showForm ${host.checkout!.id}`.trim());
      host.phase = { kind: 'ready' };
    },
    resuming: () => log.push('resuming'),
    restoreOrder: () => choices.start(),
  };
  const choices = new ChoicesController(host);
  const paying = new PayAttemptController(host, {
    complete: (apiBase, checkoutId, request, key) =>
      new Promise((resolve, reject) => completes.push({ args: { apiBase, checkoutId, request, key }, resolve, reject })),
    finalize: (_apiBase, _checkoutId, paymentIntentId, key) =>
      new Promise((resolve, reject) =>
        finalizes.push({ args: { paymentIntentId, key }, resolve: (answer) => resolve(answer as PaymentSucceeded), reject }),
      ),
    read: async (_apiBase, checkoutId, { retryDelays, now, signal }) => {
      reads.push(checkoutId);
      readOptions.push({ retryDelays, now, signal });
      if (options.readFails) throw options.readFails;
      if (options.readHangs) await new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
      const found = options.sessions?.find((candidate) => candidate.id === checkoutId);
      if (!found) throw new CheckoutError('not_found');
      return { body: found, receivedAt: clock.now };
    },
  }, options.store ?? tabStorage().store, options.loadReader);
  assert.equal(choices.start(), true);
  return {
    host,
    choices,
    paying,
    element,
    log,
    completes,
    finalizes,
    reads,
    readOptions,
    sideReads,
    orderChanges,
    dueChanges,
    quoteCalls,
    announced,
    reported,
    failed,
    focused,
    navigated,
    answers,
    get tokens() {
      return stripe.tokens;
    },
  };
}

/** A paid answer as the API client reads it; no redirect of the server's own. */
function paid(): PaymentSucceeded {
  return {
    status: 'succeeded',
    orderId: 'ord_1',
    invoiceId: 'inv_1',
    redirectUrl: null,
    paymentIntent: { id: 'pi_1', status: 'succeeded', clientSecret: null },
    checkoutId: 'chk_abc',
    customerId: 'cus_1',
    amountDue: 2000,
    currency: 'usd',
  };
}

/** An answer waiting for 3-D Secure on payment `id`. */
function requiresAction(id: string): PaymentResult {
  return { status: 'requires_action', paymentIntent: { id, status: 'requires_action', clientSecret: `${id}_secret` } };
}

/** Pay pressed, and everything before complete done: the request is on its way. */
async function payUntilComplete(t: ReturnType<typeof setup>) {
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 1, 'complete was sent');
  return t.completes[0]!;
}

/**
 * Pay over the payment left unfinished (`id`): it first asks how that payment ended (finalize,
 * naming it, under a key of its own) and sends nothing else until answered. `answer` (by default:
 * the bank never confirmed it) lets the complete go.
 */
async function payAskingFirst(t: ReturnType<typeof setup>, id: string, answer: CheckoutError | PaymentSucceeded = new CheckoutError('payment_not_finished', { recoverable: true })) {
  const asked = t.finalizes.length;
  const sent = t.completes.length;
  t.paying.pay();
  await until(() => t.finalizes.length > asked);
  await settle();
  const question = t.finalizes.at(-1)!;
  assert.equal(question.args.paymentIntentId, id, 'asks how the payment it replaces ended');
  assert.equal(t.completes.length, sent, 'nothing sent before it is answered');
  assert.ok(!t.completes.some((complete) => complete.args.key === question.args.key), 'a key of its own');
  if (answer instanceof CheckoutError) question.reject(answer);
  else question.resolve(answer);
  await settle();
}

/** A success paid by the payment the Pay replaced: it says nothing more was charged, and stays until its link is followed. */
function assertEarlierSuccessStays(t: ReturnType<typeof setup>): void {
  const { phase } = t.host;
  assert.equal(phase.kind === 'succeeded' && phase.earlier && phase.held, true, 'says nothing more was charged, and stays');
  assert.equal(t.announced.at(-1), 'status.succeeded success.earlier', 'and the live region says so');
  assert.equal(t.navigated.length, 0);
  const focused = t.focused.length;
  t.paying.leave();
  assert.equal(t.navigated.length, 1, 'its link leaves');
  // The link goes with the focus it had: the success takes it back, and the live region says it leaves.
  assert.equal(t.announced.at(-1), 'success.redirecting');
  assert.deepEqual(t.focused.slice(focused), ['view']);
}

/** The element's clock hook, as the fake host's session reads with it. */
const elementClock = () => Date.parse('2030-01-11T00:00:00Z');

const codes = (errors: readonly CheckoutError[]) => errors.map((error) => error.code);

test('Pay submits Stripe’s fields and shows the payment under way before anything is awaited', () => {
  const t = setup();
  t.host.payError = new CheckoutError('card_declined', { recoverable: true });
  t.paying.pay();
  assert.deepEqual(t.log, ['submit']);
  assert.deepEqual(t.host.phase, { kind: 'paying' });
  assert.equal(t.host.payError, null);
  assert.deepEqual(t.announced, ['status.processing']);
});

test('a second Pay while the first is paying sends nothing more', async () => {
  const t = setup();
  t.paying.pay();
  t.paying.pay();
  t.paying.resend();
  await settle();
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 1);
  assert.equal(t.log.filter((line) => line === 'submit').length, 1);
  assert.equal(t.tokens, 1);
});

test('Pay before there is anything to pay with or for (Stripe’s fields loading or gone, no order priced, no checkout) starts nothing: no submit, no token, the form as it was', async () => {
  const unready: Array<[string, (host: ReturnType<typeof setup>['host']) => void]> = [
    ['fields loading', (host) => void (host.paymentStatus = 'loading')],
    ['fields unavailable', (host) => void (host.paymentStatus = 'unavailable')],
    ['no fields', (host) => void (host.payments = { ...host.payments, fields: null })],
    ['no order priced', (host) => void (host.priced = null)],
    ['no checkout', (host) => void (host.checkout = null)],
  ];
  for (const [what, make] of unready) {
    const t = setup();
    make(t.host);
    t.paying.pay();
    await settle();
    assert.deepEqual(t.host.phase, { kind: 'ready' }, what);
    assert.deepEqual(t.log, [], what);
    assert.equal(t.completes.length, 0, what);
  }
});

test('Pay with nothing changed says no_change beside the button and submits nothing', async () => {
  const t = setup(checkoutSession({ products: [appOnBasic] }));
  assert.equal(t.host.summary?.hasChanges, false);
  const updates = t.element.updates;
  t.paying.pay();
  await settle();
  assert.equal(t.host.payError?.code, 'no_change');
  assert.equal(t.host.payError?.recoverable, true);
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.element.updates, updates + 1);
  assert.deepEqual(t.log, []);
  assert.equal(t.completes.length, 0);
});

test('customer fields with a problem put the form back, tell the page validation_error and focus the first of them, sending nothing', async () => {
  const t = setup();
  t.host.customer = { ...t.host.customer, name: ' ', email: 'ada@' };
  t.paying.pay();
  await settle();
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.deepEqual([...t.host.fieldProblems.keys()], ['name', 'email']);
  assert.deepEqual(t.announced, ['status.processing', 'error.validation_error']);
  assert.deepEqual(codes(t.reported), ['validation_error']);
  assert.equal(t.reported[0]?.recoverable, true, 'the page hears it can be put right');
  assert.deepEqual(t.focused, ['name']);
  assert.deepEqual(t.log, ['submit']);
  assert.equal(t.completes.length, 0);
});

test('Stripe refusing its own fields puts the form back with Stripe’s words and focuses the fields once rendered', async () => {
  const t = setup();
  t.answers.submit = { error: { type: 'validation_error', message: 'Your card number is incomplete.' } as StripeError };
  t.paying.pay();
  await settle();
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.deepEqual(codes(t.reported), ['validation_error']);
  assert.equal(t.reported[0]?.detail, 'Your card number is incomplete.');
  assert.deepEqual(t.log, ['submit', 'fields.focus']);
  assert.equal(t.completes.length, 0);
});

test('a token Stripe refuses is card_declined for the card (its fields take focus), else validation_error, with Stripe’s words beside the fields; recoverable, and nothing is sent', async () => {
  const refusals = [
    { type: 'card_error', message: 'Your card has expired.', code: 'card_declined', focused: true },
    { type: 'invalid_request_error', message: 'The payment method is not available.', code: 'validation_error', focused: false },
  ] as const;
  for (const { type, message, code, focused } of refusals) {
    const t = setup();
    t.answers.tokenError = { type, message } as StripeError;
    t.paying.pay();
    await settle();
    assert.deepEqual(t.host.phase, { kind: 'ready' }, type);
    assert.equal(t.host.payError?.code, code, type);
    assert.equal(t.host.payError?.detail, message, type);
    assert.equal(t.host.payError?.recoverable, true, type);
    assert.deepEqual(codes(t.reported), [code], type);
    if (focused) assert.equal(t.log.at(-1), 'fields.focus', type);
    assert.equal(t.completes.length, 0, type);
    assert.equal(t.paying.pending, false, type);
  }
});

test('Stripe.js throwing where it should answer (checking the fields, or making the token) charges nothing: the form is back saying validation_error with its words', async () => {
  for (const step of ['submit', 'createToken'] as const) {
    const t = setup();
    Object.assign(t.host.payments.fields!, { [step]: () => Promise.reject(new Error(`${step} failed`)) });
    t.paying.pay();
    await settle();
    assert.deepEqual(t.host.phase, { kind: 'ready' }, step);
    assert.deepEqual(codes(t.reported), ['validation_error'], step);
    assert.equal(t.reported[0]!.detail, `${step} failed`);
    assert.equal(t.completes.length, 0, step);
  }
});

test('Pay sends what the customer chose, who they are, Stripe’s token, this page to come back to and the amount shown', async () => {
  const t = setup();
  t.choices.setQuantity('prod_seats', 3);
  const sent = await payUntilComplete(t);
  // This page, naming the checkout: the bank's return may come to it showing another one.
  assert.equal(t.log[1], `createToken ${pageUrl}&paid_checkout_id=chk_abc`);
  assert.equal(sent.args.apiBase, 'http://localhost:4000');
  assert.equal(sent.args.checkoutId, 'chk_abc');
  assert.deepEqual(sent.args.request, {
    selections: [
      { productId: 'prod_app', planId: 'plan_basic', quantity: 1 },
      { productId: 'prod_seats', planId: 'plan_team', quantity: 3 },
    ],
    currency: 'usd',
    customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: null, address: null },
    confirmationToken: 'ctoken_1',
    returnUrl: `${pageUrl}&paid_checkout_id=chk_abc`,
    amountDue: 1000 + 3 * 500,
  });
});

test('a paid answer stops the session and the fields, shows the order, tells the page by a cancelable paid-checkout-complete, then leaves for the success URL', async () => {
  const t = setup();
  const completed = t.element.record('paid-checkout-complete', (event) => t.log.push(`complete ${event.cancelable}`));
  const sent = await payUntilComplete(t);
  sent.resolve(paid());
  await settle();
  const redirectUrl = 'https://shop.example/thanks?c=chk_abc';
  assert.deepEqual(t.log.slice(2), ['session.stop', 'payments.stop', 'complete true', `navigate ${redirectUrl}`]);
  assert.ok(t.host.phase.kind === 'succeeded');
  assert.equal(t.host.phase.detail.orderId, 'ord_1');
  assert.equal(t.host.phase.detail.redirectUrl, redirectUrl);
  assert.equal(t.host.phase.navigating, true);
  assert.equal(completed[0]?.detail, t.host.phase.detail);
  assert.equal(t.announced.at(-1), 'status.succeeded');
  assert.deepEqual(t.focused, ['view']);
  assert.equal(t.paying.pending, false);
});

test('a paid answer with no success URL the element may open (the checkout’s refused, none of the server’s) keeps the success on screen, says unsafe_url, and leaves for nowhere', async () => {
  const t = setup();
  // Past the schema, which refuses it: the success still never opens it.
  t.host.checkout = { ...t.host.checkout!, successUrl: 'javascript:alert(1)' };
  const sent = await payUntilComplete(t);
  sent.resolve(paid());
  await settle();
  const { phase } = t.host;
  assert.ok(phase.kind === 'succeeded');
  assert.equal(phase.detail.orderId, 'ord_1');
  assert.equal(phase.error?.code, 'unsafe_url');
  assert.equal(phase.held, false, 'no link to follow');
  assert.deepEqual(codes(t.reported), ['unsafe_url']);
  t.paying.leave();
  assert.deepEqual(t.navigated, []);
});

test('a Pay over a payment left unfinished that is paid by its own new payment (or by none, costing nothing today) is its own success, never one that says nothing more was charged', async () => {
  for (const paymentIntent of [paid().paymentIntent, null]) {
    const tab = tabStorage();
    tab.store.leave('chk_abc', 'pi_left');
    const t = setup(checkoutSession(), { store: tab.store });
    await payAskingFirst(t, 'pi_left');
    assert.equal(t.completes[0]!.args.request.replacesPaymentIntentId, 'pi_left');
    t.completes[0]!.resolve({ ...paid(), paymentIntent });
    await settle();
    const { phase } = t.host;
    assert.ok(phase.kind === 'succeeded', String(paymentIntent?.id));
    assert.equal(phase.earlier, false, String(paymentIntent?.id));
    assert.equal(t.announced.at(-1), 'status.succeeded');
    assert.equal(t.navigated.length, 1, 'it leaves for its success URL');
  }
});

test('a page that cancels paid-checkout-complete keeps the buyer here', async () => {
  const t = setup();
  t.element.record('paid-checkout-complete', (event) => event.preventDefault());
  const sent = await payUntilComplete(t);
  sent.resolve(paid());
  await settle();
  assert.deepEqual(t.navigated, []);
  assert.ok(t.host.phase.kind === 'succeeded');
  assert.equal(t.host.phase.navigating, false);
});

test('Try again while the payment it resends is still on its way sends nothing more: one complete', async () => {
  const t = setup();
  await payUntilComplete(t);
  t.paying.resend();
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 1);
  assert.deepEqual(t.host.phase, { kind: 'paying' });
});

test('a lost answer keeps the attempt: the form is back with the error, and Pay sends it again with the same key and token', async () => {
  const t = setup();
  const first = await payUntilComplete(t);
  const lost = new CheckoutError('network_error', { recoverable: true });
  first.reject(lost);
  await settle();
  assert.equal(t.paying.pending, true);
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.host.payError, lost);
  assert.deepEqual(t.reported, [lost]);
  assert.equal(t.host.fieldProblems.size, 0);
  assert.equal(t.announced.at(-1), '');
  // Its button, disabled while paying, lost the focus: it takes it back, now saying Try again.
  assert.equal(t.focused.at(-1), 'pay');

  t.paying.pay();
  assert.deepEqual(t.host.phase, { kind: 'paying' });
  assert.equal(t.host.payError, null);
  await settle();
  assert.equal(t.completes.length, 2);
  t.completes[1]!.reject(new TypeError('fetch failed'));
  await settle();
  assert.equal(t.paying.pending, true);
  t.paying.resend();
  await settle();
  assert.equal(t.completes.length, 3);
  for (const again of t.completes.slice(1)) {
    assert.equal(again.args.key, first.args.key);
    assert.deepEqual(again.args.request, first.args.request);
  }
  assert.equal(t.tokens, 1);
  assert.equal(t.log.filter((line) => line === 'submit').length, 1);
});

test('a declined card ends the attempt, says why beside the fields and focuses them; the next Pay is a new attempt', async () => {
  const t = setup();
  const first = await payUntilComplete(t);
  const declined = new CheckoutError('card_declined', { recoverable: true, detail: 'Your card was declined.' });
  first.reject(declined);
  await settle();
  assert.equal(t.paying.pending, false);
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.host.payError, declined);
  assert.deepEqual(t.reported, [declined]);
  assert.equal(t.announced.at(-1), '', 'the status region hushed: the alert beside the fields says it');
  assert.equal(t.log.at(-1), 'fields.focus');
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 2);
  assert.notEqual(t.completes[1]!.args.key, first.args.key);
  assert.equal(t.completes[1]!.args.request.confirmationToken, 'ctoken_2');
});

test('the server refusing the customer’s email puts its problem under that field and focuses it', async () => {
  const t = setup();
  const sent = await payUntilComplete(t);
  sent.reject(new CheckoutError('validation_error', { recoverable: true, field: 'customer.email' }));
  await settle();
  assert.deepEqual([...t.host.fieldProblems], [['email', { key: 'invalid.email' }]]);
  assert.equal(t.host.payError, null);
  assert.deepEqual(t.focused, ['email']);
  assert.equal(t.announced.at(-1), 'error.validation_error');
  assert.deepEqual(codes(t.reported), ['validation_error']);
  assert.equal(t.paying.pending, false);
});

test('the server refusing a field the form does not ask for says so beside the payment fields', async () => {
  const t = setup();
  const sent = await payUntilComplete(t);
  const refused = new CheckoutError('validation_error', { recoverable: true, field: 'customer.phone' });
  sent.reject(refused);
  await settle();
  assert.equal(t.host.fieldProblems.size, 0);
  assert.equal(t.host.payError, refused);
  // The pay button, disabled while paying, takes back the focus it lost.
  assert.deepEqual(t.focused, ['pay']);
});

test('amount_changed with a quote that the server’s clock reprices to keeps the customer on the form with the new amount, and the next Pay sends it', async () => {
  // An upgrade from basic to pro is prorated by the time left in the period: the amount moves with the clock.
  const t = setup(checkoutSession({ products: [appOnBasic] }), { now: '2030-01-11T00:00:00Z' });
  t.choices.choosePlan('prod_app', 'plan_pro');
  const shown = t.host.summary!.amountDueToday;
  const serverTime = '2030-01-16T00:00:00Z';
  const resolved = resolveSelections(t.host.checkout!.products, t.host.selections, 'usd');
  assert.ok(resolved.ok);
  const quoted = summarize(resolved.resolved, 'usd', new Date(serverTime)).amountDueToday;
  assert.notEqual(quoted, shown);

  const sent = await payUntilComplete(t);
  assert.equal(sent.args.request.amountDue, shown);
  sent.reject(new CheckoutError('amount_changed', { recoverable: true, quote: { amountDue: quoted, serverTime } }));
  await settle();
  assert.ok(t.log.includes(`setServerTime ${serverTime}`));
  assert.equal(t.host.summary?.amountDueToday, quoted);
  assert.equal(t.orderChanges.at(-1), quoted);
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.host.payError?.code, 'amount_changed');
  assert.equal(t.log.includes('load'), false);
  assert.equal(t.paying.pending, false);

  t.paying.pay();
  await settle();
  assert.equal(t.completes[1]?.args.request.amountDue, quoted);
});

test('amount_changed with a quote that repricing does not reach reads the session again', async () => {
  const t = setup();
  const sent = await payUntilComplete(t);
  const shown = sent.args.request.amountDue;
  sent.reject(new CheckoutError('amount_changed', { recoverable: true, quote: { amountDue: shown + 1, serverTime: '2030-01-11T00:00:05Z' } }));
  await settle();
  assert.equal(t.log.at(-1), 'load');
  assert.equal(t.paying.pending, false);
  assert.deepEqual(t.reported, []);
  assert.deepEqual(t.quoteCalls, []);
});

test('the complete request names the prices of the read the summary was priced from (its pricesVersion), and is sent on the wire as prices_version', async () => {
  const t = setup(checkoutSession({ pricesVersion: '0123456789abcdef' }));
  const sent = await payUntilComplete(t);
  assert.equal(sent.args.request.pricesVersion, '0123456789abcdef');
  assert.equal(completeBodyOf(sent.args.request).prices_version, '0123456789abcdef');
});

test('with a tax quote laid over the summary, the complete body names the quote’s prices_version, beside its amount', async () => {
  const t = setup(checkoutSession({ pricesVersion: '0123456789abcdef' }));
  const quote = taxQuoteOf(quoteAnswer.parse({ success: true, data: quoteData({ amount: 2380, prices_version: 'fedcba9876543210' }) }));
  Object.defineProperty(t.host, 'summary', { get: () => taxedSummary(t.host.priced!, { status: 'ready', quote }) });
  const sent = await payUntilComplete(t);
  const body = completeBodyOf(sent.args.request);
  assert.equal(body.amount_due, 2380);
  assert.equal(body.prices_version, 'fedcba9876543210');
});

test('a backend without prices versions gets no prices_version key', async () => {
  const t = setup();
  const sent = await payUntilComplete(t);
  assert.equal('pricesVersion' in sent.args.request, false);
  assert.equal('prices_version' in completeBodyOf(sent.args.request), false);
});

test('amount_changed for the very amount sent (the merchant edited the prices shown: a downgrade costs 0 today at any price) reads the session again under the form, says so, and the next Pay names the new prices', async () => {
  const t = setup(checkoutSession({ pricesVersion: '0123456789abcdef' }));
  const customer = t.host.customer;
  const selections = t.host.selections;
  const sent = await payUntilComplete(t);
  const shown = sent.args.request.amountDue;
  const refused = new CheckoutError('amount_changed', { recoverable: true, quote: { amountDue: shown, serverTime: '2030-01-11T00:00:05Z' } });
  sent.reject(refused);
  await settle();
  // Pricing again by the server's clock could only give the same amount, and Pay the same refusal.
  assert.equal(t.log.filter((line) => line === 'reread').length, 1);
  assert.equal(t.log.includes('load'), false);
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.paying.pending, false, 'the refused attempt is dropped: the next Pay is a new one');
  assert.equal(t.host.payError, refused);
  assert.equal(t.host.customer, customer);
  assert.equal(t.host.selections, selections);
  assert.deepEqual(codes(t.reported), ['amount_changed']);
  // The coordinator's read under the form: the session with the merchant's new prices.
  (t.host as { checkout: PublicCheckout }).checkout = checkoutSession({ pricesVersion: 'aaaaaaaaaaaaaaaa' });
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 2);
  assert.equal(t.completes[1]!.args.request.pricesVersion, 'aaaaaaaaaaaaaaaa');
  assert.notEqual(t.completes[1]!.args.key, sent.args.key, 'a new attempt');
});

test('amount_changed while a tax quote is in play asks the quote again once and keeps the customer on the form, without reading the session again', async () => {
  const t = setup();
  (t.host.tax as { quote: { status: string } }).quote = { status: 'ready' };
  const customer = t.host.customer;
  const sent = await payUntilComplete(t);
  // The server's amount with tax is one the local summary never reaches: the quote says it.
  const serverTime = '2030-01-11T00:00:05Z';
  sent.reject(new CheckoutError('amount_changed', { recoverable: true, quote: { amountDue: sent.args.request.amountDue + 417, serverTime } }));
  await settle();
  assert.deepEqual(t.quoteCalls, ['retry']);
  assert.ok(t.log.includes(`setServerTime ${serverTime}`));
  assert.equal(t.log.includes('load'), false);
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.host.customer, customer);
  assert.equal(t.host.fieldProblems.size, 0);
  assert.equal(t.host.payError?.code, 'amount_changed');
  assert.equal(t.paying.pending, false);
});

test('a paid answer stops asking for tax quotes', async () => {
  const t = setup();
  (t.host.tax as { quote: { status: string } }).quote = { status: 'ready' };
  const sent = await payUntilComplete(t);
  assert.deepEqual(t.quoteCalls, []);
  sent.resolve(paid());
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded');
  assert.deepEqual(t.quoteCalls, ['stop']);
});

test('a failed 3-D Secure challenge lets the customer pay again, and the next attempt names the payment it replaces', async () => {
  const t = setup();
  const first = await payUntilComplete(t);
  t.answers.nextAction = { error: { type: 'card_error', message: 'Authentication failed.' } as StripeError };
  first.resolve(requiresAction('pi_3ds'));
  await settle();
  assert.ok(t.log.includes('handleNextAction pi_3ds_secret'));
  assert.equal(t.host.payError?.code, 'authentication_failed');
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.log.at(-1), 'fields.focus');
  assert.equal(t.finalizes.length, 0);
  assert.equal(first.args.request.replacesPaymentIntentId, undefined);

  await payAskingFirst(t, 'pi_3ds');
  assert.equal(t.completes[1]?.args.request.replacesPaymentIntentId, 'pi_3ds');
});

test('a passed 3-D Secure challenge is finalized naming its payment, and the purchase succeeds', async () => {
  const t = setup();
  const first = await payUntilComplete(t);
  first.resolve(requiresAction('pi_3ds'));
  await settle();
  assert.equal(t.finalizes.length, 1);
  assert.equal(t.finalizes[0]!.args.paymentIntentId, 'pi_3ds');
  assert.notEqual(t.finalizes[0]!.args.key, first.args.key);
  t.finalizes[0]!.resolve(paid());
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded');
});

test('a 3-D Secure step whose answer was lost asks finalize, not the customer: a payment the bank confirmed is the success, once', async () => {
  const t = setup();
  const completed = t.element.record('paid-checkout-complete');
  const first = await payUntilComplete(t);
  t.answers.nextAction = { error: { type: 'api_connection_error', message: 'An error occurred with our connection to Stripe.' } as StripeError };
  first.resolve(requiresAction('pi_3ds'));
  await settle();
  assert.equal(t.finalizes.length, 1, 'finalize asks how it ended');
  assert.equal(t.finalizes[0]!.args.paymentIntentId, 'pi_3ds');
  assert.equal(t.host.payError, null, 'no refusal said');
  t.finalizes[0]!.resolve(paid());
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded');
  assert.equal(completed.length, 1);
  assert.equal(t.completes.length, 1, 'never charged again');
  assert.equal(t.paying.pending, false);
});

test('a 3-D Secure step whose answer was lost and that the bank never answered says so, nothing charged; the next Pay replaces it', async () => {
  const t = setup();
  const first = await payUntilComplete(t);
  t.answers.nextAction = { error: { type: 'api_connection_error' } as StripeError };
  first.resolve(requiresAction('pi_3ds'));
  await settle();
  t.finalizes[0]!.reject(new CheckoutError('payment_not_finished', { recoverable: true }));
  await settle();
  assert.equal(t.host.payError?.code, 'payment_not_finished');
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.paying.pending, false);
  await payAskingFirst(t, 'pi_3ds');
  assert.equal(t.completes.length, 2);
  assert.equal(t.completes[1]!.args.request.replacesPaymentIntentId, 'pi_3ds');
  assert.notEqual(t.completes[1]!.args.request.confirmationToken, first.args.request.confirmationToken);
});

test('a resend whose token’s payment failed or was refunded says nothing was kept, clears the kept attempt, and the next Pay is a new payment', async () => {
  const { store, items } = tabStorage();
  const t = setup(checkoutSession(), { store });
  const first = await payUntilComplete(t);
  assert.equal(items.size, 1, 'kept before it is sent');
  first.reject(new CheckoutError('network_error', { recoverable: true }));
  await settle();
  assert.equal(t.paying.pending, true);
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 2);
  assert.equal(t.completes[1]!.args.key, first.args.key, 'the resend is the same attempt');
  t.completes[1]!.reject(new CheckoutError('payment_not_kept', { recoverable: true }));
  await settle();
  assert.equal(t.host.payError?.code, 'payment_not_kept');
  assert.deepEqual(codes(t.failed), [], 'the form stays');
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.paying.pending, false);
  assert.equal(items.size, 0, 'the kept attempt is cleared');
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 3);
  const fresh = t.completes[2]!.args;
  assert.notEqual(fresh.key, first.args.key, 'new keys');
  assert.notEqual(fresh.request.confirmationToken, first.args.request.confirmationToken, 'a new token');
});

test('a refund whose checkout is still open reads the checkout again, then says the refund over its form: the customer may pay again', async () => {
  for (const reason of ['amount_changed', 'order_cancelled', 'fulfilment_failed'] as const) {
    const { store, items } = tabStorage();
    const t = setup(checkoutSession(), { store });
    const first = await payUntilComplete(t);
    first.resolve(requiresAction('pi_3ds'));
    await settle();
    const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason });
    t.finalizes[0]!.reject(refunded);
    await settle();
    assert.deepEqual(t.failed, [], `${reason}: no failed state`);
    assert.equal(t.log.at(-1), 'load', `${reason}: the checkout is read again (its price may have moved)`);
    // Until it is said, the tab keeps the refunded payment alone (no attempt): a removal or reload before the read answers still says it.
    assert.deepEqual([...items.keys()].map((key) => key.split(':')[1]), ['unfinished'], `${reason}: the refund kept until said`);
    // The coordinator's load: the pay controller is reset, and the session read shows it again.
    t.paying.reset();
    t.host.phase = { kind: 'loading' };
    t.paying.resume(t.host.checkout!);
    assert.deepEqual(t.host.phase, { kind: 'ready' });
    assert.equal(t.host.payError, refunded, reason);
    assert.deepEqual(codes(t.reported), ['payment_refunded'], 'told once');
    assert.equal(items.size, 0, `${reason}: said, nothing is kept`);
    t.paying.pay();
    await settle();
    assert.equal(t.completes.length, 2);
    assert.notEqual(t.completes[1]!.args.request.confirmationToken, first.args.request.confirmationToken);
    assert.equal(t.completes[1]!.args.request.replacesPaymentIntentId, undefined, 'nothing left to replace');
  }
});

test('a refund whose checkout ended meanwhile (read again) fails once, with the checkout’s own code, the refund said first', async () => {
  const t = setup();
  const first = await payUntilComplete(t);
  first.resolve(requiresAction('pi_3ds'));
  await settle();
  t.finalizes[0]!.reject(new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' }));
  await settle();
  t.paying.reset();
  t.host.phase = { kind: 'loading' };
  // The coordinator's showForm on a checkout no longer active: fail(expired), which says the refund
  // not yet said first (untoldRefund) and composes its words before the failure's own.
  t.host.showForm = () => {
    const untold = t.paying.untoldRefund();
    if (untold) t.reported.push(untold);
    t.failed.push(new CheckoutError('expired', { detail: untold ? `${untold.code} expired` : null }));
    t.reported.push(t.failed.at(-1)!);
  };
  t.paying.resume(t.host.checkout!);
  assert.deepEqual(codes(t.failed), ['expired'], 'one failure, with the checkout’s own code');
  assert.equal(t.failed[0]!.detail, 'payment_refunded expired', 'the refund said first');
  assert.deepEqual(codes(t.reported), ['payment_refunded', 'expired']);
});

test('a refund not yet said when the page shows another checkout (checkout-id changed before the read) is said over that one’s form, once', async () => {
  const t = setup();
  const first = await payUntilComplete(t);
  first.resolve(requiresAction('pi_3ds'));
  await settle();
  const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' });
  t.finalizes[0]!.reject(refunded);
  await settle();
  t.paying.reset();
  t.host.phase = { kind: 'loading' };
  t.paying.resume(checkoutSession({ id: 'chk_other' }));
  assert.equal(t.host.payError, refunded);
  assert.deepEqual(codes(t.reported), ['payment_refunded']);
  assert.equal(t.paying.untoldRefund(), null, 'said: nothing left to say');
});

test('a refund whose read fails is handed to the failed state (untoldRefund), once', async () => {
  const t = setup();
  const first = await payUntilComplete(t);
  first.resolve(requiresAction('pi_3ds'));
  await settle();
  const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' });
  t.finalizes[0]!.reject(refunded);
  await settle();
  t.paying.reset();
  assert.equal(t.paying.untoldRefund(), refunded);
  assert.equal(t.paying.untoldRefund(), null);
  t.paying.resume(t.host.checkout!);
  assert.equal(t.host.payError, null, 'not said again over the form read next');
});

test('a refund as the checkout ended (or its customer was deleted) closes the flow, in the failed state', async () => {
  for (const refunded of [new CheckoutError('payment_refunded'), new CheckoutError('payment_refunded', { reason: 'customer_deleted' })]) {
    const t = setup();
    const first = await payUntilComplete(t);
    first.resolve(requiresAction('pi_3ds'));
    await settle();
    t.finalizes[0]!.reject(refunded);
    await settle();
    assert.deepEqual(t.failed, [refunded]);
    assert.ok(!t.log.includes('load'));
  }
});

test('a reload after the bank approved a payment that was then refunded says the refund, not that the bank refused it', async () => {
  const t = await reloadedAtTheBank();
  await until(() => t.finalizes.length === 1);
  const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' });
  t.finalizes[0]!.reject(refunded);
  await settle();
  assert.equal(t.log.at(-1), 'load');
  t.paying.reset();
  t.host.phase = { kind: 'loading' };
  t.paying.resume(t.host.checkout!);
  assert.equal(t.host.payError, refunded);
});

test('a Pay that replaces a payment the bank had in fact confirmed is answered that payment (a replay): a normal success, once, the kept attempt cleared', async () => {
  const { store, items } = tabStorage();
  const t = setup(checkoutSession(), { store });
  const completed = t.element.record('paid-checkout-complete');
  const first = await payUntilComplete(t);
  // The bank's step ended without its answer, and finalize found the payment still waiting.
  t.answers.nextAction = { error: { type: 'api_connection_error' } as StripeError };
  first.resolve(requiresAction('pi_earlier'));
  await settle();
  t.finalizes[0]!.reject(new CheckoutError('payment_not_finished', { recoverable: true }));
  await settle();
  const unfinishedKey = `paid-checkout:unfinished:${t.host.checkout!.id}`;
  assert.deepEqual([...items.keys()], [unfinishedKey], 'the attempt cleared; its unfinished payment kept for the tab');
  // Not yet confirmed when asked (the bank confirms it just after): the complete names it.
  await payAskingFirst(t, 'pi_earlier');
  const second = t.completes[1]!;
  assert.equal(second.args.request.replacesPaymentIntentId, 'pi_earlier');
  assert.equal(items.size, 2, 'the new attempt is kept');
  // The bank confirmed pi_earlier meanwhile: the server answers its order, not a new charge.
  second.resolve({ ...paid(), paymentIntent: { id: 'pi_earlier', status: 'succeeded', clientSecret: null } });
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded');
  assert.equal(completed.length, 1);
  assert.equal(completed[0]!.detail.orderId, 'ord_1');
  assert.equal(items.size, 0, 'the kept attempt and the unfinished payment are cleared');
  assert.equal(t.paying.pending, false);
  assert.equal(t.finalizes.length, 2, 'nothing more asked');
  assertEarlierSuccessStays(t);
});

test('a reset while complete is in flight: a paid answer is told to the page without leaving (as after 3-D Secure), the phase stays', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  const completed = t.element.record('paid-checkout-complete');
  const sent = await payUntilComplete(t);
  assert.equal(tab.items.size, 1, 'kept before the answer');
  t.paying.reset();
  sent.resolve(paid());
  await settle();
  assert.equal(tab.items.size, 0, 'not kept: a later load on this page does not show it as its own success');
  assert.equal(completed.length, 1, 'the money was taken: the page learns of the order');
  assert.equal(completed[0]!.detail.orderId, 'ord_1');
  assert.deepEqual(
    completed[0]!.detail.lines.map((line) => [line.productId, line.quantity]),
    t.host.summary!.lines.map((line) => [line.productId, line.quantity]),
    'the form showed what was bought: its lines are named',
  );
  assert.ok(completed[0]!.detail.lines.length > 0);
  assert.equal(completed[0]!.cancelable, false);
  assert.deepEqual(t.host.phase, { kind: 'paying' });
  assert.deepEqual(t.navigated, []);
  assert.equal(t.log.includes('session.stop'), false);
  assert.equal(t.paying.pending, false);
});

test('a reset while complete is in flight drops an answer that took nothing: the phase stays and the page hears nothing', async () => {
  const t = setup();
  const completed = t.element.record('paid-checkout-complete');
  const errors = t.element.record('paid-checkout-error');
  const sent = await payUntilComplete(t);
  t.paying.reset();
  sent.reject(new CheckoutError('card_declined', { recoverable: true }));
  await settle();
  assert.deepEqual(t.host.phase, { kind: 'paying' });
  assert.deepEqual(completed, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(t.navigated, []);
});

test('a payment the bank confirmed before a reset is still finalized, and the page is told of it without leaving', async () => {
  const t = setup();
  const completed = t.element.record('paid-checkout-complete');
  const first = await payUntilComplete(t);
  first.resolve(requiresAction('pi_3ds'));
  await settle();
  t.paying.reset();
  t.finalizes[0]!.resolve(paid());
  await settle();
  assert.equal(completed.length, 1);
  assert.equal(completed[0]!.detail.orderId, 'ord_1');
  assert.equal(completed[0]!.cancelable, false);
  assert.deepEqual(t.host.phase, { kind: 'paying' });
  assert.deepEqual(t.navigated, []);
});

for (const [shown, moveOn] of [
  ['the next checkout’s form', async (t: ReturnType<typeof setup>) => {
    t.host.checkout = checkoutSession({ id: 'chk_other' });
    t.paying.resume(t.host.checkout);
    await until(() => t.log.includes('showForm chk_other'));
  }],
  ['nothing yet (the next checkout is being read)', async (t: ReturnType<typeof setup>) => {
    t.host.checkout = null;
  }],
  ['the next checkout’s success', async (t: ReturnType<typeof setup>) => {
    t.host.checkout = checkoutSession({ id: 'chk_other' });
    t.paying.resume(t.host.checkout);
    await until(() => t.log.includes('showForm chk_other'));
    t.paying.pay();
    await until(() => t.completes.length === 2);
    t.completes[1]!.resolve({ ...paid(), orderId: 'ord_other', checkoutId: 'chk_other', paymentIntent: { id: 'pi_other', status: 'succeeded', clientSecret: null } });
    await settle();
    assert.equal(t.host.phase.kind === 'succeeded' && t.host.phase.detail.orderId, 'ord_other');
  }],
] as const) {
  test(`a payment paid after checkout-id changed, with ${shown} in its place: the page is told of it (the money was taken), nothing of it is shown there, and it says the element does not navigate`, async () => {
    const t = setup();
    const completed = t.element.record('paid-checkout-complete');
    const sent = await payUntilComplete(t);
    // checkout-id changed: the coordinator's load() resets the payer, then shows the other checkout.
    t.paying.reset();
    t.host.phase = { kind: 'loading' };
    await moveOn(t);
    const phase = t.host.phase;
    const told = completed.length;
    const navigated = t.navigated.length;
    sent.resolve(paid());
    await settle();
    assert.equal(completed.length, told + 1, 'told');
    assert.equal(completed.at(-1)!.detail.checkoutId, 'chk_abc');
    assert.equal(completed.at(-1)!.detail.orderId, 'ord_1');
    assert.equal(completed.at(-1)!.detail.navigates, false, 'the page knows that the element does not leave for it');
    assert.deepEqual(t.host.phase, phase, 'what is shown stays');
    assert.equal(t.navigated.length, navigated);
  });
}

test('a payment kept by a reload after its checkout ended, then declined: the state says the checkout ended, never a form to pay again', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await payUntilComplete(before);
  before.paying.away(true);
  const after = setup(checkoutSession({ status: 'expired' }), { store: tab.store });
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.completes.length === 1);
  after.completes[0]!.reject(new CheckoutError('card_declined', { recoverable: true }));
  await settle();
  assert.deepEqual(codes(after.failed), ['expired']);
  assert.notEqual(after.host.phase.kind, 'ready');
  assert.equal(after.paying.pending, false);
});

test('a checkout that expired under the payment fails the form with expired', async () => {
  const t = setup();
  const sent = await payUntilComplete(t);
  sent.reject(new CheckoutError('expired'));
  await settle();
  assert.deepEqual(codes(t.failed), ['expired']);
  assert.equal(t.paying.pending, false);
  assert.deepEqual(t.reported, []);
});

test('paid-checkout-before-confirm tells the page what is bought and by whom: the form’s selections, the name and email as typed without their spaces, null when none is asked and none typed', () => {
  const t = setup();
  t.host.customer = { ...t.host.customer, name: '  Ada Lovelace ', email: ' ada@example.com  ' };
  const events = t.element.record('paid-checkout-before-confirm');
  t.paying.pay();
  assert.deepEqual(events[0]!.detail.selections, t.host.selections);
  assert.deepEqual(events[0]!.detail.customer, { name: 'Ada Lovelace', email: 'ada@example.com' });
  const known = setup();
  known.host.collectFields = [];
  known.host.customer = { ...known.host.customer, name: ' ', email: '' };
  const told = known.element.record('paid-checkout-before-confirm');
  known.paying.pay();
  assert.deepEqual(told[0]!.detail.customer, { name: null, email: null });
});

test('paid-checkout-before-confirm is fired in Pay, after Stripe’s submit, with the amount shown', () => {
  const t = setup();
  const events = t.element.record('paid-checkout-before-confirm', () => t.log.push('before-confirm'));
  t.paying.pay();
  assert.deepEqual(t.log, ['submit', 'before-confirm']);
  assert.equal(events[0]!.detail.amountDue, t.host.summary!.amountDueToday);
  assert.equal(events[0]!.detail.checkoutId, t.host.checkout!.id);
});

test('a page’s step that is refused charges nothing: no token, no complete, the page’s words beside the button', async () => {
  const t = setup();
  t.element.record('paid-checkout-before-confirm', (event) => event.detail.waitUntil(Promise.reject(new Error('Accept the terms.'))));
  t.paying.pay();
  await settle();
  assert.equal(t.tokens, 0);
  assert.equal(t.completes.length, 0);
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.host.payError?.code, 'stopped_by_page');
  assert.equal(t.host.payError?.recoverable, true);
  assert.equal(t.host.payError?.detail, 'Accept the terms.');
  assert.deepEqual(codes(t.reported), ['stopped_by_page']);
  const cancelled = setup();
  cancelled.element.record('paid-checkout-before-confirm', (event) => event.preventDefault());
  cancelled.paying.pay();
  await settle();
  assert.equal(cancelled.tokens, 0);
  // No words of the page's: the catalog's for the code ("The payment was not made.").
  assert.equal(cancelled.host.payError?.code, 'stopped_by_page');
  assert.equal(cancelled.host.payError?.detail, null);
});

test('customer fields with a problem: the page’s step is not asked for', async () => {
  const t = setup();
  t.host.customer = { ...t.host.customer, email: '' };
  const events = t.element.record('paid-checkout-before-confirm');
  t.paying.pay();
  await settle();
  assert.equal(events.length, 0);
  assert.equal(t.completes.length, 0);
});

/** A tab's sessionStorage, in memory. */
function tabStorage(): { store: AttemptStore; items: Map<string, string> } {
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
  } as unknown as Storage;
  return { store: new AttemptStore(Date.now, () => storage), items };
}

/** Waits until `check` holds, polling (the resume reader is a dynamic import, compiled on first use). */
async function until(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !check(); turn += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(check(), 'never happened');
}

/**
 * `after` is resuming `sent` as it was (its key and request, no new token); once paid it succeeds
 * and the tab keeps nothing.
 */
async function assertResumedAsSent(after: ReturnType<typeof setup>, sent: ReturnType<typeof setup>['completes'][number], tab: ReturnType<typeof tabStorage>): Promise<void> {
  assert.deepEqual(after.host.phase, { kind: 'paying', note: 'pay.resuming' });
  assert.equal(after.completes[0]!.args.key, sent.args.key);
  assert.deepEqual(after.completes[0]!.args.request, sent.args.request);
  assert.equal(after.tokens, 0, 'no new token');
  after.completes[0]!.resolve(paid());
  await settle();
  assert.equal(after.host.phase.kind, 'succeeded');
  assert.equal(tab.items.size, 0, 'cleared once settled');
}

test('a reload resumes the kept attempt: complete again with its key and token, then it is cleared', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  const sent = await payUntilComplete(before);
  assert.equal(tab.items.size, 1, 'kept before the answer');
  // The page reloads: a new controller in the same tab.
  before.paying.away(true);
  const after = setup(checkoutSession(), { store: tab.store });
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.completes.length === 1);
  assert.ok(after.log.includes('resuming'));
  await assertResumedAsSent(after, sent, tab);
});

test('a reload whose resumed payment is declined before Stripe’s fields have loaded gives the form back saying why, nothing kept', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await payUntilComplete(before);
  before.paying.away(true);
  const after = setup(checkoutSession(), { store: tab.store });
  after.host.payments = { ...after.host.payments, fields: null };
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.completes.length === 1);
  const declined = new CheckoutError('card_declined', { recoverable: true });
  after.completes[0]!.reject(declined);
  await settle();
  assert.deepEqual(after.host.phase, { kind: 'ready' });
  assert.equal(after.host.payError, declined);
  assert.equal(tab.items.size, 0);
});

test('a kept attempt resumed over the checkout’s defaults (its order no longer resolves: the catalogue changed before the reload) names no lines, never the defaults’ as what was bought', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  before.choices.setQuantity('prod_seats', 5);
  const sent = await payUntilComplete(before);
  before.paying.away(true);
  // The fake host's restoreOrder shows the checkout's defaults (one seat), as the coordinator's
  // does for a kept order it can no longer price.
  const after = setup(checkoutSession(), { store: tab.store });
  const completed = after.element.record('paid-checkout-complete');
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.completes.length === 1);
  assert.deepEqual(after.completes[0]!.args.request, sent.args.request, 'the kept payment, as it was sent');
  assert.notDeepEqual(after.host.selections, sent.args.request.selections, 'the form shows another order');
  after.completes[0]!.resolve(paid());
  await settle();
  assert.equal(after.host.phase.kind, 'succeeded');
  assertToldWithoutLines(completed, 'what was bought is not what the form shows');
});

test('a kept attempt resumed over the checkout’s defaults and paid after the page moved on tells the page of the order without lines, never the defaults’', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  before.choices.setQuantity('prod_seats', 5);
  await payUntilComplete(before);
  before.paying.away(true);
  const after = setup(checkoutSession(), { store: tab.store });
  const completed = after.element.record('paid-checkout-complete');
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.completes.length === 1);
  assert.ok(after.host.summary!.lines.length > 0, 'the form shows the defaults, priced');
  // The page points the element at another checkout while the kept payment's answer is on its way.
  after.paying.reset();
  after.completes[0]!.resolve(paid());
  await settle();
  assert.deepEqual(after.navigated, [], 'nothing here navigates');
  assertToldWithoutLines(completed, 'what was bought is not what the form showed');
  assert.equal(completed[0]!.detail.orderId, paid().orderId);
});

/** The one paid-checkout-complete of a success the form did not show the order of: it names no lines. */
function assertToldWithoutLines(completed: Array<{ detail: { lines: unknown[]; recurring: unknown[] } }>, why: string) {
  assert.equal(completed.length, 1, 'told once');
  assert.deepEqual(completed[0]!.detail.lines, [], why);
  assert.deepEqual(completed[0]!.detail.recurring, []);
}

test('a kept attempt whose reader cannot be fetched is not offered the form (it may be charged): a recoverable network error, the attempt still kept, said to be unresolved until the session is read again', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await payUntilComplete(before);
  before.paying.away(true);
  const after = setup(checkoutSession(), { store: tab.store, loadReader: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')) });
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.failed.length === 1);
  assert.equal(after.failed[0]!.code, 'network_error');
  assert.equal(after.failed[0]!.recoverable, true);
  assert.ok(!after.log.includes('showForm chk_abc'), 'the form is not offered');
  assert.equal(after.completes.length, 0);
  assert.equal(tab.items.size, 1, 'still kept for Try again or a reload');
  assert.equal(after.paying.unresolved, true, 'a payment may be pending');
  after.paying.reset();
  assert.equal(after.paying.unresolved, false, 'Try again reads the session again, and resumes it anew');
});

test('an attempt another element of the page is handling is not taken over; nothing kept shows the form', async () => {
  const tab = tabStorage();
  const first = setup(checkoutSession(), { store: tab.store });
  await payUntilComplete(first);
  const second = setup(checkoutSession(), { store: tab.store });
  second.paying.resume(second.host.checkout!);
  await until(() => second.log.includes('showForm chk_abc'));
  assert.equal(second.completes.length, 0);
  const fresh = setup(checkoutSession(), { store: tabStorage().store });
  fresh.paying.resume(fresh.host.checkout!);
  assert.deepEqual(fresh.log, ['showForm chk_abc'], 'at once, without the reader');
});

/** A new element for that checkout in the same tab resumes the kept attempt, with its key: not a fresh form over it. */
async function assertNextElementResumes(tab: ReturnType<typeof tabStorage>, sent: { args: { key: string } }) {
  const next = setup(checkoutSession(), { store: tab.store });
  next.host.phase = { kind: 'loading' };
  next.paying.resume(next.host.checkout!);
  await until(() => next.completes.length === 1 || next.log.includes('showForm chk_abc'));
  assert.equal(next.completes.length, 1, 'resumed, not a fresh form over a payment that may be taken');
  assert.equal(next.completes[0]!.args.key, sent.args.key);
}

test('an element whose answer was lost keeps the attempt for its Try again, which another element of the page for that checkout does not take over; once it reads its session again (its checkout-id changed) it lets go of it: the next element for that checkout resumes it, it is not left as another’s', async () => {
  const tab = tabStorage();
  const first = setup(checkoutSession(), { store: tab.store });
  const sent = await payUntilComplete(first);
  sent.reject(new CheckoutError('network_error', { recoverable: true }));
  await settle();
  assert.equal(first.paying.pending, true, 'kept: its outcome is unknown');
  const second = setup(checkoutSession(), { store: tab.store });
  second.paying.resume(second.host.checkout!);
  await until(() => second.log.includes('showForm chk_abc') || second.completes.length > 0);
  await settle();
  assert.equal(second.completes.length, 0, 'one element sends it: the one that offers Try again');
  // The page points the element at another checkout: its session is read again.
  first.paying.reset();
  await assertNextElementResumes(tab, sent);
});

test('an element that moved on while its answer was on its way lets go of the attempt once that answer is lost: the next element for that checkout resumes it', async () => {
  const tab = tabStorage();
  const first = setup(checkoutSession(), { store: tab.store });
  const sent = await payUntilComplete(first);
  // The page points the element at another checkout while complete is on its way.
  first.paying.reset();
  const early = setup(checkoutSession(), { store: tab.store });
  early.paying.resume(early.host.checkout!);
  await until(() => early.log.includes('showForm chk_abc'));
  assert.equal(early.completes.length, 0, 'not taken over while the first element still waits for its answer');
  sent.reject(new CheckoutError('network_error', { recoverable: true }));
  await settle();
  await assertNextElementResumes(tab, sent);
});

test('a bank’s redirect back to this page finalizes the kept attempt’s payment with its finalize key', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  const sent = await payUntilComplete(before);
  sent.resolve(requiresAction('pi_bank'));
  await until(() => before.log.some((line) => line.startsWith('handleNextAction')));
  before.paying.away(true);
  const location = globalThis.location as { href: string; search?: string };
  location.search = '?payment_intent=pi_bank&payment_intent_client_secret=pi_bank_secret_x1&redirect_status=succeeded';
  const after = setup(checkoutSession(), { store: tab.store });
  try {
    const kept = JSON.parse(tab.items.get('paid-checkout:attempt:chk_abc')!);
    const restored: unknown[] = [];
    const restoreOrder = after.host.restoreOrder;
    after.host.restoreOrder = (request) => (restored.push(request), restoreOrder(request));
    after.paying.resume(after.host.checkout!);
    await until(() => after.finalizes.length === 1);
    assert.equal(after.completes.length, 0, 'never pays again');
    assert.equal(after.finalizes[0]!.args.paymentIntentId, 'pi_bank');
    assert.deepEqual(after.host.phase, { kind: 'paying', note: 'pay.redirectReturning' });
    assert.deepEqual(restored, [kept.request], 'the form shows the order the payment buys, not the checkout’s defaults');
    assert.equal(JSON.parse(tab.items.get('paid-checkout:attempt:chk_abc')!).stage, 'finalize', 'a reload meanwhile finalizes it too, never pays again');
    after.finalizes[0]!.resolve(paid());
    await settle();
    assert.equal(after.host.phase.kind, 'succeeded');
    assert.equal(tab.items.size, 0);
  } finally {
    delete location.search;
    // Failed midway, its finalize is answered all the same: the return's payment is let go for the next tests.
    for (const sent of after.finalizes) sent.resolve(paid());
    await settle();
  }
});

test('a bank’s return that names no checkout (an earlier version’s return_url), to a page that made a new checkout: finished for the checkout this tab kept its payment for, not finalized as the new one’s', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  const sent = await payUntilComplete(before);
  sent.resolve(requiresAction('pi_bank'));
  await until(() => before.log.some((line) => line.startsWith('handleNextAction')));
  before.paying.away(true);
  const location = globalThis.location as { href: string; search?: string };
  location.search = '?payment_intent=pi_bank&payment_intent_client_secret=pi_bank_secret_x1&redirect_status=succeeded';
  try {
    const after = setup(checkoutSession({ id: 'chk_new' }), { store: tab.store, sessions: [checkoutSession()] });
    after.paying.resume(after.host.checkout!);
    await until(() => after.finalizes.length === 1 || after.reported.length > 0);
    assert.deepEqual(after.reads, ['chk_abc'], 'the checkout whose payment it is is read, to be shown');
    assert.equal(after.host.checkout!.id, 'chk_abc');
    assert.equal(after.finalizes[0]!.args.paymentIntentId, 'pi_bank');
    assert.equal(after.completes.length, 0, 'never pays again');
    after.finalizes[0]!.resolve(paid());
    await settle();
    assert.equal(after.host.phase.kind, 'succeeded');
    assert.deepEqual(codes(after.reported), [], 'no payment_unconfirmed');
    assert.equal(tab.items.size, 0);
  } finally {
    delete location.search;
  }
});

/** The page reloaded in the middle of `before`'s payment, now showing a checkout of its own made for this load. */
function reloadedWithNewCheckout(tab: ReturnType<typeof tabStorage>, before: ReturnType<typeof setup>) {
  before.paying.away(true);
  const after = setup(checkoutSession({ id: 'chk_new' }), { store: tab.store, sessions: [checkoutSession()] });
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  return after;
}

test('a reload to a page that made a new checkout resumes the attempt kept for the old one there, with its key, and shows that checkout’s success', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  const sent = await payUntilComplete(before);
  const after = reloadedWithNewCheckout(tab, before);
  const completed = after.element.record('paid-checkout-complete');
  await until(() => after.completes.length === 1);
  assert.deepEqual(after.reads, ['chk_abc'], 'the old checkout is read, to be shown');
  assert.equal(after.host.checkout!.id, 'chk_abc');
  assert.equal(after.completes[0]!.args.checkoutId, 'chk_abc');
  await assertResumedAsSent(after, sent, tab);
  assert.equal(completed[0]!.detail.checkoutId, 'chk_abc');
  assert.deepEqual(after.navigated, ['https://shop.example/thanks?c=chk_abc'], 'the old checkout’s success URL');
});

/** A reload in `pi_bank`'s challenge to a page that made a new checkout: that page asks how the old checkout's payment ended. */
async function reloadedInChallenge() {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await payUntilTheBank(before);
  const after = reloadedWithNewCheckout(tab, before);
  await until(() => after.finalizes.length === 1);
  return { tab, after };
}

test('a reload to a page that made a new checkout, finishing the old one’s payment still waiting for its bank: said not finished over the new form, and kept for whoever shows the old checkout (its next Pay, or its end, asks how it ended)', async () => {
  const { tab, after } = await reloadedInChallenge();
  after.finalizes[0]!.reject(new CheckoutError('payment_not_finished', { recoverable: true }));
  await settle();
  assert.equal(after.host.checkout!.id, 'chk_new');
  assert.equal(after.host.payError?.code, 'payment_not_finished');
  assert.equal(tab.store.unfinished('chk_abc'), 'pi_bank', 'its bank may still approve it: the old checkout’s next Pay names it');
  // Storage gone (or another element cleared the record): this element, shown the old checkout, still asks.
  tab.store.leave('chk_abc', null);
  after.element.checkoutId = 'chk_abc';
  after.paying.reset();
  after.host.checkout = checkoutSession();
  assert.equal(after.paying.askBeforeEnd(new CheckoutError('expired')), true);
});

test('a reload to a page whose own checkout has closed, finishing the old checkout’s payment, refunded as that one closed too: the refund is said with the page’s checkout’s end', async () => {
  const { after } = await reloadedInChallenge();
  // The coordinator's showForm on a checkout that has closed: its end instead of a form.
  after.host.showForm = () => {
    after.log.push('showForm chk_new');
    after.host.phase = { kind: 'failed', error: new CheckoutError('archived') };
  };
  after.finalizes[0]!.reject(new CheckoutError('payment_refunded', { reason: null }));
  await settle();
  assert.equal(after.host.phase.kind, 'failed');
  assert.deepEqual(codes(after.reported), ['payment_refunded'], 'told to the page');
  assert.equal(after.host.phase.kind === 'failed' && after.host.phase.error.detail, 'payment_refunded: archived', 'and said before the end');
});

test('a lost answer to the old checkout’s read withholds the form and says a payment may be pending; the attempt stays kept', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await payUntilComplete(before);
  before.paying.away(true);
  const after = setup(checkoutSession({ id: 'chk_new' }), { store: tab.store, readFails: new CheckoutError('network_error', { recoverable: true }) });
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.failed.length === 1);
  assert.deepEqual(codes(after.failed), ['network_error']);
  assert.equal(after.paying.unresolved, true, 'that payment may have been taken');
  assert.equal(after.completes.length, 0);
  assert.ok(!after.log.some((line) => line.startsWith('showForm')), 'no form over it');
  assert.ok(tab.store.raw('chk_abc'), 'what the tab kept stays kept, for Try again');
});

test('the old checkout is read as the element reads its own: its sessionRetryDelays and its clock hook', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await payUntilComplete(before);
  const after = reloadedWithNewCheckout(tab, before);
  await until(() => after.completes.length === 1);
  assert.deepEqual(after.readOptions.map(({ retryDelays }) => retryDelays), [[11, 22]]);
  assert.equal(after.readOptions[0]!.now, elementClock);
});

test('the old checkout’s read is the session’s side read: its signal, and done once answered', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await payUntilComplete(before);
  const after = reloadedWithNewCheckout(tab, before);
  await until(() => after.completes.length === 1);
  assert.equal(after.sideReads.length, 1);
  assert.equal(after.readOptions[0]!.signal, after.sideReads[0]!.signal);
  assert.equal(after.sideReads[0]!.settled, true);
});

test('an element removed while it reads the old checkout cuts that read short: nothing shown or said, and the attempt is left kept for the next element', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  const sent = await payUntilComplete(before);
  before.paying.away(true);
  const after = setup(checkoutSession({ id: 'chk_new' }), { store: tab.store, sessions: [checkoutSession()], readHangs: true });
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.reads.length === 1);
  // The element is removed (the coordinator's hostDisconnected): its session's reads stop.
  after.paying.away(true);
  after.host.session.stop();
  assert.equal(after.readOptions[0]!.signal?.aborted, true, 'the read is aborted');
  await settle();
  assert.deepEqual(codes(after.failed), [], 'no failed state');
  assert.deepEqual(codes(after.reported), [], 'no paid-checkout-error');
  assert.equal(after.paying.unresolved, false);
  assert.equal(after.host.checkout!.id, 'chk_new', 'the old checkout is not shown');
  assert.equal(after.completes.length, 0);
  assert.ok(tab.store.raw('chk_abc'), 'still kept');
  // The next element of the page (or this one, back and reading its session again) resumes it.
  const next = reloadedWithNewCheckout(tab, after);
  await until(() => next.completes.length === 1);
  assert.equal(next.completes[0]!.args.key, sent.args.key);
});

test('a resumed attempt of the old checkout that is declined shows the new checkout’s form, saying why; nothing is kept', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await payUntilComplete(before);
  const after = reloadedWithNewCheckout(tab, before);
  await until(() => after.completes.length === 1);
  after.completes[0]!.reject(new CheckoutError('card_declined', { detail: 'Your card has insufficient funds.', recoverable: true }));
  await settle();
  assert.equal(after.host.checkout!.id, 'chk_new');
  assert.ok(after.log.includes('showForm chk_new'));
  assert.deepEqual(after.host.phase, { kind: 'ready' });
  assert.equal(after.host.payError?.code, 'card_declined');
  assert.equal(after.paying.pending, false, 'the next Pay is a new attempt, for the new checkout');
  assert.equal(tab.items.size, 0);
});

test('a resumed attempt of an old checkout that closed before it ran (never charged) shows the new checkout’s form without a word; refunded, says so', async () => {
  for (const [code, said] of [['expired', null], ['payment_refunded', 'payment_refunded']] as const) {
    const tab = tabStorage();
    const before = setup(checkoutSession(), { store: tab.store });
    await payUntilComplete(before);
    const after = reloadedWithNewCheckout(tab, before);
    await until(() => after.completes.length === 1);
    after.completes[0]!.reject(new CheckoutError(code));
    await settle();
    assert.equal(after.host.checkout!.id, 'chk_new', code);
    assert.deepEqual(after.failed, [], `${code}: not the failed state`);
    assert.deepEqual(after.host.phase, { kind: 'ready' });
    assert.equal(after.host.payError?.code ?? null, said, code);
    assert.equal(tab.items.size, 0);
  }
});

test('a lost answer for the old checkout’s resumed attempt keeps it: Try again resends it there, with its key', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  const sent = await payUntilComplete(before);
  const after = reloadedWithNewCheckout(tab, before);
  await until(() => after.completes.length === 1);
  after.completes[0]!.reject(new CheckoutError('network_error', { recoverable: true }));
  await settle();
  assert.equal(after.paying.pending, true);
  assert.equal(after.host.checkout!.id, 'chk_abc');
  assert.equal(tab.items.size, 1);
  after.paying.resend();
  assert.equal(after.completes.length, 2);
  assert.equal(after.completes[1]!.args.checkoutId, 'chk_abc');
  assert.equal(after.completes[1]!.args.key, sent.args.key);
  after.completes[1]!.reject(new CheckoutError('card_declined', { recoverable: true }));
  await settle();
  assert.equal(after.host.checkout!.id, 'chk_new', 'settled: the new checkout’s form');
});

test('an attempt kept on another page of the shop is left to that page: the new checkout’s form at once', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await payUntilComplete(before);
  before.paying.away(true);
  const location = globalThis.location as { href: string };
  location.href = 'https://shop.example/other-page';
  try {
    const after = setup(checkoutSession({ id: 'chk_new' }), { store: tab.store, sessions: [checkoutSession()] });
    after.paying.resume(after.host.checkout!);
    await until(() => after.log.includes('showForm chk_new'));
    assert.deepEqual(after.reads, []);
    assert.equal(after.completes.length, 0);
    assert.equal(tab.items.size, 1, 'still kept for its page');
  } finally {
    location.href = pageUrl;
  }
});

test('a bank’s return naming another checkout, in a tab that kept nothing of it, is not finished there (anyone can write one): the page’s own form, saying the payment may have been made', async () => {
  const location = globalThis.location as { href: string; search?: string };
  location.search = '?paid_checkout_id=chk_abc&payment_intent=pi_bank&payment_intent_client_secret=pi_bank_secret_x1&redirect_status=succeeded';
  const after = setup(checkoutSession({ id: 'chk_new' }), { store: tabStorage().store, sessions: [checkoutSession()] });
  try {
    after.host.phase = { kind: 'loading' };
    after.paying.resume(after.host.checkout!);
    await settle();
    assert.deepEqual(after.reads, [], 'that checkout is not read');
    assert.equal(after.finalizes.length, 0, 'nor finalized');
    assert.deepEqual(after.host.phase, { kind: 'ready' });
    assert.equal(after.host.checkout!.id, 'chk_new');
    assert.deepEqual(after.navigated, []);
    assert.deepEqual(codes(after.reported), ['payment_unconfirmed']);
    assert.equal(after.paying.pending, false, 'Pay is a new attempt');
  } finally {
    delete location.search;
    // A finalize an element sent (one that finished the return) is answered: it lets go of the return's payment.
    for (const sent of after.finalizes) sent.reject(new CheckoutError('not_found'));
    await settle();
  }
});

test('a bank’s return naming another checkout whose attempt this tab kept, which another element of the page is finishing: this element shows its own form without a word, and leaves the return to it', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  const sent = await payUntilComplete(before);
  const location = globalThis.location as { href: string; search?: string };
  location.search = '?paid_checkout_id=chk_abc&payment_intent=pi_bank&payment_intent_client_secret=pi_bank_secret_x1&redirect_status=succeeded';
  const after = setup(checkoutSession({ id: 'chk_new' }), { store: tab.store, sessions: [checkoutSession()] });
  try {
    after.host.phase = { kind: 'loading' };
    after.paying.resume(after.host.checkout!);
    await settle();
    assert.deepEqual(after.reads, [], 'that checkout is not read here');
    assert.equal(after.finalizes.length, 0, 'nor finalized');
    assert.deepEqual(after.host.phase, { kind: 'ready' });
    assert.deepEqual(codes(after.reported), [], 'no word of a payment another element is finishing');
    assert.equal(tab.items.size, 1, 'still kept for the element finishing it');
  } finally {
    delete location.search;
    sent.reject(new CheckoutError('card_declined', { recoverable: true }));
    await settle();
  }
});

test('a bank’s return in a tab that kept nothing: paid-checkout-complete names no lines, since what was bought is not known here (the form showed the checkout’s defaults)', async () => {
  const location = globalThis.location as { href: string; search?: string };
  location.search = '?paid_checkout_id=chk_abc&payment_intent=pi_bank&payment_intent_client_secret=pi_bank_secret_x1&redirect_status=succeeded';
  try {
    const after = setup(checkoutSession(), { store: tabStorage().store });
    const completed = after.element.record('paid-checkout-complete');
    after.host.phase = { kind: 'loading' };
    after.paying.resume(after.host.checkout!);
    await until(() => after.finalizes.length === 1);
    assert.ok(after.host.summary!.lines.length > 0, 'the defaults are priced while the bank’s answer is looked up');
    after.finalizes[0]!.resolve(paid());
    await settle();
    assert.equal(after.host.phase.kind, 'succeeded');
    assertToldWithoutLines(completed, 'never the defaults’ lines as what the buyer bought');
    assert.equal(completed[0]!.detail.amountDue, paid().amountDue, 'what was charged is the server’s');
  } finally {
    delete location.search;
  }
});

test('a bank’s return whose finalize answer is lost, in a tab that kept nothing, withholds the form and says a payment may be pending', async () => {
  const location = globalThis.location as { href: string; search?: string };
  location.search = '?payment_intent=pi_bank&payment_intent_client_secret=pi_bank_secret_x1&redirect_status=succeeded';
  try {
    const after = setup(checkoutSession(), { store: tabStorage().store });
    after.host.phase = { kind: 'loading' };
    after.paying.resume(after.host.checkout!);
    await until(() => after.finalizes.length === 1);
    after.finalizes[0]!.reject(new CheckoutError('network_error', { recoverable: true }));
    await settle();
    assert.deepEqual(codes(after.failed), ['network_error']);
    assert.equal(after.paying.unresolved, true, 'the bank said succeeded: it may have been taken');
    assert.ok(!after.log.some((line) => line.startsWith('showForm')), 'no form over it');
  } finally {
    delete location.search;
  }
});

test('a bank’s return that finalize does not know, with redirect_status=succeeded, warns that the payment may have been made; the form stays usable', async () => {
  const location = globalThis.location as { href: string; search?: string };
  location.search = '?payment_intent=pi_bank&payment_intent_client_secret=pi_bank_secret_x1&redirect_status=succeeded';
  try {
    const after = setup(checkoutSession(), { store: tabStorage().store });
    after.host.phase = { kind: 'loading' };
    after.paying.resume(after.host.checkout!);
    await until(() => after.finalizes.length === 1);
    after.finalizes[0]!.reject(new CheckoutError('not_found'));
    await settle();
    assert.deepEqual(after.host.phase, { kind: 'ready' });
    assert.equal(after.host.payError?.code, 'payment_unconfirmed');
    assert.deepEqual(codes(after.reported), ['payment_unconfirmed']);
    assert.equal(after.paying.pending, false, 'Pay is a new attempt');
  } finally {
    delete location.search;
  }
});

/**
 * A bank's return (`search`) to a tab that kept nothing, whose finalize answers `answer`; the address
 * bar's rewrites (history.replaceState) are recorded.
 */
async function returnAnswered(search: string, answer: CheckoutError | Error | PaymentSucceeded, meanwhile?: (after: ReturnType<typeof setup>) => void) {
  const location = globalThis.location as { href: string; search?: string };
  const addresses: string[] = [];
  location.search = search;
  Object.defineProperty(globalThis, 'history', { value: { state: null, replaceState: (_state: unknown, _title: string, url: string) => addresses.push(url) }, configurable: true });
  try {
    const after = setup(checkoutSession(), { store: tabStorage().store });
    after.host.phase = { kind: 'loading' };
    after.paying.resume(after.host.checkout!);
    await until(() => after.finalizes.length === 1);
    meanwhile?.(after);
    if (answer instanceof Error) after.finalizes[0]!.reject(answer);
    else after.finalizes[0]!.resolve(answer);
    await settle();
    return { after, addresses };
  } finally {
    delete location.search;
    delete (globalThis as { history?: unknown }).history;
  }
}

const bankReturn = (status: string, checkout = 'paid_checkout_id=chk_abc&') => `?${checkout}payment_intent=pi_bank&payment_intent_client_secret=pi_bank_secret_x1&redirect_status=${status}`;

test('a bank’s return answered by finalize, in a tab that kept nothing, takes Stripe’s parameters out of the address bar: a reload asks nothing again', async () => {
  const { after, addresses } = await returnAnswered(bankReturn('succeeded'), paid());
  assert.equal(after.host.phase.kind, 'succeeded');
  assert.deepEqual(addresses, [pageUrl]);
});

test('a bank’s return that the bank refused, in a tab that kept nothing: the form says the bank did not approve it, and the parameters leave the address bar', async () => {
  const { after, addresses } = await returnAnswered(bankReturn('failed'), new CheckoutError('authentication_failed', { recoverable: true }));
  assert.deepEqual(after.host.phase, { kind: 'ready' });
  assert.equal(after.host.payError?.code, 'authentication_failed');
  assert.equal(after.host.payError?.detail, 'pay.redirectFailed');
  assert.deepEqual(addresses, [pageUrl]);
});

test('a bank’s return whose checkout closed meanwhile, in a tab that kept nothing: the state says it ended, no form', async () => {
  const { after } = await returnAnswered(bankReturn('succeeded'), new CheckoutError('expired'));
  assert.deepEqual(codes(after.failed), ['expired']);
  assert.ok(!after.log.some((line) => line.startsWith('showForm')), 'no form');
});

for (const [which, search, forgotten] of [
  ['naming its checkout, the bank having refused it: the form, no warning', bankReturn('failed'), true],
  ['naming no checkout (another element’s, maybe): its parameters stay for it', bankReturn('succeeded', ''), false],
] as const) {
  test(`a bank’s return that finalize does not know, ${which}`, async () => {
    const { after, addresses } = await returnAnswered(search, new CheckoutError('not_found'));
    assert.deepEqual(after.host.phase, { kind: 'ready' });
    if (forgotten) assert.equal(after.host.payError, null, 'nothing was taken: nothing to warn of');
    assert.deepEqual(addresses, forgotten ? [pageUrl] : []);
  });
}

/** The page shows checkout `shown` (the element reads it) while a return's finalize is on its way. */
const showing = (shown: string) => (after: ReturnType<typeof setup>) => {
  after.element.checkoutId = shown;
  after.paying.reset();
  after.host.checkout = checkoutSession({ id: shown });
  after.host.phase = { kind: 'ready' };
};

test('a bank’s return, in a tab that kept nothing, paid but answered after the page showed another checkout: the page is told of that order, the other form stays, and the parameters leave', async () => {
  let completed: Array<CustomEvent<PaidCheckoutCompleteDetail>> = [];
  const { after, addresses } = await returnAnswered(bankReturn('succeeded'), paid(), (page) => {
    completed = page.element.record('paid-checkout-complete');
    showing('chk_other')(page);
  });
  assert.deepEqual(after.host.phase, { kind: 'ready' }, 'the other checkout’s form');
  assert.equal(completed.length, 1);
  assert.deepEqual([completed[0]!.detail.checkoutId, completed[0]!.detail.navigates, completed[0]!.cancelable], [paid().checkoutId, false, false]);
  assertToldWithoutLines(completed, 'what was bought is not known here');
  assert.deepEqual([after.failed, after.navigated], [[], []]);
  assert.deepEqual(addresses, [pageUrl], 'a reload does not tell it again');
});

test('a bank’s return, in a tab that kept nothing, refunded as its checkout closed, answered after the page showed another checkout: the refund is said over that form, and the parameters leave', async () => {
  const { after, addresses } = await returnAnswered(bankReturn('succeeded'), new CheckoutError('payment_refunded', { reason: null }), showing('chk_other'));
  assert.deepEqual(codes(after.reported), ['payment_refunded']);
  assert.equal(after.host.payError?.code, 'payment_refunded');
  assert.deepEqual(after.failed, [], 'its checkout’s end is not said over another’s form');
  assert.deepEqual(addresses, [pageUrl]);
});

for (const [answered, answer, shown] of [
  ['paid, the page showing that checkout again', paid(), 'chk_abc'],
  ['refused by the bank (nothing taken), the page showing another checkout', new CheckoutError('authentication_failed', { recoverable: true }), 'chk_other'],
  ['lost, the page showing another checkout', new TypeError('Failed to fetch'), 'chk_other'],
] as const) {
  test(`a bank’s return, in a tab that kept nothing, ${answered}: nothing said or told here, and the parameters stay for whoever shows that checkout`, async () => {
    let completed: Array<CustomEvent<PaidCheckoutCompleteDetail>> = [];
    const { after, addresses } = await returnAnswered(bankReturn('succeeded'), answer, (page) => {
      completed = page.element.record('paid-checkout-complete');
      showing(shown)(page);
    });
    assert.deepEqual([completed.length, after.reported.length, after.failed.length], [0, 0, 0]);
    assert.deepEqual(after.host.phase, { kind: 'ready' });
    assert.deepEqual(addresses, []);
  });
}

/** Pay pressed, complete answered with 3-D Secure on `pi_bank`, and the bank's step never answering here (the customer is at the bank). */
async function payUntilTheBank(t: ReturnType<typeof setup>): Promise<Sent<{ apiBase: string; checkoutId: string; request: CompleteRequest; key: string }>> {
  t.host.payments = { ...t.host.payments, whenReady: () => new Promise(() => {}) };
  const sent = await payUntilComplete(t);
  sent.resolve(requiresAction('pi_bank'));
  await settle();
  assert.deepEqual(t.host.phase, { kind: 'paying', paymentIntentId: 'pi_bank' });
  return sent;
}

/**
 * `t` finalizes `pi_bank` (never sending it to the bank again) and finalize answers `refusal`:
 * the form again, saying `code` in `detail`, the fields focused, and the next Pay replacing `pi_bank`.
 */
async function assertFinalizeRefusalSays(t: ReturnType<typeof setup>, refusal: CheckoutError, code: string, detail: string | null): Promise<void> {
  await until(() => t.finalizes.length === 1);
  assert.equal(t.finalizes[0]!.args.paymentIntentId, 'pi_bank');
  assert.ok(!t.log.some((line) => line.startsWith('handleNextAction')), 'not sent to the bank again');
  t.finalizes[0]!.reject(refusal);
  await settle();
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.host.payError?.code, code);
  assert.equal(t.host.payError?.detail, detail);
  assert.deepEqual(codes(t.reported), [code]);
  assert.equal(t.log.at(-1), 'fields.focus');
  const sent = t.completes.length;
  await payAskingFirst(t, 'pi_bank');
  await until(() => t.completes.length === sent + 1);
  assert.equal(t.completes.at(-1)!.args.request.replacesPaymentIntentId, 'pi_bank', 'the next Pay replaces the payment left at the bank');
}

/** The page reloaded while its customer was at the bank: a new controller in the same tab, resuming what it kept. */
async function reloadedAtTheBank(): Promise<ReturnType<typeof setup>> {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await payUntilTheBank(before);
  before.paying.away(true);
  const after = setup(checkoutSession(), { store: tab.store });
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  return after;
}

test('a reload in the bank’s challenge that finalize finds still waiting (409 requires_action) says the payment was not finished, not that the bank refused it', async () => {
  await assertFinalizeRefusalSays(await reloadedAtTheBank(), new CheckoutError('payment_not_finished', { recoverable: true }), 'payment_not_finished', null);
});

test('a reload after the bank refused the challenge (402 authentication_failed) still says the bank did not approve it', async () => {
  const refused = new CheckoutError('authentication_failed', { detail: 'We are unable to authenticate your payment method.', recoverable: true });
  await assertFinalizeRefusalSays(await reloadedAtTheBank(), refused, 'authentication_failed', 'pay.redirectFailed');
});

test('Back from the bank’s page to a page the browser kept whole (restored) says the payment was not finished when finalize finds it still waiting', async () => {
  const t = setup();
  await payUntilTheBank(t);
  t.paying.restored();
  assert.deepEqual(t.host.phase, { kind: 'paying', note: 'pay.resuming' });
  await assertFinalizeRefusalSays(t, new CheckoutError('payment_not_finished', { recoverable: true }), 'payment_not_finished', null);
});

// ---- review 2 (session 11): what the tab keeps, read back and cleared ------------------------

/** A tab's storage whose clock the test moves. */
function tabWithClock(start = Date.now()) {
  const tab = tabStorage();
  const clock = { now: start };
  const storage = { getItem: (key: string) => tab.items.get(key) ?? null, setItem: (key: string, value: string) => void tab.items.set(key, value), removeItem: (key: string) => void tab.items.delete(key), get length() { return tab.items.size; }, key: (index: number) => [...tab.items.keys()][index] ?? null } as unknown as Storage;
  return { items: tab.items, clock, store: new AttemptStore(() => clock.now, () => storage) };
}

/** A 3-D Secure payment `id` whose bank never answered (finalize: payment_not_finished): left unfinished for the next Pay. */
async function leftUnfinished(t: ReturnType<typeof setup>, id: string) {
  const first = await payUntilComplete(t);
  t.answers.nextAction = { error: { type: 'api_connection_error' } as StripeError };
  first.resolve(requiresAction(id));
  await settle();
  t.finalizes.at(-1)!.reject(new CheckoutError('payment_not_finished', { recoverable: true }));
  await settle();
  assert.equal(t.host.payError?.code, 'payment_not_finished');
  return first;
}

test('a reload whose clock went back 5 minutes finalizes the kept attempt with its finalize key: a payment the bank confirmed is not lost', async () => {
  const tab = tabWithClock();
  const before = setup(checkoutSession(), { store: tab.store });
  const sent = await payUntilComplete(before);
  sent.resolve(requiresAction('pi_clock'));
  await settle();
  assert.equal(before.finalizes.length, 1, 'the bank confirmed it: finalize on its way');
  const kept = JSON.parse(tab.items.get('paid-checkout:attempt:chk_abc')!);
  before.paying.away(true);
  tab.clock.now -= 5 * 60_000;
  const after = setup(checkoutSession(), { store: tab.store });
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.finalizes.length === 1 || after.log.includes('showForm chk_abc'));
  assert.equal(after.finalizes.length, 1, 'finalized, not the form offered again');
  assert.equal(after.finalizes[0]!.args.key, kept.finalizeKey);
  assert.equal(after.finalizes[0]!.args.paymentIntentId, 'pi_clock');
  assert.ok(tab.items.has('paid-checkout:attempt:chk_abc'), 'kept until answered');
  after.finalizes[0]!.resolve(paid());
  await settle();
  assert.equal(after.host.phase.kind, 'succeeded');
});

test('another version’s kept attempt is left as it is: the form is shown, and Pay pays over it without reading the session again; what is nothing of ours is dropped', async () => {
  const stale = JSON.stringify({ v: 2, checkoutId: 'chk_abc', savedAt: Date.now() - 40 * 86_400_000, ledger: { id: 'x' } });
  for (const [raw, dropped] of [[stale, false], ['{not json', true], [JSON.stringify({ v: 1, checkoutId: 'chk_else' }), true], ['[1]', true]] as const) {
    const tab = tabStorage();
    tab.items.set('paid-checkout:attempt:chk_abc', raw);
    const t = setup(checkoutSession(), { store: tab.store });
    t.host.phase = { kind: 'loading' };
    t.paying.resume(t.host.checkout!);
    await until(() => t.log.includes('showForm chk_abc'));
    assert.equal(tab.items.get('paid-checkout:attempt:chk_abc') ?? null, dropped ? null : raw, raw);
    assert.deepEqual(codes(t.reported), [], `${raw}: stale, or nothing of ours: nothing to say`);
    t.paying.pay();
    await settle();
    assert.equal(t.completes.length, 1, `${raw}: paid, not sent back to a read of the session`);
    assert.ok(!t.log.includes('load'), raw);
  }
});

test('a kept record this element cannot read that may be a payment under way (another version’s, or malformed, kept within a kept attempt’s life, or naming no time) is said over the form, then paid over once', async () => {
  const now = Date.now();
  const records = [
    JSON.stringify({ v: 2, checkoutId: 'chk_abc', savedAt: now, ledger: { id: 'x' } }),
    JSON.stringify({ v: 2, checkoutId: 'chk_abc', savedAt: now - 30 * 86_400_000 }),
    JSON.stringify({ v: 3, checkoutId: 'chk_abc', keptAt: '2030-01-11T00:00:00Z' }),
    JSON.stringify({ v: 1, checkoutId: 'chk_abc', savedAt: now + 60_000, stage: 'done' }),
  ];
  for (const raw of records) {
    const tab = tabStorage();
    tab.items.set('paid-checkout:attempt:chk_abc', raw);
    const t = setup(checkoutSession(), { store: tab.store });
    t.host.phase = { kind: 'loading' };
    t.paying.resume(t.host.checkout!);
    await until(() => t.log.includes('showForm chk_abc'));
    assert.deepEqual(codes(t.reported), ['payment_unconfirmed'], `${raw}: said as the form is shown`);
    assert.equal(t.host.payError?.code, 'payment_unconfirmed', raw);
    assert.deepEqual(t.host.phase, { kind: 'ready' });
    assert.equal(tab.items.get('paid-checkout:attempt:chk_abc'), raw, 'left as it is until the buyer pays');
    // Said: the buyer's Pay pays over it, once, without reading the session again.
    t.paying.pay();
    await settle();
    assert.equal(t.completes.length, 1, raw);
    assert.ok(!t.log.includes('load'), raw);
    assert.notEqual(tab.items.get('paid-checkout:attempt:chk_abc'), raw, 'the payment made is kept in its place');
  }
});

test('a kept record this element cannot read, not yet said (a refund was said over the form instead), is never paid over silently: Pay reads the session again', async () => {
  const tab = tabStorage();
  const raw = JSON.stringify({ v: 2, checkoutId: 'chk_abc', savedAt: Date.now() });
  const t = setup(checkoutSession(), { store: tab.store });
  const first = await payUntilComplete(t);
  const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' });
  first.reject(refunded);
  await settle();
  assert.ok(t.log.includes('load'), 'refunded: read again');
  // Meanwhile a newer element of this tab started a payment of this checkout.
  tab.items.set('paid-checkout:attempt:chk_abc', raw);
  t.log.length = 0;
  t.paying.reset();
  t.host.phase = { kind: 'loading' };
  t.paying.resume(t.host.checkout!);
  assert.equal(t.host.payError, refunded, 'the refund is said at once, without the reader');
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 1, 'nothing sent over it');
  assert.deepEqual(t.log, ['showForm chk_abc', 'load'], 'the session is read again, whose form says it');
});

test('with storage whose setItem throws (Safari’s private mode, a full quota), the payment left unfinished is named by the next Pay', async () => {
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
    removeItem: (key: string) => void items.delete(key),
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
  } as unknown as Storage;
  const t = setup(checkoutSession({ id: 'chk_quota' }), { store: new AttemptStore(Date.now, () => storage, new Map()) });
  await leftUnfinished(t, 'pi_quota');
  await payAskingFirst(t, 'pi_quota');
  assert.equal(t.completes[1]!.args.request.replacesPaymentIntentId, 'pi_quota');
});

test('a payment whose order the merchant deleted (order_deleted) or that was refunded as its checkout closed clears the payment left unfinished: the next Pay, after a reload, names nothing', async () => {
  // The payment's own end is its finalize's answer (the question the Pay asks first); a checkout
  // that closed meanwhile is the complete's.
  for (const [closing, saidBy] of [[new CheckoutError('order_deleted'), 'question'], [new CheckoutError('payment_refunded'), 'question'], [new CheckoutError('expired'), 'complete']] as const) {
    const tab = tabStorage();
    const t = setup(checkoutSession(), { store: tab.store });
    await leftUnfinished(t, 'pi_old');
    if (saidBy === 'question') {
      await payAskingFirst(t, 'pi_old', closing);
      assert.equal(t.completes.length, 1, `${closing.code}: nothing more sent`);
    } else {
      await payAskingFirst(t, 'pi_old');
      assert.equal(t.completes[1]!.args.request.replacesPaymentIntentId, 'pi_old');
      t.completes[1]!.reject(closing);
      await settle();
    }
    assert.deepEqual(codes(t.failed), [closing.code]);
    assert.deepEqual([...tab.items.keys()], [], `${closing.code}: nothing kept`);
    const again = setup(checkoutSession(), { store: tab.store });
    const next = await payUntilComplete(again);
    assert.equal(next.args.request.replacesPaymentIntentId, undefined, closing.code);
  }
});

test('a refund whose checkout is still open clears the payment left unfinished that its Pay named', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(t, 'pi_old');
  await payAskingFirst(t, 'pi_old');
  t.completes[1]!.reject(new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' }));
  await settle();
  assert.deepEqual([...tab.items.keys()], []);
});

test('a payment left unfinished longer ago than 15 minutes is still named, so that its challenge approved late cannot charge the buyer again', async () => {
  const tab = tabWithClock();
  const t = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(t, 'pi_old');
  tab.clock.now += 14 * 60_000;
  await payAskingFirst(t, 'pi_old');
  assert.equal(t.completes[1]!.args.request.replacesPaymentIntentId, 'pi_old', 'within 15 minutes');
  t.completes[1]!.reject(new CheckoutError('card_declined', { recoverable: true }));
  await settle();
  tab.clock.now += 6 * 60_000;
  await payAskingFirst(t, 'pi_old');
  assert.equal(t.completes[2]!.args.request.replacesPaymentIntentId, 'pi_old', '20 minutes after it was left');
});

test('a Pay over a payment left unfinished that the bank confirmed after the page stopped listening, however long ago, is answered by it: no complete, its order’s success once, nothing kept', async () => {
  const tab = tabWithClock();
  const t = setup(checkoutSession(), { store: tab.store });
  const completed = t.element.record('paid-checkout-complete');
  const restored: unknown[] = [];
  t.host.restoreOrder = (request) => (restored.push(request), t.choices.reprice());
  const first = await leftUnfinished(t, 'pi_earlier');
  // A day later, the buyer (told it was not finished) pays again.
  tab.clock.now += 24 * 60 * 60_000;
  await payAskingFirst(t, 'pi_earlier', { ...paid(), paymentIntent: { id: 'pi_earlier', status: 'succeeded', clientSecret: null } });
  assert.equal(t.completes.length, 1, 'nothing charged: no complete sent');
  assert.equal(t.host.phase.kind, 'succeeded');
  assert.equal(completed.length, 1);
  assert.equal(completed[0]!.detail.orderId, 'ord_1');
  assert.deepEqual(restored, [{ selections: first.args.request.selections, currency: first.args.request.currency }], 'the order that payment bought');
  assert.deepEqual([...tab.items.keys()], [], 'the attempt and the unfinished payment are cleared');
  assertEarlierSuccessStays(t);
});

test('a refund a Pay’s question found is kept with the payment it replaced: a reload before that Pay ends still says it on its success, once (review 15b G5)', async () => {
  const tab = tabStorage();
  const before = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(before, 'pi_old');
  await payAskingFirst(before, 'pi_old', new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' }));
  assert.equal(before.completes.length, 2, 'the Pay went on');
  // The page reloads before its answer: the refund held in its memory is gone with it.
  before.paying.away(true);
  const after = setup(checkoutSession(), { store: tab.store });
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.completes.length === 1);
  after.completes[0]!.resolve(paid());
  await settle();
  // Read as the host holds it now (the assignment above narrowed it to loading).
  const { phase } = after.host as { phase: { kind: string; error?: CheckoutError | null } };
  assert.equal(phase.kind, 'succeeded');
  const said = phase.error;
  assert.deepEqual([said?.code, said?.reason], ['payment_refunded', 'amount_changed'], 'the refund is said on the success');
  assert.deepEqual(codes(after.reported), ['payment_refunded'], 'and reported, once');
  assert.equal(after.reported[0]!.recoverable, true, 'as one the customer may pay again after');
  assert.deepEqual([...tab.items.keys()], [], 'nothing kept');
});

test('a refund a Pay’s question found, kept with the payment it replaced: a reload before that Pay ends says it when that Pay ends unpaid too (its challenge not finished, or declined), once (found by the element model)', async () => {
  for (const ending of ['payment_not_finished', 'card_declined'] as const) {
    const tab = tabStorage();
    const before = setup(checkoutSession(), { store: tab.store });
    await leftUnfinished(before, 'pi_old');
    await payAskingFirst(before, 'pi_old', new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' }));
    assert.equal(before.completes.length, 2, `${ending}: the Pay went on`);
    if (ending === 'payment_not_finished') {
      // Its challenge is open when the page reloads.
      before.answers.nextAction = new Promise(() => {}) as never;
      before.completes[1]!.resolve(requiresAction('pi_new'));
      await settle();
    }
    // The page reloads before that Pay's end: the refund held in its memory is gone with it.
    before.paying.away(true);
    const after = setup(checkoutSession(), { store: tab.store });
    after.host.phase = { kind: 'loading' };
    after.paying.resume(after.host.checkout!);
    if (ending === 'payment_not_finished') {
      await until(() => after.finalizes.length === 1);
      after.finalizes[0]!.reject(new CheckoutError('payment_not_finished', { recoverable: true }));
    } else {
      await until(() => after.completes.length === 1);
      after.completes[0]!.reject(new CheckoutError('card_declined', { recoverable: true }));
    }
    await settle();
    assert.equal(after.host.phase.kind, 'ready', `${ending}: the form`);
    assert.deepEqual(codes(after.reported), ['payment_refunded', ending], `${ending}: the refund is told, once, before the Pay's end`);
    assert.deepEqual([after.host.payError?.code, after.host.payError?.detail], [ending, `payment_refunded: ${ending}`], `${ending}: and said beside Pay with it`);
  }
});

test('a refund a Pay’s question found of another element’s newer payment, once said, leaves the payment this element said was not finished: its next Pay still asks about that one', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(t, 'pi_said');
  // Another element of the tab left a newer payment of the checkout unfinished: the tab's record names it.
  tab.store.leave('chk_abc', 'pi_newer');
  await payAskingFirst(t, 'pi_newer', new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' }));
  t.completes.at(-1)!.reject(new CheckoutError('card_declined', { recoverable: true }));
  await settle();
  assert.deepEqual([t.host.payError?.code, t.host.payError?.detail], ['card_declined', 'payment_refunded: card_declined'], 'the refund said with that Pay’s end');
  assert.equal(tab.store.unfinished('chk_abc'), null, 'the refunded payment forgotten');
  await payAskingFirst(t, 'pi_said');
});

test('a refund a Pay’s question found and said is not said again by a later success', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(t, 'pi_old');
  await payAskingFirst(t, 'pi_old', new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' }));
  t.completes[1]!.reject(new CheckoutError('card_declined', { recoverable: true }));
  await settle();
  assert.equal(codes(t.reported).filter((code) => code === 'payment_refunded').length, 1, 'said with the decline');
  // Another tab's element, or after a reload: the record no longer holds it.
  const again = setup(checkoutSession(), { store: tab.store });
  const next = await payUntilComplete(again);
  next.resolve(paid());
  await settle();
  const { phase } = again.host;
  assert.ok(phase.kind === 'succeeded' && phase.error === null, 'a success that says no refund');
});

test('a Pay whose question finds the payment it replaces refunded (taken after the page stopped listening) pays, and says that refund on its success', async () => {
  const t = setup();
  await leftUnfinished(t, 'pi_old');
  const refund = new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' });
  await payAskingFirst(t, 'pi_old', refund);
  assert.equal(t.completes[1]!.args.request.replacesPaymentIntentId, 'pi_old', 'the Pay goes on');
  t.completes[1]!.resolve(paid());
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded');
  assert.equal(t.host.phase.kind === 'succeeded' && t.host.phase.error, refund, 'the refund is said on the success');
  assert.equal(codes(t.reported).at(-1), 'payment_refunded', 'and reported to the page, once');
  assert.equal(codes(t.reported).filter((code) => code === 'payment_refunded').length, 1);
});

test('a refund the question told, on a Pay that then fails (declined, or its answer lost), is told once: the next Pay names nothing and asks nothing again', async () => {
  for (const ending of [new CheckoutError('card_declined', { recoverable: true }), new CheckoutError('network_error', { recoverable: true })]) {
    const tab = tabStorage();
    const t = setup(checkoutSession(), { store: tab.store });
    await leftUnfinished(t, 'pi_old');
    const refund = new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' });
    await payAskingFirst(t, 'pi_old', refund);
    t.completes[1]!.reject(ending);
    await settle();
    assert.equal(t.host.payError?.detail, `payment_refunded: ${ending.code}`, `${ending.code}: the refund said with the Pay's end`);
    assert.equal(tab.store.unfinished('chk_abc'), null, `${ending.code}: the refunded payment is settled: nothing is left to replace`);
    const asked = t.finalizes.length;
    if (ending.code === 'network_error') {
      t.paying.pay();
      await settle();
      t.completes[2]!.reject(new CheckoutError('card_declined', { recoverable: true }));
      await settle();
    }
    // A reload, then a Pay: it names nothing, and the refund is not said again.
    const again = setup(checkoutSession(), { store: tab.store });
    await payUntilComplete(again);
    assert.equal(again.completes[0]!.args.request.replacesPaymentIntentId, undefined, `${ending.code}: names nothing`);
    assert.equal(t.finalizes.length, asked, `${ending.code}: no question asked again`);
    assert.equal(codes(t.reported).filter((code) => code === 'payment_refunded').length, 1, `${ending.code}: told once`);
  }
});

test('a refund the question finds after the page moved on to another checkout is said over that one’s form at once, not left for a Pay there to end, and forgotten with the payment it refunded', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(t, 'pi_old');
  assert.ok(tab.items.has('paid-checkout:unfinished:chk_abc'), 'the payment left unfinished is kept');
  t.paying.pay();
  await until(() => t.finalizes.length === 2);
  t.paying.reset();
  t.host.phase = { kind: 'loading' };
  t.paying.resume(checkoutSession({ id: 'chk_other' }));
  await until(() => t.host.phase.kind === 'ready');
  const refund = new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' });
  t.finalizes[1]!.reject(refund);
  await settle();
  assert.equal(t.host.payError, refund, 'said over the form shown');
  assert.deepEqual(codes(t.reported).slice(-1), ['payment_refunded'], 'and told to the page');
  assert.equal(t.paying.untoldRefund(), null, 'nothing left to say later');
  // Kept with its refund, a reload of chk_abc would say that refund again on its next success.
  assert.ok(!tab.items.has('paid-checkout:unfinished:chk_abc'), 'the payment and its refund are no longer kept');
});

test('a refund the question told, on a Pay whose own payment is then refunded too, says both: the first is not lost', async () => {
  const t = setup();
  await leftUnfinished(t, 'pi_old');
  const first = new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' });
  await payAskingFirst(t, 'pi_old', first);
  const second = new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' });
  t.completes[1]!.reject(second);
  await settle();
  assert.ok(t.log.includes('load'), 'read again, as after any refund with its checkout open');
  t.paying.resume(t.host.checkout!);
  await settle();
  assert.ok(t.reported.includes(first), 'the question’s refund is told to the page');
  assert.equal(t.host.payError?.detail, 'payment_refunded: payment_refunded', 'and said with the second, over the form');
});

test('a Pay answered with the payment it replaced (the bank had confirmed it) tells the page that payment’s order with its own lines, never the new order’s', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  const restored: unknown[] = [];
  t.host.restoreOrder = (request) => {
    restored.push(request);
    if (request) {
      t.host.selections = request.selections.map((selection) => ({ ...selection }));
      t.host.currency = request.currency;
    }
    return t.choices.reprice();
  };
  const completed = t.element.record('paid-checkout-complete');
  const first = await leftUnfinished(t, 'pi_earlier');
  const bought = first.args.request.selections;
  // The buyer changes the order as the form lets them (more seats: the app's price is flat, always
  // one), then pays again.
  t.choices.setQuantity('prod_seats', 5);
  assert.deepEqual(t.host.selections.map((selection) => selection.quantity), [1, 5]);
  await payAskingFirst(t, 'pi_earlier');
  assert.notDeepEqual(t.completes[1]!.args.request.selections, bought);
  t.completes[1]!.resolve({ ...paid(), paymentIntent: { id: 'pi_earlier', status: 'succeeded', clientSecret: null } });
  await settle();
  assert.equal(completed.length, 1);
  assert.deepEqual(restored, [{ selections: bought, currency: first.args.request.currency }]);
  assert.deepEqual(
    completed[0]!.detail.lines.map((line) => [line.productId, line.planId, line.quantity]),
    bought.map((selection) => [selection.productId, selection.planId, selection.quantity]),
  );
});

test('a Pay answered with the payment it replaced, whose order the form cannot show (the catalogue changed since, or the tab kept it otherwise), names no lines: never the checkout’s defaults', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  const restored: unknown[] = [];
  // As the coordinator's restoreOrder does with an order that no longer resolves: the checkout's defaults (2 seats).
  t.host.restoreOrder = (request) => (restored.push(request), t.choices.start());
  const completed = t.element.record('paid-checkout-complete');
  t.choices.setQuantity('prod_seats', 5);
  const first = await leftUnfinished(t, 'pi_earlier');
  assert.deepEqual(first.args.request.selections.map((selection) => selection.quantity), [1, 5]);
  await payAskingFirst(t, 'pi_earlier');
  t.completes[1]!.resolve({ ...paid(), paymentIntent: { id: 'pi_earlier', status: 'succeeded', clientSecret: null } });
  await settle();
  assert.equal(restored.length, 1, 'its order was asked for');
  assert.equal(completed.length, 1);
  assert.deepEqual(completed[0]!.detail.lines, [], 'not the defaults the form fell back to, which that payment did not buy');
  assert.deepEqual(completed[0]!.detail.recurring, []);
});

test('a payment this element said was not finished is named only to its own checkout: after checkout-id changed, the next Pay there asks nothing and names nothing', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(t, 'pi_old');
  // Another element of the page, shown that payment's success, cleared the tab's record of it.
  tab.store.leave('chk_abc', null);
  // checkout-id changed: the coordinator's load() resets the payer, then shows the other checkout.
  t.paying.reset();
  t.host.phase = { kind: 'loading' };
  t.host.checkout = checkoutSession({ id: 'chk_other' });
  t.paying.resume(t.host.checkout);
  await until(() => t.log.includes('showForm chk_other'));
  const finalizes = t.finalizes.length;
  t.paying.pay();
  await settle();
  assert.equal(t.finalizes.length, finalizes, 'no question about another checkout’s payment');
  assert.equal(t.completes.at(-1)!.args.request.replacesPaymentIntentId ?? null, null, 'the Pay names nothing');
});

test('a refund or a deleted order answered after checkout-id changed (finalize on its way) is told once over the next checkout’s form, and the kept attempt is cleared', async () => {
  for (const refusal of [new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' }), new CheckoutError('order_deleted')]) {
    const tab = tabStorage();
    const t = setup(checkoutSession(), { store: tab.store });
    const first = await payUntilComplete(t);
    first.resolve(requiresAction('pi_moved'));
    await settle();
    assert.equal(t.finalizes.length, 1);
    // checkout-id changed: the coordinator's load() resets the payer, then shows the other checkout.
    t.paying.reset();
    t.host.phase = { kind: 'loading' };
    t.host.checkout = checkoutSession({ id: 'chk_other' });
    t.paying.resume(t.host.checkout);
    await until(() => t.log.includes('showForm chk_other'));
    t.finalizes[0]!.reject(refusal);
    await settle();
    assert.deepEqual(codes(t.reported), [refusal.code], 'told once');
    assert.equal(t.host.payError, refusal);
    assert.deepEqual(t.host.phase, { kind: 'ready' });
    assert.deepEqual([...tab.items.keys()], [], 'nothing kept');
    // Said: the next read says nothing more.
    t.paying.reset();
    t.paying.resume(t.host.checkout);
    assert.deepEqual(codes(t.reported), [refusal.code]);
  }
});

/**
 * A payment in its challenge (pi_moved), the page then showing another checkout (a reset, its read on
 * its way), and the payment refunded (`fulfilment_failed`) before that read answers.
 */
async function refundedWhileReading(options: Parameters<typeof setup>[1] = {}) {
  const t = setup(checkoutSession(), options);
  const first = await payUntilComplete(t);
  first.resolve(requiresAction('pi_moved'));
  await settle();
  t.paying.reset();
  t.host.phase = { kind: 'loading' };
  const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' });
  t.finalizes[0]!.reject(refunded);
  await settle();
  return { t, refunded };
}

test('a refund answered after checkout-id changed, while the next checkout is still being read, is said over its form once it is shown', async () => {
  const { t, refunded } = await refundedWhileReading();
  assert.deepEqual(codes(t.reported), []);
  t.host.checkout = checkoutSession({ id: 'chk_other' });
  t.paying.resume(t.host.checkout);
  assert.equal(t.host.payError, refunded);
  assert.deepEqual(codes(t.reported), ['payment_refunded']);
});

test('a refund held while the page shows its own checkout again, which then ends, is said with that end once: its payment is not asked about again', async () => {
  const tab = tabStorage();
  // The page showed another checkout, then this one again: its read is on its way.
  const { t } = await refundedWhileReading({ store: tab.store });
  assert.equal(tab.store.left('chk_abc')?.refund, 'fulfilment_failed', 'kept with its payment until said, as a reload may come first');
  // The read answers that the checkout was archived meanwhile: the coordinator's fail() asks first, then says what is held.
  const end = new CheckoutError('archived');
  if (t.paying.askBeforeEnd(end)) {
    await until(() => t.finalizes.length > 1);
    t.finalizes.at(-1)!.reject(new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' }));
    await settle();
  }
  const untold = t.paying.untoldRefund();
  const told = [...t.reported, ...(untold ? [untold] : [])];
  assert.deepEqual(told.map((error) => error.code), ['payment_refunded'], 'told once');
  assert.equal(untold?.detail ?? untold?.code, 'payment_refunded', 'its words said once, with the end');
  assert.equal(t.finalizes.length, 1, 'a payment known refunded is not asked about');
  assert.equal(tab.store.left('chk_abc'), null, 'forgotten once said');
});

test('two elements of one tab whose Pays for one checkout are pressed together send one payment: the one whose token came second says payment_in_progress, recoverable, and sends nothing', async () => {
  const tab = tabStorage();
  const a = setup(checkoutSession(), { store: tab.store });
  const b = setup(checkoutSession(), { store: tab.store });
  a.paying.pay();
  b.paying.pay();
  await settle();
  assert.equal(a.completes.length + b.completes.length, 1, 'one payment');
  assert.equal(b.host.payError?.code, 'payment_in_progress');
  assert.equal(b.host.payError?.recoverable, true);
  a.completes[0]!.resolve(paid());
  await settle();
});

test('a session read again (reset) while Stripe checks the fields, while the page’s step runs, or while Stripe makes the token charges nothing for the form it replaced, and says nothing over the read', async () => {
  for (const when of ['fields', 'step', 'token'] as const) {
    const tab = tabStorage();
    const t = setup(checkoutSession(), { store: tab.store });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    if (when === 'fields') t.host.customer = { ...t.host.customer, email: 'ada@' };
    if (when === 'step') t.element.record('paid-checkout-before-confirm', (event) => event.detail.waitUntil(gate));
    const fields = t.host.payments.fields!;
    const makeToken = fields.createToken.bind(fields);
    if (when === 'token') Object.assign(fields, { createToken: async (...args: Parameters<typeof makeToken>) => (await gate, makeToken(...args)) });
    t.paying.pay();
    // Stripe's check of its fields answers at the next turn; the step and the token wait for the gate.
    if (when !== 'fields') await settle();
    t.paying.reset();
    t.host.phase = { kind: 'loading' };
    release();
    await settle();
    await settle();
    assert.equal(t.tokens, when === 'token' ? 1 : 0, when);
    assert.equal(t.completes.length, 0, when);
    assert.equal(tab.items.size, 0, `${when}: nothing kept for a reload to send`);
    assert.deepEqual(t.host.phase, { kind: 'loading' }, when);
    assert.deepEqual(t.reported, [], when);
  }
});

test('without storage, two elements of one page for one checkout send one payment: the second says payment_in_progress and sends nothing', async () => {
  const store = new AttemptStore(Date.now, () => null, new Map());
  const a = setup(checkoutSession({ id: 'chk_nostore' }), { store });
  const b = setup(checkoutSession({ id: 'chk_nostore' }), { store });
  a.paying.pay();
  await settle();
  b.paying.pay();
  await settle();
  assert.equal(a.completes.length, 1);
  assert.equal(b.completes.length, 0);
  assert.equal(b.host.payError?.code, 'payment_in_progress');
  a.completes[0]!.resolve(paid());
  await settle();
  b.paying.pay();
  await settle();
  assert.equal(b.completes.length, 1, 'once the first is settled, nothing is kept');
});

/** The refund of a payment left behind when checkout-id changed, answered while the next checkout's payment is on its way. */
async function refundHeldWhileNextPays() {
  const t = setup();
  const first = await payUntilComplete(t);
  // checkout-id changed: the coordinator's load() resets the payer, then shows the other checkout.
  t.paying.reset();
  t.host.phase = { kind: 'loading' };
  t.host.checkout = checkoutSession({ id: 'chk_other' });
  t.paying.resume(t.host.checkout);
  await until(() => t.log.includes('showForm chk_other'));
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 2, 'the other checkout’s payment was sent');
  const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' });
  first.reject(refunded);
  await settle();
  assert.deepEqual(codes(t.reported), [], 'held while the other payment is under way');
  assert.deepEqual(t.host.phase, { kind: 'paying' });
  return { t, refunded, next: t.completes[1]! };
}

test('a refund held while the next checkout’s payment was under way is told once on its success, before paid-checkout-complete; the success stays for the customer to read it, and its link leaves', async () => {
  const { t, refunded, next } = await refundHeldWhileNextPays();
  const completed = t.element.record('paid-checkout-complete', () => t.log.push(`complete, told ${codes(t.reported)}`));
  next.resolve(paid());
  await settle();
  assert.ok(t.host.phase.kind === 'succeeded');
  assert.equal(t.host.phase.error, refunded, 'said on the success state');
  assert.equal(t.host.phase.navigating, false);
  assert.equal(t.host.phase.held, true, 'leaving now would take the refund’s words away unread');
  assert.deepEqual(codes(t.reported), ['payment_refunded']);
  assert.equal(completed.length, 1);
  assert.ok(t.log.includes('complete, told payment_refunded'));
  assert.deepEqual(t.navigated, []);
  assert.equal(t.paying.untoldRefund(), null, 'said: nothing left for a later read');
});

test('a success with nothing else to say leaves for its URL at once, not held', async () => {
  const t = setup();
  const sent = await payUntilComplete(t);
  sent.resolve(paid());
  await settle();
  assert.ok(t.host.phase.kind === 'succeeded');
  assert.equal(t.host.phase.held, false);
  assert.equal(t.host.phase.navigating, true);
  assert.equal(t.navigated.length, 1);
});

test('a refund held while the next checkout’s payment was under way is told once over the form that payment gives back: declined, or its answer lost', async () => {
  for (const ending of [new CheckoutError('card_declined', { recoverable: true }), new CheckoutError('network_error', { recoverable: true })]) {
    const { t, next } = await refundHeldWhileNextPays();
    next.reject(ending);
    await settle();
    assert.deepEqual(t.host.phase, { kind: 'ready' });
    assert.deepEqual(codes(t.reported), ['payment_refunded', ending.code], ending.code);
    assert.equal(t.host.payError?.code, ending.code, 'the form’s error keeps its own code');
    assert.equal(t.host.payError?.detail, `payment_refunded: ${ending.code}`, 'the refund’s words first');
    assert.equal(t.paying.untoldRefund(), null);
  }
});

test('a refund held while the next checkout’s payment was under way stays said on its success when the page cancels paid-checkout-complete: told once, before it, and nothing leaves', async () => {
  const { t, refunded, next } = await refundHeldWhileNextPays();
  const completed = t.element.record('paid-checkout-complete', (event) => {
    t.log.push(`complete, told ${codes(t.reported)}`);
    event.preventDefault();
  });
  next.resolve(paid());
  await settle();
  assert.ok(t.host.phase.kind === 'succeeded');
  assert.equal(t.host.phase.error, refunded, 'the success state still says the refund');
  assert.equal(t.host.phase.navigating, false);
  assert.equal(completed.length, 1);
  assert.ok(t.log.includes('complete, told payment_refunded'), 'told before paid-checkout-complete, which the page may answer by routing away');
  assert.deepEqual(t.navigated, []);
  assert.deepEqual(codes(t.reported), ['payment_refunded'], 'told once: no unsafe_url, nothing more');
  assert.equal(t.paying.untoldRefund(), null, 'said: nothing left for a later read');
});

test('a refund held while the next checkout’s payment was under way is told on its success when no summary is shown: the success is shown and told all the same, naming no lines', async () => {
  const { t, refunded, next } = await refundHeldWhileNextPays();
  const completed = t.element.record('paid-checkout-complete');
  // The order shown is gone (nothing in the element clears it mid-payment today: a guard kept this path).
  t.host.priced = null;
  next.resolve(paid());
  await settle();
  assert.ok(t.host.phase.kind === 'succeeded', `a payment taken is shown as paid, not left ${t.host.phase.kind}`);
  assert.equal(t.host.phase.error, refunded);
  assert.deepEqual(codes(t.reported), ['payment_refunded']);
  assert.equal(completed.length, 1);
  assert.deepEqual(completed[0]!.detail.lines, []);
  assert.deepEqual(completed[0]!.detail.recurring, []);
  assert.equal(t.host.phase.held, true, 'stays for the refund to be read');
  assert.deepEqual(t.navigated, []);
  assert.equal(t.paying.untoldRefund(), null, 'not left for a read that may never come');
});

/** The coordinator's restoreOrder: the form shows `request`'s order, repriced (the fake host's shows the defaults). */
function restoringOrders(t: ReturnType<typeof setup>): void {
  t.host.restoreOrder = (request) => {
    t.choices.start();
    if (request) {
      t.host.selections = request.selections.map((selection) => ({ ...selection }));
      t.host.currency = request.currency;
    }
    return t.choices.reprice();
  };
}

/** checkout-id A -> B, then B -> A: each load resets the payer and reads its checkout (A is then resumed again). */
function checkoutIdChangedAndBack(t: ReturnType<typeof setup>): void {
  for (let load = 0; load < 2; load += 1) {
    t.paying.reset();
    t.host.phase = { kind: 'loading' };
  }
}

test('checkout-id changed and back while complete is on its way: that payment is shown under way again, Pay sends nothing more, and its paid answer is this form’s success (review R1)', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  restoringOrders(t);
  const completed = t.element.record('paid-checkout-complete');
  t.choices.setQuantity('prod_seats', 5);
  const first = await payUntilComplete(t);
  checkoutIdChangedAndBack(t);
  t.choices.start();
  t.paying.resume(t.host.checkout!);
  assert.ok(!t.log.some((line) => line.startsWith('showForm')), 'the form is not offered over the payment');
  assert.deepEqual(t.host.phase, { kind: 'paying', note: 'pay.resuming' });
  assert.ok(t.log.includes('resuming'), 'Stripe’s fields load, in case the bank asks');
  assert.deepEqual(t.host.selections, first.args.request.selections, 'the form shows the order being paid');
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 1, 'nothing more is sent');
  first.resolve(paid());
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded');
  assert.equal(completed.length, 1);
  assert.equal(completed[0]!.cancelable, true, 'a success of the form shown: the page may stay');
  assert.deepEqual(completed[0]!.detail.lines.map((line) => line.quantity), [1, 5], 'the lines bought');
  assert.deepEqual(t.navigated, ['https://shop.example/thanks?c=chk_abc']);
  assert.equal(tab.items.size, 0);
});

test('checkout-id changed and back while complete is on its way, the form now showing the checkout’s defaults (that order no longer resolves): its paid answer names no lines, never the defaults’', async () => {
  const t = setup();
  const completed = t.element.record('paid-checkout-complete');
  t.choices.setQuantity('prod_seats', 5);
  const first = await payUntilComplete(t);
  checkoutIdChangedAndBack(t);
  t.paying.resume(t.host.checkout!);
  assert.notDeepEqual(t.host.selections, first.args.request.selections, 'the defaults are shown');
  first.resolve(paid());
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded');
  assert.equal(completed.length, 1);
  assert.deepEqual(completed[0]!.detail.lines, [], 'what was bought is not known here');
});

test('checkout-id changed and back while complete is on its way, its answer then lost: Pay resends that payment with its key, never a new one', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  restoringOrders(t);
  const first = await payUntilComplete(t);
  checkoutIdChangedAndBack(t);
  t.paying.resume(t.host.checkout!);
  first.reject(new CheckoutError('network_error', { recoverable: true }));
  await settle();
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.host.payError?.code, 'network_error');
  assert.equal(t.paying.pending, true, 'the form is locked to that payment');
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 2);
  assert.equal(t.completes[1]!.args.key, first.args.key, 'the same key');
  assert.deepEqual(t.completes[1]!.args.request, first.args.request, 'the same request and token');
});

test('checkout-id changed and back while the bank is asked: shown as under way with its payment, and finalized as this form’s', async () => {
  const t = setup(checkoutSession(), { store: tabStorage().store });
  restoringOrders(t);
  const first = await payUntilComplete(t);
  const challenge = holdChallenge(t);
  first.resolve(requiresAction('pi_asked'));
  await until(() => challenge.asked);
  checkoutIdChangedAndBack(t);
  t.paying.resume(t.host.checkout!);
  assert.deepEqual(t.host.phase, { kind: 'paying', note: 'pay.resuming', paymentIntentId: 'pi_asked' });
  challenge.answer({});
  await until(() => t.finalizes.length === 1);
  t.finalizes[0]!.resolve(paid());
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded');
  assert.equal(t.navigated.length, 1);
});

test('a refund answered after checkout-id changed to a checkout that failed to show is said in that failed state, once (review R2)', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  const first = await payUntilComplete(t);
  first.resolve(requiresAction('pi_moved'));
  await settle();
  // checkout-id changed to a checkout whose read failed (not found): the failed state.
  t.paying.reset();
  t.host.phase = { kind: 'failed', error: new CheckoutError('not_found') };
  const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed' });
  t.finalizes[0]!.reject(refunded);
  await settle();
  assert.equal(tab.items.size, 0, 'settled: nothing is left for a later load to say');
  assert.deepEqual(codes(t.reported), ['payment_refunded'], 'told to the page once');
  assert.equal(t.host.phase.kind, 'failed');
  const { error } = t.host.phase as { error: CheckoutError };
  assert.equal(error.code, 'not_found', 'the state keeps its own code');
  assert.equal(error.detail, 'payment_refunded: not_found', 'the refund’s words first');
  assert.equal(t.announced.at(-1), 'payment_refunded: not_found');
  assert.equal(t.paying.untoldRefund(), null, 'nothing left to say again');
});

test('a refund answered after the next checkout’s success, which the page kept on screen, is said on that success, once (review R2b)', async () => {
  const t = setup();
  const first = await payUntilComplete(t);
  t.paying.reset();
  t.host.phase = { kind: 'loading' };
  t.host.checkout = checkoutSession({ id: 'chk_other' });
  t.paying.resume(t.host.checkout);
  await until(() => t.log.includes('showForm chk_other'));
  t.element.record('paid-checkout-complete', (event) => event.preventDefault());
  t.paying.pay();
  await settle();
  t.completes[1]!.resolve({ ...paid(), checkoutId: 'chk_other' });
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded');
  const refunded = new CheckoutError('payment_refunded', { recoverable: true, reason: 'fulfilment_failed', detail: 'The order could not be fulfilled.' });
  first.reject(refunded);
  await settle();
  assert.deepEqual(codes(t.reported), ['payment_refunded'], 'told to the page once');
  const after = t.host.phase as { kind: string; error: CheckoutError | null };
  assert.equal(after.kind, 'succeeded', 'the success stays');
  assert.equal(after.error, refunded, 'and says the refund');
  assert.equal(t.announced.at(-1), '', 'in the success’s alert, not read out twice');
  assert.deepEqual(t.navigated, [], 'the page said to stay');
});

test('Back restores the page with its 3-D Secure challenge still open: finalize finds it unfinished, then the buyer approves it and is shown the success, not "nothing was charged" (review R3)', async () => {
  const { tab, t, challenge, first } = await challengeOpen();
  const completed = t.element.record('paid-checkout-complete');
  assert.deepEqual(t.host.phase, { kind: 'paying', paymentIntentId: 'pi_modal' });
  t.paying.restored();
  await until(() => t.finalizes.length === 1);
  t.finalizes[0]!.reject(new CheckoutError('payment_not_finished', { recoverable: true }));
  await settle();
  assert.equal(t.host.payError?.code, 'payment_not_finished');
  challenge.answer({});
  await until(() => t.finalizes.length === 2);
  assert.equal(t.finalizes[1]!.args.key, t.finalizes[0]!.args.key, 'the same payment, finalized under its own key');
  t.finalizes[1]!.resolve({ ...paid(), paymentIntent: { id: 'pi_modal', status: 'succeeded', clientSecret: null } });
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded', 'the buyer who paid is shown so');
  assert.equal(completed.length, 1, 'told once');
  assert.equal(completed[0]!.cancelable, true);
  assert.equal(t.navigated.length, 1);
  assert.equal(tab.items.size, 0, 'nothing unfinished is left to name');
});

test('a success answered while the element is out of the page leaves as it is the payment another element said was not finished (it took it over while the challenge was open here): that one’s next Pay asks, and charges nothing more', async () => {
  const { tab, t, challenge, first } = await challengeOpen();
  const completed = t.element.record('paid-checkout-complete');
  // The page swaps the element for a new one (hostDisconnected); the new one finalizes the payment
  // it finds kept, is answered that it waits for its bank, and leaves it for its next Pay to name.
  t.paying.away(true);
  (t.host as { connected: boolean }).connected = false;
  const { request } = first.args;
  tab.store.clear('chk_abc');
  tab.store.leave('chk_abc', 'pi_modal', request);
  // The buyer approves the challenge still open: this element's run is answered paid.
  challenge.answer({});
  await until(() => t.finalizes.length === 1);
  t.finalizes[0]!.resolve({ ...paid(), paymentIntent: { id: 'pi_modal', status: 'succeeded', clientSecret: null } });
  await settle();
  assert.equal(completed.length, 1, 'its page is told');
  assert.equal(tab.store.unfinished('chk_abc'), 'pi_modal', 'the new element’s next Pay names it, and learns it was paid');
});

test('an element that said a payment was not finished asks how it ended at its next Pay even when another element, put back beside it and shown that payment’s success, cleared the tab’s record of it: nothing more is charged', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(t, 'pi_modal');
  assert.equal(tab.store.unfinished('chk_abc'), 'pi_modal');
  // The element it took the payment over from is put back into the page; its challenge, still open, is approved:
  // it shows the success, in the page, and clears the tab's record.
  tab.store.leave('chk_abc', null);
  await payAskingFirst(t, 'pi_modal', { ...paid(), paymentIntent: { id: 'pi_modal', status: 'succeeded', clientSecret: null } });
  assert.equal(t.completes.length, 1, 'never charged again');
  assertEarlierSuccessStays(t);
});

test('a payment answered while the element is out of the page leaves kept the newer payment another element of the tab started meanwhile: a reload resends that one with its keys', async () => {
  const { tab, t, challenge, first } = await challengeOpen();
  t.paying.away(true);
  (t.host as { connected: boolean }).connected = false;
  // The new element said the payment was not finished, and its customer pressed Pay again: its
  // new payment is on the network, kept with its own keys.
  tab.store.clear('chk_abc');
  tab.store.leave('chk_abc', 'pi_modal', first.args.request);
  const newer = newAttempt({ ...first.args.request, replacesPaymentIntentId: 'pi_modal' });
  tab.store.save('chk_abc', newer);
  challenge.answer({});
  await until(() => t.finalizes.length === 1);
  t.finalizes[0]!.resolve({ ...paid(), paymentIntent: { id: 'pi_modal', status: 'succeeded', clientSecret: null } });
  await settle();
  assert.equal(JSON.parse(tab.store.raw('chk_abc') ?? '{}').completeKey, newer.completeKey, 'the newer payment is still kept for a reload');
});

for (const [ended, error] of [
  ['refunded (the price edited during the challenge)', new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' })],
  ['refunded as its checkout closed', new CheckoutError('payment_refunded', { reason: null })],
] as const) {
  for (const tookOver of [true, false]) {
  const who = tookOver ? 'leaves as it is the payment another element said was not finished: that one’s next Pay asks' : 'with no element in its place, keeps it as left unfinished: the next element for the checkout asks (at its Pay, or before it shows the checkout ended)';
  test(`a payment ${ended} answered while the element is out of the page ${who}, and says the refund`, async () => {
    const { tab, t, challenge, first } = await challengeOpen();
    t.paying.away(true);
    (t.host as { connected: boolean }).connected = false;
    if (tookOver) {
      tab.store.clear('chk_abc');
      tab.store.leave('chk_abc', 'pi_modal', first.args.request);
    }
    challenge.answer({});
    await until(() => t.finalizes.length === 1);
    t.finalizes[0]!.reject(error);
    await settle();
    assert.equal(tab.store.unfinished('chk_abc'), 'pi_modal', 'the next Pay (or end) for the checkout names it, and is told of its refund');
    assert.equal(tab.store.raw('chk_abc'), null, 'its attempt is settled: nothing is resent');
  });
  }
}

/** A payment of chk_abc left unfinished (pi_left), then its checkout's end shown (`end`): asked about by name before anything says so. */
async function endAsked(end = new CheckoutError('expired'), options: Parameters<typeof setup>[1] = {}) {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { ...options, store: tab.store });
  await leftUnfinished(t, 'pi_left');
  const asked = t.finalizes.length;
  assert.equal(t.paying.askBeforeEnd(end), true, 'asked first');
  assert.deepEqual(t.host.phase, { kind: 'paying', note: 'pay.redirectReturning' }, 'the form waits, as for a payment being finished');
  return { t, tab, end, asked };
}

for (const [answered, answer, left] of [
  ['cancelled by the server as it is told the checkout closed', new CheckoutError('expired'), null],
  ['refused by its bank', new CheckoutError('authentication_failed', { recoverable: true }), null],
  ['unknown to the server', new CheckoutError('not_found'), null],
  ['still waiting by the server’s clock (the page’s ran ahead)', new CheckoutError('payment_not_finished', { recoverable: true }), 'pi_left'],
] as const) {
  test(`the checkout's end shown while a payment of it is left unfinished, ${answered}: the end is said once the question is answered; what is left is ${left ?? 'nothing'}`, async () => {
    const { t, tab, end, asked } = await endAsked();
    await until(() => t.finalizes.length > asked);
    const question = t.finalizes.at(-1)!;
    assert.equal(question.args.paymentIntentId, 'pi_left', 'named');
    assert.deepEqual(t.failed, [], 'nothing said before the answer');
    question.reject(answer);
    await settle();
    assert.deepEqual(t.failed, [end]);
    assert.equal(tab.store.unfinished('chk_abc'), left);
    assert.equal(t.paying.untoldRefund(), null, 'no refund to say');
    // The coordinator's fail() asks again before it says the end: once a load.
    assert.equal(t.paying.askBeforeEnd(end), false, 'asked once');
    t.paying.reset();
    assert.equal(t.paying.askBeforeEnd(end), left !== null, 'a load asks again about what is still left');
  });
}

test('the checkout’s end shown while a payment of it is left unfinished, which was taken and refunded as it closed: the refund is said with the end, and forgotten', async () => {
  const { t, tab, end, asked } = await endAsked(new CheckoutError('archived'));
  await until(() => t.finalizes.length > asked);
  // As the API client reads a refund as its checkout closed: no words of its own, not recoverable.
  const refund = new CheckoutError('payment_refunded', { reason: null });
  t.finalizes.at(-1)!.reject(refund);
  await settle();
  assert.deepEqual(t.failed, [end]);
  assert.equal(t.paying.untoldRefund(), refund, 'the refund, for fail() to say with the end');
  assert.equal(tab.store.unfinished('chk_abc'), null);
  // The element's own memory of it is gone too: a later load asks nothing.
  t.paying.reset();
  assert.equal(t.paying.askBeforeEnd(end), false);
});

test('the checkout’s end shown while a payment of it is left unfinished, which the bank approved in time: that payment’s success instead, saying nothing more was charged', async () => {
  const { t, tab, asked } = await endAsked(new CheckoutError('completed'));
  const completed = t.element.record('paid-checkout-complete');
  await until(() => t.finalizes.length > asked);
  t.finalizes.at(-1)!.resolve({ ...paid(), paymentIntent: { id: 'pi_left', status: 'succeeded', clientSecret: null } });
  await settle();
  assert.deepEqual(t.failed, [], 'not "already completed"');
  assert.equal(completed.length, 1);
  assert.equal(tab.store.unfinished('chk_abc'), null);
  assertEarlierSuccessStays(t);
});

for (const [lost, options] of [
  ['its answer is lost', {}],
  ['the resume reader’s chunk does not load', { loadReader: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')) }],
] as const) {
  test(`the checkout’s end shown while a payment of it is left unfinished, and ${lost}: it may have been taken, so the state says a payment may be pending, and the payment stays left for Try again`, async () => {
    const { t, tab, asked } = await endAsked(new CheckoutError('expired'), options);
    if (!('loadReader' in options)) {
      await until(() => t.finalizes.length > asked);
      t.finalizes.at(-1)!.reject(new TypeError('Failed to fetch'));
    }
    await settle();
    await until(() => t.failed.length > 0);
    assert.deepEqual(codes(t.failed), ['network_error']);
    assert.equal(t.paying.unresolved, true);
    assert.equal(tab.store.unfinished('chk_abc'), 'pi_left');
  });
}

test('another checkout’s end, asked about and settled, leaves what this element said of its own checkout’s payment: back on it, its end asks about that payment', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(t, 'pi_said');
  // Another element cleared the tab's record of it; the page shows another checkout, which ends while a payment of it is left.
  tab.store.leave('chk_abc', null);
  tab.store.leave('chk_other', 'pi_other');
  t.paying.reset();
  t.host.checkout = checkoutSession({ id: 'chk_other' });
  t.host.phase = { kind: 'loading' };
  assert.equal(t.paying.askBeforeEnd(new CheckoutError('expired')), true);
  await until(() => t.finalizes.at(-1)?.args.paymentIntentId === 'pi_other');
  t.finalizes.at(-1)!.reject(new CheckoutError('expired'));
  await settle();
  // The page shows the first checkout again, and it has ended too.
  t.paying.reset();
  t.host.checkout = checkoutSession();
  assert.equal(t.paying.askBeforeEnd(new CheckoutError('expired')), true, 'what this element said of chk_abc is still asked about');
  await until(() => t.finalizes.at(-1)?.args.paymentIntentId === 'pi_said');
});

/** The page sets `checkout-id` to chk_other: the coordinator's load() resets the payer, then that checkout's form shows. */
async function showOther(t: ReturnType<typeof setup>): Promise<void> {
  t.element.checkoutId = 'chk_other';
  t.paying.reset();
  t.host.phase = { kind: 'loading' };
  t.host.checkout = checkoutSession({ id: 'chk_other' });
  t.paying.resume(t.host.checkout);
  await until(() => t.log.includes('showForm chk_other'));
}

/** As endAsked, then the page shows another checkout (`shown`) before the question is answered: the element reads it. */
async function endAskedThenShown(shown: string, end = new CheckoutError('completed')) {
  const asked = await endAsked(end);
  const { t } = asked;
  await until(() => t.finalizes.length > asked.asked);
  const question = t.finalizes.at(-1)!;
  const completed = t.element.record('paid-checkout-complete');
  t.element.checkoutId = shown;
  t.paying.reset();
  t.host.checkout = checkoutSession({ id: shown });
  t.host.phase = { kind: 'ready' };
  return { ...asked, question, completed, reported: t.reported.length };
}

test('a payment asked about before its checkout’s end, approved in time but answered after the page showed another checkout: the page is told of that order, and it is forgotten', async () => {
  const { t, tab, question, completed } = await endAskedThenShown('chk_other');
  question.resolve({ ...paid(), paymentIntent: { id: 'pi_left', status: 'succeeded', clientSecret: null } });
  await settle();
  assert.equal(completed.length, 1, 'paid-checkout-complete, as for any payment of a checkout no longer shown');
  const [event] = completed;
  assert.equal(event!.detail.checkoutId, 'chk_abc');
  assert.equal(event!.detail.orderId, paid().orderId);
  assert.equal(event!.detail.navigates, false, 'nothing navigates away from the checkout shown');
  assert.equal(event!.cancelable, false);
  assert.deepEqual(event!.detail.lines, [], 'what it bought is not known here');
  assert.deepEqual([event!.detail.customer.name, event!.detail.customer.email], [null, null], 'what the form now holds is not that buyer’s');
  assert.deepEqual(t.host.phase, { kind: 'ready' }, 'the checkout shown is left as it is');
  assert.deepEqual([t.failed, t.navigated], [[], []]);
  assert.equal(tab.store.unfinished('chk_abc'), null);
  // Back on the first checkout, its end asks nothing: the payment was told.
  t.element.checkoutId = 'chk_abc';
  t.paying.reset();
  t.host.checkout = checkoutSession();
  assert.equal(t.paying.askBeforeEnd(new CheckoutError('completed')), false);
});

test('a payment asked about before its checkout’s end, refunded as it closed, answered after the page showed another checkout: the refund is said over that checkout’s form, and forgotten', async () => {
  const { t, tab, question, completed, reported } = await endAskedThenShown('chk_other', new CheckoutError('archived'));
  question.reject(new CheckoutError('payment_refunded', { reason: null }));
  await settle();
  assert.deepEqual(codes(t.reported.slice(reported)), ['payment_refunded'], 'told to the page once');
  assert.equal(t.host.payError?.code, 'payment_refunded', 'said over the form shown');
  assert.deepEqual([t.failed, completed.length], [[], 0], 'the first checkout’s end is not said over another’s form');
  assert.equal(tab.store.unfinished('chk_abc'), null);
});

test('a payment asked about before its checkout’s end, answered after the page showed another checkout, when the tab now keeps a newer payment of that checkout: the newer one stays for its own question', async () => {
  const { t, tab, question, completed } = await endAskedThenShown('chk_other');
  // Another element of the tab paid on that checkout meanwhile (its clock had not reached the end), and left its payment unfinished.
  tab.store.leave('chk_abc', 'pi_newer');
  question.reject(new CheckoutError('payment_refunded', { reason: null }));
  await settle();
  assert.equal(tab.store.unfinished('chk_abc'), 'pi_newer');
  assert.deepEqual([completed.length, t.host.payError], [0, null]);
});

for (const [answered, answer] of [
  ['approved', { ...paid(), paymentIntent: { id: 'pi_left', status: 'succeeded', clientSecret: null } }],
  ['refunded', new CheckoutError('payment_refunded', { reason: null })],
  ['still waiting', new CheckoutError('payment_not_finished', { recoverable: true })],
  ['unknown (its answer lost)', new TypeError('Failed to fetch')],
] as const) {
  for (const shown of ['chk_abc', 'chk_other']) {
    const kept = shown === 'chk_abc' || !('orderId' in answer || answer instanceof CheckoutError && answer.code === 'payment_refunded');
    test(`a payment asked about before its checkout’s end, ${answered} after the page showed ${shown === 'chk_abc' ? 'the same checkout again' : 'another checkout'}: ${kept ? 'kept for the next question, nothing told yet' : 'told, and forgotten'}`, async () => {
      const { t, tab, question, completed, reported } = await endAskedThenShown(shown);
      if (answer instanceof Error && !(answer instanceof CheckoutError)) question.reject(answer);
      else if (answer instanceof CheckoutError) question.reject(answer);
      else question.resolve(answer);
      await settle();
      assert.equal(tab.store.unfinished('chk_abc'), kept ? 'pi_left' : null);
      if (kept) {
        assert.deepEqual([completed.length, t.reported.length - reported, t.failed.length], [0, 0, 0], 'the load under way asks about it itself');
        t.host.checkout = checkoutSession();
        assert.equal(t.paying.askBeforeEnd(new CheckoutError('completed')), true, 'the end of that checkout asks again');
      }
    });
  }
}

test('nothing is asked before a checkout’s end with nothing left unfinished, out of the page, or for an error that is no end', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  assert.equal(t.paying.askBeforeEnd(new CheckoutError('expired')), false, 'nothing left');
  await leftUnfinished(t, 'pi_left');
  assert.equal(t.paying.askBeforeEnd(new CheckoutError('not_found')), false, 'not an end of a checkout it read');
  (t.host as { connected: boolean }).connected = false;
  assert.equal(t.paying.askBeforeEnd(new CheckoutError('expired')), false, 'out of the page: shown to nobody');
  (t.host as { connected: boolean }).connected = true;
  // Another element cleared the tab's record (it showed that payment's success): this one said it was not finished, and asks.
  tab.store.leave('chk_abc', null);
  assert.equal(t.paying.askBeforeEnd(new CheckoutError('expired')), true, 'what this element said is asked about');
  await until(() => t.finalizes.at(-1)?.args.paymentIntentId === 'pi_left' && t.finalizes.length === 2);
});

for (const [answered, answer] of [
  ['the end', new CheckoutError('expired')],
  ['that payment’s success', { ...paid(), paymentIntent: { id: 'pi_left', status: 'succeeded', clientSecret: null } }],
] as const) {
  test(`the checkout’s end asked about, then checkout-id changed before the answer (${answered}): the next checkout’s form stays as it is, and the payment, over, is forgotten (its success told to the page)`, async () => {
    const { t, tab, asked } = await endAsked();
    const completed = t.element.record('paid-checkout-complete');
    await until(() => t.finalizes.length > asked);
    await showOther(t);
    const question = t.finalizes.at(-1)!;
    if (answer instanceof CheckoutError) question.reject(answer);
    else question.resolve(answer);
    await settle();
    assert.deepEqual(t.host.phase, { kind: 'ready' }, 'neither the old checkout’s end nor its success over this form');
    assert.deepEqual(t.failed, []);
    assert.equal(completed.length, answer instanceof CheckoutError ? 0 : 1);
    assert.equal(tab.store.unfinished('chk_abc'), null, 'nothing left to ask about');
  });
}

for (const [chunk, options] of [
  ['has loaded', {}],
  ['fails to load', { loadReader: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')) }],
] as const) {
  test(`the checkout’s end asked about, then checkout-id changed before the resume reader’s chunk ${chunk}: nothing is asked, and nothing is said over the next checkout’s form`, async () => {
    const tab = tabStorage();
    const t = setup(checkoutSession(), { ...options, store: tab.store });
    await leftUnfinished(t, 'pi_left');
    const asked = t.finalizes.length;
    assert.equal(t.paying.askBeforeEnd(new CheckoutError('expired')), true);
    // checkout-id changed at once (the chunk is loaded once a page: its promise may already be settled).
    t.paying.reset();
    t.host.phase = { kind: 'loading' };
    t.host.checkout = checkoutSession({ id: 'chk_other' });
    t.paying.resume(t.host.checkout);
    await until(() => t.log.includes('showForm chk_other'));
    await settle();
    assert.equal(t.finalizes.length, asked, 'nothing asked for a checkout no longer shown');
    // Had it been asked, its answer would come now.
    t.finalizes.at(-1)?.reject(new CheckoutError('expired'));
    await settle();
    assert.deepEqual(t.host.phase, { kind: 'ready' }, 'the next checkout’s form');
    assert.deepEqual(t.failed, []);
    assert.equal(t.paying.unresolved, false, 'no payment said to be pending');
    assert.equal(tab.store.unfinished('chk_abc'), 'pi_left', 'asked when its checkout is shown again');
  });
}

test('a reload that reads the checkout ended, while a payment of it is left unfinished: asked about under the loading state, never a form saying it returns from the bank', async () => {
  const tab = tabStorage();
  await leftUnfinished(setup(checkoutSession(), { store: tab.store }), 'pi_left');
  const reload = setup(checkoutSession(), { store: tab.store });
  reload.host.phase = { kind: 'loading' };
  const announced = reload.announced.length;
  const end = new CheckoutError('expired');
  assert.equal(reload.paying.askBeforeEnd(end), true);
  assert.deepEqual(reload.host.phase, { kind: 'loading' }, 'still loading');
  assert.equal(reload.announced.length, announced, 'nothing said yet');
  await until(() => reload.finalizes.length === 1);
  assert.equal(reload.finalizes[0]!.args.paymentIntentId, 'pi_left');
  reload.finalizes[0]!.reject(new CheckoutError('expired'));
  await settle();
  assert.deepEqual(reload.failed, [end]);
});

test('a refund held for the read again when that read finds the checkout ended, a payment of it left unfinished asked about first and found over: the end is said with the refund, once', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(t, 'pi_left');
  await payAskingFirst(t, 'pi_left');
  // The new payment was taken, then refunded (the price was edited): held, and the checkout read again.
  const refund = new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' });
  t.completes.at(-1)!.reject(refund);
  await settle();
  assert.ok(t.log.includes('load'));
  // That read finds the checkout expired: the coordinator's fail() asks about the payment this element said was not finished.
  t.host.phase = { kind: 'loading' };
  const end = new CheckoutError('expired');
  assert.equal(t.paying.askBeforeEnd(end), true);
  await until(() => t.finalizes.at(-1)?.args.paymentIntentId === 'pi_left' && t.finalizes.length === 3);
  t.finalizes.at(-1)!.reject(new CheckoutError('expired'));
  await settle();
  assert.deepEqual(t.failed, [end], 'the end is shown');
  assert.deepEqual(codes(t.reported).filter((code) => code === 'payment_refunded'), [], 'the refund is not told apart from it');
  assert.equal(t.paying.untoldRefund(), refund, 'but held for fail() to say with the end');
});

test('a Pay over a payment left unfinished refused as its checkout closed while the element is out of the page keeps that payment left: the next element asks about it before it shows the end, and says its refund', async () => {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(t, 'pi_left');
  await payAskingFirst(t, 'pi_left');
  t.paying.away(true);
  (t.host as { connected: boolean }).connected = false;
  // The checkout closed before the new payment was made: nothing of it was charged.
  t.completes.at(-1)!.reject(new CheckoutError('expired'));
  await settle();
  assert.equal(tab.store.unfinished('chk_abc'), 'pi_left', 'still left: its bank may have approved it since');
  const next = setup(checkoutSession(), { store: tab.store });
  next.host.phase = { kind: 'loading' };
  const end = new CheckoutError('expired');
  assert.equal(next.paying.askBeforeEnd(end), true, 'asked before the end is shown');
  await until(() => next.finalizes.length === 1);
  assert.equal(next.finalizes[0]!.args.paymentIntentId, 'pi_left');
  const refund = new CheckoutError('payment_refunded', { reason: null });
  next.finalizes[0]!.reject(refund);
  await settle();
  assert.deepEqual(next.failed, [end]);
  assert.equal(next.paying.untoldRefund(), refund, 'its refund, for fail() to say with the end');
});

test('a payment this page moved on from, paid while the form shows that checkout with a new payment of it starting, is told, and the new one is left to the server', async () => {
  const t = setup();
  const completed = t.element.record('paid-checkout-complete');
  const first = await payUntilComplete(t);
  t.paying.reset();
  // The form is paying again (not ready): the first payment's success is told, not shown over it.
  t.host.phase = { kind: 'paying' };
  first.resolve(paid());
  await settle();
  assert.equal(completed.length, 1);
  assert.equal(completed[0]!.cancelable, false);
  assert.deepEqual(t.host.phase, { kind: 'paying' });
  assert.deepEqual(t.navigated, []);
});

for (const kept of [true, false]) {
  test(`a bank’s return to a page with two elements for its checkout (${kept ? 'the tab kept the attempt' : 'nothing kept'}): one finalizes and succeeds, the other shows its form and tells nothing`, async () => {
    const tab = tabStorage();
    if (kept) {
      const before = setup(checkoutSession(), { store: tab.store });
      const sent = await payUntilComplete(before);
      sent.resolve(requiresAction('pi_twice'));
      await until(() => before.log.some((line) => line.startsWith('handleNextAction')));
      before.paying.away(true);
    }
    const location = globalThis.location as { href: string; search?: string };
    location.search = '?paid_checkout_id=chk_abc&payment_intent=pi_twice&payment_intent_client_secret=pi_twice_secret_x1&redirect_status=succeeded';
    try {
      const first = setup(checkoutSession(), { store: tab.store });
      const second = setup(checkoutSession(), { store: tab.store });
      const completed = [first.element.record('paid-checkout-complete'), second.element.record('paid-checkout-complete')];
      first.host.phase = { kind: 'loading' };
      second.host.phase = { kind: 'loading' };
      first.paying.resume(first.host.checkout!);
      await until(() => first.finalizes.length === 1);
      second.paying.resume(second.host.checkout!);
      await until(() => second.log.includes('showForm chk_abc'));
      assert.equal(second.finalizes.length, 0, 'one finalize for the page');
      first.finalizes[0]!.resolve(paid());
      await settle();
      assert.equal(first.host.phase.kind, 'succeeded');
      assert.deepEqual(completed.map((events) => events.length), [1, 0], 'one paid-checkout-complete for the order');
      assert.equal(first.navigated.length + second.navigated.length, 1, 'one navigation');
      assert.deepEqual(second.reported, [], 'the second says nothing of it');
    } finally {
      delete location.search;
    }
  });
}

// A bank's return finalized again by the same element (its session read again): not taken for another element's.

test('a bank’s return being finalized (nothing kept) when checkout-id changes away and back: the payment is still finished and its success shown', async () => {
  const tab = tabStorage();
  const location = globalThis.location as { href: string; search?: string };
  location.search = '?paid_checkout_id=chk_abc&payment_intent=pi_back&payment_intent_client_secret=pi_back_secret_x1&redirect_status=succeeded';
  try {
    const t = setup(checkoutSession(), { store: tab.store });
    const completed = t.element.record('paid-checkout-complete');
    t.host.phase = { kind: 'loading' };
    t.paying.resume(t.host.checkout!);
    await until(() => t.finalizes.length === 1);
    // checkout-id A -> B, then B -> A while that finalize is on its way: each load resets the payer.
    t.paying.reset();
    t.host.phase = { kind: 'loading' };
    t.paying.reset();
    t.host.phase = { kind: 'loading' };
    t.paying.resume(t.host.checkout!);
    await until(() => t.finalizes.length === 2 || t.log.includes('showForm chk_abc'));
    for (const finalize of t.finalizes) finalize.resolve(paid());
    await settle();
    assert.ok(!t.log.includes('showForm chk_abc'), 'the form is not offered over a payment the bank approved and that is being finished');
    assert.equal(t.host.phase.kind, 'succeeded', 'its success is shown');
    assert.equal(completed.length, 1, 'the page is told once');
  } finally {
    delete location.search;
  }
});

test('Back with the challenge still open, the first run’s answer lost while the one Back sent is on its way, then checkout-id changed: the payment stays this element’s, and another element of the page for that checkout does not send it too', async () => {
  const { tab, t, challenge, first } = await challengeOpen();
  t.paying.restored();
  await until(() => t.finalizes.length === 1);
  // The challenge approved after all: the first run asks too, and its answer is lost.
  challenge.answer({});
  await until(() => t.finalizes.length === 2);
  t.finalizes[1]!.reject(new CheckoutError('network_error', { recoverable: true }));
  await settle();
  // The page points the element at another checkout while the run Back sent is still on its way.
  t.paying.reset();
  const other = setup(checkoutSession(), { store: tab.store });
  other.paying.resume(other.host.checkout!);
  await until(() => other.log.includes('showForm chk_abc') || other.finalizes.length + other.completes.length > 0);
  await settle();
  assert.equal(other.finalizes.length + other.completes.length, 0, 'one element finishes it');
});

for (const newRun of ['lost', 'still on its way'] as const) {
  test(`Back with the challenge still open, finalize ${newRun === 'lost' ? 'answered lost (Try again waiting)' : 'still on its way'}, then the challenge approved: one success, told once, and the other run's answer says nothing more`, async () => {
    const { tab, t, challenge, first } = await challengeOpen();
    const completed = t.element.record('paid-checkout-complete');
    t.paying.restored();
    await until(() => t.finalizes.length === 1);
    if (newRun === 'lost') {
      t.finalizes[0]!.reject(new CheckoutError('network_error', { recoverable: true }));
      await settle();
      assert.equal(t.paying.pending, true, 'Try again waits');
    }
    challenge.answer({});
    await until(() => t.finalizes.length === 2);
    const result = { ...paid(), paymentIntent: { id: 'pi_modal', status: 'succeeded' as const, clientSecret: null } };
    t.finalizes[1]!.resolve(result);
    await settle();
    assert.equal(t.host.phase.kind, 'succeeded');
    assert.equal(completed.length, 1);
    assert.equal(completed[0]!.cancelable, true);
    if (newRun === 'still on its way') t.finalizes[0]!.resolve(result);
    await settle();
    assert.equal(completed.length, 1, 'told once');
    assert.equal(t.navigated.length, 1, 'left once');
    assert.equal(t.paying.pending, false);
    assert.equal(tab.items.size, 0);
  });
}

/** Stripe's in-page 3-D Secure challenge, held open until the test answers it (`asked` once the element opened it). */
function holdChallenge(t: ReturnType<typeof setup>) {
  const held = { asked: false, answer: (_answer: { error?: StripeError }) => {} };
  t.host.payments = {
    ...t.host.payments,
    whenReady: async () => ({
      ...t.host.payments.fields!,
      handleNextAction: () =>
        new Promise((resolve) => {
          held.asked = true;
          held.answer = resolve;
        }),
    }),
  };
  return held;
}

/** Pay, and the bank's challenge for pi_modal open (held: the test answers it), the tab keeping the payment. */
async function challengeOpen() {
  const tab = tabStorage();
  const t = setup(checkoutSession(), { store: tab.store });
  const challenge = holdChallenge(t);
  const first = await payUntilComplete(t);
  first.resolve(requiresAction('pi_modal'));
  await settle();
  return { tab, t, challenge, first };
}

/**
 * A payment in its challenge (challengeOpen), then the page shows another checkout and its form;
 * `meanwhile` brings that form where the first payment's refund finds it, answered then.
 */
async function refundedAfterMovingOn(meanwhile: (t: ReturnType<typeof setup>) => Promise<void>) {
  const opened = await challengeOpen();
  const { t, challenge } = opened;
  await showOther(t);
  await meanwhile(t);
  const reported = t.reported.length;
  challenge.answer({});
  await until(() => t.finalizes.some((sent) => sent.args.paymentIntentId === 'pi_modal'));
  t.finalizes.find((sent) => sent.args.paymentIntentId === 'pi_modal')!.reject(new CheckoutError('payment_refunded', { recoverable: true, reason: 'amount_changed' }));
  await settle();
  return { ...opened, reported };
}

test('a refund of a checkout no longer shown, answered while the form shown holds a lost answer: said at once before its words, Try again kept (a reload before it would lose it)', async () => {
  const { t, tab, reported } = await refundedAfterMovingOn(async (page) => {
    page.paying.pay();
    await until(() => page.completes.length === 2);
    page.completes[1]!.reject(new TypeError('Failed to fetch'));
    await settle();
    assert.equal(page.host.payError?.code, 'network_error');
  });
  assert.deepEqual(codes(t.reported.slice(reported)), ['payment_refunded'], 'told now');
  assert.deepEqual([t.host.payError?.code, t.host.payError?.detail], ['network_error', 'payment_refunded: network_error'], 'said before the lost answer’s words');
  assert.equal(t.paying.pending, true, 'its Try again resends that payment');
  assert.equal(tab.store.unfinished('chk_abc'), null, 'said: nothing of it kept');
  assert.equal(t.paying.untoldRefund(), null, 'not said again');
});

test('a refund of a checkout no longer shown, answered while the form shown has a payment under way: held for that payment’s end, and kept in the tab with its payment meanwhile (a reload first: whatever shows that checkout next asks, and says it); said, it is forgotten', async () => {
  const { t, tab, reported } = await refundedAfterMovingOn(async (page) => {
    page.paying.pay();
    await until(() => page.completes.length === 2);
  });
  assert.equal(t.reported.length, reported, 'held while the payment is under way');
  assert.deepEqual(tab.store.left('chk_abc'), { ...tab.store.left('chk_abc'), id: 'pi_modal', refund: 'amount_changed' }, 'kept with its refund');
  t.completes[1]!.resolve(paid());
  await settle();
  assert.equal(t.host.phase.kind, 'succeeded');
  assert.deepEqual(codes(t.reported.slice(reported)), ['payment_refunded'], 'said with that success');
  assert.equal(tab.store.unfinished('chk_abc'), null, 'and forgotten');
});

// What must not happen "in a while" is checked on Node's fake clock, moved an hour on, so that no
// delay of the element's (nor none) can hide it.

test('a page’s step still running holds the payment however long it takes: no token, no complete, until the step is done', async (context) => {
  context.mock.timers.enable({ apis: ['setTimeout'] });
  const t = setup();
  let finishStep: () => void = () => assert.fail('the page’s step was never asked');
  t.element.record('paid-checkout-before-confirm', (event) => event.detail.waitUntil(new Promise<void>((resolve) => (finishStep = resolve))));
  t.paying.pay();
  await settle();
  context.mock.timers.tick(3_600_000);
  await settle();
  assert.equal(t.tokens, 0, 'no token while the page’s step runs');
  assert.equal(t.completes.length, 0, 'no complete while the page’s step runs');
  assert.deepEqual(t.host.phase, { kind: 'paying' });
  finishStep();
  await settle();
  assert.equal(t.tokens, 1, 'a token once the step is done');
  assert.equal(t.completes.length, 1, 'complete sent once the step is done');
});

test('a lost answer is never resent by itself: an hour later (past every request timeout) one complete, the form back with Try again', async (context) => {
  context.mock.timers.enable({ apis: ['setTimeout'] });
  const t = setup();
  const sent = await payUntilComplete(t);
  const lost = new CheckoutError('network_error', { recoverable: true });
  sent.reject(lost);
  await settle();
  // complete's own timeout is 60 s (src/api/client.ts); an hour is past any retry the element could schedule.
  context.mock.timers.tick(3_600_000);
  await settle();
  assert.equal(t.completes.length, 1, 'nothing resent without the customer');
  assert.deepEqual(t.host.phase, { kind: 'ready' });
  assert.equal(t.paying.pending, true, 'the attempt is kept: the button is Try again');
  assert.equal(t.host.payError, lost);
  t.paying.pay();
  await settle();
  assert.equal(t.completes.length, 2, 'Try again resends it');
  assert.equal(t.completes[1]!.args.key, sent.args.key);
});

test('a bank’s return paid, in a tab that kept only the payment left unfinished (no attempt), forgets that payment: the tab’s next purchase of the checkout names nothing (review 14)', async () => {
  const location = globalThis.location as { href: string; search?: string };
  location.search = '?paid_checkout_id=chk_abc&payment_intent=pi_bank&payment_intent_client_secret=pi_bank_secret_x1&redirect_status=succeeded';
  const tab = tabStorage();
  tab.store.leave('chk_abc', 'pi_bank');
  try {
    const after = setup(checkoutSession(), { store: tab.store });
    after.host.phase = { kind: 'loading' };
    after.paying.resume(after.host.checkout!);
    await until(() => after.finalizes.length === 1);
    after.finalizes[0]!.resolve(paid());
    await settle();
    assert.equal(after.host.phase.kind, 'succeeded');
    assert.equal(tab.store.unfinished('chk_abc'), null, 'a paid payment is not unfinished');
  } finally {
    delete location.search;
  }
});

// ---- review 15: the question about the payment left unfinished, lost or cut by a reload --------

test('a Pay whose question about the payment left unfinished goes unanswered (its answer lost, a 429) sends no complete: nothing charged, the form says so, and the next Pay asks again', async () => {
  for (const lost of [new CheckoutError('network_error', { recoverable: true }), new CheckoutError('rate_limited', { recoverable: true })]) {
    const tab = tabWithClock();
    const t = setup(checkoutSession(), { store: tab.store });
    await leftUnfinished(t, 'pi_old');
    // Twenty minutes on, on a reusable link: the server no longer answers a complete with it.
    tab.clock.now += 20 * 60_000;
    await payAskingFirst(t, 'pi_old', lost);
    assert.equal(t.completes.length, 1, `${lost.code}: no complete sent without the answer`);
    assert.equal(t.host.phase.kind, 'ready', lost.code);
    assert.equal(t.paying.pending, false, `${lost.code}: nothing to resend: nothing was sent`);
    assert.equal(t.host.payError?.code, lost.code);
    assert.deepEqual([...tab.items.keys()], [`paid-checkout:unfinished:${t.host.checkout!.id}`], `${lost.code}: the unfinished payment kept, no attempt`);
    await payAskingFirst(t, 'pi_old', { ...paid(), paymentIntent: { id: 'pi_old', status: 'succeeded', clientSecret: null } });
    assert.equal(t.completes.length, 1, `${lost.code}: answered by the payment the bank confirmed`);
    assert.equal(t.host.phase.kind, 'succeeded', lost.code);
  }
});

test('a reload while a Pay asks how the payment left unfinished ended asks again before any complete: one the bank confirmed is the success, nothing charged', async () => {
  const tab = tabWithClock();
  const before = setup(checkoutSession(), { store: tab.store });
  await leftUnfinished(before, 'pi_old');
  tab.clock.now += 20 * 60_000;
  before.paying.pay();
  await until(() => before.finalizes.length === 2);
  assert.equal(before.completes.length, 1, 'asking');
  // The page reloads while the question is on its way (the attempt was kept before it was sent).
  before.paying.away(true);
  const after = setup(checkoutSession(), { store: tab.store });
  const completed = after.element.record('paid-checkout-complete');
  after.host.phase = { kind: 'loading' };
  after.paying.resume(after.host.checkout!);
  await until(() => after.finalizes.length + after.completes.length > 0);
  assert.equal(after.completes.length, 0, 'no complete before the question is answered');
  assert.equal(after.finalizes[0]!.args.paymentIntentId, 'pi_old');
  after.finalizes[0]!.resolve({ ...paid(), paymentIntent: { id: 'pi_old', status: 'succeeded', clientSecret: null } });
  await settle();
  assert.equal(after.completes.length, 0, 'nothing charged');
  assert.equal(after.host.phase.kind, 'succeeded');
  assert.equal(completed.length, 1);
  assert.deepEqual([...tab.items.keys()], []);
});
