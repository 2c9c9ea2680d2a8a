// The message catalogs (src/i18n/): French has every English key, translate's placeholders, the locale chosen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from '../../../src/i18n/en.ts';
import { fr } from '../../../src/i18n/fr.ts';
import { catalogFor, isCatalogReady, loadCatalog, resolveLocale, textDirection, translate } from '../../../src/i18n/index.ts';

test('the French catalog has exactly the English keys, each translated', () => {
  assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
  for (const key of Object.keys(en) as Array<keyof typeof en>) {
    assert.ok(fr[key].trim().length > 0, key);
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    assert.deepEqual(placeholders(fr[key]), placeholders(en[key]), `placeholders of ${key}`);
  }
});

test('a catalog other than English is loaded when its language is first used; until then English stands in', async () => {
  assert.equal(isCatalogReady('fr-CA'), false);
  assert.equal(translate('fr-CA', 'back'), 'Back');
  assert.equal(isCatalogReady('en-GB'), true);
  assert.equal(isCatalogReady('xx'), true, 'a language without a catalog waits for nothing');
  const first = loadCatalog('fr-CA');
  assert.equal(loadCatalog('fr'), first, 'one load per language');
  await first;
  assert.equal(isCatalogReady('fr'), true);
});

test('right-to-left languages are told apart', () => {
  assert.equal(textDirection('ar-EG'), 'rtl');
  assert.equal(textDirection('he'), 'rtl');
  assert.equal(textDirection('fr'), 'ltr');
});

test('translate fills placeholders and picks the catalog by language', async () => {
  await loadCatalog('fr');
  assert.equal(translate('en', 'pay.amount', { amount: '$49.00' }), 'Pay $49.00');
  assert.equal(translate('fr-CA', 'pay.amount', { amount: '49,00 $' }), 'Payer 49,00 $');
  assert.equal(translate('de', 'back'), 'Back');
  assert.equal(translate('en', 'pay.amount', {}), 'Pay {amount}');
  assert.equal(catalogFor('FR'), fr);
});

test('translate never interprets a parameter as a placeholder or a pattern', () => {
  assert.equal(translate('en', 'pay.amount', { amount: '$& {amount}' }), 'Pay $& {amount}');
});

test('the locale is the element’s, else the page’s, else the browser’s, else English', () => {
  assert.equal(resolveLocale('fr', 'en', 'de'), 'fr');
  assert.equal(resolveLocale('', 'fr-fr', 'de'), 'fr-FR');
  assert.equal(resolveLocale(null, '', 'de-DE'), 'de-DE');
  assert.equal(resolveLocale('not a locale!', null, undefined), 'en');
});
