// One browser tab for the element model (element-money.test.ts): pages of real CheckoutControllers
// (up to two elements each) over one sessionStorage, talking to the real in-process sandbox through
// the tab's fetch, which can lose an answer before or after the server acted, or hold a session read
// on its way until the model releases it; a Stripe.js stand-in per page whose 3-D Secure challenge
// (a modal of the page, as the sandbox's stand-in shows it) stays open until the model answers it;
// and the element's timers on the model's clock. A page unloads without ceremony: its answers never
// arrive, its timers never fire, its challenge is gone.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { StripeError } from '@stripe/stripe-js';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AdjustableClock } from '../../../sandbox/clock.ts';
import { AttemptStore } from '../../../src/checkout/attempt-store.ts';
import type { Attempt } from '../../../src/checkout/attempt.ts';
import { CheckoutController } from '../../../src/checkout/controller.ts';
import { PaymentController, type Fields } from '../../../src/checkout/payment-controller.ts';
import type { PaidCheckoutCompleteDetail, PaidCheckoutErrorDetail } from '../../../src/events.ts';
import { FakeElement } from '../checkout/fixtures.ts';
import { pageUrl, tabStorage } from '../checkout/tab-globals.ts';
import type { BankVisit } from '../../../sandbox/test-bank.ts';

/** A test card: `redirect` confirms at a bank the page leaves for (the sandbox sees a 3-D Secure payment). */
export type Card = 'succeeds' | 'threeds' | 'card_declined' | 'redirect';
export type Loss = 'before' | 'after';

/** The page whose code is running: fetch and setTimeout read it (an element's work carries it through its promises). */
const running = new AsyncLocalStorage<Page>();

// ---- the element's timers, on the model's clock -------------------------------------------

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const sourceRoot = fileURLToPath(new URL('../../../src/', import.meta.url));

/** A timer the element set: fired by the model as its clock passes `due`, never by the event loop. */
class ModelTimer {
  cancelled = false;
  constructor(
    readonly page: Page,
    readonly due: number,
    readonly delay: number,
    readonly callback: (...args: unknown[]) => void,
    readonly args: unknown[],
  ) {}
  ref = () => this;
  unref = () => this;
  hasRef = () => false;
  refresh = () => this;
  [Symbol.toPrimitive] = () => 0;
}

/** Whether the code that called setTimeout is the element's own (src/), not Node's or undici's on its behalf. */
function calledFromSource(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 3;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack.split('\n')[3]?.includes(sourceRoot) ?? false;
}

globalThis.setTimeout = ((callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
  const page = running.getStore();
  if (!page || !calledFromSource()) return realSetTimeout(callback, delay, ...args);
  const ms = Math.max(0, Number(delay) || 0);
  const timer = new ModelTimer(page, page.tab.now() + ms, ms, callback, args);
  page.tab.timers.push(timer);
  return timer;
}) as typeof setTimeout;

globalThis.clearTimeout = ((handle?: unknown) => {
  if (handle instanceof ModelTimer) handle.cancelled = true;
  else realClearTimeout(handle as Parameters<typeof clearTimeout>[0]);
}) as typeof clearTimeout;

// ---- fetch, by page ---------------------------------------------------------------------------

const realFetch = globalThis.fetch;
globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
  const page = running.getStore();
  return page ? page.tab.send(page, String(input), init ?? {}) : realFetch(input, init);
}) as typeof fetch;

// ---- the tab's address, and history.replaceState, which a bank's return is taken out of it with ---

const address = globalThis.location as { href: string; search: string };

/** The tab's address becomes `url` (a page loaded there, or its address bar rewritten). */
function goTo(url: string): void {
  const parsed = new URL(url, address.href);
  address.href = parsed.href;
  address.search = parsed.search;
}

Object.defineProperty(globalThis, 'history', {
  configurable: true,
  value: { state: null, replaceState: (_state: unknown, _title: string, url?: string | URL | null) => url != null && goTo(String(url)) },
});

