// The message catalogs (src/i18n/): every catalog has exactly the English keys and placeholders,
// valid plural forms and its language's tax words; translate's plurals and placeholders; the
// catalog and locale chosen; writing direction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, type Catalog, type Message, type MessageKey } from '../../../src/i18n/en.ts';
import { ar } from '../../../src/i18n/ar.ts';
import { de } from '../../../src/i18n/de.ts';
import { es } from '../../../src/i18n/es.ts';
import { fr } from '../../../src/i18n/fr.ts';
import { it } from '../../../src/i18n/it.ts';
import { ja } from '../../../src/i18n/ja.ts';
import { nl } from '../../../src/i18n/nl.ts';
import { ptBR } from '../../../src/i18n/pt-BR.ts';
import { catalogFor, isCatalogReady, labelInSentence, loadCatalog, resolveLocale, textDirection, translate, unpackCatalog } from '../../../src/i18n/index.ts';

const catalogs: Record<string, Catalog> = { 'fr': fr, 'de': de, 'es': es, 'it': it, 'pt-BR': ptBR, 'nl': nl, 'ja': ja, 'ar': ar };
const keys = Object.keys(en) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
// Words these languages share with English (GST is an acronym everywhere but in fr, ja and ar).
const sameAsEnglish: Record<string, MessageKey[]> = { 'es': ['summary.subtotal'], 'pt-BR': ['summary.subtotal'], 'it': ['price.perUnit'], 'nl': ['price.perUnit'] };
const forms = (message: Message): Array<[string, string]> => (typeof message === 'string' ? [['other', message]] : Object.entries(message));

test('the catalogs are loaded when their language is first used; until then English stands in', async () => {
  for (const language of Object.keys(catalogs)) assert.equal(isCatalogReady(language), false, language);
  assert.equal(isCatalogReady('fr-CA'), false);
  assert.equal(translate('fr-CA', 'back'), 'Back');
  assert.equal(isCatalogReady('en-GB'), true);
  assert.equal(isCatalogReady('xx'), true, 'a language without a catalog waits for nothing');
  const first = loadCatalog('fr-CA');
  assert.equal(loadCatalog('fr'), first, 'one load per language');
  await first;
  assert.equal(isCatalogReady('fr'), true);
  await Promise.all(Object.keys(catalogs).map((language) => loadCatalog(language)));
  for (const [language, catalog] of Object.entries(catalogs)) assert.equal(catalogFor(language), catalog, language);
});

for (const [language, catalog] of Object.entries(catalogs)) {
  test(`${language}: exactly the English keys, each translated, with the English placeholders and valid plural forms`, () => {
    assert.deepEqual(Object.keys(catalog).sort(), [...keys].sort());
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const key of keys) {
      const reference = en[key];
      const message = catalog[key];
      if (typeof message !== 'string') {
        assert.ok(typeof message.other === 'string', `${key} has an 'other' form`);
        for (const category of Object.keys(message)) {
          assert.ok((categories as string[]).includes(category), `${key}: '${category}' is not a plural category of ${language} (${categories.join(', ')})`);
        }
      }
      for (const [category, text] of forms(message)) {
        assert.ok(text.trim().length > 0, `${key} (${category}) is empty`);
        // The 'other' form says every placeholder; another may leave its number to the words ("ليومين": two days).
        if (category === 'other') assert.deepEqual(placeholders(text), placeholders(reference), `placeholders of ${key}`);
        else for (const name of placeholders(text)) assert.ok(placeholders(reference).includes(name), `${key} (${category}) has an unknown {${name}}`);
        // A message the same as English's is a forgotten translation, unless it is only placeholders and signs.
        if (text === reference && !['tax.gst', ...(sameAsEnglish[language] ?? [])].includes(key)) {
          assert.doesNotMatch(text.replace(/\{\w+\}/g, ''), /\p{L}/u, `${key} is still in English`);
        }
      }
    }
  });
}

test('every catalog names VAT and the VAT number in its own words', () => {
  const vat: Record<string, RegExp> = {
    'fr': /TVA/,
    'de': /MwSt\.|USt/,
    'es': /IVA/,
    'it': /IVA/,
    'pt-BR': /IVA|imposto/,
    'nl': /btw/i,
    'ja': /付加価値税|消費税/,
    'ar': /ضريبة القيمة المضافة/,
  };
  for (const [language, catalog] of Object.entries(catalogs)) {
    for (const key of ['tax.vat', 'summary.reverseCharge', 'field.taxId', 'invalid.taxId'] as const) {
      assert.match(forms(catalog[key])[0]![1], vat[language]!, `${language} ${key}`);
    }
    for (const key of ['tax.sales_tax', 'summary.taxFromAddress', 'summary.taxWaiting', 'summary.taxFailed'] as const) {
      assert.notEqual(catalog[key], en[key], `${language} ${key}`);
    }
  }
  assert.equal(de['tax.vat'], 'MwSt.');
  assert.equal(ja['tax.gst'], '消費税');
});

