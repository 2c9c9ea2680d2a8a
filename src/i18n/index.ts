// Message catalogs and the one lookup every view uses: `translate(locale, key, params)`.
import { en, type Catalog, type MessageKey } from './en.ts';
import { fr } from './fr.ts';

export type { MessageKey } from './en.ts';

const catalogs: Record<string, Catalog> = { en, fr };

/** The catalog for a BCP 47 tag by its language (`fr-CA` → fr), English when there is none. */
export function catalogFor(locale: string): Catalog {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return catalogs[language] ?? en;
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
