// Lit's `live` for the property bindings the form uses (`.value`, `.checked`): the value is set
// whenever the element's own differs from it (typed over, or a radio the customer moved), not only
// when it differs from the last one rendered. Lit's own also takes attribute bindings and checks
// that it is used right, which these bindings never need (165 B gzip of the checkout chunk).
import { noChange } from 'lit';
import { directive, Directive, type PropertyPart } from 'lit/directive.js';
import { setCommittedValue } from 'lit/directive-helpers.js';

class LiveProperty extends Directive {
  render(value: unknown): unknown {
    return value;
  }

  override update(part: PropertyPart, [value]: [unknown]): unknown {
    if (value === (part.element as unknown as Record<string, unknown>)[part.name]) return noChange;
    // What Lit last set may equal `value` while the element holds another: forget it, so it is set.
    setCommittedValue(part);
    return value;
  }
}

export const live = directive(LiveProperty);
