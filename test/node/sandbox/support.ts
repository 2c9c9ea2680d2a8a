// Shared machinery for the sandbox tests: one sandbox per test file on an ephemeral port,
// raw HTTP helpers over loopback, valid request bodies to mutate, and test tokens.
import type { Store } from '../../../sandbox/store.ts';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { startSandbox } from '../../../sandbox/app.ts';
import { createAdjustableClock } from '../../../sandbox/clock.ts';
import { paymentAnswer, type BillingInterval, type PublicCheckout } from '../../../src/api/schemas.ts';

export type AdjustableClock = ReturnType<typeof createAdjustableClock>;

/** The wire shapes of the private API (CONTRACT §1, sandbox spec), as the tests read them. */
export interface CheckoutObject {
  id: string;
  url: string;
  status: 'active' | 'completed' | 'expired' | 'archived';
  products: Array<{ id: string }>;
  customerId: string | null;
  externalCustomerId: string | null;
  successUrl: string;
  cancelUrl: string | null;
  expiresAt: string;
  metadata: Record<string, unknown> | null;
  collectAddress: boolean;
  collectPhone: boolean;
  singleUse: boolean;
  allowedCurrencies: string[];
  currency: string;
  createdAt: string;
  updatedAt: string;
  orderId?: string | null;
}

export interface OrderLine {
  productId: string;
  planId: string | null;
  quantity: number;
  interval: BillingInterval;
  amount: number;
  currency: string;
  periodStart: string;
  periodEnd: string;
  trialEndsAt: string | null;
}

export interface OrderObject {
  id: string;
  customerId: string;
  status: string;
  currency: string;
  lines: OrderLine[];
  createdAt: string;
  updatedAt: string;
}

export interface CustomerObject {
  id: string;
  name: string | null;
  email: string | null;
  externalId?: string | null;
}

export interface ProductObject {
  id: string;
  name: string;
  description?: string | null;
  plans: Array<{ id: string; name: string; prices: unknown[] }>;
  basePrice: unknown;
}

export interface ListBody<T> {
  data: T[];
  pagination: { limit: number; offset: number; total: number; hasMore: boolean };
}

/** Paid's `ErrorResponse`, with our `fields` and `declineCode` extensions. */
export interface ErrorBody {
  error: string;
  code: string;
  details?: string;
  fields?: Array<{ field: string; message: string }>;
  declineCode?: string;
}

/** An error body read for assertions: its code, sentence, first bad field and every one. */
export interface ErrorRead {
  code: string;
  message: string;
  details: string | undefined;
  field: string | undefined;
  declineCode: string | undefined;
  errors: Array<{ field: string; message: string }> | undefined;
}

/** `data.payment_intent` of a payment answer: Stripe's intent as Paid passes it on. */
export interface PaymentIntentData {
  id: string;
  status: string;
  client_secret: string | null;
}

/** `data` of a paid complete or finalize (Paid's fields, then ours from checkout_id on). */
export interface SucceededData {
  status: 'succeeded';
  order_id: string;
  invoice_id: string;
  redirect_url: string | null;
  payment_intent: PaymentIntentData;
  checkout_id: string;
  customer_id: string;
  amount_due: number;
  currency: string;
}

/** `data` of a complete that waits for 3-D Secure: nothing is paid yet. */
export interface RequiresActionData {
  status: 'requires_action';
  order_id: null;
  invoice_id: null;
  redirect_url: null;
  payment_intent: PaymentIntentData & { client_secret: string };
  checkout_id: string;
  customer_id: null;
  amount_due: number;
  currency: string;
}

/** The `{ success, data }` envelope paid-blocks reads from complete and finalize. */
export interface PaymentBody<T = SucceededData | RequiresActionData> {
  success: true;
  data: T;
}

/** One HTTP answer, read whole: status, lower-cased headers, raw text and parsed JSON (or undefined). */
export interface Answer<T = unknown> {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: T;
}

