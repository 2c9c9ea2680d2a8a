// Helpers for the element's component tests: a valid public session to vary, a fetch stub
// that answers the element's public routes, and small waits on what the customer sees.
import { fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.ts';
import { PaidCheckoutElement } from '../../src/paid-checkout.ts';
import { RecordingCheckout } from './support/recording-checkout.ts';
import type { PaidCheckoutEventMap } from '../../src/events.ts';
import { publicCheckout } from '../../src/api/schemas.ts';
import { resolveSelections } from '../../src/pricing/selection.ts';
import { summarize } from '../../src/pricing/summary.ts';

export type Json = Record<string, unknown>;

// A payment under way is kept in the tab's sessionStorage, where a new element for its checkout
// resumes it (as after a reload); the runner's tab runs file after file: each test starts with none.
beforeEach(() => {
  try {
    sessionStorage.clear();
  } catch {
    // a test that made storage throw has put it back by now
  }
});

/** A valid public checkout: one tiered product, one seat-priced product, no customer. */
export function sessionJson(overrides: Json = {}): Json {
  return {
    id: 'chk_fixture',
    url: 'https://pay.example.test/chk_fixture',
    status: 'active',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    successUrl: 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}',
    cancelUrl: 'https://shop.example.test/pricing',
    allowedCurrencies: ['usd', 'eur'],
    currency: 'usd',
    collect: { name: true, email: true, address: false, phone: false },
    customer: null,
    payments: null,
    products: [
      {
        id: 'prod_analytics',
        name: 'Analytics',
        description: 'Dashboards for your whole team',
        basePrice: null,
        current: null,
        plans: [
          {
            id: 'plan_starter',
            name: 'Starter',
            description: 'For small teams',
            features: ['5 dashboards', 'Email support'],
            recommended: false,
            prices: [
              { currency: 'usd', model: 'flat', amount: 1900, interval: 'month' },
              { currency: 'eur', model: 'flat', amount: 1800, interval: 'month' },
            ],
          },
          {
            id: 'plan_pro',
            name: 'Pro',
            description: null,
            features: ['Unlimited dashboards'],
            recommended: true,
            prices: [
              { currency: 'usd', model: 'flat', amount: 4900, interval: 'month', trialDays: null },
              { currency: 'eur', model: 'flat', amount: 4500, interval: 'month' },
            ],
          },
        ],
      },
      {
        id: 'prod_seats',
        name: 'Team seats',
        description: null,
        current: null,
        basePrice: null,
        plans: [
          {
            id: 'plan_seat',
            name: 'Seat',
            description: null,
            features: [],
            recommended: false,
            prices: [
              { currency: 'usd', model: 'per_unit', amount: 1000, interval: 'month', unitLabel: 'seat', minQuantity: 1, maxQuantity: 50 },
              { currency: 'eur', model: 'per_unit', amount: 900, interval: 'month', unitLabel: 'seat', minQuantity: 1, maxQuantity: 50 },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}

export interface StubbedFetch {
  calls: Array<{ url: string; method: string; headers: Headers; body: unknown }>;
  restore: () => void;
}

type Answer = Response | Error | (() => Response | Error | Promise<Response | Error>);

/**
 * Replaces window.fetch for URLs under `base`; each request takes the next answer (the last
 * one repeats). Other URLs go to the real fetch.
 */
export function stubFetch(base: string, ...answers: Answer[]): StubbedFetch {
  return stubFetchIn(window, base, ...answers);
}

/** As stubFetch, in another window's fetch (a frame's, whose element fetches with it). */
export function stubFetchIn(target: { fetch: typeof fetch }, base: string, ...answers: Answer[]): StubbedFetch {
  const realFetch = target.fetch;
  const calls: StubbedFetch['calls'] = [];
  target.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(base)) return realFetch(input, init);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ url, method: init?.method ?? 'GET', headers: new Headers(init?.headers), body });
    const next = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    const answer = typeof next === 'function' ? await next() : next;
    if (answer instanceof Error) throw answer;
    return answer.clone();
  };
  return { calls, restore: () => (target.fetch = realFetch) };
}

/**
 * `response` as a stubbed answer that tells when the element has read its body (`read`): a test
 * of what a late answer does not do waits for that, not for a guessed pause.
 */
export function watchedAnswer(response: Response): { answer: Response; read: Promise<void> } {
  let markRead!: () => void;
  const read = new Promise<void>((resolve) => (markRead = resolve));
  const answer = response.clone();
  answer.clone = () => {
    const copy = Response.prototype.clone.call(response);
    const text = copy.text.bind(copy);
    copy.text = async () => {
      const body = await text();
      markRead();
      return body;
    };
    return copy;
  };
  return { answer, read };
}

/** The next task: every microtask queued before it has run (a step awaiting only promises already settled is done). */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const STUB_API = 'https://api.stub.test';

/** A group of Stripe's Elements, as far as a test spies on it. */
export interface ElementsGroup {
  submit: () => unknown;
  update: (options: unknown) => unknown;
}

/**
 * Hands `wrap` every Elements group the page's Stripe (the stand-in) makes from now on, for a test
 * to spy on its methods; call it before anything in the page loads Stripe. The objects stay the
 * stand-in's own.
 */
export function wrapStripeElements(wrap: (group: ElementsGroup) => void): void {
  type StripeFactory = ((...args: unknown[]) => { elements: (options: unknown) => ElementsGroup }) & { version?: string };
  const standIn = window.Stripe as unknown as StripeFactory;
  const wrapped: StripeFactory = (...args) => {
    const stripe = standIn(...args);
    const elements = stripe.elements;
    stripe.elements = (options) => {
      const group = elements(options);
      wrap(group);
      return group;
    };
    return stripe;
  };
  wrapped.version = standIn.version;
  window.Stripe = wrapped as unknown as typeof window.Stripe;
}

/**
 * A backend's quote for an order it taxes nothing on (a known customer with no address on file),
 * `body` the quote request the element sent: the order priced as the element prices it, now.
 */
export function untaxedQuote(session: Json, body: unknown): Response {
  const { selections, currency } = body as { selections: Array<{ product_id: string; plan_id: string | null; quantity: number }>; currency: string };
  const { products } = publicCheckout.parse(session);
  const resolved = resolveSelections(products, selections.map((line) => ({ productId: line.product_id, planId: line.plan_id, quantity: line.quantity })), currency);
  if (!resolved.ok) return json(422, { error: 'The request was refused.', code: 'validation_error' });
  const now = new Date();
  const summary = summarize(resolved.resolved, currency, now);
  const recurring = summary.recurring.map((charge) => ({ interval: charge.interval, starts_at: charge.startsAt.toISOString(), total: charge.amount, includes_usage: charge.includesUsage }));
  const lines = summary.lines.map(({ kind, dueToday }) => ({ kind, subtotal: dueToday, total: dueToday, tax_rate: null }));
  const data = { amount: summary.amountDueToday, currency, subtotal: summary.amountDueToday - summary.creditCarriedForward, tax: 0, lines, tax_lines: [], recurring, reverse_charge: false, now: now.toISOString() };
  return json(200, { success: true, data });
}

/** A paid answer in Paid's `{ success, data }` envelope; `data` fields as the sandbox sends them. */
export function paidAnswer(data: Json = {}): Response {
  return json(200, {
    success: true,
    data: {
      status: 'succeeded',
      order_id: 'ord_1',
      invoice_id: 'inv_1',
      redirect_url: null,
      payment_intent: { id: 'pi_paid', status: 'succeeded' },
      checkout_id: 'chk_fixture',
      customer_id: 'cus_new',
      amount_due: 5900,
      currency: 'usd',
      ...data,
    },
  });
}

/** A 3-D Secure answer: the payment intent waits for the customer's bank. */
export function actionAnswer(paymentIntentId = 'pi_123', clientSecret = `${paymentIntentId}_secret_456`): Response {
  return json(200, {
    success: true,
    data: { status: 'requires_action', order_id: null, payment_intent: { id: paymentIntentId, status: 'requires_action', client_secret: clientSecret } },
  });
}

/** A refusal as Paid's `ErrorResponse`: the sentence, the code, and any extras (`fields`, `declineCode`). */
export function refusal(status: number, error: string, code: string, extra: Json = {}): Response {
  return json(status, { error, code, ...extra });
}

/** Mounts an element pointed at `apiBase` and `checkoutId`. */
export async function mountCheckout(checkoutId: string, apiBase = STUB_API, attributes: Json = {}): Promise<PaidCheckoutElement> {
  const element = await fixture<PaidCheckoutElement>(
    html`<paid-checkout checkout-id=${checkoutId} api-base=${apiBase} locale=${String(attributes.locale ?? 'en')}></paid-checkout>`,
  );
  return element;
}

/**
 * An element pointed at `checkoutId`, not yet on the page: listen to it first, then mount it with
 * `fixture(element)`. Its first answer can arrive before `fixture()` resolves (it does in WebKit).
 */
export function unmountedCheckout(checkoutId: string, apiBase = STUB_API): PaidCheckoutElement {
  const element = document.createElement('paid-checkout');
  element.setAttribute('checkout-id', checkoutId);
  element.setAttribute('api-base', apiBase);
  element.setAttribute('locale', 'en');
  return element;
}

export function shadow(element: PaidCheckoutElement): ShadowRoot {
  return element.shadowRoot!;
}

/** Text of the element's shadow tree, as a customer would read it (whitespace collapsed). */
export function visibleText(element: PaidCheckoutElement): string {
  return (shadow(element).textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits for `text` among the element's words, its white space (a catalog's no-break spaces too) taken as visibleText takes it. */
export async function waitForText(element: PaidCheckoutElement, text: string | RegExp, timeout?: number): Promise<void> {
  await waitUntil(
    () => (typeof text === 'string' ? visibleText(element).includes(text.replace(/\s+/g, ' ').trim()) : text.test(visibleText(element))),
    `expected text ${String(text)}; saw: ${visibleText(element).slice(0, 400)}`,
    timeout ? { timeout } : {},
  );
}

export async function waitForSelector<T extends Element = HTMLElement>(element: PaidCheckoutElement, selector: string, timeout?: number): Promise<T> {
  await waitUntil(() => shadow(element).querySelector(selector), `expected ${selector}`, timeout ? { timeout } : {});
  return shadow(element).querySelector<T>(selector)!;
}

/** Records every event of a type the element dispatches. */
export function record<K extends keyof PaidCheckoutEventMap>(element: EventTarget, type: K): Array<PaidCheckoutEventMap[K]> {
  const events: Array<PaidCheckoutEventMap[K]> = [];
  element.addEventListener(type, (event) => events.push(event as PaidCheckoutEventMap[K]));
  return events;
}

export interface CompleteSpy {
  keys: string[];
  restore(): void;
}

/**
 * Watches the element's complete requests; the first one is `held`: sent to the server but its
 * answer never reaches the page (`'sent'`), or never sent at all (`'unsent'`), as when the page
 * reloads at that moment.
 */
export function holdFirstComplete(held: 'sent' | 'unsent'): CompleteSpy {
  const realFetch = window.fetch;
  const keys: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/complete')) {
      keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
      if (keys.length === 1) {
        if (held === 'sent') void realFetch(input, init);
        return new Promise<Response>(() => {});
      }
    }
    return realFetch(input, init);
  };
  return { keys, restore: () => (window.fetch = realFetch) };
}

/** Loses on the network every read of the checkout `checkoutId` (each retry too) until restored; other requests go through. */
export function loseSessionReads(checkoutId: string): { lost(): number; restore(): void } {
  const realFetch = window.fetch;
  const sessionPath = `/api/public/checkout/${checkoutId}`;
  let lost = 0;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.pathname !== sessionPath || (init?.method ?? 'GET') !== 'GET') return realFetch(input, init);
    lost += 1;
    return Promise.reject(new TypeError('Failed to fetch'));
  };
  return { lost: () => lost, restore: () => (window.fetch = realFetch) };
}

