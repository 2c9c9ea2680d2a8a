// The merchant's in-memory record: which webhook deliveries it has taken (each event id once) and
// which checkouts it has provisioned, from the verified return or the webhook, whichever came first.

export type FulfilmentSource = 'return' | 'webhook';

export interface Provisioned {
  checkoutId: string;
  orderId: string | null;
  externalCustomerId: string | null;
  /** What provisioned it first; the other channel, arriving later, only confirms it. */
  source: FulfilmentSource;
  at: Date;
}

export interface TakenDelivery {
  eventId: string;
  type: string;
  checkoutId: string | null;
  receivedAt: Date;
}

/** Dispatches `change` after every recorded delivery or provisioning, for pages and tests that wait on it. */
export class Fulfilments extends EventTarget {
  readonly #deliveries = new Map<string, TakenDelivery>();
  readonly #provisioned = new Map<string, Provisioned>();

  /** Records a verified delivery; false when its event id was already taken (a retry or a replay). */
  takeDelivery(delivery: TakenDelivery): boolean {
    if (this.#deliveries.has(delivery.eventId)) return false;
    this.#deliveries.set(delivery.eventId, delivery);
    this.dispatchEvent(new Event('change'));
    return true;
  }

  /** Provisions a checkout's order once; later calls for the same checkout return the first record. */
  provision(order: Omit<Provisioned, 'at'>): Provisioned {
    const existing = this.#provisioned.get(order.checkoutId);
    if (existing) return existing;
    const record = { ...order, at: new Date() };
    this.#provisioned.set(order.checkoutId, record);
    this.dispatchEvent(new Event('change'));
    return record;
  }

  provisioned(checkoutId: string): Provisioned | undefined {
    return this.#provisioned.get(checkoutId);
  }

  /** Whether a `billing-checkout-completed` delivery for this checkout has been taken. */
  completedWebhookReceived(checkoutId: string): boolean {
    return this.deliveries().some((delivery) => delivery.type === 'billing-checkout-completed' && delivery.checkoutId === checkoutId);
  }

  deliveries(): TakenDelivery[] {
    return [...this.#deliveries.values()];
  }
}
