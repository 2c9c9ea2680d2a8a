// Controls every view shares: field labels, inputs and selects, and the buttons (pay, primary,
// secondary).
import { css } from './css.ts';

export const controlsStyles = css`
  .field label,
  .currency label,
  .address legend {
    font-weight: 500;
    font-size: 0.93em;
  }
  input,
  select {
    font: inherit;
    color: var(--paid-color-text);
    background: var(--paid-color-surface);
    border: 1px solid var(--paid-color-input-border);
    border-radius: var(--paid-radius);
    padding: 0.55em 0.75em;
    min-height: 2.6em;
    width: 100%;
    min-width: 0;
  }
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--paid-color-accent);
    outline-offset: 0;
    border-color: var(--paid-color-accent);
  }
  input:disabled,
  select:disabled {
    opacity: 0.7;
  }

  button {
    font: inherit;
  }
  .pay,
  .primary,
  .secondary {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.6em;
    min-height: 2.9em;
    padding: 0.6em 1.2em;
    border-radius: var(--paid-radius);
    border: 1px solid var(--paid-color-accent);
    font-weight: 600;
    cursor: pointer;
  }
  .pay,
  .primary {
    background: var(--paid-color-accent);
    color: var(--paid-color-accent-contrast);
  }
  .secondary {
    background: transparent;
    color: var(--paid-color-accent);
  }
  .pay:hover:not(:disabled),
  .primary:hover {
    filter: brightness(1.08);
  }
`;
