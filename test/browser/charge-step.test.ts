// A session whose price Stripe cannot charge in its currency (KWD 5.125: Stripe charges the
// three-decimal currencies in multiples of 10 minor units) is a malformed answer: the customer
// reads that the answer could not be read, and nothing is thrown on the page (before, a quantity
// step to KWD 15.375 threw Stripe's IntegrationError from elements.update; found by helper-109).
import { expect, fixture } from '@open-wc/testing';
import { STUB_API, json, sessionJson, unmountedRecording, shadow, stubFetch, waitForText, type StubbedFetch } from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };

describe('paid-checkout price off its currency’s charge step', () => {
  let api: StubbedFetch | null = null;
  const thrown: unknown[] = [];
  const onError = (event: ErrorEvent) => {
    thrown.push(event.error ?? event.message);
    event.preventDefault();
  };
  beforeEach(() => {
    thrown.length = 0;
    window.addEventListener('error', onError);
  });
  afterEach(() => {
    api?.restore();
    api = null;
    window.removeEventListener('error', onError);
  });

  it('a KWD 5.125 per-seat price is refused as an answer that could not be read, with no form and nothing thrown', async () => {
    const product = {
      id: 'prod_seats',
      name: 'Seats',
      description: null,
      plans: [],
      current: null,
      basePrice: { currency: 'kwd', model: 'per_unit', amount: 5125, interval: 'month', unitLabel: 'seat', minQuantity: 2 },
    };
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK, allowedCurrencies: ['kwd'], currency: 'kwd', products: [product] })));
    const errors: Array<{ code: string }> = [];
    const element = unmountedRecording('chk_fixture');
    element.addEventListener('paid-checkout-error', (event) => errors.push((event as CustomEvent<{ code: string }>).detail));
    await fixture(element);
    await waitForText(element, 'couldn’t read');
    expect(shadow(element).querySelector('button.step'), 'no quantity stepper').to.equal(null);
    expect(shadow(element).querySelector('.pay'), 'no Pay button').to.equal(null);
    expect(errors.map((error) => error.code)).to.deep.equal(['invalid_response']);
    expect(thrown.map(String)).to.deep.equal([]);
  });
});
