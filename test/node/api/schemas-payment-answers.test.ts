// The ids of a payment answer and the fields of a refusal, as the element reads them: an id in the
// wrong place is an answer the element cannot trust, and a refusal keeps the names of its fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiError, paymentAnswer } from '../../../src/api/schemas.ts';
import { actionData, paidData } from './answers.ts';

const readable = (data: Record<string, unknown>) => paymentAnswer.safeParse({ success: true, data }).success;

test('a paid answer is refused when any of its ids carries another object’s prefix', () => {
  assert.equal(readable(paidData()), true);
  const swapped = { order_id: 'inv_1', invoice_id: 'ord_1', checkout_id: 'cus_1', customer_id: 'chk_1' };
  for (const [field, id] of Object.entries(swapped)) {
    assert.equal(readable(paidData({ [field]: id })), false, `${field}: ${id}`);
  }
});

test('a paid answer may leave out its invoice, but not carry a bare id without a prefix', () => {
  assert.equal(readable(paidData({ invoice_id: null })), true);
  assert.equal(readable(paidData({ invoice_id: undefined })), true);
  assert.equal(readable(paidData({ invoice_id: '1' })), false);
});

test('a 3-D Secure answer is read with or without the ids it may carry, and refused when one has another object’s prefix', () => {
  const withIds = { ...actionData('pi_a'), order_id: 'ord_1', invoice_id: 'inv_1', checkout_id: 'chk_1', customer_id: 'cus_1' };
  assert.equal(readable(actionData('pi_a')), true);
  assert.equal(readable(withIds), true);
  const swapped = { order_id: 'inv_1', invoice_id: 'ord_1', checkout_id: 'cus_1', customer_id: 'chk_1' };
  for (const [field, id] of Object.entries(swapped)) {
    assert.equal(readable({ ...withIds, [field]: id }), false, `${field}: ${id}`);
  }
});

test('a refusal keeps the name of each field it lists, which the element marks as the one to correct', () => {
  const parsed = apiError.parse({
    error: 'The request was refused: 2 fields are invalid (customer.email, customer.phone).',
    code: 'validation_error',
    fields: [
      { field: 'customer.email', message: 'must be an email address' },
      { field: 'customer.phone', message: 'must be a phone number' },
    ],
  });
  assert.deepEqual(parsed.fields, [{ field: 'customer.email' }, { field: 'customer.phone' }]);
});
