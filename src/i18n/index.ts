// Message catalogs and the one lookup every view uses: `translate(locale, key, params)`.
import { lazyChunk } from '../chunks.ts';
import { en, type Catalog, type Message, type MessageKey, type PluralMessage } from './en.ts';

export type { Catalog, MessageKey, PluralMessage } from './en.ts';

/**
 * A catalog as its chunk ships it: its messages alone, in the order of the sorted English keys
 * (vite.config.ts's packCatalogs: the keys would be a quarter of each chunk; `unpackCatalog` puts
 * them back); unbundled, in the
 * sources and tests, the catalog itself.
 */
export type ShippedCatalog = Catalog | readonly Message[];

// English is built in; every other catalog is its own chunk (its one export, the catalog), loaded
// when its language is first used (and again, under a fresh URL, after a failed fetch: src/chunks.ts).
const catalogImports: Record<string, () => Promise<Record<string, ShippedCatalog>>> = {
  'fr': () => import('./fr.ts'),
  'de': () => import('./de.ts'),
  'es': () => import('./es.ts'),
  'it': () => import('./it.ts'),
  'pt-BR': () => import('./pt-BR.ts'),
  'nl': () => import('./nl.ts'),
  'ja': () => import('./ja.ts'),
  'ar': () => import('./ar.ts'),
};

// Languages whose catalog goes by another name: Portuguese (pt-BR, plain pt, and pt-PT too until it
// has its own) reads Brazilian Portuguese rather than English.
const catalogOfLanguage = new Map([['pt', 'pt-BR']]);

const catalogs: Record<string, Catalog> = { en };
const loadingCatalogs = new Map<string, Promise<void>>();
/** Each catalog's chunk loader, made on its first load (it counts that chunk's failures for its retry URL). */
const catalogChunks = new Map<string, () => Promise<Record<string, ShippedCatalog>>>();

function languageOf(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
}

/** The name of the catalog that speaks a locale: its language's (`fr-CA` → fr, `pt-PT` → pt-BR). */
function catalogName(locale: string): string {
  const language = languageOf(locale);
  return catalogOfLanguage.get(language) ?? language;
}

/** The catalog for a BCP 47 tag, by its language (`fr-CA` → fr, `pt` → pt-BR), English when there is none or it is not loaded yet. */
export function catalogFor(locale: string): Catalog {
  return catalogs[catalogName(locale)] ?? en;
}

/** Whether `translate` already speaks this locale's language (or the language has no catalog and English stands in). */
export function isCatalogReady(locale: string): boolean {
  const name = catalogName(locale);
  return Object.hasOwn(catalogs, name) || !Object.hasOwn(catalogImports, name);
}

/**
 * Loads the catalog of a locale's language once; resolves when `translate` speaks it. A catalog
 * that fails to load (offline, a blocked chunk) leaves English, and a later call tries again.
 */
export function loadCatalog(locale: string): Promise<void> {
  if (isCatalogReady(locale)) return Promise.resolve();
  const name = catalogName(locale);
  let loading = loadingCatalogs.get(name);
  if (!loading) {
    let loadChunk = catalogChunks.get(name);
    if (!loadChunk) catalogChunks.set(name, (loadChunk = lazyChunk(`i18n/${name}.ts`, catalogImports[name]!)));
    loading = loadChunk()
      .then((module) => unpackCatalog(Object.values(module)[0]!))
      .then(
        (catalog) => {
          catalogs[name] = catalog;
        },
        () => {
          loadingCatalogs.delete(name);
        },
      );
    loadingCatalogs.set(name, loading);
  }
  return loading;
}

let sortedKeys: MessageKey[] | undefined;

/** A catalog as its chunk ships it (a list of messages, or the catalog itself) read back into a catalog. */
export function unpackCatalog(shipped: ShippedCatalog): Catalog {
  if (!Array.isArray(shipped)) return shipped as Catalog;
  sortedKeys ??= (Object.keys(en) as MessageKey[]).sort();
  // A chunk from another build (a stale cache) cannot be read by this one's keys: English stays.
  if (shipped.length !== sortedKeys.length) throw new Error('paid-checkout: a catalog from another build');
  return Object.fromEntries(sortedKeys.map((key, index) => [key, shipped[index]])) as Catalog;
}

