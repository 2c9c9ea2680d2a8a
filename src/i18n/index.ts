// Message catalogs and the one lookup every view uses: `translate(locale, key, params)`.
import { en, type Catalog, type MessageKey } from './en.ts';

export type { MessageKey } from './en.ts';

// English is built in; every other catalog is loaded when its language is first used.
const catalogLoaders: Record<string, () => Promise<Catalog>> = {
  fr: () => import('./fr.ts').then((module) => module.fr),
};

const catalogs: Record<string, Catalog> = { en };
const loadingCatalogs = new Map<string, Promise<void>>();

function languageOf(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
}

/** The catalog for a BCP 47 tag by its language (`fr-CA` → fr), English when there is none or it is not loaded yet. */
export function catalogFor(locale: string): Catalog {
  return catalogs[languageOf(locale)] ?? en;
}

/** Whether `translate` already speaks this locale's language (or the language has no catalog and English stands in). */
export function isCatalogReady(locale: string): boolean {
  const language = languageOf(locale);
  return Object.hasOwn(catalogs, language) || !Object.hasOwn(catalogLoaders, language);
}

/**
 * Loads the catalog of a locale's language once; resolves when `translate` speaks it. A catalog
 * that fails to load (offline, a blocked chunk) leaves English, and a later call tries again.
 */
export function loadCatalog(locale: string): Promise<void> {
  const language = languageOf(locale);
  if (isCatalogReady(locale)) return Promise.resolve();
  let loading = loadingCatalogs.get(language);
  if (!loading) {
    loading = catalogLoaders[language]!().then(
      (catalog) => {
        catalogs[language] = catalog;
      },
      () => {
        loadingCatalogs.delete(language);
      },
    );
    loadingCatalogs.set(language, loading);
  }
  return loading;
}

const rightToLeftLanguages = new Set(['ar', 'he', 'fa', 'ur']);

/** The writing direction of a locale's language. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  return rightToLeftLanguages.has(languageOf(locale)) ? 'rtl' : 'ltr';
}

/** A message with `{name}` placeholders filled from `params`; unknown placeholders stay as written. */
export function translate(locale: string, key: MessageKey, params?: Record<string, string | number>): string {
  const message = catalogFor(locale)[key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
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
