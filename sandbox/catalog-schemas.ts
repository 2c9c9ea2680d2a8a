// What the private API accepts for the catalog (Paid's product, customer and customer-user
// requests, with our plans and prices), as strict classic-zod schemas.
import * as z from 'zod';
import { billingInterval, priceModel, tiersAreOrdered } from '../src/api/schemas.ts';
import { chargeStep } from '../src/pricing/currency.ts';
import { anyCaseCurrency, count, currencyCode, metadata, noRepeats, positiveCount, reference, text, timestamp } from './request-schemas.ts';

const tier = z.strictObject({
  upTo: positiveCount.nullable(),
  unitAmount: count,
  flatAmount: count.default(0),
});

const priceBody = z
  .strictObject({
    currency: currencyCode,
    model: z.enum(priceModel.options),
    amount: count,
    interval: z.enum(billingInterval.options),
    unitLabel: z.string().max(60).nullish(),
    tiers: z.array(tier).min(1).max(20).nullish(),
    minQuantity: count.nullish(),
    maxQuantity: count.nullish(),
    includedQuantity: count.nullish(),
    trialDays: z.number().int().min(0).max(730).nullish(),
  })
  .superRefine((price, context) => {
    if ((price.model === 'one_time') !== (price.interval === 'one_time')) {
      context.addIssue({ code: 'custom', path: ['interval'], message: 'one_time prices, and only they, have the one_time interval' });
    }
    const tiered = price.model === 'graduated' || price.model === 'volume';
    if (tiered && !tiersAreOrdered(price.tiers)) {
      context.addIssue({ code: 'custom', path: ['tiers'], message: 'must ascend in upTo and end with upTo null' });
    }
    if (!tiered && price.tiers) context.addIssue({ code: 'custom', path: ['tiers'], message: 'only graduated and volume prices have tiers' });
    // Units included before usage is billed: no other model subtracts them, so none may claim them.
    if (price.includedQuantity && price.model !== 'usage') context.addIssue({ code: 'custom', path: ['includedQuantity'], message: 'only usage prices include units' });
    if ((price.minQuantity ?? 1) > (price.maxQuantity ?? Number.MAX_SAFE_INTEGER)) {
      context.addIssue({ code: 'custom', path: ['minQuantity'], message: 'must not exceed maxQuantity' });
    }
    // Stripe charges KWD in multiples of 10 fils and ISK in whole krónur (100): a price written in
    // them keeps every amount due one it accepts, at any quantity (TAX.md §3).
    const step = chargeStep(price.currency);
    const amounts: Array<[Array<string | number>, number]> = [[['amount'], price.amount]];
    price.tiers?.forEach((tier, index) => amounts.push([['tiers', index, 'unitAmount'], tier.unitAmount], [['tiers', index, 'flatAmount'], tier.flatAmount]));
    for (const [path, amount] of amounts) {
      if (amount % step !== 0) context.addIssue({ code: 'custom', path, message: `must be a multiple of ${step} in ${price.currency} (Stripe charges it in steps of ${step} minor units)` });
    }
  });

const planBody = z
  .strictObject({
    id: z.string().regex(/^plan_[A-Za-z0-9_]{1,250}$/, { message: 'must be plan_ followed by letters, digits or _' }).optional(),
    name: text(500),
    description: z.string().max(5000).nullish(),
    features: z.array(z.string().max(500)).max(50).optional(),
    recommended: z.boolean().optional(),
    prices: z.array(priceBody).min(1).max(20).superRefine(noRepeats<{ currency: string }>('currency', 'currency: one price per currency')),
  });

const optionalText = (max: number) => z.string().max(max).nullish();

// Paid's CreateProductRequest; `plans` and `basePrice` are ours (what a checkout sells).
const productFields = {
  name: text(500),
  description: z.string().max(5000).nullish(),
  active: z.boolean().nullish(),
  productCode: optionalText(255),
  externalId: reference.nullish(),
  metadata: metadata.nullish(),
};

export const createProductBody = z
  .strictObject({
    ...productFields,
    plans: z.array(planBody).max(20).optional(),
    basePrice: priceBody.nullish(),
  })
  .superRefine((product, context) => {
    if ((product.plans?.length ?? 0) > 0 && product.basePrice) {
      context.addIssue({ code: 'custom', path: ['basePrice'], message: 'a product with plans has no basePrice' });
    }
  });
export type CreateProductBody = z.infer<typeof createProductBody>;

// Paid's UpdateProductRequest.
export const updateProductBody = z.strictObject({ ...productFields, name: text(500).optional() });
export type UpdateProductBody = z.infer<typeof updateProductBody>;

// Paid's CustomerBillingAddress: every part optional.
const billingAddress = z.strictObject({
  line1: optionalText(200).transform((value) => value ?? undefined),
  line2: optionalText(200).transform((value) => value ?? undefined),
  city: optionalText(200).transform((value) => value ?? undefined),
  state: optionalText(200).transform((value) => value ?? undefined),
  zipCode: optionalText(20).transform((value) => value ?? undefined),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code, e.g. US' })
    .transform((code) => code.toUpperCase())
    .nullish()
    .transform((value) => value ?? undefined),
});

// Paid's CreateCustomerRequest: only the name is required.
const customerFields = {
  name: text(200),
  legalName: optionalText(200),
  email: z.email({ message: 'must be an email address' }).max(254).optional(),
  phone: z.string().max(40).optional(),
  website: z.string().max(2048).optional(),
  externalId: reference.nullish(),
  billingAddress: billingAddress.nullish(),
  creationState: z.enum(['draft', 'active']).optional(),
  vatNumber: optionalText(50),
  metadata: metadata.nullish(),
};

export const createCustomerBody = z.strictObject({ ...customerFields, defaultCurrency: anyCaseCurrency.optional() });
export type CreateCustomerBody = z.infer<typeof createCustomerBody>;

// Paid's UpdateCustomerRequest.
export const updateCustomerBody = z.strictObject({ ...customerFields, name: text(200).optional(), churnDate: timestamp.nullish() });
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;

// Paid's UpsertCustomerUserRequest (its ids travel in the path).
export const upsertCustomerUserBody = z.strictObject({
  name: text(200).optional(),
  email: z.email({ message: 'must be an email address' }).max(254).nullish(),
  metadata: metadata.nullish(),
  status: z.enum(['active', 'deactivated']).optional(),
});
export type UpsertCustomerUserBody = z.infer<typeof upsertCustomerUserBody>;