/** A read of a checkout held on its way by holdSessionRead. */
export interface HeldRead {
  /** Resolves once the element has asked for the read that is held. */
  asked: Promise<void>;
  /**
   * Lets the held read reach the server and hands its answer to the element, its body already read
   * (what the element does with it then takes no task); resolves one task later, once it has.
   * Later reads go through.
   */
  answer(): Promise<void>;
  /** Loses the held read on the network, and every read of the checkout after it (each retry too) until restored. */
  lose(): void;
  /** How many reads were lost. */
  lost(): number;
  restore(): void;
}

/**
 * Holds the next read of the checkout `checkoutId` on its way (one already under way, and other
 * requests, go through) until the test answers it or loses it: a read whose answer comes, or is
 * lost, at a moment the test chooses (while a payment is under way).
 */
export function holdSessionRead(checkoutId: string): HeldRead {
  const realFetch = window.fetch;
  const sessionPath = `/api/public/checkout/${checkoutId}`;
  let stage: 'waiting' | 'held' | 'answered' | 'lost' = 'waiting';
  let lost = 0;
  let held: { input: RequestInfo | URL; init?: RequestInit; resolve(response: Response): void; reject(error: unknown): void } | null = null;
  let asked!: () => void;
  const askedFor = new Promise<void>((resolve) => (asked = resolve));
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.pathname !== sessionPath || (init?.method ?? 'GET') !== 'GET') return realFetch(input, init);
    if (stage === 'lost') {
      lost += 1;
      return Promise.reject(new TypeError('Failed to fetch'));
    }
    if (stage !== 'waiting') return realFetch(input, init);
    stage = 'held';
    asked();
    return new Promise<Response>((resolve, reject) => (held = { input, init, resolve, reject }));
  };
  return {
    asked: askedFor,
    async answer() {
      if (!held) throw new Error('no read is held');
      stage = 'answered';
      const response = await realFetch(held.input, held.init);
      const text = await response.text();
      held.resolve({ status: response.status, ok: response.ok, text: () => Promise.resolve(text) } as Response);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    lose() {
      if (!held) throw new Error('no read is held');
      stage = 'lost';
      lost += 1;
      held.reject(new TypeError('Failed to fetch'));
    },
    lost: () => lost,
    restore: () => (window.fetch = realFetch),
  };
}

