// Tax on priced lines, pure: one rate's tax on a line in integer minor units (rounded per line,
// half away from zero, as Stripe Tax rounds each line item, to the currency's charge step), an
// order's tax quote, and the format of VAT numbers. Both the sandbox and the element price tax
// with this code.

export type TaxName = 'vat' | 'gst' | 'sales_tax';

/** A tax rate as it applies to one line. */
export interface TaxRate {
  name: TaxName;
  /** ISO 3166-1 alpha-2 country (`GB`), or ISO 3166-2 country-subdivision (`US-CA`). */
  jurisdiction: string;
  /** Hundredths of a percent: 2000 is 20%, 725 is 7.25%. */
  basisPoints: number;
  /** True when the line's price already contains the tax (a gross price). */
  inclusive: boolean;
}

const BASIS = 10_000;

/** An amount or rate this module cannot tax exactly: a programming error, never the buyer's. */
export class TaxInputError extends RangeError {
  constructor(
    readonly code: 'tax_amount_invalid' | 'tax_rate_invalid',
    message: string,
  ) {
    super(message);
    this.name = 'TaxInputError';
  }
}

/** `numerator / denominator` as an integer, halves away from zero, exactly (safe integers, denominator > 0). */
export function divideRounded(numerator: number, denominator: number): number {
  const magnitude = Math.abs(numerator);
  // Exact below 2^53: a non-integer n/d is at least 1/d from the next integer, and rounding n/d
  // to a double moves it by less than 1/d, so the floor of the rounded quotient is the true floor.
  const quotient = Math.floor(magnitude / denominator);
  const remainder = magnitude - quotient * denominator;
  const rounded = 2 * remainder >= denominator ? quotient + 1 : quotient;
  return numerator < 0 && rounded !== 0 ? -rounded : rounded;
}

/** One line's amount split into what it costs before tax, the tax, and what it costs with it. */
export interface LineTax {
  net: number;
  tax: number;
  gross: number;
}

/**
 * The tax of one line priced at `amount` minor units (negative for a credit). Exclusive:
 * tax = round(amount × rate), gross = amount + tax. Inclusive: the amount is the gross,
 * net = round(amount / (1 + rate)), tax = amount − net. So net + tax = gross, always exactly.
 * Rounded to a multiple of `step`, the currency's `chargeStep` (10 for KWD: 4910 at 20% is 980,
 * not 982), so that an amount that is a multiple of it stays one with its tax.
 */
export function taxOfAmount(amount: number, rate: Pick<TaxRate, 'basisPoints' | 'inclusive'>, step = 1): LineTax {
  if (!Number.isSafeInteger(amount) || Math.abs(amount) * BASIS > Number.MAX_SAFE_INTEGER) {
    throw new TaxInputError('tax_amount_invalid', `${amount} is not an integer amount of minor units below 9 × 10^11`);
  }
  if (!Number.isInteger(rate.basisPoints) || rate.basisPoints < 0 || rate.basisPoints > BASIS) {
    throw new TaxInputError('tax_rate_invalid', `${rate.basisPoints} basis points is not a whole rate from 0 to 10000 (100%)`);
  }
  if (rate.inclusive) {
    const net = divideRounded(amount * BASIS, (BASIS + rate.basisPoints) * step) * step;
    return { net, tax: amount - net, gross: amount };
  }
  const tax = divideRounded(amount * rate.basisPoints, BASIS * step) * step;
  return { net: amount, tax, gross: amount + tax };
}

/**
 * Why a line is taxed as it is: at a rate; reverse charge (the business buyer accounts for the
 * tax, so none is charged); no tax collected where the buyer is; or no address to tax from.
 */
export type LineTaxability =
  | { kind: 'taxed'; rate: TaxRate }
  | { kind: 'reverse_charge' }
  | { kind: 'not_collected' }
  | { kind: 'no_address' };

/** A priced line to tax: its amount (gross when its rate is inclusive) and how it is taxed. */
export interface TaxableLine {
  amount: number;
  taxability: LineTaxability;
}

export type TaxedLine<L extends TaxableLine> = LineTax & { line: L };

/** The tax of all lines at one rate. */
export interface TaxLine extends TaxRate {
  amount: number;
}

