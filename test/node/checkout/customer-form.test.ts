// The customer form's rules (src/checkout/customer-form.ts): which fields are asked, their problems in
// order, the customer and billing details they give, and the server's refusals in the form's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  billingDetails,
  customerDetails,
  emptyCustomer,
  fieldsToCollect,
  problemFromServer,
  validateCustomer,
  validateField,
  signedInAs,
} from '../../../src/checkout/customer-form.ts';
import { defaultCountry } from '../../../src/checkout/countries.ts';

const anonymous = { name: true, email: true, phone: true, address: true };

test('an anonymous checkout asks for name and email, then phone and address when asked', () => {
  assert.deepEqual(fieldsToCollect({ name: true, email: true, phone: false, address: false }), ['name', 'email']);
  assert.deepEqual(fieldsToCollect(anonymous), ['name', 'email', 'phone', 'line1', 'line2', 'city', 'postalCode', 'state', 'country']);
  assert.deepEqual(fieldsToCollect({ name: false, email: false, phone: false, address: false }), []);
});

test('required fields say what to enter; optional ones may stay empty', () => {
  assert.deepEqual(validateField('name', '  '), { key: 'invalid.required', field: 'field.name' });
  assert.deepEqual(validateField('email', 'ada'), { key: 'invalid.email' });
  assert.deepEqual(validateField('email', 'ada@example'), { key: 'invalid.email' });
  assert.equal(validateField('email', ' ada@example.com '), null);
  assert.deepEqual(validateField('phone', '12'), { key: 'invalid.phone' });
  assert.equal(validateField('phone', '+33 6 12 34 56 78'), null);
  assert.deepEqual(validateField('country', ''), { key: 'invalid.country' });
  assert.equal(validateField('line2', ''), null);
  assert.equal(validateField('state', ''), null);
});

test('problems come in field order, so the first one is the one to focus', () => {
  const problems = validateCustomer({ ...emptyCustomer(), email: 'bad' }, fieldsToCollect(anonymous));
  assert.deepEqual([...problems.keys()], ['name', 'email', 'phone', 'line1', 'city', 'postalCode', 'country']);
});

test('the complete request carries the trimmed customer; a known customer sends its billing address where the session collects one, else none', () => {
  const values = { ...emptyCustomer(), name: ' Ada ', email: 'ada@example.com', phone: '', line1: '1 Rue', city: 'Paris', postalCode: '75001', country: 'FR' };
  assert.deepEqual(customerDetails(values, anonymous), {
    name: 'Ada',
    email: 'ada@example.com',
    phone: null,
    address: { line1: '1 Rue', line2: null, city: 'Paris', state: null, postalCode: '75001', country: 'FR' },
    taxId: null,
  });
  assert.equal(customerDetails(values, { name: false, email: false, phone: false, address: false }), null);
  assert.deepEqual(customerDetails({ ...values, taxId: ' FR 12 345678901 ' }, { name: false, email: false, phone: true, address: true }), {
    address: { line1: '1 Rue', line2: null, city: 'Paris', state: null, postalCode: '75001', country: 'FR' },
    taxId: 'FR 12 345678901',
  });
});

test('a VAT number typed for a country with the field is not sent once the address moves to one without it (the customer no longer sees it)', () => {
  const german = { ...emptyCustomer(), name: 'Ada', email: 'ada@example.com', line1: '1 Str', city: 'Berlin', postalCode: '10115', country: 'DE', taxId: 'DE123456789' };
  assert.equal((customerDetails(german, anonymous) as { taxId: string | null }).taxId, 'DE123456789');
  const moved = { ...german, city: 'Cupertino', postalCode: '95014', country: 'US' };
  assert.equal((customerDetails(moved, anonymous) as { taxId: string | null }).taxId, null);
  assert.equal((customerDetails(moved, { name: false, email: false, phone: false, address: true }) as { taxId: string | null }).taxId, null, 'a known customer’s billing too');
});

test('Stripe billing details come from the fields, or from the signed-in customer', () => {
  const none = { name: false, email: false, phone: false, address: false };
  assert.deepEqual(billingDetails(emptyCustomer(), none, { name: 'Ada', email: 'ada@example.com' }), { name: 'Ada', email: 'ada@example.com' });
  assert.deepEqual(billingDetails({ ...emptyCustomer(), name: 'Bo', email: 'bo@example.com' }, { ...none, name: true, email: true }, null), {
    name: 'Bo',
    email: 'bo@example.com',
  });
});

test('a signed-in customer is named by what shows on file: name and email, one of them, else their id (never an empty name)', () => {
  assert.equal(signedInAs({ id: 'cus_1', name: 'Ada Lovelace', email: 'ada@example.com' }), 'Ada Lovelace (ada@example.com)');
  assert.equal(signedInAs({ id: 'cus_1', name: 'Ada Lovelace', email: null }), 'Ada Lovelace');
  for (const blank of ['', '   ', '\u200b', '\u202e\u2069', null]) {
    assert.equal(signedInAs({ id: 'cus_1', name: blank, email: ' ada@example.com ' }), 'ada@example.com', JSON.stringify(blank));
    assert.equal(signedInAs({ id: 'cus_1', name: 'Ada', email: blank }), 'Ada', JSON.stringify(blank));
    assert.equal(signedInAs({ id: 'cus_1', name: blank, email: blank }), 'cus_1', JSON.stringify(blank));
  }
});

