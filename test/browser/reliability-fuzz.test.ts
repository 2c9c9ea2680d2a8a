// Fuzzing the session answer: 1,200 seeded mutations of a valid public checkout fed to one element
// through a stubbed fetch. None throws, and each ends in a state a customer can read: the form,
// the state its status names, or invalid_response, exactly as the wire schema decides.
import { expect } from '@open-wc/testing';
import { publicCheckout } from '../../src/api/schemas.ts';
import { currenciesOffered, defaultSelections, resolveSelections } from '../../src/pricing/selection.ts';
import type { PaidCheckoutElement } from '../../src/paid-checkout.ts';
import { STUB_API, sessionJson, shadow, visibleText, type Json } from './helpers.ts';

const MUTATIONS = 1200;
const BATCH = 100;
const SEED = 0x5eed_c0de;

/** mulberry32: a small seeded PRNG, so that every run fuzzes the same answers. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Path = Array<string | number>;
type Container = Json | unknown[];

/** Every path to a value inside `value` (objects' keys and arrays' indexes). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function parentOf(root: Json, path: Path): Container {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  return node as Container;
}

// A key the mutated JSON text carries as "__proto__" (a JS object literal cannot hold one as data).
const PROTO_MARK = '__paid_fuzz_proto__';

const enumLike = ['ACTIVE', 'paid', 'weekly', 'crypto', 'paypal', 'USD', 'us', 'Month', 'tiered', 'null', '', ' ', 'one-time', 'daily'];
const hostileText = ['<b>x</b>', '\u202Eevil', 'javascript:alert(1)', '\u0000nul', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧾', 'a\u200Bb', '${x}', '{CHECKOUT_ID}'];
const moneyLike = [-1, -1900, 0.5, 19.99, 1e21, Number.MAX_SAFE_INTEGER + 2, -0, 2 ** 31, 1e308, '1900', '19.00', true];

type Mutation = (rand: () => number, root: Json, path: Path) => string;

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function set(root: Json, path: Path, value: unknown): void {
  const parent = parentOf(root, path);
  (parent as Record<string | number, unknown>)[path.at(-1)!] = value;
}

function get(root: Json, path: Path): unknown {
  return (parentOf(root, path) as Record<string | number, unknown>)[path.at(-1)!];
}

const mutations: Record<string, Mutation> = {
  drop: (_rand, root, path) => {
    const parent = parentOf(root, path);
    if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
    else delete parent[String(path.at(-1))];
    return 'dropped';
  },
  null: (_rand, root, path) => (set(root, path, null), 'null'),
  wrongType: (rand, root, path) => {
    const value = pick(rand, [0, 1, -1, true, false, 'text', '', [], {}, ['a'], { a: 1 }]);
    set(root, path, value);
    return `wrong type ${JSON.stringify(value)}`;
  },
  hugeString: (rand, root, path) => {
    const length = pick(rand, [499, 500, 501, 5000, 5001, 100_000]);
    set(root, path, pick(rand, ['W', 'é', '<', ' ']).repeat(length));
    return `a string of ${length}`;
  },
  hugeArray: (rand, root, path) => {
    const value = get(root, path);
    const length = pick(rand, [20, 21, 50, 51, 500]);
    set(root, path, Array.from({ length }, () => (Array.isArray(value) ? value[0] ?? 'x' : value)));
    return `an array of ${length}`;
  },
  unknownEnum: (rand, root, path) => {
    const value = pick(rand, enumLike);
    set(root, path, value);
    return `value ${JSON.stringify(value)}`;
  },
  money: (rand, root, path) => {
    const value = pick(rand, moneyLike);
    set(root, path, value);
    return `money ${String(value)}`;
  },
  hostileText: (rand, root, path) => {
    const value = pick(rand, hostileText);
    set(root, path, value);
    return `text ${JSON.stringify(value)}`;
  },
  prototypeKey: (rand, root, path) => {
    const target = get(root, path);
    const holder = typeof target === 'object' && target !== null && !Array.isArray(target) ? (target as Json) : parentOf(root, path);
    if (Array.isArray(holder)) return 'no object here';
    const [key, value] = pick(rand, [
      [PROTO_MARK, { polluted: 'yes', status: 'completed', id: 'chk_evil' }],
      ['constructor', { prototype: { polluted: 'yes' } }],
      ['prototype', { polluted: 'yes' }],
      ['hasOwnProperty', 'no'],
      ['toString', 1],
    ] as const);
    holder[key] = value;
    return `key ${key === PROTO_MARK ? '__proto__' : key}`;
  },
  duplicate: (_rand, root, path) => {
    const parent = parentOf(root, path);
    if (!Array.isArray(parent)) return 'no array here';
    parent.push(structuredClone(parent[Number(path.at(-1))]));
    return 'duplicated an entry';
  },
};

const mutationNames = Object.keys(mutations);

interface Case {
  index: number;
  description: string;
  text: string;
}

function baseSession(index: number): Json {
  // Fixed dates, so that the same seed gives the same text on every run.
  const base = sessionJson({ id: `chk_fuzz_${index}`, expiresAt: '2099-01-01T00:00:00Z' });
  // Some with payments, some with a current subscription, some with tiers: more paths to break.
  if (index % 4 === 1) base.payments = { provider: 'stripe', publishableKey: 'pk_test_fuzz' };
  if (index % 4 === 2) {
    const [analytics] = base.products as Json[];
    analytics!.current = {
      orderId: 'ord_1',
      planId: 'plan_starter',
      quantity: 1,
      periodStart: '2020-01-01T00:00:00Z',
      periodEnd: '2099-01-01T00:00:00Z',
      amount: 1900,
      currency: 'usd',
      interval: 'month',
    };
    base.allowedCurrencies = ['usd'];
  }
  if (index % 4 === 3) {
    const [, seats] = base.products as Json[];
    const [plan] = seats!.plans as Json[];
    plan!.prices = [
      {
        currency: 'usd',
        model: 'graduated',
        amount: 0,
        interval: 'month',
        unitLabel: 'GB',
        minQuantity: 1,
        maxQuantity: 1000,
        tiers: [
          { upTo: 100, unitAmount: 10, flatAmount: 0 },
          { upTo: null, unitAmount: 5, flatAmount: 100 },
        ],
      },
      { currency: 'eur', model: 'usage', amount: 3, interval: 'month', includedQuantity: 10 },
    ];
  }
  return base;
}

function makeCase(index: number, rand: () => number): Case {
  const root = baseSession(index);
  const applied: string[] = [];
  const count = 1 + Math.floor(rand() * 3);
  for (let step = 0; step < count; step += 1) {
    const paths = pathsOf(root);
    if (paths.length === 0) break;
    const path = pick(rand, paths);
    const name = pick(rand, mutationNames);
    applied.push(`${path.join('.')}: ${mutations[name]!(rand, root, path)}`);
  }
  return { index, description: applied.join('; '), text: JSON.stringify(root).split(`"${PROTO_MARK}"`).join('"__proto__"') };
}

function allCases(): Case[] {
  const rand = prng(SEED);
  return Array.from({ length: MUTATIONS }, (_, index) => makeCase(index, rand));
}

type Expected = { kind: 'form'; names: string[] } | { kind: 'state'; code: string };

const closed = new Set(['expired', 'completed', 'archived']);

/** What a customer must see for this answer: the schema decides, then the documented rules. */
function expectedFor(text: string): Expected {
  const verdict = publicCheckout.safeParse(JSON.parse(text));
  if (!verdict.success) return { kind: 'state', code: 'invalid_response' };
  const checkout = verdict.data;
  if (closed.has(checkout.status)) return { kind: 'state', code: checkout.status };
  const offered = currenciesOffered(checkout.products);
  const currencies = checkout.allowedCurrencies.filter((currency) => offered.includes(currency));
  const currency = currencies.includes(checkout.currency) ? checkout.currency : currencies[0];
  if (!currency) return { kind: 'state', code: 'invalid_response' };
  const resolved = resolveSelections(checkout.products, defaultSelections(checkout.products, currency), currency);
  if (!resolved.ok) return { kind: 'state', code: 'invalid_response' };
  return { kind: 'form', names: checkout.products.map((product) => product.name) };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Resolves once the element shows a form or a whole-element state for the current id. */
function settled(element: PaidCheckoutElement, id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${id}: never settled; saw ${visibleText(element).slice(0, 200)}`));
    }, 4000);
    const check = () => {
      const root = shadow(element);
      if (root.querySelector('form[part~="form"], .state[data-code]')) {
        cleanup();
        resolve();
      }
    };
    const onEvent = () => void element.updateComplete.then(check);
    const cleanup = () => {
      clearTimeout(timer);
      element.removeEventListener('paid-checkout-ready', onEvent);
      element.removeEventListener('paid-checkout-error', onEvent);
    };
    element.addEventListener('paid-checkout-ready', onEvent);
    element.addEventListener('paid-checkout-error', onEvent);
  });
}

describe('paid-checkout fuzzed session answers', function () {
  this.timeout(120_000);
  const cases = allCases();
  const answers = new Map(cases.map((fuzzCase) => [`chk_fuzz_${fuzzCase.index}`, fuzzCase.text]));
  const uncaught: string[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(`unhandled rejection: ${String(event.reason)}`);
  const realFetch = window.fetch;
  let element: PaidCheckoutElement;
  const seen = { form: 0, invalid_response: 0, closed: 0 };

  before(async () => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith(STUB_API)) return realFetch(input, init);
      const text = answers.get(decodeURIComponent(url.split('/').pop() ?? '')) ?? '{}';
      return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    };
    // Not a fixture: @open-wc removes fixtures after each test, and this element serves them all.
    element = document.createElement('paid-checkout');
    element.apiBase = STUB_API;
    element.locale = 'en';
    element.checkoutId = 'chk_fuzz_start';
    document.body.append(element);
    await element.updateComplete;
  });

  after(() => {
    element.remove();
    window.fetch = realFetch;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  it(`generates ${MUTATIONS} distinct mutations from a fixed seed, the same on every run`, () => {
    expect(cases).to.have.length(MUTATIONS);
    expect(new Set(cases.map((fuzzCase) => fuzzCase.text)).size).to.be.greaterThan(MUTATIONS * 0.9);
    expect(allCases()[MUTATIONS - 1]!.text).to.equal(cases[MUTATIONS - 1]!.text);
    // The fuzzing reaches both outcomes, else it proves little.
    const outcomes = cases.map((fuzzCase) => expectedFor(fuzzCase.text).kind);
    expect(outcomes.filter((kind) => kind === 'form').length).to.be.greaterThan(100);
    expect(outcomes.filter((kind) => kind === 'state').length).to.be.greaterThan(100);
  });

  for (let start = 0; start < MUTATIONS; start += BATCH) {
    it(`mutations ${start}–${start + BATCH - 1}: no uncaught error, and the form, the status's state or invalid_response as the schema says`, async () => {
      for (const fuzzCase of cases.slice(start, start + BATCH)) {
        const id = `chk_fuzz_${fuzzCase.index}`;
        const label = `#${fuzzCase.index} (${fuzzCase.description})`;
        const expected = expectedFor(fuzzCase.text);
        const done = settled(element, id);
        element.checkoutId = id;
        await done;
        await element.updateComplete;
        const root = shadow(element);
        const text = collapse(visibleText(element));
        if (expected.kind === 'state') {
          const state = root.querySelector('.state[data-code]');
          expect(state?.getAttribute('data-code'), label).to.equal(expected.code);
          expect(collapse(state!.textContent ?? '').length, label).to.be.greaterThan(10);
          if (expected.code === 'invalid_response') expect(text, label).to.contain('couldn’t read');
          seen[expected.code === 'invalid_response' ? 'invalid_response' : 'closed'] += 1;
        } else {
          expect(root.querySelector('.state[data-code]'), label).to.equal(null);
          expect(root.querySelector('form[part~="form"]'), label).to.not.equal(null);
          for (const name of expected.names) expect(text, label).to.contain(collapse(name));
          expect(root.querySelector('[data-testid="due-today"]'), label).to.not.equal(null);
          seen.form += 1;
        }
        expect(uncaught, label).to.deep.equal([]);
      }
    });
  }

  it('saw every kind of outcome', () => {
    console.info(`fuzz outcomes: ${JSON.stringify(seen)}`);
    expect(seen.form + seen.invalid_response + seen.closed).to.equal(MUTATIONS);
    expect(seen.form).to.be.greaterThan(0);
    expect(seen.invalid_response).to.be.greaterThan(0);
  });
});
