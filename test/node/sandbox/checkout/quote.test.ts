// sandbox/checkout/quote.ts over HTTP: POST /api/public/checkout/{id}/quote prices the choices
// for a billing address with tax, by the sandbox's clock, in Paid's envelope; it refuses a field
// it cannot price from with 422 and a closed checkout with 409, and changes nothing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCors, errorOf, selection, send, startTestSandbox, validCreateBody, type Answer } from '../support.ts';
import { maskedTaxId } from '../../../../sandbox/checkout/quote.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

interface QuoteLine {
  product_id: string;
  plan_id: string | null;
  quantity: number;
  kind: string;
  subtotal: number;
  tax: number;
  total: number;
  taxability: string;
  tax_rate: { name: string; jurisdiction: string; basis_points: number; inclusive: boolean } | null;
  renewal: { starts_at: string; subtotal: number; tax: number; total: number } | null;
}

interface QuoteData {
  checkout_id: string;
  amount: number;
  currency: string;
  subtotal: number;
  tax: number;
  lines: QuoteLine[];
  tax_lines: Array<{ name: string; jurisdiction: string; basis_points: number; inclusive: boolean; amount: number }>;
  recurring: Array<{ interval: string; starts_at: string; subtotal: number; tax: number; total: number; includes_usage: boolean }>;
  reverse_charge: boolean;
  jurisdiction: string | null;
  tax_id: string | null;
  now: string;
}

const LONDON = { country: 'GB', postal_code: 'SW1Y 4JH' };
const CUPERTINO = { country: 'US', postal_code: '95014', state: 'CA' };
const BERLIN = { country: 'DE', postal_code: '10115' };
const TEAM = [selection('prod_analytics', 'plan_analytics_growth'), selection('prod_seats', 'plan_seats_team', 3)];

/** An anonymous checkout that collects an address (Paid's default), as the buyer of issue 15 meets it. */
function addressedCheckout(overrides: Record<string, unknown> = {}) {
  return sandbox.createCheckout(validCreateBody({ collectAddress: true, ...overrides }));
}

function quote(checkoutId: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return sandbox.post(`/api/public/checkout/${encodeURIComponent(checkoutId)}/quote`, { json: body, headers });
}

function dataOfQuote(answer: Answer): QuoteData {
  assert.equal(answer.status, 200, answer.text);
  const body = answer.body as { success: boolean; data: QuoteData };
  assert.equal(body.success, true);
  return body.data;
}

test('a UK buyer is quoted 20% VAT on each line, in Paid’s envelope with paid-blocks’ amount, currency, subtotal and tax', async () => {
  const checkout = await addressedCheckout();
  const data = dataOfQuote(await quote(checkout.id, { selections: TEAM, currency: 'usd', address: LONDON }));
  // Growth 4,900 + 3 Team seats 3,600, each taxed on its own.
  assert.deepEqual(
    { amount: data.amount, currency: data.currency, subtotal: data.subtotal, tax: data.tax, reverse_charge: data.reverse_charge, jurisdiction: data.jurisdiction },
    { amount: 10_200, currency: 'usd', subtotal: 8500, tax: 1700, reverse_charge: false, jurisdiction: 'GB' },
  );
  assert.deepEqual(data.tax_lines, [{ name: 'vat', jurisdiction: 'GB', basis_points: 2000, inclusive: false, amount: 1700 }]);
  assert.deepEqual(
    data.lines.map(({ product_id, subtotal, tax, total, taxability, tax_rate }) => ({ product_id, subtotal, tax, total, taxability, tax_rate })),
    [
      { product_id: 'prod_analytics', subtotal: 4900, tax: 980, total: 5880, taxability: 'taxed', tax_rate: { name: 'vat', jurisdiction: 'GB', basis_points: 2000, inclusive: false } },
      { product_id: 'prod_seats', subtotal: 3600, tax: 720, total: 4320, taxability: 'taxed', tax_rate: { name: 'vat', jurisdiction: 'GB', basis_points: 2000, inclusive: false } },
    ],
  );
  assert.equal(data.checkout_id, checkout.id);
});

