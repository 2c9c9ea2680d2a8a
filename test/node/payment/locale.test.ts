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

test('every language the element speaks reaches Stripe in the form Stripe names it', () => {
  const expected: Record<string, string> = {
    'en': 'en',
    'fr-FR': 'fr-FR',
    'de': 'de',
    'de-AT': 'de',
    'es': 'es',
    'es-ES': 'es-ES',
    'es-MX': 'es-419',
    'es-AR': 'es-419',
    'it': 'it',
    'pt-BR': 'pt-BR',
    'pt-br': 'pt-BR',
    'pt_BR': 'pt-BR',
    'pt': 'pt',
    'pt-PT': 'pt',
    'nl': 'nl',
    'nl-BE': 'nl',
    'ja': 'ja',
    'ja-JP': 'ja',
    'ar': 'ar',
    'ar-EG': 'ar',
    'ar-SA': 'ar',
    'he-IL': 'he',
  };
  for (const [locale, stripe] of Object.entries(expected)) assert.equal(stripeLocale(locale), stripe, locale);
});
