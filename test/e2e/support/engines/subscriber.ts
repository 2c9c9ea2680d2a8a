// A customer who already pays for a plan, made over the APIs as a merchant's earlier sale would
// be (a checkout completed with the stand-in's succeeding token), and an upgrade checkout for them.
import { randomBytes } from 'node:crypto';
import type { StartedSandbox } from '../../../../sandbox/app.ts';
import { privateCall, type Session } from '../sandbox.ts';

export interface Subscriber {
  customerId: string;
  orderId: string;
}

export interface OrderRead {
  id: string;
  totalBilledAmount: number;
  lines: Array<{ productId: string; planId: string | null; quantity: number }>;
}

/** A new customer with an active order for prod_analytics on `planId`, bought a moment ago. */
export async function subscribe(sandbox: StartedSandbox, planId: string): Promise<Subscriber> {
  const customer = await privateCall<{ id: string }>(sandbox, 'POST', '/api/v2/customers', {
    name: 'Grace Hopper',
    email: `grace+${randomBytes(4).toString('hex')}@example.com`,
  });
  const first = await privateCall<Session>(sandbox, 'POST', '/api/v2/checkouts', {
    products: [{ id: 'prod_analytics' }],
    customerId: customer.id,
    successUrl: 'https://shop.example/thanks',
  });
  const response = await fetch(`${sandbox.url}/api/public/checkout/${first.id}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      confirmation_token: `ctoken_test_succeeds_${randomBytes(12).toString('hex')}`,
      return_url: 'https://shop.example/thanks',
      selections: [{ product_id: 'prod_analytics', plan_id: planId, quantity: 1 }],
    }),
  });
  const answer = (await response.json()) as { data?: { order_id?: string } };
  if (!response.ok || !answer.data?.order_id) throw new Error(`the first purchase failed: ${response.status} ${JSON.stringify(answer)}`);
  return { customerId: customer.id, orderId: answer.data.order_id };
}

/** The checkout a merchant's server makes for a subscriber: the product they already have. */
export function createUpgradeSession(sandbox: StartedSandbox, subscriber: Subscriber, successUrl: string): Promise<Session> {
  return privateCall<Session>(sandbox, 'POST', '/api/v2/checkouts', {
    products: [{ id: 'prod_analytics' }],
    customerId: subscriber.customerId,
    successUrl,
    collectAddress: false,
  });
}

export function readOrder(sandbox: StartedSandbox, id: string): Promise<OrderRead> {
  return privateCall<OrderRead>(sandbox, 'GET', `/api/v2/orders/${id}`);
}
