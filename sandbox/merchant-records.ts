// What the merchant's side of Paid holds, as the store keeps it: products, customers and their
// users, orders with their lines and seats, and invoices.
import type { BillingInterval, Plan, Price } from '../src/api/schemas.ts';

export interface ProductRecord {
  id: string;
  name: string;
  description: string | null;
  plans: Plan[];
  basePrice: Price | null;
  active: boolean;
  productCode: string | null;
  externalId: string | null;
  archivedAt: Date | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Paid's `CustomerBillingAddress`: every part optional. */
export interface BillingAddress {
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  zipCode?: string;
  country?: string;
}

export interface CustomerRecord {
  id: string;
  name: string;
  legalName: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  externalId: string | null;
  billingAddress: BillingAddress | null;
  creationState: 'draft' | 'active';
  churnDate: Date | null;
  vatNumber: string | null;
  metadata: Record<string, unknown> | null;
  defaultCurrency: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A user of a customer's account (Paid's `CustomerUser`), keyed by the merchant's ids. */
export interface CustomerUserRecord {
  id: string;
  externalId: string;
  customerExternalId: string;
  name: string | null;
  email: string | null;
  metadata: Record<string, unknown> | null;
  status: 'active' | 'deactivated';
  createdAt: Date;
  updatedAt: Date;
}

/** One seat of a per-seat order line (Paid's `OrderSeat`). */
export interface SeatRecord {
  id: string;
  productId: string;
  /** The customer user's external id, or null while the seat is free. */
  userExternalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderLineRecord {
  /** Kept when an upgrade changes the line's plan or quantity. */
  id: string;
  productId: string;
  /** Set by createOrder; a checkout's lines read as their product's name. */
  name?: string;
  description?: string | null;
  planId: string | null;
  quantity: number;
  interval: BillingInterval;
  /** What one full period (or the one-off purchase) costs, in minor units. */
  amount: number;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  /** Set while a line is in its free trial: nothing has been paid for the period yet. */
  trialEndsAt: Date | null;
  /**
   * The tax on one full period (`amount`) at the rate the buyer was taxed at when it was bought,
   * in minor units: what its renewal adds (0 when untaxed or reverse charged, and for the
   * merchant's own orders).
   */
  periodTax: number;
}

export interface OrderRecord {
  id: string;
  /** Paid's order number: 1, 2, 3… in the order they were made. */
  number: number;
  name: string;
  customerId: string;
  /** Orders a checkout made are `active`; the merchant's own (createOrder) may be drafts. */
  status: 'active';
  creationState: 'draft' | 'active';
  /** `checkout`: bought through a checkout, and what an upgrade prorates against; `api`: made by createOrder. */
  source: 'checkout' | 'api';
  currency: string;
  lines: OrderLineRecord[];
  seats: SeatRecord[];
  checkoutId: string | null;
  startDate: Date;
  endDate: Date | null;
  metadata: Record<string, unknown> | null;
  /** What the merchant set through createOrder/updateOrder and Paid reads back as written. */
  settings: OrderSettings;
  /** Bumped on every change, as Paid's `version`. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderSettings {
  billingCustomerId: string | null;
  billingContactIds: string[];
  subscriptionTerms: number | null;
  paymentTerms: string | null;
  externalId: string | null;
  autoPostInvoices: boolean | null;
  autoSendBillingEmails: boolean | null;
  autoSendPaymentEmails: boolean | null;
}

export interface InvoiceLineRecord {
  id: string;
  orderId: string;
  productId: string;
  description: string;
  quantity: number;
  /** What this line charged today, before tax, in minor units (negative for a proration credit). */
  amount: number;
  /** Its tax, rounded on its own line (0 when no tax was charged). */
  tax: number;
  /** The rate it was taxed at, in hundredths of a percent (2000 is 20%); 0 when no tax applies or it is reverse charged. */
  taxBasisPoints: number;
  periodStart: Date;
  periodEnd: Date;
}

/**
 * How the invoice's tax came about: `calculated` when the buyer's address was taxed (at a rate,
 * or by reverse charge at none), `not_applicable` when no tax applies (no address to tax from, or
 * none is collected where the buyer is). Paid's `Invoice.TaxStatus` has more; a paid checkout
 * makes only these two.
 */
export type InvoiceTaxStatus = 'calculated' | 'not_applicable';

/** The invoice a paid checkout makes: what was charged today, line by line, already paid. */
export interface InvoiceRecord {
  id: string;
  number: number;
  customerId: string;
  orderId: string;
  checkoutId: string;
  paymentIntentId: string;
  currency: string;
  lines: InvoiceLineRecord[];
  /** Σ the lines' amounts before tax. */
  subtotal: number;
  /** Σ the lines' tax. */
  tax: number;
  /** What was charged: `subtotal + tax`, or 0 when a downgrade's credit outweighs it. */
  total: number;
  taxStatus: InvoiceTaxStatus;
  /** Reverse charge: the business buyer accounts for the VAT, so none was charged. */
  taxExempt: boolean;
  metadata: Record<string, unknown> | null;
  paidAt: Date;
  createdAt: Date;
  updatedAt: Date;
}