/** Node has no ShadowRoot: the element is never nested in one here. */
if (typeof globalThis.ShadowRoot === 'undefined') Object.defineProperty(globalThis, 'ShadowRoot', { value: class ShadowRoot {}, configurable: true });

// ---- Stripe's fields: the stand-in, loaded a tick after they are asked for ---------------------

/** What the real PaymentController keeps privately, for the stand-in's start/whenReady/stop below. */
const loading = new WeakMap<PaymentController, { run: number; waiting: Array<(fields: Fields | null) => void> }>();
/** The model element each element's PaymentController mounts fields for. */
const fieldsFor = new WeakMap<PaymentController, ModelElement>();

function loadingOf(payments: PaymentController) {
  let state = loading.get(payments);
  if (!state) loading.set(payments, (state = { run: 0, waiting: [] }));
  return state;
}

// Stripe.js cannot load in Node: the controller's start, whenReady and stop are replaced by the
// same steps with the stand-in fields, mounted and ready one macrotask later (as Stripe.js loads).
PaymentController.prototype.start = function start(this: PaymentController) {
  if (this.fields) return;
  const state = loadingOf(this);
  const run = ++state.run;
  const element = fieldsFor.get(this)!;
  this.status = 'loading';
  setImmediate(() =>
    running.run(element.page, () => {
      if (run !== state.run || this.fields || !element.page.alive) return;
      this.fields = element.fields;
      this.status = 'ready';
      for (const resolve of state.waiting.splice(0)) resolve(this.fields);
      element.host.requestUpdate();
    }),
  );
};
PaymentController.prototype.whenReady = function whenReady(this: PaymentController) {
  if (this.status === 'ready' && this.fields) return Promise.resolve(this.fields);
  if (this.status === 'unavailable') return Promise.resolve(null);
  return new Promise((resolve) => loadingOf(this).waiting.push(resolve));
};
PaymentController.prototype.stop = function stop(this: PaymentController) {
  const state = loadingOf(this);
  for (const resolve of state.waiting.splice(0)) resolve(null);
  state.run += 1;
  this.fields?.destroy();
  this.fields = null;
  this.status = 'none';
};

// ---- the tab ----------------------------------------------------------------------------------

/** A 3-D Secure challenge the page's Stripe.js shows: open until answered in the page, or gone with the page. */
export interface Challenge {
  page: Page;
  paymentIntentId: string;
  clientSecret: string;
  resolve: (result: { error?: StripeError }) => void;
}

/** What the buyer was told, by which element, in the order it was said. */
export type Told =
  | { kind: 'complete'; element: string; detail: PaidCheckoutCompleteDetail; step: number }
  /** `shown`: said by an element in the page (one out of it tells the page, not the buyer). */
  | { kind: 'error'; element: string; detail: PaidCheckoutErrorDetail; step: number; shown: boolean };

/** A Pay that made a confirmation token: the checkout and amount the form showed, and the orders told before it. */
export interface Pressed {
  token: string;
  element: string;
  /** The page it was pressed in (without storage, what it keeps is that page's). */
  page: number;
  /** The checkout the form showed. */
  checkoutId: string | null;
  step: number;
  amountShown: number | null;
  toldBefore: Set<string>;
}

class Host extends FakeElement {
  checkoutId: string | null = null;
  apiBase: string | null = null;
  controller: CheckoutController | null = null;
  #queued = false;
  constructor(readonly page: Page) {
    super();
  }
  addController() {}
  removeController() {}
  getRootNode() {
    return this;
  }
  /** Lit's update cycle, a microtask later: hostUpdate (which loads a session named anew), then hostUpdated (which tells the page of its state). */
  override requestUpdate(): void {
    super.requestUpdate();
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.controller?.hostUpdate();
      this.controller?.hostUpdated();
    });
  }
}