// Languages that write every noun with a capital, so a field's label keeps its own inside a sentence.
const capitalisedNouns = /^(de|lb)$/;

/**
 * A field's label as it reads inside a sentence ("Enter your {field}."): its first letter in lower
 * case ("full name"), except in languages that capitalise nouns ("Vollständiger Name", "E-Mail")
 * and in an acronym (Italian's CAP, Brazil's CEP: not "cAP").
 */
export function labelInSentence(locale: string, label: string): string {
  return capitalisedNouns.test(languageOf(locale)) || /^\p{Lu}{2}/u.test(label) ? label : label.charAt(0).toLocaleLowerCase(locale) + label.slice(1);
}

/**
 * The language the words are in, for the element's `lang` and `dir`: the locale's, or English where
 * it stands in (a language without a catalog, or whose catalog could not be fetched).
 */
export function wordsLocale(locale: string): string {
  return catalogFor(locale) === en ? 'en' : locale;
}

const rightToLeftLanguages = /^(ar|he|fa|ur)$/;

/** The writing direction of a locale's language. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  return rightToLeftLanguages.test(languageOf(locale)) ? 'rtl' : 'ltr';
}

/**
 * A message with `{name}` placeholders filled from `params`; unknown placeholders stay as written.
 * A number is written as the locale writes it (`ar-SA`'s ١٤, like its amounts; `de`'s 1.000); in a
 * right-to-left language a text is isolated (FSI…PDI), so that a Latin name or an email address
 * keeps its own order and does not pull the punctuation around it out of place; in a left-to-right
 * one, a text with right-to-left letters or direction marks in it. A text's own embeddings,
 * overrides and isolates are dropped.
 */
export function translate(locale: string, key: MessageKey, params?: Record<string, string | number>): string {
  const entry = catalogFor(locale)[key];
  const message = typeof entry === 'string' ? entry : pluralForm(locale, entry, params);
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (!Object.hasOwn(params, name)) return placeholder;
    const value = params[name]!;
    if (typeof value === 'number') return numberFormat(locale).format(value);
    // Its own embeddings, overrides and isolates dropped: a stray PDI in it would close the isolate
    // around it early, and an override after that would turn the rest of the sentence around.
    const text = value.replace(bidiControls, '');
    return textDirection(wordsLocale(locale)) === 'rtl' || rightToLeft.test(text) ? `\u2068${text}\u2069` : text;
  });
}

const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g;

// Right-to-left letters (Hebrew to Arabic's extended blocks, their presentation forms, and the
// right-to-left scripts beyond the first plane) and the marks that set a direction: a text with
// them is isolated in a left-to-right sentence too, so that it keeps its own order and does not
// pull the words around it out of place.
const rightToLeft = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200e\u200f\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The form of a plural message for the first numeric parameter (`other` when there is none). */
function pluralForm(locale: string, forms: PluralMessage, params: Record<string, string | number> | undefined): string {
  const count = Object.values(params ?? {}).find((value) => typeof value === 'number');
  if (count === undefined) return forms.other;
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return forms[rules.select(count)] ?? forms.other;
}

/**
 * The locale to format with: the element's `locale` if it is a valid tag, else the page's
 * `<html lang>`, else the browser's language, else English.
 */
export function resolveLocale(requested: string | null | undefined, pageLang: string | null | undefined, browser: string | undefined): string {
  // Asked on every render and by every message: remember the answer for the same three inputs.
  const key = `${requested}\n${pageLang}\n${browser}`;
  let resolved = resolvedLocales.get(key);
  if (resolved === undefined) {
    resolved = canonicalLocale([requested, pageLang, browser]);
    resolvedLocales.set(key, resolved);
  }
  return resolved;
}

const resolvedLocales = new Map<string, string>();

function canonicalLocale(candidates: ReadonlyArray<string | null | undefined>): string {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate);
      if (canonical) return canonical;
    } catch {
      // not a valid BCP 47 tag: try the next source
    }
  }
  return 'en';
}
