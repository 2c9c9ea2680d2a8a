// Faults at each step (session read, complete, finalize): refused connections, 5xx, timeouts,
// cut-off and stalled bodies, answers that arrive after the element was removed or moved on.
// Reading is retried with backoff; a payment is only ever resent as the same attempt (same
// Idempotency-Key), and against the real sandbox every fault ends in exactly one order.
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { PaidCheckoutElement } from '../../src/paid-checkout.ts';
import { ordersFrom } from './support/orders.ts';
import { createCheckout, sandboxRequest, sandboxUrl } from './support/sandbox.ts';
import {
  STUB_API,
  actionAnswer,
  errorCode,
  fillCard,
  fillField,
  json,
  mountRecording,
  paidAnswer,
  payButton,
  readyToPay,
  record,
  refusal,
  sessionJson,
  shadow,
  visibleText,
  waitForSelector,
  waitForText,
  type RecordingCheckout,
} from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_faults' };
const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

type Answer = Response | Error | ((init: RequestInit | undefined) => Response | Error | Promise<Response | Error>);
type Route = 'session' | 'complete' | 'finalize';

interface Call {
  route: Route;
  at: number;
  key: string | null;
  body: string | null;
}

/** Stubs the public routes under STUB_API: each route takes its next answer (the last repeats). */
function stubRoutes(answers: Partial<Record<Route, Answer[]>>) {
  const realFetch = window.fetch;
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(STUB_API)) return realFetch(input, init);
    const route: Route = url.endsWith('/complete') ? 'complete' : url.endsWith('/finalize') ? 'finalize' : 'session';
    calls.push({
      route,
      at: performance.now(),
      key: new Headers(init?.headers).get('idempotency-key'),
      body: typeof init?.body === 'string' ? init.body : null,
    });
    const list = answers[route] ?? [];
    const seen = calls.filter((call) => call.route === route).length;
    const next = list[Math.min(seen - 1, list.length - 1)];
    if (!next) throw new Error(`no stubbed answer for ${route}`);
    const answer = typeof next === 'function' ? await next(init) : next;
    if (answer instanceof Error) throw answer;
    return answer.clone();
  };
  return {
    calls: (route: Route) => calls.filter((call) => call.route === route),
    restore: () => (window.fetch = realFetch),
  };
}

const refused = () => new TypeError('Failed to fetch');

/** A server that never answers: the request ends only when the element gives up on it. */
const hang = (init: RequestInit | undefined) =>
  new Promise<Response>((_resolve, reject) => {
    const aborted = () => reject(new DOMException('The operation was aborted.', 'AbortError'));
    // As fetch does: a signal that fired before the request was made fails it at once (on a loaded
    // machine the element's shortened timeout can fire while the real request is still out).
    if (init?.signal?.aborted) aborted();
    init?.signal?.addEventListener('abort', aborted);
  });

/** Headers and the start of a body, then nothing: the body stalls until the element gives up. */
const stalledBody = (init: RequestInit | undefined) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"status":'));
        init?.signal?.addEventListener('abort', () => controller.error(new DOMException('The operation was aborted.', 'AbortError')));
      },
    }),
    { status: 200, headers: { 'content-type': 'application/json' } },
  );

const truncated = (text: string) => new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: 200, headers: { 'content-type': 'application/json' } });

/**
 * Runs the element's long waits (Stripe.js's 15 s, a request's 20 s / 60 s timeout) in 30 ms: the
 * same code path as a real timeout, without a test that waits a minute. Waits of 10 s or less are
 * left alone: among them the test's own (support/wait.ts's waitUntil gives up after 10 s).
 */
function fastTimeouts(): () => void {
  const realSetTimeout = window.setTimeout;
  window.setTimeout = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) =>
    realSetTimeout(handler, timeout !== undefined && timeout > 10_000 && timeout <= 120_000 ? 30 : timeout, ...rest)) as typeof window.setTimeout;
  return () => (window.setTimeout = realSetTimeout);
}

const succeeded = (checkoutId = 'chk_fixture') => paidAnswer({ checkout_id: checkoutId, customer_id: 'cus_1' });

/** The start of a paid answer, as a dropped connection leaves it. */
const cutOffPaidAnswer = () => truncated(JSON.stringify({ success: true, data: { status: 'succeeded', order_id: 'ord_1', checkout_id: 'chk_fixture' } }));

