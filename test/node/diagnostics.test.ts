// The developer diagnostics (src/diagnostics.ts): each integration error says what to change and
// where the docs explain it; the customer's own errors say nothing to the developer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULT_API_BASE } from '../../src/api/client.ts';
import { DEV_MODE, diagnose } from '../../src/diagnostics.ts';
import { CheckoutError, type ErrorCode } from '../../src/errors.ts';

const sandbox = { apiBase: 'http://127.0.0.1:4040', checkoutId: 'chk_123', pageOrigin: 'http://localhost:5173' };
const production = { ...sandbox, apiBase: DEFAULT_API_BASE };

const advice = (code: ErrorCode, context = sandbox) => diagnose(new CheckoutError(code), context);

test('from the sources (no build flag) the diagnostics are off: only development builds turn them on', () => {
  assert.equal(DEV_MODE, false);
});

test('a missing stand-in names the script to add, at the sandbox the element talks to, and the CSP for real Stripe.js', () => {
  const text = advice('stripe_unavailable')!;
  assert.match(text, /^\[paid-checkout\] stripe_unavailable: /);
  assert.match(text, /<script src="http:\/\/127\.0\.0\.1:4040\/sandbox\/stripe-standin\.js"><\/script>/);
  assert.match(text, /script-src and frame-src/);
  assert.match(text, /EMBEDDING\.md#10-developing-offline-with-the-sandbox/);
  assert.match(text, /Trusted Types .*default policy.*EMBEDDING\.md#trusted-types/, 'a page enforcing Trusted Types is told what it needs');
});

test('an unreachable API says when api-base is unset, and names connect-src, CORS for the page and the sandbox command', () => {
  const unset = advice('network_error', production)!;
  assert.match(unset, /could not reach https:\/\/api\.agentpaid\.io \(api-base is unset: Paid's production API\)/);
  assert.match(unset, /npx paid-checkout-sandbox/);
  const set = advice('network_error')!;
  assert.doesNotMatch(set, /api-base is unset/);
  assert.match(set, /CORS for http:\/\/localhost:5173/);
  assert.match(set, /connect-src allows http:\/\/127\.0\.0\.1:4040/);
});

test('an api-base that is the SDK\'s baseUrl (…/api/v2) is told to be the origin alone, where the wrong path shows', () => {
  const sdkBase = { ...sandbox, apiBase: 'http://127.0.0.1:4040/api/v2' };
  for (const code of ['network_error', 'not_found', 'invalid_response'] as const) {
    assert.match(advice(code, sdkBase)!, /api-base is the API's origin, http:\/\/127\.0\.0\.1:4040, without \/api\/v2 \(Paid's Node SDK's baseUrl/, code);
    assert.doesNotMatch(advice(code)!, /without \/api/, `${code}: an origin alone is not told off`);
  }
  assert.match(advice('network_error', { ...sandbox, apiBase: 'https://paid.example/api/' })!, /origin, https:\/\/paid\.example, without \/api\//);
  assert.doesNotMatch(advice('network_error', { ...sandbox, apiBase: 'https://shop.example/paid-proxy' })!, /without/, 'a path of the merchant\'s own proxy is not blamed');
});

test('a missing id tells a page that fetches the id to add the element once the id has come', () => {
  assert.match(advice('missing_checkout_id')!, /fetches the id itself: add the element, or set its id, once the id has come/);
});

test('an unknown session names the id and the API it was looked up at', () => {
  const text = advice('not_found')!;
  assert.match(text, /http:\/\/127\.0\.0\.1:4040 has no checkout "chk_123"/);
  assert.match(advice('not_found', production)!, /unset: Paid's production API/);
});

test('every integration error has advice that points at a docs file the package ships', () => {
  const integration: ErrorCode[] = [
    'missing_checkout_id', 'not_found', 'expired', 'completed', 'archived', 'payments_not_configured',
    'network_error', 'server_error', 'invalid_response', 'stripe_unavailable', 'nested_shadow_root', 'unsafe_url',
  ];
  for (const code of integration) {
    const text = advice(code);
    assert.ok(text, code);
    const [, file, anchor] = text.match(/paid-checkout\/docs\/([A-Z-]+\.md)(?:#([\w-]+))?/) ?? [];
    assert.ok(file, `${code} links the docs`);
    const doc = readFileSync(new URL(`../../docs/${file}`, import.meta.url), 'utf8');
    if (anchor) {
      const headings = [...doc.matchAll(/^#+ (.+)$/gm)].map(([, heading]) => heading!.toLowerCase().replace(/[^\w\s-]/g, '').replace(/\s/g, '-'));
      assert.ok(headings.includes(anchor), `${file} has a heading for #${anchor}`);
    }
  }
});

test('the customer’s own errors (a decline, a typo, a changed price) give the developer nothing to do', () => {
  for (const code of ['card_declined', 'authentication_failed', 'validation_error', 'no_change', 'amount_changed', 'payment_in_progress'] as const) {
    assert.equal(advice(code), null, code);
  }
});
