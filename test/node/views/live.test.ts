// The form's `live` (src/views/live.ts): a property binding compared with the element's own value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noChange } from 'lit';
import { PartType, type Directive, type PartInfo, type PropertyPart } from 'lit/directive.js';
import { live } from '../../../src/views/live.ts';

/** The directive `live(value)` makes, updated on a property part of an element whose own value is `own`. */
function update(value: unknown, own: unknown) {
  // What a directive call returns: the class Lit instantiates, and the values it updates with.
  const result = live(value) as unknown as { _$litDirective$: new (info: PartInfo) => Directive; values: unknown[] };
  const Live = result._$litDirective$;
  const name = 'value';
  // What Lit last set (named `_$AH` in lit's production build): the same value.
  const part = { type: PartType.PROPERTY, element: { [name]: own }, name, _$AH: value, _$committedValue: value };
  const directive = new Live({ type: PartType.PROPERTY, name, tagName: 'INPUT', strings: undefined } as PartInfo);
  return { answer: directive.update(part as unknown as PropertyPart, result.values), part };
}

test('a value the element already holds is left as it is (noChange)', () => {
  assert.equal(update('4', '4').answer, noChange);
  assert.equal(update(true, true).answer, noChange);
});

test('a value the element does not hold is set, even when Lit set that same value last (typed over, clamped back)', () => {
  const { answer, part } = update('4', '99');
  assert.equal(answer, '4');
  // Lit's own record of what it set is forgotten, so that it sets the value again.
  assert.ok(part._$AH !== '4' || part._$committedValue !== '4', 'the committed value is reset');
  assert.equal(update(false, true).answer, false);
});