/** Holds the next complete request before it leaves the page (`asked` once the element sent it) until `release()` sends it on. */
export function holdNextComplete(): { asked: Promise<void>; release(): void; restore(): void } {
  const realFetch = window.fetch;
  let holding = true;
  let asked!: () => void;
  const askedFor = new Promise<void>((resolve) => (asked = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!holding || !String(input instanceof Request ? input.url : input).endsWith('/complete')) return realFetch(input, init);
    holding = false;
    asked();
    await released;
    return realFetch(input, init);
  };
  return { asked: askedFor, release, restore: () => (window.fetch = realFetch) };
}

export function errorCode(element: PaidCheckoutElement): string | null {
  return shadow(element).querySelector('[data-code]')?.getAttribute('data-code') ?? null;
}

export { RecordingCheckout };

/** A RecordingCheckout on a laptop whose clock runs `aheadMs` ahead (a test may move it, as after a sleep). */
export class SkewedClockCheckout extends RecordingCheckout {
  static aheadMs = 0;
  protected override now(): number {
    return Date.now() + SkewedClockCheckout.aheadMs;
  }
}
if (!customElements.get('skewed-clock-checkout')) customElements.define('skewed-clock-checkout', SkewedClockCheckout);

/** Records the status of every answer to a request whose path ends with `pathEnd` (the real fetch answers them), until `restore()`. */
export function watchStatuses(pathEnd: string): { statuses: number[]; restore(): void } {
  const realFetch = window.fetch;
  const statuses: number[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const answer = await realFetch(input, init);
    if (String(input instanceof Request ? input.url : input).endsWith(pathEnd)) statuses.push(answer.status);
    return answer;
  };
  return { statuses, restore: () => (window.fetch = realFetch) };
}

