// What the private API accepts for orders, their seats and invoices (Paid's requests), as strict
// classic-zod schemas.
import * as z from 'zod';
import { anyCaseCurrency, metadata, reference, text, timestamp } from './request-schemas.ts';

const orderSettingsFields = {
  name: text(200).optional(),
  startDate: timestamp.optional(),
  endDate: timestamp.optional(),
  subscriptionTerms: z.number().int().min(0).max(1200).optional(),
  creationState: z.enum(['draft', 'active']).optional(),
  billingAnchor: z.number().int().min(1).max(31).optional(),
  paymentTerms: z.string().max(200).optional(),
  externalId: reference.optional(),
  metadata: metadata.optional(),
  billingCustomerId: reference.optional(),
  billingContactIds: z.array(reference).max(50).optional(),
  autoPostInvoices: z.boolean().optional(),
  autoSendBillingEmails: z.boolean().optional(),
  autoSendPaymentEmails: z.boolean().optional(),
};

// Paid's CreateOrderRequest. Line attributes (usage pricing Paid computes) are accepted and kept
// aside: the sandbox prices only what a checkout sells.
export const createOrderBody = z.strictObject({
  ...orderSettingsFields,
  customerId: reference,
  currency: anyCaseCurrency.optional(),
  lines: z
    .array(
      z.strictObject({
        productId: reference,
        name: text(200).optional(),
        description: z.string().max(5000).optional(),
        startDate: timestamp.optional(),
        endDate: timestamp.optional(),
        attributes: z.array(z.record(z.string(), z.json())).max(50).optional(),
      }),
    )
    .max(50)
    .optional(),
  billingFrequencyOverride: z
    .strictObject({
      frequency: z.enum(['monthly', 'quarterly', 'semiAnnually', 'annual', 'custom']),
      customMonths: z.number().int().min(1).max(120).nullish(),
    })
    .optional(),
});
export type CreateOrderBody = z.infer<typeof createOrderBody>;

// Paid's UpdateOrderRequest (its id travels in the path).
export const updateOrderBody = z.strictObject(orderSettingsFields);
export type UpdateOrderBody = z.infer<typeof updateOrderBody>;

export const seatAssignmentBody = z.strictObject({ userExternalId: reference.nullable() });

export const batchSeatAssignmentsBody = z.strictObject({
  assignments: z.array(z.strictObject({ seatId: reference, userExternalId: reference.nullable() })).min(1).max(500),
});

// Paid's UpdateInvoiceRequest (its id travels in the path).
export const updateInvoiceBody = z.strictObject({ metadata: metadata.nullish() });
