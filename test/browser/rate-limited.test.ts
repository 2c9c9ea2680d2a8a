// A payment refused 429 (too many requests: a reusable link with too many payments waiting for
// 3-D Secure, or a backend's rate limit) is told in the page's language, never in the server's
// English sentence: nothing was charged, the form stays, and the next Pay is a new payment.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { fr } from '../../src/i18n/fr.ts';
import { json, mountRecording, paidAnswer, payAsNewBuyer, readyToPay, record, sessionJson, STUB_API, type StubbedFetch, stubFetch, visibleText, waitForText } from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };
const SENTENCE = 'Too many payments on this link are waiting for their bank right now. Nothing was charged: try again in a few minutes.';
const tooMany = () => new Response(JSON.stringify({ error: SENTENCE, code: 'rate_limited' }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '120' } });

describe('a payment refused 429', function () {
  this.timeout(20_000);
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  it('says rate_limited in French on a French page, keeps the form, and the next Pay is a new payment', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), tooMany, () => paidAnswer());
    const element = await mountRecording('chk_fixture', STUB_API, 'fr');
    const errors = record(element, 'paid-checkout-error');
    const completes = record(element, 'paid-checkout-complete');
    await payAsNewBuyer(element, { labels: [/numéro de carte/i, /expiration/i, /code de sécurité/i, /code postal/i] });

    await waitUntil(() => errors.length > 0, 'the refusal was never told', { timeout: 8000 });
    expect(errors.map((event) => event.detail)).to.deep.equal([{ code: 'rate_limited', message: fr['error.rate_limited'], recoverable: true }]);
    await waitForText(element, fr['error.rate_limited'] as string);
    expect(visibleText(element)).not.to.contain(SENTENCE);
    expect(element.state).to.deep.include({ status: 'ready' });
    expect(sessionStorage.getItem('paid-checkout:attempt:chk_fixture'), 'nothing is kept: nothing was charged').to.equal(null);

    (await readyToPay(element)).click();
    await waitUntil(() => completes.length === 1, 'the next Pay never went through', { timeout: 8000 });
    const sent = api.calls.filter((call) => call.url.endsWith('/complete'));
    expect(sent).to.have.length(2);
    expect(sent[1]!.headers.get('idempotency-key'), 'a new payment: a new Idempotency-Key').to.not.equal(sent[0]!.headers.get('idempotency-key'));
  });
});