test('the renewal is quoted with its tax: each line’s next period and the monthly charge', async () => {
  const checkout = await addressedCheckout();
  const data = dataOfQuote(await quote(checkout.id, { selections: TEAM, currency: 'usd', address: LONDON }));
  assert.deepEqual(data.lines.map((line) => line.renewal && { subtotal: line.renewal.subtotal, tax: line.renewal.tax, total: line.renewal.total }), [
    { subtotal: 4900, tax: 980, total: 5880 },
    { subtotal: 3600, tax: 720, total: 4320 },
  ]);
  assert.equal(data.recurring.length, 1);
  assert.deepEqual({ ...data.recurring[0], starts_at: undefined }, { interval: 'month', starts_at: undefined, subtotal: 8500, tax: 1700, total: 10_200, includes_usage: false });
});

test('a Californian buyer is quoted 7.25% sales tax, each line rounded half away from zero', async () => {
  const checkout = await addressedCheckout();
  const data = dataOfQuote(await quote(checkout.id, { selections: TEAM, currency: 'eur', address: CUPERTINO }));
  // 7.25% of 4,500 is 326.25 → 326; of 3,300 is 239.25 → 239.
  assert.deepEqual({ amount: data.amount, subtotal: data.subtotal, tax: data.tax }, { amount: 8365, subtotal: 7800, tax: 565 });
  assert.deepEqual(data.tax_lines, [{ name: 'sales_tax', jurisdiction: 'US-CA', basis_points: 725, inclusive: false, amount: 565 }]);
});

test('a US address without its state is placed by its ZIP code', async () => {
  const checkout = await addressedCheckout();
  const data = dataOfQuote(await quote(checkout.id, { selections: TEAM, currency: 'usd', address: { country: 'US', postal_code: '10001' } }));
  assert.equal(data.jurisdiction, 'US-NY');
  assert.equal(data.tax, 196 + 144);
});

test('an Australian buyer is quoted GST 10%, a New Zealander GST 15%', async () => {
  const checkout = await addressedCheckout();
  const sydney = dataOfQuote(await quote(checkout.id, { selections: TEAM, currency: 'usd', address: { country: 'AU', postal_code: '2000' } }));
  assert.deepEqual({ amount: sydney.amount, tax: sydney.tax, jurisdiction: sydney.jurisdiction }, { amount: 9350, tax: 850, jurisdiction: 'AU' });
  assert.deepEqual(sydney.tax_lines, [{ name: 'gst', jurisdiction: 'AU', basis_points: 1000, inclusive: false, amount: 850 }]);
  const wellington = dataOfQuote(await quote(checkout.id, { selections: TEAM, currency: 'usd', address: { country: 'NZ', postal_code: '6011' } }));
  // 15% of 4,900 is 735, of 3,600 is 540.
  assert.deepEqual(wellington.tax_lines, [{ name: 'gst', jurisdiction: 'NZ', basis_points: 1500, inclusive: false, amount: 1275 }]);
  assert.equal(wellington.amount, 9775);
});

test('a buyer where no tax is collected is quoted the price alone, each line saying so', async () => {
  const checkout = await addressedCheckout();
  const data = dataOfQuote(await quote(checkout.id, { selections: TEAM, currency: 'usd', address: { country: 'US', postal_code: '97201', state: 'OR' } }));
  assert.deepEqual({ amount: data.amount, subtotal: data.subtotal, tax: data.tax, tax_lines: data.tax_lines }, { amount: 8500, subtotal: 8500, tax: 0, tax_lines: [] });
  assert.deepEqual(data.lines.map((line) => [line.taxability, line.tax_rate]), [['not_collected', null], ['not_collected', null]]);
});

test('a German business with a German VAT number is reverse charged: no tax, each line says why, and the number comes back written canonically', async () => {
  const checkout = await addressedCheckout();
  const data = dataOfQuote(await quote(checkout.id, { selections: TEAM, currency: 'eur', address: BERLIN, tax_id: 'de 123 456 789' }));
  assert.deepEqual({ amount: data.amount, subtotal: data.subtotal, tax: data.tax, reverse_charge: data.reverse_charge, tax_id: data.tax_id }, { amount: 7800, subtotal: 7800, tax: 0, reverse_charge: true, tax_id: 'DE123456789' });
  assert.deepEqual(data.tax_lines, []);
  assert.deepEqual(data.lines.map((line) => line.taxability), ['reverse_charge', 'reverse_charge']);
});

