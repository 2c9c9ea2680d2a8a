// The views' `guard` (src/views/guard.ts): a template made again only when its dependency list changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noChange } from 'lit';
import { PartType, type Directive, type Part, type PartInfo } from 'lit/directive.js';
import { guard } from '../../../src/views/guard.ts';

/** One guarded binding: `render(list)` updates it as Lit would, and answers what it rendered. */
function binding() {
  let made = 0;
  let directive: Directive | undefined;
  return {
    render(list: unknown[]) {
      const result = guard(list, () => `template ${++made}`) as unknown as { _$litDirective$: new (info: PartInfo) => Directive; values: unknown[] };
      directive ??= new result._$litDirective$({ type: PartType.CHILD } as PartInfo);
      return directive.update({} as Part, result.values);
    },
  };
}

test('the first render makes the template, an equal list keeps it, a changed item makes it again', () => {
  const product = { id: 'prod_a' };
  const shown = binding();
  assert.equal(shown.render([product, 'usd', false]), 'template 1');
  assert.equal(shown.render([product, 'usd', false]), noChange);
  assert.equal(shown.render([{ ...product }, 'usd', false]), 'template 2');
  assert.equal(shown.render([{ ...product }, 'usd', false]), 'template 3', 'objects compare by identity');
  assert.equal(shown.render([]), 'template 4', 'a shorter list differs');
  assert.equal(shown.render([]), noChange);
});

test('the list is copied: one the caller changes afterwards still compares with what was rendered', () => {
  const shown = binding();
  const list = ['eur'];
  shown.render(list);
  list[0] = 'usd';
  assert.equal(shown.render(['usd']), 'template 2');
});
