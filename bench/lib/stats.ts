// Medians and percentiles of repeated measurements, and the number formats the table uses.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
export const ratio = (value: number): string => value.toFixed(2);

export const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
