// Counting orders on the test sandbox. Test files run side by side against one sandbox, so a test
// counts the orders that are its own (its checkout's, its customer's), never the sandbox's total,
// which another file's purchase moves at the same time.
import { sandboxRequest } from './sandbox.ts';

interface ListedOrder {
  id: string;
  customerId: string;
  checkoutId: string | null;
}

/** Every order the sandbox holds, page by page. */
async function allOrders(): Promise<ListedOrder[]> {
  const orders: ListedOrder[] = [];
  for (let offset = 0; ; offset += 100) {
    const body = (await sandboxRequest('GET', `/api/v2/orders?limit=100&offset=${offset}`))!.body as { data: ListedOrder[]; pagination: { total: number } };
    orders.push(...body.data);
    if (offset + 100 >= body.pagination.total) return orders;
  }
}

/** How many orders a checkout made. */
export async function ordersFrom(checkoutId: string): Promise<number> {
  return (await allOrders()).filter((order) => order.checkoutId === checkoutId).length;
}

/** The ids of a customer's orders. */
export async function orderIdsOf(customerId: string): Promise<string[]> {
  return (await allOrders()).filter((order) => order.customerId === customerId).map((order) => order.id);
}

/** How many orders a customer has. */
export async function ordersOf(customerId: string): Promise<number> {
  return (await orderIdsOf(customerId)).length;
}