/**
 * A RecordingCheckout (same element, navigation recorded) pointed at `checkoutId`, not yet on the
 * page: listen to it first, then mount it with `fixture(element)`. `within`: the document it is made
 * in (a frame's, where the element is defined: see support/sized-page.ts).
 */
export function unmountedRecording(checkoutId: string, apiBase = STUB_API, locale = 'en', within: Document = document): RecordingCheckout {
  const element = within.createElement('recording-checkout') as RecordingCheckout;
  element.checkoutId = checkoutId;
  element.apiBase = apiBase;
  element.locale = locale;
  return element;
}

/** Mounts a RecordingCheckout (same element, navigation recorded). */
export async function mountRecording(checkoutId: string, apiBase = STUB_API, locale = 'en'): Promise<RecordingCheckout> {
  return fixture<RecordingCheckout>(unmountedRecording(checkoutId, apiBase, locale));
}

/** Stripe's payment fields, mounted in the element's light DOM. */
export function paymentField(element: HTMLElement, label: RegExp): HTMLInputElement {
  const container = element.querySelector('[slot="payment"]');
  if (!container) throw new Error('no payment container in the light DOM');
  const labelled = [...container.querySelectorAll('input')].find((input) => {
    const text = [input.getAttribute('aria-label'), ...[...(input.labels ?? [])].map((node) => node.textContent)].join(' ');
    return label.test(text);
  });
  if (!labelled) throw new Error(`no payment field ${label}`);
  return labelled;
}