test('a German consumer pays 19% VAT', async () => {
  const checkout = await addressedCheckout();
  const data = dataOfQuote(await quote(checkout.id, { selections: TEAM, currency: 'eur', address: BERLIN }));
  assert.deepEqual({ tax: data.tax, amount: data.amount }, { tax: 855 + 627, amount: 7800 + 855 + 627 });
});

test('the tax-inclusive onboarding session costs a UK buyer its price in all: the subtotal is net of the VAT inside it', async () => {
  const checkout = await addressedCheckout({ products: [{ id: 'prod_onboarding' }] });
  const data = dataOfQuote(await quote(checkout.id, { address: LONDON }));
  assert.deepEqual({ amount: data.amount, subtotal: data.subtotal, tax: data.tax }, { amount: 49_900, subtotal: 41_583, tax: 8317 });
  assert.deepEqual(data.tax_lines, [{ name: 'vat', jurisdiction: 'GB', basis_points: 2000, inclusive: true, amount: 8317 }]);
  assert.equal(data.lines[0]?.renewal, null, 'a one-time price does not renew');
  const untaxed = dataOfQuote(await quote(checkout.id, { address: { country: 'US', postal_code: '97201', state: 'OR' } }));
  assert.deepEqual({ amount: untaxed.amount, subtotal: untaxed.subtotal, tax: untaxed.tax }, { amount: 49_900, subtotal: 49_900, tax: 0 });
});

test('a trial is quoted nothing today and the tax of the first charge when it ends', async () => {
  const checkout = await addressedCheckout({ products: [{ id: 'prod_seats' }] });
  const data = dataOfQuote(await quote(checkout.id, { selections: [selection('prod_seats', 'plan_seats_business', 5)], currency: 'usd', address: LONDON }));
  assert.deepEqual({ amount: data.amount, tax: data.tax }, { amount: 0, tax: 0 });
  assert.deepEqual(data.lines[0]?.renewal && { subtotal: data.lines[0].renewal.subtotal, tax: data.lines[0].renewal.tax }, { subtotal: 12_000, tax: 2400 });
});

test('a checkout that collects no address is never taxed: the address is not needed and each line says there is none', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ collectAddress: false }));
  for (const body of [{ selections: TEAM, currency: 'usd' }, { selections: TEAM, currency: 'usd', address: LONDON }]) {
    const data = dataOfQuote(await quote(checkout.id, body));
    assert.deepEqual({ amount: data.amount, tax: data.tax, jurisdiction: data.jurisdiction }, { amount: 8500, tax: 0, jurisdiction: null });
    assert.deepEqual(data.lines.map((line) => line.taxability), ['no_address', 'no_address']);
  }
});

test('the quote is priced by the sandbox’s clock and says when', async () => {
  sandbox.clock.advance(3 * 3_600_000);
  try {
    const checkout = await addressedCheckout();
    // The sandbox's clock runs on: its now is read on either side of the request.
    const before = sandbox.clock.now().getTime();
    const data = dataOfQuote(await quote(checkout.id, { selections: TEAM, currency: 'usd', address: LONDON }));
    const pricedAt = Date.parse(data.now);
    assert.ok(pricedAt >= before && pricedAt <= sandbox.clock.now().getTime(), `${data.now} is the sandbox's now, 3 hours ahead`);
    assert.ok(pricedAt - Date.now() > 2.9 * 3_600_000, `${data.now} is by the sandbox's clock, not the machine's`);
  } finally {
    sandbox.clock.reset();
  }
});

