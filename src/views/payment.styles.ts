// The payment section: the payment fields' placeholder, the decline message, the pay button's
// states and its spinner.
import { css } from './css.ts';

export const paymentStyles = css`
  .payment-loading {
    display: flex;
    flex-direction: column;
    gap: var(--paid-spacing);
  }
  .pay-error {
    color: var(--paid-color-danger);
    border-inline-start: 3px solid var(--paid-color-danger);
    padding: 0.4em 0.8em;
    background: color-mix(in srgb, var(--paid-color-danger) 8%, transparent);
    border-start-end-radius: var(--paid-radius);
    border-end-end-radius: var(--paid-radius);
  }
  .pay-error .actions {
    margin-block-start: var(--paid-spacing);
  }
  .pay {
    width: 100%;
    font-size: 1.05em;
  }
  .pay:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .pay.busy:disabled {
    opacity: 0.85;
    cursor: progress;
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  .keep-open {
    text-align: center;
  }
  .secure {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    font-size: 0.85em;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;