function typeInto(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Types `text` into one of Stripe's fields with the keyboard, as a customer would (a read-only
 * field takes none of it); the field must have taken focus first.
 */
export async function typeInPaymentField(element: HTMLElement, label: RegExp, text: string): Promise<HTMLInputElement> {
  const input = paymentField(element, label);
  input.focus();
  input.select();
  if (document.activeElement !== input) throw new Error(`the payment field ${label} did not take focus`);
  await sendKeys({ type: text });
  return input;
}

/** Answers the stand-in's 3-D Secure challenge (a modal dialog in the page). */
export async function authenticate(answer: 'Complete authentication' | 'Fail authentication', timeout?: number): Promise<void> {
  const find = () => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === answer);
  await waitUntil(find, `no "${answer}" button in the 3-D Secure challenge`, timeout ? { timeout } : {});
  find()!.click();
}

/** The stand-in's card fields' labels in a language: its number's, expiry's, security code's and postal code's. */
export type CardLabels = readonly [number: RegExp, expiry: RegExp, cvc: RegExp, postal: RegExp];

/** Waits for the payment fields, then enters a test card (`labels`: the fields' in the element's language). */
export async function fillCard(element: HTMLElement, number: string, labels: CardLabels = [/card number/i, /expiration/i, /security code|cvc/i, /postal|zip/i]): Promise<void> {
  await waitUntil(() => element.querySelector('[slot="payment"] input'), 'payment fields never mounted');
  typeInto(paymentField(element, labels[0]), number);
  const optional = (label: RegExp, value: string) => {
    try {
      typeInto(paymentField(element, label), value);
    } catch {
      // a stand-in without this field
    }
  };
  optional(labels[1], '12 / 34');
  optional(labels[2], '123');
  optional(labels[3], '10001');
}

/** Fills one of the element's own fields (name, email, …) as a customer would. */
export function fillField(element: PaidCheckoutElement, field: string, value: string): void {
  const input = shadow(element).querySelector<HTMLInputElement | HTMLSelectElement>(`#field-${field}`);
  if (!input) throw new Error(`no field ${field}`);
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  input.dispatchEvent(new Event('blur'));
}

export function payButton(element: PaidCheckoutElement): HTMLButtonElement {
  return shadow(element).querySelector<HTMLButtonElement>('[part~="pay-button"]')!;
}

/** Waits until the pay button can be pressed (session shown, payment fields ready). */
export async function readyToPay(element: PaidCheckoutElement, timeout?: number): Promise<HTMLButtonElement> {
  await waitUntil(() => payButton(element) && !payButton(element).disabled, 'pay button never enabled', timeout ? { timeout } : {});
  return payButton(element);
}

/**
 * A new buyer pays as a customer would, once the form can be paid: Ada Lovelace's name and `email`,
 * the test card `card` (`labels`: the card fields' in the element's language), then Pay.
 */
