// Machinery for the demo's merchant-server tests: the demo in-process on a free port, a customer's
// visit (scenario page, its sign-in cookie, the success page read as what the merchant verified),
// a purchase through Paid's public complete route, a tax quote as the element asks for one, and
// waits on the merchant's record (no sleeps).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Fulfilments } from '../../../demo/merchant/fulfilments.ts';
import { quoteAnswer, type QuoteAnswer } from '../../../src/api/schemas.ts';

export interface Visit {
  checkoutId: string;
  /** The `acme_user=…` cookie the scenario page signed the visitor in with. */
  cookie: string;
  userId: string;
}

/** Opens a scenario as a customer would: the page's checkout id and the sign-in cookie it set. */
export async function openScenario(origin: string, slug: string): Promise<Visit> {
  const response = await fetch(`${origin}/demo/${slug}`);
  const html = await response.text();
  assert.equal(response.status, 200, html);
  const checkoutId = /<paid-checkout checkout-id="(chk_[A-Za-z0-9]+)"/.exec(html)?.[1];
  assert.ok(checkoutId, 'the page embeds <paid-checkout> with the new checkout id');
  const cookie = /^(acme_user=([A-Za-z0-9_-]+));/.exec(response.headers.get('set-cookie') ?? '');
  assert.ok(cookie?.[1] && cookie[2], 'the scenario page signs the visitor in');
  return { checkoutId, cookie: cookie[1], userId: cookie[2] };
}

export interface SuccessReading {
  html: string;
  verified: boolean;
  /** Why not, as the page's `data-code` says. */
  code: string | null;
  orderId: string | null;
  webhookReceived: boolean;
}

/** The success page the browser lands on, read for what the merchant's server verified. */
export async function readSuccessPage(origin: string, checkoutId: string, cookie?: string): Promise<SuccessReading> {
  const response = await fetch(`${origin}/demo/success?checkout_id=${encodeURIComponent(checkoutId)}`, {
    headers: cookie ? { cookie } : {},
  });
  const html = await response.text();
  assert.equal(response.status, 200, html);
  const section = /<section id="verification" class="verification" data-verified="(true|false)"(?: data-code="([a-z_]+)")?>/.exec(html);
  assert.ok(section, `the page has its verification section:\n${html}`);
  const webhook = /<p id="webhook-status" data-received="(true|false)">/.exec(html);
  assert.ok(webhook, 'the page says whether the webhook arrived');
  return {
    html,
    verified: section[1] === 'true',
    code: section[2] ?? null,
    orderId: /<code id="order-id">([^<]+)<\/code>/.exec(html)?.[1] ?? null,
    webhookReceived: webhook[1] === 'true',
  };
}

/** Pays a checkout of Analytics (Growth, monthly) through Paid's public complete route, as paid-blocks would. */
export async function payAnalytics(origin: string, checkoutId: string, options: { withCustomer: boolean }): Promise<{ orderId: string }> {
  const response = await fetch(`${origin}/api/public/checkout/${checkoutId}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      confirmation_token: `ctoken_test_succeeds_${randomBytes(8).toString('hex')}`,
      return_url: 'https://shop.example/return',
      selections: [{ product_id: 'prod_analytics', plan_id: 'plan_analytics_growth', quantity: 1 }],
      ...(options.withCustomer ? { customer: { name: 'Tess Buyer', email: 'tess@example.com' } } : {}),
    }),
  });
  const body = (await response.json()) as { success?: boolean; data?: { status?: string; order_id?: string } };
  assert.equal(response.status, 200, JSON.stringify(body));
  assert.equal(body.data?.status, 'succeeded', JSON.stringify(body));
  assert.ok(body.data?.order_id, 'the answer names the order');
  return { orderId: body.data.order_id };
}

/** Asks the public quote route (docs/TAX.md) the price of Analytics Growth for an address, as the element does. */
export async function quoteFor(
  origin: string,
  checkoutId: string,
  address: { country: string; postal_code: string },
  taxId: string | null,
): Promise<QuoteAnswer['data']> {
  const response = await fetch(`${origin}/api/public/checkout/${checkoutId}/quote`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      selections: [{ product_id: 'prod_analytics', plan_id: 'plan_analytics_growth', quantity: 1 }],
      address,
      ...(taxId ? { tax_id: taxId } : {}),
    }),
  });
  const body: unknown = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  return quoteAnswer.parse(body).data;
}

/** Resolves when the merchant's record satisfies `predicate`, checked at each change it announces. */
export function whenRecorded(fulfilments: Fulfilments, predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!predicate()) return;
      fulfilments.removeEventListener('change', check);
      resolve();
    };
    fulfilments.addEventListener('change', check);
  });
}
