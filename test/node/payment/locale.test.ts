// The locale Stripe's fields are given (src/payment/locale.ts): the customer's, or the nearest Stripe has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripeLocale } from '../../../src/payment/locale.ts';

test('Stripe’s fields get the customer’s locale, or the nearest one Stripe has', () => {
  assert.equal(stripeLocale('fr'), 'fr');
  assert.equal(stripeLocale('fr-CA'), 'fr-CA');
  assert.equal(stripeLocale('fr-BE'), 'fr');
  assert.equal(stripeLocale('en-US'), 'en');
  assert.equal(stripeLocale('zh-TW'), 'zh-TW');
  assert.equal(stripeLocale('cy-GB'), 'auto');
});
