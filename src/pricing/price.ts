// The amount of one price at a quantity, and the quantities a customer may pick.
import type { Price } from '../api/schemas.ts';

/** Whether the customer picks a quantity (seats, units) for this price. */
export function hasAdjustableQuantity(price: Price): boolean {
  return price.model === 'per_unit' || price.model === 'graduated' || price.model === 'volume';
}

export interface QuantityBounds {
  min: number;
  max: number;
}

/** The quantities allowed for a price; a price without a quantity picker is always 1. */
export function quantityBounds(price: Price): QuantityBounds {
  if (!hasAdjustableQuantity(price)) return { min: 1, max: 1 };
  const min = Math.max(1, price.minQuantity ?? 1);
  const max = Math.max(min, price.maxQuantity ?? 9_999);
  return { min, max };
}

export function clampQuantity(price: Price, quantity: number): number {
  const { min, max } = quantityBounds(price);
  if (!Number.isFinite(quantity)) return min;
  return Math.min(max, Math.max(min, Math.round(quantity)));
}

/**
 * The charge for one full billing period (or the one-off charge) at `quantity`.
 * Usage prices are billed in arrears and always return 0 here; see `usageRate`.
 */
export function periodAmount(price: Price, quantity: number): number {
  switch (price.model) {
    case 'flat':
    case 'one_time':
      return price.amount;
    case 'per_unit':
      return price.amount * quantity;
    case 'graduated':
      return graduatedAmount(price, quantity);
    case 'volume':
      return volumeAmount(price, quantity);
    case 'usage':
      return 0;
  }
}

function graduatedAmount(price: Price, quantity: number): number {
  let total = 0;
  let lowerBound = 0;
  for (const tier of price.tiers ?? []) {
    if (quantity <= lowerBound) break;
    const upper = tier.upTo ?? Number.POSITIVE_INFINITY;
    const unitsInTier = Math.min(quantity, upper) - lowerBound;
    total += unitsInTier * tier.unitAmount + tier.flatAmount;
    lowerBound = upper;
  }
  return total;
}

function volumeAmount(price: Price, quantity: number): number {
  const tiers = price.tiers ?? [];
  const tier = tiers.find((candidate) => candidate.upTo === null || quantity <= candidate.upTo);
  if (!tier) return 0;
  return quantity * tier.unitAmount + tier.flatAmount;
}

/** The price a customer picks in a currency, if the plan (or base price) has one. */
export function priceInCurrency(prices: readonly Price[], currency: string): Price | undefined {
  return prices.find((candidate) => candidate.currency === currency);
}