test('Stripe gets no billing name or email that shows nothing, typed or on file', () => {
  const none = { name: false, email: false, phone: false, address: false };
  assert.deepEqual(billingDetails(emptyCustomer(), none, { name: '  ', email: 'ada@example.com' }), { email: 'ada@example.com' });
  assert.deepEqual(billingDetails({ ...emptyCustomer(), name: '\u200b', email: ' bo@example.com ' }, { ...none, name: true, email: true }, null), { email: 'bo@example.com' });
});

test('the country is preselected from the locale’s region', () => {
  assert.equal(defaultCountry('en-GB'), 'GB');
  assert.equal(defaultCountry('fr'), '');
  assert.equal(defaultCountry('zz-!!'), '');
});

test('when the element collects the address, Stripe gets every part of it (Stripe’s own fields then skip it)', () => {
  const values = { ...emptyCustomer(), name: 'Ada', email: 'ada@example.com', line1: '1 Rue', city: 'Paris', postalCode: '75001', country: 'FR' };
  assert.deepEqual(billingDetails(values, anonymous, null).address, {
    line1: '1 Rue',
    line2: '',
    city: 'Paris',
    state: '',
    postal_code: '75001',
    country: 'FR',
  });
});

test('a field the server refuses maps to the form field and the element’s own words', () => {
  assert.deepEqual(problemFromServer('customer.email'), { field: 'email', problem: { key: 'invalid.email' } });
  assert.deepEqual(problemFromServer('customer.address.city'), { field: 'city', problem: { key: 'invalid.required', field: 'field.city' } });
  assert.equal(problemFromServer('selections.0.quantity'), null);
  assert.equal(problemFromServer(null), null);
});

test('what the server refuses is refused in the form first, with the field’s own words', () => {
  // Card payments take ASCII addresses only: the words say so, rather than call them invalid.
  for (const email of ['josé@example.com', 'user@bücher.de']) assert.deepEqual(validateField('email', email), { key: 'invalid.emailAscii' }, email);
  assert.deepEqual(validateField('email', 'a@b.c'), { key: 'invalid.email' });
  // Only an email address is told about its letters: a phone in full-width digits is an invalid phone.
  assert.deepEqual(validateField('phone', '+1 ５５５ 123 4567'), { key: 'invalid.phone' });
  // Too long says the limit.
  assert.deepEqual(validateField('name', 'n'.repeat(250)), { key: 'invalid.tooLong', max: 200 });
  assert.equal(validateField('name', `  ${'n'.repeat(200)}  `), null);
  assert.deepEqual(validateField('postalCode', '1'.repeat(21)), { key: 'invalid.tooLong', max: 20 });
  assert.deepEqual(validateField('name', '\u200b'), { key: 'invalid.required', field: 'field.name' });
  assert.deepEqual(validateField('country', 'fr'), { key: 'invalid.country' });
});

test('a VAT number is asked for, last, only where the address is collected and its country has VAT numbers', () => {
  assert.deepEqual(fieldsToCollect(anonymous, 'DE'), ['name', 'email', 'phone', 'line1', 'line2', 'city', 'postalCode', 'state', 'country', 'taxId']);
  assert.equal(fieldsToCollect(anonymous, 'GB').includes('taxId'), true);
  assert.equal(fieldsToCollect(anonymous, 'US').includes('taxId'), false);
  assert.equal(fieldsToCollect(anonymous, '').includes('taxId'), false);
  assert.equal(fieldsToCollect({ ...anonymous, address: false }, 'DE').includes('taxId'), false);
});

test('a VAT number may be left empty, and one not of its country’s form is invalid.taxId', () => {
  assert.equal(validateField('taxId', ''), null);
  assert.equal(validateField('taxId', '  '), null);
  assert.equal(validateField('taxId', 'DE123456789'), null);
  assert.equal(validateField('taxId', ' de 123 456 789 '), null);
  for (const taxId of ['DE12345678', 'DE1234567890', '123456789', 'XX123456789', 'VAT please']) {
    assert.deepEqual(validateField('taxId', taxId), { key: 'invalid.taxId' }, taxId);
  }
  const values = { ...emptyCustomer(), name: 'Ada', email: 'ada@example.com', line1: '1 Hauptstraße', city: 'Berlin', postalCode: '10115', country: 'DE' };
  const fields = fieldsToCollect({ ...anonymous, phone: false }, 'DE');
  assert.deepEqual([...validateCustomer(values, fields).keys()], []);
  assert.deepEqual([...validateCustomer({ ...values, taxId: 'DE123' }, fields)], [['taxId', { key: 'invalid.taxId' }]]);
});

test('the server refusing the VAT number puts invalid.taxId under its field', () => {
  assert.deepEqual(problemFromServer('customer.taxId'), { field: 'taxId', problem: { key: 'invalid.taxId' } });
});

test('the complete request carries the VAT number trimmed with the address, null when empty, and none without an address', () => {
  const values = { ...emptyCustomer(), name: 'Ada', email: 'ada@example.com', line1: '1 Hauptstraße', city: 'Berlin', postalCode: '10115', country: 'DE' };
  assert.equal(customerDetails({ ...values, taxId: '  DE123456789 ' }, anonymous)?.taxId, 'DE123456789');
  assert.equal(customerDetails(values, anonymous)?.taxId, null);
  const withoutAddress = customerDetails({ ...values, taxId: 'DE123456789' }, { ...anonymous, address: false });
  assert.ok(withoutAddress);
  assert.equal('taxId' in withoutAddress, false);
});
