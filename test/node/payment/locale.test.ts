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
    // Plain pt reads the element's Brazilian catalog (and is Brazil's in CLDR): Stripe's pt is Portugal's.
    'pt': 'pt-BR',
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

test('Chinese reaches Stripe in the characters its script or region writes: traditional for Taiwan, Hong Kong and Macau', () => {
  const expected: Record<string, string> = {
    'zh': 'zh',
    'zh-CN': 'zh',
    'zh-Hans-CN': 'zh',
    'zh-Hans-HK': 'zh',
    'zh-TW': 'zh-TW',
    'zh-Hant': 'zh-TW',
    'zh-Hant-TW': 'zh-TW',
    'zh-HK': 'zh-HK',
    'zh-Hant-HK': 'zh-HK',
    'zh-MO': 'zh-HK',
    'zh_Hant_TW': 'zh-TW',
    'sr-Latn-RS': 'auto',
    'es-Latn-MX': 'es-419',
  };
  for (const [locale, stripe] of Object.entries(expected)) assert.equal(stripeLocale(locale), stripe, locale);
});
