// What the public complete, finalize and quote routes accept: Paid's wire body (paid-blocks sends
// `confirmation_token` and `return_url`) and our snake_case extensions, mapped to the services' input.
import * as z from 'zod';
import { customerFieldFault, customerFieldMaxLength, type CustomerField, type CustomerFieldFault } from '../src/checkout/customer-rules.ts';
import type { CompleteInput } from './checkout/pricing.ts';
import type { QuoteInput } from './checkout/quote.ts';
import { confirmationTokenPattern } from './payments.ts';
import { anyCaseCurrency, count, httpUrl, positiveCount, reference } from './request-schemas.ts';

const invalidMessages: Partial<Record<CustomerField, string>> = {
  email: 'must be an email address in ASCII characters, e.g. name@example.com (internationalized addresses are not accepted)',
  phone: 'must be a phone number: at least 6 digits, with spaces, ( ) . - and a leading + allowed',
  country: 'must be an ISO 3166-1 alpha-2 code, e.g. US',
};

function faultMessage(field: CustomerField, fault: CustomerFieldFault): string {
  if (fault === 'required') return 'must contain a visible character';
  if (fault === 'too_long') return `must be at most ${customerFieldMaxLength[field]} characters`;
  return invalidMessages[field] ?? 'is not valid';
}

/** One customer field, trimmed and checked by the rules the element applies too. */
function customerValue(field: CustomerField) {
  return z
    .string()
    .trim()
    .superRefine((value, context) => {
      const fault = customerFieldFault(field, value);
      if (fault) context.addIssue({ code: 'custom', message: faultMessage(field, fault) });
    });
}

const wireAddress = z.strictObject({
  line1: customerValue('line1'),
  line2: customerValue('line2').nullish(),
  city: customerValue('city'),
  state: customerValue('state').nullish(),
  postal_code: customerValue('postalCode'),
  country: customerValue('country'),
});

/** A buyer's VAT number as typed (its format is the tax rules' to judge: src/pricing/tax.ts). */
const taxId = z.string().trim().min(1).max(40);

const wireSelections = z
  .array(
    z.strictObject({
      product_id: reference,
      plan_id: reference.nullish().transform((value) => value ?? null),
      quantity: positiveCount,
    }),
  )
  .min(1)
  .max(20);

export const completeWireBody = z.strictObject({
  // Paid's own (paid-blocks usePayCheckout).
  confirmation_token: z.string().max(255).regex(confirmationTokenPattern, {
    message: 'must be a sandbox test token: ctoken_test_<succeeds|insufficient_funds|card_declined|threeds>_<hex>',
  }),
  return_url: httpUrl,
  // Ours.
  selections: wireSelections.nullish(),
  currency: anyCaseCurrency.nullish(),
  // A new customer's name and email (required then: the service says so); a known customer sends
  // only the billing address and VAT number (ours).
  customer: z
    .strictObject({
      name: customerValue('name').nullish(),
      email: customerValue('email').nullish(),
      phone: customerValue('phone').nullish(),
      address: wireAddress.nullish(),
      tax_id: taxId.nullish(),
    })
    .nullish(),
  amount_due: count.nullish(),
  replaces_payment_intent_id: z.string().min(1).max(255).nullish(),
  prices_version: z.string().regex(/^[0-9a-f]{16}$/, { message: 'must be the prices_version of a read or a quote' }).nullish(),
});
export type CompleteWireBody = z.infer<typeof completeWireBody>;

/** A quote (ours): the choices, and the part of the billing address tax depends on. */
export const quoteWireBody = z.strictObject({
  selections: wireSelections.nullish(),
  currency: anyCaseCurrency.nullish(),
  address: z
    .strictObject({
      country: customerValue('country'),
      postal_code: customerValue('postalCode'),
      state: customerValue('state').nullish(),
    })
    .nullish(),
  tax_id: taxId.nullish(),
});
export type QuoteWireBody = z.infer<typeof quoteWireBody>;

/** Finalize takes `{}` (paid-blocks) or names the payment it finalizes (ours). */
export const finalizeWireBody = z.strictObject({
  payment_intent_id: z.string().min(1).max(255).nullish(),
});

function selectionsOf(selections: z.infer<typeof wireSelections> | null | undefined): CompleteInput['selections'] {
  return selections?.map((line) => ({ productId: line.product_id, planId: line.plan_id, quantity: line.quantity })) ?? null;
}

export function completeInputOf(body: CompleteWireBody): CompleteInput {
  const { customer } = body;
  const address = customer?.address;
  return {
    selections: selectionsOf(body.selections),
    currency: body.currency ?? null,
    customer: customer
      ? {
          name: customer.name ?? null,
          email: customer.email ?? null,
          phone: customer.phone ?? null,
          address: address
            ? { line1: address.line1, line2: address.line2 ?? null, city: address.city, state: address.state ?? null, postalCode: address.postal_code, country: address.country }
            : null,
          taxId: customer.tax_id ?? null,
        }
      : null,
    confirmationToken: body.confirmation_token,
    returnUrl: body.return_url,
    amountShown: body.amount_due ?? null,
    replacesPaymentIntentId: body.replaces_payment_intent_id ?? null,
    pricesVersion: body.prices_version ?? null,
  };
}

export function quoteInputOf(body: QuoteWireBody): QuoteInput {
  const { address } = body;
  return {
    selections: selectionsOf(body.selections),
    currency: body.currency ?? null,
    place: address ? { country: address.country, postalCode: address.postal_code, state: address.state ?? null } : null,
    taxId: body.tax_id ?? null,
  };
}

const wireNames: Record<string, string> = { productId: 'product_id', planId: 'plan_id', postalCode: 'postal_code', taxId: 'tax_id' };

/** A service field path (`selections.0.planId`) as the wire names it (`selections.0.plan_id`). */
export function wireFieldOf(field: string): string {
  return field
    .split('.')
    .map((part) => wireNames[part] ?? part)
    .join('.');
}