/** One `<paid-checkout>` of a page. */
export class ModelElement {
  readonly host: Host;
  readonly controller: CheckoutController;
  connected = false;
  /** The card the buyer typed into Stripe's fields: the next token's outcome. */
  card: Card = 'succeeds';
  readonly fields: Fields;

  constructor(
    readonly page: Page,
    readonly name: string,
    checkoutId: string,
  ) {
    const tab = page.tab;
    this.host = new Host(page);
    this.host.checkoutId = checkoutId;
    this.host.apiBase = tab.apiBase;
    this.controller = new CheckoutController(this.host as never, {
      locale: () => 'en',
      now: () => tab.now(),
      // The success leaves the page: its other element goes with it.
      navigate: () => tab.leave(page),
      focus: () => {},
      stripeTimeoutMs: () => 15_000,
      retryDelays: () => [],
      debug: () => false,
    });
    this.host.controller = this.controller;
    fieldsFor.set(this.controller.payments, this);
    this.fields = {
      setIntent: () => {},
      setAppearance: () => {},
      setLocale: () => {},
      setReadOnly: () => {},
      submit: () => Promise.resolve({}),
      focus: () => {},
      createToken: async (returnUrl) => {
        // The sandbox sees a redirect card's payment as 3-D Secure; Stripe.js (and the stand-in)
        // remembers that the tab's last token came from one, and sends its next action to the bank.
        const token = `ctoken_test_${this.card === 'redirect' ? 'threeds' : this.card}_${randomBytes(12).toString('hex')}`;
        tab.redirectNext = this.card === 'redirect' ? { returnUrl } : null;
        tab.pressed.push({ token, element: this.name, page: page.id, checkoutId: this.controller.checkout?.id ?? null, step: tab.step, amountShown: this.controller.summary?.amountDueToday ?? null, toldBefore: new Set(tab.toldOrders()) });
        return { token: { id: token } as never };
      },
      handleNextAction: (clientSecret) => (tab.redirectNext ? page.redirectToBank(clientSecret, tab.redirectNext.returnUrl) : page.handleNextAction(clientSecret)),
      destroy: () => {},
    };
    for (const type of ['paid-checkout-complete', 'paid-checkout-error'] as const) {
      this.host.addEventListener(type, (event) => {
        if (!page.alive) return;
        const detail = (event as CustomEvent).detail;
        tab.told.push(type === 'paid-checkout-complete' ? { kind: 'complete', element: this.name, detail, step: tab.step } : { kind: 'error', element: this.name, detail, step: tab.step, shown: this.connected });
      });
    }
  }

  /** Runs `work` as this element's page's code. */
  run<T>(work: () => T): T {
    return running.run(this.page, work);
  }

  connect(): void {
    this.connected = true;
    this.run(() => {
      this.controller.hostConnected();
      this.host.requestUpdate();
    });
  }

  disconnect(): void {
    this.connected = false;
    this.run(() => this.controller.hostDisconnected());
  }

  /** The page sets `checkout-id` (a reactive property: an update, whose hostUpdate reads the session named anew once the element is in the page). */
  show(checkoutId: string): void {
    this.host.checkoutId = checkoutId;
    this.run(() => this.host.requestUpdate());
  }

  /** The checkout the page names (`checkout-id`). */
  get checkoutId(): string {
    return this.host.checkoutId!;
  }

  /** Fills the form (a new buyer's name and email) and presses Pay with `card`. */
  pay(card: Card, buyer: { name: string; email: string }): void {
    this.card = card;
    this.run(() => {
      const { choices } = this.controller;
      if (this.controller.customer.name !== buyer.name) choices.setField('name', buyer.name);
      if (this.controller.customer.email !== buyer.email) choices.setField('email', buyer.email);
      this.controller.paying.pay();
    });
  }

  tryAgain(): void {
    this.run(() => this.controller.retry());
  }
}

/** One page of the tab: its elements and its Stripe.js's challenges, alive until it unloads. */
export class Page {
  alive = true;
  readonly elements: ModelElement[] = [];
  /** Stripe.js shows one challenge at a time: the first is open, the others wait for it. */
  readonly challenges: Challenge[] = [];