test('a success paid by the earlier payment says nothing else was charged in each language’s own turn of phrase, never word for word', () => {
  // “Nothing more” read literally: French “rien de plus” and Dutch “niets meer” (which reads as
  // “nothing any more”) are not how either says that no further amount was taken.
  assert.equal(fr['success.earlier'], 'Votre paiement précédent a bien été effectué\u00a0: rien d’autre n’a été débité.');
  assert.equal(nl['success.earlier'], 'Je eerdere betaling is gelukt, dus er is verder niets afgeschreven.');
});

test('a plural message takes the form of its number’s category in the locale’s language', async () => {
  await Promise.all(['de', 'fr', 'ar', 'pt'].map((language) => loadCatalog(language)));
  assert.equal(translate('en', 'price.trial', { days: 1 }), '1-day free trial');
  assert.equal(translate('de', 'price.trial', { days: 1 }), '1 Tag kostenlos testen');
  assert.equal(translate('de-AT', 'price.trial', { days: 14 }), '14 Tage kostenlos testen');
  assert.equal(translate('fr', 'price.trial', { days: 0 }), 'Essai gratuit de 0 jour', 'French counts 0 as one');
  assert.equal(translate('pt-BR', 'price.included', { count: 1 }), '1 incluído');
  assert.equal(translate('pt-BR', 'price.included', { count: 5 }), '5 incluídos');
  assert.equal(translate('ar', 'price.trial', { days: 1 }), 'تجربة مجانية ليوم واحد');
  assert.equal(translate('ar', 'price.trial', { days: 2 }), 'تجربة مجانية ليومين');
  assert.equal(translate('ar', 'price.trial', { days: 7 }), 'تجربة مجانية لمدة 7 أيام');
  assert.equal(translate('ar', 'price.trial', { days: 14 }), 'تجربة مجانية لمدة 14 يومًا');
  assert.equal(translate('ar', 'price.trial', { days: 100 }), 'تجربة مجانية لمدة 100 يوم');
  assert.equal(translate('ar', 'invalid.tooLong', { max: 200 }), 'استخدم 200 حرف على الأكثر.');
  assert.equal(translate('de', 'price.trial'), '{days} Tage kostenlos testen', 'without a number: the other form');
});

test('Brazilian Portuguese is chosen by its full tag, and plain Portuguese reads it too', async () => {
  await loadCatalog('pt');
  for (const locale of ['pt-BR', 'pt-br', 'pt_BR', 'pt', 'pt-PT']) assert.equal(catalogFor(locale), ptBR, locale);
  assert.equal(translate('pt-BR', 'back'), 'Voltar');
});

test('right-to-left languages are told apart', () => {
  assert.equal(textDirection('ar-EG'), 'rtl');
  assert.equal(textDirection('ar'), 'rtl');
  assert.equal(textDirection('he'), 'rtl');
  for (const language of ['fr', 'de', 'ja', 'pt-BR']) assert.equal(textDirection(language), 'ltr');
});

test('translate fills placeholders and picks the catalog by language', async () => {
  await loadCatalog('fr');
  assert.equal(translate('en', 'pay.amount', { amount: '$49.00' }), 'Pay $49.00');
  assert.equal(translate('fr-CA', 'pay.amount', { amount: '49,00 $' }), 'Payer 49,00 $');
  assert.equal(translate('xx', 'back'), 'Back');
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
  assert.equal(resolveLocale(null, 'pt-br', undefined), 'pt-BR');
  assert.equal(resolveLocale('not a locale!', null, undefined), 'en');
});

test('a locale that is a path, a URL or a prototype key names no catalog: English, and no chunk is fetched for it', async () => {
  for (const written of ['../../evil', 'fr/../../x', 'https://evil.example/x.js', 'javascript:alert(1)', './i18n/fr.ts', 'fr?x=1', 'fr#x', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'x-private', 'ar\u0000', 'fr-CA-x-../../evil', 'x'.repeat(10_000)]) {
    const locale = resolveLocale(written, written, written);
    assert.ok(locale === 'en' || /^[a-z]{2,8}$/.test(locale), `${JSON.stringify(written)} → ${locale}`);
    assert.equal(isCatalogReady(locale), true, written);
    assert.equal(catalogFor(locale), en, written);
    await loadCatalog(locale);
    assert.equal(translate(locale, 'loading'), en.loading, written);
  }
});

test('a field’s label inside a sentence: lower case first, but German keeps its nouns’ capitals', () => {
  assert.equal(labelInSentence('en', 'Full name'), 'full name');
  assert.equal(labelInSentence('fr-CA', 'Nom complet'), 'nom complet');
  assert.equal(labelInSentence('de-AT', 'E-Mail'), 'E-Mail');
  assert.equal(labelInSentence('ja', 'メールアドレス'), 'メールアドレス');
  // An acronym keeps its capitals: Italian's postal code "CAP", Brazil's "CEP" ("Inserisci: cAP." before).
  assert.equal(labelInSentence('it', it['field.postalCode'] as string), 'CAP');
  assert.equal(labelInSentence('pt-BR', ptBR['field.postalCode'] as string), 'CEP');
  assert.equal(labelInSentence('fr', 'E-mail'), 'e-mail');
});

