// TaxController against a fake host and a quote request the test answers: which orders are
// quoted (a new customer's only with an address, nothing until it says where; a known customer's
// with the address typed, or at once when none is collected), the quote laid over the summary,
// and a refused VAT number shown under its field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckoutError } from '../../../src/errors.ts';
import type { CollectFields, CustomerDetails, PublicCheckout, QuoteRequest } from '../../../src/api/schemas.ts';
import type { TaxQuote } from '../../../src/api/wire.ts';
import { customerDetails, emptyCustomer } from '../../../src/checkout/customer-form.ts';
import { summarize, type CheckoutSummary } from '../../../src/pricing/summary.ts';
import { resolveSelections } from '../../../src/pricing/selection.ts';
import { settle } from './fixtures.ts';
import { quote, quoteOf, taxHost } from './tax-host.ts';

const setup = (collect?: CollectFields, known = false) => taxHost({ collect, known });

/** A line the quote taxes nothing on (no address on file, none collected). */
const untaxed = (line: TaxQuote['lines'][number]) => ({ ...line, total: line.subtotal, taxRate: null });

/** The summary's lines as priced now, for a test to compare. */
const amountsOf = (summary: CheckoutSummary | null) => summary?.lines.map((line) => [line.kind, line.dueToday]);

test('a new customer’s session without an address has no tax to quote', () => {
  assert.equal(setup({ name: true, email: true, address: false, phone: false }).tax.quoteRequest(), 'none');
});

test('a known customer’s session without an address is quoted at once, without one: the server taxes from the address it has on file', () => {
  const { host, tax } = setup({ name: false, email: false, address: false, phone: false }, true);
  assert.deepEqual(tax.quoteRequest(), { selections: host.selections, currency: 'usd', address: null, taxId: null });
});

test('a known customer’s session that collects an address is quoted once the address typed says where, as a new customer’s', () => {
  const { host, tax } = setup({ name: false, email: false, address: true, phone: false }, true);
  assert.equal(tax.quoteRequest(), 'address');
  host.customer = { ...emptyCustomer(), country: 'DE', postalCode: '10115', taxId: 'DE123456789' };
  assert.deepEqual(tax.quoteRequest(), { selections: host.selections, currency: 'usd', address: { country: 'DE', postalCode: '10115', state: null }, taxId: 'DE123456789' });
});

test('for a known customer without an address typed, a quote that charges no tax adds no tax rows to the summary', () => {
  const { host, tax } = setup({ name: false, email: false, address: false, phone: false }, true);
  const resolved = resolveSelections(host.checkout!.products, host.selections, 'usd');
  assert.ok(resolved.ok);
  const priced = summarize(resolved.resolved, 'usd', new Date('2030-01-01T00:00:00Z'));
  tax.quote = { status: 'ready', quote: quoteOf(host, untaxed) };
  assert.equal(tax.summaryOver(priced).tax, null);
  tax.quote = { status: 'ready', quote: quoteOf(host) };
  assert.equal(tax.summaryOver(priced).tax?.status, 'ready', 'taxed from the address on file: shown');
});

test('until the address gives a country and a postal code there is nothing to ask; then the order and the place are asked about', () => {
  const { host, tax } = setup();
  assert.equal(tax.quoteRequest(), 'address');
  host.customer = { ...emptyCustomer(), country: 'GB' };
  assert.equal(tax.quoteRequest(), 'address');
  host.customer = { ...host.customer, postalCode: ' SW1Y 4JH ', state: '' };
  assert.deepEqual(tax.quoteRequest(), { selections: host.selections, currency: 'usd', address: { country: 'GB', postalCode: 'SW1Y 4JH', state: null }, taxId: null });
});

test('the state is asked about as Pay sends it: trimmed, and none when it shows nothing (zero-width or bidi controls alone)', () => {
  const { host, tax } = setup();
  host.customer = { ...emptyCustomer(), country: 'US', postalCode: '94105', state: ' CA ' };
  assert.equal((tax.quoteRequest() as QuoteRequest).address?.state, 'CA');
  for (const state of ['\u200b', ' \u200e\u2066 ']) {
    host.customer = { ...host.customer, state };
    assert.equal((tax.quoteRequest() as QuoteRequest).address?.state, null, JSON.stringify(state));
    assert.equal((customerDetails(host.customer, host.checkout!.collect) as CustomerDetails).address?.state, null, 'as Pay sends it');
  }
});