test('a quote changes nothing, never shows the metadata, and carries the public CORS', async () => {
  const checkout = await addressedCheckout();
  const before = await sandbox.counts();
  const answer = await quote(checkout.id, { selections: TEAM, currency: 'usd', address: LONDON }, { origin: 'https://shop.example' });
  dataOfQuote(answer);
  assert.ok(!answer.text.includes('cart_42') && !answer.text.includes('metadata'), 'the metadata stays private');
  assertCors(answer, 'https://shop.example');
  assert.deepEqual(await sandbox.counts(), before);
  assert.equal((await sandbox.readCheckout(checkout.id)).status, 'active');
  const preflight = await send(sandbox.url, 'OPTIONS', `/api/public/checkout/${checkout.id}/quote`, {
    headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  assert.ok(preflight.status === 204 || preflight.status === 200, `preflight: ${preflight.status}`);
  assert.match(preflight.headers['access-control-allow-methods'] ?? '', /POST/);
});

const refusals: Array<[string, Record<string, unknown>, string]> = [
  ['no address where the checkout collects one', { selections: TEAM, currency: 'usd' }, 'address'],
  ['a three-letter country', { selections: TEAM, currency: 'usd', address: { country: 'GBR', postal_code: 'SW1Y 4JH' } }, 'address.country'],
  ['no postal code', { selections: TEAM, currency: 'usd', address: { country: 'GB' } }, 'address.postal_code'],
  ['an unknown address field', { selections: TEAM, currency: 'usd', address: { ...LONDON, planet: 'Earth' } }, 'address.planet'],
  ['a malformed VAT number', { selections: TEAM, currency: 'usd', address: BERLIN, tax_id: 'DE12345' }, 'tax_id'],
  ['a VAT number of another country', { selections: TEAM, currency: 'usd', address: BERLIN, tax_id: 'FRXX123456789' }, 'tax_id'],
  ['a VAT number for a US address', { selections: TEAM, currency: 'usd', address: CUPERTINO, tax_id: 'DE123456789' }, 'tax_id'],
  ['an unknown plan', { selections: [selection('prod_analytics', 'plan_nope'), TEAM[1]], currency: 'usd', address: LONDON }, 'selections.0.plan_id'],
  ['a currency the checkout does not take', { selections: TEAM, currency: 'jpy', address: LONDON }, 'currency'],
];

for (const [what, body, field] of refusals) {
  test(`a quote with ${what} is 422 naming ${field}`, async () => {
    const checkout = await addressedCheckout();
    const answer = await quote(checkout.id, body);
    assert.equal(answer.status, 422, answer.text);
    const error = errorOf(answer);
    assert.equal(error.code, 'validation_error');
    assert.equal(error.field, field, answer.text);
  });
}

test('a closed checkout is not quoted: 409 archived or expired, as complete says', async () => {
  const archived = await addressedCheckout();
  assert.equal((await sandbox.post(`/api/v2/checkouts/${archived.id}/archive`, { key: sandbox.key })).status, 200);
  const refused = await quote(archived.id, { selections: TEAM, currency: 'usd', address: LONDON });
  assert.deepEqual([refused.status, errorOf(refused).code], [409, 'archived']);

  const expiring = await addressedCheckout();
  sandbox.clock.advance(25 * 3_600_000);
  try {
    const expired = await quote(expiring.id, { selections: TEAM, currency: 'usd', address: LONDON });
    assert.deepEqual([expired.status, errorOf(expired).code], [409, 'expired']);
  } finally {
    sandbox.clock.reset();
  }
});

test('an unknown checkout is 404, whatever the body', async () => {
  const answer = await quote('chk_nope', { address: LONDON });
  assert.deepEqual([answer.status, errorOf(answer).code], [404, 'not_found']);
});

test('a VAT number on file is quoted masked: its country and at most its last four characters, never more than half of those after the country', () => {
  assert.equal(maskedTaxId('DE123456789'), 'DE••••6789');
  assert.equal(maskedTaxId('GB123456789'), 'GB••••6789');
  assert.equal(maskedTaxId('DE12345'), 'DE••••45', 'a short number shows two of its five');
  assert.equal(maskedTaxId('ATU1234567'), 'AT••••4567', 'four of the eight after the country');
  assert.equal(maskedTaxId('DE1'), 'DE••••', 'nothing of a single character');
  for (const taxId of ['DE12345', 'DE1234', 'DE123', 'DE1', 'NL123456789B01', 'ATU1234567']) {
    const after = taxId.slice(2);
    const shown = maskedTaxId(taxId).split('••••')[1] ?? '';
    assert.ok(shown.length <= 4 && shown.length * 2 <= after.length, `${taxId} → ${maskedTaxId(taxId)}`);
    assert.ok(after.endsWith(shown), `${taxId}: the last characters`);
  }
});
