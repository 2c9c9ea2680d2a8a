// A payment whose answer was lost is the customer's only way to learn whether they paid: the
// session's expiry must not replace it with "expired" while its Try again is waiting.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import {
  STUB_API,
  fillCard,
  fillField,
  json,
  mountCheckout,
  mountRecording,
  paidAnswer,
  payButton,
  readyToPay,
  record,
  sessionJson,
  stubFetch,
  visibleText,
  waitForText,
  type StubbedFetch,
} from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };
const CONTROL_API = 'https://control.stub.test';

describe('a lost payment answer and the session’s expiry', () => {
  const stubs: StubbedFetch[] = [];
  afterEach(() => {
    for (const stub of stubs.splice(0).reverse()) stub.restore();
  });

  it('keeps Try again through expiry, and the resend learns that the payment went through', async () => {
    const expiresAt = new Date(Date.now() + 4000).toISOString();
    // The complete's answer is lost; the server replays its first answer to the resend.
    const api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK, expiresAt })), new TypeError('Failed to fetch'), paidAnswer());
    stubs.push(api);
    const element = await mountRecording('chk_fixture');
    const completes = record(element, 'paid-checkout-complete');
    await readyToPay(element);
    fillField(element, 'name', 'Ada Lovelace');
    fillField(element, 'email', 'ada@example.com');
    await fillCard(element, '4242 4242 4242 4242');
    payButton(element).click();
    await waitUntil(() => payButton(element).textContent?.includes('Try again'), 'no Try again after the lost answer', { timeout: 8000 });

    // A second element expiring 1.5 s later: timers run in the order they are due, so once it
    // says "expired", the first one's expiry check (due at expiresAt, or at most a second later
    // if it was still paying then) has run.
    const controlExpiresAt = new Date(Date.parse(expiresAt) + 1500).toISOString();
    stubs.push(stubFetch(CONTROL_API, json(200, sessionJson({ expiresAt: controlExpiresAt }))));
    const control = await mountCheckout('chk_fixture', CONTROL_API);
    await waitForText(control, 'This checkout has expired', 8000);

    expect(visibleText(element)).to.not.contain('This checkout has expired');
    expect(payButton(element).textContent).to.contain('Try again');
    payButton(element).click();
    await waitUntil(() => completes.length === 1, 'the resend did not complete', { timeout: 8000 });
    const bodies = api.calls.filter((call) => call.url.endsWith('/complete'));
    expect(bodies).to.have.length(2);
    expect(bodies[1]!.headers.get('idempotency-key')).to.equal(bodies[0]!.headers.get('idempotency-key'));
  });
});