export interface TaxQuote<L extends TaxableLine> {
  lines: Array<TaxedLine<L>>;
  /** Σ net: what the lines cost before tax. */
  subtotal: number;
  /** Σ tax, each line's rounded on its own. */
  tax: number;
  /** Σ gross = subtotal + tax. */
  total: number;
  /** The tax grouped by rate (name, jurisdiction, rate, inclusive), in the order the lines first name them. */
  taxLines: TaxLine[];
  /** True when any line is reverse charged. */
  reverseCharge: boolean;
}

/**
 * Taxes each line on its own (rounded per line, to `step`: the currency's `chargeStep`) and sums
 * them: the totals are the lines' sums.
 */
export function quoteTax<L extends TaxableLine>(lines: readonly L[], step = 1): TaxQuote<L> {
  const taxed = lines.map((line): TaxedLine<L> => {
    const { taxability } = line;
    const split = taxability.kind === 'taxed' ? taxOfAmount(line.amount, taxability.rate, step) : { net: line.amount, tax: 0, gross: line.amount };
    return { line, ...split };
  });
  const taxLines = new Map<string, TaxLine>();
  for (const { line, tax } of taxed) {
    if (line.taxability.kind !== 'taxed') continue;
    const { name, jurisdiction, basisPoints, inclusive } = line.taxability.rate;
    const key = `${name}|${jurisdiction}|${basisPoints}|${inclusive}`;
    const group = taxLines.get(key) ?? { name, jurisdiction, basisPoints, inclusive, amount: 0 };
    group.amount += tax;
    taxLines.set(key, group);
  }
  const sum = (pick: (line: TaxedLine<L>) => number) => taxed.reduce((total, line) => total + pick(line), 0);
  return {
    lines: taxed,
    subtotal: sum((line) => line.net),
    tax: sum((line) => line.tax),
    total: sum((line) => line.gross),
    taxLines: [...taxLines.values()],
    reverseCharge: lines.some((line) => line.taxability.kind === 'reverse_charge'),
  };
}

/**
 * VAT numbers by their prefix (Greece writes EL): a format check only, as the EU's VIES service
 * would not be asked here; it says a number is well formed, not that it exists.
 */
const vatNumberFormats: Readonly<Record<string, RegExp>> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  // The United Kingdom's, outside the EU: taken and kept, never a reverse charge here.
  GB: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

const countryOfPrefix: Readonly<Record<string, string>> = { EL: 'GR' };

/**
 * The EU's member states (ISO 3166-1 alpha-2), the countries whose VAT numbers can be reverse
 * charged. Marked pure: only the sandbox reads it, and the element's bundle then leaves it out.
 */
export const EU_COUNTRIES: ReadonlySet<string> = /* @__PURE__ */ (() =>
  new Set(
    Object.keys(vatNumberFormats)
      .filter((prefix) => prefix !== 'GB')
      .map((prefix) => countryOfPrefix[prefix] ?? prefix),
  ))();

/** The countries whose VAT numbers this module can check: where a buyer may give one. */
export const VAT_NUMBER_COUNTRIES: ReadonlySet<string> = new Set(Object.keys(vatNumberFormats).map((prefix) => countryOfPrefix[prefix] ?? prefix));

export interface VatNumber {
  /** The number as written canonically: prefix and digits, upper case, no spaces or punctuation. */
  value: string;
  /** The country it belongs to (ISO 3166-1 alpha-2: GR for an EL number). */
  country: string;
}

/** A well-formed VAT number (`de 123 456 789`, `NL-123.456.789.B01`), or null. */
export function parseVatNumber(text: string): VatNumber | null {
  const value = text.replace(/[\s.\-]/g, '').toUpperCase();
  const prefix = value.slice(0, 2);
  const format = vatNumberFormats[prefix];
  if (!format || !format.test(value.slice(2))) return null;
  return { value, country: countryOfPrefix[prefix] ?? prefix };
}

/**
 * The EU's reverse charge between businesses: a buyer in another member state than the seller's,
 * with a VAT number of that state, pays no VAT to the seller and accounts for it at home.
 */
export function isReverseCharge(sellerCountry: string, buyerCountry: string, vatNumber: VatNumber | null): boolean {
  return vatNumber !== null && EU_COUNTRIES.has(sellerCountry) && EU_COUNTRIES.has(buyerCountry) && buyerCountry !== sellerCountry && vatNumber.country === buyerCountry;
}
