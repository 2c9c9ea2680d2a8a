// The rules for a customer's own fields (name, email, phone, address, VAT number): one pure module that the
// element's form and the sandbox's complete route both apply, so that what one accepts the other does.

import { parseVatNumber } from '../pricing/tax.ts';

export type CustomerField = 'name' | 'email' | 'phone' | 'line1' | 'line2' | 'city' | 'postalCode' | 'state' | 'country' | 'taxId';

/** Why a value is refused: nothing visible where something is required, too long, or not of its kind. */
export type CustomerFieldFault = 'required' | 'too_long' | 'invalid';

/** The most characters (UTF-16 code units, after trimming) each field may hold. */
export const customerFieldMaxLength: Readonly<Record<CustomerField, number>> = {
  name: 200,
  email: 254,
  phone: 24,
  line1: 200,
  line2: 200,
  city: 200,
  postalCode: 20,
  state: 200,
  country: 2,
  taxId: 40,
};

/** The fields a customer may leave blank (the form does not mark them required). */
export const optionalCustomerFields: ReadonlySet<CustomerField> = new Set(['line2', 'state', 'taxId']);

// Only spaces, zero-width or bidi controls (format characters) shows nothing.
const visible = /[^\s\p{Cf}]/u;

/** Whether `value` shows anything: not empty, nor spaces, zero-width or bidi controls alone. */
export const showsText = (value: string): boolean => visible.test(value);
// ASCII only, as Stripe and most mail servers take it: an internationalized address (josé@…,
// …@bücher.de) is refused on both sides rather than accepted here and refused on payment.
// Dots only between characters; domain labels of at most 63 characters, the last of 2+ letters.
const email = /^(?=[^@]{1,64}@)[\w'+-]+(?:\.[\w'+-]+)*@(?:[A-Za-z\d](?:[A-Za-z\d-]{0,61}[A-Za-z\d])?\.)+[A-Za-z]{2,}$/;
const phone = /^\+?[\d\s().-]+$/;
const formats: Partial<Record<CustomerField, (value: string) => boolean>> = {
  email: (value) => email.test(value),
  // At least six digits: "+1 (555)" alone reaches nobody.
  phone: (value) => phone.test(value) && value.replace(/\D/g, '').length >= 6,
  country: (value) => /^[A-Z]{2}$/.test(value),
  // A business's VAT number: its country's format (the server checks that it is the address's country).
  taxId: (value) => parseVatNumber(value) !== null,
};

/** What is wrong with `value` (trimmed first) as `field`, or null when both sides accept it. */
export function customerFieldFault(field: CustomerField, value: string): CustomerFieldFault | null {
  const trimmed = value.trim();
  if (!visible.test(trimmed)) return optionalCustomerFields.has(field) ? null : 'required';
  if (trimmed.length > customerFieldMaxLength[field]) return 'too_long';
  return formats[field]?.(trimmed) === false ? 'invalid' : null;
}