export interface RequestOptions {
  /** Sent as JSON with `content-type: application/json` unless `raw` is given. */
  json?: unknown;
  /** Sent byte for byte; set the content type yourself in `headers`. */
  raw?: string | Buffer;
  /** Sends the body with chunked transfer encoding and no content-length, in 16 KiB pieces. */
  chunked?: boolean;
  /** The secret key sent as `Authorization: Bearer …`; omit for none. */
  key?: string;
  headers?: Record<string, string>;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reused connections keep the thousands of small requests of a suite fast. */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * One request with node:http (not fetch): an oversized body that the server answers with 413
 * before reading it all must still yield the answer, not a client-side write error.
 */
export function send<T = unknown>(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let payload: Buffer | undefined;
  if (options.raw !== undefined) payload = Buffer.isBuffer(options.raw) ? options.raw : Buffer.from(options.raw, 'utf8');
  else if (options.json !== undefined) {
    payload = Buffer.from(JSON.stringify(options.json), 'utf8');
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  if (payload && !options.chunked) headers['content-length'] = String(payload.length);
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;

  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(new URL(path, baseUrl), { method, headers, agent: payload && payload.length > 60_000 ? false : keepAlive }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), text, body: parseJson(text) as T });
      });
    });
    req.on('error', (error) => {
      // EPIPE/ECONNRESET after the server has answered (a 413 that stops reading) is expected.
      if (!answered) reject(error);
    });
    if (payload && options.chunked) {
      for (let offset = 0; offset < payload.length; offset += 16_384) req.write(payload.subarray(offset, offset + 16_384));
      req.end();
    } else if (payload) req.end(payload);
    else req.end();
  });
}

export interface TestSandbox {
  url: string;
  port: number;
  key: string;
  noStripeKey: string;
  clock: AdjustableClock;
  get<T = unknown>(path: string, options?: RequestOptions): Promise<Answer<T>>;
  post<T = unknown>(path: string, options?: RequestOptions): Promise<Answer<T>>;
  /** Private-API helpers with the main account's key. */
  createCheckout(body?: Record<string, unknown>, key?: string): Promise<CheckoutObject>;
  readCheckout(id: string): Promise<CheckoutObject>;
  readPublic(id: string): Promise<Answer<PublicCheckout>>;
  /** An order as the private API reads it now (asserts a 200). */
  readOrder(id: string): Promise<OrderObject>;
  /** A customer as the private API reads it now (asserts a 200); `T` for the fields a test reads beyond these. */
  readCustomer<T extends CustomerObject = CustomerObject>(id: string): Promise<T>;
  /** Posts a complete as Paid's client does: no Idempotency-Key unless one is given (ours). */
  complete(id: string, body: unknown, idempotencyKey?: string): Promise<Answer>;
  /** Posts a finalize, `{}` unless a body is given, with no Idempotency-Key unless one is given. */
  finalize(id: string, options?: { idempotencyKey?: string; body?: unknown }): Promise<Answer>;
  /** Answers the stand-in's 3-D Secure challenge of the payment this client secret belongs to, as the buyer's bank would. */
  authenticate(clientSecret: string, outcome: 'succeeded' | 'failed'): Promise<Answer>;
  /** `pagination.total` of a private list (checkouts, orders, customers, products). */
  total(resource: 'checkouts' | 'orders' | 'customers' | 'products', query?: string): Promise<number>;
  counts(): Promise<Counts>;
  /** The store the sandbox keeps its records in. */
  store: Store;
  /** The webhook events emitted so far, by name, in order (whether or not a webhook is configured). */
  emitted: string[];
  close(): Promise<void>;
}

export interface Counts {
  checkouts: number;
  orders: number;
  customers: number;
  products: number;
}

function keyHeader(idempotencyKey: string | undefined): Record<string, string> {
  return idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey };
}

/**
 * Runs `check` with the sandbox's clock moved `ms` ahead, and moves it back after, whether or not
 * `check` passes (the other tests of the file share the sandbox and its clock).
 */
export async function withClockAhead(sandbox: { clock: AdjustableClock }, ms: number, check: () => Promise<void>): Promise<void> {
  sandbox.clock.advance(ms);
  try {
    await check();
  } finally {
    sandbox.clock.advance(-ms);
  }
}

/** A sandbox of the test's own, closed when the test ends (for a test that moves the clock or changes the catalog). */
export async function startSandboxForTest(t: TestContext): Promise<TestSandbox> {
  const sandbox = await startTestSandbox();
  t.after(() => sandbox.close());
  return sandbox;
}

