// A new buyer from the payment form (the sandbox's choice, CONTRACT §2 "Pay"): a complete of a
// checkout that has no customer yet and names no `customer` (Paid's own client, paid-blocks, sends
// only its confirmation token) makes the customer from the billing details the token carries, as a
// Stripe-backed server reads them from the token (`payment_method_preview.billing_details`).
import { customerFieldFault, type CustomerField } from '../../src/checkout/customer-rules.ts';
import { formatMoney } from '../../src/pricing/money.ts';
import { validationError, type InvalidField } from '../http.ts';
import type { Store, TokenBillingDetails } from '../store.ts';
import { amountChanged, type CompleteInput, type PricedOrder } from './pricing.ts';

type Buyer = NonNullable<CompleteInput['customer']>;

/**
 * The buyer the confirmation token's billing details name, or null when the sandbox knows none for
 * it (a token the stand-in did not register here). What was typed is checked by the rules a typed
 * customer is (`customer-rules.ts`): a bad value is a 400 naming it, nothing charged. The name is the
 * billing name, else the email address (as Stripe shows a customer without a name); the email may
 * be absent (the Payment Element asks for none with a card): the customer then has none, and no
 * receipt. The billing address counts only when whole (an Address Element in billing mode): the
 * Payment Element's country and postal code alone do not make one.
 */
export function buyerOfToken(store: Store, confirmationToken: string): Buyer | null {
  const details = store.confirmationTokens.get(confirmationToken);
  if (!details) return null;
  const problems: InvalidField[] = [];
  const checked = (field: CustomerField, raw: string | null, path: string): string | null => {
    const value = raw?.trim() ?? '';
    if (value === '') return null;
    const fault = customerFieldFault(field, value);
    if (!fault) return value;
    problems.push({ field: path, message: `${fault === 'too_long' ? 'is too long' : 'is not valid'} in the payment form's billing details` });
    return null;
  };
  const email = checked('email', details.email, 'customer.email');
  const name = checked('name', details.name, 'customer.name') ?? email;
  const phone = checked('phone', details.phone, 'customer.phone');
  const address = wholeAddress(details.address, checked);
  if (problems.length > 0) throw validationError(problems);
  return { name, email, phone, address, taxId: null, from: 'confirmation_token' };
}

function wholeAddress(
  address: TokenBillingDetails['address'],
  checked: (field: CustomerField, raw: string | null, path: string) => string | null,
): Buyer['address'] {
  const line1 = checked('line1', address.line1, 'customer.address.line1');
  const line2 = checked('line2', address.line2, 'customer.address.line2');
  const city = checked('city', address.city, 'customer.address.city');
  const state = checked('state', address.state, 'customer.address.state');
  const postalCode = checked('postalCode', address.postal_code, 'customer.address.postal_code');
  const country = checked('country', address.country, 'customer.address.country');
  if (!line1 || !city || !postalCode || !country) return null;
  return { line1, line2, city, state, postalCode, country };
}

/**
 * Refuses (409 amount_changed, nothing charged) an order taxed from the payment form's billing
 * address when the client said no amount (`amount_due`): no read or quote it could have asked
 * before the buyer typed that address priced its tax, so the buyer was shown the price without it
 * (paid-blocks shows its session's `pricing.amount`), unless that tax leaves the amount due as
 * a read shows it (`amountDueToday`: a price that includes tax, a reverse charge). A client that
 * sends the amount it showed (a quote's, for that address) pays it.
 */
export function assertTaxShown(priced: PricedOrder, input: CompleteInput, now: Date): void {
  if (input.amountShown !== null || input.customer?.from !== 'confirmation_token' || !priced.basis.typed) return;
  // Tax inside a price that includes it (or none owed) leaves the amount shown the amount due.
  if (priced.summary.tax.amountDue === priced.summary.amountDueToday) return;
  const { tax, total } = priced.summary.tax.today;
  const amount = (value: number) => formatMoney(value, priced.currency, 'en');
  throw amountChanged(priced, `With the tax for the billing address entered (${amount(tax)}), the amount due is ${amount(total)}`, now);
}
