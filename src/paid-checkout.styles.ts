// The element's look: design tokens as documented custom properties (light, dark, auto),
// a one-column layout that becomes two columns when the element is wide enough.
import { css } from 'lit';

const darkTokens = css`
  --paid-color-accent: #8b93ff;
  --paid-color-accent-contrast: #0b0d17;
  --paid-color-text: #e7e9f0;
  --paid-color-text-muted: #a6adbe;
  --paid-color-background: #0f1117;
  --paid-color-surface: #171a23;
  --paid-color-border: #343a4a;
  --paid-color-danger: #ff8a8a;
  --paid-color-success: #5ad48a;
  color-scheme: dark;
`;

export const styles = css`
  :host {
    --paid-color-accent: #4f46e5;
    --paid-color-accent-contrast: #ffffff;
    --paid-color-text: #1a1f36;
    --paid-color-text-muted: #586178;
    --paid-color-background: #ffffff;
    --paid-color-surface: #ffffff;
    --paid-color-border: #d5dae3;
    --paid-color-danger: #c0262d;
    --paid-color-success: #1a7f37;
    --paid-radius: 8px;
    --paid-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --paid-font-size: 15px;
    --paid-spacing: 8px;
    --paid-max-width: 1080px;

    display: block;
    color-scheme: light;
    color: var(--paid-color-text);
    background: var(--paid-color-background);
    font-family: var(--paid-font-family);
    font-size: var(--paid-font-size);
    line-height: 1.5;
    -webkit-font-smoothing: antialiased;
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }
  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .root {
    container-type: inline-size;
    max-width: var(--paid-max-width);
    margin: 0 auto;
    padding: calc(var(--paid-spacing) * 2);
    overflow-wrap: anywhere;
  }

  h2,
  h3,
  p {
    margin: 0;
  }
  h2 {
    font-size: 1.05em;
    font-weight: 600;
    margin-bottom: calc(var(--paid-spacing) * 1.5);
  }
  h3 {
    font-size: 1.1em;
    font-weight: 600;
  }
  .muted,
  .hint {
    color: var(--paid-color-text-muted);
  }
  .hint {
    font-size: 0.87em;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  a {
    color: var(--paid-color-accent);
    text-underline-offset: 2px;
  }
  :focus-visible {
    outline: 2px solid var(--paid-color-accent);
    outline-offset: 2px;
  }

  /* Layout */
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--paid-spacing) * 3);
  }
  .column {
    display: flex;
    flex-direction: column;
    gap: calc(var(--paid-spacing) * 2);
    min-width: 0;
  }
  @container (min-width: 760px) {
    .layout {
      grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr);
      gap: calc(var(--paid-spacing) * 5);
      align-items: start;
    }
    .side {
      position: sticky;
      top: calc(var(--paid-spacing) * 2);
    }
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--paid-spacing);
    margin-bottom: calc(var(--paid-spacing) * 2);
  }
  .back {
    display: inline-flex;
    gap: 0.4em;
    align-items: center;
    font-weight: 500;
    text-decoration: none;
    min-height: 24px;
  }
  .back:hover {
    text-decoration: underline;
  }
  .currency {
    display: flex;
    align-items: center;
    gap: var(--paid-spacing);
    margin-left: auto;
  }

  /* Narrow: less padding, so that content keeps its width at 320 px */
  @container (max-width: 420px) {
    .product,
    .summary,
    .customer,
    .payment {
      padding: calc(var(--paid-spacing) * 1.5);
    }
    .tier {
      padding: var(--paid-spacing) var(--paid-spacing) var(--paid-spacing) calc(var(--paid-spacing) * 4);
    }
  }

  /* Cards */
  .product,
  .summary,
  .customer,
  .payment,
  .state,
  .notice {
    background: var(--paid-color-surface);
    border: 1px solid var(--paid-color-border);
    border-radius: var(--paid-radius);
    padding: calc(var(--paid-spacing) * 2.5);
  }
  .product,
  .customer,
  .payment {
    display: flex;
    flex-direction: column;
    gap: calc(var(--paid-spacing) * 1.5);
  }
  .product {
    /* Nothing in a card reaches outside it: a change inside one lays out less of the page. */
    contain: content;
  }
  .product-head,
  .quantity {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--paid-spacing);
  }
  .badge {
    display: inline-block;
    padding: 0 0.6em;
    border-radius: 999px;
    font-size: 0.78em;
    font-weight: 600;
    line-height: 1.8;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .badge.recommended {
    color: var(--paid-color-accent-contrast);
    background: var(--paid-color-accent);
    border-color: var(--paid-color-accent);
  }
  .badge.current {
    color: var(--paid-color-success);
  }
  .price {
    font-weight: 600;
  }
  .base-price,
  .tier-price {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
  }
  .price-tiers {
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }
  .price-tiers ul {
    margin: 0.2em 0;
    padding-left: 1.1em;
  }
  .trial {
    color: var(--paid-color-success);
    font-weight: 500;
  }

  /* Tiers: native radios, styled as cards; the label covers the card */
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .tiers {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr));
    gap: var(--paid-spacing);
  }
  .tier {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: calc(var(--paid-spacing) * 0.75);
    padding: calc(var(--paid-spacing) * 1.5) calc(var(--paid-spacing) * 1.5) calc(var(--paid-spacing) * 1.5)
      calc(var(--paid-spacing) * 4.5);
    border: 1px solid var(--paid-color-border);
    border-radius: var(--paid-radius);
    transition: border-color 0.15s, box-shadow 0.15s;
  }
  .tier:hover,
  .tier.selected {
    border-color: var(--paid-color-accent);
  }
  .tier.selected {
    box-shadow: 0 0 0 1px var(--paid-color-accent);
  }
  .tier:has(input:focus-visible),
  .keyed .tier:has(input:focus) {
    outline: 2px solid var(--paid-color-accent);
    outline-offset: 2px;
  }
  .tier input {
    position: absolute;
    left: calc(var(--paid-spacing) * 1.5);
    top: calc(var(--paid-spacing) * 1.5 + 0.2em);
    width: 1.1em;
    height: 1.1em;
    margin: 0;
    accent-color: var(--paid-color-accent);
  }
  /* Only where :has() is known (the ring is then on the tier): elsewhere the radio keeps its own. */
  .tier:has(input:focus-visible) input {
    outline: none;
  }
  .tier label {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
    cursor: pointer;
  }
  .tier label::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  fieldset:disabled .tier label {
    cursor: default;
  }
  .tier-name {
    font-weight: 600;
  }
  .tier .badge {
    align-self: flex-start;
  }
  .tier-details {
    font-size: 0.92em;
  }
  .features {
    margin: 0.3em 0 0;
    padding: 0;
    list-style: none;
  }
  .features li {
    padding-left: 1.3em;
    position: relative;
  }
  .features li::before {
    content: '✓';
    position: absolute;
    left: 0;
    color: var(--paid-color-success);
    font-weight: 700;
  }

  /* Quantity */
  .quantity label {
    font-weight: 500;
    margin-right: auto;
  }
  .stepper {
    display: inline-flex;
    align-items: stretch;
    border: 1px solid var(--paid-color-border);
    border-radius: var(--paid-radius);
    overflow: hidden;
  }
  .stepper input {
    width: 4.5em;
    border: 0;
    border-radius: 0;
    text-align: center;
    -moz-appearance: textfield;
  }
  .stepper input::-webkit-inner-spin-button,
  .stepper input::-webkit-outer-spin-button {
    -webkit-appearance: none;
  }
  .step {
    min-width: 2.5em;
    min-height: 2.5em;
    border: 0;
    background: transparent;
    color: var(--paid-color-text);
    font-size: 1.1em;
    cursor: pointer;
  }
  .step:hover:not(:disabled) {
    background: color-mix(in srgb, var(--paid-color-accent) 10%, transparent);
  }
  .step:disabled {
    color: var(--paid-color-text-muted);
    cursor: not-allowed;
    opacity: 0.55;
  }
  .quantity .hint {
    flex-basis: 100%;
    text-align: right;
  }

  /* Summary */
  .lines,
  .recurring {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .line {
    padding: var(--paid-spacing) 0;
    border-bottom: 1px solid var(--paid-color-border);
  }
  .line:first-child {
    padding-top: 0;
  }
  .line-head,
  .total,
  .proration > div {
    display: flex;
    justify-content: space-between;
    gap: calc(var(--paid-spacing) * 2);
  }
  .line-title {
    font-weight: 500;
  }
  .amount {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .line-details {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.9em;
    font-size: 0.88em;
  }
  .proration {
    margin: 0.4em 0 0;
    font-size: 0.9em;
  }
  .proration dd {
    margin: 0;
  }
  .renews {
    font-size: 0.88em;
  }
  .total {
    padding-top: calc(var(--paid-spacing) * 1.5);
    font-size: 1.1em;
    font-weight: 600;
  }
  .recurring,
  .credit-carried {
    margin-top: 0.4em;
    color: var(--paid-color-text-muted);
    font-size: 0.9em;
  }

  /* Fields */
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.3em;
  }
  .field label,
  .currency label,
  .address legend {
    font-weight: 500;
    font-size: 0.93em;
  }
  .address {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: calc(var(--paid-spacing) * 1.5);
  }
  .address legend {
    margin-bottom: var(--paid-spacing);
  }
  .field-line1,
  .field-line2,
  .field-country {
    grid-column: 1 / -1;
  }
  input,
  select {
    font: inherit;
    color: var(--paid-color-text);
    background: var(--paid-color-surface);
    border: 1px solid var(--paid-color-border);
    border-radius: var(--paid-radius);
    padding: 0.55em 0.75em;
    min-height: 2.6em;
    width: 100%;
    min-width: 0;
  }
  .currency select {
    width: auto;
  }
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--paid-color-accent);
    outline-offset: 0;
    border-color: var(--paid-color-accent);
  }
  .invalid input,
  .invalid select {
    border-color: var(--paid-color-danger);
  }
  .field-error {
    color: var(--paid-color-danger);
    font-size: 0.87em;
  }
  input:disabled,
  select:disabled {
    opacity: 0.7;
  }

  /* Payment */
  .payment-fields.pending {
    min-height: 0;
  }
  .payment-loading {
    display: flex;
    flex-direction: column;
    gap: var(--paid-spacing);
  }
  .pay-error {
    color: var(--paid-color-danger);
    border-left: 3px solid var(--paid-color-danger);
    padding: 0.4em 0.8em;
    background: color-mix(in srgb, var(--paid-color-danger) 8%, transparent);
    border-radius: 0 var(--paid-radius) var(--paid-radius) 0;
  }
  .pay-error .actions {
    margin-top: var(--paid-spacing);
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
  .pay {
    width: 100%;
    font-size: 1.05em;
  }
  .pay:hover:not(:disabled),
  .primary:hover {
    filter: brightness(1.08);
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
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  .secure {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    font-size: 0.85em;
  }

  /* Whole-element states */
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    text-align: center;
    gap: var(--paid-spacing);
    max-width: 32em;
    margin: calc(var(--paid-spacing) * 4) auto;
    padding: calc(var(--paid-spacing) * 4) calc(var(--paid-spacing) * 3);
  }
  .customer h2,
  .payment h2,
  .state h2 {
    margin: 0;
  }
  .state h2 {
    font-size: 1.25em;
  }
  .state:focus {
    outline: none;
  }
  .state-icon {
    display: grid;
    place-items: center;
    width: 3em;
    height: 3em;
    border-radius: 50%;
    font-weight: 700;
    font-size: 1.1em;
    color: var(--paid-color-danger);
    background: color-mix(in srgb, var(--paid-color-danger) 12%, transparent);
  }
  .state.success .state-icon,
  .state.calm .state-icon {
    color: var(--paid-color-success);
    background: color-mix(in srgb, var(--paid-color-success) 14%, transparent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: calc(var(--paid-spacing) * 2);
    margin-top: var(--paid-spacing);
  }

  /* Skeleton */
  .skeleton-line,
  .skeleton-block {
    display: block;
    border-radius: var(--paid-radius);
    background: linear-gradient(
      90deg,
      color-mix(in srgb, var(--paid-color-border) 60%, transparent) 25%,
      color-mix(in srgb, var(--paid-color-border) 25%, transparent) 50%,
      color-mix(in srgb, var(--paid-color-border) 60%, transparent) 75%
    );
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }
  .skeleton-line {
    height: 1.2em;
    width: 60%;
  }
  .skeleton-line.wide {
    width: 40%;
  }
  .skeleton-block {
    height: 7em;
  }
  .skeleton-block.tall {
    height: 14em;
  }

  @keyframes shimmer {
    from {
      background-position: 200% 0;
    }
    to {
      background-position: -200% 0;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton-line,
    .skeleton-block,
    .spinner {
      animation: none;
    }
    .tier {
      transition: none;
    }
  }
`;