/** Starts a sandbox on an ephemeral loopback port with an adjustable clock. */
export async function startTestSandbox(options: { secretKey?: string; store?: Store } = {}): Promise<TestSandbox> {
  const clock = createAdjustableClock();
  const started = await startSandbox({
    port: 0,
    clock,
    ...(options.secretKey ? { secretKey: options.secretKey } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  const url = started.url;
  const key = started.secretKey;
  const get = <T = unknown>(path: string, requestOptions?: RequestOptions) => send<T>(url, 'GET', path, requestOptions);
  const post = <T = unknown>(path: string, requestOptions?: RequestOptions) => send<T>(url, 'POST', path, requestOptions);

  const emitted: string[] = [];
  const emit = started.webhooks.emit.bind(started.webhooks);
  started.webhooks.emit = (account, name, event) => {
    emitted.push(name);
    return emit(account, name, event);
  };
  const sandbox: TestSandbox = {
    url,
    store: started.store,
    emitted,
    port: started.port,
    key,
    noStripeKey: `${key}_no_stripe`,
    clock,
    get,
    post,
    async createCheckout(body = validCreateBody(), withKey = key) {
      const answer = await post<CheckoutObject>('/api/v2/checkouts', { json: body, key: withKey });
      if (answer.status !== 201) throw new Error(`create checkout: ${answer.status} ${answer.text}`);
      return answer.body;
    },
    async readCheckout(id) {
      const answer = await get<CheckoutObject>(`/api/v2/checkouts/${encodeURIComponent(id)}`, { key });
      if (answer.status !== 200) throw new Error(`read checkout: ${answer.status} ${answer.text}`);
      return answer.body;
    },
    readPublic: (id) => get<PublicCheckout>(`/api/public/checkout/${encodeURIComponent(id)}`),
    async readOrder(id) {
      const answer = await get<OrderObject>(`/api/v2/orders/${id}`, { key });
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    },
    async readCustomer<T extends CustomerObject = CustomerObject>(id: string) {
      const answer = await get<T>(`/api/v2/customers/${id}`, { key });
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    },
    complete: (id, body, idempotencyKey) =>
      post(`/api/public/checkout/${encodeURIComponent(id)}/complete`, { json: body, headers: keyHeader(idempotencyKey) }),
    finalize: (id, { idempotencyKey, body = {} } = {}) =>
      post(`/api/public/checkout/${encodeURIComponent(id)}/finalize`, { json: body, headers: keyHeader(idempotencyKey) }),
    authenticate: (clientSecret, outcome) =>
      post(`/sandbox/stripe/payment_intents/${paymentIntentOf(clientSecret)}/authenticate`, { json: { clientSecret, outcome } }),
    async total(resource, query = '') {
      const answer = await get<ListBody<unknown>>(`/api/v2/${resource}?limit=1${query ? `&${query}` : ''}`, { key });
      const total = answer.status === 200 ? answer.body.pagination?.total : undefined;
      // A missing total would make every "nothing was stored" comparison pass vacuously.
      if (!Number.isInteger(total)) throw new Error(`list ${resource}: ${answer.status} ${answer.text.slice(0, 300)}`);
      return total as number;
    },
    async counts() {
      const [checkouts, orders, customers, products] = await Promise.all([
        sandbox.total('checkouts'),
        sandbox.total('orders'),
        sandbox.total('customers'),
        sandbox.total('products'),
      ]);
      return { checkouts, orders, customers, products };
    },
    async close() {
      keepAlive.destroy();
      await started.close();
    },
  };
  return sandbox;
}

export const SUCCESS_URL = 'https://shop.example/thanks?checkout={CHECKOUT_ID}';
export const CANCEL_URL = 'https://shop.example/pricing';
export const RETURN_URL = 'https://shop.example/checkout/return';

/** A create body the sandbox accepts; spread `overrides` over it (an `undefined` value drops the field). */
export function validCreateBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    products: [{ id: 'prod_analytics' }, { id: 'prod_seats' }],
    successUrl: SUCCESS_URL,
    cancelUrl: CANCEL_URL,
    metadata: { cartId: 'cart_42', source: 'pricing-page' },
    // The sandbox collects an address by default (Paid's guide); tests that need one say so.
    collectAddress: false,
    ...overrides,
  };
  for (const [name, value] of Object.entries(body)) if (value === undefined) delete body[name];
  return body;
}

/** One line of a complete body's `selections`, as the wire names it. */
export interface WireSelection {
  product_id: string;
  plan_id: string | null;
  quantity: number;
}

/** The default pick for each fixture product: a valid plan and quantity in usd and eur alike. */
export const DEFAULT_SELECTIONS: Record<string, Omit<WireSelection, 'product_id'>> = {
  prod_analytics: { plan_id: 'plan_analytics_growth', quantity: 1 },
  prod_seats: { plan_id: 'plan_seats_team', quantity: 3 },
  prod_storage: { plan_id: 'plan_storage_graduated', quantity: 150 },
  prod_api: { plan_id: 'plan_api_payg', quantity: 1 },
  prod_support: { plan_id: null, quantity: 1 },
  prod_onboarding: { plan_id: null, quantity: 1 },
};

export function selectionsFor(productIds: readonly string[]): WireSelection[] {
  return productIds.map((productId) => {
    const pick = DEFAULT_SELECTIONS[productId];
    if (!pick) throw new Error(`no default selection for ${productId}`);
    return { product_id: productId, ...pick };
  });
}

/** A selection line in wire terms: `selection('prod_seats', 'plan_seats_team', 3)`. */
export function selection(productId: string, planId: string | null, quantity = 1): WireSelection {
  return { product_id: productId, plan_id: planId, quantity };
}

export const CUSTOMER = { name: 'Katherine Johnson', email: 'katherine@example.com' };

/**
 * A complete body the sandbox accepts for a checkout of `productIds`: Paid's `confirmation_token`
 * and `return_url` with our `selections`, `currency` and `customer`. Spread `overrides` over it
 * (an `undefined` value drops the field). Each call makes a new confirmation token.
 */
export function validCompleteBody(
  productIds: readonly string[] = ['prod_analytics', 'prod_seats'],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    confirmation_token: confirmationToken('succeeds'),
    return_url: RETURN_URL,
    selections: selectionsFor(productIds),
    currency: 'usd',
    customer: { ...CUSTOMER },
    ...overrides,
  };
  for (const [name, value] of Object.entries(body)) if (value === undefined) delete body[name];
  return body;
}

