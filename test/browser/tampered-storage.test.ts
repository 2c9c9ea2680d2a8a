// Hostile input from the tab's own storage: what sessionStorage keeps for a checkout (a payment under
// way, `paid-checkout:attempt:<id>`, and a 3-D Secure payment left unfinished,
// `paid-checkout:unfinished:<id>`) written by something else than this element: another version,
// an extension, a script of the page. Nothing of it throws, pollutes a prototype, blocks the buyer's
// Pay, or loses a payment the server says was taken.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { STUB_API, json, mountRecording, paidAnswer, payAsNewBuyer, readyToPay, record, sessionJson, shadow, unmountedRecording, type Json } from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };
const ATTEMPT_KEY = 'paid-checkout:attempt:chk_fixture';
const UNFINISHED_KEY = 'paid-checkout:unfinished:chk_fixture';

interface Asked {
  path: string;
  body: Json | undefined;
}

/**
 * The public API for chk_fixture, answering as the sandbox does: a payment id over 255 characters
 * (finalize's `payment_intent_id`, complete's `replaces_payment_intent_id`) is a 400 on its field;
 * finalize answers `finalized` (else 404), complete `completed`.
 */
function stubApi(finalized: () => Response, completed: () => Response): { asked: Asked[]; restore(): void } {
  const realFetch = window.fetch;
  const asked: Asked[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(STUB_API)) return realFetch(input, init);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Json) : undefined;
    const path = url.slice(STUB_API.length);
    asked.push({ path, body });
    for (const field of ['payment_intent_id', 'replaces_payment_intent_id']) {
      if (String(body?.[field] ?? '').length > 255) return json(400, { error: `${field}: must be at most 255 characters`, code: 'validation_error', fields: [{ field }] });
    }
    if (path.endsWith('/finalize')) return finalized();
    if (path.endsWith('/complete')) return completed();
    return json(200, sessionJson({ payments: PK }));
  };
  return { asked, restore: () => (window.fetch = realFetch) };
}

const posts = (asked: Asked[]) => asked.filter((request) => request.body !== undefined);

describe('a payment left unfinished, as the tab keeps it, written by something else than this element', () => {
  let api: ReturnType<typeof stubApi> | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  it('with an order that is no list of selections, answered paid by the server (the bank confirmed it after all): the load asks, and its success is shown and told, never lost', async () => {
    sessionStorage.setItem(UNFINISHED_KEY, JSON.stringify({ id: 'pi_left', at: Date.now(), order: { selections: 'prod_analytics', currency: 'usd' } }));
    api = stubApi(
      () => paidAnswer({ payment_intent: { id: 'pi_left', status: 'succeeded' } }),
      () => json(500, { error: 'complete is not asked' }),
    );
    const element = unmountedRecording('chk_fixture');
    const completes = record(element, 'paid-checkout-complete');
    await fixture(element);
    await waitUntil(() => element.state.status === 'succeeded', `the payment taken is never shown: ${element.state.status}`, { timeout: 8000 });
    expect(completes.map((event) => event.detail.orderId)).to.deep.equal(['ord_1']);
    expect(completes[0]!.detail.lines, 'what that payment bought is not known here').to.deep.equal([]);
    expect(posts(api.asked).map((request) => request.path)).to.deep.equal(['/api/public/checkout/chk_fixture/finalize']);
    expect(shadow(element).querySelector('.state.success')).to.not.equal(null);
    expect(sessionStorage.getItem(UNFINISHED_KEY), 'forgotten once paid').to.equal(null);
  });

  it('naming no payment a server takes (an id of 300 characters): nothing asks about it or names it, and the buyer’s Pay goes through', async () => {
    sessionStorage.setItem(UNFINISHED_KEY, JSON.stringify({ id: `pi_${'a'.repeat(300)}`, at: Date.now() }));
    api = stubApi(
      () => json(404, { error: 'Not found.', code: 'not_found' }),
      () => paidAnswer(),
    );
    const element = await mountRecording('chk_fixture');
    const errors = record(element, 'paid-checkout-error');
    await payAsNewBuyer(element);
    await waitUntil(() => /^(succeeded|failed)$/.test(element.state.status) || errors.length > 0, 'the Pay never ended', { timeout: 8000 });
    expect(errors.map((event) => `${event.detail.code}: ${event.detail.message}`)).to.deep.equal([]);
    expect(element.state.status).to.equal('succeeded');
    const sent = posts(api.asked);
    expect(sent.map((request) => request.path)).to.deep.equal(['/api/public/checkout/chk_fixture/complete']);
    expect(sent[0]!.body).to.not.have.property('replaces_payment_intent_id');
  });
});