/** A <paid-checkout> with short, known waits between session reads. */
class QuickRetryCheckout extends PaidCheckoutElement {
  protected override sessionRetryDelays = [40, 120];
}
if (!customElements.get('quick-retry-checkout')) customElements.define('quick-retry-checkout', QuickRetryCheckout);

function mountQuick(checkoutId = 'chk_fixture'): PaidCheckoutElement {
  const element = document.createElement('quick-retry-checkout') as QuickRetryCheckout;
  element.checkoutId = checkoutId;
  element.apiBase = STUB_API;
  element.locale = 'en';
  document.body.append(element);
  return element;
}

function retryButton(element: PaidCheckoutElement): HTMLButtonElement {
  const button = [...shadow(element).querySelectorAll('button')].find((candidate) => candidate.textContent?.includes('Try again'));
  if (!button) throw new Error(`no Try again button; saw ${visibleText(element).slice(0, 200)}`);
  return button;
}

async function fillAndPay(element: RecordingCheckout, card = '4242 4242 4242 4242', email = 'ada@example.com'): Promise<void> {
  fillField(element, 'name', 'Ada Lovelace');
  fillField(element, 'email', email);
  await fillCard(element, card);
  (await readyToPay(element)).click();
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('paid-checkout faults: the session read', () => {
  let api: ReturnType<typeof stubRoutes> | null = null;
  let restoreTimers: (() => void) | null = null;
  const mounted: HTMLElement[] = [];
  afterEach(() => {
    api?.restore();
    api = null;
    restoreTimers?.();
    restoreTimers = null;
    for (const element of mounted.splice(0)) element.remove();
  });

  function quick(checkoutId?: string): PaidCheckoutElement {
    const element = mountQuick(checkoutId);
    mounted.push(element);
    return element;
  }

  it('waits longer before each new read after refused connections, gives up after three with Try again, and Try again reads again', async () => {
    api = stubRoutes({ session: [refused(), refused(), refused(), json(200, sessionJson())] });
    const element = quick();
    const errors = record(element, 'paid-checkout-error');
    await waitForText(element, 'couldn’t reach the server');
    const [first, second, third] = api.calls('session');
    expect(api.calls('session')).to.have.length(3);
    // Backoff: at least the configured waits, and the second wait longer than the first.
    expect(second!.at - first!.at).to.be.at.least(40 - 2);
    expect(third!.at - second!.at).to.be.at.least(120 - 2);
    expect(errors.map((event) => event.detail)).to.deep.equal([
      { code: 'network_error', message: errors[0]!.detail.message, recoverable: true },
    ]);
    retryButton(element).click();
    await waitForText(element, 'Analytics');
    expect(api.calls('session')).to.have.length(4);
  });

  it('reads again after 500s, and shows the form when the server recovers within three reads', async () => {
    api = stubRoutes({ session: [json(500, {}), json(503, 'Service Unavailable'), json(200, sessionJson())] });
    const element = quick();
    const errors = record(element, 'paid-checkout-error');
    await waitForText(element, 'Analytics');
    expect(api.calls('session')).to.have.length(3);
    expect(errors.filter((event) => event.detail.code !== 'payments_not_configured')).to.deep.equal([]);
  });

  it('says server_error with Try again after three 500s', async () => {
    api = stubRoutes({ session: [new Response('<h1>Internal Server Error</h1>', { status: 500 })] });
    const element = quick();
    await waitForText(element, 'server had a problem');
    expect(errorCode(element)).to.equal('server_error');
    expect(api.calls('session')).to.have.length(3);
    expect(retryButton(element)).to.exist;
  });

  it('gives up on a server that never answers (timeout), reads again, then says network_error with Try again', async () => {
    restoreTimers = fastTimeouts();
    api = stubRoutes({ session: [hang] });
    const element = quick();
    await waitForText(element, 'couldn’t reach the server');
    expect(api.calls('session')).to.have.length(3);
    expect(errorCode(element)).to.equal('network_error');
  });

  it('gives up on a body that stalls after its headers, instead of loading forever', async () => {
    restoreTimers = fastTimeouts();
    api = stubRoutes({ session: [stalledBody, stalledBody, json(200, sessionJson())] });
    const element = quick();
    await waitForText(element, 'Analytics');
    expect(api.calls('session')).to.have.length(3);
  });

  it('reads again after a cut-off (truncated) JSON body, as after a dropped connection', async () => {
    const text = JSON.stringify(sessionJson());
    api = stubRoutes({ session: [truncated(text), json(200, sessionJson())] });
    const element = quick();
    await waitForText(element, 'Analytics');
    expect(api.calls('session')).to.have.length(2);
  });

  it('says it couldn’t read the answer, with Try again, after three cut-off bodies', async () => {
    api = stubRoutes({ session: [truncated(JSON.stringify(sessionJson()))] });
    const element = quick();
    const errors = record(element, 'paid-checkout-error');
    await waitForText(element, 'couldn’t read');
    expect(api.calls('session')).to.have.length(3);
    expect(errors[0]!.detail).to.include({ code: 'invalid_response', recoverable: true });
  });

  it('drops a session answer that arrives after the element was removed, and reads again when it is put back', async () => {
    let release: (response: Response) => void = () => {};
    api = stubRoutes({ session: [() => new Promise<Response>((resolve) => (release = resolve)), json(200, sessionJson())] });
    const element = quick();
    const ready = record(element, 'paid-checkout-ready');
    const failures = record(element, 'paid-checkout-error');
    await waitUntil(() => api!.calls('session').length === 1);
    const parent = element.parentElement!;
    element.remove();
    release(json(200, sessionJson({ products: [{ ...(sessionJson().products as object[])[0], name: 'Stale product' }] })));
    // Put back after the stale answer was released: the new read, behind it on the same path, is
    // the one shown, and the only one announced.
    parent.append(element);
    await waitForText(element, 'Analytics');
    expect(ready.length).to.equal(1);
    // This session has no payments set up, which the element reports; nothing else.
    expect(failures.map((event) => event.detail.code)).to.deep.equal(['payments_not_configured']);
    expect(visibleText(element)).to.not.contain('Stale product');
    expect(api.calls('session')).to.have.length(2);
  });

  it('shows no error from a failed read of a checkout id that has since changed', async () => {
    let fail: (error: Error) => void = () => {};
    api = stubRoutes({
      session: [
        () => new Promise<Error>((resolve) => (fail = resolve)),
        json(200, sessionJson({ id: 'chk_new' })),
        json(200, sessionJson({ id: 'chk_third', products: [{ ...(sessionJson().products as object[])[0], name: 'Third product' }] })),
      ],
    });
    const element = quick('chk_old');
    const errors = record(element, 'paid-checkout-error');
    await waitUntil(() => api!.calls('session').length === 1);
    element.checkoutId = 'chk_new';
    await waitForText(element, 'Analytics');
    fail(refused());
    // The control: a later read, asked for after the old one failed, shown; the failure, ahead of
    // it on the same path, has been dealt with by then.
    element.checkoutId = 'chk_third';
    await waitForText(element, 'Third product');
    expect(errors.map((event) => event.detail.code).filter((code) => code !== 'payments_not_configured')).to.deep.equal([]);
    expect(errorCode(element)).to.not.equal('network_error');
  });
});

describe('paid-checkout faults: complete and finalize (stubbed API)', () => {
  let api: ReturnType<typeof stubRoutes> | null = null;
  let restoreTimers: (() => void) | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
    restoreTimers?.();
    restoreTimers = null;
  });

  async function readyWith(answers: Partial<Record<Route, Answer[]>>): Promise<RecordingCheckout> {
    api = stubRoutes({ session: [json(200, sessionJson({ payments: PK }))], ...answers });
    const element = await mountRecording('chk_fixture');
    await readyToPay(element);
    return element;
  }

  const faults: Array<[string, Answer, RegExp, string]> = [
    ['a server that never answers (timeout)', hang, /couldn’t reach the server/, 'network_error'],
    ['a body that stalls after its headers', stalledBody, /couldn’t reach the server/, 'network_error'],
    ['a cut-off JSON body', cutOffPaidAnswer, /couldn’t read/, 'invalid_response'],
    ['a 502 with an HTML body', () => new Response('<html>Bad gateway</html>', { status: 502 }), /server had a problem/, 'server_error'],
    ['a 200 that is not the contract', () => json(200, { ok: true }), /couldn’t read/, 'invalid_response'],
    ['a 200 paid answer without its envelope', () => json(200, { status: 'succeeded', order_id: 'ord_1' }), /couldn’t read/, 'invalid_response'],
  ];

  for (const [label, fault, message, code] of faults) {
    it(`after ${label} at complete, says ${code}, sends nothing by itself, and Try again resends the same attempt`, async () => {
      const element = await readyWith({ complete: [fault, succeeded()] });
      const errors = record(element, 'paid-checkout-error');
      const completeEvents = record(element, 'paid-checkout-complete');
      // Armed after Stripe has loaded, so that only the request timeouts run fast.
      restoreTimers = fastTimeouts();
      await fillAndPay(element);
      await waitForText(element, message);
      expect(errors.at(-1)!.detail).to.include({ code, recoverable: true });
      // Never retried blindly (an hour on a fake clock: pay-attempt-controller.test.ts); here, the
      // customer's Try again is the one resend: two completes in all.
      expect(payButton(element).textContent).to.contain('Try again');
      payButton(element).click();
      await waitForText(element, 'Thank you');
      expect(api!.calls('complete')).to.have.length(2);
      const [first, second] = api!.calls('complete');
      expect(second!.key).to.equal(first!.key);
      expect(second!.body).to.equal(first!.body);
      expect(completeEvents).to.have.length(1);
    });
  }

  for (const [label, fault] of [
    ['refused', refused()],
    ['a 500', refusal(500, 'Something went wrong.', 'internal_error')],
    ['a cut-off body', cutOffPaidAnswer],
  ] as Array<[string, Answer]>) {
    it(`after ${label} at finalize, Try again resends finalize with its key, never complete or 3-D Secure again`, async () => {
      const element = await readyWith({
        complete: [actionAnswer('pi_123')],
        finalize: [fault, succeeded()],
      });
      const realFetch = window.fetch;
      let challenges = 0;
      // The stand-in reports the challenge's answer to the sandbox; answered here as it would be.
      window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!/\/authenticate$/.test(url)) return realFetch(input, init);
        challenges += 1;
        return json(200, { id: 'pi_123', status: 'requires_confirmation' });
      };
      try {
        await fillAndPay(element, '4000 0027 6000 3184');
        const find = () => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Complete authentication');
        await waitUntil(find, 'no 3-D Secure challenge', { timeout: 4000 });
        find()!.click();
        await waitUntil(() => payButton(element)?.textContent?.includes('Try again'), 'no Try again after the finalize fault', { timeout: 4000 });
        payButton(element).click();
        await waitForText(element, 'Thank you');
      } finally {
        window.fetch = realFetch;
      }
      expect(api!.calls('complete')).to.have.length(1);
      const [first, second] = api!.calls('finalize');
      expect(second!.key).to.equal(first!.key);
      expect([first!.body, second!.body]).to.deep.equal([JSON.stringify({ payment_intent_id: 'pi_123' }), JSON.stringify({ payment_intent_id: 'pi_123' })]);
      expect(first!.key).to.not.equal(api!.calls('complete')[0]!.key);
      expect(challenges).to.equal(1);
    });
  }

  it('ten clicks on Try again within 50 ms resend the unknown attempt once', async () => {
    let release: (response: Response) => void = () => {};
    const element = await readyWith({ complete: [refused(), () => new Promise<Response>((resolve) => (release = resolve))] });
    await fillAndPay(element);
    await waitForText(element, 'couldn’t reach the server');
    const button = payButton(element);
    for (let click = 0; click < 10; click += 1) {
      button.click();
      await pause(5);
    }
    // Answered only after every click, however slow the machine, once the resend is on its way.
    await waitUntil(() => api!.calls('complete').length === 2, 'Try again never resent the attempt');
    release(succeeded());
    await waitForText(element, 'Thank you');
    const calls = api!.calls('complete');
    expect(calls).to.have.length(2);
    expect(calls[1]!.key).to.equal(calls[0]!.key);
  });

  it('ten submissions of the form within 50 ms (Enter in a field), even past the disabled button, send one complete', async () => {
    let release: (response: Response) => void = () => {};
    const element = await readyWith({ complete: [() => new Promise<Response>((resolve) => (release = resolve))] });
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242 4242 4242 4242');
    await readyToPay(element);
    const email = shadow(element).querySelector<HTMLInputElement>('#field-email')!;
    for (let press = 0; press < 10; press += 1) {
      // What the browser does for Enter in a form field: an implicit submission through the submit button.
      email.form!.requestSubmit();
      await pause(5);
    }
    // Answered only after every submission, however slow the machine, once the payment is on its
    // way (its token is made first).
    await waitUntil(() => api!.calls('complete').length > 0, 'no submission sent the payment');
    release(succeeded());
    await waitForText(element, 'Thank you');
    expect(api!.calls('complete')).to.have.length(1);
  });

  it('keeps a payment answered after the element was removed: no navigation, and put back it shows the success and its link', async () => {
    let release: (response: Response) => void = () => {};
    const element = await readyWith({ complete: [() => new Promise<Response>((resolve) => (release = resolve))] });
    await fillAndPay(element);
    await waitUntil(() => api!.calls('complete').length === 1);
    const parent = element.parentElement!;
    element.remove();
    const completed = oneEvent(element, 'paid-checkout-complete');
    release(succeeded());
    const complete = await completed;
    expect(element.navigations).to.deep.equal([]);
    // Out of the page, it cannot leave: the page is told so, and the customer gets the link.
    expect(complete.detail.navigates, 'an element out of the page does not navigate').to.equal(false);
    parent.append(element);
    await waitForText(element, 'Thank you');
    expect(api!.calls('complete')).to.have.length(1);
    expect(shadow(element).querySelector('[part~="pay-button"]')).to.equal(null);
    expect(visibleText(element), 'it never leaves by itself: no promise that it does').to.not.contain('Taking you back');
    expect(element.state).to.include({ status: 'succeeded', navigates: false });
    const link = await waitForSelector<HTMLAnchorElement>(element, '.success a.back');
    expect(link.href).to.equal(complete.detail.redirectUrl);
    link.click();
    expect(element.navigations).to.deep.equal([complete.detail.redirectUrl]);
  });

  it('tells the page of a payment answered paid for a checkout id that has since changed, as after 3-D Secure: one complete event, no navigation', async () => {
    let release: (response: Response) => void = () => {};
    const other = sessionJson({ id: 'chk_other', payments: PK, products: [{ ...(sessionJson().products as object[])[0], name: 'Other product' }] });
    const element = await readyWith({
      session: [
        json(200, sessionJson({ payments: PK })),
        json(200, other),
        json(200, sessionJson({ id: 'chk_third', payments: PK, products: [{ ...(sessionJson().products as object[])[0], name: 'Third product' }] })),
      ],
      complete: [() => new Promise<Response>((resolve) => (release = resolve))],
    });
    const completeEvents = record(element, 'paid-checkout-complete');
    await fillAndPay(element);
    await waitUntil(() => api!.calls('complete').length === 1);
    element.checkoutId = 'chk_other';
    await waitForText(element, 'Other product');
    release(succeeded());
    // The control: a read asked for after the answer was released, shown; the answer has been
    // dealt with by then.
    element.checkoutId = 'chk_third';
    await waitForText(element, 'Third product');
    expect(completeEvents.map((event) => [event.detail.checkoutId, event.cancelable, event.detail.navigates])).to.deep.equal([['chk_fixture', false, false]]);
    expect(element.navigations).to.deep.equal([]);
    expect(visibleText(element)).to.not.contain('Thank you');
  });
});