  constructor(
    readonly tab: Tab,
    readonly id: number,
  ) {}

  mount(checkoutId: string): ModelElement {
    const element = new ModelElement(this, `p${this.id}e${this.elements.length}`, checkoutId);
    this.elements.push(element);
    element.connect();
    return element;
  }

  handleNextAction(clientSecret: string): Promise<{ error?: StripeError }> {
    return new Promise((resolve) => {
      if (!this.alive) return;
      this.challenges.push({ page: this, paymentIntentId: clientSecret.split('_secret_')[0]!, clientSecret, resolve });
    });
  }

  /** Stripe.js leaves the page for the bank (a redirect's next action): the page unloads at once, and the promise never settles. */
  redirectToBank(clientSecret: string, returnUrl: string): Promise<{ error?: StripeError }> {
    if (this.alive) {
      this.tab.atBank = { paymentIntentId: clientSecret.split('_secret_')[0]!, clientSecret, returnUrl };
      this.tab.leaveForBank(this);
    }
    return new Promise(() => {});
  }

  /** The buyer answers the open challenge: the stand-in posts it through the page's fetch and resolves as Stripe.js does. */
  async answer(outcome: 'succeeded' | 'failed'): Promise<void> {
    const challenge = this.challenges[0];
    if (!challenge) return;
    const result = await running.run(this, async (): Promise<{ error?: StripeError }> => {
      const refused = (type: StripeError['type'], message: string) => ({ error: { type, message } as StripeError });
      let response: Response;
      try {
        response = await fetch(`${this.tab.apiBase}/sandbox/stripe/payment_intents/${challenge.paymentIntentId}/authenticate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ clientSecret: challenge.clientSecret, outcome }),
        });
      } catch {
        return refused('api_connection_error', 'An error occurred with our connection to Stripe.');
      }
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      if (response.status === 404) return refused('invalid_request_error', 'No such payment_intent');
      if (!response.ok) return refused(response.status >= 500 ? 'api_error' : 'invalid_request_error', String(body?.error ?? ''));
      if (outcome === 'failed') return refused('card_error', 'We are unable to authenticate your payment method.');
      return {};
    });
    // Closed once answered, as the stand-in's dialog: the next waiting challenge opens.
    if (this.challenges[0] === challenge) this.challenges.shift();
    if (this.alive) running.run(this, () => challenge.resolve(result));
  }
}

/** The tab: one sessionStorage, one page at a time (none after a success left it), the model's clock. */
export class Tab {
  page: Page | null = null;
  #pages = 0;
  readonly timers: ModelTimer[] = [];
  readonly told: Told[] = [];
  readonly pressed: Pressed[] = [];
  /** The tab's requests and how each ended, for a failure's account. */
  readonly requests: string[] = [];
  /** The step of the run being taken (for the failure's account). */
  step = 0;
  /** How the tab's next POST (complete, finalize, the challenge's answer) loses its answer, if it does. */
  loseNext: Loss | null = null;
  /** Runs once the tab's next request has reached the server, before its answer arrives (the page acting meanwhile: `checkout-id` set while a request is on its way). */
  duringNext: (() => void) | null = null;
  /** The requests duringNext waits for (their path): null, any. */
  duringNextPath: RegExp | null = null;
  /** The checkout whose next session read (by any element of the tab) is held on its way, until releaseReads(). */
  holdReadOf: string | null = null;
  /** The tab's next finalize (a payment's, or a question about one left unfinished or back from the bank) is held on its way, until releaseReads(). */
  holdFinalize = false;
  /** The requests held on their way (session reads, a finalize), in the order they were asked: each sent when released. */
  readonly #held: Array<() => void> = [];
  readonly #inflight = new Set<Promise<unknown>>();
  /** The test bank a redirect card's next action left the tab for, until the buyer comes back or goes elsewhere. */
  atBank: BankVisit | null = null;
  /** The tab's last confirmation token came from a redirect card (with the return URL the element gave it): its next action leaves for the bank. */
  redirectNext: { returnUrl: string } | null = null;
  /** Every complete key the tab's storage has held: a reload starts with no element handling any. */
  readonly #completeKeys = new Set<string>();

  constructor(
    readonly clock: AdjustableClock,
    readonly apiBase: string,
    /** The checkouts the tab's pages show (what a page keeps without storage is wiped for them when it goes). */
    readonly checkoutIds: readonly string[],
  ) {
    tabStorage.clear();
    this.#forgetPageMemory();
    goTo(pageUrl);
  }

  now(): number {
    return this.clock.now().getTime();
  }

  /**
   * The page the tab left for the bank, kept by the browser's back-forward cache (its timers kept,
   * not firing; what it had on its way never answers it), until Back restores it or another page loads.
   */
  #frozen: { page: Page; address: string } | null = null;

  /** The page leaves for the bank: it stops, and the back-forward cache keeps it. */
  leaveForBank(page: Page): void {
    this.#frozen = { page, address: address.href };
    page.alive = false;
    page.challenges.length = 0;
    if (this.page === page) this.page = null;
  }

  /**
   * Back at the bank's page: the browser restores the page it left from its back-forward cache (its
   * address, its elements, their state and timers, as they were). Null when there is none to restore.
   */
  backFromBank(): Page | null {
    const frozen = this.#frozen;
    if (!frozen || !this.atBank || this.page?.alive) return null;
    this.#frozen = null;
    this.atBank = null;
    goTo(frozen.address);
    frozen.page.alive = true;
    this.page = frozen.page;
    return frozen.page;
  }

  /** The page unloads (a reload, its success's link followed): nothing of it runs again. */
  leave(page: Page): void {
    page.alive = false;
    page.challenges.length = 0;
    for (const timer of this.timers) if (timer.page === page) timer.cancelled = true;
    if (this.page === page) this.page = null;
  }

  /**
   * The current page, or a new one when the last has gone (a reload, or the buyer opening the link
   * again in the tab). A new page starts with no element handling any attempt: the module-level
   * set that says so (attempt-store.ts) is this process's, so it is emptied here.
   */
  currentPage(): Page {
    if (this.page?.alive) return this.page;
    // Another page loads: the one the back-forward cache kept is gone.
    if (this.#frozen) {
      this.leave(this.#frozen.page);
      this.#frozen = null;
    }
    // Left at the bank: the buyer comes back to the shop's page by its own address (Back, a link), not the bank's return.
    if (this.atBank) {
      this.atBank = null;
      goTo(pageUrl);
    }
    this.#noteKeys();
    const store = new AttemptStore();
    for (const completeKey of this.#completeKeys) store.release({ completeKey } as Attempt);
    this.#forgetPageMemory();
    return (this.page = new Page(this, this.#pages++));
  }

  /**
   * What the last page kept in its memory because storage refused (attempt-store.ts's module-level
   * map, this process's): gone with it, as a reload loses it. Written only while storage refuses.
   */
  #forgetPageMemory(): void {
    const memory = new AttemptStore(Date.now, () => null);
    for (const checkoutId of this.checkoutIds) {
      memory.clear(checkoutId);
      memory.leave(checkoutId, null);
    }
  }

  /** A reload: the page goes without ceremony (what it had already started runs out, unheard), and a new one mounts one element for `checkoutId` with the same storage. */
  async reload(checkoutId: string): Promise<ModelElement> {
    if (this.page) this.leave(this.page);
    await this.settle();
    return this.currentPage().mount(checkoutId);
  }

  /** The bank sends the buyer back to `returnAddress` (its return URL with Stripe's parameters): a new page there, its element showing `checkoutId`. */
  async returnFromBank(returnAddress: string, checkoutId: string): Promise<ModelElement> {
    this.atBank = null;
    goTo(returnAddress);
    const element = this.currentPage().mount(checkoutId);
    await this.settle();
    return element;
  }

  /** The tab's address (a return's parameters stay in it until the element takes them out). */
  get address(): string {
    return address.href;
  }

  /** Notes the complete keys of the attempts the tab keeps, in storage or the page's memory (each request may follow a new one). */
  #noteKeys(): void {
    const memory = new AttemptStore(Date.now, () => null);
    for (const checkoutId of this.checkoutIds) {
      const completeKey = /"completeKey":"([^"]+)"/.exec(memory.raw(checkoutId) ?? '')?.[1];
      if (completeKey) this.#completeKeys.add(completeKey);
    }
    for (const [key, value] of tabStorage) {
      const completeKey = key.startsWith('paid-checkout:attempt:') ? /"completeKey":"([^"]+)"/.exec(value)?.[1] : undefined;
      if (completeKey) this.#completeKeys.add(completeKey);
    }
  }

  /** The orders some element told the buyer of (paid-checkout-complete), so far. */
  toldOrders(): string[] {
    return this.told.flatMap((told) => (told.kind === 'complete' ? [told.detail.orderId] : []));
  }

  /**
   * A request of `page`'s code, through the network: held on its way when it is the session read
   * holdReadOf names; its answer lost if the model says so; never answered once the page has gone.
   */
  send(page: Page, url: string, init: RequestInit): Promise<Response> {
    if (!page.alive) return new Promise(() => {});
    const { pathname } = new URL(url);
    if ((init.method ?? 'GET') === 'GET' && this.holdReadOf !== null && pathname.endsWith(`/api/public/checkout/${this.holdReadOf}`)) {
      this.requests.push(`${this.step}:p${page.id} GET ${this.holdReadOf} (held)`);
      this.holdReadOf = null;
      return this.#hold(page, url, init);
    }
    if (init.method === 'POST' && this.holdFinalize && pathname.endsWith('/finalize')) {
      this.requests.push(`${this.step}:p${page.id} POST /finalize (held)`);
      this.holdFinalize = false;
      return this.#hold(page, url, init);
    }
    return this.#exchange(page, url, init);
  }

  /**
   * A read (or a finalize) held before it reaches the server, as a slow network holds it: sent when
   * released, so that it answers with what the server says then. Cut short as fetch is when its
   * signal aborts (the element read another session, was removed, or timed the request out).
   */
  #hold(page: Page, url: string, init: RequestInit): Promise<Response> {
    return new Promise((resolve, reject) => {
      const { signal } = init;
      const release = () => {
        signal?.removeEventListener('abort', abort);
        resolve(this.#exchange(page, url, init));
      };
      const abort = () => {
        this.#held.splice(this.#held.indexOf(release), 1);
        this.requests.push(`${this.step}:p${page.id} ${init.method ?? 'GET'} held: cut short`);
        if (page.alive) reject(signal!.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.#held.push(release);
    });
  }

  /** The session reads held so far reach the server, in the order they were asked, and answer (their pages' that are still open). */
  releaseReads(): number {
    const released = this.#held.splice(0);
    for (const release of released) release();
    return released.length;
  }

  #exchange(page: Page, url: string, init: RequestInit): Promise<Response> {
    // A read released after its page has gone.
    if (!page.alive) return new Promise(() => {});
    this.#noteKeys();
    const loss = init.method === 'POST' ? this.loseNext : null;
    if (loss) this.loseNext = null;
    const during = this.duringNext && (!this.duringNextPath || this.duringNextPath.test(new URL(url).pathname)) ? this.duringNext : null;
    if (during) this.duringNext = null;
    const said = `${this.step}:p${page.id} ${init.method ?? 'GET'} ${new URL(url).pathname.replace(/^.*\/checkout\/[^/]+/, '')} ${typeof init.body === 'string' ? init.body.replace(/"(confirmation_token|return_url|customer|selections|clientSecret)":("[^"]*"|\{[^}]*\}|\[[^\]]*\])/g, '').slice(0, 120) : ''}`;
    const exchange = (async () => {
      if (loss === 'before') throw new TypeError('Failed to fetch');
      const response = await realFetch(url, init);
      const text = await response.text();
      this.requests.push(`${said} → ${response.status} ${text.slice(0, 100)}${loss === 'after' ? ' (lost)' : ''}`);
      if (during) {
        this.requests.push(`${said}: the page acts before its answer arrives`);
        during();
        // Lit's update (hostUpdate: the session read anew) runs before the answer is heard.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (loss === 'after') throw new TypeError('Failed to fetch');
      return { status: response.status, headers: response.headers, text };
    })();
    if (loss === 'before') this.requests.push(`${said} (lost before it left)`);
    const tracked = exchange.then(
      () => undefined,
      () => undefined,
    );
    this.#inflight.add(tracked);
    void tracked.then(() => this.#inflight.delete(tracked));
    return exchange.then(
      (answer) => (page.alive ? new Response(answer.text === '' ? null : answer.text, { status: answer.status, headers: answer.headers }) : new Promise<Response>(() => {})),
      (error: unknown) => (page.alive ? Promise.reject(error) : new Promise<Response>(() => {})),
    );
  }

  #due(within: number): ModelTimer | null {
    const now = this.now();
    let next: ModelTimer | null = null;
    for (const timer of this.timers) if (!timer.cancelled && timer.page.alive && timer.due <= now + within && (!next || timer.due < next.due)) next = timer;
    return next;
  }

  #fire(timer: ModelTimer): void {
    timer.cancelled = true;
    const at = timer.due - this.now();
    if (at > 0) this.clock.advance(at);
    running.run(timer.page, () => timer.callback(...timer.args));
  }

  /**
   * Runs everything the tab has started until nothing is left: promise callbacks, requests and
   * their answers, and the element's timers due within a second and a bit (each moves the clock to
   * when it fires; at most `ticks` of them, as a payment under way checks an expiry each second).
   */
  async settle(ticks = 3): Promise<void> {
    for (let round = 0; round < 500; round += 1) {
      for (let i = 0; i < 4; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.#inflight.size > 0) {
        await Promise.race(this.#inflight);
        continue;
      }
      const timer = this.#due(ticks > 0 ? 1100 : 0);
      if (timer) {
        if (timer.delay > 0) ticks -= 1;
        this.#fire(timer);
        continue;
      }
      for (let i = 0; i < 4; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.#inflight.size === 0 && !this.#due(0)) {
        this.timers.splice(0, this.timers.length, ...this.timers.filter((timer) => !timer.cancelled && (timer.page.alive || timer.page === this.#frozen?.page)));
        return;
      }
    }
    throw new Error('the tab never settled');
  }

  /** The clock moves `ms` forward: each element timer due on the way fires at its time. */
  async advance(ms: number): Promise<void> {
    const target = this.now() + ms;
    for (;;) {
      const timer = this.#due(target - this.now());
      if (!timer) break;
      this.#fire(timer);
      await this.settle(0);
    }
    const rest = target - this.now();
    if (rest > 0) this.clock.advance(rest);
    await this.settle();
  }

  /** The challenge open in the page, if one is (Stripe.js shows one at a time). */
  openChallenges(): Challenge[] {
    return this.page?.alive ? this.page.challenges.slice(0, 1) : [];
  }

  /** Ends the run: every page unloads. */
  close(): void {
    if (this.page) this.leave(this.page);
    if (this.#frozen) this.leave(this.#frozen.page);
    this.#frozen = null;
    // What its pages kept without storage is this process's (attempt-store.ts's module-level map):
    // gone with them, or the next run's page would find this run's payments kept.
    this.#forgetPageMemory();
    this.atBank = null;
    this.redirectNext = null;
    goTo(pageUrl);
    this.timers.length = 0;
    this.holdReadOf = null;
    this.#held.length = 0;
  }
}