export type TokenOutcome = 'succeeds' | 'insufficient_funds' | 'card_declined' | 'threeds';

/** A complete body for the default checkout whose card asks for 3-D Secure (a new token each call). */
export function threeDsCompleteBody(): Record<string, unknown> {
  return validCompleteBody(undefined, { confirmation_token: confirmationToken('threeds') });
}

/** `ctoken_test_<outcome>_<16 hex>`, the stand-in's confirmation token for a test card. */
export function confirmationToken(outcome: TokenOutcome | string): string {
  return `ctoken_test_${outcome}_${randomBytes(8).toString('hex')}`;
}

export function newIdempotencyKey(): string {
  return `idem_${randomUUID()}`;
}

/** The line of `order` for `productId`; fails the test when the order has none. */
export function lineOf(order: OrderObject, productId: string): OrderLine {
  const line = order.lines.find((candidate) => candidate.productId === productId);
  assert.ok(line, `${order.id} has a ${productId} line`);
  return line;
}

/** Splits `pi_<hex>_secret_<hex>` into the payment intent id the authenticate route takes. */
export function paymentIntentOf(clientSecret: string): string {
  const match = /^(pi_[0-9a-f]+)_secret_[0-9a-f]+$/.exec(clientSecret);
  if (!match?.[1]) throw new Error(`not a client secret: ${clientSecret}`);
  return match[1];
}

/**
 * `data` of a complete or finalize answer, after checking the envelope: 200, `success: true`,
 * and a body the element's own schema (`paymentAnswer`) accepts.
 */
export function dataOf(answer: Answer, label = 'payment'): SucceededData | RequiresActionData {
  assert.equal(answer.status, 200, `${label}: ${answer.status} ${answer.text}`);
  const parsed = paymentAnswer.safeParse(answer.body);
  assert.ok(parsed.success, `${label}: the element's schema refuses the answer: ${answer.text}`);
  const body = answer.body as PaymentBody;
  assert.equal(body.success, true, `${label}: success is true`);
  return body.data;
}

