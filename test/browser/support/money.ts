// The money facts of one checkout, read from the sandbox's private API as a merchant would: its
// orders, its invoices (one per payment taken) and its refunds.
import { sandboxRequest, type OwnSandbox } from './sandbox.ts';

interface Page<T> {
  data: T[];
  pagination: { hasMore: boolean };
}

async function listAll<T extends { checkoutId?: string | null; id: string }>(path: string, checkoutId: string): Promise<T[]> {
  const found: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await sandboxRequest<Page<T>>('GET', `${path}?limit=100&offset=${offset}`))!.body;
    found.push(...page.data.filter((item) => item.checkoutId === checkoutId));
    if (!page.pagination.hasMore) return found;
  }
}

export interface MoneyFacts {
  status: string;
  orderId: string | null;
  orders: Array<{ id: string; checkoutId?: string | null }>;
  /** One per payment the processor took for this checkout. */
  invoices: Array<{ id: string; checkoutId?: string | null; amountPaid?: number }>;
  refunds: unknown[];
}

export async function moneyFacts(checkoutId: string): Promise<MoneyFacts> {
  const checkout = (await sandboxRequest<{ status: string; orderId: string | null; refunds: unknown[] }>('GET', `/api/v2/checkouts/${checkoutId}`))!.body;
  return {
    status: checkout.status,
    orderId: checkout.orderId,
    orders: await listAll('/api/v2/orders', checkoutId),
    invoices: await listAll('/api/v2/invoices', checkoutId),
    refunds: checkout.refunds,
  };
}

/** A sandbox of the test's own: the orders of checkout `id` (the first 100 of that sandbox) and its refunds' reasons. */
export async function moneyOf(own: OwnSandbox, id: string): Promise<{ orders: string[]; refunds: string[] }> {
  const orders = await own.request<{ data: Array<{ id: string; checkoutId?: string | null }> }>('GET', '/api/v2/orders?limit=100');
  const read = await own.request<{ refunds: Array<{ reason: string }> }>('GET', `/api/v2/checkouts/${id}`);
  return {
    orders: orders!.body.data.filter((order) => order.checkoutId === id).map((order) => order.id),
    refunds: read!.body.refunds.map((refund) => refund.reason),
  };
}
