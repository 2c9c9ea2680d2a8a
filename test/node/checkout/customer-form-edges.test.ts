// Edges of the customer form that mutation testing found unpinned: labels, blank fields, trimming.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  billingDetails,
  customerDetails,
  emptyCustomer,
  fieldLabel,
  problemFromServer,
  validateField,
  type FieldName,
} from '../../../src/checkout/customer-form.ts';
import type { CustomerDetails } from '../../../src/api/schemas.ts';
import { en } from '../../../src/i18n/en.ts';

const everything = { name: true, email: true, phone: true, address: true };
const nothing = { name: false, email: false, phone: false, address: false };
const fields: FieldName[] = ['name', 'email', 'phone', 'line1', 'line2', 'city', 'postalCode', 'state', 'country', 'taxId'];
const wireNames: Record<FieldName, string> = {
  name: 'customer.name',
  email: 'customer.email',
  phone: 'customer.phone',
  line1: 'customer.address.line1',
  line2: 'customer.address.line2',
  city: 'customer.address.city',
  postalCode: 'customer.address.postalCode',
  state: 'customer.address.state',
  country: 'customer.address.country',
  taxId: 'customer.taxId',
};
const padded = {
  name: '  Ada  ',
  email: ' ada@example.com ',
  phone: ' +33 6 12 34 56 78 ',
  line1: ' 1 Rue de Rivoli ',
  line2: ' Bât. B ',
  city: ' Paris ',
  postalCode: ' 75001 ',
  state: ' IDF ',
  country: ' FR ',
  taxId: ' FR 12 345678901 ',
};

test('a new form starts with every field empty', () => {
  assert.deepEqual(emptyCustomer(), { name: '', email: '', phone: '', line1: '', line2: '', city: '', postalCode: '', state: '', country: '', taxId: '' });
});

test('each field has its own label, and the catalog has words for it', () => {
  for (const field of fields) assert.equal(fieldLabel(field), `field.${field}`, field);
  for (const field of fields) assert.equal(typeof en[fieldLabel(field)], 'string', field);
});

test('an empty email or phone asks for one instead of calling it invalid', () => {
  assert.deepEqual(validateField('email', ''), { key: 'invalid.required', field: 'field.email' });
  assert.deepEqual(validateField('phone', ' '), { key: 'invalid.required', field: 'field.phone' });
  assert.deepEqual(validateField('city', ''), { key: 'invalid.required', field: 'field.city' });
});

test('every customer field a server refuses is shown under its own form field', () => {
  for (const field of fields) {
    const mapped = problemFromServer(wireNames[field]);
    assert.equal(mapped?.field, field, wireNames[field]);
  }
  assert.deepEqual(problemFromServer('customer.phone'), { field: 'phone', problem: { key: 'invalid.phone' } });
  assert.deepEqual(problemFromServer('customer.address.line2'), { field: 'line2', problem: { key: 'invalid.required', field: 'field.line2' } });
  // Only the request's own names: an address field under customer, a contact field under address, anything else.
  for (const other of ['customer.country', 'customer.city', 'customer.address.name', 'customer.address.taxId', 'customer.constructor', 'customer.email.x', 'x.customer.email', 'customer', '']) {
    assert.equal(problemFromServer(other), null, other);
  }
});

test('the complete request carries every field trimmed, and a blank optional field as null', () => {
  assert.deepEqual(customerDetails(padded, everything), {
    name: 'Ada',
    email: 'ada@example.com',
    phone: '+33 6 12 34 56 78',
    address: { line1: '1 Rue de Rivoli', line2: 'Bât. B', city: 'Paris', state: 'IDF', postalCode: '75001', country: 'FR' },
    taxId: 'FR 12 345678901',
  });
  const blanks = customerDetails({ ...padded, phone: '   ', line2: ' ', state: '\t', taxId: '  ' }, everything) as CustomerDetails;
  assert.equal(blanks?.phone, null);
  assert.equal(blanks?.address?.line2, null);
  assert.equal(blanks?.address?.state, null);
  assert.equal(blanks?.taxId, null);
});

test('a checkout that asks only for a name, or only for an email, still sends the customer', () => {
  assert.equal((customerDetails(padded, { ...nothing, name: true }) as CustomerDetails).name, 'Ada');
  assert.equal((customerDetails(padded, { ...nothing, email: true }) as CustomerDetails).email, 'ada@example.com');
});

test('Stripe gets every entered field trimmed, and the phone only when the form asks for it', () => {
  assert.deepEqual(billingDetails(padded, everything, null), {
    name: 'Ada',
    email: 'ada@example.com',
    phone: '+33 6 12 34 56 78',
    address: { line1: '1 Rue de Rivoli', line2: 'Bât. B', city: 'Paris', state: 'IDF', postal_code: '75001', country: 'FR' },
  });
  assert.equal('phone' in billingDetails(padded, { ...everything, phone: false }, null), false);
  assert.equal('phone' in billingDetails({ ...padded, phone: '  ' }, everything, null), false);
});

test('with no fields asked and no signed-in customer, Stripe gets no billing details at all', () => {
  assert.deepEqual(billingDetails(padded, nothing, null), {});
  assert.deepEqual(billingDetails(padded, nothing, { name: null, email: null }), {});
});
