// What the tests of a kept attempt share (stored-attempt.test.ts, attempt-store.test.ts): a clock,
// one order with its customer, attempts of it each with keys of its own, and a tab's storage.
import { newAttempt } from '../../../src/checkout/attempt.ts';

export const NOW = Date.UTC(2030, 0, 1);

export const request = {
  selections: [{ productId: 'prod_a', planId: 'plan_a', quantity: 2 }],
  currency: 'usd',
  customer: { name: 'Ada', email: 'ada@example.com', address: { line1: '1 Way', city: 'London', postalCode: 'N1', country: 'GB' }, taxId: null },
  confirmationToken: 'ctoken_test_succeeds_0123456789abcdef',
  returnUrl: 'https://shop.example/pay?x=1',
  amountDue: 4900,
};

let n = 0;
/** A new attempt of `request`: its keys are its own. */
export const attempt = () => newAttempt(request, () => `key-0000000${(n += 1)}`);

/** A tab's sessionStorage, in memory: what it holds is `items`. */
export class MemoryStorage {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
}
