// Reads a paged SDK list to its end, checking on every page that `limit`, `offset`, `total` and
// `hasMore` say what the page holds.
import assert from 'node:assert/strict';
import type { Paid } from '@paid-ai/paid-node';

export interface Page<T> {
  data: T[];
  pagination: Paid.Pagination;
}

/** Reads every page `limit` at a time; gives back every item, each once. */
export async function walkPages<T extends { id: string }>(label: string, limit: number, readPage: (offset: number) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let total: number | undefined;
  for (let offset = 0; ; offset += limit) {
    const { data, pagination } = await readPage(offset);
    total ??= pagination.total;
    assert.equal(pagination.limit, limit, `${label}: pagination.limit at offset ${offset}`);
    assert.equal(pagination.offset, offset, `${label}: pagination.offset`);
    assert.ok(data.length <= limit, `${label}: ${data.length} items for limit ${limit}`);
    assert.equal(pagination.total, total, `${label}: pagination.total changed between pages`);
    assert.equal(pagination.hasMore, offset + data.length < total, `${label}: hasMore at offset ${offset} with ${data.length} of ${total}`);
    items.push(...data);
    if (!pagination.hasMore || data.length === 0 || offset >= total) break;
  }
  assert.equal(items.length, total, `${label}: the pages hold ${items.length} items; pagination.total says ${total}`);
  assert.equal(new Set(items.map((item) => item.id)).size, items.length, `${label}: an item appears on two pages`);
  return items;
}

export const idsOf = (items: ReadonlyArray<{ id: string }>) => items.map((item) => item.id);
