// A checkout's metadata is the merchant's: the public API withholds it, and when a server sends it
// all the same (at any depth of the session, in a payment's answer, in a refusal) the element shows
// it nowhere: not in its DOM, not in any event's detail or `state`, not on the console with `debug`.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { STUB_API, json, mountRecording, paidAnswer, payAsNewBuyer, readyToPay, sessionJson, shadow, stubFetch, type Json, type StubbedFetch } from './helpers.ts';
import type { PaidCheckoutEventMap } from '../../src/events.ts';

const SECRET = 'SECRET-METADATA-VALUE';
const metadata = { internalNote: SECRET, nested: { deeper: [SECRET, { note: SECRET }] }, __proto__: null };

/** `value` with `metadata` added to it and to every object inside it. */
function withMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withMetadata);
  if (value === null || typeof value !== 'object') return value;
  return { ...Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withMetadata(item)])), metadata };
}

/** Every value, its text as the page could read it (a detail, a console argument). */
function textOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

describe('metadata a server sends anyway', () => {
  let api: StubbedFetch | null = null;
  const logged: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((method) => console[method]);
  beforeEach(() => {
    logged.length = 0;
    for (const method of methods) console[method] = (...args: unknown[]) => void logged.push(args.map(textOf).join(' '));
  });
  afterEach(() => {
    methods.forEach((method, index) => (console[method] = originals[index]!));
    api?.restore();
    api = null;
  });

  it('at every depth of the session, the payment’s answer and a refusal, reaches no DOM, no event, no state and no debug log', async () => {
    const session = withMetadata(sessionJson({ payments: { provider: 'stripe', publishableKey: 'pk_test_fixture' }, customer: null })) as Json;
    const refused = json(402, { error: 'Your card was declined.', code: 'card_declined', metadata, details: '', fields: [] });
    const paid = paidAnswer({ metadata, payment_intent: { id: 'pi_paid', status: 'succeeded', metadata } });
    api = stubFetch(STUB_API, json(200, session), refused, paid);
    const element = await mountRecording('chk_fixture');
    element.debug = true;
    const told: string[] = [];
    for (const type of ['paid-checkout-ready', 'paid-checkout-change', 'paid-checkout-statechange', 'paid-checkout-error', 'paid-checkout-before-confirm', 'paid-checkout-complete'] as const) {
      element.addEventListener(type, (event: PaidCheckoutEventMap[typeof type]) => told.push(`${type} ${textOf(event.detail)} ${textOf(element.state)}`));
    }
    await payAsNewBuyer(element);
    await waitUntil(() => told.some((line) => line.startsWith('paid-checkout-error')), 'the decline is never told', { timeout: 8000 });
    (await readyToPay(element)).click();
    await waitUntil(() => element.state.status === 'succeeded', 'the payment never succeeds', { timeout: 8000 });
    await element.updateComplete;
    expect(told.some((line) => line.startsWith('paid-checkout-ready')), 'the session was told').to.equal(true);
    expect(told.some((line) => line.startsWith('paid-checkout-complete')), 'the payment was told').to.equal(true);
    expect(logged.length, 'debug logged the states').to.be.greaterThan(0);
    for (const line of [...told, ...logged]) expect(line).to.not.match(/metadata|SECRET-METADATA-VALUE/);
    expect(shadow(element).innerHTML).to.not.contain(SECRET);
    expect(element.outerHTML).to.not.contain(SECRET);
    expect(textOf(element.state)).to.not.contain(SECRET);
  });
});
