// Dates on the wire: ISO 8601 text in UTC, null where there is none.

export const iso = (date: Date): string => date.toISOString();
export const isoOrNull = (date: Date | null): string | null => date?.toISOString() ?? null;