test('a well-formed VAT number is asked about; one the form refuses is not', () => {
  const { host, tax } = setup();
  host.customer = { ...emptyCustomer(), country: 'DE', postalCode: '10115', taxId: 'DE 123 456 789' };
  assert.equal((tax.quoteRequest() as QuoteRequest).taxId, 'DE 123 456 789');
  host.customer = { ...host.customer, taxId: 'DE12' };
  assert.equal((tax.quoteRequest() as QuoteRequest).taxId, null);
  // Typed with spaces around it: asked about as Pay sends it, trimmed.
  host.customer = { ...host.customer, taxId: '  DE123456789 \t' };
  assert.equal((tax.quoteRequest() as QuoteRequest).taxId, 'DE123456789');
  host.customer = { ...host.customer, taxId: '   ' };
  assert.equal((tax.quoteRequest() as QuoteRequest).taxId, null);
});

test('a VAT number typed for a country with the field is not asked about once the country has none', () => {
  const { host, tax } = setup();
  host.customer = { ...emptyCustomer(), country: 'DE', postalCode: '10115', taxId: 'DE123456789' };
  assert.equal((tax.quoteRequest() as QuoteRequest).taxId, 'DE123456789');
  host.customer = { ...host.customer, country: 'US', postalCode: '95014' };
  assert.equal((tax.quoteRequest() as QuoteRequest).taxId, null);
});

test('the quote is laid over the summary once it has come, and the same summary object is given while nothing changes', async () => {
  const { host, tax, taxChanges } = setup();
  const resolved = resolveSelections(host.checkout!.products, host.selections, 'usd');
  assert.ok(resolved.ok);
  const priced = summarize(resolved.resolved, 'usd', new Date('2030-01-01T00:00:00Z'));
  host.customer = { ...emptyCustomer(), country: 'GB', postalCode: 'SW1Y 4JH' };
  assert.deepEqual(tax.summaryOver(priced).tax, null, 'no quote asked yet');
  tax.changed();
  assert.deepEqual(tax.summaryOver(priced).tax, { status: 'waiting' });
  const before = taxChanges();
  tax.retry();
  // The test answers at once instead of waiting for the settle delay: stop the timer and send now.
  tax.stop();
  assert.equal(tax.quote.status, 'waiting');
  const quoted = quoteOf(host);
  tax.quote = { status: 'ready', quote: quoted };
  assert.equal(taxChanges(), before + 2, 'each new state tells the host');
  const shown = tax.summaryOver(priced);
  assert.ok(quoted.amount > priced.amountDueToday, 'a taxed amount');
  assert.equal(shown.amountDueToday, quoted.amount);
  assert.equal(tax.summaryOver(priced), shown);
  await settle();
});

test('a quote that refuses the VAT number shows the problem under the VAT field', () => {
  const { host, tax } = setup();
  host.customer = { ...emptyCustomer(), country: 'DE', postalCode: '10115', taxId: 'FR12345678901' };
  tax.quote = { status: 'failed', error: new CheckoutError('validation_error', { recoverable: true, field: 'taxId' }) };
  assert.deepEqual(host.fieldProblems.get('taxId'), { key: 'invalid.taxId' });
});

test('a refusal of a field the form does not show is left to the quote’s message', () => {
  const { host, tax } = setup();
  host.customer = { ...emptyCustomer(), country: 'US', postalCode: '97201' };
  tax.quote = { status: 'failed', error: new CheckoutError('validation_error', { recoverable: true, field: 'taxId' }) };
  assert.equal(host.fieldProblems.size, 0, 'no VAT field for a US address');
});

test('a quote that has come prices the summary at the quote’s instant: the lines and the total are of one moment', () => {
  const { host, tax, pricedAt, rereads } = setup();
  tax.quote = { status: 'ready', quote: quoteOf(host) };
  assert.equal(tax.quote.status, 'ready');
  assert.deepEqual(pricedAt, [Date.parse(quote.now)]);
  assert.equal(rereads(), 0);
});

