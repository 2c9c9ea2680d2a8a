// PaymentController against a fake host, a Stripe.js loader the test settles, and stand-in fields:
// the payment section's status, its one mount, and how it drops what a stop made stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Appearance, Stripe } from '@stripe/stripe-js';
import { CheckoutError } from '../../../src/errors.ts';
import type { IntentOptions } from '../../../src/payment/intent.ts';
import type { PaymentFieldsOptions } from '../../../src/payment/payment-fields.ts';
import { PaymentController, type Fields } from '../../../src/checkout/payment-controller.ts';

const payments = { provider: 'stripe' as const, publishableKey: 'pk_test_1', accountId: 'acct_1' };
const intent: IntentOptions = { mode: 'payment', amount: 4900, currency: 'usd' };
const stripe = { id: 'stripe' } as unknown as Stripe;

/** Resolves after every promise callback queued so far has run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup() {
  const log: string[] = [];
  let updates = 0;
  let appearanceReads = 0;
  let loader!: { resolve: (value: Stripe) => void; reject: (error: unknown) => void };
  const mounted: PaymentFieldsOptions[] = [];
  const unavailable: CheckoutError[] = [];
  let mountError: unknown = null;
  const host = {
    addController() {},
    removeController() {},
    requestUpdate() {
      updates += 1;
    },
    updateComplete: Promise.resolve(true),
  };
  const fields = (): Fields => ({
    setIntent: () => log.push('setIntent'),
    setAppearance: (appearance) => log.push(`setAppearance ${appearance.theme}`),
    setLocale: (locale) => log.push(`setLocale ${locale}`),
    setReadOnly: (readOnly) => log.push(`setReadOnly ${readOnly}`),
    submit: async () => ({}),
    focus: () => log.push('focus'),
    createToken: async () => ({ error: { type: 'api_error' } as never }),
    handleNextAction: async () => ({}),
    destroy: () => log.push('destroy'),
  });
  const controller = new PaymentController(host, {
    locale: () => 'fr',
    appearance: () => ({ theme: appearanceReads++ === 0 ? 'stripe' : 'night' }) as Appearance,
    stripeTimeoutMs: () => 1234,
    unavailable: (error) => unavailable.push(error),
    changed: () => log.push('changed'),
    load: (key, options) => {
      log.push(`load ${key} ${options?.timeoutMs} ${options?.stripeAccount} ${options?.locale}`);
      return new Promise<Stripe>((resolve, reject) => {
        loader = { resolve, reject };
      });
    },
    mount: (given, options) => {
      assert.equal(given, stripe);
      if (mountError) throw mountError;
      mounted.push(options);
      return fields();
    },
  });
  return {
    controller,
    log,
    mounted,
    unavailable,
    get updates() {
      return updates;
    },
    get appearanceReads() {
      return appearanceReads;
    },
    get loader() {
      return loader;
    },
    failMount(error: unknown) {
      mountError = error;
    },
  };
}

test('starting shows the payment section loading and loads Stripe.js with the key, the timeout and the account', () => {
  const t = setup();
  t.controller.start(payments, false, () => intent);
  assert.equal(t.controller.status, 'loading');
  assert.equal(t.updates, 1);
  assert.deepEqual(t.log, ['load pk_test_1 1234 acct_1 fr'], 'Stripe.js itself in the customer’s language, so its own messages are too');
});

test('once Stripe.js loads the fields mount with the intent, appearance, language and address rule, and are ready only when they say so', async () => {
  const t = setup();
  t.controller.start(payments, true, () => intent);
  t.loader.resolve(stripe);
  await settle();
  assert.equal(t.mounted.length, 1);
  const options = t.mounted[0]!;
  assert.deepEqual(options.intent, intent);
  assert.equal(options.appearance.theme, 'stripe');
  assert.equal(options.locale, 'fr');
  assert.equal(options.collectsAddress, true);
  assert.equal(t.controller.status, 'loading');
  const updatesBefore = t.updates;
  options.onReady();
  assert.equal(t.controller.status, 'ready');
  assert.equal(t.updates, updatesBefore + 1);
  options.onChange(true);
  assert.deepEqual(t.log.slice(1), ['changed']);
});

test('Stripe.js that does not load makes the section unavailable with a recoverable stripe_unavailable', async () => {
  const t = setup();
  t.controller.start(payments, false, () => intent);
  t.loader.reject(new Error('blocked by CSP'));
  await settle();
  assert.equal(t.controller.status, 'unavailable');
  assert.equal(t.unavailable.length, 1);
  assert.equal(t.unavailable[0]!.code, 'stripe_unavailable');
  assert.equal(t.unavailable[0]!.recoverable, true);
  assert.equal(t.controller.fields, null);
});

test('the loader’s own CheckoutError (its timeout) is passed on as it is', async () => {
  const t = setup();
  const timeout = new CheckoutError('stripe_unavailable', { recoverable: true, detail: 'slow' });
  t.controller.start(payments, false, () => intent);
  t.loader.reject(timeout);
  await settle();
  assert.deepEqual(t.unavailable, [timeout]);
});

test('fields that refuse to mount make the section unavailable and keep Stripe’s error as the cause', async () => {
  const t = setup();
  const refusal = new Error('mount failed');
  t.failMount(refusal);
  t.controller.start(payments, false, () => intent);
  t.loader.resolve(stripe);
  await settle();
  assert.equal(t.controller.status, 'unavailable');
  assert.equal(t.unavailable[0]?.code, 'stripe_unavailable');
  assert.equal(t.unavailable[0]?.cause, refusal);
  assert.equal(t.controller.fields, null);
});

test('a stop before Stripe.js answers drops the answer: nothing mounts and no error is reported', async () => {
  const t = setup();
  t.controller.start(payments, false, () => intent);
  const first = t.loader;
  t.controller.stop();
  assert.equal(t.controller.status, 'none');
  first.resolve(stripe);
  await settle();
  assert.equal(t.mounted.length, 0);

  t.controller.start(payments, false, () => intent);
  t.controller.stop();
  t.loader.reject(new Error('offline'));
  await settle();
  assert.deepEqual(t.unavailable, []);
  assert.equal(t.controller.status, 'none');
});

test('a stop unmounts the fields, and a ready signal from them afterwards changes nothing', async () => {
  const t = setup();
  t.controller.start(payments, false, () => intent);
  t.loader.resolve(stripe);
  await settle();
  t.controller.stop();
  assert.ok(t.log.includes('destroy'));
  assert.equal(t.controller.fields, null);
  t.mounted[0]!.onReady();
  assert.equal(t.controller.status, 'none');
});

test('starting again while the fields are mounted keeps the one mount', async () => {
  const t = setup();
  t.controller.start(payments, false, () => intent);
  t.loader.resolve(stripe);
  await settle();
  t.mounted[0]!.onReady();
  t.controller.start(payments, false, () => intent);
  await settle();
  assert.equal(t.mounted.length, 1);
  assert.equal(t.controller.status, 'ready');
  assert.equal(t.log.filter((line) => line.startsWith('load')).length, 1);
});

test('a start before the first render reads the appearance then, and the fields mount with that reading', async () => {
  const t = setup();
  t.controller.start(payments, false, () => intent, true);
  assert.equal(t.appearanceReads, 1);
  t.loader.resolve(stripe);
  await settle();
  assert.equal(t.appearanceReads, 1);
  assert.equal(t.mounted[0]?.appearance.theme, 'stripe');
});

test('a later start reads the appearance when the fields mount', async () => {
  const t = setup();
  t.controller.start(payments, false, () => intent);
  assert.equal(t.appearanceReads, 0);
  t.loader.resolve(stripe);
  await settle();
  assert.equal(t.appearanceReads, 1);
});

test('a theme change drops the early reading, and mounted fields take the new appearance and language', async () => {
  const t = setup();
  t.controller.start(payments, false, () => intent, true);
  t.controller.refreshAppearance();
  t.loader.resolve(stripe);
  await settle();
  assert.equal(t.mounted[0]?.appearance.theme, 'night');
  t.controller.refreshAppearance();
  t.controller.refreshLocale();
  assert.deepEqual(t.log.slice(1), ['setAppearance night', 'setLocale fr']);
});

test('the lock follows the form: fields mount with it, and a change of it (only a change) reaches them', async () => {
  const t = setup();
  t.controller.lock(true);
  t.controller.start(payments, false, () => intent);
  t.loader.resolve(stripe);
  await settle();
  assert.equal(t.mounted[0]?.readOnly, true, 'fields mounted while a payment is under way (a resumed one) start read-only');
  t.controller.lock(true);
  t.controller.lock(false);
  t.controller.lock(false);
  t.controller.lock(true);
  assert.deepEqual(t.log.slice(1), ['setReadOnly false', 'setReadOnly true']);
});

test('fields mount editable when the form is not locked', async () => {
  const t = setup();
  t.controller.start(payments, false, () => intent);
  t.loader.resolve(stripe);
  await settle();
  assert.equal(t.mounted[0]?.readOnly, false);
});
