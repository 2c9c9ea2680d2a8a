// src/reasons.ts: the words of a refusal are kept where the sources run (the sandbox, these tests);
// only a production build of the element, which defines __PAID_CHECKOUT_DEV__ false, leaves them
// out (test/node/size-budget.test.ts builds one and weighs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reason, refusal } from '../../src/reasons.ts';
import { resolveSelections } from '../../src/pricing/selection.ts';

test('in the sources a reason is its words, and a refused selection says why', () => {
  assert.equal(reason('must include product prod_a'), 'must include product prod_a');
  const refused = resolveSelections([], [{ productId: 'prod_x', planId: null, quantity: 1 }], 'usd');
  assert.deepEqual(refused, { ok: false, problems: [{ field: 'selections[0].productId', code: 'unknown_product', message: 'is not a product of this checkout' }] });
});

test("in the sources a schema's refusal is its words, at the field it names", () => {
  assert.deepEqual(refusal('must be unique', 'plans'), { message: 'must be unique', path: ['plans'] });
  assert.deepEqual(refusal('must be an absolute http(s) URL'), { message: 'must be an absolute http(s) URL' });
});