test('a quote of another order than the summary shows is not shown: the session is read again, then the quote asked again (review R2-2)', (context) => {
  // The quote is asked once the typing settles (400 ms): on Node's fake clock, not a pause.
  context.mock.timers.enable({ apis: ['setTimeout'] });
  const { host, tax, asked, rereads } = setup();
  host.customer = { ...emptyCustomer(), country: 'GB', postalCode: 'SW1Y 4JH' };
  tax.changed();
  context.mock.timers.tick(400);
  assert.equal(asked.length, 1, 'the first quote is asked');
  // Its answer:
  const upgrade = quoteOf(host, (line) => ({ ...line, kind: 'upgrade', subtotal: line.subtotal - 1000, total: line.subtotal - 1000 }));
  tax.quote = { status: 'ready', quote: upgrade };
  assert.equal(tax.quote.status, 'waiting', 'Pay waits: the quote is not laid over lines that say something else');
  assert.equal(rereads(), 1);
  const pricedBefore = host.priced;
  // A quote answered while the session is read again is not compared with the summary about to change.
  tax.quote = { status: 'ready', quote: upgrade };
  assert.equal(tax.quote.status, 'waiting');
  assert.equal(rereads(), 1);
  assert.equal(host.priced, pricedBefore, 'not priced again either');
  // The session read again: asked again, and a quote of the order now shown is shown.
  tax.reread();
  context.mock.timers.tick(400);
  assert.equal(asked.length, 2, 'asked again once the session is read again');
  tax.quote = { status: 'ready', quote: quoteOf(host) };
  assert.equal(tax.quote.status, 'ready');
  assert.deepEqual(amountsOf(host.priced), quoteOf(host).lines.map((line) => [line.kind, line.subtotal]));
  tax.stop();
});

test('a quote of prices the merchant edited since the session was read (the same amounts today: a downgrade) is not shown: the session is read again', () => {
  const { host, tax, rereads } = setup();
  (host as { checkout: PublicCheckout }).checkout = { ...host.checkout!, pricesVersion: '0123456789abcdef' };
  tax.quote = { status: 'ready', quote: { ...quoteOf(host), pricesVersion: 'fedcba9876543210' } };
  assert.equal(tax.quote.status, 'waiting');
  assert.equal(rereads(), 1);
  // Read again: the session names the new prices, and the quote of them is shown.
  (host as { checkout: PublicCheckout }).checkout = { ...host.checkout!, pricesVersion: 'fedcba9876543210' };
  tax.reread();
  tax.quote = { status: 'ready', quote: { ...quoteOf(host), pricesVersion: 'fedcba9876543210' } };
  assert.equal(tax.quote.status, 'ready');
  tax.stop();
});

test('a quote that still prices another order once the session was read again fails (Try again); its Try again reads the session again', () => {
  const { host, tax, rereads } = setup();
  const another = quoteOf(host, (line) => ({ ...line, subtotal: line.subtotal + 1, total: line.total + 1 }));
  tax.quote = { status: 'ready', quote: another };
  assert.equal(rereads(), 1);
  tax.reread();
  tax.stop();
  tax.quote = { status: 'ready', quote: another };
  assert.equal(tax.quote.status, 'failed', 'never a loop of reads: the customer is told, and Pay stays off');
  assert.equal(rereads(), 1);
  tax.quote = { status: 'ready', quote: another };
  assert.equal(tax.quote.status, 'waiting');
  assert.equal(rereads(), 2, 'the next answer (after Try again) reads the session again');
});

test('a read again that the network lost fails the tax (Try again), and its Try again reads again once a quote still differs', () => {
  const { host, tax, rereads } = setup();
  const another = quoteOf(host, (line) => ({ ...line, subtotal: line.subtotal + 1, total: line.total + 1 }));
  tax.quote = { status: 'ready', quote: another };
  assert.equal(rereads(), 1);
  tax.rereadFailed(new CheckoutError('network_error', { recoverable: true }));
  assert.equal(tax.quote.status, 'failed', 'the customer is told, Pay stays off, the form stays');
  tax.stop();
  tax.quote = { status: 'ready', quote: another };
  assert.equal(tax.quote.status, 'waiting', 'not a quote answered during a read: compared, and read again');
  assert.equal(rereads(), 2);
});

test('a new session shown forgets a read of the session under way', () => {
  const { host, tax, rereads } = setup();
  tax.quote = { status: 'ready', quote: quoteOf(host, (line) => ({ ...line, kind: 'unchanged' })) };
  assert.equal(rereads(), 1);
  tax.reset();
  tax.quote = { status: 'ready', quote: quoteOf(host) };
  assert.equal(tax.quote.status, 'ready', 'compared, and shown: no read is under way for this session');
});
