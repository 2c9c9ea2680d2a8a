// The customer's details: fields, the address grid and the inline error under a field.
import { css } from './css.ts';

export const customerStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.3em;
  }
  .address {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: calc(var(--paid-spacing) * 1.5);
  }
  .address legend {
    margin-block-end: var(--paid-spacing);
  }
  .field-line1,
  .field-line2,
  .field-country {
    grid-column: 1 / -1;
  }
  .invalid input,
  .invalid select {
    border-color: var(--paid-color-danger);
  }
  .field-error {
    color: var(--paid-color-danger);
    font-size: 0.87em;
  }
`;
