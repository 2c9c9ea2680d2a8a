// Edges of the customer-field rules that mutation testing found unpinned: the whole value must
// have the field's form, not only a part of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customerFieldFault } from '../../../src/checkout/customer-rules.ts';

test('an email is refused when anything follows its domain, or a domain label ends with a hyphen', () => {
  for (const email of ['ada@example.com>', 'ada@example.com/x', 'ada@example.com1', 'ada@shop-.example.com']) {
    assert.equal(customerFieldFault('email', email), 'invalid', email);
  }
});

test('a one-character domain label is a valid part of an email address', () => {
  for (const email of ['ada@x.io', 'ada@mail.x.example.com']) assert.equal(customerFieldFault('email', email), null, email);
});

test('a phone number is refused when words come before or after its digits', () => {
  for (const phone of ['call 06 12 34 56 78', '06 12 34 56 78 ext', 'tel:+33612345678']) {
    assert.equal(customerFieldFault('phone', phone), 'invalid', phone);
  }
});

test('a phone number needs six digits, however many other characters it has', () => {
  assert.equal(customerFieldFault('phone', '123456'), null);
  assert.equal(customerFieldFault('phone', '12345'), 'invalid');
  assert.equal(customerFieldFault('phone', '+1 (555)'), 'invalid');
  assert.equal(customerFieldFault('phone', '+1 (55) 5-1'), 'invalid');
});
