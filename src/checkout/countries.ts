// Countries for the address form: ISO codes, their names in the customer's language, a default.

// ISO 3166-1 alpha-2 codes; their names come from Intl.DisplayNames in the customer's language.
// The 249 codes as a bitmap over the 676 two-letter pairs AA…ZZ (bit i is the pair
// 'A'+⌊i/26⌋, 'A'+i%26; byte i>>3, bit i&7), in base64: 116 characters where the list written
// out was 746, and 0.4 kB gzip fewer in the checkout chunk (pairs of letters hardly compress).
// test/node/checkout/countries.test.ts holds the list written out.
const COUNTRY_BITMAP = atob('eFnf7u+93d4nP4QVgNQADgBcCbCf+xUAjQYYeA9AQAMAHSv0QYFP/fz/1yVLCAABQDyPUwEAAEAAUfH95zq7n5pBEARXhUAAAkAAAAAAEAAIBEAAAQ==');

/** The ISO 3166-1 alpha-2 codes, in alphabetical order. */
export const COUNTRY_CODES: readonly string[] = Array.from({ length: 676 }, (_, i) =>
  (COUNTRY_BITMAP.charCodeAt(i >> 3) >> (i & 7)) & 1 ? String.fromCharCode(65 + i / 26, 65 + (i % 26)) : '',
).filter(Boolean);

const countryLists = new Map<string, Array<{ code: string; name: string }>>();

/** Countries sorted by their name in `locale`, computed once per locale. */
export function countries(locale: string): Array<{ code: string; name: string }> {
  let list = countryLists.get(locale);
  if (!list) {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
    const collator = new Intl.Collator(locale);
    list = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
    countryLists.set(locale, list);
  }
  return list;
}

/** The country the customer's locale names (`en-GB` → GB), to preselect; empty when it names none. */
export function defaultCountry(locale: string): string {
  try {
    const region = new Intl.Locale(locale).region;
    return region && COUNTRY_CODES.includes(region) ? region : '';
  } catch {
    return '';
  }
}