/** Wraps window.fetch around the real sandbox: the first request to `route` meets `fault`. */
function faultOnce(route: 'complete' | 'finalize', fault: (real: () => Promise<Response>, init: RequestInit | undefined) => Promise<Response>) {
  const realFetch = window.fetch;
  const keys: string[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!String(input instanceof Request ? input.url : input).endsWith(`/${route}`)) return realFetch(input, init);
    keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
    // The faulty first request reaches the server whatever the element does with its own signal.
    const real = () => realFetch(input, keys.length === 1 ? { ...init, signal: null } : init);
    return keys.length === 1 ? fault(real, init) : real();
  };
  return { keys, restore: () => (window.fetch = realFetch) };
}

describe('paid-checkout faults against the sandbox: never two orders', function () {
  this.timeout(30_000);
  let restoreTimers: (() => void) | null = null;
  afterEach(() => {
    restoreTimers?.();
    restoreTimers = null;
  });

  type Fault = (real: () => Promise<Response>, init: RequestInit | undefined) => Promise<Response>;
  const serverActed: Array<[string, Fault, RegExp, boolean]> = [
    ['the server charged, then a 500 came back instead of its answer', async (real) => (await real(), json(500, {})), /server had a problem/, false],
    ['the server charged, and its answer was cut off', async (real) => truncated(await (await real()).text()), /couldn’t read/, false],
    ['the server charged, and its answer was held back until the element timed out', async (real, init) => (await real(), hang(init)), /couldn’t reach the server/, true],
    ['the request never reached the server (refused)', async () => Promise.reject(refused()), /couldn’t reach the server/, false],
  ];

  for (const [label, fault, message, timesOut] of serverActed) {
    it(`when ${label}, Try again sends the same key and the checkout has one order`, async () => {
      const created = await createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL });
      const element = await mountRecording(created.id, sandboxUrl);
      const completeEvents = record(element, 'paid-checkout-complete');
      const errors = record(element, 'paid-checkout-error');
      await readyToPay(element);
      const wrap = faultOnce('complete', fault);
      // Only the held-back answer needs the element's timeout to run fast; the retry runs at normal speed.
      if (timesOut) restoreTimers = fastTimeouts();
      try {
        await fillAndPay(element, '4242 4242 4242 4242', `ada+${Date.now()}@example.com`);
        // The message says what the element showed when the wait ran out, not when it began.
        await waitUntil(() => message.test(visibleText(element)), '', { timeout: 8000 }).catch(() => {
          throw new Error(
            `no ${message}; errors ${JSON.stringify(errors.map((event) => event.detail))}; completes sent ${wrap.keys.length}; button ${payButton(element)?.textContent?.trim()}; alerts ${[...shadow(element).querySelectorAll('[role="alert"]')].map((node) => node.textContent).join('|')}`,
          );
        });
        restoreTimers?.();
        restoreTimers = null;
        payButton(element).click();
        await waitForText(element, 'Thank you', 8000);
      } finally {
        wrap.restore();
      }
      expect(wrap.keys).to.have.length(2);
      expect(wrap.keys[1]).to.equal(wrap.keys[0]);
      expect(await ordersFrom(created.id)).to.equal(1);
      const checkout = (await sandboxRequest<{ status: string; orderId: string }>('GET', `/api/v2/checkouts/${created.id}`))!.body;
      expect(checkout.status).to.equal('completed');
      expect(completeEvents.map((event) => event.detail.orderId)).to.deep.equal([checkout.orderId]);
    });
  }

  it('when the answer to finalize (after 3-D Secure) is lost, Try again finalizes with the same key: one order', async () => {
    const created = await createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL });
    const element = await mountRecording(created.id, sandboxUrl);
    await readyToPay(element);
    const completes = faultOnce('complete', (real) => real());
    const finalizes = faultOnce('finalize', async (real) => (await real(), Promise.reject(refused())));
    try {
      await fillAndPay(element, '4000 0027 6000 3184', `ada+${Date.now()}@example.com`);
      const find = () => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Complete authentication');
      await waitUntil(find, 'no 3-D Secure challenge', { timeout: 8000 });
      find()!.click();
      await waitForText(element, 'couldn’t reach the server', 8000);
      payButton(element).click();
      await waitForText(element, 'Thank you', 8000);
    } finally {
      finalizes.restore();
      completes.restore();
    }
    expect(completes.keys).to.have.length(1);
    expect(finalizes.keys).to.have.length(2);
    expect(finalizes.keys[1]).to.equal(finalizes.keys[0]);
    expect(await ordersFrom(created.id)).to.equal(1);
  });

  it('a payment under way when the element is removed is not lost: put back, it shows the order the server made, and no second one is possible', async () => {
    const created = await createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL });
    const element = await mountRecording(created.id, sandboxUrl);
    await readyToPay(element);
    let removed: () => void = () => {};
    const whenRemoved = new Promise<void>((resolve) => (removed = resolve));
    const wrap = faultOnce('complete', async (real) => {
      const response = await real();
      await whenRemoved;
      return response;
    });
    try {
      await fillAndPay(element, '4242 4242 4242 4242', `ada+${Date.now()}@example.com`);
      await waitUntil(() => wrap.keys.length === 1);
      const parent = element.parentElement!;
      element.remove();
      // Put back only once the answer has reached the element while it was out of the page.
      const completed = oneEvent(element, 'paid-checkout-complete');
      removed();
      await completed;
      expect(element.isConnected).to.equal(false);
      parent.append(element);
      await waitForText(element, 'Thank you', 8000);
    } finally {
      wrap.restore();
    }
    expect(wrap.keys).to.have.length(1);
    expect(element.navigations).to.deep.equal([]);
    expect(await ordersFrom(created.id)).to.equal(1);
    expect(shadow(element).querySelector('[part~="pay-button"]')).to.equal(null);
  });
});
