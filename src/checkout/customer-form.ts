// The customer's own fields (name, email, phone, address): which to show, their inline
// validation, and the shapes sent to the server and to Stripe.
import type { CollectFields, CustomerDetails, KnownCustomerBilling, PostalAddress } from '../api/schemas.ts';
import type { MessageKey } from '../i18n/index.ts';
import { VAT_NUMBER_COUNTRIES } from '../pricing/tax.ts';
import { customerFieldFault, customerFieldMaxLength, showsText, type CustomerField } from './customer-rules.ts';

export type FieldName = CustomerField;
export type CustomerValues = Record<FieldName, string>;

export interface FieldProblem {
  key: MessageKey;
  /** The field's label key, for "Enter your {field}." */
  field?: MessageKey;
  /** The most characters the field holds, for a value that is too long. */
  max?: number;
}

/** Every field the form knows, in the order the rules list them. */
const fieldNames = Object.keys(customerFieldMaxLength) as FieldName[];

/** Every field empty. */
export const emptyCustomer = (): CustomerValues => Object.fromEntries(fieldNames.map((field) => [field, ''])) as CustomerValues;

export const addressFields: readonly FieldName[] = ['line1', 'line2', 'city', 'postalCode', 'state', 'country'];

/** A field's label: its message key (`field.email`). */
export const fieldLabel = (field: FieldName): MessageKey => `field.${field}`;

/**
 * The fields the session asks the customer for, in the order they are shown; a business's VAT
 * number (optional) once the address is in a country that has one.
 */
export function fieldsToCollect(collect: CollectFields, country = ''): FieldName[] {
  const fields: FieldName[] = [];
  if (collect.name) fields.push('name');
  if (collect.email) fields.push('email');
  if (collect.phone) fields.push('phone');
  if (collect.address) fields.push(...addressFields);
  if (collect.address && VAT_NUMBER_COUNTRIES.has(country)) fields.push('taxId');
  return fields;
}

/** The problem with one field's value (by the rules the server applies too), or null when it is fine. */
export function validateField(field: FieldName, value: string): FieldProblem | null {
  const fault = customerFieldFault(field, value);
  if (!fault) return null;
  if (fault === 'required' && field !== 'country') return { key: 'invalid.required', field: fieldLabel(field) };
  if (fault === 'too_long') return { key: 'invalid.tooLong', max: customerFieldMaxLength[field] };
  // Card payments take ASCII addresses only: say so, rather than call josé@… invalid.
  if (field === 'email' && /[^\0-\x7f]/.test(value)) return { key: 'invalid.emailAscii' };
  return problemFor(field);
}


/** The words for a value the rules refuse, in the customer's language. */
function problemFor(field: FieldName): FieldProblem {
  if (field === 'email' || field === 'phone' || field === 'country' || field === 'taxId') return { key: `invalid.${field}` };
  return { key: 'invalid.required', field: fieldLabel(field) };
}

/**
 * The form field behind a field a server refused (`customer.email` → email), with the words to
 * show under it: the element's own, in the customer's language.
 */
export function problemFromServer(requestField: string | null): { field: FieldName; problem: FieldProblem } | null {
  // The request names a field `customer.<field>`, and an address's `customer.address.<field>`.
  const [, address, field] = /^customer\.(address\.)?(\w+)$/.exec(requestField ?? '') ?? [];
  return fieldNames.includes(field as FieldName) && addressFields.includes(field as FieldName) === !!address
    ? { field: field as FieldName, problem: problemFor(field as FieldName) }
    : null;
}

/** Every problem among `fields`, in field order (the first is the one to focus). */
export function validateCustomer(values: CustomerValues, fields: readonly FieldName[]): Map<FieldName, FieldProblem> {
  const problems = new Map<FieldName, FieldProblem>();
  for (const field of fields) {
    const problem = validateField(field, values[field]);
    if (problem) problems.set(field, problem);
  }
  return problems;
}

/** `value` trimmed, or null when it shows nothing (spaces, zero-width or bidi controls alone): an optional field as the server is sent it. */
export function optional(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return showsText(trimmed) ? trimmed : null;
}

/** How a known customer is named to them ("Signed in as …"): their name and email, those on file that show something, else their id. */
export function signedInAs(known: { id: string; name: string | null; email: string | null }): string {
  const name = optional(known.name);
  const email = optional(known.email);
  return name && email ? `${name} (${email})` : (name ?? email ?? known.id);
}

/**
 * The VAT number typed, where the address's country has the field: one typed for another country
 * stays in the form (it comes back with that country) but is not sent, as the customer no longer sees it.
 */
export function vatNumberOf(values: CustomerValues): string | null {
  return VAT_NUMBER_COUNTRIES.has(values.country.trim()) ? optional(values.taxId) : null;
}

function addressOf(values: CustomerValues): PostalAddress {
  return {
    line1: values.line1.trim(),
    line2: optional(values.line2),
    city: values.city.trim(),
    state: optional(values.state),
    postalCode: values.postalCode.trim(),
    country: values.country.trim(),
  };
}

/**
 * The `customer` of a complete request: a new customer's details; for a known customer (no name or
 * email asked), the billing address and VAT number where the session collects an address, which
 * the server taxes the order from and saves on them; else nothing.
 */
export function customerDetails(values: CustomerValues, collect: CollectFields): CustomerDetails | KnownCustomerBilling | null {
  // A business's VAT number goes with its address, and only then.
  const billing = collect.address ? { address: addressOf(values), taxId: vatNumberOf(values) } : null;
  if (!collect.name && !collect.email) return billing;
  return {
    name: values.name.trim(),
    email: values.email.trim(),
    phone: collect.phone ? optional(values.phone) : null,
    address: billing?.address ?? null,
    ...(billing ? { taxId: billing.taxId } : {}),
  };
}

/** The buyer's billing details in the shape Stripe takes them (`postal_code`). */
export interface BillingDetails {
  name?: string;
  email?: string;
  phone?: string;
  address?: {
    line1: string;
    line2: string;
    city: string;
    state: string;
    postal_code: string;
    country: string;
  };
}

/** What Stripe gets as billing details: the entered fields, or the signed-in customer's. */
export function billingDetails(
  values: CustomerValues,
  collect: CollectFields,
  known: { name: string | null; email: string | null } | null,
): BillingDetails {
  const details: BillingDetails = {};
  const name = optional(collect.name ? values.name : known?.name);
  const email = optional(collect.email ? values.email : known?.email);
  if (name) details.name = name;
  if (email) details.email = email;
  if (collect.phone && optional(values.phone)) details.phone = values.phone.trim();
  if (collect.address) {
    // Stripe's fields do not ask for the address then, and Stripe wants every part of it given.
    details.address = {
      line1: values.line1.trim(),
      line2: values.line2.trim(),
      city: values.city.trim(),
      state: values.state.trim(),
      postal_code: values.postalCode.trim(),
      country: values.country.trim(),
    };
  }
  return details;
}