describe('a payment under way, as the tab keeps it, written by something else than this element', () => {
  let api: ReturnType<typeof stubApi> | null = null;
  const unhandled: unknown[] = [];
  // A ResizeObserver's loop note is the engine's, not an error of the element.
  const onError = (event: ErrorEvent) => void (/ResizeObserver/.test(event.message) || unhandled.push(event.error ?? event.message));
  const onRejection = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
  beforeEach(() => {
    unhandled.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    api?.restore();
    api = null;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  const now = Date.now();
  const request = {
    selections: [
      { productId: 'prod_analytics', planId: 'plan_pro', quantity: 1 },
      { productId: 'prod_seats', planId: 'plan_seat', quantity: 1 },
    ],
    currency: 'usd',
    customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
    confirmationToken: 'ctoken_kept_0123456789',
    returnUrl: `${location.origin}${location.pathname}?paid_checkout_id=chk_fixture`,
    amountDue: 5900,
  };
  const attempt = { v: 1, checkoutId: 'chk_fixture', savedAt: now, completeKey: 'key-complete-0001', finalizeKey: 'key-finalize-0001', stage: 'complete', paymentIntentId: null, request };

  // Each is kept under this checkout's key; none is a payment this element could have kept, so none is sent.
  const hostile: Array<[string, string]> = [
    ['prototype keys at the top', `{"__proto__":{"polluted":"top"},"constructor":{"prototype":{"polluted":"ctor"}},"v":1,"checkoutId":"chk_fixture"}`],
    ['a prototype key as the version', JSON.stringify({ ...attempt, v: { __proto__: 1 } }).replace('"v":{}', '"v":{"__proto__":{"polluted":"v"}}')],
    ['a request of prototype keys alone', JSON.stringify({ ...attempt, request: {} }).replace('"request":{}', '"request":{"__proto__":{"selections":[],"polluted":"request"}}')],
    ['selections of another type', JSON.stringify({ ...attempt, request: { ...request, selections: { 0: request.selections[0], length: 1 } } })],
    ['a quantity of 10^309', JSON.stringify({ ...attempt, request: { ...request, selections: [{ ...request.selections[0], quantity: 1 }] } }).replace('"quantity":1', '"quantity":1e309')],
    ['a return URL of another scheme', JSON.stringify({ ...attempt, request: { ...request, returnUrl: 'javascript:alert(1)//' } })],
    ['a name of a million characters', JSON.stringify({ ...attempt, request: { ...request, customer: { name: 'A'.repeat(1_000_000), email: 'ada@example.com' } } })],
    ['markup as the payment intent', JSON.stringify({ ...attempt, stage: 'finalize', paymentIntentId: '<img src=x onerror=window.__tampered=1>' })],
    ['another checkout’s', JSON.stringify({ ...attempt, checkoutId: 'chk_other' })],
    ['not JSON', '{"v":1,'],
  ];

  for (const [label, raw] of hostile) {
    it(`${label}: the form, nothing sent, nothing thrown, no prototype touched`, async () => {
      try {
        sessionStorage.setItem(ATTEMPT_KEY, raw);
      } catch {
        // over the engine's quota (a million characters in Firefox's): nothing kept, the form all the same
      }
      api = stubApi(
        () => json(500, { error: 'finalize is not asked' }),
        () => json(500, { error: 'complete is not asked' }),
      );
      const element = await mountRecording('chk_fixture');
      await readyToPay(element);
      expect(element.state.status).to.equal('ready');
      expect(posts(api.asked), 'nothing is paid or finalized').to.deep.equal([]);
      expect(({} as Record<string, unknown>).polluted, 'Object.prototype').to.equal(undefined);
      expect((window as unknown as { __tampered?: unknown }).__tampered).to.equal(undefined);
      expect(unhandled).to.deep.equal([]);
    });
  }

  it('one this element could have kept, also carrying prototype keys: resumed as kept, and no prototype touched', async () => {
    const raw = JSON.stringify(attempt).replace('{"v":1', '{"__proto__":{"polluted":"top"},"v":1').replace('"request":{', '"request":{"__proto__":{"polluted":"request"},');
    sessionStorage.setItem(ATTEMPT_KEY, raw);
    api = stubApi(
      () => json(500, { error: 'finalize is not asked' }),
      () => paidAnswer(),
    );
    const element = await mountRecording('chk_fixture');
    const completes = record(element, 'paid-checkout-complete');
    await waitUntil(() => completes.length === 1, 'the kept payment is never resumed', { timeout: 8000 });
    const sent = posts(api.asked);
    expect(sent.map((post) => post.path)).to.deep.equal(['/api/public/checkout/chk_fixture/complete']);
    expect(sent[0]!.body!.confirmation_token).to.equal('ctoken_kept_0123456789');
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype').to.equal(undefined);
    expect(unhandled).to.deep.equal([]);
  });
});
