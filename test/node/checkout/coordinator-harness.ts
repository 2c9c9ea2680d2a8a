// A real CheckoutController (the coordinator, with its real choices, tax, pay-attempt and session
// controllers) in Node: a fake element, the session read given, fetch answering quote and complete
// (and another checkout's read) as the test says, and stand-in Stripe fields put in place of the
// ones Stripe.js would mount.
import { CheckoutController } from '../../../src/checkout/controller.ts';
import type { PublicCheckout } from '../../../src/api/schemas.ts';
import { FakeElement } from './fixtures.ts';
import { standInFields } from './stripe-fields.ts';

export { pageUrl, tabStorage } from './tab-globals.ts';

export interface Posted {
  url: string;
  body: Record<string, any>;
  answer(status: number, body: unknown): void;
  lose(): void;
}

export const posted: Posted[] = [];
globalThis.fetch = ((url: string, init: RequestInit) =>
  new Promise((resolve, reject) => {
    posted.push({
      url: String(url),
      // A read (another checkout's, whose payment made on this page is finished) sends none.
      body: init.body === undefined ? {} : JSON.parse(String(init.body)),
      answer: (status, body) => resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
      lose: () => reject(new TypeError('Failed to fetch')),
    });
  })) as typeof fetch;

export class Host extends FakeElement {
  checkoutId: string | null = null;
  apiBase = 'http://localhost:4000';
  addController() {}
  removeController() {}
  getRootNode() {
    return this;
  }
}

export function coordinator(sessions: Record<string, PublicCheckout>, clock: { now: number }) {
  const host = new Host();
  const controller = new CheckoutController(host as never, {
    locale: () => 'en',
    now: () => clock.now,
    navigate: () => {},
    focus: () => {},
    stripeTimeoutMs: () => 15_000,
    retryDelays: () => [],
    debug: () => false,
    read: async (_apiBase, id) => ({ body: sessions[id]!, receivedAt: clock.now }),
  });
  const { fields } = standInFields();
  /** Stripe's fields, mounted and ready (hostConnected would load Stripe.js for them). */
  const mountFields = () => {
    controller.payments.fields = fields;
    controller.payments.status = 'ready';
  };
  return { host, controller, mountFields };
}

/** Waits until `check` holds, polling (a quote is asked once typing pauses: a timer). */
export async function until(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !check(); turn += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error('never happened');
}

/** Resolves after every promise callback and immediate queued so far. */
export const settle = async (times = 5) => {
  for (let i = 0; i < times; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};
