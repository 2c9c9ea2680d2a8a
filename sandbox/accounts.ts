// What each account may do: the main account takes card payments through Stripe; the no_stripe
// account (its key is the main key + `_no_stripe`, sandbox/auth.ts) has no Stripe connection.
import type { PaymentsConfig } from '../src/api/schemas.ts';

export type AccountName = 'main' | 'no_stripe';

const stripePayments: PaymentsConfig = {
  provider: 'stripe',
  publishableKey: 'pk_test_paid_sandbox',
  accountId: 'acct_sandbox',
};

/** How `account` takes payments, or null when it cannot. */
export function paymentsOf(account: AccountName): PaymentsConfig | null {
  return account === 'main' ? stripePayments : null;
}
