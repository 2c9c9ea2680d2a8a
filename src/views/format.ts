// What every view needs to turn numbers, dates and prices into the customer's words.
import type { Price } from '../api/schemas.ts';
import { translate, type MessageKey } from '../i18n/index.ts';
import { formatMoney } from '../pricing/money.ts';

export interface Formatter {
  locale: string;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  money: (amount: number, currency: string) => string;
  date: (date: Date) => string;
  /** A price as one line: "$10.00 per seat / month", "$0.02 per call, billed in arrears". */
  price: (price: Price) => string;
  /** The tiers of a graduated or volume price, one line each: "1–100: $0.10"; empty otherwise. */
  tiers: (price: Price) => string[];
}

const formatters = new Map<string, Formatter>();

/** The formatter for a locale, built once and reused (its caches survive re-renders). */
export function formatterFor(locale: string): Formatter {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = createFormatter(locale);
    formatters.set(locale, formatter);
  }
  return formatter;
}

/**
 * Builds the locale's formatter and formats once, so that the browser's one-time cost of its
 * first Intl number and date formats (ICU data: tens of ms, 100+ on a slow phone) is paid while
 * the session is still on the network rather than after it arrives.
 */
export function warmFormatter(locale: string): void {
  const format = formatterFor(locale);
  format.money(0, 'usd');
  format.date(new Date(0));
}

/** One Intl object, created on first use: a loading skeleton needs none. */
function lazily<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= create());
}

function createFormatter(locale: string): Formatter {
  const t: Formatter['t'] = (key, params) => translate(locale, key, params);
  const dates = lazily(() => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }));
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const prices = new WeakMap<Price, string>();

  function describe(price: Price): string {
    const unit = price.unitLabel || t('unit.default');
    const amount = money(price.amount, price.currency);
    // What one period costs, for the recurring models: "$10.00", "$10.00 per seat", "From $0.10 per call".
    let perPeriod: string;
    switch (price.model) {
      case 'one_time':
        return t('price.oneTime', { amount });
      case 'usage':
        return t('price.usage', { amount, unit });
      case 'flat':
        perPeriod = amount;
        break;
      case 'per_unit':
        perPeriod = t('price.perUnit', { amount, unit });
        break;
      case 'graduated':
      case 'volume': {
        const lowest = Math.min(...(price.tiers ?? []).map((tier) => tier.unitAmount));
        perPeriod = t('price.from', { amount: Number.isFinite(lowest) ? money(lowest, price.currency) : amount, unit });
      }
    }
    return t('price.perInterval', { amount: perPeriod, interval: t(`interval.${price.interval}`) });
  }

  const counts = lazily(() => new Intl.NumberFormat(locale));
  function tiers(price: Price): string[] {
    if ((price.model !== 'graduated' && price.model !== 'volume') || !price.tiers) return [];
    let from = 1;
    return price.tiers.map((tier) => {
      const unit = money(tier.unitAmount, price.currency);
      const amount = tier.flatAmount > 0 ? t('price.tierFlat', { amount: unit, flat: money(tier.flatAmount, price.currency) }) : unit;
      const line =
        tier.upTo === null
          ? t('price.tierOpen', { from: counts().format(from), amount })
          : t('price.tierRange', { from: counts().format(from), to: counts().format(tier.upTo), amount });
      from = (tier.upTo ?? from) + 1;
      return line;
    });
  }

  return {
    locale,
    t,
    money,
    tiers,
    date: (date) => dates().format(date),
    price: (price) => {
      let text = prices.get(price);
      if (text === undefined) {
        text = describe(price);
        prices.set(price, text);
      }
      return text;
    },
  };
}
