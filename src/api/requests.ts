// What the element sends, as zod/mini schemas for its types and its tests: the element never
// parses its own requests, so none of this is in the script-tag file (a schema left unused
// there still leaves its checks behind).
import * as z from 'zod/mini';
import { currencyCode, httpUrl, idWithPrefix, minorAmount, positiveCount, shortText } from './schemas.ts';

export const selection = z.object({
  productId: idWithPrefix('prod_'),
  planId: z.nullable(idWithPrefix('plan_')),
  quantity: positiveCount,
});
export type Selection = z.infer<typeof selection>;

// An address's fields but its postal code, whose key is postalCode in the element's model and
// postal_code on the wire.
const addressFields = {
  line1: shortText,
  line2: z.optional(z.nullable(shortText)),
  city: shortText,
  state: z.optional(z.nullable(shortText)),
  country: z.string().check(z.regex(/^[A-Z]{2}$/)),
};
const postalAddress = z.object({ ...addressFields, postalCode: shortText });
export type PostalAddress = z.infer<typeof postalAddress>;

const customerFields = { name: shortText, email: shortText, phone: z.optional(z.nullable(shortText)) };
// A business's VAT number (ours): the server prices its reverse charge.
const taxIdField = z.optional(z.nullable(z.string().check(z.maxLength(40))));

export const customerDetails = z.object({ ...customerFields, address: z.optional(z.nullable(postalAddress)), taxId: taxIdField });
export type CustomerDetails = z.infer<typeof customerDetails>;

/** A known customer's billing address and VAT number, typed where the session collects an address (ours): the server taxes the order from it and saves it on them. */
export const knownCustomerBilling = z.object({ address: postalAddress, taxId: taxIdField });
export type KnownCustomerBilling = z.infer<typeof knownCustomerBilling>;

/**
 * The element's own model of a complete request, in its camelCase; `wire.ts` maps it to
 * `completeBody`. `amountDue` is what the customer was shown (sent as `amount_due`).
 */
export const completeRequest = z.object({
  selections: z.array(selection).check(z.minLength(1), z.maxLength(50)),
  currency: currencyCode,
  customer: z.optional(z.nullable(z.union([customerDetails, knownCustomerBilling]))),
  confirmationToken: z.string().check(z.minLength(1), z.maxLength(255)),
  returnUrl: httpUrl,
  amountDue: minorAmount,
  /** The buyer's own 3-D Secure payment left unfinished, which this one replaces (ours). */
  replacesPaymentIntentId: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  /** The prices the amounts shown were priced from: the quote's `prices_version`, else the read's `pricesVersion` (ours). */
  pricesVersion: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
});
export type CompleteRequest = z.infer<typeof completeRequest>;

/**
 * What a quote is asked for (ours): the order and where its buyer is; `address` null for a known
 * customer whose session collects none (the server taxes them from the address it has on file).
 */
export interface QuoteRequest {
  selections: ReadonlyArray<Selection>;
  currency: string;
  address: { country: string; postalCode: string; state: string | null } | null;
  taxId: string | null;
}

/** A billing address as the wire carries it. */
export const wireAddress = z.object({ ...addressFields, postal_code: shortText });
export type WireAddress = z.infer<typeof wireAddress>;

/**
 * What `POST …/complete` sends on the wire. Paid's own client (paid-blocks' `usePayCheckout`)
 * sends `confirmation_token` and `return_url` only; the rest are our extensions, in the same
 * snake_case: what the customer chose (optional when the session has one obvious default), the
 * currency, the new customer's details (a known customer's billing address alone), the amount
 * the customer was shown and the prices it was priced from.
 */
export const completeBody = z.object({
  confirmation_token: z.string().check(z.minLength(1), z.maxLength(255)),
  return_url: httpUrl,
  selections: z.optional(
    z
      .array(z.object({ product_id: idWithPrefix('prod_'), plan_id: z.nullable(idWithPrefix('plan_')), quantity: positiveCount }))
      .check(z.minLength(1), z.maxLength(50)),
  ),
  currency: z.optional(currencyCode),
  customer: z.optional(
    z.nullable(
      z.object({
        name: z.optional(shortText),
        email: z.optional(shortText),
        phone: customerFields.phone,
        address: z.optional(z.nullable(wireAddress)),
        tax_id: taxIdField,
      }),
    ),
  ),
  amount_due: z.optional(minorAmount),
  replaces_payment_intent_id: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  prices_version: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
});
export type CompleteBody = z.infer<typeof completeBody>;