/** `data` of an answer that paid: an order, an invoice, the buyer and the succeeded payment intent. */
export function succeededOf(answer: Answer, label = 'complete'): SucceededData {
  const data = dataOf(answer, label);
  assert.equal(data.status, 'succeeded', `${label}: not a succeeded answer: ${answer.text}`);
  assert.match(data.checkout_id, /^chk_/, `${label}: checkout_id`);
  assert.match(data.order_id, /^ord_/, `${label}: order_id`);
  assert.match(data.invoice_id, /^inv_/, `${label}: invoice_id`);
  assert.match(data.customer_id, /^cus_/, `${label}: customer_id`);
  assert.ok(Number.isInteger(data.amount_due) && data.amount_due >= 0, `${label}: amount_due`);
  assert.match(data.currency, /^[a-z]{3}$/, `${label}: currency`);
  assert.match(data.payment_intent.id, /^pi_/, `${label}: payment_intent.id`);
  assert.equal(data.payment_intent.status, 'succeeded', `${label}: payment_intent.status`);
  // paid-blocks types client_secret as optional: a paid intent's is left out, never passed on.
  assert.ok(!('client_secret' in data.payment_intent), `${label}: a paid intent's client secret is not passed on`);
  return data;
}

/** `data` of an answer that waits for 3-D Secure: the intent's client secret, and nothing paid yet. */
export function requiresActionOf(answer: Answer, label = 'complete'): RequiresActionData {
  const data = dataOf(answer, label);
  assert.equal(data.status, 'requires_action', `${label}: not a requires_action answer: ${answer.text}`);
  assert.equal(data.payment_intent.status, 'requires_action', `${label}: payment_intent.status`);
  assert.match(data.payment_intent.client_secret ?? '', /^pi_[0-9a-f]+_secret_[0-9a-f]+$/, `${label}: payment_intent.client_secret`);
  assert.equal(data.payment_intent.id, paymentIntentOf(data.payment_intent.client_secret ?? ''), `${label}: the secret is the intent's`);
  assert.equal(data.order_id, null, `${label}: no order yet`);
  assert.equal(data.invoice_id, null, `${label}: no invoice yet`);
  assert.equal(data.customer_id, null, `${label}: no customer yet`);
  return data as RequiresActionData;
}

/**
 * CORS on a public (or stand-in) answer: the request's Origin echoed with credentials allowed,
 * as paid-blocks' credentialed requests need; `*` without credentials when no Origin was sent.
 */
export function assertCors(answer: Answer, origin: string | null, label = 'answer'): void {
  if (origin === null) {
    assert.equal(answer.headers['access-control-allow-origin'], '*', `${label}: access-control-allow-origin`);
    assert.equal(answer.headers['access-control-allow-credentials'], undefined, `${label}: no credentials with *`);
  } else {
    assert.equal(answer.headers['access-control-allow-origin'], origin, `${label}: access-control-allow-origin`);
    assert.equal(answer.headers['access-control-allow-credentials'], 'true', `${label}: access-control-allow-credentials`);
  }
  const vary = (answer.headers.vary ?? '').split(',').map((name) => name.trim().toLowerCase());
  assert.ok(vary.includes('origin'), `${label}: vary names Origin (${answer.headers.vary})`);
}

export function errorOf(answer: Answer): ErrorRead {
  const body = answer.body as Partial<ErrorBody> | undefined;
  if (!body || typeof body !== 'object' || typeof body.error !== 'string' || typeof body.code !== 'string') {
    throw new Error(`not an error body (${answer.status}): ${answer.text}`);
  }
  // Field problems are read from Paid's `details` (`field: problem`, a line each; an unusual field
  // name in JSON quotes); our `fields` must say the same.
  const fromDetails = body.details?.split('\n').map((line) => {
    const quoted = /^("(?:[^"\\]|\\.)*"): /.exec(line);
    if (quoted?.[1]) return { field: JSON.parse(quoted[1]) as string, message: line.slice(quoted[0].length) };
    const colon = line.indexOf(': ');
    return { field: line.slice(0, colon), message: line.slice(colon + 2) };
  });
  if (body.fields) assert.deepEqual(fromDetails, body.fields, `details and fields disagree: ${answer.text}`);
  return {
    code: body.code,
    message: body.error,
    details: body.details,
    field: fromDetails?.[0]?.field,
    declineCode: body.declineCode,
    errors: fromDetails,
  };
}