test('a catalog shipped as its messages is read back by the sorted English keys; one from another build is refused', () => {
  const keys = Object.keys(en).sort() as MessageKey[];
  const shipped = keys.map((key) => de[key]);
  assert.deepEqual(unpackCatalog(shipped), { ...de });
  assert.equal(unpackCatalog(de), de, 'an unbundled catalog is used as it is');
  assert.throws(() => unpackCatalog(shipped.slice(1)), /another build/);
});

test('each catalog other than English is a module of one export: loadCatalog reads a chunk by its only export', async () => {
  for (const name of Object.keys(catalogs)) {
    const module: Record<string, unknown> = await import(`../../../src/i18n/${name}.ts`);
    assert.deepEqual(Object.keys(module).length, 1, `src/i18n/${name}.ts exports ${Object.keys(module).join(', ')}`);
  }
});

test('a number in a message is written as the locale writes it, like the amounts beside it: Arabic digits where the region uses them, grouped thousands', async () => {
  await Promise.all(['ar', 'de'].map((language) => loadCatalog(language)));
  // Saudi Arabia and Egypt write ١٤, as Intl writes their amounts and dates (٤٩٫٠٠ US$): a
  // Latin 14 beside them reads as another script.
  const digits = new Intl.NumberFormat('ar-SA').format(14);
  assert.equal(translate('ar-SA', 'price.trial', { days: 14 }), `تجربة مجانية لمدة ${digits} يومًا`);
  assert.equal(translate('ar-SA', 'quantity.bounds', { min: 1, max: 50 }), `من ${new Intl.NumberFormat('ar-SA').format(1)} إلى ${new Intl.NumberFormat('ar-SA').format(50)}`);
  assert.equal(translate('de', 'price.included', { count: 1000 }), '1.000 inklusive');
  assert.equal(translate('en', 'price.included', { count: 1000 }), '1,000 included');
  assert.equal(translate('en', 'price.trial', { days: 14 }), '14-day free trial');
});

test('in a right-to-left language a text put into a message is isolated, so that a Latin name or email keeps its order and its punctuation', async () => {
  await loadCatalog('ar');
  // "1234@mail.com" after Arabic: without isolation its digits take the Arabic side and the
  // address is shown as "mail.com@1234"; a plan named "Team (5)" has its last parenthesis moved.
  assert.equal(translate('ar', 'success.body', { email: '1234@mail.com' }), 'تم الدفع بنجاح. سيصلك إيصال على \u20681234@mail.com\u2069.');
  assert.equal(translate('ar', 'summary.charge', { plan: 'Team (5)' }), '\u2068Team (5)\u2069 لبقية الفترة');
  // Left-to-right languages, and a right-to-left one shown in English, are left as they are.
  assert.equal(translate('en', 'success.body', { email: 'a@b.co' }), 'Your payment was successful. A receipt is on its way to a@b.co.');
  assert.equal(translate('he', 'pay.amount', { amount: '₪49.00' }), 'Pay ₪49.00');
});

test('a text put into a message loses its own embeddings, overrides and isolates: one left open, or a stray PDI before an override, cannot turn the rest of the sentence around', async () => {
  // U+202E (right-to-left override) with no U+202C after it would show the rest of the sentence
  // backwards: "Pro doirep eht fo tser eht rof"; a stray U+2069 would close an isolate around it early.
  assert.equal(translate('en', 'summary.charge', { plan: 'Pro\u202e' }), 'Pro for the rest of the period');
  assert.equal(translate('en', 'summary.charge', { plan: 'x\u2069\u202eabc' }), 'xabc for the rest of the period');
  assert.equal(translate('en', 'customer.signedIn', { who: 'ada\u2067@example.com\u202a\u202b\u202c\u202d\u2066\u2068' }), 'Signed in as ada@example.com');
  await loadCatalog('ar');
  assert.equal(translate('ar', 'summary.charge', { plan: 'Team\u2069\u202e (5)' }), '\u2068Team (5)\u2069 لبقية الفترة');
});

test('in a left-to-right language a text with right-to-left letters or direction marks in it is isolated; other scripts are left as they are', () => {
  assert.equal(translate('en', 'summary.charge', { plan: 'מקצועי' }), '\u2068מקצועי\u2069 for the rest of the period');
  assert.equal(translate('en', 'summary.charge', { plan: 'Pro\u200f' }), '\u2068Pro\u200f\u2069 for the rest of the period');
  // Adlam, beyond the first plane, runs right to left too.
  assert.equal(translate('en', 'summary.charge', { plan: '\u{1e900}\u{1e901}' }), '\u2068\u{1e900}\u{1e901}\u2069 for the rest of the period');
  // Latin names, accents, emoji with a variation selector, and scripts that run left to right.
  for (const plan of ['Pro', 'Équipe (5)', 'チーム', 'Ζήτα', 'Café ☕\ufe0f']) assert.equal(translate('en', 'summary.charge', { plan }), `${plan} for the rest of the period`);
});