export async function payAsNewBuyer(
  element: PaidCheckoutElement,
  { card = '4242 4242 4242 4242', email = 'ada@example.com', labels, byEnter = false }: { card?: string; email?: string; labels?: CardLabels; byEnter?: boolean } = {},
): Promise<void> {
  await readyToPay(element);
  fillField(element, 'name', 'Ada Lovelace');
  fillField(element, 'email', email);
  await fillCard(element, card, labels);
  // `byEnter`: the keyboard's way, Enter on the focused Pay (its focus is then the element's to keep).
  if (!byEnter) return payButton(element).click();
  payButton(element).focus();
  await sendKeys({ press: 'Enter' });
}

/**
 * A new buyer pays `chk_fixture`, whose complete is held (the stub's second answer), and the page
 * then shows `chk_other` (its third), ready to pay: an answer for the first comes after it moved on.
 */
export async function payThenShowOther(element: PaidCheckoutElement, api: StubbedFetch): Promise<void> {
  await payAsNewBuyer(element);
  await waitUntil(() => api.calls.length === 2, 'the payment was never sent', { timeout: 8000 });
  element.checkoutId = 'chk_other';
  await readyToPay(element);
}

/** The control that has focus, looking through the element's shadow root. */
export function focusedControl(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function accessibleLabel(control: Element): string {
  const labels = control instanceof HTMLInputElement || control instanceof HTMLSelectElement ? [...(control.labels ?? [])] : [];
  return [control.getAttribute('aria-label'), ...labels.map((label) => label.textContent)].join(' ');
}

/**
 * Buys with the keyboard alone, from the top of the page: Tab through every control, an arrow
 * key to pick another tier, typing into the customer's and Stripe's fields, Enter on Pay.
 * Returns the labels of the fields typed into, in order.
 */
export async function payByKeyboard(
  element: PaidCheckoutElement,
  values: { name?: string; email?: string; card: string },
): Promise<string[]> {
  const typed: string[] = [];
  let changedTier = false;
  (document.activeElement as HTMLElement | null)?.blur();
  for (let step = 0; step < 60; step += 1) {
    await sendKeys({ press: 'Tab' });
    const control = focusedControl();
    if (!control) continue;
    if (control === payButton(element)) {
      await sendKeys({ press: 'Enter' });
      return typed;
    }
    if (control instanceof HTMLInputElement && control.type === 'radio' && !changedTier) {
      // Towards a neighbour that exists: WebKit does not wrap from the last radio to the first.
      const group = [...(control.getRootNode() as ParentNode).querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${control.name}"]`)];
      await sendKeys({ press: group.at(-1) === control ? 'ArrowUp' : 'ArrowDown' });
      changedTier = true;
      continue;
    }
    if (!(control instanceof HTMLInputElement) || control.type === 'radio' || control.type === 'number') continue;
    const label = accessibleLabel(control);
    const value = /full name/i.test(label)
      ? values.name
      : /email/i.test(label)
        ? values.email
        : /card number/i.test(label)
          ? values.card
          : /expir/i.test(label)
            ? '1234'
            : /security code|cvc/i.test(label)
              ? '123'
              : /postal|zip/i.test(label)
                ? '10001'
                : undefined;
    if (value !== undefined && control.value === '') {
      await sendKeys({ type: value });
      typed.push(label.trim());
    }
  }
  throw new Error(`never reached the pay button by Tab; typed into ${typed.join(', ')}`);
}

/**
 * The tests' positive control for "no handler ran": resolves once a broken image added now has
 * reported its error. Hostile markup rendered before it (an `<img src=x onerror>`, the same URL)
 * would have had its handler run by then, so absence can be asserted without a timed pause.
 * `within`: the document that markup is in (the image loads in it, as the markup's would).
 */
export async function brokenImageReported(within: Document = document): Promise<void> {
  const control = within.createElement('img');
  await new Promise<void>((resolve) => {
    control.onerror = () => resolve();
    control.onload = () => resolve();
    control.src = 'x';
  });
  // Then one task, so that any handler queued alongside has run.
  await new Promise((resolve) => setTimeout(resolve, 0));
}
