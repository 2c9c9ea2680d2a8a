// A refusal whose sentence shows nothing (empty, spaces, zero-width characters alone) is said in the
// catalog's words for its code: the customer never reads an empty alert.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { STUB_API, json, mountRecording, payAsNewBuyer, record, refusal, sessionJson, shadow, stubFetch, type StubbedFetch } from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };

describe('paid-checkout refusal without words', () => {
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  for (const blank of ['', '\u200b \u200b']) {
    it(`a declined card whose sentence is ${JSON.stringify(blank)} says the catalog’s words, in the alert and the event`, async () => {
      api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })), refusal(402, blank, 'card_declined'));
      const element = await mountRecording('chk_fixture');
      const errors = record(element, 'paid-checkout-error');
      await payAsNewBuyer(element);
      await waitUntil(() => errors.length > 0, 'the refusal was never told');
      await element.updateComplete;
      const alert = shadow(element).querySelector('.pay-error[role="alert"]');
      expect(errors[0]!.detail.code).to.equal('card_declined');
      expect(errors[0]!.detail.message).to.equal('Your card was declined. Try another card.');
      expect(alert?.textContent?.trim()).to.equal('Your card was declined. Try another card.');
    });
  }
});
